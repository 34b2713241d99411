"""What only a real Neo4j Community 5.26 does (the ``neo4j`` tier): uniqueness constraints, choosing a
database, batches far past FalkorDB's byte limit, the first load's CREATE path, and unloading a document
through the command line. Loading, reloading, extending and unloading as such are tested on both servers
in test_neo4j_load."""
from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest

from cli_process import assert_one_line_error, cli
from graph_server import DOC_A, dump, expected_dump, long_evidence_graph, normal, only_documents, seeds_graph, seeds_like_graph
from graphbuild.errors import StoreError
from graphbuild.graph import counts
from graphbuild.jsonio import write_json
from graphbuild.schema import NODE_LABELS
from graphbuild.stores import rows as R
from graphbuild.stores.config import DEFAULT_BATCH_SIZE
from graphbuild.stores.neo4j import Neo4jStore, load_graph
from neo4j_server import clear, shared_neo4j

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def open_store():
    with Neo4jStore(shared_neo4j().settings()) as s:
        yield s


@pytest.fixture()
def store(open_store: Neo4jStore) -> Neo4jStore:
    """The module's connection, on an empty database without constraints or indexes."""
    clear(open_store)
    return open_store


def constraints(store: Neo4jStore) -> dict[str, tuple]:
    """Node constraints by label: (properties, type)."""
    _, rows = store.query("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type, entityType "
                          "WHERE entityType = 'NODE' RETURN labelsOrTypes, properties, type")
    return {labels[0]: (props, kind) for labels, props, kind in rows}


def test_a_load_puts_a_uniqueness_constraint_on_every_label_and_they_hold(store: Neo4jStore) -> None:
    assert constraints(store) == {}
    report = store.load(seeds_like_graph())
    assert report.id_mode == "uniqueness constraints"
    assert constraints(store) == {label: (["id"], "UNIQUENESS") for label in NODE_LABELS}
    assert store.ensure_id_indexes() == "uniqueness constraints"  # IF NOT EXISTS: a second time changes nothing
    assert len(constraints(store)) == len(NODE_LABELS)
    with pytest.raises(StoreError, match="already exists with label `Person` and property `id`"):
        store.execute("CREATE (:Person {id: 'person:donald-trump'})", {}, doing="a duplicate")
    assert store.query("MATCH (p:Person {id: 'person:donald-trump'}) RETURN count(p)")[1] == [[1]]


def test_database_selection(store: Neo4jStore, tmp_path: Path) -> None:
    server = shared_neo4j()
    _, rows = store.query("CALL dbms.components() YIELD versions, edition RETURN edition, versions[0]")
    assert rows[0][0] == "community" and rows[0][1].startswith("5.26.")
    # Community has one user database and refuses CREATE DATABASE, so "neo4j" is the one to choose.
    with pytest.raises(StoreError, match="the server refused creating a database"):
        store.execute("CREATE DATABASE other", {}, doing="creating a database")
    assert {r[0] for r in store.query("SHOW DATABASES YIELD name RETURN name")[1]} == {"neo4j", "system"}

    graph = seeds_like_graph()
    report = load_graph(graph, server.settings(database="neo4j"))
    assert report.nodes_created == graph.number_of_nodes() and store.counts() == counts(graph)
    with pytest.raises(StoreError) as err:
        load_graph(graph, server.settings(database="nosuch"))
    assert str(err.value) == f"{server.uri}: unknown database 'nosuch'"
    path = write_json(graph, tmp_path / "graph.json")
    unknown = [*server.login(), "--database", "nosuch"]
    assert_one_line_error(cli("load", str(path), *unknown), "unknown database 'nosuch'")
    assert_one_line_error(cli("query", "agency-members", *unknown), "unknown database 'nosuch'")
    assert_one_line_error(cli("unload", "--document", DOC_A, *unknown), "unknown database 'nosuch'")
    assert store.counts() == counts(graph)  # nothing went anywhere else


def test_large_batches_load_with_no_byte_bound(store: Neo4jStore) -> None:
    graph = long_evidence_graph(edges=40, items=6)
    assert not store.pastes_parameters  # Neo4j takes parameters natively
    steps = []
    report = store.load(graph, progress=lambda done, total, step: steps.append(step))
    assert report.batch_bytes is None and f"batches of at most {DEFAULT_BATCH_SIZE} rows (" in report.summary("db")
    assert max(sum(R.row_size(r) for r in s.rows) for s in steps) > 100_000  # far beyond FalkorDB's ~4 KB
    assert normal(dump(store)) == normal(expected_dump(graph))


def test_unload_a_document_through_the_cli_and_load_it_back(store: Neo4jStore, tmp_path: Path) -> None:
    graph = seeds_graph()
    doc = sorted(graph.graph["documents"])[0]
    store.load(graph)
    server = shared_neo4j()
    result = cli("unload", "--document", doc, *server.login())
    assert result.returncode == 0 and result.stdout.startswith(f"unloaded document {doc} from {server.uri}: ")
    assert normal(dump(store)) == normal(expected_dump(only_documents(graph, set(graph.graph["documents"]) - {doc})))
    again = cli("load", str(write_json(graph, tmp_path / "graph.json")), *server.login())
    assert again.returncode == 0 and "0 relationships new" not in again.stdout, again.stderr
    assert normal(dump(store)) == normal(expected_dump(graph))


def test_wrong_passwords_then_the_lockout_they_cause(tmp_path: Path) -> None:
    # A user of its own: Neo4j locks a user out for a few seconds after three failed logins in a row.
    server = shared_neo4j()
    with Neo4jStore(server.settings()) as store:
        store.driver.execute_query("CREATE USER tester IF NOT EXISTS SET PASSWORD $pw CHANGE NOT REQUIRED",
                                   {"pw": "tester-password"}, database_="system")
    path = write_json(seeds_like_graph(), tmp_path / "graph.json")
    assert_one_line_error(cli("load", str(path), "--uri", server.uri, "--user", "nobody", "--password", "x" * 8),
                          "login as 'nobody' refused: wrong user name or password")
    with pytest.raises(StoreError) as err:
        load_graph(seeds_like_graph(), server.settings(user="tester", password="wrong password"))
    assert str(err.value) == f"{server.uri}: login as 'tester' refused: wrong user name or password"
    wrong = ["--uri", server.uri, "--user", "tester", "--password", "wrong password"]
    assert_one_line_error(cli("load", str(path), *wrong), "login as 'tester' refused: wrong user name or password")
    assert_one_line_error(cli("query", "agency-members", *wrong), "login as 'tester' refused")

    right = server.settings(user="tester", password="tester-password")
    with pytest.raises(StoreError) as err:  # the right password, but the third failure locked the user out
        load_graph(seeds_like_graph(), right)
    assert str(err.value) == (f"{server.uri}: login as 'tester' refused: too many failed logins in a row; wait a few "
                              "seconds, then check the user name and password")
    deadline = time.monotonic() + 60
    login = ["--uri", server.uri, "--user", "tester", "--password", "tester-password"]
    while (result := cli("load", str(path), *login)).returncode != 0 and time.monotonic() < deadline:
        time.sleep(1)
    assert result.returncode == 0 and result.stdout.startswith("loaded 11 nodes and 23 relationships"), result.stderr


def merge_load(store: Neo4jStore, graph) -> None:
    """Load the way every load did before the CREATE path: the MERGE batches, constraints in place."""
    store.ensure_id_indexes()
    for step in R.write_plan(graph):
        store.write([step], doing="a MERGE load")


def test_a_first_load_creates_exactly_what_merging_gives(store: Neo4jStore) -> None:
    graph = seeds_graph()
    merge_load(store, graph)
    merged = dump(store)
    assert merged == expected_dump(graph)
    clear(store)
    report = store.load(graph)
    assert report.created and "; written with CREATE: the database held no graph nodes)" in report.summary("db")
    assert (report.nodes_created, report.relationships_created) == (graph.number_of_nodes(), graph.number_of_edges())
    assert dump(store) == merged  # every label, property, document_ids and evidence list alike
    again = store.load(graph)
    assert not again.created and (again.nodes_created, again.relationships_created) == (0, 0)
    assert "CREATE" not in again.summary("db") and dump(store) == merged


def test_only_nodes_of_the_schemas_labels_make_a_load_merge(store: Neo4jStore) -> None:
    graph = seeds_like_graph()
    store.execute("CREATE (:Note {id: 'person:donald-trump', text: 'mine'})", {}, doing="a node of the user's")
    report = store.load(graph)
    assert report.created and store.query("MATCH (n:Note) RETURN n.id, n.text")[1] == [["person:donald-trump", "mine"]]
    clear(store)
    store.execute("CREATE (:Person {id: 'person:donald-trump', note: 'kept'})", {}, doing="a node of ours")
    report = store.load(graph)
    assert not report.created and report.nodes_created == graph.number_of_nodes() - 1
    assert store.counts() == counts(graph)
    assert store.query("MATCH (p:Person {id: 'person:donald-trump'}) RETURN p.note, p.name")[1] == [["kept", "Donald Trump"]]


class Cut(Exception):
    """The load stopped from outside (Ctrl-C, a crash) once some of its transactions had committed."""


@pytest.mark.parametrize("cut", ["nodes", "relationships"])
def test_a_created_load_cut_off_reruns_to_the_whole_graph(store: Neo4jStore, cut: str) -> None:
    graph = seeds_graph()
    small = Neo4jStore(replace(store.settings, batch_size=10, batches_per_transaction=1))
    small._driver = store.driver  # the same connection, smaller transactions
    plan = R.write_plan(graph, max_rows=10)
    node_batches = sum(step.kind == "node" for step in plan)
    at = 1 if cut == "nodes" else (node_batches + len(plan)) // 2

    def stop(done: int, total: int, step: R.Step) -> None:
        if done == at:
            raise Cut

    with pytest.raises(Cut):
        small.load(graph, progress=stop)
    partial = store.counts()
    if cut == "nodes":
        assert sum(partial["nodes"].values()) == 10 and partial["edges"] == {}
    else:
        assert partial["nodes"] == counts(graph)["nodes"] and 0 < sum(partial["edges"].values()) < graph.number_of_edges()
    report = store.load(graph)
    assert not report.created  # the nodes left behind make the rerun MERGE
    assert report.relationships_created == graph.number_of_edges() - sum(partial["edges"].values())
    assert store.counts() == counts(graph) and dump(store) == expected_dump(graph)  # nothing twice, nothing missing


def test_the_constraints_refuse_a_second_create_of_the_same_nodes(store: Neo4jStore) -> None:
    # Two first loads started at once would both find the database empty; the second's CREATE then fails.
    graph = seeds_like_graph()
    store.load(graph)
    before = dump(store)
    with pytest.raises(StoreError, match="already exists with label"):
        store.write(R.write_plan(graph, create=True), doing="creating the graph again")
    assert dump(store) == before


def test_the_drivers_debug_lines_name_a_batch_without_its_rows(store: Neo4jStore) -> None:
    # The driver renders every query's parameters for its debug log, even with the log off; batches make that short.
    import logging

    lines: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: lines.append(record.getMessage())
    logger = logging.getLogger("neo4j")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        graph = long_evidence_graph(edges=40, items=6)
        store.load(graph)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    runs = [line for line in lines if "C: RUN" in line and "$rows" in line]
    assert len(runs) == len(R.write_plan(graph, create=True)) and all("{'rows': <" in line for line in runs)
    assert max(map(len, runs)) < 2000  # the rows themselves are over 100 KB a batch
    assert normal(dump(store)) == normal(expected_dump(graph))
