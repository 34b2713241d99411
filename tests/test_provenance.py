"""Metadata on the graph: Document properties, the publication date and page on every evidence item,
first_reported on allegations, and outlets as Organization nodes that PUBLISHED their documents.
Expected values are derived from the inputs and the graph under test, never from what extraction finds."""
from __future__ import annotations

import networkx as nx
import pytest

from graphbuild.build import build_graph
from graphbuild.graph import add_edge, add_node, evidence_item, new_graph
from graphbuild.ingest import Document
from graphbuild.jsonio import read_json, write_json
from graphbuild.metadata import Metadata
from graphbuild.provenance import add_provenance
from graphbuild.schema import STANCE_TYPES
from graphbuild.stores.rows import edge_rows, node_documents

from conftest import SEEDS
from made_inputs import ARTICLE, BOILERPLATE, PAGE_BREAK, PAGE_META, make_docx, make_pdf, news_page
from test_readers import REPORT, REPORT_TEXT

SEED_DATES = {"000_8e0a06ce3343de09.txt": ("2025-02-21", "Northern Courier"),
              "001_7ce2dc54293917c6.txt": ("2025-02-24T10:00:00Z", "Harbour Ledger"),
              "002_73ea92c62be63d4c.txt": ("2025-02-20", "Northern Courier")}


def dated_seeds_metadata(folder) -> str:
    path = folder / "seeds-meta.csv"
    path.write_text("file,published,outlet\n" + "".join(f"{n},{d},{o}\n" for n, (d, o) in SEED_DATES.items()),
                    encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def dated_seeds(tmp_path_factory, nlp) -> nx.MultiDiGraph:
    import graphbuild.build as build

    original, build.load_pipeline = build.load_pipeline, lambda model=None: nlp
    try:
        return build_graph([SEEDS], metadata=dated_seeds_metadata(tmp_path_factory.mktemp("meta")))
    finally:
        build.load_pipeline = original


def documents(graph) -> dict[str, dict]:
    return {d["path"]: d for _, d in graph.nodes(data=True) if d["label"] == "Document"}


def test_document_nodes_and_every_evidence_item_carry_the_documents_dates(dated_seeds):
    docs = documents(dated_seeds)
    assert {p: (d["published"], d["outlet"]) for p, d in docs.items()} == SEED_DATES
    by_id = {d["document_id"]: d for d in docs.values()}
    items = [e for *_, d in dated_seeds.edges(data=True) for e in d.get("evidence", [])]
    assert items and all(e["published"] == by_id[e["document_id"]]["published"] for e in items)
    assert not any("page" in e for e in items)  # text files have no pages


def test_first_reported_is_the_earliest_date_of_an_allegations_stance_evidence(dated_seeds):
    allegations = [(n, d) for n, d in dated_seeds.nodes(data=True) if d["label"] == "Allegation"]
    assert allegations
    for nid, data in allegations:
        dates = [e["published"] for _, _, d in dated_seeds.in_edges(nid, data=True) if d["type"] in STANCE_TYPES
                 for e in d["evidence"]]
        assert data["first_reported"] == min(dates), nid
        assert isinstance(data["dates"], list)  # the dates its text names stay beside it


def test_outlets_published_their_documents(dated_seeds):
    published = {(dated_seeds.nodes[s]["name"], dated_seeds.nodes[t]["path"])
                 for s, t, d in dated_seeds.edges(data=True) if d["type"] == "PUBLISHED"}
    assert published == {(outlet, path) for path, (_, outlet) in SEED_DATES.items()}
    for s, _, d in dated_seeds.edges(data=True):
        if d["type"] == "PUBLISHED":
            assert dated_seeds.nodes[s]["label"] == "Organization" and "evidence" not in d
    supported = node_documents(dated_seeds)  # what unload uses: an outlet stands on its documents
    ledger = next(n for n, d in dated_seeds.nodes(data=True) if d["name"] == "Harbour Ledger")
    assert documents(dated_seeds)["001_7ce2dc54293917c6.txt"]["document_id"] in supported[ledger]


def test_the_graph_file_keeps_the_metadata(dated_seeds, tmp_path):
    write_json(dated_seeds, tmp_path / "graph.json")
    again = read_json(tmp_path / "graph.json")
    assert nx.utils.graphs_equal(again, dated_seeds)
    rows = [r for (rel, _, _), rs in edge_rows(again).items() if rel in STANCE_TYPES for r in rs]
    assert rows and all(len(r["evidence_published"]) == len(r["evidence_texts"]) and all(r["evidence_published"])
                        and r["evidence_pages"] == [0] * len(r["evidence_texts"]) for r in rows)


def test_a_page_pdf_and_word_corpus_puts_pages_and_dates_on_evidence(tmp_path, fast_model):
    (tmp_path / "ledger.html").write_text(news_page(), encoding="utf-8")
    (tmp_path / "audit.pdf").write_bytes(make_pdf(REPORT, title="Audit report"))
    memo = ["Memo on port contracts", "The auditor Anna Lindqvist said deputy minister Tomas Brenner had accepted bribes.",
            PAGE_BREAK, "Investigator Lena Korhonen said the payments were routed through shell companies."]
    (tmp_path / "memo.docx").write_bytes(make_docx(memo))
    graph = build_graph([tmp_path])
    docs = documents(graph)
    assert sorted(docs) == ["audit.pdf", "ledger.html", "memo.docx"]
    page = docs["ledger.html"]
    assert {k: page.get(k) for k in PAGE_META} == PAGE_META
    items = [(e, d["type"]) for *_, d in graph.edges(data=True) for e in d.get("evidence", [])]
    words = [w.lower() for phrases in BOILERPLATE.values() for w in phrases]
    for item, _ in items:
        assert not any(w in item["text"].lower() for w in words), item["text"]
        if item["document"] == "ledger.html":
            assert item["published"] == PAGE_META["published"] and "page" not in item
            assert any(item["text"] in line for line in ARTICLE)
    pages_of = {"audit.pdf": [[p] for p in REPORT_TEXT], "memo.docx": [memo[:2], memo[3:]]}
    paged = [item for item, _ in items if item["document"] in pages_of]
    for item in paged:
        on = [n for n, texts in enumerate(pages_of[item["document"]], 1) if any(item["text"] in t for t in texts)]
        assert on == [item["page"]], item
        assert "published" not in item
    assert {item["page"] for item in paged if item["document"] == "audit.pdf"} >= {2}  # pages beyond the first
    assert {item["page"] for item in paged if item["document"] == "memo.docx"} >= {2}


def hand_graph() -> nx.MultiDiGraph:
    """Two documents, an allegation two sources take stances on, and an outlet extraction found."""
    g = new_graph(generator="tests")
    for doc in ("a1", "b2"):
        add_node(g, f"document:{doc}", "Document", doc, title=doc, path=f"{doc}.txt", document_id=doc)
    add_node(g, "organization:harbour-ledger", "Organization", "Harbour Ledger", aliases=["the Ledger"])
    add_node(g, "person:tomas-brenner", "Person", "Tomas Brenner")
    add_node(g, "person:lena-korhonen", "Person", "Lena Korhonen")
    add_node(g, "allegation:x", "Allegation", "Tomas Brenner: bribes", act="corruption", dates=["2019"])
    add_edge(g, "person:lena-korhonen", "allegation:x", "ALLEGES", [evidence_item("a1.txt", "a1", "She said so.", 0, 12)])
    add_edge(g, "person:tomas-brenner", "allegation:x", "DISPUTES", [evidence_item("b2.txt", "b2", "He denied it.", 5, 18)])
    add_edge(g, "allegation:x", "person:tomas-brenner", "ABOUT", [evidence_item("a1.txt", "a1", "She said so.", 0, 12)])
    return g


@pytest.mark.parametrize("outlet, node", [("the harbour  ledger", "organization:harbour-ledger"),
                                          ("Ledger", "organization:harbour-ledger"),
                                          ("Wire Service", "organization:wire-service")])
def test_an_outlet_is_the_organization_of_its_name_or_a_new_one(outlet, node):
    g = hand_graph()
    add_provenance(g, [Document("a1", "a1.txt", "a1", "She said so.", Metadata(published="2024-03-15", outlet=outlet)),
                       Document("b2", "b2.txt", "b2", "....." + "He denied it.", Metadata(published="2024-03-14T22:00:00Z"),
                                (0, 10))])
    assert [(s, t) for s, t, d in g.edges(data=True) if d["type"] == "PUBLISHED"] == [(node, "document:a1")]
    assert g.nodes[node]["label"] == "Organization"
    assert g.nodes["allegation:x"]["first_reported"] == "2024-03-14T22:00:00Z"  # the dispute came first
    assert g.nodes["allegation:x"]["dates"] == ["2019"]
    [disputed] = g.edges["person:tomas-brenner", "allegation:x", "DISPUTES"]["evidence"]
    assert disputed["page"] == 1 and g.edges["allegation:x", "person:tomas-brenner", "ABOUT"]["evidence"][0]["published"] == "2024-03-15"


def test_an_allegation_without_dated_evidence_has_no_first_report():
    g = hand_graph()
    add_provenance(g, [Document("a1", "a1.txt", "a1", "She said so.")])
    assert "first_reported" not in g.nodes["allegation:x"]
    assert not any("published" in e for *_, d in g.edges(data=True) for e in d.get("evidence", []))
