"""The extraction cache: what extraction found in a document, kept on disk so a rebuild parses only new
or changed documents.

An entry is keyed by the SHA-256 of the document's text, the model's name and version and the
extractor's version (:func:`extractor_version`: a hash of the code and data extraction runs on), so a
change to any of them misses the cache. It holds the compacted extraction, pickled, behind a header
that repeats its key and the payload's checksum. An entry is never trusted: one that is damaged,
made for another key, or holds anything but an extraction (it is unpickled with only the extraction's
own classes allowed) is ignored with a warning and the document parsed again. The name, path and
title of the document, which extraction only copies, are set from the document at hand, so a file
renamed or retitled still hits.

Entries are written atomically (a temp file renamed into place), so concurrent builds sharing a cache
never see half an entry. Nothing is ever removed: delete the folder to clear it.
"""
from __future__ import annotations

import builtins
import dataclasses
import hashlib
import io
import json
import pickle
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from pathlib import Path

from . import __version__
from .extract import DocExtraction
from .fileio import atomic_path
from .ingest import Source, text_digest

Warn = Callable[[str], None]
FORMAT = 1
MAGIC = b"graphbuild extraction cache\n"
PACKAGE = Path(__file__).resolve().parent
# Parts of the package that cannot change what extraction gives for a text: upstream of the text (the
# readers; the text's hash covers what they did) or downstream of extraction (exports, stores, the CLI).
NOT_EXTRACTION = ("readers", "exporters", "stores", "vendor", "__pycache__")
SUFFIXES = (".py", ".toml", ".json", ".txt")
HEADER_LIMIT = 4096


def extraction_files() -> list[Path]:
    """The package's files extraction depends on, sorted: every source and data file but those in
    :data:`NOT_EXTRACTION` and the command line's."""
    found = []
    for path in sorted(PACKAGE.rglob("*")):
        rel = path.relative_to(PACKAGE)
        if (path.is_file() and path.suffix in SUFFIXES and rel.parts[0] not in NOT_EXTRACTION
                and "__pycache__" not in rel.parts and not path.name.startswith("cli")):
            found.append(path)
    return found


@cache
def extractor_version() -> str:
    """A hash of :func:`extraction_files` with graphbuild's and spaCy's versions: it changes whenever
    extraction, its lexicons or the pipeline set-up change."""
    import spacy

    digest = hashlib.sha256(f"graphbuild {__version__} spacy {spacy.__version__}\n".encode())
    for path in extraction_files():
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@dataclass
class CacheStats:
    """What a build did with the cache: documents found in it, parsed, entries ignored and written."""

    hits: int = 0
    misses: int = 0
    ignored: int = 0
    written: int = 0


class _Refused(Exception):
    """Why an entry is not used."""


class _ExtractionUnpickler(pickle.Unpickler):
    """Unpickles extractions only: the dataclasses of :mod:`graphbuild.extract` and plain containers."""

    def find_class(self, module: str, name: str) -> type:
        if module == "builtins" and name in ("set", "frozenset"):
            return getattr(builtins, name)
        if module == "graphbuild.extract" or module.startswith("graphbuild.extract."):
            found = getattr(import_module(module), name, None)
            if isinstance(found, type) and dataclasses.is_dataclass(found):
                return found
        raise pickle.UnpicklingError(f"it names {module}.{name}, which an extraction never holds")


class ExtractionCache:
    """A cache folder: :meth:`lookup` the packed extractions of documents, :meth:`store` new ones.

    Problems are warnings through ``warn``; a folder that cannot be written is warned about once and
    the build goes on without storing.
    """

    def __init__(self, folder: str | Path, warn: Warn = lambda message: None) -> None:
        self.folder = Path(folder)
        self.warn = warn
        self.stats = CacheStats()
        self._writable = True

    def key(self, digest: str, info: dict[str, str]) -> str:
        """The entry key of a text (its SHA-256) with a model (name and version)."""
        return hashlib.sha256(json.dumps(self._fields(digest, info), sort_keys=True).encode()).hexdigest()

    @staticmethod
    def _fields(digest: str, info: dict[str, str]) -> dict[str, object]:
        return {"cache": FORMAT, "text_sha256": digest, "model": info.get("model", ""),
                "model_version": info.get("model_version", ""), "extractor": extractor_version()}

    def entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.extraction"

    def lookup(self, sources: Iterable[Source], info: dict[str, str]) -> dict[str, bytes]:
        """Document id -> packed extraction, for each of ``sources`` the cache holds a sound entry for.

        A cache path that is not a folder is warned about once and not used at all."""
        found: dict[str, bytes] = {}
        if self.folder.exists() and not self.folder.is_dir():
            self._writable = False
            self.warn(f"{self.folder}: not a folder, so no cache is used; give --cache another path")
            sources = list(sources)
            self.stats.misses += len(sources)
            return found
        for source in sources:
            packed = self.get(source, info)
            if packed is None:
                self.stats.misses += 1
            else:
                self.stats.hits += 1
                found[source.id] = packed
        return found

    def get(self, source: Source, info: dict[str, str]) -> bytes | None:
        """The packed extraction of ``source`` (with its own name, path and title), or None."""
        digest = source.digest or text_digest(source.read().text)
        path = self.entry(self.key(digest, info))
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as e:
            return self._ignore(path, source, f"it cannot be read ({e.strerror or e})")
        try:
            extraction = self._check(data, {**self._fields(digest, info), "document_id": source.id})
        except _Refused as e:
            return self._ignore(path, source, str(e))
        extraction.document_name, extraction.path, extraction.title = source.name, source.path, source.title
        return pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL)

    def _ignore(self, path: Path, source: Source, reason: str) -> None:
        self.stats.ignored += 1
        self.warn(f"{path}: cache entry for {source.path} ignored, {reason}; the document is parsed again")
        return None

    @staticmethod
    def _check(data: bytes, expected: dict[str, object]) -> DocExtraction:
        if not data.startswith(MAGIC):
            raise _Refused("not a graphbuild cache entry")
        end = data.find(b"\n", len(MAGIC), len(MAGIC) + HEADER_LIMIT)
        try:
            header = json.loads(data[len(MAGIC):end]) if end > 0 else None
        except (json.JSONDecodeError, UnicodeDecodeError):
            header = None
        if not isinstance(header, dict):
            raise _Refused("its header is damaged")
        if any(header.get(k) != v for k, v in expected.items()):
            raise _Refused("it was made for another text, model or extractor")
        payload = data[end + 1:]
        if len(payload) != header.get("payload_bytes") or hashlib.sha256(payload).hexdigest() != header.get("payload_sha256"):
            raise _Refused("it is damaged (its checksum does not match)")
        try:
            extraction = _ExtractionUnpickler(io.BytesIO(payload)).load()
        except Exception as e:  # noqa: BLE001 - whatever the payload does wrong, it is not used
            raise _Refused(f"its content is refused ({' '.join(str(e).split())[:200] or type(e).__name__})") from None
        if not isinstance(extraction, DocExtraction) or extraction.document_id != expected["document_id"]:
            raise _Refused("it holds something other than this document's extraction")
        return extraction

    def store(self, source: Source, info: dict[str, str], packed: bytes) -> None:
        """Write the packed extraction of ``source``; a folder that cannot be written is warned about once."""
        if not self._writable:
            return
        digest = source.digest or text_digest(source.read().text)
        header = {**self._fields(digest, info), "document_id": source.id,
                  "payload_bytes": len(packed), "payload_sha256": hashlib.sha256(packed).hexdigest()}
        path = self.entry(self.key(digest, info))
        try:
            with atomic_path(path) as tmp:
                tmp.write_bytes(MAGIC + json.dumps(header, sort_keys=True).encode() + b"\n" + packed)
        except OSError as e:
            self._writable = False
            self.warn(f"{self.folder}: cache cannot be written ({e.strerror or e}); this build stores nothing in it")
            return
        self.stats.written += 1
