"""Word files (.docx), by python-docx: body paragraphs and tables in document order, title and author
from the file's properties, and page numbers where the file records where its pages break.

A .docx holds no pages, only the breaks its author or Word put in: hard page breaks (a page break,
"page break before", a section that starts on a new page) and the breaks Word noted where it last laid
the pages out (``lastRenderedPageBreak``). When the file has Word's notes they give the pages, else its
hard breaks do; a file with neither has no page numbers. Headers, footers, comments, text boxes and
deleted text are not read.
"""
from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.oxml.ns import qn
from lxml import etree

from ..formats import Read, Warn
from ..metadata import from_fields

P, TBL, TR, TC, SDT, SDT_CONTENT = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt"), qn("w:sdtContent")
T, TAB, BR, CR, RENDERED = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:lastRenderedPageBreak")
NO_BREAK_HYPHEN, TYPE = qn("w:noBreakHyphen"), qn("w:type")
SKIPPED = {qn("w:drawing"), qn("w:pict"), qn("w:del"), qn("w:instrText"), qn("w:object"),
           "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"}
HARD, SOFT = "\ue000", "\ue001"  # page break marks in the raw text (private-use characters, never kept)


def read_docx(data: bytes, path: Path, warn: Warn) -> list[Read] | None:
    """A Word file's text, one paragraph (or table cell) a line, with its page starts where known."""
    try:
        document = docx.Document(io.BytesIO(data))
        builder = _Builder()
        builder.block(document.element.body)
        props = document.core_properties
        title, author = props.title, props.author
    except Exception as e:  # noqa: BLE001 - a damaged file fails in zipfile, lxml or python-docx: each means "cannot read it"
        warn(f"{path}: skipped, not a readable Word document ({' '.join(str(e).split())[:200] or type(e).__name__})")
        return None
    text, starts = builder.result()
    return [Read(text, from_fields({"title": title, "author": author}, str(path), warn), starts)]


class _Builder:
    """Collects the raw text, with a mark character where a page breaks; :meth:`result` cleans it."""

    def __init__(self) -> None:
        self.raw: list[str] = []

    def block(self, element: etree._Element) -> None:
        for child in element:
            if child.tag == P:
                self.paragraph(child)
            elif child.tag == TBL:
                for row in child.iter(TR):
                    for cell in row.iter(TC):
                        self.block(cell)
            elif child.tag in (SDT, SDT_CONTENT):
                self.block(child)

    def paragraph(self, p: etree._Element) -> None:
        props = p.find(qn("w:pPr"))
        if props is not None and props.find(qn("w:pageBreakBefore")) is not None:
            self.raw.append(HARD)
        self.runs(p)
        self.raw.append("\n")
        if props is not None and _new_page_section(props):
            self.raw.append(HARD)

    def runs(self, element: etree._Element) -> None:
        for child in element:
            if child.tag in SKIPPED or child.tag == qn("w:pPr"):
                continue
            if child.tag == T:
                self.raw.append((child.text or "").replace(HARD, "").replace(SOFT, ""))
            elif child.tag == TAB:
                self.raw.append("\t")
            elif child.tag == NO_BREAK_HYPHEN:
                self.raw.append("-")
            elif child.tag == BR and child.get(TYPE) == "page":
                self.raw.append(HARD)
            elif child.tag in (BR, CR):
                self.raw.append("\n")
            elif child.tag == RENDERED:
                self.raw.append(SOFT)
            else:
                self.runs(child)  # runs, hyperlinks, insertions, fields, smart tags ...

    def result(self) -> tuple[str, tuple[int, ...]]:
        """The text, one line a paragraph with its spaces collapsed, and where pages start (from Word's
        notes if the file has them, else from its hard breaks; none without either)."""
        out: list[str] = []
        marks: dict[str, list[int]] = {HARD: [], SOFT: []}
        space = False
        for ch in "".join(self.raw):
            if ch == "\n":
                if out and out[-1] != "\n":
                    out.append("\n")
                space = False
            elif ch in marks:
                marks[ch].append(len(out) + (1 if space and out and out[-1] != "\n" else 0))
            elif ch.isspace():
                space = True
            else:
                if space and out and out[-1] != "\n":
                    out.append(" ")
                out.append(ch)
                space = False
        text = "".join(out).rstrip("\n")
        breaks = sorted({min(at, len(text)) for at in marks[SOFT] or marks[HARD]} - {0})
        return text, (0, *breaks) if breaks else ()


def _new_page_section(props: etree._Element) -> bool:
    """A section ends with this paragraph and the next starts on a new page (the default kind)."""
    section = props.find(qn("w:sectPr"))
    if section is None:
        return False
    kind = section.find(qn("w:type"))
    return kind is None or kind.get(qn("w:val")) in (None, "nextPage", "oddPage", "evenPage")
