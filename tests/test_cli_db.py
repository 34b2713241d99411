"""The load, unload and query commands, on an app of their own (typer's CliRunner, in process)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from graph_server import DOC_B, free_bolt_port, seeds_like_graph, shared_server
from graphbuild import cli_db, queries as Q
from graphbuild.errors import StoreError
from graphbuild.jsonio import write_json
from graphbuild.stores.config import DEFAULT_BATCH_BYTES, DEFAULT_BATCH_SIZE, batch_bytes_for, settings_from

app = typer.Typer(pretty_exceptions_enable=False)
app.command("load")(cli_db.load)
app.command("unload")(cli_db.unload)
app.command("query")(cli_db.query)
runner = CliRunner()
NEO4J_ENV = ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE")


@pytest.fixture(autouse=True)
def no_neo4j_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in NEO4J_ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture()
def graph_file(tmp_path: Path) -> Path:
    return write_json(seeds_like_graph(), tmp_path / "graph.json")


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def ok(result) -> str:
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    return result.stdout


def one_line_error(result, *words: str) -> str:
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.mark.server
def test_load_reload_unload_and_query_over_bolt(graph_file: Path) -> None:
    server = shared_server()
    server.clear()
    conn = ["--uri", server.uri, "--user", "falkordb", "--timeout", "2"]
    first = ok(invoke("load", graph_file, *conn))
    batches = first.split(" in ")[1].split()[0]
    assert first.strip() == (f"loaded 11 nodes and 23 relationships into {server.uri} in {batches} batches of at most "
                             f"{DEFAULT_BATCH_SIZE} rows and {DEFAULT_BATCH_BYTES} bytes (11 nodes and 23 relationships new; "
                             "ids kept unique by indexes)")  # FalkorDB pastes parameters: bounded by default
    assert f" batches of at most {DEFAULT_BATCH_SIZE} rows (0 nodes and 0 relationships new;" in ok(
        invoke("load", graph_file, *conn, "--batch-bytes", "0"))
    assert " batches of at most 4 rows and 900 bytes (0 nodes" in ok(
        invoke("load", graph_file, *conn, "--batch-size", "4", "--batch-bytes", "900"))
    table = ok(invoke("query", "source-profile", "--param", "source=Kremlin", *conn))
    assert table.splitlines()[0].split(" | ")[0].strip() == "source" and table.endswith("(3 rows)\n")
    gone = ok(invoke("unload", "--document", DOC_B, *conn))
    assert gone.startswith(f"unloaded document {DOC_B} from {server.uri}: ") and "3 nodes deleted" in gone
    assert ok(invoke("query", "source-profile", "--param", "source=Kremlin", *conn)).endswith("(0 rows)\n")
    one_line_error(invoke("unload", "--document", DOC_B, *conn), "no document")


@pytest.mark.parametrize(("setting", "pastes", "bound"), [
    (None, True, DEFAULT_BATCH_BYTES), (None, False, None), (0, True, None), (0, False, None),
    (800, True, 800), (800, False, 800)])
def test_batch_bytes_bound_unless_set_only_where_parameters_are_pasted(setting, pastes: bool, bound) -> None:
    assert batch_bytes_for(setting, pastes_parameters=pastes) == bound


def test_settings_leave_batch_bytes_to_the_server_unless_given() -> None:
    assert settings_from(env={}).batch_bytes is None
    assert [settings_from(batch_bytes=n, env={}).batch_bytes for n in (0, 800)] == [0, 800]
    with pytest.raises(StoreError, match="batch bytes must be 0"):
        settings_from(batch_bytes=-1, env={})


def test_query_on_a_graph_file(graph_file: Path, tmp_path: Path) -> None:
    rows = json.loads(ok(invoke("query", "agency-members", "--graph", graph_file, "--format", "json")))
    assert [(r["member"], r["role"], r["former"]) for r in rows] == [
        ("Alnur Mussayev", "officer", True), ("Yuri Shvets", "major", True)]
    text = ok(invoke("query", "about-person", "--graph", graph_file, "--param", "person=TRUMP", "--format", "csv"))
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == list(Q.resolve("about-person").columns)
    assert {r[4] for r in table[1:]} == {"Alnur Mussayev", "Yuri Shvets", "Kremlin"}
    own = tmp_path / "count.cypher"
    own.write_text("MATCH (n:Person) WHERE size(n.name) > $min RETURN count(n) AS people\n", encoding="utf-8")
    assert ok(invoke("query", own, "--graph", graph_file, "--param", "min=0")) == "people\n------\n3\n(1 row)\n"


def test_list_shows_every_question() -> None:
    out = ok(invoke("query", "--list"))
    for q in Q.list_queries():
        assert f"{q.name}: {q.question}" in out
    assert 'params: person="Donald Trump"' in out


@pytest.mark.server
def test_neo4j_uri_from_the_environment(graph_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    server = shared_server()
    server.clear()
    monkeypatch.setenv("NEO4J_URI", server.uri)
    monkeypatch.setenv("NEO4J_USERNAME", "falkordb")
    summary = cli_db.load_into_neo4j(seeds_like_graph())
    assert summary.startswith(f"loaded 11 nodes and 23 relationships into {server.uri}")
    server.clear()
    assert ok(invoke("query", "agency-members", "--timeout", "2")).endswith("(0 rows)\n")  # the empty database
    assert ok(invoke("query", "agency-members", "--graph", graph_file)).endswith("(2 rows)\n")  # --graph wins


def test_load_into_neo4j_failure_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot reach"):
        cli_db.load_into_neo4j(seeds_like_graph(), f"bolt://127.0.0.1:{free_bolt_port()}")


def test_usage_errors(graph_file: Path) -> None:
    one_line_error(invoke("query", "no-such-question", "--graph", graph_file), "no query named", "about-person")
    one_line_error(invoke("query", "about-person", "--graph", graph_file, "--param", "nobody"), "bad parameter")
    one_line_error(invoke("query", "about-person", "--graph", graph_file, "--param", "who=x"), "no parameter who")
    one_line_error(invoke("query", "about-person", "--graph", graph_file, "--format", "xml"), "unknown format")
    one_line_error(invoke("query", "about-person", "--graph", graph_file, "--uri", "bolt://x:1"), "not both")
    one_line_error(invoke("query"), "give a QUERY")
    one_line_error(invoke("query", "about-person"), "--graph")
    one_line_error(invoke("query", "MATCH (n RETURN n", "--graph", graph_file), "no query named")
    bad = graph_file.parent / "broken.cypher"
    bad.write_text("MATCH (n RETURN n\n", encoding="utf-8")
    one_line_error(invoke("query", bad, "--graph", graph_file), "the query failed")


@pytest.mark.parametrize("content", ["{not json", '{"nodes": 3}',
                                     '{"nodes": [{"id": "x", "label": "Spy", "name": "x"}], "edges": []}'],
                         ids=["syntax", "shape", "label"])
def test_malformed_graph_files(tmp_path: Path, content: str) -> None:
    bad = tmp_path / "graph.json"
    bad.write_text(content, encoding="utf-8")
    uri = f"bolt://127.0.0.1:{free_bolt_port()}"  # never reached: the file is read first
    one_line_error(invoke("load", bad, "--uri", uri), str(bad))
    one_line_error(invoke("query", "allegation-sources", "--graph", bad), str(bad))
    one_line_error(invoke("load", tmp_path / "missing.json", "--uri", uri), "no such file")


@pytest.mark.parametrize("uri", ["http://127.0.0.1:7999", "https://db.example.org", "notauri", "ftp://127.0.0.1",
                                 "redis://127.0.0.1:6379", "file:///tmp/db", "neo4j+s//db", "bolt://",
                                 "bolt://127.0.0.1:port", "bolt://127.0.0.1:99999", "bolt://127.0.0.1:7687?x=1"])
def test_every_uri_that_is_not_bolt_is_a_one_line_error(graph_file: Path, uri: str) -> None:
    for command in (["load", graph_file], ["unload", "--document", "x"], ["query", "agency-members"]):
        line = one_line_error(invoke(*command, "--uri", uri, "--timeout", "2"), repr(uri) if "?" not in uri else uri)
        if "://" not in uri or uri.split("://")[0] not in ("bolt", "neo4j"):
            assert "give bolt://, bolt+s://, bolt+ssc://, neo4j://, neo4j+s:// or neo4j+ssc://" in line


def test_debug_shows_the_error_itself(tmp_path: Path) -> None:
    from graphbuild.errors import GraphFormatError, QueryError

    assert isinstance(invoke("load", tmp_path / "missing.json", "--debug").exception, GraphFormatError)
    assert isinstance(invoke("unload", "--document", "x", "--uri", "http://x", "--debug").exception, StoreError)
    assert isinstance(invoke("query", "no-such-question", "--graph", tmp_path / "g.json", "--debug").exception,
                      QueryError)
