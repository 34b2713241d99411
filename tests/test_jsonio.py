from __future__ import annotations

import json

import pytest

from graphbuild.errors import GraphFormatError
from graphbuild.graph import add_edge, add_node, evidence_item, new_graph
from graphbuild.jsonio import data_to_graph, dumps, graph_to_data, read_json, write_json


def small_graph():
    g = new_graph(generator="graphbuild", documents=["abc"])
    add_node(g, "person:ann-lee", "Person", "Ann Lee", {"Lee"})
    add_node(g, "agency:cia", "Agency", "CIA", ())
    add_edge(g, "person:ann-lee", "agency:cia", "MEMBER_OF", [evidence_item("a.txt", "abc", "Ann Lee, a CIA officer.", 0, 23, "officer")], role="officer", former=False)
    return g


def test_contract_fields_and_round_trip(tmp_path):
    g = small_graph()
    data = graph_to_data(g)
    assert set(data) == {"directed", "multigraph", "graph", "nodes", "edges"}
    assert data["nodes"][1] == {"id": "person:ann-lee", "label": "Person", "name": "Ann Lee", "aliases": ["Lee"]}
    edge = data["edges"][0]
    assert edge["type"] == "MEMBER_OF" and edge["evidence"][0]["text"] == "Ann Lee, a CIA officer."
    path = write_json(g, tmp_path / "g.json")
    again = read_json(path)
    assert graph_to_data(again) == data
    assert dumps(again) == path.read_text()


@pytest.mark.parametrize("data, problem", [
    ([], "not a graphbuild graph"),
    ({"nodes": []}, "'edges' list"),
    ({"nodes": [{"id": "x", "label": "Robot", "name": "x"}], "edges": []}, "unknown label 'Robot'"),
    ({"nodes": [{"id": "x", "label": "Person", "name": "x"}], "edges": [{"source": "x", "target": "y", "type": "ABOUT"}]}, "not in the graph"),
    ({"nodes": [], "edges": [{"source": "x", "target": "y", "type": "DROP TABLE"}]}, "unknown type"),
])
def test_foreign_graphs_are_rejected_with_the_problem(data, problem):
    with pytest.raises(GraphFormatError, match=problem):
        data_to_graph(data, source="g.json")


def test_unreadable_json_names_file_and_position(tmp_path):
    bad = tmp_path / "g.json"
    bad.write_text('{"nodes": [')
    with pytest.raises(GraphFormatError, match=r"g.json: not valid JSON \(line 1"):
        read_json(bad)
    with pytest.raises(GraphFormatError, match="no such file"):
        read_json(tmp_path / "missing.json")
    assert json.loads(dumps(small_graph()))["graph"]["documents"] == ["abc"]
