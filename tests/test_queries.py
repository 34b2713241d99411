"""The query catalogue: well-formed files, the same answers on the embedded engine and over Bolt, and
answers on the seeds that match the graph file itself (each question recomputed in Python)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest

from graph_server import dated_seeds_like_graph, seeds_graph, seeds_like_graph, shared_server
from graphbuild import queries as Q
from graphbuild.errors import QueryError
from graphbuild.stores.embedded import EmbeddedEngine
from graphbuild.stores.neo4j import Neo4jStore

CATALOGUE = Q.list_queries()
STANCES = ("ALLEGES", "CORROBORATES", "DISPUTES")


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return seeds_graph()


@pytest.fixture(scope="module")
def engine(graph):
    with EmbeddedEngine() as e:
        e.load(graph)
        yield e


@pytest.fixture(scope="module")
def bolt(graph):
    server = shared_server()
    with Neo4jStore(server.settings()) as store:
        server.clear(store)
        store.load(graph)
        yield store


def test_catalogue_files_are_complete() -> None:
    assert len(CATALOGUE) >= 8
    assert sorted(ORACLES) == [q.name for q in CATALOGUE]  # every question is checked against the graph
    assert [q.name for q in CATALOGUE] == sorted(q.name for q in CATALOGUE)
    for q in CATALOGUE:
        assert q.question.endswith("?"), q.name
        assert q.columns, q.name
        used = set(re.findall(r"\$([A-Za-z_]\w*)", q.text))
        assert used == set(q.params), f"{q.name}: parameters used {used}, declared {set(q.params)}"
        assert "ORDER BY" in q.text, f"{q.name} must order its rows"
        assert "//" not in q.text  # header comments are not sent


@pytest.mark.server
@pytest.mark.parametrize("query", CATALOGUE, ids=[q.name for q in CATALOGUE])
def test_every_query_runs_the_same_on_both_engines(query: Q.CatalogueQuery, engine, bolt) -> None:
    embedded = engine.query(query.text, query.params)
    over_bolt = bolt.query(query.text, query.params)
    assert embedded[0] == list(query.columns)
    assert over_bolt == embedded


# Each catalogue question answered in Python from the graph, to check the Cypher against.

def matches(data: dict, ref: str, nid: str) -> bool:
    ref = ref.lower()
    return nid == ref or data["name"].lower() == ref or ref in (a.lower() for a in data.get("aliases", []))


def stances(g: nx.MultiDiGraph, aid: str, rels: tuple[str, ...]) -> list[tuple[str, str, dict]]:
    return [(s, d["type"], d) for s, _, d in g.in_edges(aid, data=True) if d["type"] in rels]


def allegations(g: nx.MultiDiGraph) -> list[tuple[str, dict]]:
    return [(n, d) for n, d in g.nodes(data=True) if d["label"] == "Allegation"]


def names(g, sources) -> list[str]:
    return sorted({g.nodes[s]["name"] for s in sources})


def n_evidence(data: dict) -> int:
    return len(data.get("evidence", []))


def oracle_allegation_sources(g, **_):
    rows = [[d["name"], d.get("status"), *(names(g, [s for s, _, _ in stances(g, a, (rel,))]) for rel in STANCES), a]
            for a, d in allegations(g)]
    return sorted(rows, key=lambda r: (r[0], r[5]))


def oracle_corroborated_allegations(g, min_sources=2):
    rows = []
    for a, d in allegations(g):
        sources = {s for s, _, _ in stances(g, a, ("ALLEGES", "CORROBORATES"))}
        if len(sources) >= min_sources:
            rows.append([d["name"], d.get("status"), len(sources), names(g, sources), a])
    return sorted(rows, key=lambda r: (-r[2], r[0], r[4]))


def oracle_disputed_allegations(g, **_):
    rows = []
    for a, d in allegations(g):
        disputing = [s for s, _, _ in stances(g, a, ("DISPUTES",))]
        if disputing:
            supporting = [s for s, _, _ in stances(g, a, ("ALLEGES", "CORROBORATES"))]
            rows.append([d["name"], d.get("status"), names(g, disputing), names(g, supporting), a])
    return sorted(rows, key=lambda r: (r[0], r[4]))


def oracle_about_person(g, person):
    rows = []
    for a, p, d in g.edges(data=True):
        if d["type"] == "ABOUT" and g.nodes[p]["label"] == "Person" and matches(g.nodes[p], person, p):
            for s, rel, sd in stances(g, a, STANCES):
                rows.append([g.nodes[p]["name"], g.nodes[a]["name"], g.nodes[a].get("status"), rel,
                             g.nodes[s]["name"], n_evidence(sd)])
    return sorted(rows, key=lambda r: (r[0], r[1], r[3], r[4]))


def oracle_source_profile(g, source):
    rows = []
    for s, t, d in g.edges(data=True):
        if d["type"] in STANCES + ("MEMBER_OF",) and matches(g.nodes[s], source, s):
            rows.append([g.nodes[s]["name"], d["type"], g.nodes[t]["name"], g.nodes[t]["label"], d.get("role"),
                         d.get("former"), n_evidence(d)])
    return sorted(rows, key=lambda r: (r[0], r[1], r[2]))


def oracle_agency_members(g, agency):
    rows = [[g.nodes[t]["name"], g.nodes[s]["name"], d.get("role"), d.get("former"), n_evidence(d)]
            for s, t, d in g.edges(data=True)
            if d["type"] == "MEMBER_OF" and g.nodes[s]["label"] == "Person" and matches(g.nodes[t], agency, t)]
    return sorted(rows, key=lambda r: (r[0], r[1]))


def oracle_allegation_evidence(g, allegation):
    rows = []
    for a, d in allegations(g):
        if a == allegation or allegation.lower() in d["name"].lower():
            for s, rel, sd in stances(g, a, STANCES):
                rows += [[d["name"], rel, g.nodes[s]["name"], e["document"], e["start"], e["end"], e["text"]]
                         for e in sd.get("evidence", [])]
    return sorted(rows, key=lambda r: (r[0], r[3], r[4], r[1], r[2]))


def oracle_self_contradictions(g, **_):
    rows = []
    for a, d in allegations(g):
        for s, rel, sd in stances(g, a, ("ALLEGES", "CORROBORATES")):
            if g.has_edge(s, a, "DISPUTES"):
                docs = lambda data: [e["document"] for e in data.get("evidence", [])]  # noqa: E731
                rows.append([g.nodes[s]["name"], d["name"], rel, docs(sd), docs(g.edges[s, a, "DISPUTES"])])
    return sorted(rows, key=lambda r: (r[0], r[1], r[2]))


LINKS = STANCES + ("ABOUT",)


def oracle_agency_people(g, agency):
    def links(a, kind):  # (node, relation type) joined to allegation a either way
        out = [(t, d["type"]) for _, t, d in g.out_edges(a, data=True) if d["type"] in LINKS]
        out += [(s, d["type"]) for s, _, d in g.in_edges(a, data=True) if d["type"] in LINKS]
        return [(n, rel) for n, rel in out if g.nodes[n]["label"] == kind]

    rows = []
    for a, d in allegations(g):
        for ag, rg in links(a, "Agency"):
            if matches(g.nodes[ag], agency, ag):
                rows += [[g.nodes[ag]["name"], rg, d["name"], g.nodes[p]["name"], rp] for p, rp in links(a, "Person")]
    return sorted(rows, key=lambda r: (r[0], r[3], r[2], r[4], r[1]))


def oracle_entity_documents(g, entity):
    rows = [[g.nodes[e]["name"], g.nodes[e]["label"], g.nodes[doc].get("path"), g.nodes[doc].get("title"),
             d.get("mentions")]
            for e, doc, d in g.edges(data=True) if d["type"] == "MENTIONED_IN" and matches(g.nodes[e], entity, e)]
    return sorted(rows, key=lambda r: (r[0], r[1], r[2]))


def oracle_allegation_timeline(g, **_):
    def earliest(items) -> str | None:
        dates = [e["published"] for e in items if e.get("published")]
        return min(dates) if dates else None

    def by_date(date, *rest):  # undated last
        return (date is None, date or "", *rest)

    rows = []
    for a, d in allegations(g):
        sources = [{"source": g.nodes[s]["name"], "stance": rel, "published": earliest(sd.get("evidence", []))}
                   for s, rel, sd in stances(g, a, STANCES)]
        if sources:
            sources.sort(key=lambda x: by_date(x["published"], x["source"], x["stance"]))
            rows.append([d["name"], d.get("status"), d.get("first_reported"), sources, a])
    return sorted(rows, key=lambda r: by_date(r[2], r[0], r[4]))


ORACLES = {
    "agency-people": oracle_agency_people,
    "entity-documents": oracle_entity_documents,
    "allegation-sources": oracle_allegation_sources,
    "corroborated-allegations": oracle_corroborated_allegations,
    "disputed-allegations": oracle_disputed_allegations,
    "about-person": oracle_about_person,
    "source-profile": oracle_source_profile,
    "agency-members": oracle_agency_members,
    "allegation-evidence": oracle_allegation_evidence,
    "self-contradictions": oracle_self_contradictions,
    "allegation-timeline": oracle_allegation_timeline,
}
PARAMS = [(name, {}) for name in ORACLES] + [
    ("about-person", {"person": "trump"}), ("source-profile", {"source": "Shvets"}),
    ("source-profile", {"source": "Alnur Mussayev"}), ("agency-members", {"agency": "agency:kgb"}),
    ("allegation-evidence", {"allegation": "Recruit"}), ("corroborated-allegations", {"min_sources": 1}),
    ("agency-people", {"agency": "FSB"}), ("entity-documents", {"entity": "Donald Trump"}),
]


@pytest.mark.parametrize(("name", "params"), PARAMS, ids=[f"{n}{p or ''}" for n, p in PARAMS])
def test_answers_on_the_seeds_match_the_graph(name: str, params: dict, graph, engine) -> None:
    query = Q.resolve(name)
    values = Q.bind(query, params)
    _, rows = engine.query(query.text, values)
    assert rows == ORACLES[name](graph, **values)


@pytest.mark.parametrize("name", sorted(ORACLES))
def test_answers_on_a_small_graph_match_it(name: str) -> None:
    graph = seeds_like_graph()  # it has a self-contradicting source, which the seeds lack
    query = Q.resolve(name)
    with EmbeddedEngine() as small:
        small.load(graph)
        rows = small.query(query.text, query.params)[1]
    assert rows == ORACLES[name](graph, **query.params)
    assert rows


def test_the_timeline_of_a_dated_graph_matches_it() -> None:
    graph = dated_seeds_like_graph()
    query = Q.resolve("allegation-timeline")
    with EmbeddedEngine() as small:
        small.load(graph)
        rows = small.query(query.text, query.params)[1]
    assert rows == oracle_allegation_timeline(graph)
    # what the graph says, told by hand: B (20 Feb) before A (21 Feb); a source's date is its earliest evidence
    assert [(r[0], r[2]) for r in rows] == [("Donald Trump: recruited as an agent", "2025-02-20"),
                                            ("KGB: cover-up", "2025-02-20")]
    assert rows[0][3] == [{"source": "Kremlin", "stance": "DISPUTES", "published": "2025-02-20"},
                          {"source": "Yuri Shvets", "stance": "CORROBORATES", "published": "2025-02-20"},
                          {"source": "Alnur Mussayev", "stance": "ALLEGES", "published": "2025-02-21T09:00:00Z"}]


def test_robust_facts_of_the_seeds(engine) -> None:
    def run(name, **params):
        query = Q.resolve(name)
        columns, rows = engine.query(query.text, Q.bind(query, params))
        return [dict(zip(columns, row)) for row in rows]

    trump = run("about-person")
    assert any(r["source"] == "Alnur Mussayev" and r["stance"] == "ALLEGES" for r in trump)
    assert any("recruit" in r["allegation"] for r in trump)
    recruitment = [r for r in run("allegation-sources") if r["id"] == "allegation:donald-trump:recruitment"]
    assert recruitment and "Alnur Mussayev" in recruitment[0]["alleging"]
    shvets = run("source-profile", source="Shvets")
    assert any(r["relation"] == "MEMBER_OF" and r["target"] == "KGB" for r in shvets)
    assert {r["member"] for r in run("agency-members")} >= {"Alnur Mussayev"}
    evidence = run("allegation-evidence")
    assert evidence and all(r["sentence"] and r["document"].endswith(".txt") for r in evidence)


def test_params_and_resolution(tmp_path: Path) -> None:
    assert Q.parse_params(["n=2", "x=0.5", "flag=false", "name=Donald Trump", 'code="42"', "nothing=null"]) == {
        "n": 2, "x": 0.5, "flag": False, "name": "Donald Trump", "code": "42", "nothing": None}
    for bad in ("novalue", "=3", "bad name=1", "1x=2"):
        with pytest.raises(QueryError):
            Q.parse_params([bad])
    about = Q.resolve("about-person")
    assert about.params == {"person": "Donald Trump"}
    assert Q.bind(about, {"person": "Putin"}) == {"person": "Putin"}
    with pytest.raises(QueryError, match="no parameter"):
        Q.bind(about, {"persn": "Putin"})
    with pytest.raises(QueryError, match="no query named"):
        Q.resolve("no-such-question")
    own = tmp_path / "mine.cypher"
    own.write_text("// my own question, no header keys\nMATCH (n) WHERE n.name = $who RETURN n.id AS id ORDER BY id;\n")
    mine = Q.resolve(str(own))
    assert (mine.name, mine.params, mine.text) == ("mine", {}, "MATCH (n) WHERE n.name = $who RETURN n.id AS id ORDER BY id")
    assert Q.bind(mine, {"who": "KGB"}) == {"who": "KGB"}
    with pytest.raises(QueryError, match="no such query file"):
        Q.resolve(str(tmp_path / "missing.cypher"))
    (tmp_path / "bad.cypher").write_text("// Param: n = not-json\nRETURN $n\n")
    with pytest.raises(QueryError, match="not a JSON value"):
        Q.resolve(str(tmp_path / "bad.cypher"))


def test_formats() -> None:
    columns, rows = ["name", "list", "n"], [["Yuri\nShvets", ["a", "b"], 2], ["KGB", [], None]]
    table = Q.format_rows(columns, rows, "table").splitlines()
    assert table[0].split(" | ") == ["name       ", "list      ", "n"]
    assert table[2].startswith("Yuri Shvets | [\"a\", \"b\"] | 2") and table[-1] == "(2 rows)"
    assert json.loads(Q.format_rows(columns, rows, "json")) == [dict(zip(columns, r)) for r in rows]
    assert Q.format_rows(columns, rows, "csv") == 'name,list,n\n"Yuri\nShvets","[""a"", ""b""]",2\nKGB,[],\n'
    with pytest.raises(QueryError):
        Q.format_rows(columns, rows, "xml")
