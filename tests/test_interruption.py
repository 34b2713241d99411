"""Commands stopped from outside or run at the same time, as real processes: SIGTERM cleans up as Ctrl-C
does, a killed build leaves no workers behind, a killed query leaves no engine folder for long, and two
builds into one folder never mix their outputs."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from procfs import alive

from graphbuild.graph import add_edge, add_node, evidence_item, new_graph
from graphbuild.jsonio import read_json, write_json

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def graphbuild(*args: str, cwd: Path, env: dict | None = None, **options) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "graphbuild", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **options)


def wait_for(condition, limit: float, step: float = 0.005):
    """Poll until ``condition()`` gives something true, for at most ``limit`` seconds; return it."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(step)
    return condition()


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def big_graph(people: int = 3000, claims: int = 600):
    """A graph whose page takes seconds to write (a computed layout, 9,000 edges)."""
    g = new_graph(generator="tests")
    for i in range(people):
        add_node(g, f"person:p{i}", "Person", f"Person {i}")
    for j in range(claims):
        add_node(g, f"allegation:c{j}", "Allegation", f"claim {j}", text=f"Claim {j}.", summary="claim", act="act",
                 status="alleged", dates=[])
    for i in range(people):
        for k in range(3):
            j = (i * 7 + k * 13) % claims
            add_edge(g, f"person:p{i}", f"allegation:c{j}", "ALLEGES",
                     [evidence_item("d.txt", "0" * 16, f"Person {i} alleges claim {j}.", i, i + 20, "alleges")])
    return g


pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def test_sigterm_during_an_export_removes_its_temporary_file(tmp_path):
    write_json(big_graph(), tmp_path / "graph.json")
    out = tmp_path / "out"
    out.mkdir()
    proc = graphbuild("export", "graph.json", "-o", "out/graph.html", cwd=tmp_path)
    temp = wait_for(lambda: [p for p in out.iterdir() if p.name.endswith(".tmp")], 60)
    assert temp and proc.poll() is None, "the export never wrote a temporary file"
    proc.send_signal(signal.SIGTERM)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM, stderr
    assert stderr == "error: stopped by SIGTERM\n" and stdout == ""
    assert list(out.iterdir()) == []


def write_corpus(folder: Path, n: int) -> Path:
    """``n`` distinct documents: the seed articles, each with a numbered line."""
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    for i in range(n):
        (folder / f"{i:03}.txt").write_text(f"{texts[i % 3]}\nReport number {i}.\n", encoding="utf-8")
    return folder


def test_a_killed_build_leaves_no_workers_behind(tmp_path):
    write_corpus(tmp_path / "corpus", 60)
    proc = graphbuild("build", "corpus", "--workers", "2", "--out", "out", cwd=tmp_path)
    workers = wait_for(lambda: len(children(proc.pid)) == 2 and children(proc.pid), 60, 0.05)
    assert workers, "the build started no workers"
    try:
        time.sleep(4)  # the workers load the model and take their first documents
        assert all(alive(w) for w in workers) and proc.poll() is None
        proc.kill()
        proc.wait()
        assert wait_for(lambda: not any(alive(w) for w in workers), 3), "workers outlived the killed build"
        stderr = proc.stderr.read()
        assert "Traceback" not in stderr and "Error" not in stderr, stderr
    finally:
        for w in workers:
            if alive(w):
                os.kill(w, signal.SIGKILL)


def engine_folders(parent: Path) -> list[Path]:
    return sorted(parent.glob("graphbuild-engine-*"))


def test_a_killed_query_leaves_an_engine_folder_that_the_next_start_removes(tmp_path):
    temp = Path(os.path.realpath("/tmp")) / f"gb-{os.getpid()}-{time.monotonic_ns() % 10**6}"  # short: socket paths
    temp.mkdir()
    try:
        env = {**os.environ, "TMPDIR": str(temp)}
        write_json(big_graph(), tmp_path / "big.json")
        proc = graphbuild("query", "allegation-sources", "--graph", "big.json", cwd=tmp_path, env=env)
        started = wait_for(lambda: [f for f in engine_folders(temp) if (f / "engine.sock").exists()], 60)
        assert started and proc.poll() is None
        proc.kill()
        proc.wait()
        time.sleep(0.5)  # the server, told by the kernel, stops too
        assert engine_folders(temp) == started  # what the issue saw: the folder stays
        write_json(new_graph(generator="tests"), tmp_path / "empty.json")
        again = graphbuild("query", "allegation-sources", "--graph", "empty.json", cwd=tmp_path, env=env)
        stdout, stderr = again.communicate(timeout=60)
        assert again.returncode == 0 and stdout.endswith("(0 rows)\n"), stderr
        assert engine_folders(temp) == []  # the stale folder and the second run's own are gone
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def test_a_running_engines_folder_is_kept(tmp_path, monkeypatch):
    from graphbuild.stores.embedded import EmbeddedEngine, remove_stale_folders

    monkeypatch.setenv("TMPDIR", "/tmp")
    with EmbeddedEngine() as engine:
        assert engine.directory not in remove_stale_folders() and engine.directory.is_dir()
        assert engine.query("RETURN 1 AS one") == (["one"], [[1]])


def test_a_second_build_into_the_same_folder_fails_while_the_first_runs(tmp_path):
    write_corpus(tmp_path / "first", 12)
    write_corpus(tmp_path / "second", 2)
    out = tmp_path / "out"
    first = graphbuild("build", "first", "--out", "out", "-q", cwd=tmp_path)
    assert wait_for(lambda: (out / ".graphbuild.lock").exists(), 60), first.stderr.read() if first.poll() else ""
    second = graphbuild("build", "second", "--out", "out", "-q", cwd=tmp_path)
    stdout, stderr = second.communicate(timeout=120)
    assert first.poll() is None, "the first build ended before the second tried: no contest"
    assert second.returncode == 1 and stdout == ""
    assert stderr == (f"error: out: another graphbuild process (pid {first.pid}) is writing to this folder; "
                      "wait for it to end or give another output folder\n")
    stdout, stderr = first.communicate(timeout=300)
    assert first.returncode == 0, stderr
    graph = read_json(out / "graph.json")
    assert len(graph.graph["documents"]) == 12  # the first build's, whole, and its page beside it:
    page = (out / "graph.html").read_text(encoding="utf-8")
    data = json.loads(page.split('id="graph-data">', 1)[1].split("</script>", 1)[0])
    assert sorted(n["id"] for n in data["nodes"]) == sorted(graph.nodes)
    assert sorted(p.name for p in out.iterdir()) == [".cache", "graph.html", "graph.json"]  # and the lock is gone
    third = graphbuild("build", "second", "--out", "out", "-q", cwd=tmp_path)
    assert third.wait(timeout=300) == 0 and len(read_json(out / "graph.json").graph["documents"]) == 2


def test_sigterm_during_a_query_stops_the_engine_and_says_so(tmp_path):
    temp = Path(os.path.realpath("/tmp")) / f"gb-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    temp.mkdir()
    try:
        write_json(big_graph(), tmp_path / "big.json")
        proc = graphbuild("query", "allegation-sources", "--graph", "big.json", cwd=tmp_path,
                          env={**os.environ, "TMPDIR": str(temp)})
        assert wait_for(lambda: [f for f in engine_folders(temp) if (f / "engine.sock").exists()], 60)
        proc.send_signal(signal.SIGTERM)
        stdout, stderr = proc.communicate(timeout=60)
        assert (proc.returncode, stderr, stdout) == (128 + signal.SIGTERM, "error: stopped by SIGTERM\n", "")
        assert engine_folders(temp) == []
    finally:
        shutil.rmtree(temp, ignore_errors=True)
