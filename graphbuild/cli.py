"""The command line: thin commands over the Python API; errors become one line and exit status 1."""
from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from . import __version__, cli_db, cli_export
from .cli_cluster import ExecutorName, ExecutorOption, Scheduler, ShipTexts, executor_for
from .cli_db import Database, Password, Uri, User
from .cli_inputs import CacheFolder, Fields, MetadataFile, NoCache, extraction_cache, summary_of
from .cli_progress import ProgressReport
from .cli_support import Command, Debug, user_errors, warn
from .fileio import folder_lock
from .graph import counts, top_allegations

if TYPE_CHECKING:  # the cache imports spaCy: only the build command loads it
    from .cache import ExtractionCache

app = typer.Typer(help="Turn news articles into an evidence-backed knowledge graph.", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_enable=False)


def print_summary(graph, out: Path, written: list[Path], cache: ExtractionCache | None = None) -> None:
    c = counts(graph)
    typer.echo(f"documents: {c['nodes'].get('Document', 0)}{summary_of(cache)}")
    typer.echo("nodes: " + ", ".join(f"{k} {v}" for k, v in c["nodes"].items()))
    typer.echo("edges: " + ", ".join(f"{k} {v}" for k, v in c["edges"].items()))
    tops = top_allegations(graph)
    if tops:
        typer.echo("top allegations:")
        for row in tops:
            stances = "; ".join(f"{k}: {', '.join(v)}" for k, v in row["stances"].items())
            typer.echo(f"  [{row['status']}] {row['name']}  ({stances})")
    for path in written:
        typer.echo(f"wrote {path}")


@app.command(cls=Command)
def build(
    ctx: typer.Context,
    sources: Annotated[list[Path], typer.Argument(
        help="Files or folders (.txt, .md, .html, .pdf, .docx, .jsonl, .ndjson, .csv; folders recursively).",
        metavar="SOURCES", show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder for graph.json and graph.html.")] = Path("out"),
    model: Annotated[Optional[str], typer.Option(help="spaCy pipeline name (env GRAPHBUILD_SPACY_MODEL; default: the best installed).")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Processes for the model and extraction.")] = 1,
    executor: ExecutorOption = ExecutorName.local, scheduler: Scheduler = None, ship_texts: ShipTexts = False,
    html: Annotated[bool, typer.Option("--html/--no-html", help="Also write graph.html.")] = True,
    cache: CacheFolder = None, no_cache: NoCache = False, metadata: MetadataFile = None, field: Fields = None,
    neo4j: Annotated[bool, typer.Option("--neo4j", help="Also load the graph into Neo4j over Bolt.")] = False,
    uri: Uri = None, user: User = None, password: Password = None, database: Database = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    debug: Debug = False,
) -> None:
    """Build the graph of SOURCES into OUT/graph.json and OUT/graph.html, and print a summary."""
    with user_errors(debug), ExitStack() as held:
        runner = executor_for(ctx, executor, scheduler, ship_texts, workers)
        progress = ProgressReport(enabled=not quiet)

        def start(docs: list) -> None:
            held.enter_context(folder_lock(out))  # before the model starts: a second build into OUT stops now
            progress.begin(docs)

        from .api import build_graph, field_mapping, write_outputs  # imports spaCy: only for this command

        store, fields = extraction_cache(cache, no_cache, out, warn), field_mapping(field or [])
        with progress:
            graph = build_graph(sources, model=model, workers=workers, progress=progress.step, warn=warn,
                                on_documents=start, exclude=[out], executor=runner, cache=store, metadata=metadata,
                                fields=fields)
        written = write_outputs(graph, out, html=html)
        if neo4j:
            typer.echo(cli_db.load_into_neo4j(graph, uri, user, password, database))
        if not quiet:
            print_summary(graph, out, written, store)
            if runner is not None:  # it ran nothing when the cache held every document
                typer.echo(f"ran on {runner.run.describe()}" if runner.run is not None
                           else "ran nothing on the cluster: every document came from the cache")


app.command("export", cls=Command)(cli_export.export)
app.command("load", cls=Command)(cli_db.load)
app.command("unload", cls=Command)(cli_db.unload)
app.command("query", cls=Command)(cli_db.query)


@app.command(cls=Command)
def version() -> None:
    """Print graphbuild's version."""
    typer.echo(__version__)


def main() -> None:  # pragma: no cover - console entry
    app()
