"""Documents longer than the model takes at once are parsed in pieces; evidence offsets still point at the
verbatim sentence in the whole document."""
from __future__ import annotations

from functools import partial
from pathlib import Path

from hypothesis import given, settings, strategies as st

from graphbuild import nlp as nlp_module
from graphbuild.build import build_graph
from graphbuild.nlp import parse, pieces

ROOT = Path(__file__).resolve().parents[1]
SHORT = (ROOT / "seeds" / "002_73ea92c62be63d4c.txt").read_text(encoding="utf-8")
LONG = (ROOT / "seeds" / "000_8e0a06ce3343de09.txt").read_text(encoding="utf-8")


def build_one(path: Path):
    """Build a graph of one file; return the graph and the document text evidence refers to."""
    seen = []
    graph = build_graph([path], on_documents=seen.extend)
    [doc] = seen
    return graph, doc.read().text


def record_batches(nlp, monkeypatch) -> list[list[str]]:
    """The texts of each batch the model is given from now on, in order."""
    batches: list[list[str]] = []
    real_pipe = type(nlp).pipe

    def recording_pipe(self, texts, **options):
        texts = list(texts)
        batches.append(texts)
        return real_pipe(self, texts, **options)

    monkeypatch.setattr(type(nlp), "pipe", recording_pipe)
    return batches


def all_evidence(graph) -> list[dict]:
    return [e for *_, d in graph.edges(data=True) for e in d.get("evidence", [])]


def test_document_beyond_spacy_max_length_builds_with_exact_offsets(tmp_path, fast_model):
    # Over a million characters (spaCy's max_length) but few tokens, so it stays quick: the article,
    # 250 lines of very long "words", the article again.
    filler = "\n".join(("data" * 250 + " ") * 4 for _ in range(250))
    text = SHORT + "\n\n" + filler + "\n\n" + SHORT
    assert len(text) > fast_model.max_length
    path = tmp_path / "huge.txt"
    path.write_text(text, encoding="utf-8")
    graph, doc_text = build_one(path)
    assert doc_text == text
    evidence = all_evidence(graph)
    assert evidence
    for e in evidence:
        assert e["text"] == doc_text[e["start"]:e["end"]]
    tail = len(text) - len(SHORT)
    late = [e for e in evidence if e["start"] >= tail]
    assert late, "the copy of the article after the first million characters produced no evidence"
    assert any("Mussayev" in e["text"] for e in late)


def test_pieces_far_below_the_limit_keep_offsets(tmp_path, monkeypatch, fast_model):
    calls = []
    small = partial(pieces, limit=2_000)

    def counting(text, limit=None):
        out = small(text)
        calls.append(len(out))
        return out

    monkeypatch.setattr(nlp_module, "pieces", counting)
    text = LONG + "\n" + SHORT
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    graph, doc_text = build_one(path)
    assert calls and calls[0] >= len(text) // 2_000
    evidence = all_evidence(graph)
    for e in evidence:
        assert e["text"] == doc_text[e["start"]:e["end"]], e
    starts = {e["start"] // 2_000 for e in evidence}
    assert len(starts) >= 5, "evidence should come from many pieces"
    assert any(e["start"] > len(LONG) for e in evidence)  # the appended article, in the last pieces
    names = {d["name"] for _, d in graph.nodes(data=True) if d["label"] == "Person"}
    assert {"Alnur Mussayev", "Donald Trump"} <= names


def test_parse_groups_pieces_per_text_at_their_offsets(nlp, monkeypatch):
    monkeypatch.setattr(nlp_module, "pieces", partial(pieces, limit=1_000))
    long_text = "\n\n".join([SHORT] * 3)
    texts = ["A short one.", long_text, "Another short one."]
    groups = list(parse(nlp, texts, batch_size=2))
    assert [len(g) for g in groups][0::2] == [1, 1]
    assert len(groups[1]) >= len(long_text) // 1_000
    for text, group in zip(texts, groups):
        assert [offset for offset, _ in group][0] == 0
        for offset, doc in group:
            assert doc.text == text[offset:offset + len(doc.text)]
        assert "".join(doc.text for _, doc in group) == text


@settings(max_examples=200, deadline=None)
@given(text=st.text(st.sampled_from("ab \n\u00e9\u2028"), max_size=300), limit=st.integers(1, 40))
def test_pieces_cover_the_text_exactly(text, limit):
    parts = pieces(text, limit=limit)
    assert "".join(p for _, p in parts) == text
    offset = 0
    for start, piece in parts:
        assert start == offset
        assert 0 < len(piece) <= limit or len(parts) == 1
        offset += len(piece)
    for _, piece in parts[:-1]:
        if any(c in piece[1:] for c in " \n"):
            assert piece[-1] in " \n", (piece, limit)  # cut after a break when the piece has one


def test_max_piece_setting_is_honoured(nlp, monkeypatch):
    monkeypatch.setattr(nlp_module, "MAX_PIECE", 2_000)
    [parsed] = list(parse(nlp, [LONG]))
    assert len(parsed) > 1


def test_a_long_document_reaches_the_model_in_batches_of_bounded_text(nlp, monkeypatch):
    # The model's working memory grows with the text of a batch: a long document's pieces must not
    # come in batches bigger than those of a corpus of articles.
    monkeypatch.setattr(nlp_module, "MAX_PIECE", 3_000)
    monkeypatch.setattr(nlp_module, "BATCH_CHARS", 7_000, raising=False)
    batches = record_batches(nlp, monkeypatch)
    long_text = "\n\n".join([LONG] * 2)
    [parsed] = list(parse(nlp, [long_text], batch_size=8))
    assert "".join(doc.text for _, doc in parsed) == long_text
    sizes = [sum(len(t) for t in batch) for batch in batches]
    assert len(parsed) >= len(long_text) // 3_000 and len(batches) > 1
    assert max(sizes) <= 7_000, sizes
    assert max(len(batch) for batch in batches) <= 8


def test_a_long_documents_pieces_reach_the_model_one_at_a_time_and_short_texts_together(nlp, monkeypatch):
    # A long document's pieces are all held until it is extracted: the working memory of a batch of
    # several pieces would come on top of them (at 2 MB, 70 MB more peak memory than one piece a batch).
    monkeypatch.setattr(nlp_module, "MAX_PIECE", 3_000)
    batches = record_batches(nlp, monkeypatch)
    long_text = "\n\n".join([LONG] * 2)
    shorts = ["One short text.", "Another short text.", "A third.", "And a fourth."]
    groups = list(parse(nlp, [*shorts[:2], long_text, *shorts[2:]], batch_size=8))
    assert [len(g) for g in groups][:2] == [1, 1] and len(groups[2]) > 2
    assert batches[0] == shorts[:2] and batches[-1] == shorts[2:]
    assert [len(batch) for batch in batches[1:-1]] == [1] * len(groups[2])
    assert "".join(batch[0] for batch in batches[1:-1]) == long_text


def test_the_model_has_finished_its_batches_when_a_text_is_handed_on(nlp, monkeypatch):
    # A paused nlp.pipe holds the working memory of its batch; a long document's pieces wait for
    # extraction on top of it unless the pipe has run to its end.
    monkeypatch.setattr(nlp_module, "MAX_PIECE", 3_000)
    running: list[bool] = []
    real_pipe = type(nlp).pipe

    def watched_pipe(self, texts, **options):
        running.append(True)
        yield from real_pipe(self, texts, **options)
        running[-1] = False

    monkeypatch.setattr(type(nlp), "pipe", watched_pipe)
    texts = ["A short one.", "\n\n".join([LONG] * 2), "Another short one."]
    for text, group in zip(texts, parse(nlp, texts, batch_size=8)):
        assert "".join(doc.text for _, doc in group) == text
        assert running and not any(running), running


def test_parsed_pieces_keep_no_token_vectors(nlp):
    # Extraction reads tags, parses and entities; a long document's pieces are all held until it is
    # extracted, and the shared token vectors would be most of their memory.
    [[(_, doc)]] = list(parse(nlp, [SHORT]))
    assert doc.tensor.size == 0
    assert any(t.dep_ == "nsubj" for t in doc) and doc.ents


def test_pieces_end_at_line_breaks_where_sentences_end():
    # A cut at a space splits a sentence in two; the model never sees a sentence across a line break.
    text = "First line of the text\n" + "a long second line with many words " * 3
    parts = pieces(text, limit=60)
    assert parts[0][1] == "First line of the text\n"
    assert "".join(p for _, p in parts) == text
    for offset, piece in pieces(LONG, limit=2_000)[:-1]:
        assert piece.endswith("\n"), piece[-60:]
