"""The same documents give a byte-identical graph.json: whatever their order, the folder they live in, the
way they are named on the command line, duplicate copies, line endings, worker count or hash seed."""
from __future__ import annotations

import itertools
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graphbuild.build import assemble, build_graph, extract_all
from graphbuild.ingest import read_documents
from graphbuild.jsonio import dumps

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def copy_corpus(folder: Path, names: dict[str, str] | None = None) -> Path:
    folder.mkdir(parents=True)
    for seed in SEEDS:
        shutil.copyfile(seed, folder / (names or {}).get(seed.name, seed.name))
    return folder


@pytest.fixture(scope="module")
def reference(tmp_path_factory, nlp) -> str:
    """graph.json text of the seeds built from a folder."""
    folder = copy_corpus(tmp_path_factory.mktemp("ref") / "corpus")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("graphbuild.build.load_pipeline", lambda model=None: nlp)
        text = dumps(build_graph([folder]))
    assert '"label": "Allegation"' in text  # a graph worth comparing
    return text


def test_reference_records_names_relative_to_the_folder(reference, tmp_path):
    assert str(tmp_path.parent) not in reference
    for seed in SEEDS:
        assert f'"document": "{seed.name}"' in reference


def test_same_folder_elsewhere_gives_identical_json(reference, tmp_path, fast_model):
    moved = copy_corpus(tmp_path / "somewhere" / "else" / "renamed-folder")
    assert dumps(build_graph([moved])) == reference


def test_files_given_one_by_one_in_shuffled_order(reference, tmp_path, fast_model):
    folder = copy_corpus(tmp_path / "c")
    files = [folder / s.name for s in SEEDS]
    random.Random(4).shuffle(files)
    assert files != [folder / s.name for s in SEEDS]
    assert dumps(build_graph(files)) == reference


def test_reordered_directory_entries(reference, tmp_path, fast_model):
    # Create the files in reverse order so the directory lists them differently.
    folder = tmp_path / "rev"
    folder.mkdir()
    for seed in reversed(SEEDS):
        shutil.copyfile(seed, folder / seed.name)
    assert dumps(build_graph([folder])) == reference


def test_duplicate_copy_under_another_name_changes_nothing(reference, tmp_path, fast_model):
    folder = copy_corpus(tmp_path / "c")
    shutil.copyfile(SEEDS[0], folder / "zz-copy-of-first.txt")
    (folder / "sub").mkdir()
    shutil.copyfile(SEEDS[1], folder / "sub" / SEEDS[1].name)
    warnings: list[str] = []
    assert dumps(build_graph([folder], warn=warnings.append)) == reference
    assert len(warnings) == 2 and all("same text as" in w for w in warnings)


def test_duplicate_that_sorts_first_wins_whatever_the_order_given(tmp_path, fast_model):
    folder = copy_corpus(tmp_path / "c")
    shutil.copyfile(SEEDS[2], folder / "000-aaa-copy.txt")
    forward = dumps(build_graph([folder / "000-aaa-copy.txt", *(folder / s.name for s in SEEDS)]))
    backward = dumps(build_graph([*(folder / s.name for s in reversed(SEEDS)), folder / "000-aaa-copy.txt"]))
    assert forward == backward
    assert '"path": "000-aaa-copy.txt"' in forward and f'"path": "{SEEDS[2].name}"' not in forward


def test_crlf_and_bom_copies_give_identical_json(reference, tmp_path, fast_model):
    folder = tmp_path / "windows"
    folder.mkdir()
    for seed in SEEDS:
        text = seed.read_text(encoding="utf-8").replace("\n", "\r\n")
        (folder / seed.name).write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert dumps(build_graph([folder])) == reference


def test_two_workers_use_two_processes_and_give_identical_json(reference, tmp_path, fast_model, monkeypatch):
    import graphbuild.build as build_module

    pids = tmp_path / "pids"
    pids.mkdir()
    real_init = build_module._init_worker

    def init(model):  # runs once in each worker process
        (pids / str(os.getpid())).touch()
        real_init(model)

    monkeypatch.setattr(build_module, "_init_worker", init)
    folder = copy_corpus(tmp_path / "c")
    assert dumps(build_graph([folder], workers=2)) == reference
    workers = {int(p.name) for p in pids.iterdir()}
    assert len(workers) == 2 and os.getpid() not in workers


def test_assemble_is_independent_of_extraction_order(tmp_path, fast_model):
    docs = read_documents([copy_corpus(tmp_path / "c")])
    extractions, info = extract_all(docs)
    outputs = {dumps(assemble(list(order), info)) for order in itertools.permutations(extractions)}
    assert len(outputs) == 1
    # Kept packed, they come back in document id order, whole, and give the same graph.
    assert len(extractions) == len(docs) and extractions.document_ids == sorted(d.id for d in docs)
    unpacked = list(extractions)
    assert [e.document_id for e in unpacked] == extractions.document_ids
    assert all(e.sentences and e.entities for e in unpacked)
    assert outputs == {dumps(assemble(extractions, info))}


def run_cli(folder: Path, out: Path, seed: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run([sys.executable, "-m", "graphbuild", "build", str(folder), "--out", str(out), "--quiet"],
                          env=env, capture_output=True, text=True, timeout=300, cwd=out.parent)


def test_separate_processes_with_different_hash_seeds_write_identical_files(reference, tmp_path):
    first = run_cli(copy_corpus(tmp_path / "a" / "corpus"), tmp_path / "out1", "1")
    second = run_cli(copy_corpus(tmp_path / "b" / "other"), tmp_path / "out2", "2024")
    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    json1 = (tmp_path / "out1" / "graph.json").read_bytes()
    assert json1 == (tmp_path / "out2" / "graph.json").read_bytes()
    assert json1.decode("utf-8") == reference
    assert (tmp_path / "out1" / "graph.html").read_bytes() == (tmp_path / "out2" / "graph.html").read_bytes()
