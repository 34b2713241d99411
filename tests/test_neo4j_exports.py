"""The CSV export imported by neo4j-admin (through the folder's own import.sh) and the Cypher script run
statement by statement both give a Neo4j that answers like one filled by ``graphbuild load``."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import networkx as nx
import pytest

from graph_server import dump, expected_dump, seeds_graph, seeds_like_graph
from graphbuild import queries as Q
from graphbuild.cli import app
from graphbuild.schema import NODE_LABELS
from graphbuild.stores.neo4j import Neo4jStore
from neo4j_server import ROOT, Neo4jServer, clear, shared_neo4j
from test_cypher_export import split_statements
from typer.testing import CliRunner

pytestmark = pytest.mark.neo4j


def seeds_and_hostile_graph() -> nx.MultiDiGraph:
    """The seeds graph beside the hand-made one with quotes, backslashes, newlines and markup in its text."""
    hostile = nx.relabel_nodes(seeds_like_graph(), lambda nid: f"{nid}-hostile")
    graph = nx.union(seeds_graph(), hostile)
    graph.graph["documents"] = sorted(set(seeds_graph().graph["documents"]) | set(hostile.graph["documents"]))
    return graph


def export(graph: nx.MultiDiGraph, fmt: str, path: Path) -> Path:
    from graphbuild.jsonio import write_json

    source = write_json(graph, path.parent / "graph.json")
    result = CliRunner().invoke(app, ["export", str(source), "--format", fmt, "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


def answers(store: Neo4jStore) -> dict[str, list]:
    """Every catalogue query with its defaults and a few other parameters."""
    extra = [("about-person", {"person": "trump"}), ("source-profile", {"source": "Kremlin"}),
             ("corroborated-allegations", {"min_sources": 1}), ("entity-documents", {"entity": "KGB"})]
    out = {}
    for name, params in [(q.name, {}) for q in Q.list_queries()] + extra:
        query = Q.resolve(name)
        out[f"{name} {params}"] = store.query(query.text, Q.bind(query, params))
    return out


def without_empty_lists(dumped: tuple[list, list]) -> tuple[list, list]:
    """A dump as neo4j-admin stores it: an empty CSV field sets no property, so [] and [""] are absent."""
    def keep(props: dict) -> dict:
        return {k: v for k, v in props.items() if v not in ([], [""])}

    nodes, edges = dumped
    return [[*n[:2], keep(n[2])] for n in nodes], [[*e[:3], keep(e[3])] for e in edges]


@pytest.fixture(scope="module")
def loaded():
    """The graph, and what ``graphbuild load`` gives in Neo4j: its dump and its answers."""
    graph = seeds_and_hostile_graph()
    with Neo4jStore(shared_neo4j().settings()) as store:
        clear(store)
        store.load(graph)
        assert dump(store) == expected_dump(graph)
        yield graph, dump(store), answers(store)


def test_csv_import_through_import_sh_serves_what_load_gives(loaded, tmp_path: Path) -> None:
    graph, loaded_dump, loaded_answers = loaded
    folder = export(graph, "csv", tmp_path / "csv")
    script = (folder / "import.sh").read_text()
    assert "--multiline-fields=true" in script  # the hostile text has newlines
    home = tmp_path / "home"
    env = {**os.environ, "PATH": f"{ROOT / 'scripts'}{os.pathsep}{os.environ['PATH']}", "NEO4J_HOME": str(home)}
    result = subprocess.run(["sh", str(folder / "import.sh")], env=env, capture_output=True, text=True, timeout=600,
                            cwd=tmp_path, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert f"{graph.number_of_nodes()} nodes" in result.stdout and f"{graph.number_of_edges()} relationships" in result.stdout

    server = Neo4jServer(home=home).start()  # the home neo4j-admin wrote into, served
    try:
        with Neo4jStore(server.settings()) as store:
            assert store.counts() == shared_counts(loaded_dump)
            assert dump(store) == without_empty_lists(loaded_dump)
            assert answers(store) == loaded_answers
            report = store.load(graph)  # load finds every node and relationship in place
            assert (report.nodes_created, report.relationships_created) == (0, 0)
            assert dump(store) == loaded_dump
    finally:
        server.remove()


def shared_counts(dumped: tuple[list, list]) -> dict[str, dict[str, int]]:
    nodes, edges = dumped
    count = lambda keys: {k: keys.count(k) for k in sorted(set(keys))}  # noqa: E731
    return {"nodes": count([n[1][0] for n in nodes]), "edges": count([e[1] for e in edges])}


def run_script(store: Neo4jStore, script: str) -> list:
    """Each statement in its own transaction, as ``cypher-shell -f`` runs them (schema and data apart)."""
    counters = []
    for statement in split_statements(script):
        with store.driver.session() as session:
            counters.append(session.execute_write(lambda tx: tx.run(statement).consume().counters))
    return counters


def test_cypher_script_run_through_the_driver_gives_what_load_gives(loaded, tmp_path: Path) -> None:
    graph, loaded_dump, loaded_answers = loaded
    path = export(graph, "cypher", tmp_path / "graph.cypher")
    with Neo4jStore(shared_neo4j().settings()) as store:
        clear(store)
        first = run_script(store, path.read_text(encoding="utf-8"))
        assert sum(c.constraints_added for c in first) == len(NODE_LABELS)
        assert sum(c.nodes_created for c in first) == graph.number_of_nodes()
        assert sum(c.relationships_created for c in first) == graph.number_of_edges()
        assert dump(store) == loaded_dump
        assert answers(store) == loaded_answers
        again = run_script(store, path.read_text(encoding="utf-8"))  # a second run changes nothing
        assert sum(c.nodes_created + c.relationships_created + c.constraints_added for c in again) == 0
        assert dump(store) == loaded_dump
