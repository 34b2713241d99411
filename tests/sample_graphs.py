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
    add_edge(g, claim, kgb, "INVOLVES", [ev], role="agent")
    add_edge(g, shvets, kgb, "MEMBER_OF", [ev], role="major", former=True)
    add_edge(g, evil, kgb, "MEMBER_OF", [hostile])
    for nid in (shvets, trump, kgb, paper, moscow, claim):
        add_edge(g, nid, doc, "MENTIONED_IN", [ev])
    add_edge(g, evil, bad, "MENTIONED_IN", [hostile])
    add_edge(g, paper, doc, "PUBLISHED")
    return g


def claims_graph() -> nx.MultiDiGraph:
    """Allegations as an analyst reads them: several sources per claim, stances from dated documents with
    outlets, many sentences on one edge, and an INVOLVES edge (added as a plain networkx edge, so the graph
    does not depend on whether the schema lists INVOLVES yet).

    - a1 (about Dave, dates 1987, first reported 2019-03-01): Alice alleges (5 sentences, 2019), Bob
      corroborates and Dave disputes (2021); involves the Agency as the recruiting agency.
    - a2 (about Eve, dates 2020): Carol alleges, in an undated document.
    - a3 (about Dave, no dates of its own): Bob alleges in 2021.
    - a4 (about Eve): Alice alleges, undated.
    """
    g = new_graph(generator="tests")
    docs = {key: add_node(g, f"document:{key * 16}", "Document", title, title=title, path=f"{key}.txt",
                          document_id=key * 16, **meta)
            for key, title, meta in (("1", "Planet story", {"published": "2019-03-01", "outlet": "Daily Planet"}),
                                     ("2", "Star story", {"published": "2021-06-15T08:00:00Z", "outlet": "Morning Star"}),
                                     ("3", "Undated memo", {}))}
    people = {n: add_node(g, f"person:{n.lower()}", "Person", n) for n in ("Alice", "Bob", "Carol", "Dave", "Eve")}
    agency = add_node(g, "agency:spy-service", "Agency", "Spy Service")
    paper = add_node(g, "organization:daily-planet", "Organization", "Daily Planet")
    city = add_node(g, "place:city", "Place", "City")

    def ev(key: str, n: int, text: str) -> dict:
        return evidence_item(f"{key}.txt", key * 16, text, 100 * n, 100 * n + len(text), "said")

    claims = {"a1": ("Dave", "recruited by the Spy Service", ["1987"], "2019-03-01", "contested"),
              "a2": ("Eve", "took bribes", ["2020"], None, "alleged"),
              "a3": ("Dave", "hid the files", [], None, "alleged"),
              "a4": ("Eve", "leaked the report", [], None, "alleged")}
    for key, (subject, act, dates, first, status) in claims.items():
        add_node(g, f"allegation:{key}", "Allegation", f"{subject}: {act}", summary=f"{subject}: {act}", act=act,
                 dates=dates, status=status, text=f"{subject} {act}.", **({"first_reported": first} if first else {}))
        add_edge(g, f"allegation:{key}", people[subject], "ABOUT", [ev("1", 0, f"{subject} {act}.")])
    add_edge(g, people["Alice"], "allegation:a1", "ALLEGES", [ev("1", i, f"Alice said Dave was recruited ({i}).") for i in range(5)])
    add_edge(g, people["Bob"], "allegation:a1", "CORROBORATES", [ev("2", 1, "Bob confirmed Alice's account.")])
    add_edge(g, people["Dave"], "allegation:a1", "DISPUTES", [ev("2", 2, "Dave denied it.")])
    add_edge(g, people["Carol"], "allegation:a2", "ALLEGES", [ev("3", 1, "Carol wrote that Eve took bribes.")])
    add_edge(g, people["Bob"], "allegation:a3", "ALLEGES", [ev("2", 3, "Bob said Dave hid the files.")])
    add_edge(g, people["Alice"], "allegation:a4", "ALLEGES", [ev("3", 2, "Alice said Eve leaked the report.")])
    add_edge(g, people["Alice"], paper, "MEMBER_OF", [ev("1", 9, "Alice, a reporter at the Daily Planet.")], role="reporter")
    g.add_edge("allegation:a1", agency, key="INVOLVES", type="INVOLVES", role="recruiting agency",
               evidence=[ev("1", 3, "The Spy Service recruited him, Alice said.")])
    for nid in (*people.values(), agency, city):
        add_edge(g, nid, docs["1"], "MENTIONED_IN", [ev("1", 0, "First mention.")])
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
