"""Corpus files, one document per JSON Lines line or CSV row: fields by name or by a mapping, a warning
naming the file and line for each bad one while the rest build, names by row id or line, and each
row read again alone when the model takes it."""
from __future__ import annotations

import json
import re
import shlex

import pytest
from typer.testing import CliRunner

from graphbuild.build import build_graph
from graphbuild.cli import app
from graphbuild.errors import InputError
from graphbuild.ingest import document_id, find_documents, read_documents
from graphbuild.metadata import Metadata
from graphbuild.readers.records import field_mapping

from test_bad_input import ROOT, collect

ROW1 = {"id": "w1", "title": "Minister accused", "url": "https://wire.example.org/1", "source": "Wire Service",
        "published": "2024-03-14T09:30:00+01:00", "author": "Marta Vell",
        "text": "The anti-corruption bureau said deputy minister Tomas Brenner had accepted bribes from a shipping firm."}
ROW3 = {"id": "w3", "published": "2024-03-15", "outlet": "Harbour Ledger",
        "text": "Brenner denied the allegations.\nHe said he had never met the firm's owners."}
ROW4 = {"text": "Investigator Lena Korhonen said the payments were routed through shell companies.",
        "published": "2024-03-16", "extra": {"tags": ["ports"]}}


def wire_jsonl() -> str:
    return "\n".join([json.dumps(ROW1), '{"id": "w2", "text": "Brenner denied', json.dumps(ROW3), "",
                      json.dumps(ROW4), '["not", "an", "object"]', json.dumps({"id": "w6", "text": ""}),
                      json.dumps({"id": "w7", "text": 42}), json.dumps({"id": "w8", "text": "x", "published": "March"})]) + "\n"


def test_a_jsonl_corpus_is_a_document_a_line_and_each_bad_line_a_warning(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(wire_jsonl(), encoding="utf-8")
    messages, warn = collect()
    docs = read_documents([tmp_path], warn)
    assert messages == [
        f"{path}: line 2: skipped, not valid JSON (Unterminated string starting at column 22)",
        f"{path}: line 6: skipped, not a JSON object (a list)",
        f"{path}: line 7: skipped, no text",
        f"{path}: line 8: skipped, its text is a int, not a string",
        f"{path}: line 9: published 'March' is not an ISO 8601 date; left out",
    ]
    by_path = {d.path: d for d in docs}
    assert sorted(by_path) == ["wire.jsonl#w1", "wire.jsonl#w3", "wire.jsonl#w8", "wire.jsonl:5"]
    first, third, fifth = by_path["wire.jsonl#w1"], by_path["wire.jsonl#w3"], by_path["wire.jsonl:5"]
    assert first.id == document_id(ROW1["text"]) and first.text == ROW1["text"]  # its own content-hash id
    assert first.title == "Minister accused"
    assert first.meta == Metadata(title="Minister accused", url=ROW1["url"], published="2024-03-14T08:30:00Z",
                                  outlet="Wire Service", author="Marta Vell")  # "source" is the outlet; UTC
    assert third.title == "Brenner denied the allegations." and third.meta.outlet == "Harbour Ledger"
    assert fifth.meta.published == "2024-03-16" and by_path["wire.jsonl#w8"].meta.published is None


def test_rows_are_read_again_alone_and_a_changed_row_is_not_taken(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text(wire_jsonl(), encoding="utf-8")
    found = {d.path: d for d in find_documents([path])}
    assert {p: d.read().text for p, d in found.items()} == {d.path: d.text for d in read_documents([path])}
    path.write_text(wire_jsonl().replace("shell companies", "front companies"), encoding="utf-8")  # line 5
    assert found["wire.jsonl#w1"].read().text == ROW1["text"]
    with pytest.raises(InputError) as caught:
        found["wire.jsonl:5"].read()
    assert str(caught.value) == f"{path}: line 5: skipped, changed or removed during the build"


CSV = ('headline;body;date;site\n'
       '"Minister accused";"The bureau said ""Tomas Brenner"" had accepted bribes.";2024-03-14;Wire Service\n'
       'only;two\n'
       '"Denial";"Brenner denied the allegations.\nHe said he had never met the owners.";2024-03-15;Harbour Ledger\n'
       '"Broken";"A stray "quote" here";2024-03-16;Wire Service\n'
       '\n'
       '"Investigator";"Lena Korhonen said the payments were routed through shell companies.";;Wire Service\n')


def test_a_csv_corpus_with_a_column_mapping_and_a_malformed_row(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(CSV, encoding="utf-8")
    messages, warn = collect()
    docs = read_documents([path], warn, fields=field_mapping(["text=body", "title=headline"]))
    assert messages == [f"{path}: line 3: skipped, 2 fields where the header has 4",
                        f"{path}: line 6: skipped, not valid CSV (';' expected after '\"')"]
    by_path = {d.path: d for d in docs}
    assert sorted(by_path) == ["export.csv:2", "export.csv:4", "export.csv:8"]  # a row is named by its first line
    assert by_path["export.csv:2"].text == 'The bureau said "Tomas Brenner" had accepted bribes.'
    assert by_path["export.csv:2"].meta == Metadata(title="Minister accused", published="2024-03-14", outlet="Wire Service")
    assert by_path["export.csv:4"].text == "Brenner denied the allegations.\nHe said he had never met the owners."
    assert by_path["export.csv:8"].meta.published is None  # an empty cell is no date
    again = {d.path: d.read().text for d in find_documents([path], fields={"text": "body", "title": "headline"})}
    assert again == {p: d.text for p, d in by_path.items()}


def test_a_csv_without_a_text_column_names_its_columns_and_the_option(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(CSV, encoding="utf-8")
    messages, warn = collect()
    assert read_documents([path], warn) == []
    assert messages == [f"{path}: skipped, no 'text' column (columns: headline, body, date, site); "
                        "name the text's column with --field text=COLUMN"]


def test_a_graph_csv_export_is_not_read_as_a_corpus(tmp_path):
    path = tmp_path / "nodes_Person.csv"
    path.write_text("id:ID,:LABEL,name:string,text:string\nperson:x,Person,X,some text\n", encoding="utf-8")
    messages, warn = collect()
    assert read_documents([path], warn) == []
    assert messages == [f"{path}: skipped, a graph CSV export (graphbuild reads corpora, not graphs)"]


@pytest.mark.parametrize("pairs, message", [
    (["text"], "--field 'text': expected FIELD=COLUMN, e.g. text=body"),
    (["text="], "--field 'text=': expected FIELD=COLUMN, e.g. text=body"),
    (["body=text"], "--field 'body=text': unknown field 'body' (known: text, id, title, url, published, outlet, author)"),
])
def test_a_bad_field_mapping_is_a_one_line_error(pairs, message):
    with pytest.raises(InputError) as caught:
        field_mapping(pairs)
    assert str(caught.value) == message


def test_the_cli_builds_a_corpus_through_a_mapping_and_reports_its_bad_rows(tmp_path, fast_model):
    path = tmp_path / "export.csv"
    path.write_text(CSV, encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(path), "--out", str(tmp_path / "out"), "--field", "text=body",
                                      "--field", "title=headline", "--no-html", "-q"])
    assert result.exit_code == 0, result.output
    assert f"{path}: line 3: skipped, 2 fields where the header has 4" in result.stderr
    graph = json.loads((tmp_path / "out" / "graph.json").read_text())
    documents = {n["path"]: n for n in graph["nodes"] if n["label"] == "Document"}
    assert sorted(documents) == ["export.csv:2", "export.csv:4", "export.csv:8"]
    assert documents["export.csv:2"]["published"] == "2024-03-14"
    bad = CliRunner().invoke(app, ["build", str(path), "--out", str(tmp_path / "bad"), "--field", "content"])
    assert bad.exit_code == 1 and bad.stderr.strip() == "error: --field 'content': expected FIELD=COLUMN, e.g. text=body"
    assert not (tmp_path / "bad").exists()


def test_a_corpus_with_no_good_row_is_skipped_with_a_warning(tmp_path):
    path = tmp_path / "broken.ndjson"
    path.write_text("{oops\n[1]\n", encoding="utf-8")
    messages, warn = collect()
    assert read_documents([path], warn) == []
    assert messages[-1] == f"{path}: skipped, no line or row in it holds a document"
    assert messages[0].startswith(f"{path}: line 1: skipped, not valid JSON")


def test_a_utf16_corpus_is_read_and_read_again(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_bytes(("\n".join([json.dumps(ROW1, ensure_ascii=False), json.dumps(ROW3)]) + "\n").encode("utf-16"))
    docs = find_documents([path])
    assert [d.path for d in docs] == sorted(["wire.jsonl#w1", "wire.jsonl#w3"], key=lambda p: docs[0].path != p)
    assert {d.read().text for d in docs} == {ROW1["text"], ROW3["text"]}


# --- the README's example, run as it is written ----------------------------------------------------------

def console_sessions(marker: str) -> list[list[tuple[str, list[str]]]]:
    """The README's ``console`` blocks that hold ``marker``: each a list of (command after "$ ", the lines
    it printed)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sessions = []
    for block in re.findall(r"^```console\n(.*?)^```", readme, re.M | re.S):
        if marker in block:
            steps: list[tuple[str, list[str]]] = []
            for line in block.splitlines():
                if line.startswith("$ "):
                    steps.append((line[2:], []))
                else:
                    steps[-1][1].append(line)
            sessions.append(steps)
    return sessions


def test_the_readme_corpus_example_builds_what_it_shows(tmp_path, fast_model, monkeypatch):
    [session] = console_sessions("--field text=body")
    monkeypatch.chdir(tmp_path)
    built = []
    for command, shown in session:
        words = shlex.split(command)
        if words[0] == "head":  # what the file begins with: the example's file
            (tmp_path / words[-1]).write_text("\n".join(shown) + "\n", encoding="utf-8")
            continue
        assert words[0] == "graphbuild"
        result = CliRunner().invoke(app, words[1:] + ["-q", "--no-html"])
        assert result.exit_code == 0 and result.stderr == "", result.output
        graph = json.loads((tmp_path / "out" / "graph.json").read_text())
        built.append(sorted((n["path"], n["title"], n.get("published"), n.get("outlet"))
                            for n in graph["nodes"] if n["label"] == "Document"))
    assert built == [
        [("export.csv:2", "Minister accused", "2024-03-14", "Harbour Ledger"),
         ("export.csv:3", "Denial", "2024-03-15", "Wire Service")],
        [("wire.jsonl#w1", "Investigator Lena Korhonen said Brenner had accepted bribes.", "2024-03-14T08:30:00Z",
          "Wire Service")]]
