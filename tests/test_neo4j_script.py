"""``scripts/neo4j-server``: start, status and stop are idempotent, the server is set up as promised (Bolt on
127.0.0.1 only and nothing else listening, authentication on, usage reporting off), and set-up faults are
one line with exit status 1."""
from __future__ import annotations

import socket
from pathlib import Path

import pytest

from graphbuild.stores.neo4j import Neo4jStore
from neo4j_server import Neo4jServer, shared_neo4j
from procfs import alive, listening_tcp, socket_inodes

pytestmark = pytest.mark.neo4j


def listening_ports(pid: int) -> set[tuple[str, int]]:
    """(hex address, port) of every TCP socket process ``pid`` listens on."""
    return {where for inode, where in listening_tcp().items() if inode in socket_inodes(pid)}


LOOPBACK = {"0100007F", "0000000000000000FFFF00000100007F"}  # 127.0.0.1, as IPv4 and as IPv6-mapped


def one_line_failure(result, *words: str) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("neo4j-server: "), result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def test_start_status_stop_are_idempotent_and_stop_removes_the_data() -> None:
    server = Neo4jServer()
    try:
        assert server.script("status").returncode == 3
        server.start()
        home = Path((server.state / "home").read_text().strip())
        assert (home / "data" / "databases" / "neo4j").is_dir()
        again = server.script("start")  # already running: same URI, nothing new
        assert again.returncode == 0 and again.stdout.strip() == server.uri and "already running" in again.stderr
        status = server.script("status")
        assert status.returncode == 0 and f"running (pid {server.pid}), Bolt {server.uri}" in status.stdout
        stopped = server.script("stop")
        assert stopped.returncode == 0 and "stopped" in stopped.stderr
        assert not home.exists() and not alive(server.pid)
        twice = server.script("stop")
        assert twice.returncode == 0 and "not running" in twice.stderr
        assert server.script("status").returncode == 3
    finally:
        server.remove()


def test_bolt_only_on_loopback_with_authentication_and_no_usage_reports() -> None:
    server = shared_neo4j()
    assert {(address in LOOPBACK, port) for address, port in listening_ports(server.pid)} == {(True, server.port)}
    with Neo4jStore(server.settings()) as store:
        _, rows = store.query("CALL dbms.listConfig() YIELD name, value WHERE name IN $names RETURN name, value "
                              "ORDER BY name", {"names": ["dbms.security.auth_enabled", "dbms.usage_report.enabled",
                                                          "server.bolt.listen_address", "server.http.enabled"]})
    assert rows == [["dbms.security.auth_enabled", "true"], ["dbms.usage_report.enabled", "false"],
                    ["server.bolt.listen_address", f"127.0.0.1:{server.port}"], ["server.http.enabled", "false"]]


def test_a_port_in_use_is_a_one_line_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        server = Neo4jServer()
        server.port = taken.getsockname()[1]
        try:
            one_line_failure(server.script("start"), f"port {server.port} on 127.0.0.1 is in use", "NEO4J_PORT")
            assert not (server.state / "server.pid").exists()
        finally:
            server.remove()


def test_set_up_faults_are_one_line_errors() -> None:
    server = Neo4jServer(password="short")
    try:
        one_line_failure(server.script("start"), "NEO4J_PASSWORD must have 8 characters at least")
        no_java = str(server.state / "no-java")
        one_line_failure(server.script("start", NEO4J_PASSWORD="long enough", NEO4J_JAVA=no_java),
                         "needs Java 17 or 21 and Maven", "apt-get install openjdk-17-jdk-headless maven")
        one_line_failure(server.script("start", NEO4J_PORT="http"), "NEO4J_PORT must be a port number")
        assert server.script("status").returncode == 3  # nothing was started
    finally:
        server.remove()
