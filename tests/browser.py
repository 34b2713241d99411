"""Headless Chromium for the page tests: Debian's browser driven through selenium and chromedriver.

The browser runs with every web request refused (a proxy that does not exist, host names that never
resolve, and DevTools blocking http/https/ws), and records what the page asked for and what it logged, so
a test can assert that nothing left ``file://`` and that the console stayed clean.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
OUTPUT = Path(__file__).parent / "output"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage",
         "--window-size=1400,900",
         # No way out even if a page tried: an unreachable proxy and no name resolution.
         "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
         "--host-resolver-rules=MAP * ~NOTFOUND")
BLOCKED = ["http://*", "https://*", "ws://*", "wss://*", "ftp://*"]


def require_chromium() -> None:
    """Skip only when the browser is absent on a developer machine; under CI, or with the driver missing, fail."""
    in_ci = os.environ.get("CI", "").lower() not in ("", "0", "false", "no")
    install = "apt-get install chromium chromium-driver"
    if not CHROMIUM.exists():
        message = f"headless browser tests need {CHROMIUM} ({install})"
        if in_ci:
            pytest.fail(message)
        pytest.skip(message)
    if not CHROMEDRIVER.exists():
        pytest.fail(f"{CHROMIUM} is installed but {CHROMEDRIVER} is not ({install})")


@contextmanager
def chromium() -> Iterator[Any]:
    """A selenium driver for headless Chromium with a fresh profile, network blocked and logs recorded."""
    require_chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="graphbuild-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        opts.add_argument(flag)
    opts.add_argument(f"--user-data-dir={profile}")
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": BLOCKED})
        driver.set_script_timeout(120)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def requested_urls(driver: Any) -> list[str]:
    """Every URL the browser asked for since the last call (from the DevTools performance log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def console_errors(driver: Any) -> list[str]:
    """Console messages of level SEVERE (errors and uncaught exceptions) since the last call."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def open_page(driver: Any, path: Path, *, timeout: float = 60) -> None:
    """Load a page from disk and wait until the graph reports it is drawn and still."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get("about:blank")
    requested_urls(driver), console_errors(driver)  # drain what the browser did before this page
    driver.get(path.resolve().as_uri())
    WebDriverWait(driver, timeout, poll_frequency=0.2).until(
        lambda d: d.execute_script("return !!(window.graphbuild && window.graphbuild.ready)"))


def drawn_counts(driver: Any) -> tuple[int, int]:
    """Nodes and edges vis-network currently draws (its visible indices, after hiding and filtering)."""
    return tuple(driver.execute_script(
        "var b = window.graphbuild.network.body; return [b.nodeIndices.length, b.edgeIndices.length];"))


def drawn_ids(driver: Any) -> tuple[set[str], set[tuple[str, str, str]]]:
    """Ids of the nodes vis-network draws, and (from, to, type) of the edges it draws."""
    nodes, edges = driver.execute_script("""
        var g = window.graphbuild, b = g.network.body;
        return [b.nodeIndices.slice(), b.edgeIndices.map(function (id) {
            var e = g.edgeById[id]; return [e.from, e.to, e.type]; })];""")
    return set(nodes), {tuple(e) for e in edges}


def label_boxes(driver: Any) -> dict[str, list[float]]:
    """Each drawn node's label box (left, top, width, height, in canvas pixels) as vis-network drew it.

    The view is fitted to the whole graph and redrawn at once, so every node is drawn (vis-network measures
    the labels of the nodes it draws), then put back as it was.
    """
    return driver.execute_script("""
        var n = window.graphbuild.network, view = [n.getViewPosition(), n.getScale()], out = {};
        n.fit({animation: false});
        n.redraw();
        n.body.nodeIndices.forEach(function (id) {
            var s = n.body.nodes[id].labelModule.size;
            out[id] = [s.left, s.top, s.width, s.height];
        });
        n.moveTo({position: view[0], scale: view[1], animation: false});
        return out;""")


def screenshot(driver: Any, name: str) -> Path:
    """Save a PNG of the window under tests/output and return its path."""
    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / name
    driver.save_screenshot(str(path))
    return path
