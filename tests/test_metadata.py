"""Document metadata: ISO 8601 dates, the --metadata file of fields by file name, and which source wins."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from graphbuild.cli import app
from graphbuild.errors import InputError
from graphbuild.ingest import read_documents
from graphbuild.metadata import Metadata, iso_date, read_metadata_file

from made_inputs import PAGE_META, news_page
from test_bad_input import collect


@pytest.mark.parametrize("given, iso", [
    ("2024-03-14", "2024-03-14"), (" 2024-03 ", "2024-03"), ("2024", "2024"),
    ("2024-03-14T09:30:00+01:00", "2024-03-14T08:30:00Z"), ("2024-03-14T23:30:00-02:00", "2024-03-15T01:30:00Z"),
    ("2024-03-14 09:30", "2024-03-14T09:30:00"), ("2024-03-14T09:30:00Z", "2024-03-14T09:30:00Z"),
    ("2024-02-30", None), ("14 March 2024", None), ("2024-13", None), ("", None), ("yesterday", None), (20240314, None),
])
def test_iso_dates_are_normalised_so_they_sort_as_text(given, iso):
    assert iso_date(given) == iso


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_a_metadata_file_names_fields_for_files_and_its_bad_rows_are_warnings(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "court").mkdir(parents=True)
    write(corpus / "a.txt", "Lena Korhonen said Tomas Brenner had accepted bribes.\n")
    write(corpus / "court" / "b.txt", "Brenner denied the allegations.\n")
    table = write(tmp_path / "meta.csv", "file,title,url,published,source,author,notes\n"
                                         "a.txt,Bribes claim,https://x.example/a,2024-03-14,Harbour Ledger,Marta Vell,n\n"
                                         "court/b.txt,,,14/03/2024,Court Gazette,,\n"
                                         "a.txt,Again,,,,,\n"
                                         "gone.txt,Missing,,,,,\n"
                                         "short,row\n")
    messages, warn = collect()
    docs = {d.path: d for d in read_documents([corpus], warn, metadata=read_metadata_file(table, warn))}
    assert messages == [
        f"{table}: columns ignored: notes (known: file, title, url, published, outlet, author)",
        f"{table}: line 3: published '14/03/2024' is not an ISO 8601 date; left out",
        f"{table}: line 4: skipped, 'a.txt' is named already on line 2",
        f"{table}: line 6: skipped, 2 fields where the header has 7",
        f"{table}: line 5: no document 'gone.txt' in this build",
    ]
    assert docs["a.txt"].meta == Metadata("Bribes claim", "https://x.example/a", "2024-03-14", "Harbour Ledger", "Marta Vell")
    assert docs["a.txt"].title == "Bribes claim"
    assert docs["court/b.txt"].meta == Metadata(outlet="Court Gazette") and docs["court/b.txt"].title == "Brenner denied the allegations."


def test_the_metadata_file_overrides_a_page_and_a_row_overrides_the_metadata_file(tmp_path):
    write(tmp_path / "ledger.html", news_page())
    write(tmp_path / "wire.jsonl", json.dumps({"id": "w1", "text": "Brenner denied it.", "outlet": "Wire Service"}) + "\n")
    table = write(tmp_path / "meta.csv", "file,published,outlet,author\n"
                                         "ledger.html,2024-03-20,,Desk Editor\n"
                                         "wire.jsonl,2024-03-21,Ignored Outlet,\n")
    docs = {d.path: d for d in read_documents([tmp_path / "ledger.html", tmp_path / "wire.jsonl"],
                                              metadata=read_metadata_file(table, lambda m: None))}
    page = docs["ledger.html"].meta
    assert (page.published, page.author, page.outlet, page.url) == ("2024-03-20", "Desk Editor", PAGE_META["outlet"],
                                                                    PAGE_META["url"])
    row = docs["wire.jsonl#w1"].meta
    assert (row.outlet, row.published) == ("Wire Service", "2024-03-21")  # the file's rows get the file's fields


@pytest.mark.parametrize("content, message", [
    (None, "no such metadata file"),
    (b"title,url\nA,https://x\n", "metadata file has no 'file' column (its columns: title, url)"),
    (b"file,title\n\xff\xfe,A\n", "metadata file is not UTF-8 (byte 11)"),
])
def test_an_unusable_metadata_file_is_a_one_line_error(tmp_path, content, message):
    path = tmp_path / "meta.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_metadata_file(path, lambda m: None)
    assert str(caught.value) == f"{path}: {message}"


def test_the_cli_puts_the_metadata_file_on_the_graph_and_refuses_a_bad_one(tmp_path, fast_model):
    write(tmp_path / "a.txt", "Investigator Lena Korhonen said deputy minister Tomas Brenner had accepted bribes.\n")
    table = write(tmp_path / "meta.csv", "file,published,outlet\na.txt,2024-03-14,Harbour Ledger\n")
    result = CliRunner().invoke(app, ["build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"),
                                      "--metadata", str(table), "--no-html", "-q"])
    assert result.exit_code == 0, result.output
    nodes = json.loads((tmp_path / "out" / "graph.json").read_text())["nodes"]
    [document] = [n for n in nodes if n["label"] == "Document"]
    assert (document["published"], document["outlet"]) == ("2024-03-14", "Harbour Ledger")
    bad = CliRunner().invoke(app, ["build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "bad"),
                                   "--metadata", str(tmp_path / "nope.csv")])
    assert bad.exit_code == 1 and bad.stderr.strip() == f"error: {tmp_path / 'nope.csv'}: no such metadata file"
    assert not (tmp_path / "bad").exists()
