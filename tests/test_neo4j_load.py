"""Loading through the official neo4j driver over Bolt into real servers: FalkorDB's Bolt port (the fast tier)
and, in the ``neo4j`` tier, Neo4j Community itself. What holds for both is tested on both."""
from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph_server import (DOC_A, DOC_B, SEEDS, dump, expected_dump, long_evidence_graph, normal, only_documents,
                          seeds_graph, seeds_like_graph, shared_server)
from graphbuild.build import build_graph
from graphbuild.errors import StoreError
from graphbuild.graph import add_edge, add_node, counts, evidence_item, new_graph
from graphbuild.stores import rows as R
from graphbuild.stores.config import DEFAULT_BATCH_BYTES, DEFAULT_BATCH_SIZE
from graphbuild.stores.neo4j import Neo4jStore, load_graph, unload_document
from neo4j_server import shared_neo4j

SERVERS = [pytest.param("falkordb", marks=pytest.mark.server), pytest.param("neo4j", marks=pytest.mark.neo4j)]


def server_of(kind: str):
    return shared_server() if kind == "falkordb" else shared_neo4j()


@pytest.fixture(scope="module", params=SERVERS)
def open_store(request):
    with Neo4jStore(server_of(request.param).settings()) as s:
        yield s


@pytest.fixture()
def store(open_store: Neo4jStore) -> Neo4jStore:
    """The module's connection, on an empty database (of either server)."""
    open_store.execute("MATCH (n) DETACH DELETE n", {}, doing="clearing")
    return open_store


@pytest.fixture()
def falkordb() -> Neo4jStore:
    """A connection to FalkorDB's Bolt port, on an empty database, for what only that server does."""
    with Neo4jStore(shared_server().settings()) as s:
        shared_server().clear(s)
        yield s


def test_seeds_load_counts_reload_and_evidence(store: Neo4jStore) -> None:
    graph = seeds_graph()
    report = store.load(graph)
    assert report.created == (report.id_mode == "uniqueness constraints")  # Neo4j's first load CREATEs
    assert store.counts() == counts(graph)
    assert (report.nodes_created, report.relationships_created) == (graph.number_of_nodes(), graph.number_of_edges())
    first = dump(store)
    assert first == expected_dump(graph)  # labels, every property, document_ids and the evidence lists

    again = store.load(graph)
    assert (again.nodes_created, again.relationships_created, again.created) == (0, 0, False)
    assert dump(store) == first

    source, target, data = next(e for e in sorted(graph.edges(data=True), key=lambda e: e[:2]) if e[2]["type"] == "ALLEGES")
    _, rows = store.query(
        "MATCH (s {id: $s})-[r:ALLEGES]->(a {id: $t}) RETURN r.evidence_documents, r.evidence_document_ids, "
        "r.evidence_texts, r.evidence_starts, r.evidence_ends, r.evidence_cues", {"s": source, "t": target})
    assert len(rows) == 1
    back = [dict(zip(["document", "document_id", "text", "start", "end", "cue"], item)) for item in zip(*rows[0])]
    assert back == [{**e, "cue": e.get("cue", "")} for e in data["evidence"]]
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.iterdir()}
    assert all(texts[e["document"]][e["start"]:e["end"]] == e["text"] for e in back)  # still verbatim


@pytest.mark.server
def test_ids_get_indexes_where_constraints_are_missing(falkordb: Neo4jStore) -> None:
    store = falkordb
    assert store.ensure_id_indexes() == "indexes"  # FalkorDB has no uniqueness constraints
    assert store.ensure_id_indexes() == "indexes"  # and a second time finds them in place
    _, rows = store.query("CALL db.indexes() YIELD label, properties RETURN label, properties")
    assert {label for label, props in rows if "id" in props} == set(R.NODE_LABELS)


def test_graph_from_more_documents_adds_without_duplicates(store: Neo4jStore) -> None:
    full = seeds_like_graph()
    store.load(only_documents(full, {DOC_A}))
    assert store.counts() == counts(only_documents(full, {DOC_A}))
    store.load(full)
    assert dump(store) == expected_dump(full)
    store.load(only_documents(full, {DOC_A}))  # an older, smaller graph takes nothing away
    assert normal(dump(store)) == normal(expected_dump(full))


def test_seeds_built_from_more_documents_add_without_duplicates(store: Neo4jStore) -> None:
    full = seeds_graph()
    part = build_graph(sorted(SEEDS.iterdir())[:2])
    store.load(part)
    store.load(full)
    _, rows = store.query("MATCH (n) RETURN count(n) AS n, count(DISTINCT n.id) AS ids")
    assert rows[0][0] == rows[0][1]
    _, rows = store.query("MATCH (a)-[r]->(b) RETURN count(r), count(DISTINCT [a.id, type(r), b.id])")
    assert rows[0][0] == rows[0][1]
    ids = {row[0] for row in store.query("MATCH (n) RETURN n.id")[1]}
    assert set(full.nodes) <= ids <= set(full.nodes) | set(part.nodes)


def test_unload_removes_what_only_that_document_supports(store: Neo4jStore) -> None:
    graph = seeds_like_graph()
    store.load(graph)
    report = store.unload(f"001_{DOC_B}.txt")
    assert report.document_id == DOC_B
    assert report.counts["nodes deleted"] == 3  # the Kremlin, the cover-up allegation and document B
    assert normal(dump(store)) == normal(expected_dump(only_documents(graph, {DOC_A})))
    with pytest.raises(StoreError, match="no document"):
        store.unload(DOC_B)
    store.load(graph)
    assert normal(dump(store)) == normal(expected_dump(graph))


def test_unload_a_seeds_document_then_load_it_back(store: Neo4jStore) -> None:
    graph = seeds_graph()
    doc = sorted(d["document_id"] for _, d in graph.nodes(data=True) if d["label"] == "Document")[0]
    load_graph(graph, store.settings)
    report = unload_document(doc, store.settings)
    assert report.counts["nodes deleted"] >= 1
    assert store.query("MATCH (n) WHERE $d IN n.document_ids OR n.document_id = $d RETURN count(n)",
                       {"d": doc})[1] == [[0]]
    assert store.query("MATCH ()-[r]->() WHERE $d IN r.evidence_document_ids RETURN count(r)", {"d": doc})[1] == [[0]]
    store.load(graph)
    assert normal(dump(store)) == normal(expected_dump(graph))


def test_small_byte_budget_splits_batches_and_evidence(store: Neo4jStore) -> None:
    graph = seeds_like_graph()
    steps = []
    small = Neo4jStore(replace(store.settings, batch_bytes=450, batch_size=3))
    small._driver, small.pastes_parameters = store.driver, store.pastes_parameters  # same connection, other limits
    report = small.load(graph, progress=lambda done, total, step: steps.append(step))
    assert report.batches == len(steps) > len(R.write_plan(graph))
    assert report.batch_bytes == 450 and "at most 3 rows and 450 bytes" in report.summary("db")
    assert any(step.kind == "edge" and step.rows[0]["replace"] == [] for step in steps)  # evidence was split
    for step in steps:
        assert len(step.rows) <= 3
        assert len(step.rows) == 1 or sum(R.row_size(r) + 1 for r in step.rows) <= 450
    assert dump(store) == expected_dump(graph)


TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.one_of(TEXT, st.lists(TEXT, max_size=3), st.dictionaries(st.sampled_from("abc"), TEXT, max_size=2)))
def test_string_parameters_arrive_intact(store: Neo4jStore, value) -> None:
    # FalkorDB's Bolt port pastes strings into query text unescaped, so the loader escapes them there.
    assert store.pastes_parameters == (store.settings.user == "falkordb")
    assert store.query("RETURN $v AS v", {"v": value}) == (["v"], [[value]])


def params_bytes(step: R.Step) -> int:
    """A batch's parameters in bytes, as the loader counts them."""
    return sum(R.row_size(r) + 1 for r in step.rows)


@pytest.mark.server
def test_default_settings_bound_batches_for_a_server_that_pastes_parameters(falkordb: Neo4jStore) -> None:
    store = falkordb
    graph = long_evidence_graph()
    assert store.settings.batch_bytes is None and store.pastes_parameters  # auto, on FalkorDB's Bolt port
    assert max(params_bytes(step) for step in R.write_plan(graph)) > 4400  # unbounded, it would crash the server
    steps = []
    report = store.load(graph, progress=lambda done, total, step: steps.append(step))
    assert report.batch_bytes == store.batch_bytes == DEFAULT_BATCH_BYTES
    assert f"batches of at most {DEFAULT_BATCH_SIZE} rows and {DEFAULT_BATCH_BYTES} bytes (" in report.summary("db")
    assert all(len(step.rows) == 1 or params_bytes(step) <= DEFAULT_BATCH_BYTES for step in steps)
    assert normal(dump(store)) == normal(expected_dump(graph))  # the server survived and holds it all


def test_edge_with_evidence_from_hundreds_of_documents_loads_and_reloads(store: Neo4jStore) -> None:
    graph = new_graph(generator="tests")
    a = add_node(graph, "person:a", "Person", "A")
    b = add_node(graph, "allegation:b", "Allegation", "B", text="B.", summary="b", act="act", status="alleged",
                 dates=[])
    ev = [evidence_item(f"{i}.txt", f"{i:016x}", f"Document {i} says so.", 0, 20, "says") for i in range(300)]
    add_edge(graph, a, b, "ALLEGES", ev)
    (row,) = R.edge_rows(graph)[("ALLEGES", "Person", "Allegation")]
    assert R.row_size({"replace": row["replace"]}) > 4400  # too big for one batch on its own

    store.load(graph)
    assert store.query("RETURN 1 AS ok") == (["ok"], [[1]])  # the server survived
    first = dump(store)
    assert store.counts() == counts(graph)
    _, rows = store.query("MATCH (:Person {id: 'person:a'})-[r:ALLEGES]->() RETURN r.evidence_document_ids")
    assert len(rows[0][0]) == 300 and sorted(rows[0][0]) == sorted(e["document_id"] for e in ev)
    assert normal(first) == normal(expected_dump(graph))

    again = store.load(graph)
    assert (again.nodes_created, again.relationships_created) == (0, 0)
    assert store.counts() == counts(graph) and dump(store) == first
