"""Corpus files: JSON Lines (``.jsonl``, ``.ndjson``, one object a line) and CSV (a header row, then one
row a document), as news archives and monitoring tools export them.

A document needs ``text``; ``id``, ``title``, ``url``, ``published`` (ISO 8601), ``outlet`` (or
``source``) and ``author`` are taken where present. ``fields`` maps a field to the column that holds it
in a file that names it otherwise (``{"text": "body"}``). A bad line or row is skipped with a warning
naming the file and line; the others are read.

Each document remembers the byte span of its line or row (:class:`RowRef`), so a build reads it again
alone when the model takes it and never holds a whole corpus file in memory. Lines are decoded as
UTF-8, else cp1252; a file with a UTF-16 or UTF-32 byte-order mark is decoded whole instead, and read
whole again for each of its documents.
"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..formats import BOMS, Read, Warn
from ..metadata import FIELDS, canonical_column, clean, from_fields

KNOWN_FIELDS = ("text", "id", *FIELDS)
DELIMITERS = (",", ";", "\t", "|")
csv.field_size_limit(2**31 - 1)  # a news article is one field, often more than the default 128 KB


@dataclass(frozen=True)
class RowRef:
    """Where a document stands in its corpus file: its span (bytes, or characters of the whole decoded
    file when ``whole``), its line, and for CSV the delimiter and the field each column holds."""

    start: int
    end: int
    line: int
    whole: bool = False
    columns: tuple[str | None, ...] | None = None  # CSV: the field of each column; None for JSON Lines
    delimiter: str = ","
    text_column: str = "text"  # JSON Lines: the key that holds the text


def field_mapping(pairs: list[str]) -> dict[str, str]:
    """``["text=body", "published=date_utc"]`` as ``{"text": "body", "published": "date_utc"}``.

    Raises :class:`InputError` for a pair that is not FIELD=COLUMN or names an unknown field.
    """
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, column = pair.partition("=")
        name = name.strip().lower()
        if not sep or not column.strip():
            raise InputError(f"--field {pair!r}: expected FIELD=COLUMN, e.g. text=body")
        if name not in KNOWN_FIELDS:
            raise InputError(f"--field {pair!r}: unknown field {name!r} (known: {', '.join(KNOWN_FIELDS)})")
        out[name] = column.strip()
    return out


def _field_of(column: str, fields: Mapping[str, str]) -> str | None:
    """The field a column holds: by the mapping, else by its own name (or a synonym)."""
    for name, mapped in fields.items():
        if mapped == column:
            return name
    name = canonical_column(column)
    if name in fields:
        return None  # the mapping names another column for this field
    return name if name in KNOWN_FIELDS else None


# ---- lines and their byte spans

def _lines(data: bytes) -> tuple[Iterator[tuple[int, int, str]], bool]:
    """(start, end, decoded line) of every line, and whether offsets are of the whole decoded text."""
    for bom, encoding, _ in BOMS:
        if data.startswith(bom) and encoding != "utf-8-sig":
            text = data.decode(encoding, errors="replace")
            return _spans(re.split(r"(?<=\n)(?=.)", text, flags=re.S), text.startswith("\ufeff")), True
    skip = len(BOMS[2][0]) if data.startswith(BOMS[2][0]) else 0

    def spans() -> Iterator[tuple[int, int, str]]:
        at = skip
        for raw in data[skip:].splitlines(keepends=True):
            yield at, at + len(raw), _decode_line(raw)
            at += len(raw)
    return spans(), False


def _spans(lines: list[str], bom: bool) -> Iterator[tuple[int, int, str]]:
    at = 1 if bom else 0
    for n, line in enumerate(lines):
        line = line[1:] if n == 0 and bom else line
        yield at, at + len(line), line
        at += len(line)


def _decode_line(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _binary(data: bytes, path: Path, warn: Warn) -> bool:
    """NUL bytes without a UTF-16 or UTF-32 byte-order mark: not a text file (warned)."""
    if b"\x00" in data and not any(data.startswith(bom) for bom, encoding, _ in BOMS if encoding != "utf-8-sig"):
        warn(f"{path}: skipped, binary file (NUL bytes)")
        return True
    return False


def _not_utf8(data: bytes) -> bool:
    if any(data.startswith(bom) for bom, encoding, _ in BOMS if encoding != "utf-8-sig"):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


# ---- JSON Lines

def read_jsonl(data: bytes, path: Path, warn: Warn, fields: Mapping[str, str]) -> list[Read] | None:
    """The documents of a JSON Lines file, one per object line; blank lines are passed over."""
    if _binary(data, path, warn):
        return None
    if not data.strip():
        warn(f"{path}: skipped, empty document")
        return None
    if _not_utf8(data):
        warn(f"{path}: not UTF-8; lines that are not are decoded as cp1252")
    text_key = fields.get("text", "text")
    lines, whole = _lines(data)
    out: list[Read] = []
    names = _Names(path, warn)
    for number, (start, end, line) in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}: line {number}"
        values = _json_object(line, where, warn)
        if values is None:
            continue
        by_field = _mapped(values, fields)
        read = _document(by_field, where, warn)
        if read is not None:
            out.append(names.name(read, by_field, number, RowRef(start, end, number, whole, None, ",", text_key)))
    return _some(out, path, warn)


def _json_object(line: str, where: str, warn: Warn) -> dict | None:
    try:
        values = json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as e:
        warn(f"{where}: skipped, not valid JSON ({e.msg.removesuffix(' at')} at column {e.colno})")
        return None
    except RecursionError:
        warn(f"{where}: skipped, JSON nested too deeply")
        return None
    if not isinstance(values, dict):
        warn(f"{where}: skipped, not a JSON object (a {type(values).__name__})")
        return None
    return values


def _mapped(values: Mapping[str, object], fields: Mapping[str, str]) -> dict[str, object]:
    """A JSON object's values by field name."""
    out: dict[str, object] = {}
    for key, value in values.items():
        name = _field_of(str(key), fields)
        if name is not None and name not in out:
            out[name] = value
    return out


# ---- CSV

def read_csv(data: bytes, path: Path, warn: Warn, fields: Mapping[str, str]) -> list[Read] | None:
    """The documents of a CSV file with a header row; the delimiter (comma, semicolon, tab or bar) is
    the one the header uses most."""
    if _binary(data, path, warn):
        return None
    lines, whole = _lines(data)
    feed = _Feed(lines)
    header_line = feed.peek()
    if header_line is None or not data.strip():
        warn(f"{path}: skipped, empty document")
        return None
    delimiter = max(DELIMITERS, key=lambda d: (header_line.count(d), -DELIMITERS.index(d)))
    reader = csv.reader(feed, delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except csv.Error as e:
        warn(f"{path}: line 1: skipped the file, its header is not valid CSV ({e})")
        return None
    columns = _columns(header, fields, path, warn)
    if columns is None:
        return None
    if _not_utf8(data):
        warn(f"{path}: not UTF-8; lines that are not are decoded as cp1252")
    return _csv_rows(reader, feed, columns, delimiter, whole, path, warn, fields)


def _columns(header: list[str], fields: Mapping[str, str], path: Path, warn: Warn) -> tuple[str | None, ...] | None:
    """The field of each column; None, after a warning, for a file that is not a corpus."""
    if any(c.startswith(":") or c.endswith(":ID") for c in header):
        warn(f"{path}: skipped, a graph CSV export (graphbuild reads corpora, not graphs)")
        return None
    columns: list[str | None] = []
    for column in header:
        name = _field_of(column, fields)
        columns.append(None if name in columns else name)
    if "text" not in columns:
        wanted = fields.get("text", "text")
        warn(f"{path}: skipped, no {wanted!r} column (columns: {', '.join(header) or 'none'}); "
             "name the text's column with --field text=COLUMN")
        return None
    return tuple(columns)


def _csv_rows(reader, feed: _Feed, columns: tuple[str | None, ...], delimiter: str, whole: bool, path: Path,
              warn: Warn, fields: Mapping[str, str]) -> list[Read]:
    out: list[Read] = []
    names = _Names(path, warn)
    while True:
        start, line = feed.offset, feed.line + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:  # the reader starts afresh on the next line
            warn(f"{path}: line {line}: skipped, not valid CSV ({e})")
            continue
        where = f"{path}: line {line}"
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            warn(f"{where}: skipped, {len(row)} fields where the header has {len(columns)}")
            continue
        values = {name: cell for name, cell in zip(columns, row) if name is not None}
        read = _document(values, where, warn)
        if read is not None:
            out.append(names.name(read, values, line, RowRef(start, feed.offset, line, whole, columns, delimiter)))
    return _some(out, path, warn)


def _some(found: list[Read], path: Path, warn: Warn) -> list[Read] | None:
    if not found:
        warn(f"{path}: skipped, no line or row in it holds a document")
        return None
    return found


class _Feed:
    """The lines a csv reader takes, one at a time, with the byte offset and number of the next line."""

    def __init__(self, lines: Iterator[tuple[int, int, str]]) -> None:
        self._lines = lines
        self._next: tuple[int, int, str] | None = next(lines, None)
        self.offset = self._next[0] if self._next else 0
        self.line = 0

    def peek(self) -> str | None:
        return self._next[2] if self._next else None

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        if self._next is None:
            raise StopIteration
        start, end, text = self._next
        self._next = next(self._lines, None)
        self.offset, self.line = end, self.line + 1
        return text


# ---- documents

def _document(by_field: Mapping[str, object], where: str, warn: Warn) -> Read | None:
    """A row's document from its values by field name: its text and metadata; None, after a warning,
    without a text."""
    text = by_field.get("text")
    if not isinstance(text, str) or not text.strip():
        problem = "no text" if text is None or isinstance(text, str) else f"its text is a {type(text).__name__}, not a string"
        warn(f"{where}: skipped, {problem}")
        return None
    return Read(text.replace("\r\n", "\n").replace("\r", "\n"), from_fields(by_field, where, warn))


class _Names:
    """Each row's suffix: "#ID" by its id, unique in the file, else ":LINE"."""

    def __init__(self, path: Path, warn: Warn) -> None:
        self.path, self.warn = path, warn
        self.ids: dict[str, int] = {}

    def name(self, read: Read, by_field: Mapping[str, object], line: int, ref: RowRef) -> Read:
        row_id = clean(by_field.get("id")) if not isinstance(by_field.get("id"), bool) else None
        suffix = f":{line}"
        if row_id is not None and row_id in self.ids:
            self.warn(f"{self.path}: line {line}: id {row_id!r} is used on line {self.ids[row_id]} already; "
                      f"this row is named by its line")
        elif row_id is not None:
            self.ids[row_id] = line
            suffix = f"#{row_id}"
        return Read(read.text, read.meta, (), suffix, ref)


# ---- reading one document again

def read_row(file: Path, ref: RowRef) -> str | None:
    """The text of the document ``ref`` points at in ``file``, read alone; None if it is no longer there."""
    try:
        if ref.whole:
            chunk = _whole_text(file.read_bytes())[ref.start:ref.end]
        else:
            with file.open("rb") as f:
                f.seek(ref.start)
                raw = f.read(ref.end - ref.start)
            chunk = "".join(_decode_line(line) for line in raw.splitlines(keepends=True))
    except OSError:
        return None
    values = _reread(chunk, ref)
    text = values.get("text") if values is not None else None
    if not isinstance(text, str):
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _whole_text(data: bytes) -> str:
    for bom, encoding, _ in BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            return text[1:] if text.startswith("\ufeff") else text
    return data.decode("utf-8", errors="replace")


def _reread(chunk: str, ref: RowRef) -> Mapping[str, object] | None:
    if ref.columns is None:
        try:
            values = json.loads(chunk)
        except (json.JSONDecodeError, RecursionError):
            return None
        if not isinstance(values, dict):
            return None
        return _mapped(values, {"text": ref.text_column})
    try:
        row = next(csv.reader(chunk.splitlines(keepends=True), delimiter=ref.delimiter, strict=True), None)
    except csv.Error:
        return None
    if row is None or len(row) != len(ref.columns):
        return None
    return {name: cell for name, cell in zip(ref.columns, row) if name is not None}

