"""The graph as one self-contained HTML page, built with pyvis: legend with filters, search, evidence tooltips.

:func:`build_network` turns the graph into a :class:`pyvis.network.Network`: every node and edge with its
vis-network look (colour, shape, label, plain-text title, precomputed position; colour, arrow head, dashes,
label per relation type) plus the fields the page script needs (type, name, aliases, properties, evidence),
and the vis-network options. The Network is set to render through pyvis's Jinja mechanism with this
package's own template (``assets/page.html``) instead of pyvis's, because pyvis's template loads
vis-network and Bootstrap from a CDN: ours inlines the vendored vis-network (``graphbuild/vendor``) and the
page's own script and style, so the page fetches nothing. :func:`render_html` is that Network's
``generate_html()``; :func:`page_chunks` gives the same text in pieces, one node or edge at a time, so
:func:`write_html` never holds a big graph's whole page in memory.

Graph data goes into the page only as JSON inside a ``<script type="application/json">`` block with ``<``,
``>`` and ``&`` escaped; the template escapes everything else it is given; and the page script puts
document text on screen only through ``textContent`` (vis-network shows string titles as text, too): a
document cannot inject markup or script.

:func:`page_data`, :func:`build_network`, :func:`page_chunks` and :func:`render_html` are pure;
:func:`write_html` only writes.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from markupsafe import Markup
from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node

from ..fileio import atomic_path
from .layout import spring_positions
from .style import EDGE_STYLE, FALLBACK_EDGE, FALLBACK_NODE, NODE_STYLE, STATUS_COLOUR

BIG_GRAPH = 1000  # above this many nodes: precomputed layout, no live physics, documents hidden at first
LAYOUT_SEED = 7
TEMPLATE_DIR = Path(__file__).with_name("assets")
TEMPLATE = "page.html"
# Up to this many nodes plus edges the Network is filled with pyvis's add_node/add_edge. Above it the same
# pyvis Node/Edge records are built and assigned as lists in one go: add_node and add_edge look each id up
# in a list (O(nodes) per call), which costs ~0.5 s at 5,000 nodes and 6,000 edges and grows quadratically.
ONE_BY_ONE = 2000

NODE_PROPS = ("status", "summary", "text", "act", "dates", "title", "path")  # shown in node tooltips
HIDDEN_WHEN_BIG = ("Document", "MENTIONED_IN")  # the most numerous and least telling: off at first when big
LABEL_MAX = 48  # canvas labels are cut here so long titles do not cover their neighbours; tooltips keep all
DATA_MARK = "\x00graphbuild-graph-data\x00"  # where the streamed data block goes in the rendered template


@dataclass(frozen=True)
class _Layout:
    """What every record of the page needs, worked out once: order, visibility, positions, names."""

    node_ids: list[str]
    edges: list[tuple[str, str, str, dict[str, Any]]]
    big: bool
    style: dict[str, Any]
    shown: dict[str, bool]
    shown_edge: dict[str, bool]
    positions: dict[str, tuple[float, float]]
    names: dict[str, str]
    labels: dict[str, str]
    doc_titles: dict[Any, str]
    options: dict[str, Any]


def _layout(graph: nx.MultiDiGraph, big_graph: int, seed: int) -> _Layout:
    """Nodes sorted by id and edges by (source, target, key), seeded positions: the same graph, the same page."""
    node_ids = sorted(graph.nodes)
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    big = len(node_ids) > big_graph
    style = _style(graph, big)
    return _Layout(
        node_ids=node_ids, edges=edges, big=big, style=style,
        shown={s["type"]: s["shown"] for s in style["nodes"]},
        shown_edge={s["type"]: s["shown"] for s in style["edges"]},
        positions=spring_positions(node_ids, ((s, t) for s, t, _, _ in edges), seed=seed),
        names={nid: _name(nid, graph.nodes[nid]) for nid in node_ids},
        labels={nid: graph.nodes[nid].get("label", "") for nid in node_ids},
        doc_titles={d.get("document_id"): d.get("title") or d.get("name", "")
                    for _, d in graph.nodes(data=True) if d.get("label") == "Document"},
        options=_options(big, len(node_ids), seed))


def _node_args(graph: nx.MultiDiGraph, layout: _Layout) -> Iterator[dict[str, Any]]:
    """``Network.add_node`` arguments for each node, in page order."""
    for nid in layout.node_ids:
        yield _node(nid, graph.nodes[nid], layout.positions[nid], layout.shown)


def _edge_args(layout: _Layout) -> Iterator[dict[str, Any]]:
    """``Network.add_edge`` arguments for each edge, in page order."""
    parallel: Counter = Counter()
    for i, (s, t, _, d) in enumerate(layout.edges):
        pair = (s, t) if s <= t else (t, s)
        parallel[pair] += 1
        visible = layout.shown_edge[d.get("type", "")] and layout.shown[layout.labels[s]] and layout.shown[layout.labels[t]]
        yield _edge(i, s, t, d, layout.names, layout.doc_titles, visible, None if layout.big else parallel[pair])


def _network(title: str, layout: _Layout) -> Network:
    """An empty Network with the page's options, rendering through this package's template."""
    # cdn_resources is read only by pyvis's own template; the page template below inlines everything itself.
    net = Network(height="100%", width="100%", directed=True, heading=title, cdn_resources="in_line")
    # Assigned as a dict: set_options() would strip every space out of the JSON text, string values included.
    net.options = layout.options
    _use_page_template(net, {"big": layout.big, "style": layout.style})
    return net


def build_network(graph: nx.MultiDiGraph, *, title: str = "graphbuild graph", big_graph: int = BIG_GRAPH,
                  seed: int = LAYOUT_SEED) -> Network:
    """The graph as a pyvis Network whose ``generate_html()`` gives this project's offline page.

    Every node and edge is held in the Network; :func:`write_html` writes the same page without that.
    """
    layout = _layout(graph, big_graph, seed)
    net = _network(title, layout)
    _fill(net, list(_node_args(graph, layout)), list(_edge_args(layout)))
    return net


def page_data(graph: nx.MultiDiGraph, *, big_graph: int = BIG_GRAPH, seed: int = LAYOUT_SEED) -> dict[str, Any]:
    """What the page script receives: the Network's nodes, edges and options, the legend and the big flag."""
    net = build_network(graph, big_graph=big_graph, seed=seed)
    return _payload(net.templateEnv.globals["page"], net.nodes, net.edges, net.options)


def page_chunks(graph: nx.MultiDiGraph, *, title: str = "graphbuild graph", big_graph: int = BIG_GRAPH,
                seed: int = LAYOUT_SEED) -> Iterator[str]:
    """The page in pieces: pyvis renders the template around the data block, then one node or edge at a time.

    Joined, the pieces are ``build_network(graph).generate_html()``, byte for byte; written one by one
    they never hold the whole page (or every record) in memory, which for a graph of 100,000 edges is
    gigabytes.
    """
    layout = _layout(graph, big_graph, seed)
    net = _network(title, layout)
    net.templateEnv.globals["graph_json"] = lambda *_: Markup(DATA_MARK)
    head, mark, tail = net.generate_html().rpartition(DATA_MARK)
    if not mark:
        raise RuntimeError(f"the page template {TEMPLATE} has no graph data block")
    yield head
    yield (f'{{"big":{script_json(layout.big)},"style":{script_json(layout.style)},'
           f'"options":{script_json(layout.options)},"nodes":[')
    for i, node in enumerate(_node_args(graph, layout)):
        yield ("," if i else "") + script_json(_node_record(net, node))
    yield '],"edges":['
    for i, edge in enumerate(_edge_args(layout)):
        yield ("," if i else "") + script_json(_edge_record(net, edge))
    yield "]}"
    yield tail


def render_html(graph: nx.MultiDiGraph, *, title: str = "graphbuild graph", big_graph: int = BIG_GRAPH,
                seed: int = LAYOUT_SEED) -> str:
    """The page as text, rendered by pyvis; the same graph always gives the same bytes."""
    return "".join(page_chunks(graph, title=title, big_graph=big_graph, seed=seed))


def inline_frame(graph: nx.MultiDiGraph, *, height: int = 640, **options: Any) -> str:
    """The page inside a sandboxed ``<iframe srcdoc>``, for notebooks: scripts run, but apart from the host page."""
    page = escape(render_html(graph, **options), quote=True)
    return (f'<div class="graphbuild-graph"><iframe srcdoc="{page}" sandbox="allow-scripts" '
            f'style="width: 100%; height: {int(height)}px; border: 1px solid #ddd"></iframe></div>')


def write_html(graph: nx.MultiDiGraph, path: str | Path, **options: Any) -> Path:
    """Write the graph's HTML page to ``path`` atomically and piece by piece; ``options`` as for :func:`render_html`."""
    with atomic_path(path) as tmp, tmp.open("w", encoding="utf-8") as out:
        out.writelines(page_chunks(graph, **options))
    return Path(path)


# --- nodes and edges --------------------------------------------------------------------------------------

def _name(nid: str, data: dict[str, Any]) -> str:
    """The node's name, or its id when it has none: a label pyvis would otherwise replace with the id."""
    return str(data.get("name") or nid)


def _shorten(text: str) -> str:
    """``text`` cut to :data:`LABEL_MAX` characters with an ellipsis."""
    return text if len(text) <= LABEL_MAX else text[:LABEL_MAX - 3] + "\u2026"


def _node(nid: str, data: dict[str, Any], xy: tuple[float, float], shown: dict[str, bool]) -> dict[str, Any]:
    """Arguments for ``Network.add_node``: the vis-network look, then the fields the page script reads."""
    kind = data.get("label", "")
    colour, shape, _ = NODE_STYLE.get(kind, FALLBACK_NODE)
    name = _name(nid, data)
    props = {k: data[k] for k in NODE_PROPS if data.get(k) not in (None, "", [])}
    status = props.get("status") if kind == "Allegation" else None
    aliases = [str(a) for a in data.get("aliases", [])]
    node: dict[str, Any] = {
        "n_id": nid, "label": _shorten(name) + (f"\n[{status}]" if status else ""), "shape": shape,
        # The status colours the border; highlighting keeps the fill so a selected node keeps its type.
        "color": {"background": colour, "border": STATUS_COLOUR.get(status, colour) if status else colour,
                  "highlight": {"background": colour, "border": "#000"}},
        "title": _node_title(kind, name, aliases, props),
        "x": xy[0], "y": xy[1], "size": 12 if kind == "Document" else 16, "borderWidth": 4 if status else 1,
        "hidden": not shown[kind],
        "type": kind, "name": name, "aliases": aliases,
    }
    if props:
        node["props"] = props
    return node


def _node_title(kind: str, name: str, aliases: list[str], props: dict[str, Any]) -> str:
    """The plain-text tooltip pyvis carries; the page draws the same lines with some structure."""
    lines = [name, kind + (f" \u00b7 {props['status']}" if props.get("status") else "")]
    if aliases:
        lines.append("Aliases: " + ", ".join(aliases))
    lines += [f"{k}: {props[k]}" for k in ("summary", "act", "title", "path") if props.get(k) and props[k] != name]
    if props.get("dates"):
        lines.append("dates: " + ", ".join(map(str, props["dates"])))
    if props.get("text") and props["text"] != props.get("summary"):
        lines.append(f"\u201c{props['text']}\u201d")
    return "\n".join(lines)


def _edge(i: int, source: str, target: str, data: dict[str, Any], names: dict[str, str],
          doc_titles: dict[Any, str], visible: bool, nth: int | None) -> dict[str, Any]:
    """Arguments for ``Network.add_edge``; ``nth`` counts the edges so far between the same two nodes.

    Parallel edges curve apart (clockwise, anticlockwise, then wider) so each stays visible. The curves are
    static: vis-network's default "dynamic" smoothing would add a hidden physics body per edge. A big graph
    (``nth`` None) gets straight lines, the cheapest to draw.
    """
    kind = data.get("type", "")
    colour, arrow, dashed = EDGE_STYLE.get(kind, FALLBACK_EDGE)
    evidence = [{"title": doc_titles.get(e.get("document_id")) or str(e.get("document", "")),
                 "document": str(e.get("document", "")), "text": str(e.get("text", ""))}
                for e in data.get("evidence", []) if isinstance(e, dict)]
    mention = kind == "MENTIONED_IN"
    edge: dict[str, Any] = {
        "source": source, "to": target, "id": f"e{i}",
        "color": colour, "dashes": dashed, "arrows": {"to": {"enabled": True, "type": arrow}},
        "smooth": False if nth is None else {"enabled": True, "type": "curvedCW" if nth % 2 else "curvedCCW",
                                             "roundness": round(0.08 + 0.12 * (nth // 2), 2)},
        "width": 1 if mention else 1.5 + min(len(evidence), 4) * 0.5,
        "hidden": not visible,
        "type": kind,
    }
    if not mention:  # the dashed grey line says it; labels on every mention would crowd the canvas
        edge["label"] = kind
    for key in ("role", "former"):
        if data.get(key) not in (None, ""):
            edge[key] = data[key]
    if evidence:
        edge["evidence"] = evidence
    edge["title"] = _edge_title(edge, names[source], names[target])
    return edge


def _edge_title(edge: dict[str, Any], source: str, target: str) -> str:
    """The plain-text tooltip of an edge: relation, its two ends, then each quote with its source."""
    head = edge["type"] + (f" ({edge['role']})" if edge.get("role") else "")
    head += " \u00b7 former" if edge.get("former") else ""
    lines = [head, f"{source} \u2192 {target}"]
    for ev in edge.get("evidence", []):
        source_doc = f" ({ev['document']})" if ev["document"] and ev["document"] != ev["title"] else ""
        lines += [f"\u201c{ev['text']}\u201d", f"\u2014 {ev['title']}{source_doc}"]
    return "\n".join(lines)


def _fill(net: Network, nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> None:
    """Give the nodes and edges to ``net``; both ways leave the same records in ``net.nodes`` and ``net.edges``."""
    if len(nodes) + len(edges) <= ONE_BY_ONE:
        for node in nodes:
            net.add_node(**node)
        for edge in edges:
            net.add_edge(**edge)
        return
    # The faster path (see ONE_BY_ONE): pyvis's own records, without the per-call list scans. The ids are
    # unique and every edge's ends exist, which is all those scans check.
    net.nodes = [_node_record(net, node) for node in nodes]
    net.node_ids = [r["id"] for r in net.nodes]
    net.node_map = {r["id"]: r for r in net.nodes}
    net.edges = [_edge_record(net, edge) for edge in edges]


def _node_record(net: Network, node: dict[str, Any]) -> dict[str, Any]:
    """The record ``net.add_node(**node)`` would store."""
    options = dict(node)
    nid, label, shape = options.pop("n_id"), options.pop("label"), options.pop("shape")
    return Node(nid, shape, label=label or nid, font_color=net.font_color, **options).options


def _edge_record(net: Network, edge: dict[str, Any]) -> dict[str, Any]:
    """The record ``net.add_edge(**edge)`` would store."""
    options = {k: v for k, v in edge.items() if k not in ("source", "to")}
    return Edge(edge["source"], edge["to"], net.directed, **options).options


def _style(graph: nx.MultiDiGraph, big: bool) -> dict[str, Any]:
    """The legend: styles, counts and first visibility of the types present, known types first in schema order."""
    node_counts = Counter(d.get("label", "") for _, d in graph.nodes(data=True))
    edge_counts = Counter(d.get("type", "") for _, _, d in graph.edges(data=True))
    return {
        "nodes": [{"type": t, "count": node_counts[t], "color": c, "shape": s, "symbol": y,
                   "shown": not (big and t in HIDDEN_WHEN_BIG)}
                  for t in _ordered(node_counts, NODE_STYLE) for c, s, y in [NODE_STYLE.get(t, FALLBACK_NODE)]],
        "edges": [{"type": t, "count": edge_counts[t], "color": c, "arrow": a, "dashes": d,
                   "shown": not (big and t in HIDDEN_WHEN_BIG)}
                  for t in _ordered(edge_counts, EDGE_STYLE) for c, a, d in [EDGE_STYLE.get(t, FALLBACK_EDGE)]],
        "status": STATUS_COLOUR,
    }


def _ordered(counts: Counter, known: dict[str, Any]) -> list[str]:
    """The types in ``counts``: those in ``known`` in its order, then the others sorted."""
    return [t for t in known if t in counts] + sorted(t for t in counts if t not in known)


def _options(big: bool, node_count: int, seed: int) -> dict[str, Any]:
    """vis-network options: live physics that settles a small graph, none for a big one."""
    physics: dict[str, Any] = {"enabled": False}
    if not big:
        # The start is the precomputed layout, so fewer iterations do as the graph grows: settling stays short.
        iterations = max(100, min(400, round(120000 / max(node_count, 1))))
        physics = {"enabled": True, "solver": "forceAtlas2Based",
                   "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120, "avoidOverlap": 0.4},
                   "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 25, "fit": True}}
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": seed},
        "nodes": {"font": {"size": 14, "multi": False}, "scaling": {"label": {"drawThreshold": 6}}},
        "edges": {"font": {"size": 10, "align": "middle", "color": "#555", "strokeWidth": 3},
                  "selectionWidth": 2, "smooth": False,
                  "arrows": {"to": {"scaleFactor": 0.6}}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big},
        "physics": physics,
    }


# --- the template -----------------------------------------------------------------------------------------

def _use_page_template(net: Network, page: dict[str, Any]) -> None:
    """Point pyvis at this package's template and give the template what pyvis's own render call lacks."""
    net.set_template_dir(str(TEMPLATE_DIR), TEMPLATE)
    env = net.templateEnv  # a fresh Jinja environment per Network, made by set_template_dir
    env.autoescape = True  # whatever the helpers below do not mark safe (the heading) is HTML-escaped
    env.globals.update(page=page, graph_json=_graph_json, inline_script=_inline_script, inline_style=_inline_style)


def _payload(page: dict[str, Any], nodes: list[dict[str, Any]], edges: list[dict[str, Any]],
             options: dict[str, Any]) -> dict[str, Any]:
    """The page's JSON block as data: legend and big flag, then pyvis's options, nodes and edges."""
    return {"big": page["big"], "style": page["style"], "options": options, "nodes": nodes, "edges": edges}


def _graph_json(page: dict[str, Any], nodes: list[dict[str, Any]], edges: list[dict[str, Any]], options: str) -> Markup:
    """The page's JSON block from what pyvis renders with (``options`` comes as pyvis's JSON text)."""
    return Markup(script_json(_payload(page, nodes, edges, json.loads(options))))


def script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` can end it or open a tag.

    Web addresses in the text are written ``:\\/\\/``, which parses to the same string.

    >>> script_json({"t": "</script><img onerror=x>"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cimg onerror=x\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    # "\/" is "/" to JSON.parse: web addresses quoted in documents stay data and the page names none.
    return text.replace("://", ":\\/\\/")


@cache
def _asset(folder: str, name: str) -> str:
    """A file of ``graphbuild/vendor`` or of this package's ``assets`` folder, as text."""
    if folder == "vendor":
        root = resources.files("graphbuild").joinpath("vendor")
    else:
        root = resources.files("graphbuild.exporters").joinpath(folder)
    return root.joinpath(name).read_text(encoding="utf-8")


@cache
def _inline_script(folder: str, name: str) -> Markup:
    """Script text safe to inline: nothing that closes the element, and no ``http(s)://`` in the page.

    ``:\\/\\/`` means ``://`` inside JavaScript strings and is inert in comments, so the vendored library's
    licence links and its SVG namespace keep their meaning while the page names no web address.
    The source-map comment goes: it names a file the page does not have.
    """
    js = re.sub(r"(https?)://", r"\1:\\/\\/", _asset(folder, name))
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.M)
    return Markup(js.replace("</script", "<\\/script").replace("<!--", "<\\!--"))


@cache
def _inline_style(folder: str, name: str) -> Markup:
    """Style text that cannot close its ``<style>`` element."""
    return Markup(_asset(folder, name).replace("</style", "<\\/style"))
