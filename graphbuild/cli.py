"""The command line: thin commands over the Python API; errors become one line and exit status 1."""
from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from . import __version__, cli_db, cli_export
from .cli_cluster import ExecutorName, ExecutorOption, Scheduler, ShipTexts, executor_for
from .cli_db import Database, Password, Uri, User
from .cli_progress import ProgressReport
from .cli_support import Command, Debug, user_errors, warn
from .errors import GraphbuildError
from .fileio import folder_lock
from .graph import counts, top_allegations

if TYPE_CHECKING:  # the cache imports spaCy: only the build command loads it
    from .cache import ExtractionCache

CACHE_FOLDER = ".cache"  # under the output folder, by default
app = typer.Typer(help="Turn news articles into an evidence-backed knowledge graph.", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_enable=False)


def print_summary(graph, out: Path, written: list[Path], cache: ExtractionCache | None = None) -> None:
    c = counts(graph)
    reuse = f" ({cache.stats.hits} from the cache, {cache.stats.misses} parsed)" if cache is not None else ""
    typer.echo(f"documents: {c['nodes'].get('Document', 0)}{reuse}")
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
    cache: Annotated[Optional[Path], typer.Option(
        help="Folder of the extraction cache (default: OUT/.cache).", show_default=False)] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Parse every document; read and write no cache.")] = False,
    metadata: Annotated[Optional[Path], typer.Option(
        help="CSV file of metadata by file name: file, title, url, published, outlet, author.",
        show_default=False)] = None,
    field: Annotated[Optional[list[str]], typer.Option(
        help="FIELD=COLUMN: the column of JSONL/CSV corpora that holds a field (text, id, title, url, published, "
             "outlet, author), e.g. text=body; repeatable.", show_default=False)] = None,
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

        from .api import ExtractionCache, build_graph, field_mapping, write_outputs  # imports spaCy: only here

        if no_cache and cache is not None:
            raise GraphbuildError("give --cache DIR or --no-cache, not both")
        fields = field_mapping(field or [])
        store = None if no_cache else ExtractionCache(cache if cache is not None else out / CACHE_FOLDER, warn)
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
