"""Database faults against real servers: a closed port, wrong credentials, a server killed mid-load and a
batch the server rejects. Each ends in one line and a non-zero exit (commands run as real processes)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from graph_server import GraphServer, dump, expected_dump, free_bolt_port, seeds_graph, seeds_like_graph
from graphbuild.errors import StoreError
from graphbuild.graph import add_node, counts, new_graph
from graphbuild.jsonio import write_json
from graphbuild.stores.config import Neo4jSettings, batch_bytes_for
from graphbuild.stores.neo4j import Neo4jStore, load_graph
from graphbuild.stores.rows import write_plan

pytestmark = pytest.mark.server

# The commands on an app of their own, so this runs without the project's full command line.
CLI = """
import typer
from graphbuild import cli_db
app = typer.Typer(pretty_exceptions_enable=False)
app.command("load")(cli_db.load)
app.command("unload")(cli_db.unload)
app.command("query")(cli_db.query)
app()
"""


def cli(*args: str) -> subprocess.CompletedProcess:
    """Run a command in a new process; the timeout only guards against a hang."""
    return subprocess.run([sys.executable, "-c", CLI, *args], capture_output=True, text=True, timeout=60)


def assert_one_line_error(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr and not result.stdout
    for word in words:
        assert word in lines[0], lines[0]


@pytest.fixture()
def graph_file(tmp_path: Path) -> Path:
    return write_json(seeds_like_graph(), tmp_path / "graph.json")


def test_closed_port(graph_file: Path) -> None:
    uri = f"bolt://127.0.0.1:{free_bolt_port()}"
    with pytest.raises(StoreError) as err:
        load_graph(seeds_like_graph(), Neo4jSettings(uri=uri, timeout=0.6))
    assert str(err.value) == f"{uri}: cannot reach the database ([Errno 111] Connection refused)"
    assert_one_line_error(cli("load", str(graph_file), "--uri", uri, "--timeout", "2"), uri, "cannot reach")
    assert_one_line_error(cli("query", "allegation-sources", "--uri", uri, "--timeout", "2"), "cannot reach")


def test_wrong_credentials(graph_file: Path) -> None:
    server = GraphServer(password="s3cret").start()
    try:
        with pytest.raises(StoreError, match="login as 'falkordb' refused"):
            load_graph(seeds_like_graph(), server.settings(password="wrong"))
        result = cli("load", str(graph_file), "--uri", server.uri, "--user", "falkordb", "--password", "wrong",
                     "--timeout", "2")
        assert_one_line_error(result, "login as 'falkordb' refused", "password")
        ok = cli("load", str(graph_file), "--uri", server.uri, "--user", "falkordb", "--password", "s3cret",
                 "--timeout", "2")
        assert ok.returncode == 0 and ok.stdout.startswith("loaded 11 nodes and 23 relationships"), ok.stderr
    finally:
        server.stop()


def test_server_killed_mid_load_then_rerun_completes(tmp_path: Path) -> None:
    graph = seeds_graph()
    path = write_json(graph, tmp_path / "graph.json")
    server = GraphServer().start()
    try:
        settings = server.settings(batches_per_transaction=4)
        bound = batch_bytes_for(settings.batch_bytes, pastes_parameters=True)  # as the load decides on FalkorDB
        total = len(write_plan(graph, max_rows=settings.batch_size, max_bytes=bound))
        cut = total // 2 // 4 * 4  # a transaction boundary half way, among the relationships

        def crash(done: int, total: int, step) -> None:
            if done == cut:  # keep what was committed on disk, then die like a crash
                server.save()
                server.kill()

        with pytest.raises(StoreError) as err:
            load_graph(graph, settings, progress=crash)
        message = str(err.value)
        assert "\n" not in message and f"lost the connection while writing batches {cut + 1}-{cut + 4}" in message
        assert message.endswith("run the load again to complete it")
        assert_one_line_error(cli("load", str(path), "--uri", server.uri, "--timeout", "2"), "cannot reach")

        server.restart()
        with Neo4jStore(settings) as store:
            partial = store.counts()
            assert partial["nodes"] == counts(graph)["nodes"]  # nodes are written first
            assert 0 < sum(partial["edges"].values()) < graph.number_of_edges()
        result = cli("load", str(path), "--uri", server.uri, "--timeout", "2")
        assert result.returncode == 0, result.stderr
        with Neo4jStore(settings) as store:
            assert store.counts() == counts(graph)
            assert dump(store) == expected_dump(graph)  # nothing twice, nothing missing
    finally:
        server.stop()


def test_a_batch_the_server_rejects() -> None:
    server = GraphServer().start()
    try:
        # A uniqueness constraint on names, made with FalkorDB's own command, makes the server refuse a batch.
        native = server.native()
        native.execute_command("GRAPH.QUERY", "falkordb", "CREATE INDEX FOR (p:Person) ON (p.name)")
        native.execute_command("GRAPH.CONSTRAINT", "CREATE", "falkordb", "UNIQUE", "NODE", "Person",
                               "PROPERTIES", "1", "name")
        graph = new_graph()
        add_node(graph, "person:a", "Person", "Same Name")
        add_node(graph, "person:b", "Person", "Same Name")
        with pytest.raises(StoreError) as err:
            load_graph(graph, server.settings())
        assert str(err.value).startswith(f"{server.uri}: the server refused writing batch 1 of 1: ")
        assert "\n" not in str(err.value)
    finally:
        server.stop()
