"""Fuzzing the whole build: random Unicode, random bytes and random markup go through ``build_graph`` next to
real sentences without a crash, and the graph still keeps its contract (exact evidence, valid JSON)."""
from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from graphbuild.build import build_graph
from graphbuild.jsonio import data_to_graph, dumps

ROOT = Path(__file__).resolve().parents[1]
SENTENCES = [s.strip() + "." for s in (ROOT / "seeds" / "002_73ea92c62be63d4c.txt").read_text(encoding="utf-8").split(".")
             if len(s.split()) > 3][:12]
ANCHOR = "Alnur Mussayev said the KGB recruited Donald Trump in 1987, and Yuri Shvets confirmed it.\n"

unicode_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
weird = st.sampled_from(["\u2028", "\u2029", "\x0b", "\x0c", "\x85", "\u200b", "\ufeff", "\u202e", "\r", "\t", "\u00a0",
                         "\u0301", "’s", "“", "”", "—", "...", "\n\n", "  ", "KGB", "Trump", "said", "alleged", ":"])
# Real sentences cut up and joined with random and awkward characters, so extraction sees names and cues
# next to garbage, not only noise.
spliced = st.lists(st.one_of(st.sampled_from(SENTENCES), weird, unicode_text.map(lambda s: s[:40])), max_size=15).map("".join)

entity = st.sampled_from(["&amp;", "&lt;", "&gt;", "&quot;", "&#8220;", "&#x201D;", "&#0;", "&#xD800;", "&#x110000;",
                          "&bogus;", "&", "&#", "&#x;", "&nbsp;"])
tag_name = st.sampled_from(["p", "div", "span", "b", "a", "script", "style", "title", "br", "li", "td", "h1", "pre",
                            "noscript", "svg", "template", "x-widget", "P", "DIV"])
attribute = st.tuples(st.sampled_from(["href", "class", "id", "data-x", "onclick", "title"]),
                      st.text(st.characters(exclude_categories=("Cs",)), max_size=10)
                      ).map(lambda kv: f' {kv[0]}="{kv[1].replace(chr(34), "&quot;")}"')
leaf = st.one_of(st.sampled_from(SENTENCES), unicode_text.map(lambda s: s[:60]), entity,
                 st.sampled_from(["<!-- comment -->", "<!--", "-->", "<![CDATA[x]]>", "<!DOCTYPE html>", "<?xml version='1.0'?>",
                                  "<", ">", "</", "</p>", "<br/>", "<p", "<script>", "</script>", "<title>"]))


def element(children):
    return st.tuples(tag_name, st.lists(attribute, max_size=2), st.lists(children, max_size=4), st.booleans()).map(
        lambda t: f"<{t[0]}{''.join(t[1])}>{''.join(t[2])}" + (f"</{t[0]}>" if t[3] else ""))


markup = st.recursive(leaf, element, max_leaves=25)
document = st.one_of(
    st.tuples(st.just(".txt"), unicode_text.map(lambda s: s.encode("utf-8"))),
    st.tuples(st.just(".md"), spliced.map(lambda s: s.encode("utf-8"))),
    st.tuples(st.just(".txt"), st.binary(max_size=300)),
    st.tuples(st.sampled_from([".html", ".htm"]), st.lists(markup, max_size=6).map(lambda p: "".join(p).encode("utf-8"))),
)


def check_graph(graph, docs) -> None:
    text_of = {d.id: d.read().text for d in docs}  # files are read again, as the build did
    for source, target, data in graph.edges(data=True):
        assert source in graph and target in graph
        for e in data.get("evidence", []):
            assert e["text"] == text_of[e["document_id"]][e["start"]:e["end"]], e
            assert e["text"].strip()
    text = dumps(graph)
    assert text == dumps(graph)
    assert dumps(data_to_graph(json.loads(text))) == text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(document, min_size=1, max_size=3))
def test_random_documents_build_without_crash(nlp, monkeypatch, files):
    monkeypatch.setattr("graphbuild.build.load_pipeline", lambda model=None: nlp)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "anchor.txt").write_text(ANCHOR, encoding="utf-8")
        for i, (suffix, data) in enumerate(files):
            (folder / f"doc{i}{suffix}").write_bytes(data)
        docs, warnings = [], []
        graph = build_graph([folder], warn=warnings.append, on_documents=docs.extend)
        for w in warnings:
            assert "\n" not in w and re.search(r"doc\d\.(txt|md|html?)", w), w
        assert len(docs) + sum("skipped" in w for w in warnings) == len(files) + 1
        check_graph(graph, docs)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.one_of(spliced, unicode_text), min_size=2, max_size=4))
def test_random_texts_build_the_same_graph_in_two_workers(nlp, monkeypatch, texts):
    monkeypatch.setattr("graphbuild.build.load_pipeline", lambda model=None: nlp)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "anchor.txt").write_text(ANCHOR, encoding="utf-8")
        for i, text in enumerate(texts):
            (folder / f"doc{i}.txt").write_text(ANCHOR + text, encoding="utf-8")
        assert dumps(build_graph([folder], workers=2)) == dumps(build_graph([folder]))
