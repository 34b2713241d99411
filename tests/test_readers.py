"""Readers of saved news pages, PDF and Word files, on inputs the tests make (tests/made_inputs.py): the
article without what surrounds it, metadata, text in reading order, the pages the text stands on, and
a one-line warning for each file that cannot be read."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from graphbuild.ingest import find_documents, read_documents
from graphbuild.metadata import Metadata
from graphbuild.provenance import page_of
from graphbuild.readers.docx import read_docx
from graphbuild.readers.html import read_article
from graphbuild.readers.pdf import read_pdf

from made_inputs import ARTICLE, BOILERPLATE, PAGE_BREAK, PAGE_META, make_docx, make_pdf, make_scanned_pdf, news_page
from test_bad_input import collect

# --- HTML pages --------------------------------------------------------------------------------------------


def test_a_saved_news_page_gives_its_article_and_metadata_and_nothing_around_it(tmp_path):
    (tmp_path / "ledger.html").write_text(news_page(), encoding="utf-8")
    messages, warn = collect()
    [doc] = read_documents([tmp_path], warn)
    assert messages == []
    assert doc.text.splitlines() == ARTICLE  # headline and paragraphs, one a line, in order; no byline
    for part, phrases in BOILERPLATE.items():
        for phrase in phrases:
            assert phrase.lower() not in doc.text.lower(), f"{part}: {phrase!r} reached the text"
    assert "dataLayer" not in doc.text and "position: fixed" not in doc.text
    assert doc.title == PAGE_META["title"]
    assert doc.meta == Metadata(**PAGE_META)  # the canonical URL; the date of the page's markup, as a date


def test_a_page_with_no_article_is_read_whole_with_a_warning(tmp_path):
    # the article is drawn by a script the saved page cannot run: only a side box and the footer hold text
    page = "<html><head><title>Press office</title></head><body><div id='app'></div>" \
           "<aside><p>Contact Lena Korhonen for comment.</p></aside><footer><p>Harbour Ledger 2024</p></footer></body></html>"
    (tmp_path / "app.html").write_text(page, encoding="utf-8")
    messages, warn = collect()
    [doc] = read_documents([tmp_path], warn)
    assert messages == [f"{tmp_path / 'app.html'}: no article found in the page; its whole visible text is read"]
    assert doc.text == "Press office\n\nContact Lena Korhonen for comment.\nHarbour Ledger 2024"


def test_a_page_without_metadata_has_none_and_is_titled_by_its_text():
    page = b"<html><body><article><p>Investigator Lena Korhonen said the payments were routed through three " \
           b"shell companies registered abroad between 2019 and 2022, and that more would follow.</p></article></body></html>"
    [read] = read_article(page, Path("bare.html"), lambda m: pytest.fail(m))
    assert read.text.startswith("Investigator Lena Korhonen said")
    assert (read.meta.url, read.meta.published, read.meta.outlet, read.meta.author) == (None, None, None, None)


def test_a_date_that_is_not_a_date_is_left_out_with_a_warning(tmp_path):
    page = news_page().replace("2024-03-14T09:30:00+01:00", "yesterday").replace("14 March 2024", "")
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    messages, warn = collect()
    [doc] = read_documents([tmp_path], warn)
    assert doc.meta.published is None and doc.meta.url == PAGE_META["url"]
    assert messages == []  # trafilatura found no date: nothing to warn about


# --- PDF ---------------------------------------------------------------------------------------------------

REPORT = [
    ["Audit report 2024", "The audit office said deputy minister Tomas Brenner had accepted", "bribes from a shipping firm.",
     "", "Page 1 of 3"],
    ["Audit report 2024", "Investigator Lena Korhonen said the payments were routed through three shell",
     "companies registered abroad.", "Page 2 of 3"],
    ["Audit report 2024", "Brenner denied the allegations on Friday.", "Page 3 of 3"],
]
REPORT_TEXT = ["The audit office said deputy minister Tomas Brenner had accepted bribes from a shipping firm.",
               "Investigator Lena Korhonen said the payments were routed through three shell companies registered abroad.",
               "Brenner denied the allegations on Friday."]


def test_a_pdf_gives_its_paragraphs_in_order_with_the_page_each_starts_on(tmp_path):
    (tmp_path / "audit.pdf").write_bytes(make_pdf(REPORT, title="Audit report", author="Audit Office"))
    messages, warn = collect()
    [doc] = read_documents([tmp_path], warn)
    assert messages == []
    assert doc.text.split("\n") == REPORT_TEXT  # printed lines joined; running head and page numbers dropped
    assert (doc.title, doc.meta.author) == ("Audit report", "Audit Office")
    for number, paragraph in enumerate(REPORT_TEXT, 1):
        assert page_of(doc.pages, doc.text.index(paragraph)) == number
    [found] = find_documents([tmp_path])
    assert found.pages == doc.pages and found.read() == doc


def test_a_paragraph_running_over_a_page_break_is_one_paragraph(tmp_path):
    pages = [["The audit office said deputy minister Tomas Brenner had accepted bribes from a shipping firm",
              "in exchange for contracts, and that the payments"], ["were routed through three shell companies."]]
    [read] = read_pdf(make_pdf(pages), tmp_path / "r.pdf", lambda m: pytest.fail(m))
    assert read.text == ("The audit office said deputy minister Tomas Brenner had accepted bribes from a shipping firm "
                         "in exchange for contracts, and that the payments were routed through three shell companies.")
    assert page_of(read.pages, read.text.index("were routed")) == 2 and page_of(read.pages, 0) == 1


def test_a_scanned_pdf_is_skipped_with_one_line_saying_so(tmp_path):
    (tmp_path / "scan.pdf").write_bytes(make_scanned_pdf())
    messages, warn = collect()
    assert read_documents([tmp_path / "scan.pdf"], warn) == []
    assert messages == [f"{tmp_path / 'scan.pdf'}: skipped, a scanned PDF: its pages are images with no text layer "
                        "(graphbuild does no OCR)"]


def test_scanned_pages_inside_a_pdf_with_text_are_named_in_a_warning(tmp_path):
    writer = PdfWriter()
    text_page = [REPORT[0][1], REPORT[0][2]]
    for data in (make_pdf([text_page]), make_scanned_pdf(1)):
        writer.append(PdfReader(io.BytesIO(data)))
    out = io.BytesIO()
    writer.write(out)
    messages, warn = collect()
    [read] = read_pdf(out.getvalue(), tmp_path / "mixed.pdf", warn)
    assert read.text == REPORT_TEXT[0]
    assert messages == [f"{tmp_path / 'mixed.pdf'}: page 2 scanned, with no text layer: not read"]


@pytest.mark.parametrize("data, problem", [
    (b"%PDF-1.4\n%%EOF\n", "not a readable PDF"),
    (b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF", "not a readable PDF"),
])
def test_a_damaged_pdf_is_skipped_with_one_line(tmp_path, data, problem):
    (tmp_path / "bad.pdf").write_bytes(data)
    messages, warn = collect()
    assert read_documents([tmp_path / "bad.pdf"], warn) == []
    assert len(messages) == 1 and messages[0].startswith(f"{tmp_path / 'bad.pdf'}: skipped, {problem}")
    assert "\n" not in messages[0]


def test_a_pdf_with_empty_pages_only_is_skipped(tmp_path):
    (tmp_path / "blank.pdf").write_bytes(make_pdf([[], []]))
    messages, warn = collect()
    assert read_documents([tmp_path / "blank.pdf"], warn) == []
    assert messages == [f"{tmp_path / 'blank.pdf'}: skipped, a PDF with no text"]


# --- Word --------------------------------------------------------------------------------------------------

def test_a_word_file_gives_paragraphs_and_tables_in_order_with_pages_at_its_breaks(tmp_path):
    data = make_docx(["Memo on port contracts", "The auditor said deputy minister Tomas Brenner had accepted bribes.",
                      PAGE_BREAK, "Brenner   denied the allegations.", PAGE_BREAK, "Lena Korhonen said so."],
                     title="Memo", author="Audit Office", table=[["Firm", "Amount"], ["Northwind Shipping", "2 million"]])
    (tmp_path / "memo.docx").write_bytes(data)
    messages, warn = collect()
    [doc] = read_documents([tmp_path], warn)
    assert messages == []
    assert doc.text.split("\n") == ["Memo on port contracts", "The auditor said deputy minister Tomas Brenner had accepted bribes.",
                                    "Brenner denied the allegations.", "Lena Korhonen said so.",
                                    "Firm", "Amount", "Northwind Shipping", "2 million"]
    assert (doc.title, doc.meta.author) == ("Memo", "Audit Office")
    assert [page_of(doc.pages, doc.text.index(s)) for s in ("Memo", "Brenner denied", "Lena", "Northwind")] == [1, 2, 3, 3]


def test_a_word_file_without_breaks_has_no_pages(tmp_path):
    [read] = read_docx(make_docx(["One paragraph.", "Another."]), tmp_path / "m.docx", lambda m: pytest.fail(m))
    assert (read.text, read.pages) == ("One paragraph.\nAnother.", ())


def test_a_damaged_word_file_is_skipped_with_one_line(tmp_path):
    good = make_docx(["Brenner denied the allegations."])
    (tmp_path / "cut.docx").write_bytes(good[: len(good) // 2])
    (tmp_path / "fake.docx").write_bytes(b"PK\x03\x04 not really a zip")
    messages, warn = collect()
    assert read_documents([tmp_path], warn) == []
    assert sorted(m.split(": skipped, ")[0] for m in messages) == [str(tmp_path / "cut.docx"), str(tmp_path / "fake.docx")]
    assert all("not a readable Word document" in m and "\n" not in m for m in messages)


def test_an_empty_word_file_is_an_empty_document(tmp_path):
    (tmp_path / "empty.docx").write_bytes(make_docx([]))
    messages, warn = collect()
    assert read_documents([tmp_path / "empty.docx"], warn) == []
    assert messages == [f"{tmp_path / 'empty.docx'}: skipped, empty document"]
