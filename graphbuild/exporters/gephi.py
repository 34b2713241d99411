"""GraphML and GEXF for Gephi, networkx and other graph tools.

Both formats hold only scalar attribute values, so lists (aliases, dates) and the evidence are written as
JSON text. Gephi shows a node's ``label`` and colours it from GEXF ``viz``, so in these two formats a
node's ``label`` is its display name and its schema label is ``type``; an edge's relation type is in
``relation`` and ``label`` (GEXF reserves ``type`` for directed/undirected), and ``weight`` counts its
evidence. :func:`gephi_graph` is pure; the writers only serialise and write.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import networkx as nx

from ..fileio import write_text_atomic
from .style import FALLBACK_NODE, NODE_STYLE

# Characters XML 1.0 cannot carry; a document's stray control characters must not make the file unreadable.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` with characters XML cannot hold replaced by U+FFFD.

    >>> xml_text("a\\x0cb")
    'a\\ufffdb'
    """
    return _NOT_XML.sub("\ufffd", text)


def scalar(value: Any) -> str | int | float | bool:
    """A value GraphML and GEXF can store: scalars as they are, lists and objects as JSON text."""
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, (bool, int, float)):
        return value
    return xml_text(json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")))


def gephi_graph(graph: nx.MultiDiGraph, *, viz: bool = False) -> nx.MultiDiGraph:
    """A copy of ``graph`` with Gephi's attribute names and only scalar values, nodes and edges sorted.

    With ``viz`` each node gets a GEXF colour by type. Every attribute keeps one value type across nodes
    (or edges), because both formats declare one type per attribute.
    """
    out = nx.MultiDiGraph()
    out.graph.update({k: scalar(v) for k, v in sorted(graph.graph.items()) if v is not None})
    for nid in sorted(graph.nodes):
        data = graph.nodes[nid]
        attrs = {"label": str(data.get("name", nid)), "type": data.get("label", "")}
        attrs.update({k: v for k, v in sorted(data.items()) if k != "label" and v is not None})
        attrs = {k: scalar(v) for k, v in attrs.items()}
        if viz:
            attrs["viz"] = {"color": _rgb(NODE_STYLE.get(data.get("label", ""), FALLBACK_NODE)[0])}
        out.add_node(xml_text(nid), **attrs)
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    for i, (source, target, key, data) in enumerate(edges):
        rel = data.get("type", key)
        attrs = {"id": f"e{i}", "label": rel, "relation": rel, "weight": max(len(data.get("evidence", [])), 1)}
        attrs.update({k: scalar(v) for k, v in sorted(data.items()) if k != "type" and v is not None})
        attrs.setdefault("evidence", "[]")  # every edge has the column, so readers see one schema
        out.add_edge(xml_text(source), xml_text(target), key=rel, **attrs)
    _unify_types(out.nodes.values())
    _unify_types(d for _, _, d in out.edges(data=True))
    return out


def _unify_types(items: Any) -> None:
    """Where one attribute has values of different types, store all of them as text."""
    items = list(items)
    seen: dict[str, set[type]] = {}
    for data in items:
        for k, v in data.items():
            if k not in ("viz", "id"):
                seen.setdefault(k, set()).add(type(v))
    mixed = {k for k, kinds in seen.items() if len(kinds) > 1}
    for data in items:
        for k in mixed & data.keys():
            if not isinstance(data[k], str):
                data[k] = json.dumps(data[k])


def _rgb(colour: str) -> dict[str, int]:
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16), "a": 1}


def graphml_text(graph: nx.MultiDiGraph) -> str:
    """The graph as GraphML text (pure)."""
    return "\n".join(nx.generate_graphml(gephi_graph(graph), encoding="utf-8", prettyprint=True)) + "\n"


def gexf_text(graph: nx.MultiDiGraph) -> str:
    """The graph as GEXF 1.2 text (pure); the writer's date stamp is dropped so output depends on the graph only."""
    text = "\n".join(nx.generate_gexf(gephi_graph(graph, viz=True), encoding="utf-8", prettyprint=True)) + "\n"
    return re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1)


def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write GraphML to ``path`` atomically."""
    return write_text_atomic(path, graphml_text(graph))


def write_gexf(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write GEXF to ``path`` atomically."""
    return write_text_atomic(path, gexf_text(graph))
