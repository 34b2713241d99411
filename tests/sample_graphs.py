"""Graphs for the exporter tests, built through graphbuild.graph like the extractor builds them."""
from __future__ import annotations

import random

import networkx as nx

from graphbuild.graph import add_edge, add_node, evidence_item, new_graph

SCRIPT = "<script>window.__pwned = 'script'</script>"
IMG = "<img src=x onerror=\"window.__pwned = 'img'\">"
HOSTILE_DOC = "document:00000000000000ff"


def small_graph() -> nx.MultiDiGraph:
    """Every node label and relation type, two parallel edges, and a document full of markup."""
    g = new_graph(generator="tests")
    doc = add_node(g, "document:0123456789abcdef", "Document", "Kuzio on Shvets", title="Ex-KGB officer speaks",
                   path="seeds/000.txt", document_id="0123456789abcdef", url="https://news.example.org/shvets",
                   published="2024-03-14", outlet="The Guardian")
    bad = add_node(g, HOSTILE_DOC, "Document", f"Hostile {SCRIPT}", title=f"Title {IMG} {SCRIPT}",
                   path="seeds/bad.txt", document_id="00000000000000ff")
    shvets = add_node(g, "person:yuri-shvets", "Person", "Yuri Shvets", aliases=["Shivets", "Y. Shvets"])
    trump = add_node(g, "person:donald-trump", "Person", "Donald Trump")
    evil = add_node(g, "person:evil", "Person", f"Evil {IMG}", aliases=[SCRIPT, "Mallory; the \"quoted\""])
    kgb = add_node(g, "agency:kgb", "Agency", "KGB", aliases=["Komitet"])
    paper = add_node(g, "organization:the-guardian", "Organization", "The Guardian")
    moscow = add_node(g, "place:moscow", "Place", "Moscow")
    claim = add_node(g, "allegation:donald-trump:recruitment", "Allegation", "Trump cultivated as an asset",
                     text="Trump was cultivated as a Russian asset.", summary="cultivated as an asset",
                     act="recruitment", status="disputed", dates=["1987"])
    ev = evidence_item("000.txt", "0123456789abcdef", "Shvets said Trump was cultivated as an asset.", 10, 55, "said")
    ev["published"] = "2024-03-14"  # as graphbuild.provenance dates a dated document's evidence
    hostile = evidence_item("bad.txt", "00000000000000ff", f"He wrote {IMG} and {SCRIPT}.\nThen left.", 0, 40, "wrote")
    hostile["page"] = 2  # and gives a paged one's its page
    add_edge(g, shvets, claim, "ALLEGES", [ev, hostile])
    add_edge(g, shvets, claim, "CORROBORATES", [ev])  # parallel to ALLEGES: both must be drawn
    add_edge(g, trump, claim, "DISPUTES", [ev])
    add_edge(g, paper, claim, "ALLEGES", [ev])
    add_edge(g, claim, trump, "ABOUT", [ev])
    add_edge(g, shvets, kgb, "MEMBER_OF", [ev], role="major", former=True)
    add_edge(g, evil, kgb, "MEMBER_OF", [hostile])
    for nid in (shvets, trump, kgb, paper, moscow, claim):
        add_edge(g, nid, doc, "MENTIONED_IN", [ev])
    add_edge(g, evil, bad, "MENTIONED_IN", [hostile])
    add_edge(g, paper, doc, "PUBLISHED")
    return g


def synthetic_graph(n_nodes: int, *, seed: int = 1) -> nx.MultiDiGraph:
    """A seeded graph of about ``n_nodes`` nodes shaped like a big build: many documents, people and claims."""
    rnd = random.Random(seed)
    g = new_graph(generator="synthetic")
    n_docs, n_claims = max(n_nodes // 20, 1), max(n_nodes // 5, 1)
    kinds = ["Person"] * 6 + ["Agency", "Organization", "Place"]
    docs = [add_node(g, f"document:{i:016x}", "Document", f"doc {i}", title=f"Article {i}", path=f"{i}.txt",
                     document_id=f"{i:016x}") for i in range(n_docs)]
    entities = []
    for i in range(n_nodes - n_docs - n_claims):
        label = rnd.choice(kinds)
        entities.append(add_node(g, f"{label.lower()}:e{i}", label, f"{label} {i}", aliases=[f"alias {i}"]))
    people = [e for e in entities if e.startswith("person:")]
    groups = [e for e in entities if e.startswith(("agency:", "organization:"))]
    statuses = ["alleged", "corroborated", "disputed", "contested"]
    for i in range(n_claims):
        doc_index = rnd.randrange(n_docs)
        ev = [evidence_item(f"{doc_index}.txt", f"{doc_index:016x}", f"Sentence {i} says so.", i, i + 20)]
        claim = add_node(g, f"allegation:c{i}", "Allegation", f"claim {i}", text=f"Claim {i}.", summary=f"claim {i}",
                         act="act", status=rnd.choice(statuses), dates=[])
        add_edge(g, rnd.choice(people), claim, rnd.choice(["ALLEGES", "CORROBORATES", "DISPUTES"]), ev)
        add_edge(g, claim, rnd.choice(entities), "ABOUT", ev)
        add_edge(g, claim, docs[doc_index], "MENTIONED_IN", ev)
    for person in people:
        if groups and rnd.random() < 0.3:
            add_edge(g, person, rnd.choice(groups), "MEMBER_OF", [], former=rnd.random() < 0.5)
        add_edge(g, person, rnd.choice(docs), "MENTIONED_IN", [])
    return g


def reversed_copy(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The same graph with nodes and edges inserted in the opposite order (for determinism tests)."""
    copy = nx.MultiDiGraph()
    copy.graph.update(graph.graph)
    copy.add_nodes_from(reversed(list(graph.nodes(data=True))))
    copy.add_edges_from(reversed(list(graph.edges(keys=True, data=True))))
    return copy
