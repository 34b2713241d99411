"""The embedded engine: a private FalkorDB on a unix socket, no network port, gone when the block ends."""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from graph_server import dump, expected_dump, seeds_like_graph
from graphbuild.errors import QueryError, StoreError
from graphbuild.graph import counts
from graphbuild.stores.embedded import EmbeddedEngine
from procfs import gone, listening_tcp, socket_inodes

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to check sockets")


def test_loads_a_graph_and_answers_queries() -> None:
    graph = seeds_like_graph()
    with EmbeddedEngine() as engine:
        assert engine.load(graph) == {"nodes": graph.number_of_nodes(), "relationships": graph.number_of_edges()}
        assert dump(engine) == expected_dump(graph)
        columns, rows = engine.query("MATCH (n) RETURN labels(n)[0] AS label, count(*) AS n ORDER BY label")
        assert columns == ["label", "n"]
        assert dict(map(tuple, rows)) == counts(graph)["nodes"]
        _, rows = engine.query("MATCH (p:Person {id: $id}) RETURN p", {"id": "person:yuri-shvets"})
        assert rows[0][0]["labels"] == ["Person"]
        assert rows[0][0]["properties"]["aliases"] == ["Shivets", "Shvets"]


def test_private_socket_and_no_network_port() -> None:
    with EmbeddedEngine() as engine:
        pid, directory = engine.pid, engine.directory
        assert engine.socket_path.parent == directory and engine.socket_path.is_socket()
        assert oct(directory.stat().st_mode & 0o777) == "0o700"
        assert socket_inodes(pid), "the server holds its unix socket"
        assert not socket_inodes(pid) & set(listening_tcp()), "the engine must not listen on TCP"
    assert gone(pid)
    assert not directory.exists()


def test_stopped_when_the_block_is_interrupted() -> None:
    with pytest.raises(KeyboardInterrupt):
        with EmbeddedEngine() as engine:
            pid, directory = engine.pid, engine.directory
            raise KeyboardInterrupt
    assert gone(pid) and not directory.exists()


def test_query_errors_are_one_line() -> None:
    with EmbeddedEngine() as engine:
        with pytest.raises(QueryError) as err:
            engine.query("MATCH (n RETURN n")
        assert "\n" not in str(err.value) and str(err.value).startswith("the query failed")
        engine.query("RETURN 1")  # the engine is still there
    with pytest.raises(StoreError):
        engine.query("RETURN 1")


CHILD = textwrap.dedent("""
    import sys, time
    from graphbuild.stores.embedded import EmbeddedEngine
    with EmbeddedEngine() as engine:
        print(engine.pid, engine.directory, flush=True)
        time.sleep(60)
""")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["int", "term", "kill"])
def test_stopped_when_the_command_is_signalled(sig: int) -> None:
    child = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True)
    directory = None
    try:
        pid, directory = child.stdout.readline().split()
        child.send_signal(sig)
        child.wait(timeout=30)
        assert gone(int(pid)), "the engine outlived its command"
        if sig != signal.SIGKILL:  # a killed command cannot clean up; the server still exits with it
            assert not Path(directory).exists()
    finally:
        child.kill()
        child.wait()
        if directory:
            shutil.rmtree(directory, ignore_errors=True)
