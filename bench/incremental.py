"""Benchmark the extraction cache: a corpus built once, then a few documents added and built again.

    python bench/incremental.py                      # 2,000 documents, then 10 more
    python bench/incremental.py --docs 200 --added 5 # a few minutes

It writes N + A documents (``corpus.py``) and keeps A of them aside, then times, each as a fresh
``graphbuild build`` process (start-up, model load and export included):

- ``first``: the N documents, with the cache (its default place, ``OUT/.cache``), which starts empty;
- ``rebuild``: the A documents added, into the same output folder, so the N come from the cache.
  Run ``--repeat`` times: before each repeat the A entries it wrote are removed again, so every
  repeat parses the same A documents;
- ``fresh``: the N + A documents with ``--no-cache`` into another folder, a build from scratch.

It checks that the rebuild's ``graph.json`` is byte-identical to the fresh build's and reports the
rebuild's time as a share of the first build's. Results go to ``bench/results/`` as JSON and Markdown.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import make_corpus  # noqa: E402
from run import git_commit  # noqa: E402

GRAPHBUILD = Path(sys.executable).with_name("graphbuild")


def timed_build(*args: str) -> dict[str, Any]:
    """Run ``graphbuild build ARGS`` in a new process; its wall time and the summary it printed."""
    start = time.monotonic()
    proc = subprocess.run([str(GRAPHBUILD), "build", *args, "--no-html"], capture_output=True, text=True)
    seconds = time.monotonic() - start
    if proc.returncode != 0:
        raise SystemExit(f"graphbuild build {' '.join(args)} failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    summary = proc.stdout.splitlines()[0] if proc.stdout else ""
    return {"seconds": round(seconds, 2), "summary": summary}


def entries(cache: Path) -> set[Path]:
    return set(cache.glob("*/*.extraction"))


def measure(work: Path, n: int, added: int, repeat: int) -> dict[str, Any]:
    corpus, words = make_corpus(work / "corpus", n + added)
    aside = work / "aside"
    aside.mkdir()
    new = sorted(corpus.glob("*.txt"))[n:]
    for path in new:
        path.rename(aside / path.name)
    out, fresh_out = work / "out", work / "fresh"
    print(f"first build of {n} documents ...", file=sys.stderr, flush=True)
    first = timed_build(str(corpus), "--out", str(out))
    cached = entries(out / ".cache")
    for path in new:
        (aside / path.name).rename(corpus / path.name)
    rebuilds = []
    for i in range(repeat):
        for entry in entries(out / ".cache") - cached:
            entry.unlink()  # the added documents' entries: each repeat parses them again
        print(f"rebuild {i + 1}/{repeat} with {added} documents added ...", file=sys.stderr, flush=True)
        rebuilds.append(timed_build(str(corpus), "--out", str(out)))
    print(f"fresh build of {n + added} documents, no cache ...", file=sys.stderr, flush=True)
    fresh = timed_build(str(corpus), "--out", str(fresh_out), "--no-cache")
    rebuild_seconds = statistics.median(r["seconds"] for r in rebuilds)
    return {
        "documents": n, "added": added, "words": words, "first": first, "rebuilds": rebuilds, "fresh": fresh,
        "rebuild_seconds_median": rebuild_seconds,
        "rebuild_share_of_first": round(rebuild_seconds / first["seconds"], 4),
        "identical_to_fresh": (out / "graph.json").read_bytes() == (fresh_out / "graph.json").read_bytes(),
        "cache_mb": round(sum(p.stat().st_size for p in entries(out / ".cache")) / 1e6, 1),
    }


def table(result: dict[str, Any]) -> str:
    n, a = result["documents"], result["added"]
    rows = [
        ("words (all documents)", f"{result['words']:,}"),
        (f"first build, {n:,} documents, cache empty, s", result["first"]["seconds"]),
        (f"rebuild with {a} added, s (median of {len(result['rebuilds'])})", result["rebuild_seconds_median"]),
        ("rebuild / first build (target <= 0.10)", f"{result['rebuild_share_of_first']:.3f}"),
        (f"fresh build, {n + a:,} documents, --no-cache, s", result["fresh"]["seconds"]),
        ("rebuild's graph.json byte-identical to the fresh build's", "yes" if result["identical_to_fresh"] else "NO"),
        ("cache size, MB", result["cache_mb"]),
        ("rebuild summary", result["rebuilds"][-1]["summary"]),
    ]
    return "| | |\n|---|---:|\n" + "".join(f"| {k} | {v} |\n" for k, v in rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000, help="documents of the first build (default: 2000)")
    parser.add_argument("--added", type=int, default=10, help="documents added before the rebuild (default: 10)")
    parser.add_argument("--repeat", type=int, default=3, help="rebuilds timed (default: 3)")
    parser.add_argument("--results", type=Path, default=HERE / "results", help="where to write results")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="graphbuild-bench-cache-"))
    try:
        result = measure(work, args.docs, args.added, args.repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result.update(command=" ".join(["python", "bench/incremental.py", *(argv if argv is not None else sys.argv[1:])]),
                  commit=git_commit(), machine={"cpus": os.cpu_count(), "python": platform.python_version()})
    args.results.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (args.results / f"incremental-{stamp}.json").write_text(json.dumps(result, indent=2) + "\n")
    report = table(result)
    (args.results / f"incremental-{stamp}.md").write_text(f"`{result['command']}`\n\n{report}")
    print(report)
    if not result["identical_to_fresh"]:
        raise SystemExit("the rebuild's graph.json differs from the fresh build's")


if __name__ == "__main__":
    main()
