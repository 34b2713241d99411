"""CSV files for ``neo4j-admin database import full``: one node file per label, one relationship file per type.

The files hold exactly what ``graphbuild load`` stores (the rows of :mod:`graphbuild.stores.rows`), so the
catalogue queries work the same on an imported database: node properties plus ``document_ids``, and on
relationships the evidence as parallel lists (``evidence_texts``, ``evidence_document_ids`` ...). Node
files have ``id:ID`` (ids are unique across labels, so one id space serves all) and ``:LABEL``;
relationship files ``:START_ID``, ``:END_ID`` and ``:TYPE``. The folder also gets ``import.sh`` with the
exact command and the options this data needs. :func:`csv_tables` is pure; :func:`write_csv_folder` writes.
"""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import GraphbuildError
from ..stores.rows import EVIDENCE_LISTS, edge_rows, node_rows

# Array delimiter candidates, the first that no list element contains is used. Evidence sentences often
# hold ";", so a second and third choice are needed; U+001F (unit separator) never occurs in text.
ARRAY_DELIMITERS = (";", "|", "\u00a6", "\u001f")
IMPORT_SCRIPT = "import.sh"
Table = tuple[list[str], list[list[str]]]


def csv_tables(graph: nx.MultiDiGraph) -> tuple[dict[str, Table], str]:
    """File name -> (header, rows) for every node label and relation type, and the array delimiter used."""
    nodes = {label: [({"id": r["id"]} | r["props"] | {"document_ids": r["document_ids"]}) for r in rows]
             for label, rows in node_rows(graph).items()}
    edges: dict[str, list[dict[str, Any]]] = {}
    for (rel, _, _), rows in edge_rows(graph).items():
        edges.setdefault(rel, []).extend(
            {"source": r["source"], "target": r["target"]} | r["props"] | {p: r[p] for p in EVIDENCE_LISTS.values()}
            for r in rows)
    delimiter = _array_delimiter([*nodes.values(), *edges.values()])
    tables: dict[str, Table] = {}
    for label, rows in nodes.items():
        columns = _columns(rows, skip=("id",))
        tables[f"nodes_{label}.csv"] = (
            ["id:ID", ":LABEL"] + [f"{name}:{kind}" for name, kind in columns],
            [[r["id"], label] + [_cell(r.get(name), kind, delimiter) for name, kind in columns] for r in rows])
    for rel, rows in sorted(edges.items()):
        rows.sort(key=lambda r: (r["source"], r["target"]))
        columns = _columns(rows, skip=("source", "target"))
        tables[f"relationships_{rel}.csv"] = (
            [":START_ID", ":END_ID", ":TYPE"] + [f"{name}:{kind}" for name, kind in columns],
            [[r["source"], r["target"], rel] + [_cell(r.get(name), kind, delimiter) for name, kind in columns]
             for r in rows])
    return tables, delimiter


def _columns(rows: list[dict[str, Any]], skip: tuple[str, ...]) -> list[tuple[str, str]]:
    """(name, neo4j-admin type) for every property in ``rows``, sorted by name; mixed types become string."""
    kinds: dict[str, set[str]] = {}
    for row in rows:
        for k, v in row.items():
            if k not in skip and v is not None:
                kinds.setdefault(k, set()).add(_kind(v))
    out = []
    for name, found in sorted(kinds.items()):
        found.discard("empty[]")  # an empty list fits any array type
        out.append((name, found.pop() if len(found) == 1 else "string[]" if not found else "string"))
    return out


def _kind(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "empty[]" if not value else _kind(value[0]) + "[]"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string"


def _cell(value: Any, kind: str, delimiter: str) -> str:
    """One field. neo4j-admin reads an empty field as "no property", so an empty list is not stored."""
    if value is None:
        return ""
    if kind.endswith("[]") and isinstance(value, (list, tuple)):
        return delimiter.join(_cell(v, kind[:-2], delimiter) for v in value)
    if kind == "boolean":
        return "true" if value else "false"
    if kind in ("long", "double"):
        return repr(value)
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _array_delimiter(tables: list[list[dict[str, Any]]]) -> str:
    elements = {x for rows in tables for row in rows for v in row.values() if isinstance(v, (list, tuple))
                for x in v if isinstance(x, str)}
    for delimiter in ARRAY_DELIMITERS:
        if not any(delimiter in x for x in elements):
            return delimiter
    raise GraphbuildError("cannot write CSV: list values contain every possible array delimiter")


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    """RFC 4180 text as neo4j-admin reads it: comma, double quotes doubled inside quoted fields, LF ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL, doublequote=True)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def import_command(files: list[str], delimiter: str, multiline: bool, database: str = "neo4j") -> str:
    """The ``neo4j-admin database import full`` command for these files, run from the folder."""
    parts = ["neo4j-admin database import full"]
    parts += [f"--nodes={f}" for f in files if f.startswith("nodes_")]
    parts += [f"--relationships={f}" for f in files if f.startswith("relationships_")]
    parts.append(f"--array-delimiter='{delimiter}'" if delimiter.isprintable() else f"--array-delimiter=U+{ord(delimiter):04X}")
    if multiline:
        parts.append("--multiline-fields=true")
    parts.append(database)
    return " \\\n  ".join(parts)


def write_csv_folder(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write the CSV files and ``import.sh`` into folder ``path``, replacing it only once all are written.

    An existing folder is replaced only if it is empty or holds nothing but files of an earlier CSV export,
    so pointing this at a folder of other work fails instead of deleting it.
    """
    target = Path(path)
    _check_replaceable(target)
    tables, delimiter = csv_tables(graph)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        multiline = False
        for name, (header, rows) in tables.items():
            text = csv_text(header, rows)
            multiline = multiline or any("\n" in c or "\r" in c for row in rows for c in row)
            (tmp / name).write_text(text, encoding="utf-8", newline="")
        script = "#!/bin/sh\n# Import this folder into an empty, stopped Neo4j database.\nset -e\ncd \"$(dirname \"$0\")\"\n"
        (tmp / IMPORT_SCRIPT).write_text(script + import_command(sorted(tables), delimiter, multiline) + "\n", encoding="utf-8")
        # mkdtemp makes the folder private; an export gets the usual permissions, and the script runs.
        mode = 0o777 & ~_umask()
        os.chmod(tmp / IMPORT_SCRIPT, mode)
        os.chmod(tmp, mode)
        _swap_in(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _check_replaceable(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise GraphbuildError(f"{target}: exists and is not a folder (the csv format writes a folder)")
    if target.is_dir():
        foreign = [p.name for p in target.iterdir()
                   if not (p.is_file() and (p.name == IMPORT_SCRIPT or (p.suffix == ".csv" and p.name.startswith(("nodes_", "relationships_")))))]
        if foreign:
            raise GraphbuildError(f"{target}: folder holds files that are not a CSV export ({', '.join(sorted(foreign)[:3])}); choose a new or empty folder")


def _swap_in(tmp: Path, target: Path) -> None:
    """Rename the finished folder into place; an old export is moved aside first and removed after."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
        os.rmdir(old)
        os.replace(target, old)
    try:
        os.replace(tmp, target)
    except BaseException:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
