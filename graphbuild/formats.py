"""File formats by name: a reader that turns a file's bytes into text, or a known format with no reader yet.

``FORMATS`` maps a lower-case suffix to its :class:`Format`. Files with a reader are found in folders
and read; a file of a known format without one (PDF, Word, images, archives ...) is skipped with a
warning naming the format, and never read as text. A reader for such a format claims it by giving
its entry a reader::

    FORMATS[".pdf"] = Format("PDF document", read_pdf)   # read_pdf(data, path, warn) -> text or None

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
from pathlib import Path

Warn = Callable[[str], None]
Reader = Callable[[bytes, Path, Warn], "str | None"]

# Byte-order marks and their codecs; UTF-32's come first, as UTF-32 LE's begins with UTF-16 LE's.
BOMS = ((codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
        (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
        (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))


@dataclass(frozen=True)
class Format:
    """A file format graphbuild knows by its suffix: its name for messages and its reader, if it has one."""

    name: str
    reader: Reader | None = None


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


def read_html(data: bytes, path: Path, warn: Warn) -> str | None:
    """An HTML page's visible text; a page graphbuild itself wrote is skipped."""
    markup = decode(data, path, warn)
    if markup is None:
        return None
    markup = markup.replace("\r\n", "\n").replace("\r", "\n")
    if is_graphbuild_page(markup):
        warn(f"{path}: skipped, a graph page graphbuild wrote")
        return None
    return html_to_text(markup)


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


FORMATS: dict[str, Format] = {
    ".txt": Format("text", read_plain), ".md": Format("Markdown", read_plain),
    ".html": Format("HTML page", read_html), ".htm": Format("HTML page", read_html),
    **_known("PDF document", ".pdf"),
    **_known("Word document", ".docx", ".doc", ".docm"), **_known("OpenDocument text", ".odt"),
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


def read_bytes_as_text(data: bytes, path: Path, warn: Warn) -> str | None:
    """A file's text by its format's reader (plain text for an unknown suffix), or None after a warning."""
    fmt = format_of(path)
    reader = fmt.reader if fmt is not None and fmt.reader is not None else read_plain
    return reader(data, path, warn)
