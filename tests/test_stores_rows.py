"""The pure row builders and query texts that every store and the Cypher script share."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph_server import DOC_A, DOC_B, seeds_like_graph
from graphbuild.errors import GraphFormatError
from graphbuild.graph import add_edge, add_node, evidence_item, new_graph
from graphbuild.stores import rows as R

PRIMITIVE_LISTS = (str, int, float, bool)


def stored_value_ok(value) -> bool:
    """What Neo4j accepts as a property: a primitive, or a list of one primitive type (no maps)."""
    if isinstance(value, PRIMITIVE_LISTS):
        return True
    return isinstance(value, list) and len({type(v) for v in value}) <= 1 and all(
        isinstance(v, PRIMITIVE_LISTS) for v in value)


def test_node_rows_hold_only_storable_values_and_supporting_documents() -> None:
    graph = seeds_like_graph()
    graph.nodes["person:donald-trump"]["extra"] = {"nested": [1, {"x": 2}]}
    rows = R.node_rows(graph)
    assert list(rows) == ["Person", "Agency", "Organization", "Place", "Allegation", "Document"]
    by_id = {r["id"]: r for label_rows in rows.values() for r in label_rows}
    assert set(by_id) == set(graph.nodes)
    for row in by_id.values():
        assert "label" not in row["props"]
        assert all(stored_value_ok(v) for v in row["props"].values()), row
    assert json.loads(by_id["person:donald-trump"]["props"]["extra"]) == {"nested": [1, {"x": 2}]}
    assert by_id["agency:kremlin"]["document_ids"] == [DOC_B]  # only document B's evidence names it
    assert by_id["place:moscow"]["document_ids"] == [DOC_A]  # MENTIONED_IN without evidence still counts
    assert by_id["agency:kgb"]["document_ids"] == sorted([DOC_A, DOC_B])
    assert by_id[f"document:{DOC_A}"]["document_ids"] == [DOC_A]


def test_edge_rows_flatten_evidence_into_aligned_lists() -> None:
    graph = seeds_like_graph()
    groups = R.edge_rows(graph)
    assert ("MEMBER_OF", "Person", "Agency") in groups
    for (rel, src, dst), rows in groups.items():
        for row in rows:
            assert graph.nodes[row["source"]]["label"] == src and graph.nodes[row["target"]]["label"] == dst
            evidence = graph.edges[row["source"], row["target"], rel].get("evidence", [])
            lists = [row[p] for p in R.EVIDENCE_LISTS.values()]
            assert all(len(values) == len(evidence) for values in lists)
            for i, item in enumerate(evidence):
                assert row["evidence_texts"][i] == item["text"]
                assert row["evidence_document_ids"][i] == item["document_id"]
                assert (row["evidence_starts"][i], row["evidence_ends"][i]) == (item["start"], item["end"])
                assert row["evidence_cues"][i] == item.get("cue", "")
            assert row["replace"] == sorted({e["document_id"] for e in evidence})
            assert all(stored_value_ok(v) for v in row["props"].values())
    member = next(r for r in groups[("MEMBER_OF", "Person", "Agency")] if r["source"] == "person:yuri-shvets")
    assert member["props"] == {"former": True, "role": "major"}


def test_rows_are_deterministic() -> None:
    assert R.write_plan(seeds_like_graph(), max_bytes=500) == R.write_plan(seeds_like_graph(), max_bytes=500)


@given(sizes=st.lists(st.integers(0, 400), max_size=60), max_rows=st.integers(1, 10),
       max_bytes=st.one_of(st.none(), st.integers(50, 2000)))
def test_batches_keep_order_and_bounds(sizes: list[int], max_rows: int, max_bytes: int | None) -> None:
    rows = [{"i": i, "t": "x" * n} for i, n in enumerate(sizes)]
    out = list(R.batches(rows, max_rows, max_bytes))
    assert [r for b in out for r in b] == rows
    for batch in out:
        assert 1 <= len(batch) <= max_rows
        if max_bytes is not None and len(batch) > 1:
            assert sum(R.row_size(r) + 1 for r in batch) <= max_bytes


def big_edge_graph(n: int, text_len: int, documents: int = 3):
    g = new_graph()
    a = add_node(g, "person:a", "Person", "A")
    b = add_node(g, "allegation:b", "Allegation", "B")
    ev = [evidence_item(f"{i % documents}.txt", f"{i % documents:016x}", f"{i} " + "y'\\" * (text_len // 3), i * 100,
                        i * 100 + 50, "said") for i in range(n)]
    add_edge(g, a, b, "ALLEGES", ev)
    return g


def merged_evidence(stored: list[tuple], parts: list[dict]) -> list[tuple]:
    """What the edge MERGE query leaves on a relationship holding ``stored`` after the parts, in order."""
    fields = list(R.EVIDENCE_LISTS.values())
    for part in parts:
        stored = [item for item in stored if item[1] not in part["replace"]] + list(zip(*(part[f] for f in fields)))
    return stored


@settings(max_examples=60, deadline=None)  # a busy machine makes any time limit flaky
@given(n=st.integers(1, 300), text_len=st.integers(10, 900), documents=st.integers(1, 300),
       max_bytes=st.integers(600, 4000))
def test_oversized_edges_are_split_into_parts_that_fit(n: int, text_len: int, documents: int, max_bytes: int) -> None:
    graph = big_edge_graph(n, text_len, documents)
    (row,) = R.edge_rows(graph)[("ALLEGES", "Person", "Allegation")]
    steps = [s for s in R.write_plan(graph, max_bytes=max_bytes) if s.kind == "edge"]
    parts = [r for s in steps for r in s.rows]
    if R.row_size(row) <= max_bytes:
        assert parts == [row]
        return
    assert all(len(s.rows) == 1 for s in steps)  # parts of one edge never share a batch
    for part in parts:
        assert R.row_size(part) <= max_bytes or len(part["evidence_texts"]) == 1
        # Only the part's own documents: an edge cited by hundreds of them would not fit one batch.
        assert set(part["replace"]) <= set(part["evidence_document_ids"])
    # Each document is replaced once, by the first part that carries it.
    assert sorted(d for p in parts for d in p["replace"]) == row["replace"]
    for prop in R.EVIDENCE_LISTS.values():
        assert [v for p in parts for v in p[prop]] == row[prop]
    # Loading the parts into an empty edge, over the same load, or over an older load from the same
    # documents plus one other gives all of the row's evidence and keeps the other document's.
    full = list(zip(*(row[f] for f in R.EVIDENCE_LISTS.values())))
    assert merged_evidence([], parts) == full
    assert merged_evidence(merged_evidence([], parts), parts) == full
    other = ("x.txt", "f" * 16, "kept", 1, 2, "said")
    assert merged_evidence([other] + full[:1], parts) == [other] + full


def test_query_text_takes_labels_only_from_the_schema() -> None:
    assert "MERGE (n:Person {id: row.id})" in R.merge_nodes_query("Person")
    assert "MERGE (a)-[r:ALLEGES]->(b)" in R.merge_edges_query("ALLEGES", "Person", "Allegation")
    for bad in ("Person) DETACH DELETE n //", "Evidence", "person"):
        with pytest.raises(GraphFormatError):
            R.merge_nodes_query(bad)
        with pytest.raises(GraphFormatError):
            R.constraint_query(bad)
    with pytest.raises(GraphFormatError):
        R.merge_edges_query("OWNS", "Person", "Allegation")
    with pytest.raises(GraphFormatError):
        R.merge_edges_query("ALLEGES", "Person", "Allegation]->() DELETE r //")


def test_values_never_reach_query_text() -> None:
    graph = seeds_like_graph()
    for step in R.write_plan(graph):
        for label_or_word in ("Trump", "Kremlin", "DETACH", DOC_A):
            assert label_or_word not in step.query
    assert "$rows" in R.merge_nodes_query("Place")


def test_property_value() -> None:
    assert R.property_value([]) == []
    assert R.property_value([1, 2]) == [1, 2]
    assert R.property_value([1, "a"]) == '[1, "a"]'
    assert R.property_value([[1]]) == "[[1]]"
    assert R.property_value(None) is None
    assert R.property_value(2.5) == 2.5


def test_node_named_in_many_documents_is_split_to_fit_the_batch_bytes():
    from graphbuild.graph import add_edge, add_node, evidence_item, new_graph
    from graphbuild.stores.rows import row_size, write_plan

    graph = new_graph()
    add_node(graph, "person:ann-lee", "Person", "Ann Lee")
    for i in range(250):
        doc = f"{i:016x}"
        add_node(graph, f"document:{doc}", "Document", f"Doc {i}", document_id=doc, title=f"Doc {i}", path=f"{i}.txt")
        add_edge(graph, "person:ann-lee", f"document:{doc}", "MENTIONED_IN", [evidence_item(f"{i}.txt", doc, "Ann Lee spoke.", 0, 14)])
    steps = [s for s in write_plan(graph, max_bytes=3000) if s.kind == "node" and s.rows[0]["id"] == "person:ann-lee"]
    assert len(steps) > 1
    assert all(row_size(row) <= 3000 for step in steps for row in step.rows)
    ids = [d for step in steps for row in step.rows for d in row["document_ids"]]
    assert sorted(ids) == sorted(f"{i:016x}" for i in range(250))


def test_a_create_plan_has_the_same_rows_and_creates_only_whole_rows() -> None:
    graph = seeds_like_graph()
    big = big_edge_graph(40, 300)  # one edge whose evidence a byte bound splits into parts
    graph.add_nodes_from(big.nodes(data=True))
    graph.add_edges_from(big.edges(keys=True, data=True))
    for max_bytes in (None, 1500):
        merge, create = R.write_plan(graph, max_bytes=max_bytes), R.write_plan(graph, max_bytes=max_bytes, create=True)
        assert [(s.kind, s.group, s.rows) for s in merge] == [(s.kind, s.group, s.rows) for s in create]
        assert all(" MERGE " in s.query for s in merge)
        for step in create:
            split = step.kind == "edge" and step.rows[0]["source"] == "person:a" and max_bytes is not None
            assert (" MERGE " in step.query) == split and (" CREATE " in step.query) != split, step.query
        parts = [s for s in merge if s.rows[0].get("source") == "person:a"]
        assert (len(parts) == 1) if max_bytes is None else (len(parts) > 1)  # the bound splits the edge
        assert sum(" MERGE " in s.query for s in create) == (0 if max_bytes is None else len(parts))


def test_create_queries_take_labels_only_from_the_schema() -> None:
    assert "CREATE (n:Person {id: row.id})" in R.create_nodes_query("Person")
    assert "CREATE (a)-[r:ALLEGES]->(b)" in R.create_edges_query("ALLEGES", "Person", "Allegation")
    assert all(f"r.{p} = row.{p}" in R.create_edges_query("ABOUT", "Allegation", "Person")
               for p in R.EVIDENCE_LISTS.values())
    with pytest.raises(GraphFormatError):
        R.create_nodes_query("Person) DETACH DELETE n //")
    with pytest.raises(GraphFormatError):
        R.create_edges_query("ALLEGES", "Person", "Allegation]->() DELETE r //")
    with pytest.raises(GraphFormatError):
        R.count_label_query("Evidence")


def test_evidence_lists_fill_missing_fields_so_the_lists_stay_aligned() -> None:
    items = [{"document": "a.txt", "document_id": "a" * 16, "text": "A said.", "start": 3, "end": 10, "cue": "said",
              "page": 2, "published": "2020-01-02"},
             {"document": "b.txt", "document_id": "b" * 16, "text": "B.", "start": "4", "end": 6}]
    assert R.evidence_lists(items) == {
        "evidence_documents": ["a.txt", "b.txt"], "evidence_document_ids": ["a" * 16, "b" * 16],
        "evidence_texts": ["A said.", "B."], "evidence_starts": [3, 4], "evidence_ends": [10, 6],
        "evidence_cues": ["said", ""], "evidence_pages": [2, 0], "evidence_published": ["2020-01-02", ""]}
    assert R.evidence_lists([]) == {prop: [] for prop in R.EVIDENCE_LISTS.values()}


def test_building_rows_leaves_the_garbage_collector_as_it_was() -> None:
    import gc

    assert gc.isenabled()
    R.write_plan(seeds_like_graph())
    assert gc.isenabled()
    gc.disable()
    try:
        R.write_plan(seeds_like_graph())
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_create_plan_merges_edges_of_one_type_between_the_same_nodes() -> None:
    graph = seeds_like_graph()
    source, target, data = next((s, t, d) for s, t, d in graph.edges(data=True) if d["type"] == "ALLEGES")
    graph.add_edge(source, target, key="ALLEGES again", **{**data, "evidence": []})  # one relationship in Neo4j
    steps = [s for s in R.write_plan(graph, create=True) if s.kind == "edge"]
    assert {s.group for s in steps if " MERGE " in s.query} == {"ALLEGES"}
    assert all(" CREATE " in s.query for s in steps if s.group != "ALLEGES")
