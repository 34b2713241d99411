"""The ``graphbuild export`` command: read a graph.json, write it in another format.

Thin over :func:`graphbuild.exporters.export`; library errors become one line on stderr and exit code 1.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .cli_support import Debug, user_errors
from .errors import GraphbuildError
from .exporters import DEFAULT_SUFFIX, EXPORT_FORMATS, export as export_graph
from .jsonio import read_json


def default_output(graph_path: Path, fmt: str) -> Path:
    """Where an export goes when ``-o`` is not given: beside the input, named after it.

    >>> default_output(Path("out/graph.json"), "csv")
    PosixPath('out/graph-csv')
    """
    return graph_path.with_name(graph_path.stem + DEFAULT_SUFFIX[fmt])


def export(
    graph: Annotated[Path, typer.Argument(help="A graph.json written by `graphbuild build`.", metavar="GRAPH",
                                               show_default=False)],
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT",
                                     help=f"Output format: {', '.join(EXPORT_FORMATS)}.")] = "html",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="PATH", help="File to write (a folder for csv); "
                                                   "default: beside GRAPH, e.g. graph.html or graph-csv/ "
                                                   "(json has none: give one).")] = None,
    debug: Debug = False,
) -> None:
    """Export GRAPH to HTML, GraphML, GEXF, neo4j-admin CSV, a Cypher script or JSON."""
    fmt = fmt.lower()
    with user_errors(debug):
        if fmt not in EXPORT_FORMATS:
            raise GraphbuildError(f"unknown format {fmt!r} (expected one of {', '.join(EXPORT_FORMATS)})")
        if output is None and fmt == "json":
            raise GraphbuildError("give -o PATH for a json export (its default would be the input itself)")
        data = read_json(graph)
        target = output if output is not None else default_output(graph, fmt)
        if target.resolve() == graph.resolve():
            raise GraphbuildError(f"{target}: refusing to overwrite the input graph")
        written = export_graph(data, fmt, target)
    typer.echo(f"wrote {fmt} ({data.number_of_nodes()} nodes, {data.number_of_edges()} edges) to {written}")
