"""The canonical in-memory graph: a ``networkx.MultiDiGraph`` with typed nodes and evidence-bearing edges.

Node attributes: ``label`` (a schema label), ``name``, ``aliases`` (sorted list) and type-specific
properties. Edges are keyed by their relation type, so a (source, target, type) triple is one edge whose
``evidence`` list gathers every sentence that supports it.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from typing import Any

import networkx as nx

from .schema import check_label, check_relation
from .text import strip_accents

EVIDENCE_FIELDS = ("document", "document_id", "text", "start", "end", "cue")


def slug(name: str) -> str:
    """A lower-case slug of a name, used in node ids: Latin letters lose their accents, other scripts
    keep their letters, so distinct names in any script get distinct slugs.

    >>> slug("KGB Sixth Directorate")
    'kgb-sixth-directorate'
    >>> slug("Zoë O’Brien")
    'zoe-obrien'
    >>> slug("Владимир Путин")
    'владимир-путин'
    """
    s = strip_accents(name).casefold()
    s = re.sub(r"['`’.]", "", s)
    s = re.sub(r"[\W_]+", "-", s).strip("-")
    return s or "x"


def node_id(label: str, key: str) -> str:
    """The deterministic id of a node: its label in lower case and a slug, e.g. ``person:yuri-shvets``."""
    return f"{check_label(label).lower()}:{slug(key)}"


def new_graph(**meta: Any) -> nx.MultiDiGraph:
    """An empty graph carrying ``meta`` (generator, model, documents ...) as graph attributes."""
    graph = nx.MultiDiGraph()
    graph.graph.update(meta)
    return graph


def add_node(graph: nx.MultiDiGraph, nid: str, label: str, name: str, aliases: set[str] | list[str] = (), **props: Any) -> str:
    """Add or update a node; aliases are merged and kept sorted, other properties overwrite."""
    check_label(label)
    data = graph.nodes[nid] if nid in graph else None
    merged = set(aliases) | set(data.get("aliases", []) if data else [])
    merged.discard(name)
    graph.add_node(nid, label=label, name=name, aliases=sorted(merged), **props)
    return nid


def evidence_item(document: str, document_id: str, text: str, start: int, end: int, cue: str | None = None) -> dict[str, Any]:
    """One piece of evidence: the verbatim sentence, where it stands, and the cue that produced the edge."""
    item = {"document": document, "document_id": document_id, "text": text, "start": start, "end": end}
    if cue:
        item["cue"] = cue
    return item


def add_edge(graph: nx.MultiDiGraph, source: str, target: str, rel_type: str, evidence: list[dict] | None = None, **props: Any) -> None:
    """Add an edge or merge into the existing one of the same type; evidence is deduplicated and sorted."""
    check_relation(rel_type)
    if graph.has_edge(source, target, key=rel_type):
        data = graph.edges[source, target, rel_type]
    else:
        graph.add_edge(source, target, key=rel_type, type=rel_type)
        data = graph.edges[source, target, rel_type]
    for k, v in props.items():
        if v is not None and (k not in data or data[k] in (None, "")):
            data[k] = v
    if evidence:
        # kept sorted as it grows (binary search + insert), so an edge backed by thousands of sentences
        # costs no re-sort per sentence
        items = data.setdefault("evidence", [])
        for e in evidence:
            key = evidence_key(e)
            at = bisect_left(items, key, key=evidence_key)
            if at == len(items) or evidence_key(items[at]) != key:
                items.insert(at, e)


def evidence_key(item: dict[str, Any]) -> tuple:
    """How evidence is ordered and deduplicated: document, position, cue."""
    return (item["document_id"], item["start"], item["end"], item.get("cue", ""))


def counts(graph: nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    """Nodes by label and edges by type."""
    return {
        "nodes": dict(sorted(Counter(d["label"] for _, d in graph.nodes(data=True)).items())),
        "edges": dict(sorted(Counter(d["type"] for _, _, d in graph.edges(data=True)).items())),
    }


def top_allegations(graph: nx.MultiDiGraph, limit: int = 5) -> list[dict[str, Any]]:
    """Allegations with the most sources, each with its stances by source name."""
    rows = []
    for nid, data in graph.nodes(data=True):
        if data["label"] != "Allegation":
            continue
        stances: dict[str, list[str]] = {}
        for source, _, edata in graph.in_edges(nid, data=True):
            stances.setdefault(edata["type"], []).append(graph.nodes[source]["name"])
        rows.append({"id": nid, "name": data["name"], "status": data.get("status", ""),
                     "stances": {k: sorted(v) for k, v in sorted(stances.items())}})
    rows.sort(key=lambda r: (-sum(len(v) for v in r["stances"].values()), r["id"]))
    return rows[:limit]
