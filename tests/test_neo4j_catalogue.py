"""Every catalogue query gives over Neo4j the rows it gives on the embedded engine, on the seeds and on a
larger graph built from the benchmark's corpus generator (the seeds varied). Expected rows are whatever
the embedded engine returns: the point is that the two engines agree, whatever extraction finds."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from graph_server import dated_seeds_like_graph, seeds_graph, seeds_like_graph
from graphbuild import queries as Q
from graphbuild.build import build_graph
from graphbuild.stores.embedded import EmbeddedEngine
from graphbuild.stores.neo4j import Neo4jStore
from neo4j_server import clear, shared_neo4j
from test_queries import oracle_allegation_timeline

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = Q.list_queries()
LARGER_DOCUMENTS = 24


def larger_graph(folder: Path) -> nx.MultiDiGraph:
    """The graph of the benchmark's corpus of ``LARGER_DOCUMENTS`` documents."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from corpus import make_corpus
    finally:
        sys.path.remove(str(ROOT / "bench"))
    corpus, _ = make_corpus(folder, LARGER_DOCUMENTS)
    return build_graph([corpus])


def most_linked(graph: nx.MultiDiGraph, label: str, types: tuple[str, ...], *, outgoing: bool = True) -> str:
    """The name of the node of ``label`` with the most edges of ``types`` (ties by name): a parameter that finds rows."""
    edges = graph.out_edges(data=True) if outgoing else graph.in_edges(data=True)
    tally = Counter(graph.nodes[s if outgoing else t]["name"] for s, t, d in edges
                    if d["type"] in types and graph.nodes[s if outgoing else t]["label"] == label)
    return min(tally.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def parameter_sets(graph: nx.MultiDiGraph) -> list[tuple[str, dict]]:
    """Each query with its defaults, and with parameters taken from the graph so that they match rows."""
    stances = ("ALLEGES", "CORROBORATES", "DISPUTES")
    allegation = next(n for n, d in sorted(graph.nodes(data=True)) if d["label"] == "Allegation")
    person_subject = most_linked(graph, "Person", ("ABOUT",), outgoing=False)
    agency = most_linked(graph, "Agency", ("MEMBER_OF",), outgoing=False)
    return [(q.name, {}) for q in CATALOGUE] + [
        ("about-person", {"person": person_subject.upper()}),
        ("source-profile", {"source": most_linked(graph, "Person", stances)}),
        ("agency-members", {"agency": agency}),
        ("agency-people", {"agency": agency.lower()}),
        ("allegation-evidence", {"allegation": allegation}),
        ("corroborated-allegations", {"min_sources": 1}),
        ("entity-documents", {"entity": person_subject}),
    ]


@pytest.fixture(scope="module")
def neo4j_store():
    with Neo4jStore(shared_neo4j().settings()) as store:
        yield store


def assert_same_answers(graph: nx.MultiDiGraph, neo4j_store: Neo4jStore) -> Counter:
    """Load ``graph`` into both engines and compare every query; return how many rows each query gave."""
    clear(neo4j_store)
    neo4j_store.load(graph)
    compared: Counter = Counter()
    with EmbeddedEngine() as engine:
        engine.load(graph)
        for name, params in parameter_sets(graph):
            query = Q.resolve(name)
            values = Q.bind(query, params)
            embedded = engine.query(query.text, values)
            assert embedded[0] == list(query.columns), name
            assert neo4j_store.query(query.text, values) == embedded, f"{name} {params}"
            compared[name] += len(embedded[1])
    return compared


def test_every_query_answers_the_same_on_a_graph_where_each_has_rows(neo4j_store: Neo4jStore) -> None:
    rows = assert_same_answers(seeds_like_graph(), neo4j_store)
    assert all(rows[q.name] for q in CATALOGUE), rows  # no comparison of empty answers only


def test_the_timeline_of_a_dated_graph_is_the_graphs_on_both_engines(neo4j_store: Neo4jStore) -> None:
    graph = dated_seeds_like_graph()
    assert assert_same_answers(graph, neo4j_store)["allegation-timeline"]
    query = Q.resolve("allegation-timeline")
    assert neo4j_store.query(query.text, query.params)[1] == oracle_allegation_timeline(graph)


def test_every_query_answers_the_same_on_the_seeds(neo4j_store: Neo4jStore) -> None:
    assert sum(assert_same_answers(seeds_graph(), neo4j_store).values())


def test_every_query_answers_the_same_on_a_larger_graph(neo4j_store: Neo4jStore, tmp_path: Path) -> None:
    graph = larger_graph(tmp_path / "corpus")
    assert len(graph.graph["documents"]) == LARGER_DOCUMENTS
    assert graph.number_of_edges() > 2 * seeds_graph().number_of_edges()
    assert sum(assert_same_answers(graph, neo4j_store).values())
