"""Pure row building and query text for graph stores: no I/O here.

The graph becomes, per node label and per (relation type, source label, target label), lists of rows
that one ``UNWIND $rows AS row MERGE ...`` query writes. Property values are what Neo4j accepts
(primitives and lists of one primitive type, never maps), so edge evidence is flattened into
parallel lists: ``evidence_texts[i]`` was found in ``evidence_documents[i]`` at
``evidence_starts[i]``..``evidence_ends[i]`` (on page ``evidence_pages[i]``, 0 if unpaged, of a
document published ``evidence_published[i]``, "" if unknown). Every node also carries ``document_ids``, the
documents that support it, which is what ``unload`` uses.

Labels and relation types reach query text only through :func:`graphbuild.schema.check_label` and
:func:`graphbuild.schema.check_relation`; every value travels as a query parameter.
"""
from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import networkx as nx

from ..schema import NODE_LABELS, check_label, check_relation

# Graph attribute -> relationship property holding that evidence field, one list entry per item
# (_evidence_values reads the fields in this order).
EVIDENCE_LISTS: dict[str, str] = {
    "document": "evidence_documents",
    "document_id": "evidence_document_ids",
    "text": "evidence_texts",
    "start": "evidence_starts",
    "end": "evidence_ends",
    "cue": "evidence_cues",
    "page": "evidence_pages",
    "published": "evidence_published",
}
# Node attributes that are not stored as properties: the label becomes the node's label.
NODE_SKIP = ("label",)
EDGE_SKIP = ("type", "evidence")
PRIMITIVES = (str, bool, int, float)
INT64 = range(-2**63, 2**63)


@dataclass(frozen=True)
class Step:
    """One write: a query and the rows it unwinds. ``kind`` is ``node`` or ``edge``; ``group`` names the label or type."""

    kind: str
    group: str
    query: str
    rows: list[dict[str, Any]]


def property_value(value: Any) -> Any:
    """A value Neo4j can store: primitives and lists of one primitive type pass; anything else becomes JSON text.

    >>> property_value(["a", "b"])
    ['a', 'b']
    >>> property_value({"k": 1})
    '{"k": 1}'
    >>> property_value(2**70)
    '1180591620717411303424'
    """
    if isinstance(value, int) and not isinstance(value, bool) and value not in INT64:
        return str(value)  # Bolt integers are 64-bit
    if value is None or isinstance(value, PRIMITIVES):
        return value
    if isinstance(value, (list, tuple)):
        kinds = {type(v) for v in value}
        fits = all(v in INT64 for v in value) if kinds == {int} else True
        if not kinds or (len(kinds) == 1 and kinds <= set(PRIMITIVES) and fits):
            return list(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _props(data: dict[str, Any], skip: Iterable[str]) -> dict[str, Any]:
    """Storable properties in key order; ``None`` is dropped because Neo4j cannot store it."""
    out = {}
    for key in sorted(data):
        if key in skip:
            continue
        value = property_value(data[key])
        if value is not None:
            out[key] = value
    return out


def node_documents(graph: nx.MultiDiGraph) -> dict[str, list[str]]:
    """For each node, the sorted ids of the documents that support it.

    A document supports a node when the node is that document, is ``MENTIONED_IN`` it or ``PUBLISHED`` it, or has an edge
    with evidence from it. Unloading a document deletes the nodes it alone supports.
    """
    docs: dict[str, set[str]] = {nid: set() for nid in graph.nodes}
    for nid, data in graph.nodes(data=True):
        if data["label"] == "Document" and data.get("document_id"):
            docs[nid].add(data["document_id"])
    for source, target, data in graph.edges(data=True):
        found = {e["document_id"] for e in data.get("evidence", []) if e.get("document_id")}
        if data["type"] in ("MENTIONED_IN", "PUBLISHED") and graph.nodes[target].get("document_id"):
            found.add(graph.nodes[target]["document_id"])
        docs[source] |= found
        docs[target] |= found
    return {nid: sorted(found) for nid, found in docs.items()}


def node_rows(graph: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """Rows per label, in schema order, each ``{"id", "props", "document_ids"}``, sorted by id."""
    docs = node_documents(graph)
    out: dict[str, list[dict[str, Any]]] = {}
    for nid in sorted(graph.nodes):
        data = graph.nodes[nid]
        row = {"id": nid, "props": _props(data, NODE_SKIP), "document_ids": docs[nid]}
        out.setdefault(check_label(data["label"]), []).append(row)
    return {label: out[label] for label in NODE_LABELS if label in out}


def evidence_lists(evidence: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Evidence items as parallel lists; a missing cue or date is ``""`` and a missing page ``0``, so the
    lists stay aligned."""
    columns = zip(*map(_evidence_values, evidence)) if evidence else ((),) * len(EVIDENCE_LISTS)
    return {prop: list(column) for prop, column in zip(EVIDENCE_LISTS.values(), columns)}


def _evidence_values(item: dict[str, Any]) -> tuple[Any, ...]:
    """One item's fields in the order of :data:`EVIDENCE_LISTS`, in one call (a load makes ~100,000):
    texts as ``str`` ("" if missing), offsets as ``int`` (-1 if missing), the page as ``int`` (0: not a
    paged document)."""
    document, document_id, text, start, end, cue, page, published = map(item.get, EVIDENCE_LISTS)
    return ("" if document is None else str(document), "" if document_id is None else str(document_id),
            "" if text is None else str(text), -1 if start is None else int(start), -1 if end is None else int(end),
            "" if cue is None else str(cue), 0 if page is None else int(page),
            "" if published is None else str(published))


def edge_row(source: str, target: str, data: dict[str, Any]) -> dict[str, Any]:
    """One edge row: endpoints, plain properties, the evidence lists, and ``replace``.

    ``replace`` lists the documents whose evidence already stored on the edge this row supersedes;
    evidence from other documents (loaded from another graph) is kept.
    """
    evidence = list(data.get("evidence", []))
    row = {"source": source, "target": target, "props": _props(data, EDGE_SKIP)}
    row["replace"] = sorted({str(e.get("document_id", "")) for e in evidence})
    row.update(evidence_lists(evidence))
    return row


def edge_rows(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """Rows per (relation type, source label, target label), in a fixed order."""
    out: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for source, target, _key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        group = (check_relation(data["type"]), check_label(graph.nodes[source]["label"]),
                 check_label(graph.nodes[target]["label"]))
        out.setdefault(group, []).append(edge_row(source, target, data))
    return dict(sorted(out.items()))


def row_size(row: dict[str, Any]) -> int:
    """The row's size in bytes as compact UTF-8 JSON, close to what a server renders from it."""
    return len(json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def batches(rows: list[dict[str, Any]], max_rows: int, max_bytes: int | None) -> Iterator[list[dict[str, Any]]]:
    """Consecutive batches of at most ``max_rows`` rows and, when it is set, ``max_bytes`` bytes.

    A single row larger than ``max_bytes`` still goes out, alone.
    """
    batch: list[dict[str, Any]] = []
    size = 0
    for row in rows:
        n = row_size(row) + 1 if max_bytes is not None else 0  # sizing a row costs a JSON encoding of it
        if batch and (len(batch) >= max_rows or (max_bytes is not None and size + n > max_bytes)):
            yield batch
            batch, size = [], 0
        batch.append(row)
        size += n
    if batch:
        yield batch


def split_edge_row(row: dict[str, Any], max_bytes: int) -> list[dict[str, Any]]:
    """Split an edge row whose evidence is too big for one batch into rows that each fit.

    A part replaces the stored evidence of the documents that first appear in it and only appends for
    the others, so sending the parts in order gives the edge all of its evidence, and sending them
    again changes nothing. (``replace`` is split too: an edge cited by hundreds of documents has a
    ``replace`` list too big for one batch on its own.)
    """
    items = [dict(zip(EVIDENCE_LISTS.values(), values)) for values in zip(*(row[p] for p in EVIDENCE_LISTS.values()))]
    parts: list[dict[str, Any]] = []
    replaced: set[str] = set()
    chunk: list[dict[str, Any]] = []
    for item in items:
        if chunk and row_size(_part(row, chunk + [item], replaced)) > max_bytes:
            parts.append(_part(row, chunk, replaced))
            replaced.update(parts[-1]["replace"])
            chunk = []
        chunk.append(item)
    parts.append(_part(row, chunk, replaced))
    return parts


def _part(row: dict[str, Any], items: list[dict[str, Any]], replaced: set[str]) -> dict[str, Any]:
    """A part of ``row`` with ``items``, replacing the documents among them not ``replaced`` by earlier parts."""
    first_seen = {item["evidence_document_ids"] for item in items} - replaced
    part = {"source": row["source"], "target": row["target"], "props": row["props"],
            "replace": sorted(first_seen)}
    part.update({prop: [item[prop] for item in items] for prop in EVIDENCE_LISTS.values()})
    return part


def write_plan(graph: nx.MultiDiGraph, *, max_rows: int = 500, max_bytes: int | None = None,
               rows_expr: str = "$rows", create: bool = False) -> list[Step]:
    """Every write needed to store ``graph``, in order: nodes by label, then edges by group.

    ``rows_expr`` is what the queries unwind: ``$rows`` for a parameter (the loaders), or a literal
    list for a script. ``create`` is for a database that holds none of the graph's nodes: whole rows
    are then CREATEd, which costs the server less than MERGE (nothing to find, no evidence to merge),
    and only the parts of a row split by ``max_bytes`` are MERGEd, each onto the one before.
    """
    if max_rows < 1:
        raise ValueError("max_rows must be at least 1")
    with _collector_paused():
        return _plan(graph, max_rows, max_bytes, rows_expr, create)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector: the rows hold no cycles and are all kept, so its passes
    would only scan the graph's millions of objects again and again (half the time of the rows of
    90,000 edges, measured)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _plan(graph: nx.MultiDiGraph, max_rows: int, max_bytes: int | None, rows_expr: str, create: bool) -> list[Step]:
    steps = []
    for label, rows in node_rows(graph).items():
        merge, whole = merge_nodes_query(label, rows_expr), create_nodes_query(label, rows_expr)
        steps += [Step("node", label, merge if part or not create else whole, batch)
                  for batch, part in _node_batches(rows, max_rows, max_bytes)]
    for (rel, src, dst), rows in edge_rows(graph).items():
        merge, whole = merge_edges_query(rel, src, dst, rows_expr), create_edges_query(rel, src, dst, rows_expr)
        # Two edges of one type between the same nodes (other keys) are one relationship: MERGE them.
        creates = create and len({(row["source"], row["target"]) for row in rows}) == len(rows)
        steps += [Step("edge", rel, merge if part or not creates else whole, batch)
                  for batch, part in _edge_batches(rows, max_rows, max_bytes)]
    return steps


def split_node_row(row: dict[str, Any], max_bytes: int) -> list[dict[str, Any]]:
    """Split a node row whose ``document_ids`` make it too big into rows that each fit; the node query
    adds each part's ids to the stored ones, so the parts together give the node all of them."""
    parts: list[dict[str, Any]] = []
    chunk: list[str] = []
    for doc_id in row["document_ids"]:
        if chunk and row_size({**row, "document_ids": chunk + [doc_id]}) > max_bytes:
            parts.append({**row, "document_ids": chunk})
            chunk = []
        chunk.append(doc_id)
    parts.append({**row, "document_ids": chunk})
    return parts


Batch = tuple[list[dict[str, Any]], bool]  # rows, and whether they are one part of a split row


def _split_batches(rows: list[dict[str, Any]], max_rows: int, max_bytes: int | None, list_key: str,
                   split: Callable[[dict[str, Any], int], list[dict[str, Any]]]) -> Iterator[Batch]:
    """Batches of rows; a row too big for ``max_bytes`` whose ``list_key`` list can be divided is split
    by ``split`` and each part goes alone, so the parts stay in order."""
    pending: list[dict[str, Any]] = []
    for row in rows:
        if max_bytes is not None and row_size(row) > max_bytes and len(row[list_key]) > 1:
            yield from ((batch, False) for batch in batches(pending, max_rows, max_bytes))
            pending = []
            yield from (([part], True) for part in split(row, max_bytes))
        else:
            pending.append(row)
    yield from ((batch, False) for batch in batches(pending, max_rows, max_bytes))


def _node_batches(rows: list[dict[str, Any]], max_rows: int, max_bytes: int | None) -> Iterator[Batch]:
    """A node named in very many documents is split over several rows."""
    return _split_batches(rows, max_rows, max_bytes, "document_ids", split_node_row)


def _edge_batches(rows: list[dict[str, Any]], max_rows: int, max_bytes: int | None) -> Iterator[Batch]:
    """An edge with very much evidence is split over several rows."""
    return _split_batches(rows, max_rows, max_bytes, "evidence_texts", split_edge_row)


def merge_nodes_query(label: str, rows_expr: str = "$rows") -> str:
    """MERGE nodes of one label on ``id``, set their properties, and add to their ``document_ids``."""
    label = check_label(label)
    return (
        f"UNWIND {rows_expr} AS row "
        f"MERGE (n:{label} {{id: row.id}}) "
        "SET n += row.props "
        "SET n.document_ids = [x IN coalesce(n.document_ids, []) WHERE NOT x IN row.document_ids] + row.document_ids"
    )


def merge_edges_query(rel_type: str, source_label: str, target_label: str, rows_expr: str = "$rows") -> str:
    """MERGE relationships of one type between nodes matched by label and id; merge their evidence.

    Stored evidence items from a document in ``row.replace`` are dropped, the others kept, and the
    row's items appended, so loading the same graph twice changes nothing.
    """
    rel_type, source_label, target_label = check_relation(rel_type), check_label(source_label), check_label(target_label)
    keep = ("[i IN range(0, size(coalesce(r.evidence_document_ids, [])) - 1) "
            "WHERE NOT r.evidence_document_ids[i] IN row.replace] AS keep")
    sets = ", ".join(f"r.{p} = [i IN keep | r.{p}[i]] + row.{p}" for p in EVIDENCE_LISTS.values())
    return (
        f"UNWIND {rows_expr} AS row "
        f"MATCH (a:{source_label} {{id: row.source}}) "
        f"MATCH (b:{target_label} {{id: row.target}}) "
        f"MERGE (a)-[r:{rel_type}]->(b) "
        "SET r += row.props "
        f"WITH r, row, {keep} "
        f"SET {sets}"
    )


def create_nodes_query(label: str, rows_expr: str = "$rows") -> str:
    """CREATE nodes of one label, for a database that has none of them: the node MERGE query's result."""
    label = check_label(label)
    return (f"UNWIND {rows_expr} AS row "
            f"CREATE (n:{label} {{id: row.id}}) "
            "SET n += row.props, n.document_ids = row.document_ids")


def create_edges_query(rel_type: str, source_label: str, target_label: str, rows_expr: str = "$rows") -> str:
    """CREATE relationships of one type between nodes matched by label and id, for a database that has
    none of them: the edge MERGE query's result, evidence lists as given."""
    rel_type, source_label, target_label = check_relation(rel_type), check_label(source_label), check_label(target_label)
    sets = ", ".join(f"r.{p} = row.{p}" for p in EVIDENCE_LISTS.values())
    return (f"UNWIND {rows_expr} AS row "
            f"MATCH (a:{source_label} {{id: row.source}}) "
            f"MATCH (b:{target_label} {{id: row.target}}) "
            f"CREATE (a)-[r:{rel_type}]->(b) "
            f"SET r += row.props, {sets}")


def count_label_query(label: str) -> str:
    """The number of nodes with ``label``, as ``n``."""
    return f"MATCH (n:{check_label(label)}) RETURN count(n) AS n"


def constraint_query(label: str) -> str:
    """Neo4j 5: a uniqueness constraint on ``id`` (which also indexes it)."""
    label = check_label(label)
    return f"CREATE CONSTRAINT graphbuild_{label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"


def index_query(label: str, *, if_not_exists: bool = False) -> str:
    """A plain index on ``id``, for servers without uniqueness constraints (FalkorDB takes only the short form)."""
    label = check_label(label)
    if if_not_exists:
        return f"CREATE INDEX graphbuild_{label.lower()}_id IF NOT EXISTS FOR (n:{label}) ON (n.id)"
    return f"CREATE INDEX FOR (n:{label}) ON (n.id)"


# Unloading a document, in order; each query takes ``$document`` (a document id) and returns ``n``.
# Each step is safe to repeat, so an unload cut off midway can be run again.
UNLOAD_QUERIES: tuple[tuple[str, str], ...] = (
    ("relationships deleted",
     "MATCH ()-[r]->() WHERE $document IN r.evidence_document_ids "
     "AND all(x IN r.evidence_document_ids WHERE x = $document) DELETE r RETURN count(*) AS n"),
    ("relationships updated",
     "MATCH ()-[r]->() WHERE $document IN r.evidence_document_ids "
     "WITH r, [i IN range(0, size(r.evidence_document_ids) - 1) WHERE r.evidence_document_ids[i] <> $document] AS keep "
     + "SET " + ", ".join(f"r.{p} = [i IN keep | r.{p}[i]]" for p in EVIDENCE_LISTS.values())
     + " RETURN count(*) AS n"),
    ("nodes deleted",
     "MATCH (n) WHERE $document IN n.document_ids AND all(x IN n.document_ids WHERE x = $document) "
     "DETACH DELETE n RETURN count(*) AS n"),
    ("nodes updated",
     "MATCH (n) WHERE $document IN n.document_ids "
     "SET n.document_ids = [x IN n.document_ids WHERE x <> $document] RETURN count(*) AS n"),
)

# Finds the document id of a Document node given its id, document id, name or path.
FIND_DOCUMENT_QUERY = (
    "MATCH (d:Document) WHERE d.id = $ref OR d.document_id = $ref OR d.name = $ref OR d.path = $ref "
    "RETURN d.document_id AS document_id ORDER BY document_id"
)

COUNT_NODES_QUERY = "MATCH (n) RETURN labels(n)[0] AS label, count(*) AS n ORDER BY label"
COUNT_EDGES_QUERY = "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type"
