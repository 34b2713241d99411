"""Document metadata: title, web address, publication date, outlet and author, and where they come from.

A reader finds them in a file (an HTML page's metadata, a PDF's or Word file's properties, a JSONL or
CSV row); a ``--metadata`` CSV file names them for files by name. The more specific source wins: a
row's own field, then the metadata file, then what the file itself says. Publication dates are kept
as ISO 8601: ``YYYY-MM-DD``, or a date and time, in UTC (``...Z``) when an offset was given, so that
dates sort in time order as text.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, timezone
from pathlib import Path

from .errors import InputError

Warn = Callable[[str], None]
FIELDS = ("title", "url", "published", "outlet", "author")
# Other names a metadata file or a corpus may give a field.
SYNONYMS = {"source": "outlet", "site": "outlet", "sitename": "outlet", "date": "published", "link": "url"}
_PARTIAL = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2]))?$")


@dataclass(frozen=True)
class Metadata:
    """What is known of a document besides its text; None where unknown."""

    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601, see iso_date
    outlet: str | None = None
    author: str | None = None

    def over(self, other: Metadata) -> Metadata:
        """These fields where set, else ``other``'s."""
        return replace(other, **{f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)})

    def properties(self) -> dict[str, str]:
        """The known fields but the title, as Document node properties."""
        return {f: getattr(self, f) for f in FIELDS[1:] if getattr(self, f)}


NO_METADATA = Metadata()


def iso_date(value: object) -> str | None:
    """An ISO 8601 date or date and time, normalised; None if ``value`` is not one.

    Dates stay dates; a time with an offset is given in UTC; a year or a year and month stand as they are.

    >>> iso_date("2021-03-14"), iso_date("2021-03-14T09:30:00+01:00"), iso_date(" 2021-03 ")
    ('2021-03-14', '2021-03-14T08:30:00Z', '2021-03')
    >>> iso_date("14 March 2021") is None, iso_date("2021-02-30") is None
    (True, True)
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if _PARTIAL.match(text):
        return text
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    if not re.match(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", text):
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        return moment.astimezone(timezone.utc).replace(tzinfo=None).isoformat() + "Z"
    return moment.isoformat()


def clean(value: object) -> str | None:
    """A metadata value as one line of text, or None for nothing."""
    if value is None or isinstance(value, (dict, list)):
        return None
    text = " ".join(str(value).split())
    return text or None


def from_fields(values: Mapping[str, object], where: str, warn: Warn) -> Metadata:
    """Metadata from named values (a row, a file's properties); a date that is not ISO 8601 is left out
    with a warning that names ``where``."""
    found = {name: clean(values.get(name)) for name in FIELDS}
    if found["published"] is not None:
        published = iso_date(found["published"])
        if published is None:
            warn(f"{where}: published {found['published']!r} is not an ISO 8601 date; left out")
        found["published"] = published
    return Metadata(**found)


def canonical_column(name: str) -> str:
    """A column name in lower case, with its synonyms mapped to the field name."""
    key = name.strip().lower()
    return SYNONYMS.get(key, key)


@dataclass
class MetadataTable:
    """A ``--metadata`` file: metadata by file name, with the line each row stands on."""

    path: Path
    rows: dict[str, tuple[int, Metadata]]
    used: set[str] = field(default_factory=set)

    def lookup(self, *names: str) -> Metadata | None:
        """The metadata of the first of ``names`` the file names, else None."""
        for name in names:
            if name in self.rows:
                self.used.add(name)
                return self.rows[name][1]
        return None

    def unused(self) -> list[tuple[str, int]]:
        """(file name, line) of the rows no document matched, in file order."""
        return sorted(((n, line) for n, (line, _) in self.rows.items() if n not in self.used), key=lambda r: r[1])


def read_metadata_file(path: str | Path, warn: Warn) -> MetadataTable:
    """Read a metadata CSV file: a ``file`` column (or ``path``) and any of title, url, published,
    outlet (or source), author. Raises :class:`InputError` if it cannot be used at all; a bad row is
    skipped, a bad date left out, each with a warning naming the line."""
    p = Path(path)
    try:
        text = p.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{p}: no such metadata file") from None
    except OSError as e:
        raise InputError(f"{p}: metadata file cannot be read ({e.strerror or e})") from None
    except UnicodeDecodeError as e:
        raise InputError(f"{p}: metadata file is not UTF-8 (byte {e.start})") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [canonical_column(c) for c in next(reader, [])]
    except csv.Error as e:
        raise InputError(f"{p}: line 1: not a CSV header ({e})") from None
    key = next((c for c in ("file", "path") if c in header), None)
    if key is None:
        raise InputError(f"{p}: metadata file has no 'file' column (its columns: {', '.join(header) or 'none'})")
    ignored = [c for c in header if c not in FIELDS and c not in ("file", "path")]
    if ignored:
        warn(f"{p}: columns ignored: {', '.join(ignored)} (known: file, {', '.join(FIELDS)})")
    rows: dict[str, tuple[int, Metadata]] = {}
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            raise InputError(f"{p}: line {start}: not valid CSV ({e})") from None
        if any(cell.strip() for cell in row):
            _add_row(rows, header, key, row, start, f"{p}: line {start}", warn)
    return MetadataTable(p, rows)


def _add_row(rows: dict[str, tuple[int, Metadata]], header: list[str], key: str, row: list[str], line: int,
             where: str, warn: Warn) -> None:
    if len(row) != len(header):
        warn(f"{where}: skipped, {len(row)} fields where the header has {len(header)}")
        return
    values = dict(zip(header, row))
    name = values[key].strip().replace("\\", "/")
    if not name:
        warn(f"{where}: skipped, no file name")
    elif name in rows:
        warn(f"{where}: skipped, {name!r} is named already on line {rows[name][0]}")
    else:
        rows[name] = (line, from_fields(values, where, warn))
