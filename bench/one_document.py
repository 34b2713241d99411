"""Benchmark one long document against the same text split into many documents.

    python bench/one_document.py                      # a 5 MB document vs the same text in 1,000 documents
    python bench/one_document.py --mb 0.5 --parts 100 # a quicker look at the same scaling

Both corpora hold exactly the same text: the seed articles replicated with small changes (see
``corpus.py``) and joined by blank lines, once as one file and once cut at paragraph breaks into
``--parts`` files of about equal size. Each build is the ``graphbuild build`` command with the timers
of ``run.py`` (read, model load, NLP, extraction, resolution, graph, export), run in a fresh process so
its peak memory (``ru_maxrss``) is its own; the peak is also recorded as each stage ends, which shows
the stage that sets it, and processor time beside wall time (a busy machine disturbs it less). A build that scales linearly with its document's length takes about as long
for one document as for the parts, with about the same peak.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import seed_texts, variant  # noqa: E402
from run import STAGES, child, fmt, git_commit  # noqa: E402


def long_text(megabytes: float) -> str:
    """Seed variants joined by blank lines until the text holds ``megabytes`` MB of UTF-8."""
    seeds = seed_texts()
    target = int(megabytes * 1_000_000)
    parts: list[str] = []
    size, i = 0, 0
    while size < target:
        parts.append(variant(seeds[i % len(seeds)], i))
        size += len(parts[-1].encode("utf-8")) + 2
        i += 1
    return "\n\n".join(parts) + "\n"


def split_text(text: str, parts: int) -> list[str]:
    """``text`` cut at paragraph breaks into ``parts`` pieces of about equal length; their concatenation is ``text``."""
    cuts = [0]
    for k in range(1, parts):
        at = text.find("\n\n", max(k * len(text) // parts, cuts[-1] + 1))
        if at < 0:
            break
        cuts.append(at + 2)
    cuts.append(len(text))
    return [text[a:b] for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]


def write_corpora(work: Path, megabytes: float, parts: int) -> tuple[Path, Path, int]:
    """The one-document corpus, the split corpus and the number of words both hold."""
    text = long_text(megabytes)
    one, many = work / "one", work / "many"
    one.mkdir()
    many.mkdir()
    (one / "long.txt").write_text(text, encoding="utf-8")
    pieces = split_text(text, parts)
    assert "".join(pieces) == text
    for n, piece in enumerate(pieces):
        (many / f"part{n:05}.txt").write_text(piece, encoding="utf-8")
    return one, many, len(text.split())


def report(runs: dict[str, dict[str, Any]], megabytes: float, parts: int, commit: str) -> str:
    """A Markdown table: seconds and peak memory per stage, for each corpus, and their ratio."""
    one, many = runs["one"], runs["many"]
    head = (f"| | one document ({megabytes:g} MB) | {many['documents']:,} documents | ratio |\n"
            "|---|---:|---:|---:|\n")
    rows = [("words", one["words"], many["words"])]
    for stage in STAGES:
        rows.append((f"{stage}, s", one["stages"][stage], many["stages"][stage]))
        rows.append((f"{stage}, processor s", one["cpu_stages"][stage], many["cpu_stages"][stage]))
    rows.append(("build, s", one["seconds"], many["seconds"]))
    stage_keys = [("read", "read"), ("model load", "model load"), ("nlp", "nlp"), ("extraction", "extraction"),
                  ("resolution", "resolution"), ("graph", "assemble"), ("export", "export html")]
    for name, key in stage_keys:
        rows.append((f"peak MB after {name}", one["peak_mb_after"].get(key), many["peak_mb_after"].get(key)))
    rows.append(("peak memory, MB", one["peak_mb"], many["peak_mb"]))
    rows.append(("graph nodes / relationships", f"{one['nodes']:,} / {one['relationships']:,}",
                 f"{many['nodes']:,} / {many['relationships']:,}"))
    body = ""
    for name, a, b in rows:
        ratio = f"{a / b:.2f}x" if isinstance(a, (int, float)) and isinstance(b, (int, float)) and b >= 0.05 else ""
        body += f"| {name} | {fmt(a, digits=2)} | {fmt(b, digits=2)} | {ratio} |\n"
    return head + body + f"\nTarget: one document within 1.5x of the {parts:,} documents in time and peak memory. " \
                         f"graphbuild at commit {commit}.\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the one document in MB (default: 5)")
    parser.add_argument("--parts", type=int, default=1000, help="documents the same text is split into (default: 1000)")
    parser.add_argument("--model", default=None, help="spaCy model (default: graphbuild's choice)")
    parser.add_argument("--results", type=Path, default=HERE / "results", help="where to write results")
    args = parser.parse_args(argv)
    args.results.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    work = Path(tempfile.mkdtemp(prefix="graphbuild-bench-one-"))
    results: dict[str, Any] = {"command": " ".join(["python", "bench/one_document.py", *(argv or sys.argv[1:])]),
                               "commit": git_commit(), "runs": {}}
    try:
        one, many, words = write_corpora(work, args.mb, args.parts)
        for name, corpus in (("one", one), ("many", many)):
            out = work / f"out-{name}"
            build = child("_build", str(corpus), str(out), "1", args.model or "", str(words))
            build["documents"] = len(list(corpus.iterdir()))
            results["runs"][name] = build
            print(f"{name}: {build['seconds']} s, peak {build['peak_mb']} MB, stages {build['stages']}",
                  file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    table = report(results["runs"], args.mb, args.parts, results["commit"])
    (args.results / f"one-document-{stamp}.json").write_text(json.dumps(results, indent=2) + "\n")
    (args.results / f"one-document-{stamp}.md").write_text(f"`{results['command']}`\n\n{table}")
    print(table)


if __name__ == "__main__":
    main()
