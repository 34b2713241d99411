"""Real Neo4j Community servers for the ``neo4j`` test tier, run by ``scripts/neo4j-server``.

Each ``Neo4jServer`` has its own state folder and a free port on 127.0.0.1, so the tests never touch a
server a developer runs on 7687. The server is told to exit when the test process ends, even if it
is killed. ``shared_neo4j()`` starts one server per test session (10-30 s); it is stopped at exit.
"""
from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from graph_server import free_port
from graphbuild.stores.neo4j import Neo4jSettings, Neo4jStore
from procfs import alive, gone

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "neo4j-server"
PASSWORD = "graphbuild-test"
TIMEOUT = 10.0  # seconds to connect: Neo4j answers at once, this only bounds a hang
# The JVM's quick compiler only: a test server lives for a few loads, and with the optimising compiler it
# starts in twice the time and runs its first loads slower (measured here: 17 s against 32 s to start).
QUICK_JIT = "-XX:TieredStopAtLevel=1"


class Neo4jServer:
    """One Neo4j started by the script; ``home`` keeps the data on a folder of the caller's (else a temp one).

    ``java_opts`` are added to the JVM's options (the benchmark gives none: a server as users run it).
    """

    def __init__(self, *, home: Path | None = None, password: str = PASSWORD, java_opts: str = QUICK_JIT) -> None:
        self.state = Path(tempfile.mkdtemp(prefix="graphbuild-test-neo4j-"))
        self.port = free_port()
        self.home = home
        self.password = password
        self.java_opts = java_opts
        self.pid: int | None = None

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        env = {**os.environ, "NEO4J_PORT": str(self.port), "NEO4J_PASSWORD": self.password,
               "NEO4J_SERVER_DIR": str(self.state), "NEO4J_JAVA_OPTS": self.java_opts,
               "GRAPHBUILD_NEO4J_PARENT": str(os.getpid())}
        env.pop("NEO4J_SERVER_HOME", None)
        if self.home is not None:
            env["NEO4J_SERVER_HOME"] = str(self.home)
        return env

    def script(self, *args: str, timeout: float = 300, **env: str) -> subprocess.CompletedProcess:
        """Run ``scripts/neo4j-server ARGS`` for this server, with ``env`` added to its environment."""
        return subprocess.run([str(SCRIPT), *args], env={**self.env(), **env}, capture_output=True, text=True,
                              timeout=timeout, stdin=subprocess.DEVNULL)

    def start(self) -> Neo4jServer:
        result = self.script("start")
        if result.returncode != 0:
            raise RuntimeError(f"scripts/neo4j-server start failed: {result.stderr.strip()}")
        assert result.stdout.strip() == self.uri, result.stdout
        self.pid = int((self.state / "server.pid").read_text())
        return self

    def stop(self) -> None:
        if self.pid is not None:
            self.script("stop")
            self.pid = None

    def kill(self) -> None:
        """SIGKILL the JVM, as a crash or a pulled plug would; its committed transactions stay on disk."""
        if self.pid is not None:
            os.kill(self.pid, signal.SIGKILL)
            assert gone(self.pid, 30)
            self.pid = None

    crash = kill

    def restart(self) -> Neo4jServer:
        """Start again after a crash or a stop, on the same home (give the server one to keep its data)."""
        return self.start()

    def remove(self) -> None:
        """Stop and remove the state folder (a temporary home goes with the stop)."""
        self.stop()
        shutil.rmtree(self.state, ignore_errors=True)

    def settings(self, **changes) -> Neo4jSettings:
        base = dict(uri=self.uri, user="neo4j", password=self.password, timeout=TIMEOUT)
        return Neo4jSettings(**{**base, **changes})

    def login(self) -> list[str]:
        """The command-line options that reach this server."""
        return ["--uri", self.uri, "--user", "neo4j", "--password", self.password]


def clear(store: Neo4jStore) -> None:
    """An empty database: no nodes, relationships, constraints or indexes of ours."""
    store.execute("MATCH (n) DETACH DELETE n", {}, doing="clearing")
    for name in [r[0] for r in store.query("SHOW CONSTRAINTS YIELD name RETURN name")[1]]:
        store.execute(f"DROP CONSTRAINT `{name}`", {}, doing="dropping a constraint")
    for name in [r[0] for r in store.query("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name")[1]]:
        store.execute(f"DROP INDEX `{name}`", {}, doing="dropping an index")


_shared: Neo4jServer | None = None


def shared_neo4j() -> Neo4jServer:
    """The test session's Neo4j, started on first use and stopped at exit."""
    global _shared
    if _shared is None or _shared.pid is None or not alive(_shared.pid):
        _shared = Neo4jServer().start()
        atexit.register(_shared.remove)
    return _shared
