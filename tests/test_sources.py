"""Which files a build reads and under what name: paths relative to the folder given, the build's own
outputs left out, byte-order marks, links to folders, and formats known by name that have no reader."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphbuild import formats
from graphbuild.build import build_graph
from graphbuild.cli import app
from graphbuild.errors import InputError
from graphbuild.formats import Format
from graphbuild.ingest import find_documents, read_documents
from graphbuild.jsonio import read_json

from test_bad_input import GOOD, ROOT, collect

OTHER = "Yuri Shvets said the KGB recruited Donald Trump in 1987.\n"


def documents_and_evidence(graph) -> tuple[dict[str, str], set[tuple[str, str]]]:
    """Document id -> Document path, and every (evidence document, document id) pair."""
    paths = {d["document_id"]: d["path"] for _, d in graph.nodes(data=True) if d["label"] == "Document"}
    cited = {(e["document"], e["document_id"]) for *_, d in graph.edges(data=True) for e in d.get("evidence", [])}
    return paths, cited


# --- names relative to the folder given ------------------------------------------------------------------

def test_files_of_the_same_name_in_two_folders_keep_their_relative_paths(tmp_path, fast_model):
    corpus = tmp_path / "corpus"
    for sub, text in (("x", GOOD), ("y", OTHER)):
        (corpus / sub).mkdir(parents=True)
        (corpus / sub / "report.txt").write_text(text, encoding="utf-8")
    for sources in ([corpus], [corpus / "x", corpus / "y"]):
        graph = build_graph(sources)
        paths, cited = documents_and_evidence(graph)
        assert sorted(paths.values()) == ["x/report.txt", "y/report.txt"], sources
        assert cited and {name for name, _ in cited} == {"x/report.txt", "y/report.txt"}
        assert all(paths[doc_id] == name for name, doc_id in cited)  # evidence names the document's own path


def test_a_single_file_is_named_by_its_file_name_and_overlapping_sources_count_a_file_once(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(GOOD, encoding="utf-8")
    messages, warn = collect()
    assert [d.path for d in read_documents([tmp_path / "sub" / "a.txt"], warn)] == ["a.txt"]
    assert [d.path for d in read_documents([tmp_path, tmp_path / "sub"], warn)] == ["sub/a.txt"]
    assert messages == []


# --- the build's own outputs -------------------------------------------------------------------------------

def test_an_output_folder_inside_the_sources_is_not_read_back(tmp_path, fast_model):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "article.txt").write_text(GOOD, encoding="utf-8")
    out = corpus / "out"
    runner = CliRunner()
    first = runner.invoke(app, ["build", str(corpus), "--out", str(out), "-q"])
    assert first.exit_code == 0, first.output
    graph_json = (out / "graph.json").read_text(encoding="utf-8")
    again = runner.invoke(app, ["build", str(corpus), "--out", str(out), "-q"])
    assert again.exit_code == 0, again.output
    assert f"warning: {out}: skipped, the output folder of this build" in again.stderr
    assert (out / "graph.json").read_text(encoding="utf-8") == graph_json  # still one document: the article
    assert [d["path"] for _, d in read_json(out / "graph.json").nodes(data=True) if d["label"] == "Document"] == [
        "article.txt"]


def test_a_graph_page_graphbuild_wrote_is_not_a_document(tmp_path, fast_model):
    out = tmp_path / "first"
    assert CliRunner().invoke(app, ["build", str(ROOT / "seeds" / "002_73ea92c62be63d4c.txt"), "--out", str(out),
                                    "-q"]).exit_code == 0
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "article.txt").write_text(OTHER, encoding="utf-8")
    (corpus / "saved-graph.html").write_bytes((out / "graph.html").read_bytes())
    messages, warn = collect()
    assert [d.path for d in find_documents([corpus], warn)] == ["article.txt"]
    assert messages == [f"{corpus / 'saved-graph.html'}: skipped, a graph page graphbuild wrote"]


# --- encodings -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-16-le", "utf-32", "utf-32-be", "utf-32-le"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_decoded(tmp_path, encoding):
    data = "\ufeff".encode(encoding) if not encoding.endswith(("16", "32")) else b""
    data += GOOD.replace("\n", "\r\n").encode(encoding)
    path = tmp_path / "wide.txt"
    path.write_bytes(data)
    assert data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:4] in (b"\x00\x00\xfe\xff",)
    messages, warn = collect()
    [doc] = read_documents([path], warn)
    assert doc.text == GOOD and messages == []


def test_an_html_page_in_utf16_is_decoded_then_stripped(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes("<html><head><title>Spies</title></head><body><p>Olga Petrova said so.</p></body></html>"
                     .encode("utf-16"))
    [doc] = read_documents([path])
    assert (doc.title, doc.text) == ("Spies", "Olga Petrova said so.")


def test_a_broken_utf16_file_is_skipped_with_one_warning(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(b"\xff\xfe" + "Olga".encode("utf-16-le") + b"\x00")  # odd length: a byte short
    messages, warn = collect()
    with pytest.raises(InputError, match="nothing to build"):
        build_graph([path], warn=warn)
    assert messages == [f"{path}: skipped, not valid UTF-16 after its byte-order mark (byte 10)"]


# --- links to folders ------------------------------------------------------------------------------------

def test_links_to_folders_are_followed_once_and_loops_and_broken_links_are_reported(tmp_path):
    corpus, elsewhere = tmp_path / "corpus", tmp_path / "elsewhere"
    (corpus / "real").mkdir(parents=True)
    elsewhere.mkdir()
    (corpus / "real" / "a.txt").write_text(GOOD, encoding="utf-8")
    (elsewhere / "b.txt").write_text(OTHER, encoding="utf-8")
    os.symlink(elsewhere, corpus / "linked")  # a folder outside the corpus
    os.symlink(corpus, corpus / "real" / "up")  # back to the top: a loop
    os.symlink(corpus / "real", corpus / "again")  # the same folder a second time
    os.symlink(tmp_path / "gone", corpus / "dangling")
    messages, warn = collect()
    docs = read_documents([corpus], warn)
    assert sorted(d.path for d in docs) == ["linked/b.txt", "real/a.txt"]
    assert sorted(messages) == sorted([
        f"{corpus / 'again'}: skipped, a symbolic link to {corpus / 'real'}, which is read already",
        f"{corpus / 'real' / 'up'}: skipped, a symbolic link loop (it leads back to {corpus})",
        f"{corpus / 'dangling'}: skipped, broken symbolic link (to {tmp_path / 'gone'})",
    ])


def test_a_broken_link_given_by_name_is_a_one_line_error(tmp_path):
    os.symlink(tmp_path / "gone.txt", tmp_path / "link.txt")
    with pytest.raises(InputError, match=r"link.txt: broken symbolic link$"):
        read_documents([tmp_path / "link.txt"])


# --- formats known by name ---------------------------------------------------------------------------------

BINARY = {"report.rtf": b"{\\rtf1\\ansi\nAlnur Mussayev said so.\n}",
          "memo.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 Alnur Mussayev said so.",
          "photo.jpg": b"\xff\xd8\xff\xe0JFIF Alnur Mussayev", "bundle.zip": b"PK\x03\x04 Alnur Mussayev said so."}
KINDS = {"report.rtf": "RTF document", "memo.doc": "Word 97-2003 document", "photo.jpg": "image", "bundle.zip": "archive"}


def test_known_binary_formats_given_by_name_are_skipped_with_a_warning(tmp_path, fast_model):
    for name, data in BINARY.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    messages, warn = collect()
    graph = build_graph([tmp_path / name for name in [*BINARY, "good.txt"]], warn=warn)
    assert [d["path"] for _, d in graph.nodes(data=True) if d["label"] == "Document"] == ["good.txt"]
    assert sorted(messages) == sorted(f"{tmp_path / name}: skipped, {KINDS[name]}: graphbuild has no reader for "
                                      "this format" for name in BINARY)
    with pytest.raises(InputError, match="nothing to build"):
        build_graph([tmp_path / "report.rtf"], warn=warn)


def test_known_formats_in_a_folder_are_counted_in_one_warning(tmp_path):
    for name, data in BINARY.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "notes2.rtf").write_bytes(BINARY["report.rtf"])
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    messages, warn = collect()
    assert [d.path for d in read_documents([tmp_path], warn)] == ["good.txt"]
    assert messages == [f"{tmp_path}: skipped 2 RTF documents, 1 Word 97-2003 document, 1 archive, 1 image: "
                        "graphbuild has no reader for them"]


def test_a_reader_claims_a_known_format(tmp_path, monkeypatch):
    def read_rtf(data: bytes, path: Path, warn) -> str:
        return data.decode("latin-1").splitlines()[1]  # a stand-in reader: the second line is the text

    monkeypatch.setitem(formats.FORMATS, ".rtf", Format("RTF document", read_rtf))
    (tmp_path / "report.rtf").write_bytes(BINARY["report.rtf"])
    messages, warn = collect()
    [doc] = read_documents([tmp_path], warn)  # found in a folder now, and read by the reader
    assert (doc.path, doc.text) == ("report.rtf", "Alnur Mussayev said so.") and messages == []
