"""HTML pages: the article's main text and metadata, by trafilatura; the whole visible text, with a
warning, when it finds no article.

trafilatura separates the article from what surrounds it (menus, cookie banners, related stories,
footers), so none of that reaches the graph. Its date search is held to the page's markup (no guessing
from the text) and has no upper bound, so the same page gives the same date whenever it is read.
"""
from __future__ import annotations

from pathlib import Path

import trafilatura

from ..formats import Read, Warn, decode, html_to_text, is_graphbuild_page
from ..metadata import from_fields

DATE_PARAMS = {"original_date": True, "extensive_search": False, "max_date": "9999-12-31"}


def read_article(data: bytes, path: Path, warn: Warn) -> list[Read] | None:
    """An HTML page's article text, with its title, address, date, site name and author where found."""
    markup = decode(data, path, warn)
    if markup is None:
        return None
    markup = markup.replace("\r\n", "\n").replace("\r", "\n")
    if is_graphbuild_page(markup):
        warn(f"{path}: skipped, a graph page graphbuild wrote")
        return None
    found = _extract(markup)
    text = (found.text or "").strip() if found is not None else ""
    if not text:
        text = html_to_text(markup)
        if text.strip():
            warn(f"{path}: no article found in the page; its whole visible text is read")
    if found is None:
        return [Read(text)]
    meta = from_fields({"title": found.title, "url": found.url, "published": found.date, "outlet": found.sitename,
                        "author": found.author}, str(path), warn)
    return [Read(text, meta)]


def _extract(markup: str):  # -> trafilatura's Document or None
    try:
        return trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False, include_tables=True,
                                           deduplicate=False, date_extraction_params=DATE_PARAMS)
    except Exception:  # noqa: BLE001 - markup it cannot make a tree of: the page is read as visible text
        return None
