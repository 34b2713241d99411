"""Neo4j over Bolt with the official driver: load a graph, unload a document, run a query.

Every write is a batched ``UNWIND $rows ... MERGE`` on deterministic ids from :mod:`.rows`, so a load cut
off midway can simply be run again (a first load into a database with none of the graph's labels
CREATEs instead). Batches are bounded in rows, and in bytes too when the server
pastes parameters into the query text: FalkorDB's Bolt endpoint does, and crashes on parameters over
about 4 KB (Neo4j takes them natively, and large batches). Several batches share one managed
transaction, because each commit costs a round trip (about 44 ms on FalkorDB). Driver errors become
one-line :class:`StoreError`; labels and types come from the schema, values only from parameters.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import networkx as nx
from neo4j import WRITE_ACCESS, Driver, GraphDatabase, RoutingControl
from neo4j import exceptions as nx4j

from ..errors import QueryError, StoreError
from ..schema import NODE_LABELS
from . import one_line
from . import rows as R
from .config import Neo4jSettings, batch_bytes_for, check_uri, settings_from
from .values import PROBE, escape_strings, plain

__all__ = ["Neo4jSettings", "Neo4jStore", "LoadReport", "UnloadReport", "settings_from", "load_graph",
           "unload_document", "run_query"]

# The driver logs retries and notifications; a library must not print them, so give it a quiet handler.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

Progress = Callable[[int, int, R.Step], None]
CONNECTION_ERRORS = (nx4j.ServiceUnavailable, nx4j.SessionExpired, OSError)
FIRST_HANDSHAKE = 0.1  # seconds for the first handshake on bolt://; each next attempt gets twice as long


@dataclass(frozen=True)
class LoadReport:
    """What a load wrote: the graph's sizes, the batches sent and their bounds, and what the server newly created.

    ``batch_bytes`` is the byte bound the batches had (None: rows only); ``created`` says the database
    held no node of the schema's labels, so the load CREATEd instead of MERGing.
    """

    nodes: int
    relationships: int
    batches: int
    nodes_created: int
    relationships_created: int
    id_mode: str
    batch_size: int
    batch_bytes: int | None
    created: bool = False

    def summary(self, uri: str) -> str:
        """One line, e.g. "loaded 11 nodes ... in 12 batches of at most 500 rows and 2700 bytes (11 nodes ...)"."""
        bytes_bound = f" and {self.batch_bytes} bytes" if self.batch_bytes else ""
        created = "; written with CREATE: the database held no graph nodes" if self.created else ""
        return (f"loaded {self.nodes} nodes and {self.relationships} relationships into {uri} in {self.batches} "
                f"batches of at most {self.batch_size} rows{bytes_bound} ({self.nodes_created} nodes and "
                f"{self.relationships_created} relationships new; ids kept unique by {self.id_mode}{created})")


@dataclass(frozen=True)
class UnloadReport:
    """What unloading one document removed or changed."""

    document_id: str
    counts: dict[str, int]

    def summary(self, uri: str) -> str:
        parts = ", ".join(f"{n} {what}" for what, n in self.counts.items())
        return f"unloaded document {self.document_id} from {uri}: {parts}"


class Rows(list):
    """A batch's rows, sent like any list, with a short ``repr``.

    The driver writes a debug line for every query it sends, and builds it (the ``repr`` of all the
    parameters) even when its debug log is off: for a load of 60 MB of rows, that was as much client
    time as encoding them.

    >>> Rows([{"id": "person:a"}, {"id": "person:b"}])
    <2 rows>
    """

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def _reason(error: BaseException) -> str:
    """The useful tail of a connection error ("Connection refused", "timed out" ...)."""
    text = one_line(str(error), 1000)
    if "(reason " in text:
        return one_line(text.rsplit("(reason ", 1)[1].rstrip(")"))
    if "handshake" in text.lower() or "deadline" in text.lower():
        return "no reply to the Bolt handshake"
    return one_line(text)


class Neo4jStore:
    """One connection to a Neo4j (Bolt) server for several operations; use it as a context manager.

    >>> with Neo4jStore(settings_from()) as store:      # doctest: +SKIP
    ...     report = store.load(graph)
    """

    def __init__(self, settings: Neo4jSettings) -> None:
        self.settings = settings
        self._driver: Driver | None = None
        self.pastes_parameters = False  # found out on open(); such a server gets escaped strings, small batches

    def __enter__(self) -> Neo4jStore:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def open(self) -> None:
        """Reach the server and log in, or raise a one-line StoreError within the timeout."""
        self._driver = self._connect()
        try:
            self.execute("RETURN 1 AS ok", {}, doing="checking the database")
            self.pastes_parameters = self._probe_pastes_parameters()
        except BaseException:
            self.close()
            raise

    def _connect(self) -> Driver:
        """A driver that has completed a handshake and login.

        On a direct ``bolt://`` URI, handshakes are tried with growing time limits until the timeout:
        FalkorDB's Bolt port leaves one new connection unanswered for each connection closed before,
        and only a later attempt gets through. A refused connection fails at once.
        """
        s = self.settings
        check_uri(s.uri)
        deadline = time.monotonic() + s.timeout
        limit = FIRST_HANDSHAKE if s.uri.startswith("bolt") else s.timeout
        while True:
            attempt = max(min(limit, deadline - time.monotonic()), 0.05)
            driver = self._new_driver(attempt)
            try:
                self._verify(driver)
                return driver
            except CONNECTION_ERRORS as e:
                driver.close()
                final = any(word in str(e).lower() for word in ("refused", "dns resolve"))  # no use in waiting
                if final or time.monotonic() >= deadline - 0.05:
                    raise StoreError(f"{s.uri}: cannot reach the database ({_reason(e)})") from e
            except BaseException:
                driver.close()
                raise
            limit *= 2

    def _new_driver(self, handshake_timeout: float) -> Driver:
        s = self.settings
        try:
            return GraphDatabase.driver(
                s.uri, auth=(s.user, s.password), user_agent="graphbuild", connection_timeout=handshake_timeout,
                connection_acquisition_timeout=handshake_timeout, max_transaction_retry_time=s.timeout / 2)
        except (nx4j.ConfigurationError, ValueError) as e:
            raise StoreError(f"invalid database URI {s.uri!r}: {one_line(e)}") from e

    def close(self) -> None:
        """Close the driver; safe to call more than once."""
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    @property
    def driver(self) -> Driver:
        if self._driver is None:
            raise StoreError("not connected to the database")
        return self._driver

    def _verify(self, driver: Driver) -> None:
        """Handshake and log in; connection errors pass through to be retried, others become StoreError."""
        where, user = self.settings.uri, self.settings.user
        try:
            driver.verify_connectivity()
        except nx4j.AuthError as e:
            raise StoreError(f"{where}: login as {user!r} refused: wrong user name or password") from e
        except CONNECTION_ERRORS:
            raise
        except nx4j.Neo4jError as e:
            if (e.code or "").endswith("AuthenticationRateLimit"):  # Neo4j, after repeated wrong passwords
                raise StoreError(f"{where}: login as {user!r} refused: too many failed logins in a row; wait a few "
                                 "seconds, then check the user name and password") from e
            # FalkorDB answers a wrong password with a generic DatabaseError.
            raise StoreError(f"{where}: login as {user!r} refused ({one_line(e)}); "
                             "check the user name and password") from e
        except nx4j.DriverError as e:
            raise StoreError(f"{where}: cannot connect ({one_line(e)})") from e

    def _probe_pastes_parameters(self) -> bool:
        """Whether the server pastes parameters into query text, strings unescaped (FalkorDB's Bolt does).

        Such a server fails on a quote and reads backslashes as escapes. One probe finds out; if so,
        strings are escaped before sending so they arrive intact, and if even that does not give
        them back unchanged, nothing is written.
        """
        def echo(value: str) -> str | None:
            try:
                records = self.execute("RETURN $probe AS probe", {"probe": value}, doing="a test query").records
            except StoreError:
                return None
            return records[0]["probe"] if records else None

        if echo(PROBE) == PROBE:
            return False
        if echo(escape_strings(PROBE)) == PROBE:
            return True
        raise StoreError(f"{self.settings.uri}: the server does not return string parameters intact; "
                         "not writing to it")

    def _params(self, params: dict[str, Any]) -> dict[str, Any]:
        return escape_strings(params) if self.pastes_parameters else params

    @property
    def batch_bytes(self) -> int | None:
        """The byte bound a load's batches get here (None: rows only); known once the store is open."""
        return batch_bytes_for(self.settings.batch_bytes, pastes_parameters=self.pastes_parameters)

    @contextmanager
    def _errors(self, doing: str, *, after_loss: str = "") -> Iterator[None]:
        """Driver errors inside the block as one-line StoreErrors naming what was being done.

        ``after_loss`` is advice added when the connection was lost.
        """
        s = self.settings
        try:
            yield
        except nx4j.Neo4jError as e:
            if (e.code or "").endswith("DatabaseNotFound"):
                raise StoreError(f"{s.uri}: unknown database {s.database!r}") from e
            raise StoreError(f"{s.uri}: the server refused {doing}: {one_line(e)}") from e
        except CONNECTION_ERRORS as e:
            raise StoreError(f"{s.uri}: lost the connection while {doing} ({_reason(e)}){after_loss}") from e
        except nx4j.DriverError as e:
            raise StoreError(f"{s.uri}: failed while {doing} ({one_line(e)}){after_loss}") from e
        except (ValueError, TypeError, OverflowError) as e:  # the driver cannot encode a parameter
            raise StoreError(f"{s.uri}: cannot send {doing}: {one_line(e)}") from e

    def execute(self, query: str, params: dict[str, Any], *, doing: str) -> Any:
        """Run one query in its own managed transaction; return the driver's eager result."""
        with self._errors(doing):
            return self.driver.execute_query(query, parameters_=self._params(params), database_=self.settings.database,
                                             routing_=RoutingControl.WRITE)

    def write(self, steps: list[R.Step], *, doing: str, after_loss: str = "") -> list[Any]:
        """Run the steps' queries in order in one managed transaction; return each one's counters."""
        def work(tx: Any) -> list[Any]:
            return [tx.run(step.query, {"rows": Rows(self._params({"rows": step.rows})["rows"])}).consume().counters
                    for step in steps]

        with self._errors(doing, after_loss=after_loss):
            with self.driver.session(database=self.settings.database, default_access_mode=WRITE_ACCESS) as session:
                return session.execute_write(work)

    def ensure_id_indexes(self) -> str:
        """Uniqueness constraints on ``id`` where the server takes them, else indexes; returns which.

        Support is found by trying the Neo4j 5 constraint, not by reading the server's agent string.
        """
        try:
            with self._errors("a uniqueness constraint"):
                self.driver.execute_query(R.constraint_query(NODE_LABELS[0]), database_=self.settings.database)
        except StoreError as e:
            refused = isinstance(e.__cause__, nx4j.Neo4jError)
            if not refused or (e.__cause__.code or "").endswith("DatabaseNotFound"):
                raise
            return self._ensure_indexes()
        for label in NODE_LABELS[1:]:
            self.execute(R.constraint_query(label), {}, doing=f"a uniqueness constraint on {label}.id")
        return "uniqueness constraints"

    def _ensure_indexes(self) -> str:
        """Create the missing ``id`` indexes; FalkorDB rejects a repeated CREATE INDEX, so look first."""
        try:
            records = self.driver.execute_query("CALL db.indexes() YIELD label, properties RETURN label, properties",
                                                database_=self.settings.database).records
        except nx4j.Neo4jError:
            records = None  # Neo4j 5 has no db.indexes(); it takes CREATE INDEX ... IF NOT EXISTS instead
        existing = {r["label"] for r in records or [] if "id" in (r["properties"] or [])}
        for label in NODE_LABELS:
            if label not in existing:
                query = R.index_query(label, if_not_exists=records is None)
                self.execute(query, {}, doing=f"an index on {label}.id")
        return "indexes"

    def holds_no_graph_nodes(self) -> bool:
        """Whether the database has no node with any of the schema's labels (Neo4j counts them in O(1))."""
        for label in NODE_LABELS:
            records = self.execute(R.count_label_query(label), {}, doing="counting existing nodes").records
            if records and records[0]["n"]:
                return False
        return True

    def load(self, graph: nx.MultiDiGraph, *, progress: Progress | None = None) -> LoadReport:
        """MERGE the graph into the database; repeating it changes nothing, and a cut-off load can be rerun.

        Into a database with uniqueness constraints and no node of the schema's labels, the same graph is
        CREATEd instead, which costs the server less. A load cut off then has left nodes behind, so
        its rerun MERGEs; two such loads at once cannot both create a node, the constraints refuse it.
        ``progress(done, total, step)`` is called for each batch once its transaction has committed.
        """
        s = self.settings
        batch_bytes = self.batch_bytes
        mode = self.ensure_id_indexes()
        create = mode == "uniqueness constraints" and self.holds_no_graph_nodes()
        plan = R.write_plan(graph, max_rows=s.batch_size, max_bytes=batch_bytes, create=create)
        created = {"node": 0, "edge": 0}
        done = 0
        for start in range(0, len(plan), s.batches_per_transaction):
            group = plan[start:start + s.batches_per_transaction]
            first, last = start + 1, start + len(group)
            doing = f"writing batch {first} of {len(plan)}" if first == last else \
                f"writing batches {first}-{last} of {len(plan)}"
            counters_list = self.write(group, doing=doing, after_loss="; run the load again to complete it")
            for step, counters in zip(group, counters_list):
                created[step.kind] += counters.nodes_created + counters.relationships_created
                done += 1
                if progress:
                    progress(done, len(plan), step)
        return LoadReport(graph.number_of_nodes(), graph.number_of_edges(), len(plan),
                          created["node"], created["edge"], mode, s.batch_size, batch_bytes, create)

    def unload(self, ref: str) -> UnloadReport:
        """Remove what only document ``ref`` (its id, node id, name or path) supports, and its evidence elsewhere."""
        doc_id = self._find_document(ref)
        counts = {}
        for what, query in R.UNLOAD_QUERIES:
            records = self.execute(query, {"document": doc_id}, doing=f"unloading ({what})").records
            counts[what] = records[0]["n"] if records else 0
        return UnloadReport(doc_id, counts)

    def _find_document(self, ref: str) -> str:
        records = self.execute(R.FIND_DOCUMENT_QUERY, {"ref": ref}, doing="finding the document").records
        ids = sorted({r["document_id"] for r in records if r["document_id"]})
        if len(ids) > 1:
            raise StoreError(f"{ref!r} names {len(ids)} documents ({', '.join(ids)}); give a document id")
        if ids:
            return ids[0]
        found = self.execute("MATCH (n) WHERE $ref IN n.document_ids RETURN count(*) AS n", {"ref": ref},
                             doing="finding the document").records
        if found and found[0]["n"]:
            return ref
        raise StoreError(f"{self.settings.uri}: no document {ref!r} in the database")

    def query(self, text: str, params: dict[str, Any] | None = None) -> tuple[list[str], list[list[Any]]]:
        """Run one Cypher query; return its column names and rows of plain Python values."""
        s = self.settings
        try:
            result = self.driver.execute_query(text, parameters_=self._params(params or {}), database_=s.database,
                                               routing_=RoutingControl.WRITE)
        except nx4j.ClientError as e:
            if (e.code or "").endswith("DatabaseNotFound"):
                raise StoreError(f"{s.uri}: unknown database {s.database!r}") from e
            raise QueryError(f"the query failed: {one_line(e)}") from e
        except (nx4j.Neo4jError, nx4j.DriverError, OSError, ValueError, TypeError, OverflowError) as e:
            raise StoreError(f"{s.uri}: the query failed ({one_line(e)})") from e
        return list(result.keys), [[plain(v) for v in record.values()] for record in result.records]

    def counts(self) -> dict[str, dict[str, int]]:
        """Nodes per label and relationships per type, like :func:`graphbuild.graph.counts`."""
        nodes = self.execute(R.COUNT_NODES_QUERY, {}, doing="counting nodes").records
        edges = self.execute(R.COUNT_EDGES_QUERY, {}, doing="counting relationships").records
        return {"nodes": {r["label"]: r["n"] for r in nodes}, "edges": {r["type"]: r["n"] for r in edges}}


def load_graph(graph: nx.MultiDiGraph, settings: Neo4jSettings, *, progress: Progress | None = None) -> LoadReport:
    """Connect, load ``graph`` (see :meth:`Neo4jStore.load`) and disconnect."""
    with Neo4jStore(settings) as store:
        return store.load(graph, progress=progress)


def unload_document(ref: str, settings: Neo4jSettings) -> UnloadReport:
    """Connect, unload one document (see :meth:`Neo4jStore.unload`) and disconnect."""
    with Neo4jStore(settings) as store:
        return store.unload(ref)


def run_query(text: str, params: dict[str, Any], settings: Neo4jSettings) -> tuple[list[str], list[list[Any]]]:
    """Connect, run one query and disconnect."""
    with Neo4jStore(settings) as store:
        return store.query(text, params)
