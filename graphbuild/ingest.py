"""Sources to documents: find files, read and decode them, strip markup, give each a content id.

A document's id comes from its text alone, so the same article under another file name is the same
document and is counted once. A document's ``path`` is its file's path relative to the folder given
(see :mod:`graphbuild.sources`); evidence records it as the document's name.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .errors import InputError
from .formats import format_of, html_to_text, read_bytes_as_text  # noqa: F401 - html_to_text: this module's API too
from .sources import find_files

Warn = Callable[[str], None]


class _Named:
    path: str  # the file's path relative to the folder given

    @property
    def name(self) -> str:
        """What evidence records as the document: its path, unique within a build."""
        return self.path


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

    @property
    def words(self) -> int:
        """How many words the text holds (runs of non-space characters)."""
        return word_count(self.text)


@dataclass(frozen=True)
class DocumentFile(_Named):
    """A document identified by a first read, whose text is read again only when it is parsed.

    A build holds these instead of texts, so its memory does not grow with the size of the corpus.
    """

    id: str
    path: str
    title: str
    file: Path
    words: int = 0  # as Document.words, counted at the first read

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


def word_count(text: str, chunk: int = 1 << 16) -> int:
    """Runs of non-space characters in ``text``, counted ``chunk`` characters at a time, so a long text
    is never held as a list of its words.

    >>> word_count(" Two  words\\n"), word_count("one two three", chunk=5)
    (2, 3)
    """
    count = 0
    for start in range(0, len(text), chunk):
        piece = text[start:start + chunk]
        count += len(piece.split())
        if start and not text[start - 1].isspace() and not piece[0].isspace():
            count -= 1  # a word across the cut was counted in both chunks
    return count


def title_of(text: str) -> str:
    """The first non-empty line, stripped of Markdown heading marks."""
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:300]
    return ""


def read_text(path: Path, warn: Warn) -> str | None:
    """A file's text by its format (markup stripped from HTML), or None after a warning if it holds
    nothing usable or is of a format graphbuild cannot read."""
    fmt = format_of(path)
    if fmt is not None and fmt.reader is None:
        warn(f"{path}: skipped, {fmt.name}: graphbuild has no reader for this format")
        return None
    try:
        data = path.read_bytes()
    except OSError as e:
        warn(f"{path}: skipped, cannot be read ({e.strerror or e})")
        return None
    text = read_bytes_as_text(data, path, warn)
    if text is None:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        warn(f"{path}: skipped, empty document")
        return None
    return text


def read_documents(sources: Iterable[str | Path], warn: Warn = lambda message: None, *,
                   exclude: Iterable[str | Path] = ()) -> list[Document]:
    """Documents from files and folders, each text once, sorted by id.

    A repeated text is skipped with a warning; of its files the one with the smallest name is kept, so
    the result does not depend on the order the sources were given in. Folders in ``exclude`` (a
    build's output folder) are skipped with a warning.
    """
    return _unique(sources, warn, exclude,
                   lambda text, path, name: Document(document_id(text), name, title_of(text), text))


def find_documents(sources: Iterable[str | Path], warn: Warn = lambda message: None, *,
                   exclude: Iterable[str | Path] = ()) -> list[DocumentFile]:
    """As :func:`read_documents` (same documents, order and warnings), but without keeping their texts."""
    return _unique(sources, warn, exclude, lambda text, path, name: DocumentFile(
        document_id(text), name, title_of(text), path, word_count(text)))


Source = Document | DocumentFile  # what a build takes: a text, or a file to read it from when needed
AnyDocument = TypeVar("AnyDocument", Document, DocumentFile)


def _unique(sources: Iterable[str | Path], warn: Warn, exclude: Iterable[str | Path],
            make: Callable[[str, Path, str], AnyDocument]) -> list[AnyDocument]:
    by_id: dict[str, AnyDocument] = {}
    for path, name in find_files(sources, warn, exclude=exclude):
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
