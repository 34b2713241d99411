"""The build command on the sample corpus, end to end through the CLI."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from conftest import SEEDS
from graphbuild.cli import app

runner = CliRunner()


def test_build_writes_contract_json_and_html(tmp_path):
    result = runner.invoke(app, ["build", str(SEEDS), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "documents: 3" in result.output and "top allegations:" in result.output
    data = json.loads((tmp_path / "graph.json").read_text())
    assert (tmp_path / "graph.html").stat().st_size > 1000
    assert data["graph"]["generator"] == "graphbuild" and data["graph"]["model"].startswith("en_core_web")
    assert len(data["graph"]["documents"]) == 3
    labels = {n["label"] for n in data["nodes"]}
    assert {"Person", "Agency", "Organization", "Allegation", "Document"} <= labels
    types = {e["type"] for e in data["edges"]}
    assert {"ALLEGES", "ABOUT", "MEMBER_OF", "MENTIONED_IN", "DISPUTES", "CORROBORATES"} <= types
    texts = {p.name: p.read_text() for p in SEEDS.iterdir()}
    for edge in data["edges"]:
        if edge["type"] != "MENTIONED_IN":
            assert edge["evidence"], edge
        for ev in edge.get("evidence", []):
            assert texts[ev["document"]][ev["start"]:ev["end"]] == ev["text"]


def test_seed_graph_holds_the_core_facts(seeds_graph):
    def node(name):
        return next(n for n, d in seeds_graph.nodes(data=True) if d["name"] == name)
    trump, mussayev, kgb = node("Donald Trump"), node("Alnur Mussayev"), node("KGB")
    recruitment = f"allegation:{trump.split(':')[1]}:recruitment"
    assert seeds_graph.has_edge(mussayev, recruitment, "ALLEGES")
    assert seeds_graph.has_edge(recruitment, trump, "ABOUT")
    assert seeds_graph.has_edge(mussayev, kgb, "MEMBER_OF")
    assert seeds_graph.nodes[recruitment]["status"] == "contested"
    assert "1987" in seeds_graph.nodes[recruitment]["dates"]


def test_missing_source_is_one_line_error(tmp_path):
    result = runner.invoke(app, ["build", str(tmp_path / "nope"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert result.output.strip() == f"error: {tmp_path / 'nope'}: no such file or folder"
    assert not (tmp_path / "o").exists()


def test_help_on_every_command():
    for command in ([], ["build"]):
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output
