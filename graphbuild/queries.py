"""The query catalogue: analyst questions as ``.cypher`` files, and running one on a graph or on Neo4j.

Each catalogue file opens with a header of ``//`` comments::

    // Question: Which sources allege, corroborate or dispute each allegation?
    // Param: person = "Donald Trump"   (one line per parameter; the default is a JSON value)
    // Params: none                     (when there are none)
    // Columns: allegation, status, alleging, corroborating, disputing

and the query follows, in the openCypher subset that Neo4j 5 and FalkorDB share. A query is named
by its file name without ``.cypher``.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import QueryError

HEADER_KEYS = ("question", "param", "params", "columns")
NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
INT_RE = re.compile(r"^[+-]?\d+$")
FLOAT_RE = re.compile(r"^[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?$")
FORMATS = ("table", "json", "csv")


@dataclass(frozen=True)
class CatalogueQuery:
    """One analyst question: its name, the question, parameter defaults, columns and Cypher text."""

    name: str
    path: Path
    question: str
    params: dict[str, Any] = field(default_factory=dict)
    columns: tuple[str, ...] = ()
    text: str = ""


def catalogue_dir() -> Path:
    """The catalogue folder: ``$GRAPHBUILD_QUERIES`` if set, else ``queries/`` beside the package."""
    env = os.environ.get("GRAPHBUILD_QUERIES")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "queries"


def parse_query(text: str, *, name: str = "query", path: Path | None = None) -> CatalogueQuery:
    """Split a query file into its header fields and the Cypher to run (comment lines removed).

    >>> q = parse_query('// Question: Who?\\n// Param: n = 2\\nMATCH (x) RETURN x LIMIT $n;')
    >>> q.question, q.params, q.text
    ('Who?', {'n': 2}, 'MATCH (x) RETURN x LIMIT $n')
    """
    question, params, columns, body = "", {}, (), []
    where = path or name
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("//"):
            body.append(line)
            continue
        key, sep, value = stripped[2:].strip().partition(":")
        key = key.strip().lower()
        if not sep or key not in HEADER_KEYS:
            continue
        value = value.strip()
        if key == "question":
            question = value
        elif key == "columns":
            columns = tuple(c.strip() for c in value.split(",") if c.strip())
        elif key == "param":
            pname, default = _parse_param_line(value, where)
            params[pname] = default
    cypher = "\n".join(body).strip().rstrip(";").strip()
    if not cypher:
        raise QueryError(f"{where}: holds no query")
    return CatalogueQuery(name, path or Path(name), question, params, columns, cypher)


def _parse_param_line(value: str, where: object) -> tuple[str, Any]:
    """``name = <JSON value> [description]`` from a ``// Param:`` header line."""
    pname, sep, rest = value.partition("=")
    pname = pname.strip().lstrip("$")
    if not sep or not NAME_RE.match(pname):
        raise QueryError(f"{where}: bad parameter line {value!r} (expected: name = default)")
    try:
        default, _ = json.JSONDecoder().raw_decode(rest.strip())
    except json.JSONDecodeError:
        raise QueryError(f"{where}: the default of parameter {pname!r} is not a JSON value: {rest.strip()!r}") from None
    return pname, default


def read_query(path: str | Path) -> CatalogueQuery:
    """A query file, parsed; one-line QueryError when it cannot be read."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise QueryError(f"{p}: cannot be read ({e.strerror or e})") from None
    return parse_query(text, name=p.stem, path=p)


def list_queries(directory: str | Path | None = None) -> list[CatalogueQuery]:
    """Every query of the catalogue, sorted by name."""
    folder = Path(directory) if directory else catalogue_dir()
    if not folder.is_dir():
        raise QueryError(f"no query catalogue at {folder} (set GRAPHBUILD_QUERIES to its folder)")
    return [read_query(p) for p in sorted(folder.glob("*.cypher"))]


def resolve(ref: str, directory: str | Path | None = None) -> CatalogueQuery:
    """A query file path, or the name of a catalogue query."""
    path = Path(ref)
    if path.suffix == ".cypher" or path.is_file():
        if not path.is_file():
            raise QueryError(f"{path}: no such query file")
        return read_query(path)
    folder = Path(directory) if directory else catalogue_dir()
    candidate = folder / f"{ref}.cypher"
    if candidate.is_file():
        return read_query(candidate)
    names = ", ".join(q.name for q in list_queries(folder)) if folder.is_dir() else ""
    raise QueryError(f"no query named {ref!r}" + (f" (catalogue: {names})" if names else ""))


def coerce(text: str) -> Any:
    """A ``--param`` value: int, float, true/false, null, a quoted string, or else the text itself.

    >>> [coerce(v) for v in ["2", "0.5", "true", "null", '"007"', "KGB"]]
    [2, 0.5, True, None, '007', 'KGB']
    """
    lowered = text.strip().lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered == "null":
        return None
    if INT_RE.match(text.strip()):
        return int(text)
    if FLOAT_RE.match(text.strip()):
        return float(text)
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


def parse_params(items: list[str] | tuple[str, ...]) -> dict[str, Any]:
    """``name=value`` strings as a dict of typed values."""
    out = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip().lstrip("$")
        if not sep or not NAME_RE.match(name):
            raise QueryError(f"bad parameter {item!r} (expected name=value)")
        out[name] = coerce(value)
    return out


def bind(query: CatalogueQuery, overrides: dict[str, Any]) -> dict[str, Any]:
    """The query's defaults updated with ``overrides``; unknown names are an error for catalogue queries."""
    if query.params:
        unknown = sorted(set(overrides) - set(query.params))
        if unknown:
            raise QueryError(f"query {query.name!r} has no parameter {', '.join(unknown)} "
                             f"(it takes: {', '.join(query.params)})")
    return {**query.params, **overrides}


def run(ref: str, *, graph_path: str | Path | None = None, settings: Any = None,
        params: dict[str, Any] | None = None) -> tuple[CatalogueQuery, list[str], list[list[Any]]]:
    """Run a catalogue query (or query file) on a graph file with the embedded engine, or on Neo4j.

    Give ``graph_path`` for the embedded engine, or ``settings`` (:class:`~graphbuild.stores.neo4j.Neo4jSettings`).
    """
    query = resolve(ref)
    values = bind(query, params or {})
    if graph_path is not None:
        from .jsonio import read_json
        from .stores.embedded import EmbeddedEngine

        graph = read_json(graph_path)
        with EmbeddedEngine() as engine:
            engine.load(graph)
            columns, rows = engine.query(query.text, values)
    elif settings is not None:
        from .stores.neo4j import run_query

        columns, rows = run_query(query.text, values, settings)
    else:
        raise QueryError("give a graph file (--graph) or a database (--uri)")
    return query, columns, rows


def _cell(value: Any) -> str:
    """A value as table or CSV text: strings bare, null empty, the rest as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def format_rows(columns: list[str], rows: list[list[Any]], fmt: str = "table") -> str:
    """Rows as an aligned text table, a JSON list of objects, or CSV (with a header row)."""
    if fmt == "json":
        return json.dumps([dict(zip(columns, row)) for row in rows], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_cell(v) for v in row] for row in rows])
        return buf.getvalue()
    if fmt != "table":
        raise QueryError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
    cells = [[" ".join(_cell(v).split()) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = [" | ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
