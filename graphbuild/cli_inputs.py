"""The build command's options for what it reads and keeps: corpus columns, a metadata file, the cache."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from .errors import GraphbuildError

if TYPE_CHECKING:  # the cache imports spaCy: only a build loads it
    from .cache import ExtractionCache

CACHE_FOLDER = ".cache"  # under the output folder, by default

CacheFolder = Annotated[Optional[Path], typer.Option(
    "--cache", metavar="DIR", help="Folder of the extraction cache (default: OUT/.cache).", show_default=False)]
NoCache = Annotated[bool, typer.Option("--no-cache", help="Parse every document; read and write no cache.")]
MetadataFile = Annotated[Optional[Path], typer.Option(
    "--metadata", metavar="FILE.csv", help="CSV file of metadata by file name: file, title, url, published, outlet, author.",
    show_default=False)]
Fields = Annotated[Optional[list[str]], typer.Option(
    "--field", metavar="FIELD=COLUMN", help="The column of JSONL/CSV corpora that holds a field (text, id, title, url, "
    "published, outlet, author), e.g. text=body; repeatable.", show_default=False)]


def extraction_cache(folder: Path | None, no_cache: bool, out: Path, warn) -> ExtractionCache | None:
    """The cache a build uses: ``folder``, else ``OUT/.cache``; none with ``--no-cache``."""
    from .cache import ExtractionCache

    if no_cache and folder is not None:
        raise GraphbuildError("give --cache DIR or --no-cache, not both")
    return None if no_cache else ExtractionCache(folder if folder is not None else out / CACHE_FOLDER, warn)


def summary_of(cache: ExtractionCache | None) -> str:
    """What the documents line of the summary adds: how many came from the cache."""
    return f" ({cache.stats.hits} from the cache, {cache.stats.misses} parsed)" if cache is not None else ""
