"""`graphbuild export` through typer's test runner, on a local app with only this command registered."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
import typer
from typer.testing import CliRunner

from graphbuild import cli_export
from graphbuild.exporters import EXPORT_FORMATS
from graphbuild.errors import GraphFormatError
from graphbuild.jsonio import read_json, write_json
from sample_graphs import small_graph

app = typer.Typer()
app.command("export")(cli_export.export)


@app.callback()
def main() -> None:
    """A group, so that `export` is a subcommand as in the real CLI."""


runner = CliRunner()


@pytest.fixture()
def graph_file(tmp_path: Path) -> Path:
    return write_json(small_graph(), tmp_path / "graph.json")


@pytest.mark.parametrize("fmt", [f for f in EXPORT_FORMATS if f != "cypher"])
def test_each_format_is_written(fmt: str, graph_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "exports" / f"graph-out.{fmt}"
    result = runner.invoke(app, ["export", str(graph_file), "--format", fmt, "-o", str(target)])
    assert result.exit_code == 0, result.output
    g = small_graph()
    summary = f"wrote {fmt} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges) to {target}"
    assert target.exists() and result.stdout == summary + "\n"
    if fmt == "json":
        assert nx.utils.graphs_equal(read_json(target), read_json(graph_file))
    if fmt == "csv":
        assert (target / "nodes_Person.csv").exists()


def test_cypher_goes_to_its_exporter(graph_file: Path, tmp_path: Path) -> None:
    pytest.importorskip("graphbuild.exporters.cypher", reason="the cypher exporter is written separately")
    result = runner.invoke(app, ["export", str(graph_file), "-f", "cypher", "-o", str(tmp_path / "g.cypher")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "g.cypher").stat().st_size > 0


def test_default_output_sits_beside_the_input(graph_file: Path) -> None:
    result = runner.invoke(app, ["export", str(graph_file), "--format", "GEXF"])
    assert result.exit_code == 0, result.output
    assert (graph_file.parent / "graph.gexf").exists()
    result = runner.invoke(app, ["export", str(graph_file), "--format", "csv"])
    assert result.exit_code == 0 and (graph_file.parent / "graph-csv" / "import.sh").exists()


@pytest.mark.parametrize("content, message", [
    ("{not json", "not valid JSON (line 1"),
    (json.dumps({"nodes": [{"id": "x", "label": "Robot", "name": "x"}], "edges": []}), "unknown label 'Robot'"),
    (json.dumps([1, 2]), "not a graphbuild graph"),
])
def test_malformed_graph_gives_one_line(content: str, message: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    result = runner.invoke(app, ["export", str(bad), "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "x.html").exists()


@pytest.mark.parametrize("args, message", [
    (["-f", "pdf"], "unknown format 'pdf'"),
    (["-f", "json", "-o", "{graph}"], "refusing to overwrite the input graph"),
    (["-f", "json"], "give -o PATH for a json export"),  # its default beside GRAPH would be GRAPH itself
])
def test_bad_arguments_give_one_line(args: list[str], message: str, graph_file: Path) -> None:
    args = [a.format(graph=graph_file) for a in args]
    before = graph_file.read_bytes()
    result = runner.invoke(app, ["export", str(graph_file), *args])
    assert result.exit_code == 1 and result.stderr.startswith("error: ") and message in result.stderr
    assert graph_file.read_bytes() == before


def test_missing_file_and_foreign_folder(graph_file: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", str(tmp_path / "nope.json")])
    assert result.exit_code == 1 and "no such file" in result.stderr
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.tex").write_text("keep me")
    result = runner.invoke(app, ["export", str(graph_file), "-f", "csv", "-o", str(mine)])
    assert result.exit_code == 1 and "not a CSV export" in result.stderr
    assert (mine / "thesis.tex").read_text() == "keep me"


def test_debug_shows_the_error_itself(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", str(tmp_path / "nope.json"), "--debug"])
    assert isinstance(result.exception, GraphFormatError) and "no such file" in str(result.exception)
