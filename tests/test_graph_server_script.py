"""scripts/graph-server, run for real: by default it listens on loopback only and has no Bolt port (FalkorDB's
takes writes without a password from every interface); --bolt opens one and says what that exposes."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import redis

from graph_server import free_bolt_port, free_port, private_network, seeds_like_graph
from graphbuild.jsonio import write_json

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "graph-server"
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


@pytest.fixture()
def script(tmp_path):
    """Run the script with its own folder, ports and password; stop whatever it started at the end."""
    env = {**os.environ, "GRAPH_SERVER_DIR": str(tmp_path / "state"), "GRAPH_SERVER_PORT": str(free_port()),
           "GRAPH_SERVER_BOLT_PORT": str(free_bolt_port()), "GRAPH_SERVER_PASSWORD": "s3cret",
           "GRAPHBUILD_PYTHON": sys.executable}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=60)

    run.env = env
    yield run
    run("stop")


def listening(pid: int) -> set[tuple[str, int]]:
    """(address, port) of every socket process ``pid`` listens on, from /proc."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        target = os.readlink(fd)
        if target.startswith("socket:["):
            inodes.add(int(target[8:-1]))
    found = set()
    for table, family in (("tcp", socket.AF_INET), ("tcp6", socket.AF_INET6)):
        for line in Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and int(fields[9]) in inodes:  # 0A: LISTEN
                address, port = fields[1].split(":")
                raw = bytes.fromhex(address)
                raw = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))  # each 32-bit word is little-endian
                found.add((socket.inet_ntop(family, raw), int(port, 16)))
    return found


def graphbuild_load(graph_file: Path, port: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graphbuild", "load", str(graph_file), "--uri",
                           f"bolt://127.0.0.1:{port}", "--timeout", "2"], capture_output=True, text=True, timeout=60)


def test_the_default_server_listens_on_loopback_only_and_takes_no_write_without_the_password(script, tmp_path):
    started = script("start")
    assert started.returncode == 0, started.stderr
    pid = int((tmp_path / "state" / "server.pid").read_text())
    env = script.env
    addresses = listening(pid)
    assert addresses == {("127.0.0.1", int(env["GRAPH_SERVER_PORT"]))}, addresses
    graph_file = write_json(seeds_like_graph(), tmp_path / "graph.json")
    refused = graphbuild_load(graph_file, env["GRAPH_SERVER_BOLT_PORT"])  # no password, as in the issue
    assert refused.returncode == 1 and "cannot reach the database" in refused.stderr, refused.stdout
    assert "no Bolt port" in started.stdout and started.stderr == ""
    native = dict(host="127.0.0.1", port=int(env["GRAPH_SERVER_PORT"]), socket_timeout=2)
    with pytest.raises(redis.exceptions.AuthenticationError):
        redis.Redis(**native).execute_command("GRAPH.QUERY", "g", "CREATE (:X)")
    assert redis.Redis(**native, password="s3cret").ping()
    assert "no Bolt port" in script("status").stdout


def test_bad_arguments_are_a_usage_error(script):
    for args in (["start", "--frob"], ["stop", "--bolt"], ["launch"]):
        result = script(*args)
        assert result.returncode == 2 and result.stderr.startswith("usage: "), args


@pytest.mark.server  # an open Bolt port: only in the private network namespace of the Bolt tests
def test_bolt_is_opt_in_and_the_script_says_what_it_exposes(script, tmp_path):
    assert private_network()
    started = script("start", "--bolt")
    assert started.returncode == 0, started.stderr
    port = script.env["GRAPH_SERVER_BOLT_PORT"]
    warning = started.stderr
    assert f"Bolt port {port} listens on EVERY network interface" in warning
    assert "without a password" in warning and "whatever GRAPH_SERVER_PASSWORD says" in warning
    assert "OPEN to every network interface, no password" in script("status").stdout
    pid = int((tmp_path / "state" / "server.pid").read_text())
    assert any(address in ("0.0.0.0", "::") and p == int(port) for address, p in listening(pid))
    # what the warning says is so: a load with no password at all gets in
    graph_file = write_json(seeds_like_graph(), tmp_path / "graph.json")
    loaded = graphbuild_load(graph_file, port)
    assert loaded.returncode == 0 and loaded.stdout.startswith("loaded 11 nodes"), loaded.stderr
