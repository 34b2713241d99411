"""Benchmark a build on a Dask cluster against ``--workers`` on one machine, and what each side costs.

    python bench/cluster.py                      # N = 2,000 documents, 2 workers each way
    python bench/cluster.py --docs 200 --repeat 1

Writes N documents (``corpus.py``), starts a real ``dask scheduler`` and W ``dask worker`` processes
(one thread each) on 127.0.0.1, and runs, each in a fresh process, ``graphbuild build --workers W`` and
``graphbuild build --executor dask --scheduler ADDRESS`` (``--repeat`` times, alternating, so a change
in the machine's load hits both). Besides words per second over the whole command it reports, for the
cluster build, the client's own time (identifying the files, resolution, graph, export), each worker's
rate over the time it spent in tasks (model load apart) and the bytes of extractions sent back, from
which the README derives the expected time on N machines. Results go to ``bench/results/``.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))  # the real cluster the tests start (dask_cluster.py)

import run as bench  # noqa: E402
from corpus import make_corpus  # noqa: E402


def measure_dask(corpus: str, out: str, scheduler: str, model: str | None, words: int) -> dict[str, Any]:
    """The ``build`` command on the cluster (timed as ``run.py`` times a build), plus what each worker did."""
    import graphbuild.cluster as cluster
    from graphbuild.ingest import read_documents

    seen: dict[str, Any] = {}
    real_extract = cluster.DaskExecutor.extract

    def extract(self, docs, **options):
        seen["executor"] = self
        start = time.perf_counter()
        extractions, info = real_extract(self, docs, **options)
        seen["seconds"] = time.perf_counter() - start
        seen["bytes"] = sum(len(packed) for packed in extractions._packed.values())  # what came back
        return extractions, info

    cluster.DaskExecutor.extract = extract
    result = bench.measure_build(corpus, out, None, model, words, ("--executor", "dask", "--scheduler", scheduler))
    run = seen["executor"].run
    words_of = {d.id: len(d.text.split()) for d in read_documents([corpus])}
    per_worker: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for p in run.partitions:
        w = per_worker[p.worker]
        w["partitions"] += 1
        w["documents"] += len(p.document_ids)
        w["words"] += sum(words_of[d] for d in p.document_ids)
        w["task_seconds"] += p.seconds
        w["model_load_seconds"] += p.load_seconds
    workers = {address: {**w, "words_per_second": round(w["words"] / w["task_seconds"])}
               for address, w in sorted(per_worker.items())}
    stages = result["stages"]
    result.update(cluster={
        "where": run.describe(), "workers": workers, "partitions": len(run.partitions),
        "cluster_seconds": round(seen["seconds"], 2), "returned_bytes": seen["bytes"],
        "returned_bytes_per_document": round(seen["bytes"] / max(1, len(words_of))),
        "client_seconds": round(stages["read"] + stages["resolution"] + stages["graph"] + stages["export"], 2),
    })
    return result


def summary(results: dict[str, Any]) -> str:
    """The Markdown report: medians over the repeats, and the cluster build's parts."""
    local = [r for r in results["builds"] if r["kind"] == "local"]
    dask = [r for r in results["builds"] if r["kind"] == "dask"]
    med = lambda rows, key: statistics.median(r[key] for r in rows)  # noqa: E731
    lines = [f"N = {results['documents']:,} documents, {results['words']:,} words, {results['workers']} workers",
             "", "| | words/s (each run) | median |", "|---|---|---:|"]
    for name, rows in ((f"`--workers {results['workers']}`", local), ("`--executor dask` (local scheduler)", dask)):
        each = ", ".join(f"{r['words_per_second']:,}" for r in rows)
        lines.append(f"| {name} | {each} | {med(rows, 'words_per_second'):,.0f} |")
    ratio = med(dask, "words_per_second") / med(local, "words_per_second")
    lines += ["", f"dask / local (target >= 0.9): {ratio:.2f}", ""]
    last = dask[-1]
    c, s = last["cluster"], last["stages"]
    lines.append(f"Last cluster build ({c['where']}): {last['seconds']} s in all, {c['cluster_seconds']} s on the cluster; "
                 f"client: identify {s['read']} s, resolution {s['resolution']} s, graph {s['graph']} s, "
                 f"export {s['export']} s (sum {c['client_seconds']} s); extractions returned: "
                 f"{c['returned_bytes'] / 1e6:.1f} MB ({c['returned_bytes_per_document']:,} bytes a document).")
    for address, w in c["workers"].items():
        lines.append(f"- worker {address}: {w['partitions']:.0f} tasks, {w['documents']:.0f} documents, "
                     f"{w['words']:,.0f} words in {w['task_seconds']:.1f} s of tasks = {w['words_per_second']:,} words/s "
                     f"(model load {w['model_load_seconds']:.1f} s)")
    lines.append(f"\nMachine: {results['machine']}; graphbuild at commit {results['commit']}.")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000, help="corpus size (default: 2000)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes each way (default: 2)")
    parser.add_argument("--repeat", type=int, default=2, help="builds of each kind, alternating (default: 2)")
    parser.add_argument("--model", default=None, help="spaCy model (default: graphbuild's choice)")
    parser.add_argument("--results", type=Path, default=HERE / "results", help="where to write results")
    args = parser.parse_args(argv)
    import os
    import platform

    from dask_cluster import DaskCluster

    args.results.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    work = Path(tempfile.mkdtemp(prefix="graphbuild-bench-cluster-"))
    results: dict[str, Any] = {"documents": args.docs, "workers": args.workers, "builds": [], "commit": bench.git_commit(),
                               "machine": f"{os.cpu_count()} CPUs, Python {platform.python_version()}"}
    cluster = None
    try:
        corpus, words = make_corpus(work / "corpus", args.docs)
        results["words"] = words
        cluster = DaskCluster(workers=args.workers).start()
        print(f"N={args.docs}: {words:,} words; scheduler {cluster.address}", file=sys.stderr, flush=True)
        for i in range(args.repeat):
            for kind in ("local", "dask"):
                out = work / f"out-{kind}-{i}"
                if kind == "local":  # run.py's own build step
                    build = bench.child("_build", str(corpus), str(out), str(args.workers), args.model or "", str(words))
                else:
                    build = bench.child("_dask", str(corpus), str(out), cluster.address, args.model or "", str(words),
                                        script=Path(__file__).resolve())
                build["kind"] = kind
                results["builds"].append(build)
                print(f"  {kind}: {build['words_per_second']:,} words/s, {build['seconds']} s", file=sys.stderr, flush=True)
                (args.results / f"cluster-{stamp}.json").write_text(json.dumps(results, indent=2) + "\n")  # so far
        graphs = {(work / f"out-{k}-{i}" / "graph.json").read_bytes() for k in ("local", "dask") for i in range(args.repeat)}
        results["identical_graphs"] = len(graphs) == 1
    finally:
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(work, ignore_errors=True)
    (args.results / f"cluster-{stamp}.json").write_text(json.dumps(results, indent=2) + "\n")
    report = summary(results) + f"graph.json identical in every build: {results['identical_graphs']}\n"
    (args.results / f"cluster-{stamp}.md").write_text(report)
    print(report)


def child_main(argv: list[str]) -> None:
    corpus, out, scheduler, model, words = argv
    print(json.dumps(measure_dask(corpus, out, scheduler, model or None, int(words))))


if __name__ == "__main__":
    child_main(sys.argv[2:]) if sys.argv[1:2] == ["_dask"] else main()
