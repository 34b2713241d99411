"""The HTML page in a real headless Chromium with no network: drawn, searchable, filterable, safe, and big."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import chromium, console_errors, drawn_counts, open_page, requested_urls, screenshot
from graphbuild.exporters.html import write_html
from sample_graphs import HOSTILE_DOC, IMG, SCRIPT, small_graph, synthetic_graph

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    with chromium() as d:
        yield d


@pytest.fixture(scope="module")
def small_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_html(small_graph(), tmp_path_factory.mktemp("html") / "graph.html")


@pytest.fixture()
def page(driver: Any, small_page: Path) -> Any:
    """The small graph's page, freshly loaded, with the requests and console messages of the load."""
    open_page(driver, small_page)
    driver.loaded = (requested_urls(driver), console_errors(driver))
    return driver


def visible_ids(driver: Any) -> tuple[list[str], list[tuple[str, str, str]]]:
    """Ids of the nodes vis-network draws, and (from, to, type) of the edges it draws."""
    return driver.execute_script("""
        var g = window.graphbuild, b = g.network.body;
        return [b.nodeIndices.slice(), b.edgeIndices.map(function (id) {
            var e = g.data.edges.find(function (x) { return x.id === id; });
            return [e.from, e.to, e.type]; })];""")


def test_page_draws_every_node_and_edge_offline(page: Any) -> None:
    urls, errors = page.loaded
    assert urls and all(u.startswith(("file://", "data:")) for u in urls), urls
    assert errors == []
    graph = small_graph()
    assert drawn_counts(page) == (graph.number_of_nodes(), graph.number_of_edges())
    # No hidden physics bodies (dynamic edge smoothing would add one per edge), and parallel edges curve apart.
    bodies = page.execute_script("return Object.keys(window.graphbuild.network.body.nodes).length")
    assert bodies == graph.number_of_nodes()
    curves = page.execute_script("""
        var b = window.graphbuild.network.body;
        return Object.keys(b.edges).map(function (id) { return b.edges[id].options.smooth; })
            .filter(function (s) { return s.enabled; }).map(function (s) { return s.type; });""")
    assert len(curves) == graph.number_of_edges() and set(curves) == {"curvedCW", "curvedCCW"}
    # Physics settled and was switched off: the page is still.
    assert page.execute_script("return window.graphbuild.network.physics.options.enabled") is False
    assert screenshot(page, "small-graph.png").stat().st_size > 10_000


def test_search_by_alias_focuses_the_node(page: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    box = page.find_element(By.ID, "search-input")
    box.send_keys("shivets", Keys.ENTER)  # an alias, in the wrong case
    assert page.execute_script("return window.graphbuild.network.getSelectedNodes()") == ["person:yuri-shvets"]
    centre, node = page.execute_script("""
        var n = window.graphbuild.network;
        return [n.getViewPosition(), n.getPosition('person:yuri-shvets')];""")
    assert abs(centre["x"] - node["x"]) < 1 and abs(centre["y"] - node["y"]) < 1
    assert page.find_element(By.ID, "search-status").text == "Person: Yuri Shvets"
    assert "Aliases: Shivets, Y. Shvets" in page.find_element(By.ID, "details").text
    box.clear()
    box.send_keys("no such name", Keys.ENTER)
    assert "No node matches" in page.find_element(By.ID, "search-status").text
    assert screenshot(page, "search.png").exists()


def test_type_filter_hides_nodes_and_their_edges(page: Any) -> None:
    from selenium.webdriver.common.by import By

    graph = small_graph()
    page.find_element(By.CSS_SELECTOR, 'input[data-node-type="Person"]').click()
    nodes, edges = visible_ids(page)
    assert sorted(nodes) == sorted(n for n, d in graph.nodes(data=True) if d["label"] != "Person")
    people = {n for n, d in graph.nodes(data=True) if d["label"] == "Person"}
    assert sorted(map(tuple, edges)) == sorted(e for e in graph.edges(keys=True) if not people & {e[0], e[1]})
    page.find_element(By.CSS_SELECTOR, 'input[data-edge-type="ABOUT"]').click()
    assert not [e for e in visible_ids(page)[1] if e[2] == "ABOUT"]
    page.find_element(By.CSS_SELECTOR, 'input[data-node-type="Person"]').click()
    page.find_element(By.CSS_SELECTOR, 'input[data-edge-type="ABOUT"]').click()
    assert drawn_counts(page) == (graph.number_of_nodes(), graph.number_of_edges())
    assert console_errors(page) == []


def test_documents_toggle_hides_documents_and_mentions(page: Any) -> None:
    from selenium.webdriver.common.by import By

    graph = small_graph()
    toggle = page.find_element(By.ID, "show-documents")
    assert toggle.is_selected()  # a small graph starts with documents shown
    toggle.click()
    nodes, edges = visible_ids(page)
    assert not [n for n in nodes if n.startswith("document:")] and not [e for e in edges if e[2] == "MENTIONED_IN"]
    mentions = sum(1 for *_, k in graph.edges(keys=True) if k == "MENTIONED_IN")
    assert drawn_counts(page) == (graph.number_of_nodes() - 2, graph.number_of_edges() - mentions)


def test_hostile_text_renders_as_text(page: Any) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    assert page.execute_script("return window.__pwned") is None
    assert page.execute_script("return document.querySelectorAll('img, iframe, object').length") == 0
    names = page.execute_script(
        "return Array.prototype.map.call(document.querySelectorAll('#search-names option'), function (o) { return o.value; })")
    assert f"Evil {IMG}" in names and SCRIPT in names
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


def test_big_graph_renders_from_precomputed_layout(driver: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    graph = synthetic_graph(5000)
    path = write_html(graph, tmp_path / "big.html")
    open_page(driver, path, timeout=180)  # a bound for a slow machine, not a measured time
    assert all(u.startswith(("file://", "data:")) for u in requested_urls(driver))
    assert console_errors(driver) == []
    assert driver.execute_script("return window.graphbuild.network.physics.options.enabled") is False
    # Documents and MENTIONED_IN start hidden in a big graph; the rest is drawn.
    docs = {n for n, d in graph.nodes(data=True) if d["label"] == "Document"}
    shown_edges = [e for e in graph.edges(keys=True) if e[2] != "MENTIONED_IN" and not docs & {e[0], e[1]}]
    assert drawn_counts(driver) == (graph.number_of_nodes() - len(docs), len(shown_edges))
    screenshot(driver, "big-graph.png")
    driver.find_element(By.ID, "show-documents").click()
    assert drawn_counts(driver) == (graph.number_of_nodes(), graph.number_of_edges())
    assert console_errors(driver) == []


def test_seeds_graph_page(driver: Any, seeds_graph, tmp_path: Path) -> None:
    """The page of the real sample corpus: clean console, everything drawn, every allegation's status shown."""
    path = write_html(seeds_graph, tmp_path / "graph.html")
    open_page(driver, path)
    assert all(u.startswith(("file://", "data:")) for u in requested_urls(driver))
    assert console_errors(driver) == []
    assert drawn_counts(driver) == (seeds_graph.number_of_nodes(), seeds_graph.number_of_edges())
    labels = driver.execute_script(
        "return window.graphbuild.nodes.get({filter: function (n) { return n.id.indexOf('allegation:') === 0; }})"
        ".map(function (n) { return n.label; });")
    statuses = sorted(d["status"] for _, d in seeds_graph.nodes(data=True) if d["label"] == "Allegation")
    assert labels and sorted(label.rsplit("[", 1)[1].rstrip("]") for label in labels) == statuses
    screenshot(driver, "seeds-graph.png")


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
        graph = small_graph()
        assert drawn_counts(driver) == (graph.number_of_nodes(), graph.number_of_edges())
        assert driver.execute_script("return window.__pwned") is None
    finally:
        driver.switch_to.default_content()
    assert all(u.startswith(("file://", "data:", "about:")) for u in requested_urls(driver))
    assert console_errors(driver) == []
