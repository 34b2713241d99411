"""Where the graph's evidence was published: documents' metadata on the graph.

Document nodes get ``url``, ``published``, ``outlet`` and ``author`` where known; every evidence item
gets its document's ``published`` date and, in a paged document (PDF, Word), the ``page`` its sentence
starts on (1-based); each allegation gets ``first_reported``, the earliest publication date among the
evidence of its stances; each outlet is an Organization node with a ``PUBLISHED`` edge to each of its
documents, so "which outlets carried this claim" is a query. This is a pass over a built graph that
reads only the documents' metadata, so it is the same whether their extractions were cached or not.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

import networkx as nx

from .graph import add_edge, add_node, node_id
from .ingest import Source
from .schema import STANCE_TYPES


def add_provenance(graph: nx.MultiDiGraph, documents: Iterable[Source]) -> None:
    """Put the metadata and pages of ``documents`` on ``graph`` (built from their extractions)."""
    by_id = {doc.id: doc for doc in documents}
    if not by_id:
        return
    for nid, data in graph.nodes(data=True):
        doc = by_id.get(data.get("document_id")) if data["label"] == "Document" else None
        if doc is not None:
            data.update(doc.meta.properties())
    for _, _, data in graph.edges(data=True):
        for item in data.get("evidence", ()):
            annotate(item, by_id.get(item.get("document_id")))
    for nid, data in graph.nodes(data=True):
        if data["label"] == "Allegation":
            first = first_reported(graph, nid)
            if first is not None:
                data["first_reported"] = first
    add_outlets(graph, sorted(by_id.values(), key=lambda doc: doc.id))


def page_of(pages: tuple[int, ...], offset: int) -> int:
    """The 1-based page on which ``offset`` stands, given the offsets where pages start.

    >>> page_of((0, 100, 250), 0), page_of((0, 100, 250), 120), page_of((0, 100, 250), 250)
    (1, 2, 3)
    """
    return max(1, bisect_right(pages, offset))


def annotate(item: dict, doc: Source | None) -> None:
    """An evidence item with its sentence's page and its document's publication date, where known."""
    if doc is None:
        return
    if doc.pages:
        item["page"] = page_of(doc.pages, int(item["start"]))
    if doc.meta.published:
        item["published"] = doc.meta.published


def first_reported(graph: nx.MultiDiGraph, nid: str) -> str | None:
    """The earliest publication date among the evidence of the stances on an allegation, or None.

    Dates are normalised ISO 8601 (see :func:`graphbuild.metadata.iso_date`), so they compare as text.
    """
    dates = [item["published"] for _, _, data in graph.in_edges(nid, data=True) if data["type"] in STANCE_TYPES
             for item in data.get("evidence", ()) if item.get("published")]
    return min(dates) if dates else None


def add_outlets(graph: nx.MultiDiGraph, documents: Iterable[Source]) -> None:
    """An Organization node per outlet and a PUBLISHED edge to each of its documents in the graph.

    An outlet extraction found already (by name or alias, in any case, with or without a leading
    "The") is that node; else a node of the outlet's name is added.
    """
    known = _organizations(graph)
    for doc in documents:
        target = f"document:{doc.id}"
        if not doc.meta.outlet or target not in graph:
            continue
        outlet = known.get(_outlet_key(doc.meta.outlet))
        if outlet is None:
            outlet = add_node(graph, node_id("Organization", doc.meta.outlet), "Organization", doc.meta.outlet)
            known[_outlet_key(doc.meta.outlet)] = outlet
        add_edge(graph, outlet, target, "PUBLISHED")


def _outlet_key(name: str) -> str:
    """A name as outlets are matched: case-folded, spaces collapsed, without a leading "the".

    >>> _outlet_key("The  Harbour Ledger") == _outlet_key("harbour ledger")
    True
    """
    words = name.casefold().split()
    return " ".join(words[1:] if len(words) > 1 and words[0] == "the" else words)


def _organizations(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Organization nodes by the keys of their names and aliases; a key two nodes share goes to the
    smaller id, so the choice does not depend on the order nodes were added in."""
    found: dict[str, str] = {}
    for nid in sorted(graph.nodes):
        data = graph.nodes[nid]
        if data["label"] == "Organization":
            for name in (data["name"], *data.get("aliases", ())):
                found.setdefault(_outlet_key(name), nid)
    return found
