"""GraphML and GEXF round trips through networkx's own readers."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from graphbuild.exporters import export
from graphbuild.exporters.gephi import gephi_graph, gexf_text, graphml_text, scalar
from graphbuild.graph import add_edge, add_node, new_graph
from sample_graphs import IMG, SCRIPT, reversed_copy, small_graph, synthetic_graph


def read_back(fmt: str, path: Path) -> nx.MultiDiGraph:
    """The file as networkx reads it, keyed by relation type like the graph it came from."""
    graph = nx.read_graphml(path, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(path)
    if graph.is_multigraph():
        return graph
    # networkx reads a GEXF file without parallel edges as a DiGraph; the relation type is an attribute.
    multi = nx.MultiDiGraph()
    multi.add_nodes_from(graph.nodes(data=True))
    multi.add_edges_from((s, t, d["relation"], d) for s, t, d in graph.edges(data=True))
    return multi


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
@pytest.mark.parametrize("make", [small_graph, lambda: synthetic_graph(400)], ids=["small", "synthetic"])
def test_round_trip_keeps_nodes_and_edges(fmt: str, make, tmp_path: Path) -> None:
    graph = make()
    back = read_back(fmt, export(graph, fmt, tmp_path / f"g.{fmt}"))
    assert back.is_directed()
    assert sorted(back.nodes) == sorted(graph.nodes)
    assert sorted(back.edges(keys=True)) == sorted(graph.edges(keys=True))
    for nid, data in graph.nodes(data=True):
        got = back.nodes[nid]
        assert (got["type"], got["name"], got["label"]) == (data["label"], data["name"], data["name"])
        assert json.loads(got["aliases"]) == data["aliases"]
    for s, t, k, data in graph.edges(keys=True, data=True):
        got = back.edges[s, t, k]
        assert got["relation"] == k and got["label"] == k
        assert json.loads(got["evidence"]) == data.get("evidence", [])


def test_list_and_evidence_values_survive_as_json(tmp_path: Path) -> None:
    graph = small_graph()
    back = read_back("graphml", export(graph, "graphml", tmp_path / "g.graphml"))
    evil = back.nodes["person:evil"]
    assert evil["label"] == f"Evil {IMG}" and json.loads(evil["aliases"]) == sorted([SCRIPT, 'Mallory; the "quoted"'])
    claim = back.nodes["allegation:donald-trump:recruitment"]
    assert json.loads(claim["dates"]) == ["1987"] and claim["status"] == "disputed"
    member = back.edges["person:yuri-shvets", "agency:kgb", "MEMBER_OF"]
    assert member["former"] is True and member["role"] == "major" and member["weight"] == 1


def test_gexf_carries_colours_for_gephi(tmp_path: Path) -> None:
    back = read_back("gexf", export(small_graph(), "gexf", tmp_path / "g.gexf"))
    assert back.nodes["person:yuri-shvets"]["viz"]["color"] == {"r": 78, "g": 121, "b": 167, "a": 1.0}
    assert back.edges["person:yuri-shvets", "allegation:donald-trump:recruitment", "ALLEGES"]["weight"] == 2.0


def test_output_is_deterministic_and_undated() -> None:
    graph = small_graph()
    shuffled = reversed_copy(graph)
    assert graphml_text(graph) == graphml_text(shuffled)
    assert gexf_text(graph) == gexf_text(shuffled)
    assert "lastmodifieddate" not in gexf_text(graph)


def test_characters_xml_cannot_hold_are_replaced(tmp_path: Path) -> None:
    graph = new_graph()
    a = add_node(graph, "person:a", "Person", "A\x0cB\x00", aliases=["x\x1by"])
    b = add_node(graph, "agency:b", "Agency", "B")
    add_edge(graph, a, b, "MEMBER_OF", role="chief\x07")
    for fmt in ("graphml", "gexf"):
        back = read_back(fmt, export(graph, fmt, tmp_path / f"g.{fmt}"))
        assert back.nodes["person:a"]["name"] == "A\ufffdB\ufffd"
        assert back.edges["person:a", "agency:b", "MEMBER_OF"]["role"] == "chief\ufffd"


def test_mixed_value_types_become_text() -> None:
    graph = new_graph()
    add_node(graph, "place:a", "Place", "A", population=5)
    add_node(graph, "place:b", "Place", "B", population="many")
    out = gephi_graph(graph)
    assert out.nodes["place:a"]["population"] == "5" and out.nodes["place:b"]["population"] == "many"
    assert scalar(["b", "a"]) == '["b","a"]' and scalar(True) is True
