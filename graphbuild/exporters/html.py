"""The graph as one self-contained HTML page, built with pyvis: the analyst's page of allegations.

:func:`build_network` turns the graph into a :class:`pyvis.network.Network`: every node and edge with its
vis-network look and the fields the page script needs (see :mod:`.page_records`), positions computed here
(:func:`.layout.page_positions`: no two labels overlap, no live physics), and the vis-network options. The
Network is set to render through pyvis's Jinja mechanism with this package's own template
(``assets/page.html``) instead of pyvis's, because pyvis's template loads vis-network and Bootstrap from a
CDN: ours inlines the vendored vis-network (``graphbuild/vendor``) and the page's own scripts and style, so
the page fetches nothing. :func:`render_html` is that Network's ``generate_html()``; :func:`page_chunks`
gives the same text in pieces, one node or edge at a time, so :func:`write_html` never holds a big graph's
whole page in memory.

Places, documents and their links start hidden at every size (the legend turns them on). A graph of more
than :data:`BIG_GRAPH` nodes opens on its most supported allegations and their neighbours only (the
``start`` list); search and focus reach the rest.

Graph data goes into the page only as JSON inside a ``<script type="application/json">`` block with ``<``,
``>`` and ``&`` escaped; the template escapes everything else it is given; and the page scripts put
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
from ..schema import STANCE_TYPES
from .labels import FONT_SIZE, node_box
from .layout import page_positions
from .page_records import Documents, date_key, edge_record, node_label, node_name, node_radius, node_record
from .style import EDGE_STYLE, FALLBACK_EDGE, FALLBACK_NODE, NODE_STYLE, STATUS_COLOUR

BIG_GRAPH = 5000  # above this many nodes the page opens on a first view (START_NODES), not the whole graph
START_NODES = 300  # about this many nodes in a big page's first view: top allegations and their neighbours
LAYOUT_SEED = 7
TEMPLATE_DIR = Path(__file__).with_name("assets")
TEMPLATE = "page.html"
# Up to this many nodes plus edges the Network is filled with pyvis's add_node/add_edge. Above it the same
# pyvis Node/Edge records are built and assigned as lists in one go: add_node and add_edge look each id up
# in a list (O(nodes) per call), which costs ~0.5 s at 5,000 nodes and 6,000 edges and grows quadratically.
ONE_BY_ONE = 2000

CONTEXT = ("Place", "Document")  # context only: laid out below the rest, hidden at first
HIDDEN_AT_FIRST = CONTEXT + ("MENTIONED_IN",)
DATA_MARK = "\x00graphbuild-graph-data\x00"  # where the streamed data block goes in the rendered template


@dataclass(frozen=True)
class _Layout:
    """What every record of the page needs, worked out once: order, visibility, positions, names."""

    node_ids: list[str]
    edges: list[tuple[str, str, str, dict[str, Any]]]
    big: bool
    start: list[str] | None
    style: dict[str, Any]
    shown: dict[str, bool]
    shown_edge: dict[str, bool]
    positions: dict[str, tuple[float, float]]
    names: dict[str, str]
    labels: dict[str, str]
    documents: Documents
    options: dict[str, Any]


def _layout(graph: nx.MultiDiGraph, big_graph: int, seed: int) -> _Layout:
    """Nodes sorted by id and edges by (source, target, key), seeded positions: the same graph, the same page."""
    node_ids = sorted(graph.nodes)
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    big = len(node_ids) > big_graph
    style = _style(graph)
    labels = {nid: graph.nodes[nid].get("label", "") for nid in node_ids}
    start = start_view(graph, START_NODES) if big else None
    return _Layout(
        node_ids=node_ids, edges=edges, big=big, start=start, style=style,
        shown={s["type"]: s["shown"] for s in style["nodes"]},
        shown_edge={s["type"]: s["shown"] for s in style["edges"]},
        positions=_positions(graph, node_ids, edges, labels, start, seed),
        names={nid: node_name(nid, graph.nodes[nid]) for nid in node_ids},
        labels=labels, documents=_documents(graph),
        options=_options(big, seed))


def _positions(graph: nx.MultiDiGraph, node_ids: list[str], edges: list, labels: dict[str, str],
               start: list[str] | None, seed: int) -> dict[str, tuple[float, float]]:
    """Where each node is drawn: boxes of the labels as drawn, kept apart."""
    boxes = {}
    for nid in node_ids:
        data = graph.nodes[nid]
        status = data.get("status") if labels[nid] == "Allegation" else None
        boxes[nid] = node_box(node_label(labels[nid], node_name(nid, data), status), node_radius(labels[nid]))
    context = sorted((nid for nid in node_ids if labels[nid] in CONTEXT), key=lambda n: (CONTEXT.index(labels[n]), n))
    return page_positions(node_ids, ((s, t) for s, t, _, _ in edges), boxes, context=context, start=start,
                          seed=seed)


def _documents(graph: nx.MultiDiGraph) -> Documents:
    """Titles and publication dates of the Document nodes, by document id."""
    titles, published = {}, {}
    for _, d in graph.nodes(data=True):
        if d.get("label") == "Document":
            titles[d.get("document_id")] = d.get("title") or d.get("name", "")
            if date_key(d.get("published")):
                published[d.get("document_id")] = date_key(d.get("published"))
    return Documents(titles, published)


def start_view(graph: nx.MultiDiGraph, limit: int = START_NODES) -> list[str]:
    """A big page's first view, sorted: the allegations with the most sources (then the most links), each
    with its neighbours but places and documents, until about ``limit`` nodes are in."""
    def neighbours(nid: str) -> set[str]:
        ends = set(graph.predecessors(nid)) | set(graph.successors(nid))
        return {n for n in ends if graph.nodes[n].get("label") not in CONTEXT}

    def rank(nid: str) -> tuple[int, int, str]:
        sources = {s for s, _, k in graph.in_edges(nid, keys=True) if k in STANCE_TYPES}
        return (-len(sources), -len(neighbours(nid)), nid)

    allegations = sorted((n for n, d in graph.nodes(data=True) if d.get("label") == "Allegation"), key=rank)
    chosen: set[str] = set()
    for nid in allegations:
        if len(chosen) >= limit:
            break
        chosen |= {nid} | neighbours(nid)
    return sorted(chosen)


def _node_args(graph: nx.MultiDiGraph, layout: _Layout) -> Iterator[dict[str, Any]]:
    """``Network.add_node`` arguments for each node, in page order."""
    for nid in layout.node_ids:
        yield node_record(nid, graph.nodes[nid], layout.positions[nid], layout.shown)


def _edge_args(layout: _Layout) -> Iterator[dict[str, Any]]:
    """``Network.add_edge`` arguments for each edge, in page order."""
    parallel: Counter = Counter()
    for i, (s, t, _, d) in enumerate(layout.edges):
        pair = (s, t) if s <= t else (t, s)
        parallel[pair] += 1
        visible = layout.shown_edge[d.get("type", "")] and layout.shown[layout.labels[s]] and layout.shown[layout.labels[t]]
        yield edge_record(i, s, t, d, layout.names, layout.documents, visible, None if layout.big else parallel[pair])


def _network(title: str, layout: _Layout) -> Network:
    """An empty Network with the page's options, rendering through this package's template."""
    # cdn_resources is read only by pyvis's own template; the page template below inlines everything itself.
    net = Network(height="100%", width="100%", directed=True, heading=title, cdn_resources="in_line")
    # Assigned as a dict: set_options() would strip every space out of the JSON text, string values included.
    net.options = layout.options
    _use_page_template(net, {"big": layout.big, "style": layout.style, "start": layout.start})
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
    """What the page script receives: the Network's nodes, edges and options, the legend, the big flag and
    a big page's first view."""
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
           f'"start":{script_json(layout.start)},"options":{script_json(layout.options)},"nodes":[')
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


# --- pyvis records ----------------------------------------------------------------------------------------

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


def _style(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The legend: styles, counts and first visibility of the types present, known types first in schema order."""
    node_counts = Counter(d.get("label", "") for _, d in graph.nodes(data=True))
    edge_counts = Counter(d.get("type", "") for _, _, d in graph.edges(data=True))
    return {
        "nodes": [{"type": t, "count": node_counts[t], "color": c, "shape": s, "symbol": y,
                   "shown": t not in HIDDEN_AT_FIRST}
                  for t in _ordered(node_counts, NODE_STYLE) for c, s, y in [NODE_STYLE.get(t, FALLBACK_NODE)]],
        "edges": [{"type": t, "count": edge_counts[t], "color": c, "arrow": a, "dashes": d,
                   "shown": t not in HIDDEN_AT_FIRST}
                  for t in _ordered(edge_counts, EDGE_STYLE) for c, a, d in [EDGE_STYLE.get(t, FALLBACK_EDGE)]],
        "status": STATUS_COLOUR,
        "stances": list(STANCE_TYPES),
    }


def _ordered(counts: Counter, known: dict[str, Any]) -> list[str]:
    """The types in ``counts``: those in ``known`` in its order, then the others sorted."""
    return [t for t in known if t in counts] + sorted(t for t in counts if t not in known)


def _options(big: bool, seed: int) -> dict[str, Any]:
    """vis-network options: no physics (the layout is computed here), labels in the font the layout measured."""
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": seed},
        "nodes": {"font": {"size": FONT_SIZE, "face": "arial", "multi": False},
                  "scaling": {"label": {"drawThreshold": 6}}},
        "edges": {"selectionWidth": 2, "smooth": False, "arrows": {"to": {"scaleFactor": 0.6}}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big},
        "physics": {"enabled": False},
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
    return {"big": page["big"], "style": page["style"], "start": page["start"], "options": options,
            "nodes": nodes, "edges": edges}


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
