"""The README is true: its commands run on the seeds, its Python runs, its examples are in the seeds' graph,
and every option its command table names is one the command takes."""
from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dask_cluster import DaskCluster
from graph_server import shared_server
from graphbuild.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DATABASE_COMMANDS = ("load", "unload")
NODE_ID = r"`((?:person|agency|organization|place|allegation|document):[^`<>]+)`"


def code_blocks(text: str) -> list[tuple[str, str]]:
    """(language, text) of each fenced block, and ("sh", text) of each block indented by four spaces."""
    blocks = [(m.group(1), m.group(2)) for m in re.finditer(r"^```(\w*)\n(.*?)^```", text, re.M | re.S)]
    outside = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)
    blocks += [("sh", re.sub(r"^ {4}", "", m.group(0), flags=re.M))
               for m in re.finditer(r"(?:^ {4}\S.*\n)+", outside, re.M)]
    return blocks


def readme_commands() -> list[tuple[list[str], dict[str, str], str]]:
    """Each ``graphbuild`` command of the README's shell blocks, in order: its words, the environment the
    block's ``export`` lines set before it, and the text its comment quotes as its output."""
    out = []
    for language, block in code_blocks(README):
        if language not in ("sh", "bash", ""):
            continue
        env: dict[str, str] = {}
        for line in block.splitlines():
            comment = line.split("#", 1)[1] if "#" in line else ""
            words = shlex.split(line, comments=True)
            if words[:1] == ["export"]:
                env.update(w.split("=", 1) for w in words[1:])
                continue
            alternatives = [words] + [shlex.split(c) for c in re.findall(r"or: (graphbuild [^#]+)", comment)]
            for command in alternatives:
                for part in _split_and(command):
                    if part[:1] == ["graphbuild"] and not _synopsis(part):
                        quoted = re.search(r'again: "([^"]+)"', comment)
                        out.append((part[1:], dict(env), quoted.group(1) if quoted else ""))
    return out


def _split_and(words: list[str]) -> list[list[str]]:
    parts, current = [], []
    for word in words:
        if word == "&&":
            parts.append(current)
            current = []
        else:
            current.append(word)
    return parts + [current]


def _synopsis(words: list[str]) -> bool:
    """A usage line with placeholders (``GRAPH.json --format FORMAT [-o PATH]``), not a command to run."""
    return any("[" in w or re.fullmatch(r"[A-Z]{2,}(\.json)?", w) for w in words)


def needs_database(words: list[str]) -> bool:
    return words[0] in DATABASE_COMMANDS or "--neo4j" in words or (words[0] == "query" and "--graph" not in words)


def needs_cluster(words: list[str]) -> bool:
    return "--executor" in words and words[words.index("--executor") + 1:][:1] == ["dask"]


def on_cluster(text: str, address: str) -> str:
    """A README word or variable with its placeholders filled in: the test's scheduler, the seeds' folder."""
    return text.replace("tcp://HOST:8786", address).replace("/archive", "seeds")


@pytest.fixture()
def workdir(tmp_path: Path) -> Path:
    """A folder holding a copy of the seeds, built as ``make run`` builds them (the Makefile's own command)."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    recipe = re.search(r"^run:.*\n\t(.+)$", (ROOT / "Makefile").read_text(), re.M).group(1)
    words = shlex.split(recipe.replace("$(BIN)/", ""))
    assert words[0] == "graphbuild" and "--out" in words
    run(words[1:], tmp_path)
    return tmp_path


def run(words: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run([sys.executable, "-m", "graphbuild", *words], cwd=cwd, capture_output=True, text=True,
                            timeout=300, env={**os.environ, **(env or {})})
    assert result.returncode == 0, (words, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "error:" not in result.stderr, (words, result.stderr)
    return result.stdout


def test_the_readme_has_commands_of_every_kind():
    kinds = {words[0] for words, _, _ in readme_commands()}
    assert {"export", "load", "unload", "query"} <= kinds
    assert any(needs_database(words) for words, _, _ in readme_commands())


def test_the_readme_commands_run_on_the_seeds(workdir: Path):
    ran = 0
    for words, env, _ in readme_commands():
        if not needs_database(words) and not needs_cluster(words):
            run(words, workdir, env)
            ran += 1
    assert ran >= 3 and (workdir / "out" / "csv" / "import.sh").is_file()


@pytest.mark.server
def test_the_readme_database_commands_run_against_a_server(workdir: Path):
    server = shared_server()
    server.clear()
    database = {"NEO4J_URI": server.uri, "NEO4J_USERNAME": "falkordb", "NEO4J_PASSWORD": ""}
    for words, env, expected in readme_commands():
        if needs_cluster(words):
            continue
        output = run(words, workdir, {**env, **database} if needs_database(words) else env)
        assert expected in output, (words, output)


def test_the_readme_cluster_commands_run_on_a_cluster(workdir: Path):
    commands = [(words, env) for words, env, _ in readme_commands() if needs_cluster(words)]
    assert len(commands) >= 3
    cluster = DaskCluster(workers=1).start()
    try:
        for words, env in commands:
            words = [on_cluster(w, cluster.address) for w in words]
            env = {name: on_cluster(value, cluster.address) for name, value in env.items()}
            output = run(words + ["--no-cache"], workdir, env)  # each as if alone: not from the cache the others filled
            where = "a local Dask cluster" if "DASK_SCHEDULER_ADDRESS" not in env and "--scheduler" not in words \
                else f"Dask scheduler {cluster.address}"
            assert f"ran on {where}" in output, (words, output)
    finally:
        cluster.stop()


def test_the_readme_python_runs_on_the_seeds(workdir: Path):
    [code] = [block for language, block in code_blocks(README) if language == "python"]
    result = subprocess.run([sys.executable, "-c", code], cwd=workdir, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (workdir / "out" / "graph.json").is_file()


def test_the_readme_examples_are_in_the_seeds_graph(seeds_graph):
    [example] = [json.loads(block) for language, block in code_blocks(README) if language == "json"]
    assert set(example["graph"]) <= set(seeds_graph.graph)
    assert example["graph"]["documents"][0] in seeds_graph.graph["documents"]
    for node in example["nodes"]:
        data = seeds_graph.nodes[node["id"]]
        assert (data["label"], data["name"]) == (node["label"], node["name"])
        assert set(node["aliases"]) <= set(data["aliases"])
    for edge in example["edges"]:
        evidence = seeds_graph.edges[edge["source"], edge["target"], edge["type"]]["evidence"]
        for item in edge["evidence"]:
            shown = {k: v for k, v in item.items() if k != "text"}
            assert any({k: e.get(k) for k in shown} == shown for e in evidence), (shown, evidence)
    # The ids the schema gives as the seeds' own are in the graph; every id the README shows is one in form.
    seeds_ids = set(re.findall(NODE_ID, re.search(r"Node ids are deterministic:.*?\)", README, re.S).group(0)))
    assert seeds_ids and seeds_ids <= set(seeds_graph.nodes), seeds_ids - set(seeds_graph.nodes)
    for node_id in re.findall(NODE_ID, README):
        assert re.fullmatch(r"[a-z]+:[a-z0-9-]+(\+[a-z0-9-]+)*(:[a-z0-9-]+)?", node_id), node_id


def test_evidence_carries_a_cue_on_the_edges_the_readme_says(seeds_graph):
    with_cue = {"ALLEGES", "CORROBORATES", "DISPUTES", "MEMBER_OF"}
    assert "`cue` is the word or phrase that produced the edge" in README
    for *_, data in seeds_graph.edges(data=True):
        for item in data.get("evidence", []):
            assert ("cue" in item) == (data["type"] in with_cue), (data["type"], item)


def command_table() -> dict[str, list[str]]:
    """Each command of the README's command table with the options its synopsis names."""
    rows = re.findall(r"^\| `graphbuild (\w+)([^`]*)`", README, re.M)
    return {name: re.findall(r"--[a-z][a-z0-9-]*", synopsis) for name, synopsis in rows}


def test_every_option_in_the_readme_command_table_exists_and_help_shows_no_placeholders():
    table = command_table()
    assert set(table) == {"build", "export", "load", "unload", "query", "version"}
    runner = CliRunner()
    for name, options in table.items():
        result = runner.invoke(app, [name, "--help"], env={"COLUMNS": "200"})
        assert result.exit_code == 0, result.output
        text = result.output
        usage = next(line for line in text.splitlines() if "Usage:" in line)
        assert "{" not in usage and "}" not in usage, usage
        assert " ; " not in text and "--debug" in text or name == "version", (name, text)
        for option in options:
            assert option in text, (name, option)
    build_help = runner.invoke(app, ["build", "--help"], env={"COLUMNS": "200"}).output
    assert "GRAPHBUILD_SPACY_MODEL" in build_help


def test_usage_errors_exit_2_as_the_readme_says():
    assert "a short usage box on stderr\nand exit status 2" in README
    for args in (["build"], ["export"], ["build", "seeds", "--workers", "none"], ["query", "--frob"]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2 and "Usage:" in result.stderr, (args, result.output)
