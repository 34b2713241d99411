"""The page's node and edge records: vis-network's look plus the fields the page script reads.

A node record has its colour, shape, wrapped label, plain-text tooltip and position, then ``type``,
``name``, ``aliases``, ``props`` (the properties the page shows) and, for an allegation, ``when``: the
date it is filed under (its ``first_reported`` date when documents carry dates, else the first date it
names). An edge record has its colour, arrow head, dashes and width, its evidence (sentence, document,
title, publication date) and, for a stance, ``when``: the first publication date of its evidence.
Tooltips carry at most :data:`TIP_SENTENCES` sentences and say how many there are.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..schema import STANCE_TYPES
from .labels import wrap_label
from .style import EDGE_STYLE, FALLBACK_EDGE, FALLBACK_NODE, NODE_STYLE, STATUS_COLOUR

# Shown in the page (tooltips, cards); documents' publication metadata when the build has it.
NODE_PROPS = ("status", "summary", "text", "act", "dates", "first_reported", "title", "path", "document_id",
              "published", "outlet", "author", "url")
TIP_SENTENCES = 3  # an edge tooltip quotes this many sentences, then says how many more there are
_DATE = re.compile(r"(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?")


@dataclass(frozen=True)
class Documents:
    """What edges need to know of the Document nodes, by document id: title and publication date."""

    titles: dict[Any, str]
    published: dict[Any, str]


def date_key(value: Any) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` from a year or an ISO 8601 date or datetime, else None;
    such keys sort in time order as text.

    >>> date_key("1987"), date_key("2018-03-05T10:00:00+00:00"), date_key("March 1987")
    ('1987', '2018-03-05', None)
    """
    match = _DATE.match(str(value).strip()) if value not in (None, "") else None
    if not match:
        return None
    return "-".join(part for part in match.groups() if part)


def allegation_when(data: dict[str, Any]) -> str | None:
    """The date an allegation is filed under: first reported if known, else the earliest date it names."""
    first = date_key(data.get("first_reported"))
    if first:
        return first
    named = [k for k in (date_key(d) for d in data.get("dates") or []) if k]
    return min(named) if named else None


def node_name(nid: str, data: dict[str, Any]) -> str:
    """The node's name, or its id when it has none: a label pyvis would otherwise replace with the id."""
    return str(data.get("name") or nid)


def node_record(nid: str, data: dict[str, Any], xy: tuple[float, float], shown: dict[str, bool]) -> dict[str, Any]:
    """Arguments for ``Network.add_node``: the vis-network look, then the fields the page script reads."""
    kind = data.get("label", "")
    colour, shape, _ = NODE_STYLE.get(kind, FALLBACK_NODE)
    name = node_name(nid, data)
    props = {k: data[k] for k in NODE_PROPS if data.get(k) not in (None, "", [])}
    status = props.get("status") if kind == "Allegation" else None
    aliases = [str(a) for a in data.get("aliases", [])]
    node: dict[str, Any] = {
        "n_id": nid, "label": node_label(kind, name, status), "shape": shape,
        # The status colours the border; highlighting keeps the fill so a selected node keeps its type.
        "color": {"background": colour, "border": STATUS_COLOUR.get(status, colour) if status else colour,
                  "highlight": {"background": colour, "border": "#222"}},
        "title": node_title(kind, name, aliases, props),
        "x": xy[0], "y": xy[1], "size": node_radius(kind), "borderWidth": 4 if status else 1,
        "borderWidthSelected": 3 if status else 2,  # vis-network's default (double) would cover a star
        "hidden": not shown.get(kind, True),
        "type": kind, "name": name, "aliases": aliases,
    }
    if props:
        node["props"] = props
    when = allegation_when(data) if kind == "Allegation" else None
    if when:
        node["when"] = when
    return node


def node_label(kind: str, name: str, status: str | None) -> str:
    """The label drawn on the canvas: the name wrapped, and an allegation's status under it."""
    return wrap_label(name, status if kind == "Allegation" else None)


def node_radius(kind: str) -> int:
    """The drawn size of a node: documents a little smaller than the rest."""
    return 12 if kind == "Document" else 16


def node_title(kind: str, name: str, aliases: list[str], props: dict[str, Any]) -> str:
    """The plain-text tooltip pyvis carries; the page draws the same lines with some structure."""
    lines = [name, kind + (f" \u00b7 {props['status']}" if props.get("status") else "")]
    if aliases:
        lines.append("Aliases: " + ", ".join(aliases))
    lines += [f"{k}: {props[k]}" for k in ("summary", "act", "title", "outlet", "published", "path")
              if props.get(k) and props[k] != name]
    if props.get("dates"):
        lines.append("dates: " + ", ".join(map(str, props["dates"])))
    if props.get("text") and props["text"] != props.get("summary"):
        lines.append(f"\u201c{props['text']}\u201d")
    return "\n".join(lines)


def edge_record(i: int, source: str, target: str, data: dict[str, Any], names: dict[str, str],
                documents: Documents, visible: bool, nth: int | None) -> dict[str, Any]:
    """Arguments for ``Network.add_edge``; ``nth`` counts the edges so far between the same two nodes.

    Parallel edges curve apart (clockwise, anticlockwise, then wider) so each stays visible. The curves are
    static: vis-network's default "dynamic" smoothing would add a hidden physics body per edge. A big graph
    (``nth`` None) gets straight lines, the cheapest to draw. The relation type is told by colour, arrow
    head and legend, not by a label on the line: labels on every edge crowd the canvas.
    """
    kind = data.get("type", "")
    colour, arrow, dashed = EDGE_STYLE.get(kind, FALLBACK_EDGE)
    evidence = [_evidence(e, documents) for e in data.get("evidence", []) if isinstance(e, dict)]
    edge: dict[str, Any] = {
        "source": source, "to": target, "id": f"e{i}",
        "color": colour, "dashes": dashed, "arrows": {"to": {"enabled": True, "type": arrow}},
        "smooth": False if nth is None else {"enabled": True, "type": "curvedCW" if nth % 2 else "curvedCCW",
                                             "roundness": round(0.08 + 0.12 * (nth // 2), 2)},
        "width": 1 if kind == "MENTIONED_IN" else 1.5 + min(len(evidence), 4) * 0.5,
        "hidden": not visible,
        "type": kind,
    }
    for key in ("role", "former", "mentions"):
        if data.get(key) not in (None, ""):
            edge[key] = data[key]
    if evidence:
        edge["evidence"] = evidence
    dated = [e["published"] for e in evidence if e.get("published")]
    if kind in STANCE_TYPES and dated:
        edge["when"] = min(dated)
    edge["title"] = edge_title(edge, names[source], names[target])
    return edge


def _evidence(item: dict[str, Any], documents: Documents) -> dict[str, Any]:
    """One evidence item as the page shows it: sentence, document, its title, and its date when known."""
    doc_id = item.get("document_id")
    out = {"title": documents.titles.get(doc_id) or str(item.get("document", "")),
           "document": str(item.get("document", "")), "document_id": str(doc_id or ""),
           "text": str(item.get("text", ""))}
    published = date_key(item.get("published")) or documents.published.get(doc_id)
    if published:
        out["published"] = published
    return out


def edge_title(edge: dict[str, Any], source: str, target: str) -> str:
    """The plain-text tooltip of an edge: relation and sentence count, its two ends, then the first
    :data:`TIP_SENTENCES` quotes with their sources and how many more there are."""
    evidence = edge.get("evidence", [])
    head = edge["type"] + (f" ({edge['role']})" if edge.get("role") else "")
    head += " \u00b7 former" if edge.get("former") else ""
    head += f" \u00b7 {sentences(len(evidence))}" if evidence else ""
    lines = [head, f"{source} \u2192 {target}"]
    for ev in evidence[:TIP_SENTENCES]:
        source_doc = f" ({ev['document']})" if ev["document"] and ev["document"] != ev["title"] else ""
        lines += [f"\u201c{ev['text']}\u201d", f"\u2014 {ev['title']}{source_doc}"]
    if len(evidence) > TIP_SENTENCES:
        lines.append(f"\u2026 and {sentences(len(evidence) - TIP_SENTENCES, 'more ')} (click the edge for all)")
    return "\n".join(lines)


def sentences(count: int, more: str = "") -> str:
    """``1 sentence``, ``3 sentences``, ``3 more sentences``."""
    return f"{count:,} {more}sentence" + ("" if count == 1 else "s")
