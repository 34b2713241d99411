"""Database faults against real servers (FalkorDB's Bolt port, and Neo4j in the ``neo4j`` tier): a closed port,
wrong credentials, a server killed or stopped mid-load and a batch the server rejects. Each ends in one line
and a non-zero exit (commands run as real processes)."""
from __future__ import annotations

from pathlib import Path

import pytest

from cli_process import assert_one_line_error, cli
from graph_server import GraphServer, dump, expected_dump, free_bolt_port, seeds_graph, seeds_like_graph
from graphbuild.errors import StoreError
from graphbuild.graph import add_node, counts, new_graph
from graphbuild.jsonio import write_json
from graphbuild.stores.config import Neo4jSettings
from graphbuild.stores.neo4j import Neo4jStore, load_graph
from neo4j_server import Neo4jServer


@pytest.fixture()
def graph_file(tmp_path: Path) -> Path:
    return write_json(seeds_like_graph(), tmp_path / "graph.json")


@pytest.mark.server
def test_closed_port(graph_file: Path) -> None:
    uri = f"bolt://127.0.0.1:{free_bolt_port()}"
    with pytest.raises(StoreError) as err:
        load_graph(seeds_like_graph(), Neo4jSettings(uri=uri, timeout=0.6))
    assert str(err.value) == f"{uri}: cannot reach the database ([Errno 111] Connection refused)"
    assert_one_line_error(cli("load", str(graph_file), "--uri", uri, "--timeout", "2"), uri, "cannot reach")
    assert_one_line_error(cli("query", "allegation-sources", "--uri", uri, "--timeout", "2"), "cannot reach")


@pytest.mark.server
def test_wrong_credentials(graph_file: Path) -> None:
    server = GraphServer(password="s3cret").start()
    try:
        with pytest.raises(StoreError, match="login as 'falkordb' refused"):
            load_graph(seeds_like_graph(), server.settings(password="wrong"))
        result = cli("load", str(graph_file), "--uri", server.uri, "--user", "falkordb", "--password", "wrong",
                     "--timeout", "2")
        assert_one_line_error(result, "login as 'falkordb' refused", "password")
        ok = cli("load", str(graph_file), *server.login())
        assert ok.returncode == 0 and ok.stdout.startswith("loaded 11 nodes and 23 relationships"), ok.stderr
    finally:
        server.stop()


GONE = [pytest.param("falkordb", "crash", marks=pytest.mark.server, id="falkordb-crashed"),
        pytest.param("neo4j", "crash", marks=pytest.mark.neo4j, id="neo4j-crashed"),
        pytest.param("neo4j", "stop", marks=pytest.mark.neo4j, id="neo4j-stopped")]


@pytest.mark.parametrize(("kind", "how"), GONE)
def test_server_gone_mid_load_then_the_rerun_completes(kind: str, how: str, tmp_path: Path) -> None:
    graph = seeds_graph()
    path = write_json(graph, tmp_path / "graph.json")
    # A Neo4j with a home of its own, which a crash or a stop leaves in place.
    server = GraphServer().start() if kind == "falkordb" else Neo4jServer(home=tmp_path / "home").start()
    try:
        settings = server.settings(batch_size=40, batches_per_transaction=4)
        where = {}

        def gone(done: int, total: int, step) -> None:
            where.update(total=total, cut=total // 2 // 4 * 4)  # a transaction boundary half way
            if done == where["cut"]:
                server.crash() if how == "crash" else server.stop()

        with pytest.raises(StoreError) as err:
            load_graph(graph, settings, progress=gone)
        cut, total = where["cut"], where["total"]
        message = str(err.value)
        assert "\n" not in message and message.startswith(
            f"{server.uri}: lost the connection while writing batches {cut + 1}-{cut + 4} of {total}")
        assert message.endswith("; run the load again to complete it")
        assert_one_line_error(cli("load", str(path), *server.login()), server.uri, "cannot reach the database")

        server.restart()  # the data committed before is there
        with Neo4jStore(settings) as store:
            partial = store.counts()
            assert partial["nodes"] == counts(graph)["nodes"]  # nodes are written first
            assert 0 < sum(partial["edges"].values()) < graph.number_of_edges()
        result = cli("load", str(path), *server.login())
        assert result.returncode == 0 and "written with CREATE" not in result.stdout, result.stderr  # it MERGEd
        with Neo4jStore(settings) as store:
            assert store.counts() == counts(graph)
            assert dump(store) == expected_dump(graph)  # nothing twice, nothing missing
    finally:
        server.stop() if kind == "falkordb" else server.remove()


@pytest.mark.server
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
