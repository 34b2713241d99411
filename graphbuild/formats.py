"""File formats by name: a reader that turns a file's bytes into text, or a known format with no reader yet.

``FORMATS`` maps a lower-case suffix to its :class:`Format`. Files with a reader are found in folders
and read; a file of a known format without one (old Word files, images, archives ...) is skipped with
a warning naming the format, and never read as text. A reader for such a format claims it by giving
its entry a reader::

    FORMATS[".rtf"] = Format("RTF document", read_rtf)   # read_rtf(data, path, warn) -> text or None

A reader gives a text, or :class:`Read` items when it knows more: metadata, page starts, or many
documents in one file (a corpus: one per JSONL line or CSV row; its reader also takes the mapping of
field names to column names). The readers of HTML pages, PDF, Word and corpus files live in
:mod:`graphbuild.readers` and are imported when first used, as their libraries are big.

A file given by name whose suffix is not in the table is read as plain text (binary content is still
recognised by its NUL bytes).
"""
from __future__ import annotations

import codecs
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from importlib import import_module
from pathlib import Path
from typing import Any

from .metadata import NO_METADATA, Metadata

Warn = Callable[[str], None]
Reader = Callable[..., "str | list[Read] | None"]  # (data, path, warn[, fields]) -> text, documents or None

# Byte-order marks and their codecs; UTF-32's come first, as UTF-32 LE's begins with UTF-16 LE's.
BOMS = ((codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
        (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
        (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))


@dataclass(frozen=True)
class Format:
    """A file format graphbuild knows by its suffix: its name for messages and its reader, if it has one.

    A ``corpus`` format holds many documents; its reader takes a fourth argument, the field mapping.
    """

    name: str
    reader: Reader | None = None
    corpus: bool = False


@dataclass(frozen=True)
class Read:
    """One document as a reader gives it.

    ``pages`` holds the offset in ``text`` where each page begins (the first at 0) for a paged document,
    and is empty otherwise. A document that is one of many in its file (a corpus row) has ``suffix``,
    which its file's name takes to name it ("#ID" or ":LINE"), and ``ref``, what its reader needs to
    read it again alone.
    """

    text: str
    meta: Metadata = NO_METADATA
    pages: tuple[int, ...] = ()
    suffix: str = ""
    ref: Any = None


def decode(data: bytes, path: Path, warn: Warn) -> str | None:
    """Text of a file's bytes, or None after a warning for binary content.

    A byte-order mark decides the encoding (UTF-8, UTF-16, UTF-32); without one, NUL bytes mean a
    binary file, and text is UTF-8, else cp1252, then latin-1, with a warning.
    """
    for bom, encoding, name in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as e:
                warn(f"{path}: skipped, not valid {name} after its byte-order mark (byte {e.start})")
                return None
            return _unless_binary(text, path, warn)
    if b"\x00" in data:
        warn(f"{path}: skipped, binary file (NUL bytes)")
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        warn(f"{path}: not UTF-8, decoded as {encoding}")
        return text
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover


def _unless_binary(text: str, path: Path, warn: Warn) -> str | None:
    if "\x00" in text:
        warn(f"{path}: skipped, binary file (NUL characters)")
        return None
    return text


def read_plain(data: bytes, path: Path, warn: Warn) -> str | None:
    """A plain text or Markdown file."""
    return decode(data, path, warn)


GENERATOR_META = '<meta name="generator" content="graphbuild">'  # in the head of every graph page
EARLIER_PAGE_DATA = '<script type="application/json" id="graph-data">'  # the data block of pages before it


def is_graphbuild_page(markup: str) -> bool:
    """Whether an HTML page is a graph page graphbuild wrote."""
    return GENERATOR_META in markup[:4096] or EARLIER_PAGE_DATA in markup


class _TextExtractor(HTMLParser):
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
             "header", "footer", "blockquote", "title", "ul", "ol", "table", "pre"}
    SKIP = {"script", "style", "noscript", "template", "svg", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page, one block per line; the page title leads if the body lacks it."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    body = "".join(parser.parts)
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in body.split("\n")]
    text = "\n".join(line for line in lines if line)
    title = html.unescape(" ".join("".join(parser.title).split()))
    if title and not text.startswith(title):
        text = title + "\n\n" + text
    return text


def _known(name: str, *suffixes: str) -> dict[str, Format]:
    return {suffix: Format(name) for suffix in suffixes}


def _lazy(module: str, name: str) -> Reader:
    """A reader of :mod:`graphbuild.readers` imported on first use."""
    def read(*args: Any) -> str | list[Read] | None:
        return getattr(import_module(f"graphbuild.readers.{module}"), name)(*args)
    read.__name__ = name
    return read


_ARTICLE, _PDF, _DOCX = _lazy("html", "read_article"), _lazy("pdf", "read_pdf"), _lazy("docx", "read_docx")
_JSONL, _CSV = _lazy("records", "read_jsonl"), _lazy("records", "read_csv")

FORMATS: dict[str, Format] = {
    ".txt": Format("text", read_plain), ".md": Format("Markdown", read_plain),
    ".html": Format("HTML page", _ARTICLE), ".htm": Format("HTML page", _ARTICLE),
    ".pdf": Format("PDF document", _PDF), ".docx": Format("Word document", _DOCX),
    ".jsonl": Format("JSON Lines corpus", _JSONL, corpus=True), ".ndjson": Format("JSON Lines corpus", _JSONL, corpus=True),
    ".csv": Format("CSV corpus", _CSV, corpus=True),
    **_known("Word 97-2003 document", ".doc"), **_known("macro-enabled Word document", ".docm"),
    **_known("OpenDocument text", ".odt"),
    **_known("RTF document", ".rtf"), **_known("Pages document", ".pages"),
    **_known("spreadsheet", ".xlsx", ".xls", ".xlsm", ".ods", ".numbers"),
    **_known("presentation", ".pptx", ".ppt", ".odp", ".key"),
    **_known("e-book", ".epub", ".mobi", ".azw3"),
    **_known("image", ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic", ".ico", ".svg"),
    **_known("archive", ".zip", ".gz", ".tgz", ".tar", ".bz2", ".xz", ".zst", ".7z", ".rar"),
    **_known("audio or video file", ".mp3", ".wav", ".m4a", ".ogg", ".flac", ".mp4", ".mov", ".avi", ".mkv", ".webm"),
    **_known("program or disk image", ".exe", ".dll", ".so", ".dylib", ".bin", ".iso", ".dmg", ".class", ".jar", ".pyc"),
}


def format_of(path: Path) -> Format | None:
    """The known format of a file by its suffix (any case), or None."""
    return FORMATS.get(path.suffix.lower())


def readable(path: Path) -> bool:
    """Whether files like this one are read when found in a folder: their format has a reader."""
    fmt = format_of(path)
    return fmt is not None and fmt.reader is not None


def readable_suffixes() -> list[str]:
    """The suffixes of the formats graphbuild reads, in table order (one per format name)."""
    names: dict[str, str] = {}
    for suffix, fmt in FORMATS.items():
        if fmt.reader is not None:
            names.setdefault(fmt.name, suffix)
    return list(names.values())


def read_bytes(data: bytes, path: Path, warn: Warn, fields: dict[str, str] | None = None) -> list[Read]:
    """The documents of a file's bytes by its format's reader (plain text for an unknown suffix); none
    after a warning if it holds nothing usable. ``fields`` maps field names to a corpus's column names."""
    fmt = format_of(path)
    if fmt is None or fmt.reader is None:
        fmt = FORMATS[".txt"]
    found = fmt.reader(data, path, warn, fields or {}) if fmt.corpus else fmt.reader(data, path, warn)
    if found is None:
        return []
    return [Read(found)] if isinstance(found, str) else found

