"""The Cypher script export: run against the test graph server it gives what `graphbuild load` gives."""
from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph_server import dump, expected_dump, seeds_graph, seeds_like_graph, shared_server
from graphbuild.errors import GraphFormatError
from graphbuild.exporters.cypher import cypher_literal, cypher_string, to_cypher_script, write_cypher
from graphbuild.schema import NODE_LABELS
from graphbuild.stores.embedded import EmbeddedEngine
from graphbuild.stores.neo4j import Neo4jStore


def split_statements(script: str) -> list[str]:
    """Statements as cypher-shell finds them: ``;`` ends one unless inside a string; ``//`` comments skipped."""
    statements, current, quote, i = [], [], None, 0
    while i < len(script):
        ch = script[i]
        if quote:
            current.append(ch)
            if ch == "\\":
                current.append(script[i + 1])
                i += 1
            elif ch == quote:
                quote = None
        elif script.startswith("//", i):
            i = script.find("\n", i)
            i = len(script) if i < 0 else i
            continue
        elif ch == ";":
            statements.append("".join(current).strip())
            current = []
        else:
            if ch in "'\"":
                quote = ch
            current.append(ch)
        i += 1
    assert not "".join(current).strip(), "the script ends inside a statement"
    return [s for s in statements if s]


def run_script(store: Neo4jStore, script: str) -> None:
    """Run every statement in order, as cypher-shell -f would (constraints are Neo4j's, FalkorDB lacks them)."""
    statements = [s for s in split_statements(script) if not s.startswith("CREATE CONSTRAINT")]
    with store.driver.session() as session:
        session.execute_write(lambda tx: [tx.run(s).consume() for s in statements])


@pytest.fixture(scope="module")
def store():
    server = shared_server()
    with Neo4jStore(server.settings()) as s:
        yield s


@pytest.mark.server
@pytest.mark.parametrize("make", [seeds_graph, seeds_like_graph], ids=["seeds", "hostile-text"])
def test_script_gives_what_load_gives(make, store: Neo4jStore) -> None:
    graph = make()
    shared_server().clear(store)
    store.load(graph)
    loaded = dump(store)
    assert loaded == expected_dump(graph)

    shared_server().clear(store)
    script = to_cypher_script(graph)
    run_script(store, script)
    assert store.counts() == {"nodes": loaded_counts(loaded[0]), "edges": loaded_counts(loaded[1], 1)}
    assert dump(store) == loaded
    run_script(store, script)  # running it again changes nothing
    assert dump(store) == loaded


def loaded_counts(rows: list, column: int | None = None) -> dict[str, int]:
    out: dict[str, int] = {}
    for row in rows:
        key = row[1][0] if column is None else row[column]
        out[key] = out.get(key, 0) + 1
    return dict(sorted(out.items()))


def test_script_layout(tmp_path: Path) -> None:
    script = to_cypher_script(seeds_like_graph())
    lines = script.splitlines()
    assert lines[0].startswith("// graphbuild graph: 11 nodes, 23 relationships")
    statements = [line for line in lines if not line.startswith("//")]
    assert all(line.endswith(";") for line in statements)  # one statement per line
    assert split_statements(script) == [line[:-1] for line in statements]  # quotes hide every other ';'
    constraints = [s for s in statements if s.startswith("CREATE CONSTRAINT")]
    assert len(constraints) == len(NODE_LABELS)
    assert "\n'); MATCH" not in script and "DETACH DELETE n; //" in script  # hostile text stays inside a literal
    path = write_cypher(seeds_like_graph(), tmp_path / "out" / "graph.cypher")
    assert path.read_text(encoding="utf-8") == script


TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60)


@pytest.mark.server
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
def test_string_literals_read_back_over_bolt(store: Neo4jStore, text: str) -> None:
    assert store.query(f"RETURN {cypher_string(text)} AS v") == (["v"], [[text]])


def test_string_literals_read_back_on_the_embedded_engine() -> None:
    # Floats with few digits: FalkorDB's native protocol prints doubles to 15 significant digits.
    with EmbeddedEngine() as engine:
        @settings(max_examples=60, deadline=None)
        @given(value=st.recursive(st.one_of(TEXT, st.integers(-2**63, 2**63 - 1), st.booleans(), st.none(),
                                            st.integers(-10**9, 10**9).map(lambda i: i / 64)),
                                  lambda inner: st.lists(inner, max_size=3), max_leaves=6))
        def check(value) -> None:
            assert engine.query(f"RETURN {cypher_literal(value)} AS v")[1] == [[value]]

        check()


def test_values_without_a_cypher_literal() -> None:
    for bad in (math.nan, math.inf, object()):
        with pytest.raises(GraphFormatError):
            cypher_literal(bad)
    assert cypher_literal({"odd key": 1, "ok": "x"}) == "{`odd key`: 1, ok: 'x'}"
