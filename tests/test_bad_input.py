"""Bad input: every kind of unusable document is skipped with a one-line warning naming the file and the
reason while the others build; runs with nothing to build fail with one line and no traceback; a failed
or interrupted run leaves no half-written output; a malformed graph file gets a one-line error.
"""
from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from graphbuild import api
from graphbuild.build import build_graph
from graphbuild.cli import app
from graphbuild.errors import GraphFormatError, InputError
from graphbuild.ingest import DocumentFile, find_documents, read_documents
from graphbuild.jsonio import dumps, read_json, write_json

ROOT = Path(__file__).resolve().parents[1]
GOOD = (ROOT / "seeds" / "002_73ea92c62be63d4c.txt").read_text(encoding="utf-8")
# "smart" quotes and an e acute: bytes 0x93/0x94/0xe9 in cp1252, not valid UTF-8.
CP1252_TEXT = "Yuri Shvets said \u201cthe KGB recruited Donald Trump in 1987\u201d, according to Ren\u00e9 Dupont.\n"


def collect():
    messages: list[str] = []
    return messages, messages.append


def no_temp_files(folder: Path) -> list[str]:
    """Names of leftover temp files (the atomic writer's are hidden ``.NAME.*.tmp`` files; the extraction
    cache's folder is no temp file, but its entries are written the same way)."""
    found = [p for p in folder.iterdir() if p.name != ".cache"] + list(folder.glob(".cache/*/*"))
    return sorted(p.name for p in found if p.name.startswith(".") or p.suffix == ".tmp")


def only_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line, got: {text!r}"
    return lines[0]


def unreadable(monkeypatch, name: str) -> None:
    """Make reading the file called ``name`` fail as it would without permission (tests may run as root)."""
    real = pathlib.Path.read_bytes

    def read_bytes(self):
        if self.name == name:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """One good article and one file of every bad kind."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_text("  \n\t\n   \n", encoding="utf-8")
    (folder / "scripts_only.html").write_text("<html><head><title> </title></head><body><script>x()</script></body></html>")
    (folder / "binary.txt").write_bytes(b"GIF89a\x00\x01\x02\x00text")
    (folder / "windows.txt").write_bytes(CP1252_TEXT.encode("cp1252"))
    (folder / "zz_copy_of_good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "locked.txt").write_text("Alnur Mussayev said the KGB recruited Donald Trump.\n")
    return folder


EXPECTED_WARNINGS = {
    "empty.txt": "skipped, empty document",
    "blank.md": "skipped, empty document",
    "scripts_only.html": "skipped, empty document",
    "binary.txt": "skipped, binary file",
    "windows.txt": "not UTF-8, decoded as cp1252",
    "zz_copy_of_good.txt": "skipped, same text as good.txt",
    "locked.txt": "skipped, cannot be read",
}


# --- reading documents -------------------------------------------------------------------------------

def test_each_bad_document_gets_one_warning_naming_file_and_reason(corpus, monkeypatch):
    unreadable(monkeypatch, "locked.txt")
    messages, warn = collect()
    docs = read_documents([corpus], warn)
    assert sorted(d.path for d in docs) == ["good.txt", "windows.txt"]
    assert len(messages) == len(EXPECTED_WARNINGS), messages
    for name, reason in EXPECTED_WARNINGS.items():
        hits = [m for m in messages if name in m.split(":")[0]]
        assert len(hits) == 1, (name, messages)
        assert reason in hits[0], (name, hits[0])
        assert "\n" not in hits[0]
    assert "Permission denied" in next(m for m in messages if "locked.txt" in m)


def test_cp1252_is_decoded_correctly(tmp_path):
    path = tmp_path / "w.txt"
    path.write_bytes(CP1252_TEXT.encode("cp1252"))
    messages, warn = collect()
    [doc] = read_documents([path], warn)
    assert doc.text == CP1252_TEXT
    assert messages == [f"{path}: not UTF-8, decoded as cp1252"]


def test_latin1_is_the_last_resort(tmp_path):
    # 0x81 and 0x8d are undefined in cp1252, so only latin-1 can decode this.
    data = "Caf\u00e9 \u00bb Moscow".encode("latin-1") + b"\x81\x8d\n"
    path = tmp_path / "old.txt"
    path.write_bytes(data)
    messages, warn = collect()
    [doc] = read_documents([path], warn)
    assert doc.text == data.decode("latin-1")
    assert messages == [f"{path}: not UTF-8, decoded as latin-1"]


def test_utf8_with_bom_and_crlf_is_the_same_document_without_warning(tmp_path):
    (tmp_path / "a.txt").write_bytes(GOOD.encode("utf-8"))
    (tmp_path / "b.txt").write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode("utf-8"))
    messages, warn = collect()
    [doc] = read_documents([tmp_path], warn)
    assert doc.path == "a.txt" and doc.text == GOOD
    assert messages == ["b.txt: skipped, same text as a.txt"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_file_without_read_permission_is_skipped(tmp_path):
    (tmp_path / "ok.txt").write_text(GOOD)
    locked = tmp_path / "locked.txt"
    locked.write_text("secret text")
    locked.chmod(0)
    messages, warn = collect()
    try:
        docs = read_documents([tmp_path], warn)
    finally:
        locked.chmod(0o644)
    assert [d.path for d in docs] == ["ok.txt"]
    assert messages == [f"{locked}: skipped, cannot be read (Permission denied)"]


# --- building through the Python API ----------------------------------------------------------------

def test_build_skips_bad_documents_and_builds_the_others(corpus, monkeypatch, fast_model):
    unreadable(monkeypatch, "locked.txt")
    messages, warn = collect()
    graph = build_graph([corpus], warn=warn)
    documents = sorted(d["path"] for _, d in graph.nodes(data=True) if d["label"] == "Document")
    assert documents == ["good.txt", "windows.txt"]
    assert len(messages) == len(EXPECTED_WARNINGS)
    people = {d["name"] for _, d in graph.nodes(data=True) if d["label"] == "Person"}
    assert "Alnur Mussayev" in people  # the good article was really processed
    texts = [e["text"] for *_, d in graph.edges(data=True) for e in d.get("evidence", [])
             if e["document"] == "windows.txt"]
    assert any("\u201cthe KGB" in t for t in texts), texts  # cp1252 quotes decoded, not mojibake


def test_find_documents_keeps_no_text_and_agrees_with_read_documents(corpus, monkeypatch):
    unreadable(monkeypatch, "locked.txt")
    found_messages, warn = collect()
    found = find_documents([corpus], warn)
    read_messages, warn = collect()
    read = read_documents([corpus], warn)
    assert [(f.id, f.path, f.title) for f in found] == [(d.id, d.path, d.title) for d in read]
    assert found_messages == read_messages
    assert not any(hasattr(f, "text") for f in found)
    assert [f.read() for f in found] == read


@pytest.mark.parametrize("workers", [1, 2])
def test_file_changed_or_removed_during_the_build_is_skipped_with_a_warning(tmp_path, fast_model, workers):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b.txt").write_text("Alnur Mussayev said the KGB recruited Donald Trump.\n", encoding="utf-8")
    (folder / "c.txt").write_text("Yuri Shvets said the FSB denied it.\n", encoding="utf-8")

    order: list[str] = []

    def meddle(found) -> None:  # between identifying the documents and parsing them
        assert all(isinstance(f, DocumentFile) for f in found)
        order.extend(f.path for f in found)
        with open(folder / "b.txt", "a", encoding="utf-8") as f:
            f.write("Edited later.\n")
        (folder / "c.txt").unlink()

    events: list[str] = []
    graph = build_graph([folder], workers=workers, warn=events.append, on_documents=meddle,
                        progress=lambda doc: events.append(doc.path))
    assert sorted(d["path"] for _, d in graph.nodes(data=True) if d["label"] == "Document") == ["a.txt"]
    skipped = {name: f"{folder / name}: skipped, changed or removed during the build" for name in ("b.txt", "c.txt")}
    # in document order, each skipped file's warning just before its progress step, with either worker count
    assert events == [e for path in order for e in ([skipped[path]] if path in skipped else []) + [path]]


def test_every_file_changed_during_the_build_is_nothing_to_build(tmp_path, fast_model):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    with pytest.raises(InputError, match="nothing to build: every document changed or vanished during the build"):
        build_graph([tmp_path], on_documents=lambda found: (tmp_path / "a.txt").write_text("Other text."))


@pytest.mark.parametrize("make, message", [
    (lambda p: None, "folder holds no document graphbuild reads (.txt, .md, .html, .pdf, .docx, .jsonl, .csv)"),
    (lambda p: (p / "notes.doc").write_bytes(b"\xd0\xcf\x11\xe0"), "folder holds no document graphbuild reads"),
    (lambda p: ((p / "a.txt").write_text(""), (p / "b.md").write_bytes(b"\x00\x00")), "nothing to build"),
])
def test_nothing_to_build_raises_one_line_input_error(tmp_path, make, message):
    folder = tmp_path / "in"
    folder.mkdir()
    make(folder)
    with pytest.raises(InputError) as info:
        build_graph([folder], model="no_such_model_is_loaded_before_reading")
    assert message in str(info.value)
    assert str(folder) in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_path_raises_input_error_naming_it(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(InputError, match="no such file or folder") as info:
        build_graph([missing])
    assert str(missing) in str(info.value)


# --- the command line ---------------------------------------------------------------------------------

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, ["build", *args], catch_exceptions=True)


def test_cli_warns_per_bad_file_and_builds_the_rest(corpus, tmp_path, monkeypatch, fast_model):
    unreadable(monkeypatch, "locked.txt")
    out = tmp_path / "out"
    result = invoke(str(corpus), "--out", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == len(EXPECTED_WARNINGS), result.stderr
    for name, reason in EXPECTED_WARNINGS.items():
        assert any(name in w and reason in w for w in warnings), (name, warnings)
    assert "Traceback" not in result.output
    graph = read_json(out / "graph.json")
    assert sum(d["label"] == "Document" for _, d in graph.nodes(data=True)) == 2
    assert (out / "graph.html").is_file()
    assert no_temp_files(out) == []


@pytest.mark.parametrize("case", ["missing", "empty_folder", "unsupported_only", "all_bad", "missing_among_good"])
def test_cli_user_errors_exit_1_with_one_line_and_no_output(tmp_path, case):
    folder = tmp_path / "in"
    folder.mkdir()
    args = [str(folder)]
    if case == "missing":
        args = [str(tmp_path / "missing")]
    elif case == "unsupported_only":
        (folder / "a.docx").write_bytes(b"PK\x03\x04")
    elif case == "all_bad":
        (folder / "a.txt").write_text("   ")
        (folder / "b.txt").write_bytes(b"\x00")
    elif case == "missing_among_good":
        (folder / "good.txt").write_text(GOOD)
        args = [str(folder), str(tmp_path / "gone.md")]
    out = tmp_path / "out"
    result = invoke(*args, "--out", str(out))
    assert result.exit_code == 1
    assert type(result.exception) is SystemExit  # handled: not an unexpected exception
    errors = [line for line in result.stderr.splitlines() if not line.startswith("warning:")]
    assert len(errors) == 1 and errors[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output
    assert not (out / "graph.json").exists()


def test_cli_unknown_model_is_a_one_line_error(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    result = invoke(str(tmp_path / "a.txt"), "--out", str(tmp_path / "new" / "out"), "--model", "xx_no_such_model",
                    "-q")
    assert result.exit_code == 1
    assert type(result.exception) is SystemExit
    line = only_line(result.stderr)
    assert line.startswith("error: ") and "xx_no_such_model" in line and "pip install" in line
    # the output folder was locked (so created) before the model failed to load: it is gone again
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_a_failed_build_keeps_an_output_folder_that_was_there(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "out").mkdir()
    result = invoke(str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "--model", "xx_no_such_model", "-q")
    assert result.exit_code == 1 and (tmp_path / "out").is_dir() and list((tmp_path / "out").iterdir()) == []


def test_cli_debug_shows_the_exception(tmp_path):
    result = invoke(str(tmp_path / "missing"), "--out", str(tmp_path / "out"), "--debug")
    assert result.exit_code != 0
    assert isinstance(result.exception, InputError)


def test_real_cli_prints_one_line_and_no_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "graphbuild", "build", str(tmp_path / "missing"), "--out",
                           str(tmp_path / "out")], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert only_line(proc.stderr) == f"error: {tmp_path / 'missing'}: no such file or folder"


def test_cli_out_path_that_is_a_file_is_a_one_line_error(tmp_path, fast_model):
    (tmp_path / "a.txt").write_text(GOOD)
    not_a_folder = tmp_path / "taken"
    not_a_folder.write_text("keep me")
    result = invoke(str(tmp_path / "a.txt"), "--out", str(not_a_folder), "-q")
    assert result.exit_code == 1
    assert type(result.exception) is SystemExit
    assert only_line(result.stderr).startswith("error: ")
    assert not_a_folder.read_text() == "keep me"


# --- atomic output --------------------------------------------------------------------------------------

def chunks_then_fail(real, error: BaseException):
    """A stand-in for ``page_chunks`` that gives the real page's first pieces, flushed to disk, then fails."""
    def chunks(*args, **options):
        for i, piece in enumerate(real(*args, **options)):
            if i == 3:
                raise error
            yield piece
    return chunks


def dump_half_then_fail(error: BaseException):
    """A stand-in for ``json.dump`` that streams half of the text into the file, then fails."""
    def dump(obj, f, **options):
        text = json.dumps(obj, **options)
        f.write(text[: len(text) // 2])
        f.flush()
        raise error
    return dump


@pytest.fixture
def previous_run(tmp_path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.json").write_text("OLD JSON")
    (out / "graph.html").write_text("OLD HTML")
    return out


def small_graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(generator="graphbuild")
    graph.add_node("person:a", label="Person", name="A", aliases=[])
    return graph


def test_html_writer_failing_midway_leaves_no_partial_file(previous_run, monkeypatch):
    import graphbuild.exporters.html as html
    monkeypatch.setattr(html, "page_chunks", chunks_then_fail(html.page_chunks, OSError(28, "No space left on device")))
    with pytest.raises(OSError):
        api.write_outputs(small_graph(), previous_run)
    assert (previous_run / "graph.html").read_text() == "OLD HTML"
    assert no_temp_files(previous_run) == []
    # graph.json was finished before the HTML writer started: it is whole, never half-written
    assert read_json(previous_run / "graph.json").number_of_nodes() == 1


def test_json_writer_failing_midway_keeps_the_old_file(previous_run, monkeypatch):
    monkeypatch.setattr("graphbuild.jsonio.json.dump", dump_half_then_fail(RuntimeError("boom")))
    with pytest.raises(RuntimeError):
        api.write_outputs(small_graph(), previous_run)
    assert (previous_run / "graph.json").read_text() == "OLD JSON"
    assert (previous_run / "graph.html").read_text() == "OLD HTML"
    assert no_temp_files(previous_run) == []


def test_cli_interrupted_while_writing_exits_130_and_leaves_old_outputs(tmp_path, previous_run, monkeypatch, fast_model):
    (tmp_path / "a.txt").write_text(GOOD)
    monkeypatch.setattr("graphbuild.jsonio.json.dump", dump_half_then_fail(KeyboardInterrupt()))
    result = invoke(str(tmp_path / "a.txt"), "--out", str(previous_run), "-q")
    assert result.exit_code == 130
    assert only_line(result.stderr) == "error: interrupted"
    assert (previous_run / "graph.json").read_text() == "OLD JSON"
    assert no_temp_files(previous_run) == []


def test_cli_html_failure_leaves_no_half_written_html(tmp_path, previous_run, monkeypatch, fast_model):
    (tmp_path / "a.txt").write_text(GOOD)
    import graphbuild.exporters.html as html
    monkeypatch.setattr(html, "page_chunks", chunks_then_fail(html.page_chunks, RuntimeError("renderer broke")))
    result = invoke(str(tmp_path / "a.txt"), "--out", str(previous_run), "-q")
    assert result.exit_code != 0
    assert (previous_run / "graph.html").read_text() == "OLD HTML"
    assert no_temp_files(previous_run) == []
    json.loads((previous_run / "graph.json").read_text())  # complete, parseable


def test_interrupt_during_nlp_writes_nothing(tmp_path, monkeypatch, fast_model):
    (tmp_path / "a.txt").write_text(GOOD)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("graphbuild.build.extract_document", interrupted)
    out = tmp_path / "out"
    result = invoke(str(tmp_path / "a.txt"), "--out", str(out), "-q")
    assert result.exit_code == 130
    assert not out.exists() or list(out.iterdir()) == []


# --- malformed graph files --------------------------------------------------------------------------------

NODE = {"id": "person:a", "label": "Person", "name": "A", "aliases": []}
BAD_GRAPHS = {
    "not_json.json": ("{ nodes: [", "not valid JSON (line 1, column 3"),
    "empty.json": ("", "not valid JSON"),
    "list.json": ("[1, 2]", "not a graphbuild graph"),
    "no_nodes.json": ('{"edges": []}', "'nodes' list"),
    "networkx_links_missing.json": ('{"nodes": []}', "'edges' list"),
    "node_without_id.json": (json.dumps({"nodes": [{"label": "Person"}], "edges": []}), "node 0 has no string 'id'"),
    "foreign_node.json": (json.dumps({"nodes": [{"id": 1}], "edges": []}), "node 0 has no string 'id'"),
    "unknown_label.json": (json.dumps({"nodes": [{**NODE, "label": "Spaceship"}], "edges": []}), "unknown label 'Spaceship'"),
    "no_name.json": (json.dumps({"nodes": [{**NODE, "name": None}], "edges": []}), "no string 'name'"),
    "aliases_string.json": (json.dumps({"nodes": [{**NODE, "aliases": "A"}], "edges": []}), "'aliases' that is not a list"),
    "edge_not_object.json": (json.dumps({"nodes": [NODE], "edges": [3]}), "edge 0 is not an object"),
    "unknown_type.json": (json.dumps({"nodes": [NODE], "edges": [{"source": "person:a", "target": "person:a", "type": "LIKES"}]}),
                          "edge 0 has unknown type 'LIKES'"),
    "dangling.json": (json.dumps({"nodes": [NODE], "edges": [{"source": "person:a", "target": "person:b", "type": "ABOUT"}]}),
                      "not in the graph"),
    "bad_evidence.json": (json.dumps({"nodes": [NODE], "edges": [{"source": "person:a", "target": "person:a", "type": "ABOUT",
                                                                  "evidence": "see text"}]}), "evidence that is not a list"),
    # JSON has no NaN or infinity; Python's parser takes them (and turns 1e400 into infinity) unless told not to
    "nan.json": ('{"nodes": [{"id": "person:a", "label": "Person", "name": "NaN", "aliases": [], "age": NaN}],\n'
                 ' "edges": []}', "not valid JSON (line 1, column 87: NaN is not a finite number)"),
    "infinity.json": ('{"nodes": [NODE],\n "edges": [{"source": "person:a", "target": "person:a", "type": "ABOUT",\n'
                      '  "evidence": [{"start": -Infinity}]}]}'.replace("NODE", json.dumps(NODE)),
                      "not valid JSON (line 3, column 26: -Infinity is not a finite number)"),
    "overflow.json": ('{"nodes": [], "edges": [], "graph": {"weight": 1.5e400}}',
                      "not valid JSON (line 1, column 48: 1.5e400 is not a finite number)"),
    "huge_integer.json": ('{"nodes": [], "edges": [], "graph": {"n": ' + "9" * 5000 + "}}", "not valid JSON ("),
}


@pytest.mark.parametrize("name", sorted(BAD_GRAPHS))
def test_read_json_rejects_malformed_graph_with_one_line(tmp_path, name):
    text, expected = BAD_GRAPHS[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GraphFormatError) as info:
        read_json(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert expected in message
    assert "\n" not in message


def test_read_json_missing_non_utf8_and_folder(tmp_path):
    with pytest.raises(GraphFormatError, match="no such file"):
        read_json(tmp_path / "none.json")
    (tmp_path / "latin.json").write_bytes(b'{"nodes": [], "edges": [], "graph": {"x": "\xe9"}}')
    with pytest.raises(GraphFormatError, match="cannot be read"):
        read_json(tmp_path / "latin.json")
    with pytest.raises(GraphFormatError, match="cannot be read"):
        read_json(tmp_path)


def test_read_json_rejects_networkx_node_link_data_of_a_foreign_graph(tmp_path):
    foreign = nx.karate_club_graph()
    path = tmp_path / "karate.json"
    path.write_text(json.dumps(nx.node_link_data(foreign, edges="edges")))
    with pytest.raises(GraphFormatError, match="has no string 'id'|unknown label"):
        read_json(path)


def test_read_json_round_trips_a_written_graph(tmp_path):
    graph = small_graph()
    graph.add_node("document:0123456789abcdef", label="Document", name="t", aliases=[], path="a.txt")
    graph.add_edge("person:a", "document:0123456789abcdef", key="MENTIONED_IN", type="MENTIONED_IN", mentions=2,
                   evidence=[{"document": "a.txt", "document_id": "0123456789abcdef", "text": "A.", "start": 0, "end": 2}])
    path = write_json(graph, tmp_path / "g.json")
    assert dumps(read_json(path)) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("meta", [[1, 2], "abc", 3])
def test_read_json_graph_attributes_not_an_object(tmp_path, meta):
    path = tmp_path / "g.json"
    path.write_text(json.dumps({"nodes": [], "edges": [], "graph": meta}))
    with pytest.raises(GraphFormatError, match="graph"):
        read_json(path)


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv", "cypher", "html"])
def test_a_nan_in_a_graph_file_stops_every_export_with_one_line(tmp_path, fmt):
    path = tmp_path / "graph.json"
    path.write_text(BAD_GRAPHS["nan.json"][0], encoding="utf-8")
    result = CliRunner().invoke(app, ["export", str(path), "--format", fmt])
    assert result.exit_code == 1, result.output
    assert only_line(result.stderr) == f"error: {path}: not valid JSON (line 1, column 87: NaN is not a finite number)"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.json"]  # nothing written


def test_write_json_refuses_a_nan_and_writes_nothing(tmp_path):
    graph = small_graph()
    graph.nodes["person:a"]["score"] = float("nan")
    with pytest.raises(GraphFormatError, match="not written, the graph holds a number JSON cannot carry"):
        write_json(graph, tmp_path / "g.json")
    assert list(tmp_path.iterdir()) == []


def test_read_json_deeply_nested(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(GraphFormatError):
        read_json(path)


def test_read_json_aliases_must_be_strings(tmp_path):
    path = tmp_path / "g.json"
    path.write_text(json.dumps({"nodes": [{**NODE, "aliases": [{"x": 1}]}], "edges": []}))
    with pytest.raises(GraphFormatError, match="aliases"):
        read_json(path)
