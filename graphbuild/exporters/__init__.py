"""One exporter per target, behind one dispatch: ``export(graph, fmt, path)``.

Each exporter module is imported only when its format is asked for, so a JSON export never pays for
numpy or the HTML assets, and the Cypher exporter (written separately) is looked up at call time.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import networkx as nx

from ..errors import GraphbuildError

EXPORT_FORMATS: tuple[str, ...] = ("html", "graphml", "gexf", "csv", "cypher", "json")

# What a path gets when the user names none: a file beside the input, or a folder for CSV.
DEFAULT_SUFFIX: dict[str, str] = {
    "html": ".html", "graphml": ".graphml", "gexf": ".gexf", "csv": "-csv", "cypher": ".cypher", "json": ".json",
}


def _writer(fmt: str) -> Callable[[nx.MultiDiGraph, Path], Path]:
    if fmt == "html":
        from .html import write_html
        return write_html
    if fmt == "graphml":
        from .gephi import write_graphml
        return write_graphml
    if fmt == "gexf":
        from .gephi import write_gexf
        return write_gexf
    if fmt == "csv":
        from .csv_admin import write_csv_folder
        return write_csv_folder
    if fmt == "cypher":
        from .cypher import write_cypher
        return write_cypher
    from ..jsonio import write_json
    return write_json


def export(graph: nx.MultiDiGraph, fmt: str, path: str | Path) -> Path:
    """Write ``graph`` in format ``fmt`` (one of :data:`EXPORT_FORMATS`) to ``path`` and return the path.

    Every writer replaces its target only once the output is complete. An unknown format raises
    :class:`GraphbuildError`.
    """
    fmt = fmt.lower()
    if fmt not in EXPORT_FORMATS:
        raise GraphbuildError(f"unknown export format {fmt!r} (expected one of {', '.join(EXPORT_FORMATS)})")
    result = _writer(fmt)(graph, Path(path))
    return Path(result) if result is not None else Path(path)
