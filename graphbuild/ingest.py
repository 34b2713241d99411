"""Sources to documents: find files, read and decode them, strip markup, give each a content id.

A document's id comes from its text alone, so the same article under another file name is the same
document and is counted once. A document's ``path`` is its file's path relative to the folder given
(see :mod:`graphbuild.sources`), with ``#ID`` or ``:LINE`` after it for a row of a corpus file;
evidence records it as the document's name. Its metadata (:mod:`graphbuild.metadata`) comes from the
file or row, and from a metadata file mapping file names to fields.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from .errors import InputError
from .formats import Read, format_of, html_to_text, read_bytes  # noqa: F401 - html_to_text: this module's API too
from .metadata import NO_METADATA, Metadata, MetadataTable
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
    """A source text. ``text`` is what offsets in evidence refer to; ``pages`` the offsets where the
    pages of a paged document (PDF, Word) start, the first at 0."""

    id: str
    path: str
    title: str
    text: str
    meta: Metadata = NO_METADATA
    pages: tuple[int, ...] = ()

    @property
    def digest(self) -> str:
        """The SHA-256 of the text, in hex."""
        return text_digest(self.text)

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
    meta: Metadata = NO_METADATA
    pages: tuple[int, ...] = ()
    digest: str = ""  # as Document.digest
    ref: Any = None  # where a corpus row stands in its file (graphbuild.readers.records.RowRef)

    def read(self) -> Document:
        """The document with its text; :class:`InputError` if the file no longer holds the text first read."""
        if self.ref is not None:
            from .readers.records import read_row
            text = read_row(self.file, self.ref)
            where = f"{self.file}: line {self.ref.line}"
        else:
            found = read_file(self.file, lambda message: None)  # its warnings were given at the first read
            text = found[0].text if len(found) == 1 else None
            where = str(self.file)
        if text is None or document_id(text) != self.id:
            raise InputError(f"{where}: skipped, changed or removed during the build")
        return Document(id=self.id, path=self.path, title=self.title, text=text, meta=self.meta, pages=self.pages)


def text_digest(text: str) -> str:
    """The SHA-256 of a text's UTF-8 bytes, in hex: what a document's id and cache entries are keyed by."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_id(text: str) -> str:
    """A stable id from the text: 16 hex digits of its SHA-256.

    >>> document_id("Hello") == document_id("Hello")
    True
    """
    return text_digest(text)[:16]


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
    nothing usable or is of a format graphbuild cannot read; the first document's of a corpus file."""
    found = read_file(path, warn)
    return found[0].text if found else None


def read_file(path: Path, warn: Warn, fields: dict[str, str] | None = None) -> list[Read]:
    """The documents a file holds (one, or a corpus file's rows), with line breaks made ``\\n``; none
    after a warning if it holds nothing usable or is of a format graphbuild cannot read."""
    fmt = format_of(path)
    if fmt is not None and fmt.reader is None:
        warn(f"{path}: skipped, {fmt.name}: graphbuild has no reader for this format")
        return []
    try:
        data = path.read_bytes()
    except OSError as e:
        warn(f"{path}: skipped, cannot be read ({e.strerror or e})")
        return []
    found = []
    for read in read_bytes(data, path, warn, fields):
        if "\r" in read.text and not read.pages:  # a paged reader gives "\n" only: its offsets stand
            read = Read(read.text.replace("\r\n", "\n").replace("\r", "\n"), read.meta, read.pages, read.suffix, read.ref)
        if read.text.strip():
            found.append(read)
        elif not read.suffix:
            warn(f"{path}: skipped, empty document")
    return found


def read_documents(sources: Iterable[str | Path], warn: Warn = lambda message: None, *,
                   exclude: Iterable[str | Path] = (), fields: dict[str, str] | None = None,
                   metadata: MetadataTable | None = None) -> list[Document]:
    """Documents from files and folders, each text once, sorted by id.

    A repeated text is skipped with a warning; of its files the one with the smallest name is kept, so
    the result does not depend on the order the sources were given in. Folders in ``exclude`` (a
    build's output folder) are skipped with a warning. ``fields`` maps field names to the column
    names of corpus files; ``metadata`` (a metadata file read) names fields for files by name.
    """
    return _unique(_found(sources, warn, exclude, fields, metadata), warn, lambda f: Document(
        document_id(f.read.text), f.name, f.title, f.read.text, f.meta, f.read.pages))


def find_documents(sources: Iterable[str | Path], warn: Warn = lambda message: None, *,
                   exclude: Iterable[str | Path] = (), fields: dict[str, str] | None = None,
                   metadata: MetadataTable | None = None) -> list[DocumentFile]:
    """As :func:`read_documents` (same documents, order and warnings), but without keeping their texts."""
    def make(f: _Found) -> DocumentFile:
        digest = text_digest(f.read.text)
        return DocumentFile(digest[:16], f.name, f.title, f.file, word_count(f.read.text), f.meta, f.read.pages,
                            digest, f.read.ref)
    return _unique(_found(sources, warn, exclude, fields, metadata), warn, make)


Source = Document | DocumentFile  # what a build takes: a text, or a file to read it from when needed
AnyDocument = TypeVar("AnyDocument", Document, DocumentFile)


@dataclass(frozen=True)
class _Found:
    """A document as first read: its file, name, what its reader gave, and its metadata all told."""

    file: Path
    name: str
    read: Read
    meta: Metadata

    @property
    def title(self) -> str:
        return self.meta.title or title_of(self.read.text)


def _found(sources: Iterable[str | Path], warn: Warn, exclude: Iterable[str | Path], fields: dict[str, str] | None,
           metadata: MetadataTable | None) -> Iterator[_Found]:
    files = find_files(sources, warn, exclude=exclude)
    basenames = Counter(file.name for file, _ in files)
    for file, name in files:
        for read in read_file(file, warn, fields):
            meta = read.meta
            if metadata is not None:
                unique = (file.name,) if basenames[file.name] == 1 else ()
                mapped = metadata.lookup(name + read.suffix, name, str(file), *unique) or NO_METADATA
                meta = read.meta.over(mapped) if read.suffix else mapped.over(read.meta)
            yield _Found(file, name + read.suffix, read, meta)
    if metadata is not None:
        for name, line in metadata.unused():
            warn(f"{metadata.path}: line {line}: no document {name!r} in this build")


def _unique(found: Iterable[_Found], warn: Warn, make: Callable[[_Found], AnyDocument]) -> list[AnyDocument]:
    by_id: dict[str, AnyDocument] = {}
    for f in found:
        doc = make(f)
        kept = by_id.get(doc.id)
        if kept is not None:
            first, second = sorted((kept, doc), key=lambda d: (d.name, d.path))
            warn(f"{second.path}: skipped, same text as {first.path}")
            doc = first
        by_id[doc.id] = doc
    return [by_id[k] for k in sorted(by_id)]
