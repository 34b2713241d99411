"""The HTML page as text: rendered by pyvis, self-contained, escaped, deterministic; and the layout behind big pages."""
from __future__ import annotations

import json
import math
import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pyvis.network import Network

from graphbuild.exporters import export, html
from graphbuild.exporters.html import build_network, page_data, render_html, script_json, write_html
from graphbuild.exporters.labels import LINE_CHARS, wrap_label
from graphbuild.exporters.layout import page_positions
from graphbuild.exporters.page_records import TIP_SENTENCES, date_key
from graphbuild.exporters.style import EDGE_STYLE, FALLBACK_EDGE, NODE_STYLE, STATUS_COLOUR
from sample_graphs import HOSTILE_DOC, IMG, SCRIPT, claims_graph, reversed_copy, small_graph, synthetic_graph

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def page() -> str:
    return render_html(small_graph())


def embedded_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert match, "the page carries its graph as a JSON block"
    return json.loads(match.group(1))


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, as a browser's tokenizer sees them."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))


def test_page_needs_no_network(page: str) -> None:
    assert not re.search(r"https?://", page, re.I)
    tags = Tags(page).tags
    assert not [t for t, a in tags if t in ("link", "img", "iframe", "object", "embed") or "src" in a or "href" in a]
    # The graph's data block, then vis-network and the page's own scripts, all inline.
    assert [a.get("type") for t, a in tags if t == "script"] == ["application/json"] + [None] * 7
    assert "default-src 'none'" in page  # and the browser is told to fetch nothing at all


def test_document_text_cannot_open_a_tag(page: str) -> None:
    # The page's tags are the template's alone, whatever the documents say.
    template = (ROOT / "graphbuild" / "exporters" / "assets" / "page.html").read_text(encoding="utf-8")
    assert [t for t, _ in Tags(page).tags] == [t for t, _ in Tags(template).tags]
    for needle in (SCRIPT, IMG, "<img", "<script>window"):
        assert needle not in page
    titled = render_html(small_graph(), title=f"Graph {SCRIPT}")  # the heading goes through the template's escaping
    assert "<title>Graph &lt;script&gt;" in titled
    assert [t for t, _ in Tags(titled).tags] == [t for t, _ in Tags(template).tags]
    text = json.dumps(embedded_data(page), ensure_ascii=False)
    assert SCRIPT in text and IMG.replace('"', '\\"') in text  # the hostile text survives, as data


def test_embedded_data_matches_graph(page: str) -> None:
    graph = small_graph()
    data = embedded_data(page)
    assert [n["id"] for n in data["nodes"]] == sorted(graph.nodes)
    assert sorted((e["from"], e["to"], e["type"]) for e in data["edges"]) == sorted(graph.edges(keys=True))
    assert {s["type"]: s["count"] for s in data["style"]["nodes"]} == {
        "Person": 3, "Agency": 1, "Organization": 1, "Place": 1, "Allegation": 1, "Document": 2}
    alleges = next(e for e in data["edges"] if e["type"] == "ALLEGES" and e["from"] == "person:yuri-shvets")
    assert sorted(ev["title"] for ev in alleges["evidence"]) == ["Ex-KGB officer speaks", f"Title {IMG} {SCRIPT}"]
    member = next(e for e in data["edges"] if e["type"] == "MEMBER_OF" and e["from"] == "person:yuri-shvets")
    assert (member["role"], member["former"]) == ("major", True)
    claim = next(n for n in data["nodes"] if n["type"] == "Allegation")
    assert claim["props"]["status"] == "disputed"
    assert data == page_data(graph)  # the block is page_data, whole


def test_page_is_pyvis_rendering_of_the_network(page: str) -> None:
    graph = small_graph()
    net = build_network(graph)
    assert isinstance(net, Network)
    assert (net.num_nodes(), net.num_edges()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert net.generate_html() == page == net.html  # render_html is pyvis's generate_html of this Network
    assert net.path == "page.html" and Path(net.template_dir) == ROOT / "graphbuild" / "exporters" / "assets"
    # The page's nodes, edges and options are the records pyvis holds, as pyvis built them.
    data = embedded_data(page)
    assert data["nodes"] == json.loads(json.dumps(net.nodes)) and data["edges"] == json.loads(json.dumps(net.edges))
    assert data["options"] == net.options and net.get_adj_list()["person:yuri-shvets"] >= {"agency:kgb"}
    # Per node and per edge: colour, shape, position, title, arrow head, dashes and label by type.
    kgb = net.get_node("agency:kgb")
    assert (kgb["shape"], kgb["color"]["background"], kgb["label"]) == ("diamond", NODE_STYLE["Agency"][0], "KGB")
    assert kgb["title"].splitlines()[:3] == ["KGB", "Agency", "Aliases: Komitet"] and {"x", "y"} <= set(kgb)
    claim = net.get_node("allegation:donald-trump:recruitment")
    assert claim["color"]["border"] == STATUS_COLOUR["disputed"] and claim["label"].endswith("\n[disputed]")
    disputes = next(e for e in net.edges if e.get("type") == "DISPUTES")
    assert disputes["color"] == EDGE_STYLE["DISPUTES"][0] and disputes["arrows"]["to"]["type"] == "bar"
    assert not [e for e in net.edges if "label" in e]  # colour, arrow head and legend tell the relation
    mention = next(e for e in net.edges if e.get("type") == "MENTIONED_IN")
    assert mention["dashes"] is True and "label" not in mention
    member = next(e for e in net.edges if e["from"] == "person:yuri-shvets" and e["type"] == "MEMBER_OF")
    assert member["title"].splitlines()[:2] == ["MEMBER_OF (major) \u00b7 former \u00b7 1 sentence", "Yuri Shvets \u2192 KGB"]
    # What pyvis holds when it renders is what the page draws: a node added through pyvis shows up.
    net.add_node("person:added", label="Added", shape="dot", color="#123456", type="Person", name="Added", aliases=[])
    assert embedded_data(net.generate_html())["nodes"][-1]["id"] == "person:added"


def test_bulk_fill_gives_what_add_node_and_add_edge_give(monkeypatch: pytest.MonkeyPatch) -> None:
    # Big graphs skip pyvis's per-call list scans; the records and the page must not change.
    graph = synthetic_graph(300)
    assert graph.number_of_nodes() + graph.number_of_edges() <= html.ONE_BY_ONE  # built by add_node/add_edge
    one_by_one = build_network(graph)
    monkeypatch.setattr(html, "ONE_BY_ONE", 0)
    bulk = build_network(graph)
    assert json.dumps(bulk.nodes) == json.dumps(one_by_one.nodes)
    assert json.dumps(bulk.edges) == json.dumps(one_by_one.edges)
    assert bulk.node_ids == one_by_one.node_ids and bulk.node_map == one_by_one.node_map
    assert bulk.generate_html() == one_by_one.generate_html()


def test_edges_never_use_dynamic_smoothing() -> None:
    # vis-network's default "dynamic" curves add a hidden physics body per edge: every edge says otherwise.
    for graph, big_graph in ((small_graph(), 1000), (synthetic_graph(120), 100)):
        data = page_data(graph, big_graph=big_graph)
        assert data["options"]["edges"]["smooth"] is False
        assert all(e["smooth"] is False or e["smooth"]["type"] in ("curvedCW", "curvedCCW") for e in data["edges"])
    pair = [e["smooth"] for e in page_data(small_graph())["edges"] if e["from"] == "person:yuri-shvets"
            and e["to"] == "allegation:donald-trump:recruitment"]
    assert [s["type"] for s in pair] == ["curvedCW", "curvedCCW"]  # parallel edges curve apart


def test_same_graph_same_bytes_whatever_the_insertion_order() -> None:
    graph = small_graph()
    shuffled = reversed_copy(graph)
    assert render_html(graph) == render_html(shuffled)


def test_places_and_documents_start_hidden_at_every_size() -> None:
    graph = synthetic_graph(120)
    context = {n for n, d in graph.nodes(data=True) if d["label"] in ("Place", "Document")}
    for data in (page_data(graph), page_data(graph, big_graph=100)):
        assert data["options"]["physics"] == {"enabled": False}  # positions come from the page's own layout
        assert [s["type"] for s in data["style"]["nodes"] if not s["shown"]] == ["Place", "Document"]
        assert [s["type"] for s in data["style"]["edges"] if not s["shown"]] == ["MENTIONED_IN"]
        assert {n["id"] for n in data["nodes"] if n["hidden"]} == context
        hidden_edges = {(e["from"], e["to"], e["type"]) for e in data["edges"] if e["hidden"]}
        assert hidden_edges == {e for e in graph.edges(keys=True) if e[2] == "MENTIONED_IN" or context & {e[0], e[1]}}


def test_big_graph_opens_on_its_most_supported_allegations() -> None:
    graph = synthetic_graph(400)
    assert page_data(graph)["big"] is False and page_data(graph)["start"] is None
    data = page_data(graph, big_graph=100)
    assert data["big"] is True
    start = set(data["start"])
    assert start == set(html.start_view(graph, html.START_NODES))
    # Whole neighbourhoods (without places and documents) of the allegations with the most sources.
    def sources(a: str) -> int:
        return len({s for s, _, k in graph.in_edges(a, keys=True) if k in ("ALLEGES", "CORROBORATES", "DISPUTES")})
    claims = [n for n in start if graph.nodes[n]["label"] == "Allegation"]
    others = [n for n, d in graph.nodes(data=True) if d["label"] == "Allegation" and n not in start]
    assert claims and min(map(sources, claims)) >= max(map(sources, others), default=0)
    for claim in claims:
        ends = set(graph.predecessors(claim)) | set(graph.successors(claim))
        assert {n for n in ends if graph.nodes[n]["label"] not in ("Place", "Document")} <= start
    assert not [n for n in start if graph.nodes[n]["label"] in ("Place", "Document")]
    assert len(start) >= html.START_NODES or not others


def test_allegation_and_stance_dates() -> None:
    data = page_data(claims_graph())
    when = {n["id"]: n.get("when") for n in data["nodes"] if n["type"] == "Allegation"}
    # first_reported when present, else the earliest date the allegation names; none without either
    assert when == {"allegation:a1": "2019-03-01", "allegation:a2": "2020", "allegation:a3": None, "allegation:a4": None}
    stances = {(e["from"], e["to"], e["type"]): e.get("when") for e in data["edges"]
               if e["type"] in ("ALLEGES", "CORROBORATES", "DISPUTES")}
    assert stances[("person:bob", "allegation:a1", "CORROBORATES")] == "2021-06-15"  # the document's datetime, as a date
    assert stances[("person:alice", "allegation:a1", "ALLEGES")] == "2019-03-01"
    assert stances[("person:carol", "allegation:a2", "ALLEGES")] is None  # an undated document
    alleges = next(e for e in data["edges"] if e["type"] == "ALLEGES" and e["from"] == "person:alice" and e["to"] == "allegation:a1")
    assert {ev["published"] for ev in alleges["evidence"]} == {"2019-03-01"}
    assert {ev["document_id"] for ev in alleges["evidence"]} == {"1" * 16}
    assert [date_key(v) for v in ("2019", "2019-03", "2019-13-01", "c. 1990", "", None)] == \
        ["2019", "2019-03", "2019", None, None, None]


def test_new_relation_types_get_a_style_and_a_legend_entry() -> None:
    graph = claims_graph()
    graph.add_edge("person:eve", "person:dave", key="MET_WITH", type="MET_WITH")  # a type no style names
    data = page_data(graph)
    legend = {s["type"]: s for s in data["style"]["edges"]}
    assert legend["INVOLVES"]["color"] == EDGE_STYLE["INVOLVES"][0] and legend["INVOLVES"]["count"] == 1
    assert legend["MET_WITH"]["color"] == FALLBACK_EDGE[0] and legend["MET_WITH"]["shown"]
    assert [s["type"] for s in data["style"]["edges"]][-1] == "MET_WITH"  # unknown types after the known ones
    involves = next(e for e in data["edges"] if e["type"] == "INVOLVES")
    assert involves["role"] == "recruiting agency" and involves["dashes"] is True
    assert involves["title"].splitlines()[0] == "INVOLVES (recruiting agency) \u00b7 1 sentence"
    assert next(e for e in data["edges"] if e["type"] == "MET_WITH")["color"] == FALLBACK_EDGE[0]


def test_edge_tooltips_are_capped_with_a_count() -> None:
    data = page_data(claims_graph())
    alleges = next(e for e in data["edges"] if e["type"] == "ALLEGES" and e["to"] == "allegation:a1")
    lines = alleges["title"].splitlines()
    assert lines[0] == "ALLEGES \u00b7 5 sentences" and lines[1] == "Alice \u2192 Dave: recruited by the Spy Service"
    assert sum(1 for line in lines if line.startswith("\u201c")) == TIP_SENTENCES
    assert lines[-1] == "\u2026 and 2 more sentences (click the edge for all)"
    assert len(alleges["evidence"]) == 5  # the page keeps every sentence for the details panel and the card


def test_labels_are_wrapped_and_allegations_show_their_status() -> None:
    data = page_data(claims_graph())
    a1 = next(n for n in data["nodes"] if n["id"] == "allegation:a1")
    assert a1["label"] == wrap_label("Dave: recruited by the Spy Service", "contested")
    assert a1["label"].split("\n")[-1] == "[contested]"
    assert all(len(line) <= LINE_CHARS for n in data["nodes"] for line in n["label"].split("\n"))


def test_script_json_escapes_everything_that_could_end_the_element() -> None:
    value = {"a": "</script><!-- & \u2028", "url": "see https://example.com/x and a\\://b"}
    text = script_json(value)
    assert not re.search(r"[<>&\u2028]|https?://", text)
    assert json.loads(text) == value


def test_web_addresses_in_documents_stay_text() -> None:
    graph = small_graph()
    graph.nodes["document:0123456789abcdef"]["title"] = "Mirror of http://example.org/story"
    page = render_html(graph)
    assert not re.search(r"https?://", page)
    node = next(n for n in embedded_data(page)["nodes"] if n["id"] == "document:0123456789abcdef")
    assert node["props"]["title"] == "Mirror of http://example.org/story"


def test_write_html_is_atomic_and_export_dispatches(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "graph.html"
    assert export(small_graph(), "html", target) == target
    assert target.read_text(encoding="utf-8") == render_html(small_graph())
    assert [p.name for p in target.parent.iterdir()] == ["graph.html"]  # no temp file left behind
    write_html(small_graph(), target)
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_page_assets_ship_with_the_package() -> None:
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    patterns = package_data["graphbuild"]
    assert "vendor/*" in patterns
    assert any(p.startswith("exporters/assets") for p in patterns), "add 'exporters/assets/*' to package-data"


def test_layout_is_seeded_finite_and_spread() -> None:
    graph = synthetic_graph(300)
    nodes = sorted(graph.nodes)
    edges = [(s, t) for s, t in graph.edges()]
    boxes = {n: (30.0, 20.0, 10.0) for n in nodes}
    first = page_positions(nodes, edges, boxes, exact_limit=100)   # repulsion from a sample of the nodes
    assert first == page_positions(nodes, edges, boxes, exact_limit=100)
    assert first != page_positions(nodes, edges, boxes, exact_limit=100, seed=8)
    exact = page_positions(nodes, edges, boxes, exact_limit=10_000)
    for pos in (first, exact):
        assert set(pos) == set(nodes)
        assert all(math.isfinite(x) and math.isfinite(y) for x, y in pos.values())
        assert len(set(pos.values())) == len(nodes)  # no two nodes drawn on the same spot


def test_layout_pulls_neighbours_together() -> None:
    # A path: joined nodes end up much closer than the graph's spread.
    nodes = [f"n{i}" for i in range(40)]
    edges = [(f"n{i}", f"n{i + 1}") for i in range(39)]
    pos = page_positions(nodes, edges, {n: (10.0, 10.0, 0.0) for n in nodes})
    joined = sum(math.dist(pos[s], pos[t]) for s, t in edges) / len(edges)
    spread = max(math.dist(pos[a], pos[b]) for a in nodes for b in nodes)
    assert joined < spread / 5


def test_hostile_document_node_keeps_its_title_as_data(page: str) -> None:
    node = next(n for n in embedded_data(page)["nodes"] if n["id"] == HOSTILE_DOC)
    assert node["props"]["title"] == f"Title {IMG} {SCRIPT}"


def test_write_html_streams_the_page_instead_of_holding_it(tmp_path: Path) -> None:
    # The page is written a node or an edge at a time: 25 times more evidence text makes a page ~12 MB
    # bigger but takes no more memory to write (rendered whole, it took several times the page's size).
    import tracemalloc

    def write(repeat: int) -> tuple[int, int]:
        graph = synthetic_graph(2000)
        for _, _, data in graph.edges(data=True):
            for item in data.get("evidence", []):
                item["text"] = "A sentence of evidence, quoted in full in the page. " * repeat
        target = tmp_path / f"page-{repeat}.html"
        tracemalloc.start()
        try:
            write_html(graph, target)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert target.read_text(encoding="utf-8") == build_network(graph).generate_html()
        return target.stat().st_size, peak

    small_size, small_peak = write(4)
    big_size, big_peak = write(100)
    assert big_size - small_size > 10_000_000
    assert big_peak - small_peak < 1_000_000, f"{big_size:,} bytes took {big_peak:,}; {small_size:,} took {small_peak:,}"
