"""Database commands: ``load`` and ``unload`` (Neo4j over Bolt) and ``query`` (embedded engine or Neo4j).

Each command parses its options, calls one library function and prints a summary; library errors
become ``error: <one line>`` on stderr and exit status 1. Register them on the app with
``app.command("load")(cli_db.load)`` and so on.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import networkx as nx
import typer

from .cli_support import Debug, user_errors
from .errors import QueryError
from .stores.config import DEFAULT_BATCH_BYTES, DEFAULT_BATCH_SIZE, DEFAULT_TIMEOUT

URI_HELP = "Bolt URI of the database (env NEO4J_URI; default bolt://localhost:7687)."
Uri = Annotated[Optional[str], typer.Option("--uri", help=URI_HELP)]
User = Annotated[Optional[str], typer.Option("--user", help="User name (env NEO4J_USERNAME; default neo4j).")]
Password = Annotated[Optional[str], typer.Option("--password", help="Password (env NEO4J_PASSWORD).")]
Database = Annotated[Optional[str], typer.Option("--database", help="Database name (env NEO4J_DATABASE; default: the server's).")]
Timeout = Annotated[float, typer.Option("--timeout", min=0.2, help="Seconds to connect before giving up.")]
BatchSize = Annotated[int, typer.Option("--batch-size", min=1, help="Rows per batch (one UNWIND query) at most.")]
BatchBytes = Annotated[Optional[int], typer.Option("--batch-bytes", min=0, show_default=False, help=(
    "Bytes of parameters per batch at most; 0: no limit. By default batches are bounded to "
    f"{DEFAULT_BATCH_BYTES:,} bytes only for a server that pastes parameters into query text, such as "
    "FalkorDB's Bolt port."))]


def load_into_neo4j(graph: nx.MultiDiGraph, uri: str | None = None, user: str | None = None,
                    password: str | None = None, database: str | None = None) -> str:
    """Load ``graph`` into Neo4j (options, else the ``NEO4J_*`` environment) and return a one-line summary.

    Raises :class:`~graphbuild.errors.StoreError` on any database failure.
    """
    from .stores.neo4j import load_graph, settings_from

    settings = settings_from(uri, user, password, database)
    return load_graph(graph, settings).summary(settings.uri)


def load(
    graph: Annotated[Path, typer.Argument(help="A graph.json written by `graphbuild build`.", metavar="GRAPH",
                                          show_default=False)],
    uri: Uri = None, user: User = None, password: Password = None, database: Database = None,
    timeout: Timeout = DEFAULT_TIMEOUT, batch_size: BatchSize = DEFAULT_BATCH_SIZE,
    batch_bytes: BatchBytes = None, debug: Debug = False,
) -> None:
    """Load GRAPH into Neo4j: MERGE on node ids, so loading again changes nothing and adds only what is new."""
    from .jsonio import read_json
    from .stores.neo4j import load_graph, settings_from

    with user_errors(debug):
        settings = settings_from(uri, user, password, database, timeout=timeout, batch_size=batch_size,
                                 batch_bytes=batch_bytes)
        report = load_graph(read_json(graph), settings)
        typer.echo(report.summary(settings.uri))


def unload(
    document: Annotated[str, typer.Option("--document", help="Document id, node id, name or file path.")],
    uri: Uri = None, user: User = None, password: Password = None, database: Database = None,
    timeout: Timeout = DEFAULT_TIMEOUT, debug: Debug = False,
) -> None:
    """Remove from Neo4j what only DOCUMENT supports, and its evidence on everything else."""
    from .stores.neo4j import settings_from, unload_document

    with user_errors(debug):
        settings = settings_from(uri, user, password, database, timeout=timeout)
        typer.echo(unload_document(document, settings).summary(settings.uri))


def query(
    query_ref: Annotated[Optional[str], typer.Argument(metavar="QUERY", help="A .cypher file or the name of a catalogue query.")] = None,
    graph: Annotated[Optional[Path], typer.Option("--graph", help="Run on this graph.json with a private embedded engine.")] = None,
    param: Annotated[Optional[list[str]], typer.Option("--param", help="name=value (numbers, true/false, null, \"text\"); repeatable.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table",
    list_: Annotated[bool, typer.Option("--list", help="List the catalogue with each question.")] = False,
    uri: Uri = None, user: User = None, password: Password = None, database: Database = None,
    timeout: Timeout = DEFAULT_TIMEOUT, debug: Debug = False,
) -> None:
    """Run a Cypher QUERY on a graph file (no server needed) or, with --uri or NEO4J_URI, on Neo4j.

    An explicit --uri wins; otherwise --graph runs the embedded engine; otherwise NEO4J_URI is used.
    """
    from . import queries as Q

    with user_errors(debug):
        if list_:
            typer.echo(_catalogue_text(Q.list_queries()), nl=False)
            return
        if not query_ref:
            raise QueryError("give a QUERY (a .cypher file or a catalogue name); --list shows the catalogue")
        if fmt not in Q.FORMATS:
            raise QueryError(f"unknown format {fmt!r} (expected one of {', '.join(Q.FORMATS)})")
        params = Q.parse_params(param or [])
        if uri and graph:
            raise QueryError("give either --graph (embedded engine) or --uri (Neo4j), not both")
        settings = None
        if uri or (graph is None and os.environ.get("NEO4J_URI")):
            from .stores.neo4j import settings_from

            settings = settings_from(uri, user, password, database, timeout=timeout)
        _, columns, rows = Q.run(query_ref, graph_path=None if settings else graph, settings=settings, params=params)
        typer.echo(Q.format_rows(columns, rows, fmt), nl=False)


def _catalogue_text(catalogue: list) -> str:
    """The catalogue as lines: name, question, then its parameters with their defaults."""
    lines = []
    for q in catalogue:
        lines.append(f"{q.name}: {q.question}")
        if q.params:
            lines.append("    params: " + ", ".join(f"{k}={_show(v)}" for k, v in q.params.items()))
    return "\n".join(lines) + "\n"


def _show(value: object) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)
