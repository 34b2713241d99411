"""Load rates into a real Neo4j Community 5.26 (started with ``scripts/neo4j-server``), and the sweep of
batch sizes and transaction shapes that chose the loader's defaults.

    python bench/neo4j_load.py GRAPH.json                                   # the sweep, printed as a table
    python bench/neo4j_load.py GRAPH.json --batch-sizes 500,2000 --per-transaction 1,20 --repeat 2

Each load goes into an emptied database (no nodes, no constraints), so it is a first load as a user
makes it (the loader's CREATE path). The server runs as users run it (the JVM's default compilers); a first load into a new
server warms the JVM up, so the sweep loads once before it measures and reports that load apart.
``run.py`` calls :func:`fresh_load` for its own table: one load at the defaults into a new server.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from neo4j_server import Neo4jServer  # noqa: E402

from graphbuild.stores.config import DEFAULT_BATCH_SIZE, DEFAULT_BATCHES_PER_TRANSACTION  # noqa: E402


def empty(store) -> None:
    """Delete everything in batches (one transaction for 90,000 relationships is needlessly large), then the schema."""
    with store.driver.session() as session:
        session.run("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS").consume()
        for record in list(session.run("SHOW CONSTRAINTS YIELD name")):
            session.run(f"DROP CONSTRAINT `{record['name']}`").consume()
        for record in list(session.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name")):
            session.run(f"DROP INDEX `{record['name']}`").consume()


def cpu_seconds(pid: int) -> float:
    """User and system CPU time process ``pid`` has used so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed_load(store, graph, server_pid: int) -> dict[str, Any]:
    """Empty the database, load ``graph`` with the store's settings, and report the rate.

    The CPU seconds of the server and of this process say how much of the time was work: on a shared
    machine the wall time also holds waits for a core, and the load average says how busy it was.
    """
    from graphbuild.stores import rows as R

    empty(store)
    s = store.settings
    rows = sum(len(step.rows) for step in R.write_plan(graph, max_rows=s.batch_size, max_bytes=store.batch_bytes))
    server_cpu, client_cpu, start = cpu_seconds(server_pid), time.process_time(), time.perf_counter()
    report = store.load(graph)
    seconds = time.perf_counter() - start
    server_cpu, client_cpu = cpu_seconds(server_pid) - server_cpu, time.process_time() - client_cpu
    assert report.relationships_created == graph.number_of_edges(), report
    return {"batch_size": s.batch_size, "batches_per_transaction": s.batches_per_transaction,
            "batches": report.batches, "seconds": round(seconds, 2), "rows_per_second": round(rows / seconds),
            "relationships_per_second": round(graph.number_of_edges() / seconds),
            "server_cpu_seconds": round(server_cpu, 2), "client_cpu_seconds": round(client_cpu, 2),
            "load_average": round(os.getloadavg()[0], 1)}


def fresh_load(graph) -> dict[str, Any]:
    """One load at the default settings into a new Neo4j (a cold JVM), then a second into the same emptied one."""
    from graphbuild.stores.neo4j import Neo4jStore

    server = Neo4jServer(java_opts="").start()
    try:
        with Neo4jStore(server.settings()) as store:
            first = timed_load(store, graph, server.pid)
            second = timed_load(store, graph, server.pid)
        return {**first, "second_load": second}
    finally:
        server.remove()


def sweep(graph, batch_sizes: list[int], per_transaction: list[int], repeat: int) -> dict[str, Any]:
    """The best of ``repeat`` loads for each batch size and number of batches per transaction."""
    from dataclasses import replace

    from graphbuild.stores.neo4j import Neo4jStore

    server = Neo4jServer(java_opts="").start()
    results = []
    try:
        with Neo4jStore(server.settings()) as store:
            warm_up = timed_load(store, graph, server.pid)
            for size in batch_sizes:
                for per_tx in per_transaction:
                    store.settings = replace(store.settings, batch_size=size, batches_per_transaction=per_tx)
                    runs = [timed_load(store, graph, server.pid) for _ in range(repeat)]
                    results.append(min(runs, key=lambda r: r["seconds"]))
                    print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    finally:
        server.remove()
    return {"nodes": graph.number_of_nodes(), "relationships": graph.number_of_edges(), "warm_up": warm_up,
            "results": results}


def table(sweep_result: dict[str, Any]) -> str:
    head = ("| rows per batch | batches per transaction | batches | seconds | rows/s | relationships/s "
            "| server CPU s | client CPU s | load average |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
    body = "".join(f"| {r['batch_size']:,} | {r['batches_per_transaction']} | {r['batches']:,} | {r['seconds']} | "
                   f"{r['rows_per_second']:,} | {r['relationships_per_second']:,} | {r['server_cpu_seconds']} | "
                   f"{r['client_cpu_seconds']} | {r['load_average']} |\n" for r in sweep_result["results"])
    w = sweep_result["warm_up"]
    return (head + body + f"\n{sweep_result['nodes']:,} nodes, {sweep_result['relationships']:,} relationships; "
            f"the first load into the new server (defaults, JVM warming up): {w['seconds']} s, "
            f"{w['relationships_per_second']:,} relationships/s.\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graph", type=Path, help="a graph.json (e.g. from `graphbuild build` of bench/corpus.py's corpus)")
    parser.add_argument("--batch-sizes", default="100,250,500,1000,2000,5000,10000")
    parser.add_argument("--per-transaction", default="1,20", help="batches per transaction (default: 1,20)")
    parser.add_argument("--repeat", type=int, default=2, help="loads per setting; the best is kept (default: 2)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)

    from graphbuild.jsonio import read_json

    graph = read_json(args.graph)
    result = sweep(graph, [int(n) for n in args.batch_sizes.split(",")],
                   [int(n) for n in args.per_transaction.split(",")], args.repeat)
    result["defaults"] = {"batch_size": DEFAULT_BATCH_SIZE, "batches_per_transaction": DEFAULT_BATCHES_PER_TRANSACTION}
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    print(table(result))


if __name__ == "__main__":
    main()
