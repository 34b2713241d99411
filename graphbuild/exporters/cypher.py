"""A Cypher script of the graph that ``cypher-shell -f graph.cypher`` runs against Neo4j 5.

The script holds the same ``UNWIND ... MERGE`` statements as ``graphbuild load``, with the rows written
as literals instead of parameters (a script file has nowhere else to put them). Every string is
escaped for a single-quoted Cypher literal, so no value can end its literal early; labels and
relation types come from the schema only. One statement per line, each ending in ``;``.
"""
from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import GraphFormatError
from ..fileio import write_text_atomic
from ..graph import counts
from ..schema import NODE_LABELS
from ..stores import rows as R

IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# The escapes Neo4j and FalkorDB both read; any other character stands for itself in the literal.
STRING_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
STRING_ESCAPE_RE = re.compile("[\\\\'\n\r\t]")


def cypher_string(text: str) -> str:
    r"""A single-quoted Cypher string literal.

    >>> print(cypher_string("it's C:\\new"))
    'it\'s C:\\new'
    """
    return "'" + STRING_ESCAPE_RE.sub(lambda m: STRING_ESCAPES[m.group()], text) + "'"


def cypher_key(key: str) -> str:
    """A map key: bare when it is an identifier, else in backticks (doubled inside)."""
    return key if IDENTIFIER.match(key) else "`" + key.replace("`", "``") + "`"


def cypher_literal(value: Any) -> str:
    """A Cypher literal for a JSON-like value: null, booleans, numbers, strings, lists and maps.

    >>> cypher_literal({"name": "O'Hara", "n": [1, 2.5, True, None]})
    "{name: 'O\\\\'Hara', n: [1, 2.5, true, null]}"
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise GraphFormatError(f"cannot write the number {value!r} in Cypher")
        return repr(value)
    if isinstance(value, str):
        return cypher_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{cypher_key(str(k))}: {cypher_literal(v)}" for k, v in value.items()) + "}"
    raise GraphFormatError(f"cannot write a {type(value).__name__} value in Cypher")


def to_cypher_script(graph: nx.MultiDiGraph, *, batch_rows: int = 100, batch_bytes: int | None = 3000,
                     constraints: bool = True) -> str:
    """The whole graph as a Cypher script: constraints, then node and relationship MERGE statements.

    Batches are kept small by default (``batch_bytes``) so the script also runs over FalkorDB's Bolt port.
    """
    c = counts(graph)
    n_nodes, n_edges = sum(c["nodes"].values()), sum(c["edges"].values())
    lines = [f"// graphbuild graph: {n_nodes} nodes, {n_edges} relationships. Run: cypher-shell -f <this file>",
             "// Every statement MERGEs on node ids, so running the script again changes nothing."]
    if constraints:
        lines += [R.constraint_query(label) + ";" for label in NODE_LABELS]
    head = "UNWIND $rows AS row "
    for step in R.write_plan(graph, max_rows=batch_rows, max_bytes=batch_bytes, rows_expr="$rows"):
        assert step.query.startswith(head)  # the loader's query, with the rows written in place
        lines.append(f"UNWIND {cypher_literal(step.rows)} AS row " + step.query[len(head):] + ";")
    return "\n".join(lines) + "\n"


def write_cypher(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write :func:`to_cypher_script` of the graph to ``path`` atomically."""
    return write_text_atomic(path, to_cypher_script(graph))
