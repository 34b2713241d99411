"""Inputs the tests make themselves: a saved news page with everything around its article, PDF files
written with pypdf (text pages, and a scan-like page that is only an image), and Word files written
with python-docx. The texts are invented for the tests."""
from __future__ import annotations

import io
from collections.abc import Sequence

import docx
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject

# The article of the page, as it should reach the graph, and what surrounds it, which never should.
ARTICLE = [
    "Harbour minister accused of taking bribes",
    "The anti-corruption bureau said on Thursday that deputy minister Tomas Brenner had accepted bribes "
    "from a shipping firm in exchange for port contracts.",
    "According to investigator Lena Korhonen, the payments were routed through three shell companies "
    "registered abroad between 2019 and 2022.",
    "Brenner denied the allegations in a statement on Friday and said he had never met the firm's owners.",
    "The bureau has asked parliament to lift his immunity so that charges can be brought.",
]
BOILERPLATE = {
    "navigation": ["Home", "World news", "Sport scores", "Subscribe today"],
    "cookie banner": ["We use cookies to improve your experience", "Accept all cookies", "manage preferences"],
    "related stories": ["Related stories", "Harbour strike enters third week", "Weather warning for coastal towns",
                        "Football club signs new goalkeeper"],
    "footer": ["Copyright 2024 Harbour Ledger Media Group", "All rights reserved", "Privacy policy",
               "Terms of service"],
}
PAGE_URL = "https://ledger.example.org/2024/03/harbour-minister-bribes"
PAGE_META = {"title": ARTICLE[0], "url": PAGE_URL, "published": "2024-03-14", "outlet": "The Harbour Ledger",
             "author": "Marta Vell"}


def news_page() -> str:
    """A news page as a browser saves it: head metadata, a cookie banner, navigation, the article,
    a related-stories box and a footer."""
    nav, cookies, related, footer = (BOILERPLATE[k] for k in ("navigation", "cookie banner", "related stories", "footer"))
    paragraphs = "\n".join(f"<p>{p}</p>" for p in ARTICLE[1:])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{ARTICLE[0]} | The Harbour Ledger</title>
<link rel="canonical" href="{PAGE_URL}">
<meta property="og:site_name" content="The Harbour Ledger">
<meta property="og:title" content="{ARTICLE[0]}">
<meta name="author" content="Marta Vell">
<meta property="article:published_time" content="2024-03-14T09:30:00+01:00">
<script>window.dataLayer = [{{"page": "article"}}];</script>
<style>.cookie-consent {{ position: fixed; }}</style>
</head><body>
<div id="cookie-banner" class="cookie-consent"><p>{cookies[0]}. {cookies[1]} or {cookies[2]}.</p>
<button>Accept</button></div>
<header><nav class="main-nav"><ul>{"".join(f'<li><a href="/{i}">{w}</a></li>' for i, w in enumerate(nav))}</ul></nav></header>
<main><article>
<h1>{ARTICLE[0]}</h1>
<p class="byline">By Marta Vell, 14 March 2024</p>
{paragraphs}
</article>
<aside class="related"><h2>{related[0]}</h2><ul>{"".join(f'<li><a href="/r{i}">{w}</a></li>' for i, w in enumerate(related[1:]))}</ul></aside>
</main>
<footer><p>{footer[0]}. {footer[1]}.</p><p><a href="/privacy">{footer[2]}</a> | <a href="/terms">{footer[3]}</a></p></footer>
</body></html>
"""


def make_pdf(pages: Sequence[Sequence[str]], *, title: str | None = None, author: str | None = None) -> bytes:
    """A PDF whose pages print the given lines (Helvetica, 11 pt, top to bottom): a real text layer."""
    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"), NameObject("/Encoding"): NameObject("/WinAnsiEncoding")}))
    for lines in pages:
        ops = ["BT", "/F1 11 Tf", "14 TL", "72 740 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({escaped}) Tj T*")
        ops.append("ET")
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Contents")] = writer._add_object(_stream("\n".join(ops).encode("cp1252")))
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
    if title or author:
        writer.add_metadata({k: v for k, v in (("/Title", title), ("/Author", author)) if v})
    return _written(writer)


def make_scanned_pdf(pages: int = 2) -> bytes:
    """A PDF as a scanner makes it: every page one grey image, no text layer."""
    writer = PdfWriter()
    image = _stream(bytes(range(0, 256, 16)) * 4, {
        "/Type": NameObject("/XObject"), "/Subtype": NameObject("/Image"), "/Width": NumberObject(8),
        "/Height": NumberObject(8), "/ColorSpace": NameObject("/DeviceGray"), "/BitsPerComponent": NumberObject(8)})
    image_ref = writer._add_object(image)
    for _ in range(pages):
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Contents")] = writer._add_object(_stream(b"q 612 0 0 792 0 0 cm /Im0 Do Q"))
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/XObject"): DictionaryObject({NameObject("/Im0"): image_ref})})
    return _written(writer)


def _stream(data: bytes, entries: dict | None = None) -> DecodedStreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    for key, value in (entries or {}).items():
        stream[NameObject(key)] = value
    return stream


def _written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PAGE_BREAK = None  # in make_docx's paragraphs: a hard page break


def make_docx(paragraphs: Sequence[str | None], *, title: str | None = None, author: str | None = None,
              table: Sequence[Sequence[str]] = ()) -> bytes:
    """A Word file of paragraphs (``PAGE_BREAK`` for a page break), then a table of ``table`` rows."""
    document = docx.Document()
    if title:
        document.core_properties.title = title
    if author:
        document.core_properties.author = author
    for paragraph in paragraphs:
        if paragraph is PAGE_BREAK:
            document.add_page_break()
        else:
            document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
