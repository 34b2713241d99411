"""The HTML page in a real headless Chromium with no network: drawn, searchable, filterable, safe, and big;
the allegations panel, cards, focus, timeline and labels as an analyst uses them."""
from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from browser import chromium, console_errors, drawn_counts, drawn_ids, label_boxes, open_page, requested_urls, screenshot
from graphbuild.exporters.html import write_html
from graphbuild.schema import STANCE_TYPES
from sample_graphs import HOSTILE_DOC, IMG, SCRIPT, claims_graph, small_graph, synthetic_graph

pytestmark = pytest.mark.browser
CONTEXT = ("Place", "Document")  # hidden at first on every page


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    with chromium() as d:
        yield d


@pytest.fixture(scope="module")
def small_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_html(small_graph(), tmp_path_factory.mktemp("html") / "graph.html")


@pytest.fixture(scope="module")
def claims_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_html(claims_graph(), tmp_path_factory.mktemp("claims") / "graph.html")


@pytest.fixture(scope="module")
def seeds_page(seeds_graph: nx.MultiDiGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_html(seeds_graph, tmp_path_factory.mktemp("seeds") / "graph.html")


@pytest.fixture()
def page(driver: Any, small_page: Path) -> Any:
    """The small graph's page, freshly loaded, with the requests and console messages of the load."""
    open_page(driver, small_page)
    driver.loaded = (requested_urls(driver), console_errors(driver))
    return driver


def shown_at_first(graph: nx.MultiDiGraph) -> tuple[set[str], set[tuple[str, str, str]]]:
    """What a page draws when it opens: every node but places and documents, and the edges between them."""
    nodes = {n for n, d in graph.nodes(data=True) if d["label"] not in CONTEXT}
    return nodes, {e for e in graph.edges(keys=True) if e[2] != "MENTIONED_IN" and {e[0], e[1]} <= nodes}


def neighbourhood(graph: nx.MultiDiGraph, node: str, depth: int) -> set[str]:
    """The nodes at most ``depth`` steps from ``node`` along the edges drawn at first, in either direction."""
    nodes, edges = shown_at_first(graph)
    view = nx.Graph()
    view.add_nodes_from(nodes | {node})
    view.add_edges_from((s, t) for s, t, _ in edges)
    return set(nx.single_source_shortest_path_length(view, node, cutoff=depth))


def click(driver: Any, css: str) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.CSS_SELECTOR, css).click()


def row_ids(driver: Any) -> list[str]:
    return driver.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('#allegations [data-allegation-id]'),"
        " function (r) { return r.getAttribute('data-allegation-id'); });")


def card_sources(driver: Any) -> dict[str, list[str]]:
    """The open card's sources by stance, as listed."""
    return driver.execute_script("""
        var out = {};
        document.querySelectorAll('#details .card [data-stance]').forEach(function (s) {
            out[s.getAttribute('data-stance')] = Array.prototype.map.call(s.querySelectorAll('[data-source-id]'),
                function (li) { return li.getAttribute('data-source-id'); }); });
        return out;""")


def test_page_draws_offline_with_places_and_documents_hidden(page: Any) -> None:
    urls, errors = page.loaded
    assert urls and all(u.startswith(("file://", "data:")) for u in urls), urls
    assert errors == []
    graph = small_graph()
    assert drawn_ids(page) == shown_at_first(graph)
    # vis-network holds only what is drawn: no hidden bodies (dynamic edge smoothing would add one per edge).
    bodies = page.execute_script("return Object.keys(window.graphbuild.network.body.nodes).length")
    assert bodies == len(shown_at_first(graph)[0])
    curves = page.execute_script("""
        var b = window.graphbuild.network.body;
        return b.edgeIndices.map(function (id) { return b.edges[id].options.smooth; })
            .filter(function (s) { return s.enabled; }).map(function (s) { return s.type; });""")
    assert len(curves) == len(shown_at_first(graph)[1]) and set(curves) == {"curvedCW", "curvedCCW"}
    assert page.execute_script("return window.graphbuild.network.physics.options.enabled") is False
    assert screenshot(page, "small-graph.png").stat().st_size > 10_000


def test_search_lists_matches_as_you_type_and_goes_to_the_node(page: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    box = page.find_element(By.ID, "search-input")
    box.send_keys("sh")
    listed = page.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('#search-matches li'), function (li) {"
        " return li.getAttribute('data-node-id'); });")
    graph = small_graph()
    having = {n for n, d in graph.nodes(data=True) if any("sh" in t.lower() for t in [d["name"], *d["aliases"]])}
    assert set(listed) == having and len(listed) == len(having)
    box.clear()
    box.send_keys("shivets", Keys.ENTER)  # an alias, in the wrong case
    assert page.execute_script("return window.graphbuild.network.getSelectedNodes()") == ["person:yuri-shvets"]
    centre, node = page.execute_script("""
        var n = window.graphbuild.network;
        return [n.getViewPosition(), n.getPosition('person:yuri-shvets')];""")
    assert abs(centre["x"] - node["x"]) < 1 and abs(centre["y"] - node["y"]) < 1
    assert page.find_element(By.ID, "search-status").text == "Person: Yuri Shvets"
    assert "Aliases: Shivets, Y. Shvets" in page.find_element(By.ID, "details").text
    assert page.find_element(By.ID, "search-matches").is_displayed() is False
    box.clear()
    box.send_keys("moscow", Keys.ENTER)  # a place: hidden at first, drawn once it is asked for
    assert "place:moscow" in drawn_ids(page)[0]
    box.clear()
    box.send_keys("no such name", Keys.ENTER)
    assert "No node matches" in page.find_element(By.ID, "search-status").text
    assert screenshot(page, "search.png").exists()


def test_type_filter_hides_nodes_and_their_edges(page: Any) -> None:
    graph = small_graph()
    start_nodes, start_edges = shown_at_first(graph)
    click(page, 'input[data-node-type="Person"]')
    nodes, edges = drawn_ids(page)
    people = {n for n, d in graph.nodes(data=True) if d["label"] == "Person"}
    assert nodes == start_nodes - people
    assert edges == {e for e in start_edges if not people & {e[0], e[1]}}
    click(page, 'input[data-edge-type="ABOUT"]')
    assert not [e for e in drawn_ids(page)[1] if e[2] == "ABOUT"]
    click(page, 'input[data-node-type="Person"]')
    click(page, 'input[data-edge-type="ABOUT"]')
    assert drawn_ids(page) == (start_nodes, start_edges)
    assert console_errors(page) == []


def test_documents_toggle_shows_documents_and_mentions(page: Any) -> None:
    from selenium.webdriver.common.by import By

    graph = small_graph()
    toggle = page.find_element(By.ID, "show-documents")
    assert not toggle.is_selected()  # documents start hidden at every size
    toggle.click()
    places = {n for n, d in graph.nodes(data=True) if d["label"] == "Place"}
    nodes, edges = drawn_ids(page)
    assert nodes == set(graph.nodes) - places
    assert edges == {e for e in graph.edges(keys=True) if not places & {e[0], e[1]}}
    toggle.click()
    assert drawn_ids(page) == shown_at_first(graph)


def test_hostile_text_renders_as_text(page: Any) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    page.find_element(By.ID, "show-documents").click()  # the hostile document is drawn once documents are
    assert page.execute_script("return window.__pwned") is None
    assert page.execute_script("return document.querySelectorAll('img, iframe, object').length") == 0
    for query, name in (("evil", f"Evil {IMG}"), ("<script", f"Evil {IMG}")):  # a name, and an alias that is markup
        box = page.find_element(By.ID, "search-input")
        box.clear()
        box.send_keys(query)
        matches = page.find_element(By.ID, "search-matches")
        assert name in matches.text and (query != "<script" or SCRIPT in matches.text)
        assert page.execute_script("return document.querySelectorAll('#search-matches img, #search-matches script').length") == 0
    # Hover the hostile nodes: vis-network shows the tooltip the page built from text nodes.
    for node_id, expected in (("person:evil", f"Evil {IMG}"), (HOSTILE_DOC, f"Title {IMG} {SCRIPT}")):
        x, y, w, h = page.execute_script("""
            var n = window.graphbuild.network, p = n.canvasToDOM(n.getPosition(arguments[0])),
                r = document.getElementById('graph').getBoundingClientRect();
            n.focus(arguments[0], {scale: 1.5, animation: false});
            p = n.canvasToDOM(n.getPosition(arguments[0]));
            return [p.x, p.y, r.width, r.height];""", node_id)
        canvas = page.find_element(By.ID, "graph")
        ActionChains(page).move_to_element_with_offset(canvas, 5, 5).pause(0.1) \
            .move_to_element_with_offset(canvas, int(x - w / 2), int(y - h / 2)).pause(0.6).perform()
        tip = page.find_element(By.CSS_SELECTOR, "div.vis-tooltip")
        assert expected in tip.text
        ActionChains(page).click().perform()  # and the details panel shows the same, as text
        assert expected in page.find_element(By.ID, "details").text
        assert page.execute_script("return document.querySelectorAll('.vis-tooltip *, #details *').length") > 2
        assert page.execute_script(
            "return document.querySelectorAll('.vis-tooltip img, .vis-tooltip script, #details img, #details script').length") == 0
    screenshot(page, "hostile-tooltip.png")
    edge_tip = page.execute_script("""
        var g = window.graphbuild, e = g.data.edges.find(function (x) { return x.from === 'person:evil' && x.type === 'MEMBER_OF'; });
        var t = g.edges.get(e.id).title; return [t.textContent, t.querySelectorAll('img, script').length];""")
    assert f"He wrote {IMG} and {SCRIPT}." in edge_tip[0] and edge_tip[1] == 0
    assert page.execute_script("return window.__pwned") is None
    assert console_errors(page) == []


def test_seeds_page_opens_legible_with_no_label_over_another(driver: Any, seeds_graph: nx.MultiDiGraph,
                                                            seeds_page: Path) -> None:
    """The real sample corpus: clean console, places and documents hidden, statuses shown, and labels that
    neither overlap (measured on the labels as drawn) nor shrink below a readable size at the first view."""
    open_page(driver, seeds_page)
    assert all(u.startswith(("file://", "data:")) for u in requested_urls(driver))
    assert console_errors(driver) == []
    assert drawn_ids(driver) == shown_at_first(seeds_graph)
    labels = driver.execute_script(
        "return window.graphbuild.nodes.get({filter: function (n) { return n.type === 'Allegation'; }})"
        ".map(function (n) { return n.label; });")
    statuses = sorted(d["status"] for _, d in seeds_graph.nodes(data=True) if d["label"] == "Allegation")
    assert labels and sorted(label.rsplit("[", 1)[1].rstrip("]") for label in labels) == statuses
    scale, size, threshold = driver.execute_script(
        "var n = window.graphbuild.network; return [n.getScale(), n.body.nodes[n.body.nodeIndices[0]].options.font.size,"
        " n.body.nodes[n.body.nodeIndices[0]].options.scaling.label.drawThreshold];")
    assert scale * size >= 10 and scale * size > threshold  # drawn, and at 10 px or more on the screen
    screenshot(driver, "seeds-graph.png")
    boxes = label_boxes(driver)
    assert set(boxes) == shown_at_first(seeds_graph)[0] and all(w > 0 and h > 0 for _, _, w, h in boxes.values())
    overlapping = [(a, b) for (a, p), (b, q) in itertools.combinations(sorted(boxes.items()), 2)
                   if p[0] < q[0] + q[2] and q[0] < p[0] + p[2] and p[1] < q[1] + q[3] and q[1] < p[1] + p[3]]
    assert overlapping == []
    dated = any(d.get("dates") or d.get("first_reported") for _, d in seeds_graph.nodes(data=True) if d["label"] == "Allegation")
    assert driver.execute_script("return !document.getElementById('timeline').hidden") is dated


def test_allegations_panel_lists_every_allegation_and_cards_list_their_sources(
        driver: Any, seeds_graph: nx.MultiDiGraph, seeds_page: Path) -> None:
    open_page(driver, seeds_page)
    claims = {n for n, d in seeds_graph.nodes(data=True) if d["label"] == "Allegation"}
    rows = row_ids(driver)
    assert len(rows) == len(claims) and set(rows) == claims
    for claim in rows:
        click(driver, f'#allegations [data-allegation-id="{claim}"]')
        assert driver.execute_script("return window.graphbuild.network.getSelectedNodes()") == [claim]
        expected: dict[str, list[str]] = {}
        for source, _, kind in seeds_graph.in_edges(claim, keys=True):
            if kind in STANCE_TYPES:
                expected.setdefault(kind, []).append(source)
        listed = card_sources(driver)
        assert {k: sorted(v) for k, v in listed.items()} == {k: sorted(v) for k, v in expected.items()}, claim
        status = seeds_graph.nodes[claim]["status"]
        assert driver.execute_script("return document.querySelector('#details .card-status').textContent").startswith(f"\u2605 {status}")
        counts = driver.execute_script("""
            var out = {};
            document.querySelectorAll('#details [data-stance] [data-source-id]').forEach(function (li) {
                var items = li.querySelectorAll('.sentence');
                out[li.closest('[data-stance]').getAttribute('data-stance') + ' ' + li.getAttribute('data-source-id')] =
                    [items.length, Array.prototype.filter.call(items, function (i) { return !i.hidden; }).length]; });
            return out;""")
        for key, (total, visible) in counts.items():
            kind, source = key.split(" ")
            assert total == len(seeds_graph.edges[source, claim, kind]["evidence"]) and visible == min(total, 3)
    top = rows[0]  # the list opens sorted by number of sources
    assert len({s for s, _, k in seeds_graph.in_edges(top, keys=True) if k in STANCE_TYPES}) == max(
        len({s for s, _, k in seeds_graph.in_edges(c, keys=True) if k in STANCE_TYPES}) for c in claims)
    click(driver, f'#allegations [data-allegation-id="{top}"]')
    screenshot(driver, "seeds-card.png")
    assert console_errors(driver) == []


def test_allegation_filters_follow_the_graph(driver: Any, seeds_graph: nx.MultiDiGraph, seeds_page: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    open_page(driver, seeds_page)
    claims = {n: d for n, d in seeds_graph.nodes(data=True) if d["label"] == "Allegation"}
    sources = {c: {s for s, _, k in seeds_graph.in_edges(c, keys=True) if k in STANCE_TYPES} for c in claims}
    for status in sorted({d["status"] for d in claims.values()}):
        Select(driver.find_element(By.ID, "allegation-status")).select_by_value(status)
        assert set(row_ids(driver)) == {c for c, d in claims.items() if d["status"] == status}
    Select(driver.find_element(By.ID, "allegation-status")).select_by_value("")
    most = max(map(len, sources.values()))
    box = driver.find_element(By.ID, "allegation-min-sources")
    box.clear()
    box.send_keys(str(most))
    assert set(row_ids(driver)) == {c for c in claims if len(sources[c]) >= most}
    box.clear()
    box.send_keys("0")
    name = seeds_graph.nodes[min(sources[next(iter(sorted(claims)))])]["name"]  # a source of some allegation
    Select(driver.find_element(By.ID, "allegation-field")).select_by_value("source")
    driver.find_element(By.ID, "allegation-filter").send_keys(name.lower())
    assert set(row_ids(driver)) == {c for c in claims if any(name.lower() in seeds_graph.nodes[s]["name"].lower() for s in sources[c])}
    driver.find_element(By.ID, "allegation-filter").clear()
    Select(driver.find_element(By.ID, "allegation-sort")).select_by_value("sources")
    counts = [len(sources[c]) for c in row_ids(driver)]
    assert counts == sorted(counts, reverse=True) and len(counts) == len(claims)


def test_card_groups_sentences_names_outlets_and_lists_a_documents_claims(driver: Any, claims_page: Path) -> None:
    from selenium.webdriver.common.by import By

    graph = claims_graph()
    open_page(driver, claims_page)
    click(driver, '#allegations [data-allegation-id="allegation:a1"]')
    card = driver.find_element(By.CSS_SELECTOR, "#details .card")
    assert "contested: 1 source alleges, 1 source corroborates, 1 source disputes" in card.text
    assert "Involves: Spy Service (recruiting agency)" in card.text  # the INVOLVES edge and its role
    assert card_sources(driver) == {"ALLEGES": ["person:alice"], "CORROBORATES": ["person:bob"], "DISPUTES": ["person:dave"]}
    alice = card.find_element(By.CSS_SELECTOR, '[data-stance="ALLEGES"] [data-source-id="person:alice"]')
    assert [s.is_displayed() for s in alice.find_elements(By.CSS_SELECTOR, ".sentence")] == [True] * 3 + [False] * 2
    assert "\u2014 Planet story (1.txt) \u00b7 Daily Planet \u00b7 2019-03-01" in alice.text  # title, file, outlet, date
    more = alice.find_element(By.CSS_SELECTOR, "button.more")
    assert more.text == "and 2 more"
    more.click()
    assert all(s.is_displayed() for s in alice.find_elements(By.CSS_SELECTOR, ".sentence"))
    # "Other claims in this document": the allegations with a stance taken in that document.
    bob = card.find_element(By.CSS_SELECTOR, '[data-source-id="person:bob"]')
    bob.find_element(By.CSS_SELECTOR, "button.doc-claims").click()
    in_doc = {t for s, t, d in graph.edges(data=True) if d["type"] in STANCE_TYPES
              and any(e["document_id"] == "2" * 16 for e in d["evidence"])}
    assert set(row_ids(driver)) == in_doc == {"allegation:a1", "allegation:a3"}
    assert "Claims in \u201cStar story\u201d" in driver.find_element(By.ID, "allegation-document").text
    driver.find_element(By.ID, "allegation-document-clear").click()
    assert len(row_ids(driver)) == 4
    assert console_errors(driver) == []


def test_edge_tooltips_are_capped_and_details_hold_every_sentence(driver: Any, claims_page: Path) -> None:
    open_page(driver, claims_page)
    tip, details = driver.execute_script("""
        var g = window.graphbuild, e = g.data.edges.find(function (x) { return x.type === 'ALLEGES' && x.to === 'allegation:a1'; });
        var t = g.edges.get(e.id).title, d = g.edgeTip(e, Infinity);
        return [[t.querySelectorAll('q').length, t.textContent], d.querySelectorAll('q').length];""")
    assert tip[0] == 3 and "ALLEGES \u00b7 5 sentences" in tip[1] and "\u2026 and 2 more sentences" in tip[1]
    assert details == 5


def test_focus_shows_exactly_the_neighbourhood(driver: Any, seeds_graph: nx.MultiDiGraph, seeds_page: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    open_page(driver, seeds_page)
    start_nodes, start_edges = shown_at_first(seeds_graph)
    claims = [n for n in sorted(start_nodes) if seeds_graph.nodes[n]["label"] == "Allegation"]
    claim = max(claims, key=lambda c: len(neighbourhood(seeds_graph, c, 1)))
    x, y, w, h = driver.execute_script("""
        var n = window.graphbuild.network, r = document.getElementById('graph').getBoundingClientRect();
        n.focus(arguments[0], {scale: 1.2, animation: false});
        var p = n.canvasToDOM(n.getPosition(arguments[0])); return [p.x, p.y, r.width, r.height];""", claim)
    ActionChains(driver).move_to_element_with_offset(driver.find_element(By.ID, "graph"), int(x - w / 2), int(y - h / 2)) \
        .double_click().perform()
    for depth in (1, 2):
        if depth == 2:
            driver.find_element(By.ID, "focus-2").click()
        near = neighbourhood(seeds_graph, claim, depth)
        nodes, edges = drawn_ids(driver)
        assert nodes == near, depth
        assert edges == {e for e in start_edges if {e[0], e[1]} <= near}
        assert f"within {depth} step" in driver.find_element(By.ID, "focus-status").text
    screenshot(driver, "seeds-focus.png")
    driver.find_element(By.ID, "focus-reset").click()
    assert drawn_ids(driver) == (start_nodes, start_edges)
    assert console_errors(driver) == []


def test_date_filter_hides_allegations_and_stance_edges_outside_the_range(driver: Any, claims_page: Path) -> None:
    from selenium.webdriver.common.by import By

    graph = claims_graph()
    open_page(driver, claims_page)
    assert driver.execute_script("return window.graphbuild.timeline.bins") == ["2019", "2020", "2021"]
    bars = driver.execute_script("return Array.prototype.map.call(document.querySelectorAll('#histogram .bar'), function (b) { return b.title; })")
    assert bars == ["2019: 1 allegation", "2020: 1 allegation", "2021: 1 allegation"]  # a1, a2, a3 by their first date

    def set_range(low: int, high: int) -> None:
        driver.execute_script("""
            var values = [arguments[0], arguments[1]];
            ['date-from', 'date-to'].forEach(function (id, k) {
                var box = document.getElementById(id);
                box.value = String(values[k]);
                box.dispatchEvent(new Event('input')); });""", low, high)

    def drawn_claims() -> tuple[set[str], set[tuple[str, str, str]]]:
        nodes, edges = drawn_ids(driver)
        return {n for n in nodes if n.startswith("allegation:")}, {e for e in edges if e[2] in STANCE_TYPES}

    stances = {e for e in graph.edges(keys=True) if e[2] in STANCE_TYPES}
    set_range(2, 2)  # 2021 only: a1 (stances in 2021), a3 (2021), a4 (undated, kept while undated are shown)
    claims, edges = drawn_claims()
    assert claims == {"allegation:a1", "allegation:a3", "allegation:a4"}
    assert edges == stances - {("person:alice", "allegation:a1", "ALLEGES"), ("person:carol", "allegation:a2", "ALLEGES")}
    assert set(row_ids(driver)) == claims
    driver.find_element(By.ID, "date-undated").click()
    assert drawn_claims()[0] == {"allegation:a1", "allegation:a3"}
    set_range(0, 0)  # 2019 only: a1, with only the stance dated then
    claims, edges = drawn_claims()
    assert claims == {"allegation:a1"} and edges == {("person:alice", "allegation:a1", "ALLEGES")}
    assert driver.find_element(By.ID, "date-label").text == "2019 \u2013 2019"
    set_range(0, 2)
    driver.find_element(By.ID, "date-undated").click()
    assert drawn_claims() == ({n for n in graph if n.startswith("allegation:")}, stances)
    assert console_errors(driver) == []


def test_big_graph_opens_on_a_first_view_and_search_and_focus_reach_the_rest(driver: Any, tmp_path: Path) -> None:
    """A 20,000-node graph: drawn at once on its first view; a node outside it is found as one types and its
    neighbourhood drawn on request. (How fast: bench/page.py measures it.)"""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    from graphbuild.exporters.html import START_NODES, start_view

    graph = synthetic_graph(20_000)
    path = write_html(graph, tmp_path / "big.html")
    open_page(driver, path, timeout=120)  # a bound for a slow machine, not a measured time
    assert all(u.startswith(("file://", "data:")) for u in requested_urls(driver))
    assert console_errors(driver) == []
    first = set(start_view(graph, START_NODES))
    nodes, edges = drawn_ids(driver)
    assert nodes == first and edges == {e for e in shown_at_first(graph)[1] if {e[0], e[1]} <= first}
    claims = sum(1 for _, d in graph.nodes(data=True) if d["label"] == "Allegation")
    assert driver.find_element(By.ID, "allegation-count").text == f"({claims:,})"
    target = next(n for n in sorted(graph) if graph.nodes[n]["label"] == "Person" and n not in first)
    box = driver.find_element(By.ID, "search-input")
    box.send_keys(graph.nodes[target]["name"])
    WebDriverWait(driver, 30).until(lambda d: d.execute_script(
        "var li = document.querySelector('#search-matches li'); return li && li.getAttribute('data-node-id');") == target)
    box.send_keys(Keys.ENTER)
    near = neighbourhood(graph, target, 1)
    assert drawn_ids(driver)[0] == near and driver.execute_script("return window.graphbuild.selected") == target
    screenshot(driver, "big-graph-focus.png")
    driver.find_element(By.ID, "focus-reset").click()
    assert drawn_ids(driver)[0] == first
    assert console_errors(driver) == []


@pytest.mark.parametrize("ci, outcome", [("true", pytest.fail.Exception), ("", pytest.skip.Exception)])
def test_missing_browser_skips_only_outside_ci(ci: str, outcome: type, monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    import browser

    monkeypatch.setattr(browser, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="apt-get install chromium"):
        browser.require_chromium()


def test_empty_graph_page(driver: Any, tmp_path: Path) -> None:
    from graphbuild.graph import new_graph
    from selenium.webdriver.common.by import By

    open_page(driver, write_html(new_graph(), tmp_path / "empty.html"))
    assert console_errors(driver) == [] and drawn_counts(driver) == (0, 0)
    assert driver.find_element(By.ID, "counts").text == "Showing 0 of 0 nodes and 0 of 0 edges."
    assert row_ids(driver) == [] and driver.execute_script("return document.getElementById('timeline').hidden") is True


def test_inline_frame_for_notebooks_runs_sandboxed(driver: Any, tmp_path: Path) -> None:
    """The notebook's frame: the page works inside a sandboxed srcdoc iframe, still offline and clean."""
    from graphbuild.exporters.html import inline_frame

    host = tmp_path / "host.html"
    host.write_text(f"<!DOCTYPE html><html><body>{inline_frame(small_graph())}</body></html>", encoding="utf-8")
    driver.get("about:blank")
    requested_urls(driver), console_errors(driver)
    driver.get(host.as_uri())
    driver.switch_to.frame(driver.find_element("css selector", "iframe"))
    try:
        from selenium.webdriver.support.ui import WebDriverWait

        WebDriverWait(driver, 60, poll_frequency=0.2).until(
            lambda d: d.execute_script("return !!(window.graphbuild && window.graphbuild.ready)"))
        assert drawn_ids(driver) == shown_at_first(small_graph())
        assert driver.execute_script("return window.__pwned") is None
    finally:
        driver.switch_to.default_content()
    assert all(u.startswith(("file://", "data:", "about:")) for u in requested_urls(driver))
    assert console_errors(driver) == []
