"""The Python API the CLI and notebooks share."""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from .build import assemble, build_graph, extract_all
from .cache import ExtractionCache
from .fileio import folder_lock
from .jsonio import read_json, write_json
from .readers.records import field_mapping


def write_outputs(graph: nx.MultiDiGraph, out: str | Path, *, html: bool = True) -> list[Path]:
    """Write ``out/graph.json`` (and ``out/graph.html``), each atomically, holding the folder's lock so
    another build's outputs never mix with these; return the paths written.

    Raises :class:`~graphbuild.errors.OutputBusyError` if another process holds the folder.
    """
    with folder_lock(out) as folder:
        written = [write_json(graph, folder / "graph.json")]
        if html:
            from .exporters.html import write_html
            written.append(write_html(graph, folder / "graph.html"))
    return written


__all__ = ["build_graph", "assemble", "extract_all", "ExtractionCache", "field_mapping", "folder_lock", "read_json",
           "write_json", "write_outputs"]
