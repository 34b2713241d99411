"""Sources to documents: find files, read and decode them, strip markup, give each a content id.

A document's id comes from its text alone, so the same article under another file name is the same
document and is counted once.
"""
from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TypeVar

from .errors import InputError

SUFFIXES = (".txt", ".md", ".html", ".htm")
Warn = Callable[[str], None]


class _Named:
    path: str  # the file's name relative to the folder it was found in

    @property
    def name(self) -> str:
        """The file name, which evidence records as the document."""
        return Path(self.path).name


@dataclass(frozen=True)
class Document(_Named):
    """A source text. ``text`` is what offsets in evidence refer to."""

    id: str
    path: str
    title: str
    text: str

    def read(self) -> Document:
        """The document with its text: itself (as :meth:`DocumentFile.read` gives one)."""
        return self


@dataclass(frozen=True)
class DocumentFile(_Named):
    """A document identified by a first read, whose text is read again only when it is parsed.

    A build holds these instead of texts, so its memory does not grow with the size of the corpus.
    """

    id: str
    path: str
    title: str
    file: Path

    def read(self) -> Document:
        """The document with its text; :class:`InputError` if the file no longer holds the text first read."""
        text = read_text(self.file, lambda message: None)  # its warnings were given at the first read
        if text is None or document_id(text) != self.id:
            raise InputError(f"{self.file}: skipped, changed or removed during the build")
        return Document(id=self.id, path=self.path, title=self.title, text=text)


def document_id(text: str) -> str:
    """A stable id from the text: 16 hex digits of its SHA-256.

    >>> document_id("Hello") == document_id("Hello")
    True
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def title_of(text: str) -> str:
    """The first non-empty line, stripped of Markdown heading marks."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:300]
    return ""


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


def decode(data: bytes, path: Path, warn: Warn) -> str:
    """UTF-8 (with or without BOM); otherwise cp1252, then latin-1, with a warning."""
    try:
        return data.decode("utf-8-sig")
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


def find_files(sources: Iterable[str | Path]) -> list[tuple[Path, str]]:
    """(file, name to record) for files named directly and supported files below folders (recursively).

    The recorded name is the path relative to the folder given (the file name for a file given directly),
    so a graph does not depend on where the corpus lives. Raises :class:`InputError` for a missing path
    or a folder with no supported file.
    """
    files: list[tuple[Path, str]] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not found:
                raise InputError(f"{path}: folder holds no .txt, .md or .html file")
            files.extend((p, p.relative_to(path).as_posix()) for p in found)
        elif path.is_file():
            files.append((path, path.name))
        else:
            raise InputError(f"{path}: no such file or folder")
    return files


def read_text(path: Path, warn: Warn) -> str | None:
    """A file's text (markup stripped from HTML), or None after a warning if it holds nothing usable."""
    try:
        data = path.read_bytes()
    except OSError as e:
        warn(f"{path}: skipped, cannot be read ({e.strerror or e})")
        return None
    if b"\x00" in data:
        warn(f"{path}: skipped, binary file (NUL bytes)")
        return None
    text = decode(data, path, warn).replace("\r\n", "\n").replace("\r", "\n")
    if path.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
    if not text.strip():
        warn(f"{path}: skipped, empty document")
        return None
    return text


def read_documents(sources: Iterable[str | Path], warn: Warn = lambda message: None) -> list[Document]:
    """Documents from files and folders, each text once, sorted by id.

    A repeated text is skipped with a warning; of its files the one with the smallest name is kept, so
    the result does not depend on the order the sources were given in.
    """
    return _unique(sources, warn, lambda text, path, name: Document(document_id(text), name, title_of(text), text))


def find_documents(sources: Iterable[str | Path], warn: Warn = lambda message: None) -> list[DocumentFile]:
    """As :func:`read_documents` (same documents, order and warnings), but without keeping their texts."""
    return _unique(sources, warn, lambda text, path, name: DocumentFile(document_id(text), name, title_of(text), path))


Source = Document | DocumentFile  # what a build takes: a text, or a file to read it from when needed
AnyDocument = TypeVar("AnyDocument", Document, DocumentFile)


def _unique(sources: Iterable[str | Path], warn: Warn,
            make: Callable[[str, Path, str], AnyDocument]) -> list[AnyDocument]:
    by_id: dict[str, AnyDocument] = {}
    for path, name in find_files(sources):
        text = read_text(path, warn)
        if text is None:
            continue
        doc = make(text, path, name)
        kept = by_id.get(doc.id)
        if kept is not None:
            first, second = sorted((kept, doc), key=lambda d: (d.name, d.path))
            warn(f"{second.path}: skipped, same text as {first.path}")
            doc = first
        by_id[doc.id] = doc
    return [by_id[k] for k in sorted(by_id)]
