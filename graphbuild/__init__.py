"""graphbuild: news articles to an evidence-backed knowledge graph of people, agencies and allegations.

>>> import graphbuild
>>> graph = graphbuild.build_graph(["seeds"])            # doctest: +SKIP
>>> graphbuild.write_json(graph, "out/graph.json")       # doctest: +SKIP

Names are imported on first use, so commands that never parse text (``query``, ``load``) do not pay
for importing spaCy.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "build_graph": "graphbuild.api", "write_outputs": "graphbuild.api",
    "read_json": "graphbuild.jsonio", "write_json": "graphbuild.jsonio",
    "GraphbuildError": "graphbuild.errors", "counts": "graphbuild.graph", "top_allegations": "graphbuild.graph",
    "DaskExecutor": "graphbuild.cluster",
}
__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'graphbuild' has no attribute {name!r}")
