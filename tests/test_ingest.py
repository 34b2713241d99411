from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from graphbuild.errors import InputError
from graphbuild.ingest import document_id, html_to_text, read_documents, title_of, word_count


def test_title_is_first_non_empty_line():
    assert title_of("\n\n  # Spy story \nbody") == "Spy story"


def test_same_text_under_two_names_is_one_document(tmp_path):
    (tmp_path / "b.txt").write_text("Same text.\n")
    (tmp_path / "a.md").write_text("Same text.\n")
    warnings = []
    docs = read_documents([tmp_path], warnings.append)
    assert [d.path for d in docs] == ["a.md"]
    assert docs[0].id == document_id("Same text.\n")
    assert len(warnings) == 1 and "b.txt" in warnings[0] and "same text" in warnings[0]


def test_html_is_stripped_to_text(tmp_path):
    page = "<html><head><title>Hello &amp; bye</title><script>var x = 1;</script></head>" \
           "<body><h1>Head</h1><p>First <b>para</b>.</p><style>p{}</style><p>Second</p></body></html>"
    assert html_to_text(page) == "Hello & bye\n\nHead\nFirst para.\nSecond"  # the fallback: all visible text
    assert "var x" not in html_to_text(page)
    (tmp_path / "p.html").write_text(page)
    (doc,) = read_documents([tmp_path / "p.html"])  # the article, by trafilatura
    assert doc.title == "Head"  # the article's headline
    assert "Second" in doc.text and "var x" not in doc.text and "p{}" not in doc.text


def test_folders_are_read_recursively_with_relative_names(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.txt").write_text("One.")
    (tmp_path / "y.txt").write_text("Two.")
    (tmp_path / "skip.json").write_text("{}")
    assert sorted(d.path for d in read_documents([tmp_path])) == ["sub/x.txt", "y.txt"]


def test_missing_path_and_empty_folder_are_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_documents([tmp_path / "nope"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="holds no"):
        read_documents([tmp_path / "empty"])


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.sampled_from("ab \n\u00a0\u2028"), max_size=60), chunk=st.integers(1, 8))
def test_word_count_in_chunks_is_the_count_of_split_words(text, chunk):
    assert word_count(text, chunk=chunk) == len(text.split())
