"""PDF files, by pypdf: the text layer of each page, its lines joined back into paragraphs, the page
each paragraph stands on kept.

A PDF's text comes in printed lines; graphbuild starts a sentence at every line break, so lines are
joined into paragraphs first: a line much shorter than the page's full lines ends its paragraph, a
word hyphenated at a line's end is joined. Page numbers and running heads or feet (a line repeated at
the top or bottom of most pages) are dropped. A paragraph that runs on from one page to the next is
one paragraph, on the page where it starts. A PDF without a text layer (a scan) is skipped.
"""
from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

from pypdf import PdfReader

from ..formats import Read, Warn
from ..metadata import from_fields

PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-\u2013\u2014]?\s*\d{1,4}\s*[-\u2013\u2014]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
SHORT_LINE = 0.7  # of the page's full line width: a line this short ends its paragraph
EDGE_LINES = 2  # lines at the top and bottom of a page where running heads, feet and page numbers stand
ENDS_SENTENCE = tuple(".!?:;\"\u201d\u2019)]")
NOT_TITLES = re.compile(r"^(microsoft word - |untitled)|\.(docx?|pdf|odt|rtf|txt)$", re.I)


def read_pdf(data: bytes, path: Path, warn: Warn) -> list[Read] | None:
    """A PDF's text in reading order with the offset where each page starts, title and author from its
    properties; None after a warning for a PDF that cannot be read or has no text layer."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            warn(f"{path}: skipped, an encrypted PDF that needs a password")
            return None
        page_texts = [page.extract_text() or "" for page in reader.pages]
        scanned = [not text.strip() and _has_images(page) for page, text in zip(reader.pages, page_texts)]
        props = reader.metadata or {}
        title, author = props.get("/Title"), props.get("/Author")
    except Exception as e:  # noqa: BLE001 - pypdf raises many kinds on a damaged file: each means "cannot read it"
        warn(f"{path}: skipped, not a readable PDF ({' '.join(str(e).split())[:200] or type(e).__name__})")
        return None
    if not any(text.strip() for text in page_texts):
        if any(scanned):
            warn(f"{path}: skipped, a scanned PDF: its pages are images with no text layer (graphbuild does no OCR)")
        else:
            warn(f"{path}: skipped, a PDF with no text")
        return None
    if any(scanned):
        pages = ", ".join(str(n + 1) for n, s in enumerate(scanned) if s)
        warn(f"{path}: page{'s' if sum(scanned) > 1 else ''} {pages} scanned, with no text layer: not read")
    text, starts = join_pages([paragraphs(lines) for lines in strip_edges([_lines(t) for t in page_texts])])
    if isinstance(title, str) and NOT_TITLES.search(title.strip()):
        title = None
    meta = from_fields({"title": title if isinstance(title, str) else None,
                        "author": author if isinstance(author, str) else None}, str(path), warn)
    return [Read(text, meta, starts)]


def _has_images(page) -> bool:
    try:
        xobjects = page["/Resources"].get("/XObject") or {}
        return any(xobjects[name].get_object().get("/Subtype") == "/Image" for name in xobjects)
    except Exception:  # noqa: BLE001 - resources it cannot follow: not known to hold images
        return False


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


def strip_edges(pages: list[list[str]]) -> list[list[str]]:
    """Pages without their page numbers and running heads and feet (lines, digits aside, that stand
    at the top or bottom of at least half the pages, of three or more).

    >>> strip_edges([["Report", "Text one.", "1"], ["Report", "Text two.", "2"], ["Report", "Three.", "3"]])
    [['Text one.'], ['Text two.'], ['Three.']]
    """
    def key(line: str) -> str:
        return re.sub(r"\d+", "#", line.lower())

    def edges(lines: list[str]) -> set[int]:
        filled = [i for i, line in enumerate(lines) if line]
        return set(filled[:EDGE_LINES] + filled[-EDGE_LINES:])

    repeated: Counter = Counter()
    for lines in pages:
        repeated.update({key(lines[i]) for i in edges(lines)})
    running = {k for k, n in repeated.items() if len(pages) >= 3 and n >= len(pages) / 2}
    out = []
    for lines in pages:
        at_edge = edges(lines)
        out.append([line for i, line in enumerate(lines)
                    if line and not (i in at_edge and (PAGE_NUMBER.match(line) or key(line) in running))])
    return out


def paragraphs(lines: list[str]) -> list[str]:
    """A page's printed lines joined into paragraphs.

    >>> paragraphs(["The committee said the agency had recruited", "him in 1987.", "Next paragraph."])
    ['The committee said the agency had recruited him in 1987.', 'Next paragraph.']
    """
    widths = sorted(len(line) for line in lines)
    full = widths[(len(widths) * 4) // 5] if widths else 0
    out: list[str] = []
    current = ""
    for line in lines:
        current = _join(current, line) if current else line
        if len(line) < SHORT_LINE * full:
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out


def _join(left: str, right: str) -> str:
    """Two lines of one paragraph: a word hyphenated across them is one word again."""
    if left.endswith("-") and left[-2:-1].isalpha() and right[:1].islower():
        return left[:-1] + right
    return left + " " + right


def join_pages(pages: list[list[str]]) -> tuple[str, tuple[int, ...]]:
    """The text of all pages, one paragraph a line, and the offset where each page starts; a paragraph
    left unfinished at a page's end (no closing punctuation, the next page going on in lower case) runs on."""
    text = ""
    starts = []
    for paras in pages:
        if paras and text and not text.endswith(ENDS_SENTENCE) and paras[0][:1].islower():
            text = _join(text, paras[0])
            starts.append(len(text) - len(paras[0]))
            paras = paras[1:]
            if paras:
                text += "\n"
        else:
            if text and paras:
                text += "\n"
            starts.append(len(text))
        text += "\n".join(paras)
    return text, tuple(starts)
