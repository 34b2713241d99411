"""Builds on a real Dask cluster (a ``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1) give
the graph.json of a local build, byte for byte: the seeds, and a generated corpus of a few hundred short
documents in several partitionings, with texts read by the workers or shipped, and with a worker killed
mid-build. A document that fails on a worker is a warning naming it; an unreachable scheduler, a lost
one and a model missing on the workers are one-line errors."""
from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import dask
import pytest
from typer.testing import CliRunner

from conftest import ROOT, SEEDS
from dask_cluster import DaskCluster, RaisingSource, free_port
from graphbuild.build import build_graph
from graphbuild.cli import app
from graphbuild.cluster import DaskExecutor
from graphbuild.errors import ClusterError
from graphbuild.ingest import Document, document_id, title_of
from graphbuild.jsonio import dumps

CORPUS_SIZE = 200
runner = CliRunner()


def bench_corpus():
    """bench/corpus.py, which writes the benchmark's corpus (the seeds replicated with small changes)."""
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_short_corpus(folder: Path, n: int) -> Path:
    """``n`` distinct documents of the benchmark's corpus, each cut to its first two paragraphs and the
    sentence it inserts (about 70 words), so that a build of a few hundred takes seconds."""
    corpus = bench_corpus()
    seeds = corpus.seed_texts()
    folder.mkdir(parents=True)
    for i in range(n):
        lines = [line for line in corpus.variant(seeds[i % len(seeds)], i).split("\n") if line.strip()]
        kept = lines[:2] + [line for line in lines[2:] if f"in report {i}." in line]
        (folder / f"doc{i:04}.txt").write_text("\n\n".join(kept) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def cluster():
    cluster = DaskCluster(workers=2).start()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="module")
def local_json(nlp):
    """graph.json text of a local build, with the session's pipeline."""
    def build(sources, **options) -> str:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr("graphbuild.build.load_pipeline", lambda model=None: nlp)
            return dumps(build_graph(sources, **options))
    return build


@pytest.fixture(scope="module")
def seeds_json(local_json) -> str:
    text = local_json([SEEDS])
    assert '"label": "Allegation"' in text  # a graph worth comparing
    return text


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_short_corpus(tmp_path_factory.mktemp("generated") / "corpus", CORPUS_SIZE)


@pytest.fixture(scope="module")
def corpus_json(local_json, corpus) -> str:
    text = local_json([corpus])
    assert text.count('"label": "Person"') > 100 and '"type": "MEMBER_OF"' in text  # entities resolved across documents
    return text


def dask_build(sources, **options) -> tuple[str, DaskExecutor]:
    build_options = {k: options.pop(k) for k in ("progress", "warn", "on_documents", "model") if k in options}
    executor = DaskExecutor(**options)
    return dumps(build_graph(sources, executor=executor, **build_options)), executor


@pytest.mark.parametrize("options", [{"partition_size": 1}, {"partition_size": 2, "ship_texts": True}, {}],
                         ids=["one-per-task", "shipped-texts", "default"])
def test_seeds_on_the_cluster_give_the_local_graph(cluster, seeds_json, options):
    text, executor = dask_build([SEEDS], scheduler=cluster.address, **options)
    assert text == seeds_json
    assert executor.run.scheduler == cluster.address and not executor.run.local
    assert sorted(d for p in executor.run.partitions for d in p.document_ids) == sorted(
        document_id(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt"))


def test_generated_corpus_on_two_workers_gives_the_local_graph(cluster, corpus, corpus_json):
    done: list[str] = []
    text, executor = dask_build([corpus], scheduler=cluster.address, progress=lambda s: done.append(s.path))
    assert text == corpus_json
    run = executor.run
    assert sorted(done) == sorted(p.name for p in corpus.iterdir())  # progress: each document once
    assert len(run.workers) == 2 and run.describe().endswith(f"2 workers, {len(run.partitions)} partitions")
    assert max(len(p.document_ids) for p in run.partitions) == 16  # about four tasks per worker, at most 16
    for worker in run.workers:  # the model is loaded once per worker process, if at all in this build
        assert sum(p.load_seconds > 0 for p in run.partitions if p.worker == worker) <= 1


def test_a_worker_killed_mid_build_still_gives_the_same_graph(cluster, corpus, corpus_json):
    victim, survivor = cluster.alive()[:2]
    victim_address, survivor_address = cluster.address_of(victim), cluster.address_of(survivor)
    watcher = cluster.client()
    held: list[str] = []  # the tasks the victim was running when it died
    done = 0

    def progress(_source) -> None:
        nonlocal done
        done += 1
        if done >= 30 and not held:  # ten tasks of three documents into 67, at a moment the victim holds one
            held.extend(watcher.processing(workers=[victim_address])[victim_address])
            if held:
                cluster.kill_worker(victim)

    try:
        text, executor = dask_build([corpus], scheduler=cluster.address, partition_size=3, ship_texts=True,
                                    progress=progress)
    finally:
        watcher.close()
        cluster.add_worker()  # back to two workers for the tests after this one
    assert victim.returncode == -9 and done == CORPUS_SIZE
    assert text == corpus_json
    run = executor.run
    assert held and all(k.startswith("graphbuild-") for k in held)
    assert {p.key: p.worker for p in run.partitions if p.key in held} == {k: survivor_address for k in held}
    assert sorted(d for p in run.partitions for d in p.document_ids) == sorted(
        document_id(p.read_text(encoding="utf-8")) for p in corpus.iterdir())
    assert {p.worker for p in run.partitions} == {victim_address, survivor_address}


def test_files_changed_or_removed_before_the_workers_read_them_are_warnings_naming_them(cluster, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Alnur Mussayev said the KGB recruited Donald Trump in 1987.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Yuri Shvets said the FSB denied it.\n", encoding="utf-8")
    (folder / "c.txt").write_text("Susan Miller said the CIA found nothing.\n", encoding="utf-8")

    def meddle(_found) -> None:  # after the client identified them, before any worker reads them
        with open(folder / "b.txt", "a", encoding="utf-8") as f:
            f.write("Edited later.\n")
        (folder / "c.txt").unlink()

    warnings: list[str] = []
    text, executor = dask_build([folder], scheduler=cluster.address, partition_size=1, warn=warnings.append,
                                on_documents=meddle)
    assert re.findall(r'"path": "([a-z]\.txt)"', text) == ["a.txt"]
    pattern = r"{}: skipped, changed or removed during the build \(on Dask worker tcp://127\.0\.0\.1:\d+\)"
    assert len(warnings) == 2
    for name, message in zip(("b.txt", "c.txt"), sorted(warnings)):
        assert re.fullmatch(pattern.format(re.escape(str((folder / name).absolute()))), message), message


def test_a_document_raising_on_a_worker_is_a_warning_and_the_others_are_built(cluster):
    text = "Alnur Mussayev said the KGB recruited Donald Trump in 1987.\n"
    good = Document(document_id(text), "good.txt", title_of(text), text)
    warnings: list[str] = []
    extractions, info = DaskExecutor(cluster.address, partition_size=2).extract(
        [RaisingSource("00000000000000ff", "broken.txt", "Broken"), good], warn=warnings.append)
    assert extractions.document_ids == [good.id] and info["model"].startswith("en_core_web")
    assert len(warnings) == 1
    assert re.fullmatch(r"broken\.txt: skipped, failed on Dask worker tcp://127\.0\.0\.1:\d+: RuntimeError: no text here",
                        warnings[0]), warnings


def test_with_a_cache_the_cluster_gets_only_the_documents_it_lacks(cluster, seeds_json, tmp_path, local_json):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for path in seeds[:2]:
        (corpus / path.name).write_bytes(path.read_bytes())
    local_json([corpus], cache=tmp_path / "cache")  # two of the three seeds, extracted here
    (corpus / seeds[2].name).write_bytes(seeds[2].read_bytes())
    executor = DaskExecutor(scheduler=cluster.address)
    assert dumps(build_graph([corpus], executor=executor, cache=tmp_path / "cache")) == seeds_json
    [sent] = {p.document_ids for p in executor.run.partitions}
    assert sent == (document_id(seeds[2].read_text(encoding="utf-8")),)
    result = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "o"), "--executor", "dask",
                                 "--scheduler", cluster.address, "--cache", str(tmp_path / "cache"), "--no-html"])
    assert result.exit_code == 0, result.output
    assert "documents: 3 (3 from the cache, 0 parsed)" in result.stdout
    assert "ran nothing on the cluster: every document came from the cache" in result.stdout
    assert (tmp_path / "o" / "graph.json").read_text(encoding="utf-8") == seeds_json


def test_cli_builds_on_the_scheduler_from_the_environment_and_says_where(cluster, seeds_json, tmp_path, monkeypatch):
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", cluster.address)
    result = runner.invoke(app, ["build", str(SEEDS), "--out", str(tmp_path), "--executor", "dask"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "graph.json").read_text(encoding="utf-8") == seeds_json
    assert re.search(rf"^ran on Dask scheduler {cluster.address}: [12] workers?, 3 partitions$", result.output, re.M), \
        result.output


def test_model_missing_on_the_workers_is_a_one_line_error(cluster, tmp_path):
    result = runner.invoke(app, ["build", str(SEEDS), "--out", str(tmp_path / "o"), "--executor", "dask",
                                 "--scheduler", cluster.address, "--model", "no_such_model"])
    assert result.exit_code == 1
    assert re.fullmatch(r"error: spaCy model 'no_such_model' is not installed; install one with: .+ "
                        r"\(on Dask worker tcp://127\.0\.0\.1:\d+\)\n", result.output), result.output
    assert not (tmp_path / "o").exists()


def test_unreachable_scheduler_is_a_one_line_error_and_exit_status_1(tmp_path):
    address = f"tcp://127.0.0.1:{free_port()}"  # nothing listens there
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        result = runner.invoke(app, ["build", str(SEEDS), "--out", str(tmp_path / "o"), "--executor", "dask",
                                     "--scheduler", address])
    assert result.exit_code == 1
    assert result.output.startswith(f"error: cannot reach the Dask scheduler at {address}: ")
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert not (tmp_path / "o").exists()


def test_a_scheduler_lost_mid_build_is_a_cluster_error():
    own = DaskCluster(workers=1).start()
    try:
        def progress(_source) -> None:
            own.scheduler.kill()

        with pytest.raises(ClusterError, match=rf"^lost the connection to the Dask scheduler at {own.address} \(\w+\)$"):
            dask_build([SEEDS], scheduler=own.address, partition_size=1, progress=progress)
    finally:
        own.stop()


def test_a_scheduler_without_workers_is_a_cluster_error():
    lonely = DaskCluster(workers=0).start()
    try:
        with pytest.raises(ClusterError, match=rf"^the Dask scheduler at {lonely.address} has no workers$"):
            dask_build([SEEDS], scheduler=lonely.address, timeout=1)
    finally:
        lonely.stop()


def test_options_that_need_dask_are_refused_without_it(tmp_path):
    for options, message in ((["--ship-texts"], "--ship-texts needs --executor dask"),
                             (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --executor dask"),
                             (["--executor", "dask", "--scheduler", "tcp://127.0.0.1:8786", "--workers", "2"],
                              "--workers sizes a cluster started on this machine; a scheduler's cluster has its own workers")):
        result = runner.invoke(app, ["build", str(SEEDS), "--out", str(tmp_path / "o"), *options])
        assert (result.exit_code, result.output) == (1, f"error: {message}\n")
    assert not (tmp_path / "o").exists()


def test_without_a_scheduler_a_local_cluster_runs_the_build(seeds_json, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DASK_SCHEDULER_ADDRESS"}
    proc = subprocess.run([sys.executable, "-m", "graphbuild", "build", str(SEEDS), "--out", str(tmp_path / "out"),
                           "--executor", "dask", "--workers", "1"], env=env, capture_output=True, text=True,
                          timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "graph.json").read_text(encoding="utf-8") == seeds_json
    assert re.search(r"^ran on a local Dask cluster \(tcp://127\.0\.0\.1:\d+\): 1 worker, 3 partitions$", proc.stdout,
                     re.M), proc.stdout
    # stderr is not a terminal: the progress is logged, and nothing else (no log lines of the cluster's own)
    lines = proc.stderr.splitlines()
    assert lines and all(line.startswith("progress: documents ") for line in lines), proc.stderr
    assert lines[-1].startswith("progress: documents 3/3 (100%), ")


def test_an_executor_with_a_bad_partition_size_is_refused():
    with pytest.raises(ValueError, match="partition_size"):
        DaskExecutor(partition_size=0)
