"""graphbuild: news articles to an evidence-backed knowledge graph of people, agencies and allegations.

>>> import graphbuild
>>> graph = graphbuild.build_graph(["seeds"])            # doctest: +SKIP
>>> graphbuild.write_json(graph, "out/graph.json")       # doctest: +SKIP
"""
from __future__ import annotations

__version__ = "0.1.0"

from .api import build_graph, read_json, write_json, write_outputs  # noqa: E402
from .errors import GraphbuildError  # noqa: E402
from .graph import counts, top_allegations  # noqa: E402

__all__ = ["__version__", "build_graph", "read_json", "write_json", "write_outputs", "GraphbuildError",
           "counts", "top_allegations"]
