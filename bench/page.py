"""How fast the HTML page becomes usable in headless Chromium, for big synthetic graphs.

    python bench/page.py                         # 20,000 nodes, 5 loads
    python bench/page.py --nodes 5000,20000 --runs 3

For each size it writes the page of ``tests/sample_graphs.synthetic_graph(N)`` (timed), then loads it
``--runs`` times in one headless Chromium (Debian's, through selenium, network blocked: ``tests/browser.py``)
and reads the page's own clock (milliseconds since navigation began):

- ``ready``: the first view is drawn and the page answers input;
- ``search``: a search (a person's name) typed at that moment has listed its matches;
- ``focus``: the first match's neighbourhood is drawn (the next frame after going to it).

Results go to ``bench/results/page-<time>.json`` and ``.md``; the table is also printed. The median of the
runs is reported, with the slowest run beside it.
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from browser import chromium, console_errors, open_page  # noqa: E402
from sample_graphs import synthetic_graph  # noqa: E402

from graphbuild.exporters.html import write_html  # noqa: E402

# Types a name into the search box as soon as the page is ready, then goes to the first match; resolves with
# the page's clock at each step.
PROBE = """
var done = arguments[arguments.length - 1], g = window.graphbuild, box = document.getElementById('search-input');
box.value = arguments[0];
box.dispatchEvent(new Event('input'));
var matched = document.querySelectorAll('#search-matches li').length, search = performance.now();
g.network.once('afterDrawing', function () { done([g.readyAt, search, performance.now(), matched]); });
g.goTo(document.querySelector('#search-matches li').getAttribute('data-node-id'));
"""


def measure(nodes: int, runs: int, workdir: Path) -> dict[str, Any]:
    graph = synthetic_graph(nodes)
    query = graph.nodes[max(n for n in graph if n.startswith("person:"))]["name"]
    start = time.perf_counter()
    page = write_html(graph, workdir / f"page-{nodes}.html")
    written = time.perf_counter() - start
    loads = []
    with chromium() as driver:
        for _ in range(runs):
            open_page(driver, page, timeout=300)
            ready, search, focus, matched = driver.execute_async_script(PROBE, query)
            if not matched or console_errors(driver):
                raise SystemExit(f"the {nodes:,}-node page did not answer the search cleanly")
            loads.append({"ready_ms": ready, "search_ms": search, "focus_ms": focus})
    return {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(), "page_mb": round(page.stat().st_size / 1e6, 1),
            "write_s": round(written, 2), "loads": loads,
            **{f"{k}_median": round(statistics.median(r[k] for r in loads)) for k in ("ready_ms", "search_ms", "focus_ms")},
            **{f"{k}_max": round(max(r[k] for r in loads)) for k in ("ready_ms", "search_ms", "focus_ms")}}


def table(results: list[dict[str, Any]]) -> str:
    rows = ["| nodes / edges | page, MB | write, s | ready, ms | search answered, ms | focus drawn, ms |",
            "|---|---:|---:|---:|---:|---:|"]
    for r in results:
        rows.append(f"| {r['nodes']:,} / {r['edges']:,} | {r['page_mb']} | {r['write_s']} | "
                    + " | ".join(f"{r[k + '_median']:,} (max {r[k + '_max']:,})" for k in ("ready_ms", "search_ms", "focus_ms"))
                    + " |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", default="20000", help="comma-separated graph sizes (default 20000)")
    parser.add_argument("--runs", type=int, default=5, help="page loads per size (default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="graphbuild-page-bench-") as tmp:
        results = [measure(int(n), args.runs, Path(tmp)) for n in args.nodes.split(",")]
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE).stdout.strip()
    report = {"commit": commit, "machine": platform.platform(), "python": platform.python_version(), "results": results}
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (out / f"page-{stamp}.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    text = table(results)
    (out / f"page-{stamp}.md").write_text(f"Page benchmark at {commit}\n\n{text}\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
