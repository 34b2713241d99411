"""The JSON export contract: node-link data, deterministic in content and order.

``graph_to_data`` and ``data_to_graph`` never touch the disk; ``write_json`` and ``read_json`` only do I/O.
"""
from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import networkx as nx

from .errors import GraphFormatError
from .fileio import atomic_path
from .schema import NODE_LABELS, RELATION_TYPES

NODE_HEAD = ("id", "label", "name", "aliases")
# Where a number JSON's grammar does not allow (NaN, Infinity) or one too big for a float may stand:
# strings are matched whole so that nothing inside them is taken for a number.
_NUMBER_OR_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)|(-?\d+(?:\.\d+)?[eE][+-]?\d+|-?\d+\.\d+)')


class _NotFinite(ValueError):
    """A NaN or infinite number met while parsing a graph file."""


def graph_to_data(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Node-link data: nodes sorted by id, edges by (source, target, type); properties in a fixed order."""
    nodes = []
    for nid in sorted(graph.nodes):
        data = graph.nodes[nid]
        node = {"id": nid, "label": data["label"], "name": data["name"], "aliases": list(data.get("aliases", []))}
        node.update({k: data[k] for k in sorted(data) if k not in NODE_HEAD})
        nodes.append(node)
    edges = []
    for source, target, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        edge = {"source": source, "target": target, "type": data["type"]}
        edge.update({k: data[k] for k in sorted(data) if k not in ("type", "evidence")})
        if "evidence" in data:
            edge["evidence"] = data["evidence"]
        edges.append(edge)
    return {"directed": True, "multigraph": True, "graph": dict(sorted(graph.graph.items())), "nodes": nodes, "edges": edges}


def dumps(graph: nx.MultiDiGraph) -> str:
    """The graph as JSON text: UTF-8, two-space indent, ending in a newline.

    A NaN or infinite number in the graph raises :class:`GraphFormatError`: JSON has none.
    """
    try:
        return json.dumps(graph_to_data(graph), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    except ValueError as e:
        raise GraphFormatError(f"the graph holds a number JSON cannot carry ({e})") from None


def data_to_graph(data: Any, *, source: str = "graph") -> nx.MultiDiGraph:
    """Rebuild the graph from node-link data, checking the contract; errors name ``source`` and the problem."""
    def fail(problem: str) -> GraphFormatError:
        return GraphFormatError(f"{source}: {problem}")

    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise fail("not a graphbuild graph (expected an object with a 'nodes' list)")
    edges = data.get("edges", data.get("links"))
    if not isinstance(edges, list):
        raise fail("not a graphbuild graph (expected an 'edges' list)")
    meta = data.get("graph") or {}
    if not isinstance(meta, dict):
        raise fail("'graph' is not an object")
    graph = nx.MultiDiGraph()
    graph.graph.update(meta)
    for i, node in enumerate(data["nodes"]):
        if not isinstance(node, dict) or not isinstance(node.get("id"), str):
            raise fail(f"node {i} has no string 'id'")
        if node.get("label") not in NODE_LABELS:
            raise fail(f"node {node['id']!r} has unknown label {node.get('label')!r}")
        if not isinstance(node.get("name"), str):
            raise fail(f"node {node['id']!r} has no string 'name'")
        aliases = node.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise fail(f"node {node['id']!r} has 'aliases' that is not a list of strings")
        props = {k: v for k, v in node.items() if k != "id"}
        props.setdefault("aliases", [])
        graph.add_node(node["id"], **props)
    for i, edge in enumerate(edges):
        if not isinstance(edge, dict):
            raise fail(f"edge {i} is not an object")
        s, t, rel = edge.get("source"), edge.get("target"), edge.get("type")
        if rel not in RELATION_TYPES:
            raise fail(f"edge {i} has unknown type {rel!r}")
        if s not in graph or t not in graph:
            raise fail(f"edge {i} ({rel}) joins a node that is not in the graph: {s!r} -> {t!r}")
        evidence = edge.get("evidence", [])
        if not isinstance(evidence, list) or not all(isinstance(e, dict) for e in evidence):
            raise fail(f"edge {i} ({rel}) has evidence that is not a list of objects")
        props = {k: v for k, v in edge.items() if k not in ("source", "target", "key")}
        graph.add_edge(s, t, key=rel, **props)
    return graph


def write_json(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write the graph to ``path`` atomically, streamed (the same bytes as :func:`dumps`, without
    holding the whole text in memory)."""
    try:
        with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8") as f:
            json.dump(graph_to_data(graph), f, ensure_ascii=False, indent=2, allow_nan=False)
            f.write("\n")
    except ValueError as e:  # a NaN or infinite number: JSON has none, and the file is not written
        raise GraphFormatError(f"{path}: not written, the graph holds a number JSON cannot carry ({e})") from None
    return Path(path)


def read_json(path: str | Path) -> nx.MultiDiGraph:
    """Read a graph file, with a one-line :class:`GraphFormatError` for anything that is not one."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GraphFormatError(f"{p}: no such file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise GraphFormatError(f"{p}: cannot be read ({e})") from None
    try:
        data = json.loads(text, parse_constant=_not_finite, parse_float=_finite_float)
    except json.JSONDecodeError as e:
        raise GraphFormatError(f"{p}: not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})") from None
    except _NotFinite:
        raise GraphFormatError(f"{p}: not valid JSON ({_where_not_finite(text)} is not a finite number)") from None
    except RecursionError:
        raise GraphFormatError(f"{p}: JSON nested too deeply to be a graph") from None
    except ValueError as e:  # an integer of more digits than Python converts
        raise GraphFormatError(f"{p}: not valid JSON ({e})") from None
    return data_to_graph(data, source=str(p))


def _not_finite(token: str) -> float:
    raise _NotFinite(token)


def _finite_float(token: str) -> float:
    value = float(token)
    if math.isinf(value):
        raise _NotFinite(token)
    return value


def _where_not_finite(text: str) -> str:
    """"line L, column C: TOKEN" for the first NaN, infinity or overflowing number outside a string."""
    for match in _NUMBER_OR_STRING.finditer(text):
        token = match.group(1) or match.group(2)
        if token and (match.group(1) or math.isinf(float(token))):
            start = match.start()
            line = text.count("\n", 0, start) + 1
            return f"line {line}, column {start - text.rfind(chr(10), 0, start)}: {token}"
    return "a number"  # pragma: no cover - the parser found one, so the scan does too
