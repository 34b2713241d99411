"""One node per real-world entity: aliases merge, different people who share a surname never do."""
from __future__ import annotations

from conftest import names


def person(graph, name):
    return next(d for _, d in graph.nodes(data=True) if d["label"] == "Person" and d["name"] == name)


def test_bare_surname_joins_full_name_and_titles_are_stripped(graph_of):
    graph = graph_of("Former KGB Major Viktor Orlov spoke in Kyiv on Monday. Orlov said he would publish the files.")
    assert "Viktor Orlov" in names(graph, "Person")
    assert not {"Orlov", "Major Viktor Orlov", "KGB Major Viktor Orlov"} & names(graph, "Person")
    assert "Orlov" in person(graph, "Viktor Orlov")["aliases"]


def test_spelling_variants_across_documents_merge(graph_of):
    graph = graph_of("Sergei Zhuravlev, a former FSB officer, spoke in Paris.",
                     "Sergei Zhuravlyov said the files were genuine.")
    people = names(graph, "Person")
    assert len(people & {"Sergei Zhuravlev", "Sergei Zhuravlyov"}) == 1
    node = person(graph, (people & {"Sergei Zhuravlev", "Sergei Zhuravlyov"}).pop())
    assert {"Sergei Zhuravlev", "Sergei Zhuravlyov"} <= {node["name"], *node["aliases"]}


def test_spouses_sharing_a_surname_stay_apart(graph_of):
    graph = graph_of("Anna Petrova and her sister Maria Petrova met the envoy.",
                     "Ivana Trump and Donald Trump visited Moscow in 1987.")
    people = names(graph, "Person")
    assert {"Ivana Trump", "Donald Trump", "Anna Petrova", "Maria Petrova"} <= people


def test_acronym_and_long_form_are_one_agency(graph_of):
    graph = graph_of("The Federal Security Service said on Monday that the FSB had opened a case.")
    agencies = [d for _, d in graph.nodes(data=True) if d["label"] == "Agency"]
    assert [a["name"] for a in agencies] == ["FSB"]
    assert "Federal Security Service" in agencies[0]["aliases"]


def test_descriptions_are_not_entities(graph_of):
    graph = graph_of("A former CIA official said the report was wrong.")
    assert names(graph, "Person") == set()
    assert "CIA" in names(graph, "Agency")


def test_seed_corpus_has_no_duplicate_people(seeds_graph):
    surnames = [d["name"].split()[-1] for _, d in seeds_graph.nodes(data=True) if d["label"] == "Person"]
    firsts_by_surname: dict[str, set[str]] = {}
    for _, d in seeds_graph.nodes(data=True):
        if d["label"] == "Person":
            firsts_by_surname.setdefault(d["name"].split()[-1], set()).add(d["name"])
    # two nodes may share a surname only as different full names (Donald and Ivana Trump)
    for surname, full in firsts_by_surname.items():
        assert len(full) == surnames.count(surname)
        assert all(len(n.split()) >= 2 for n in full) or len(full) == 1


def test_generic_service_name_joins_the_named_service_only_in_its_document(graph_of):
    graph = graph_of("The KGB watched him for years. Kalinin said the State Security Service kept a file on him.",
                     "Officers of the State Security Service of Latvia arrested a man in Riga.")
    agencies = {d["name"]: d for _, d in graph.nodes(data=True) if d["label"] == "Agency"}
    assert "State Security Service" in agencies["KGB"]["aliases"]
    assert "State Security Service of Latvia" in agencies


def test_head_word_decides_between_agency_and_organization(graph_of):
    graph = graph_of("Mark Galeotti, a fellow at the Royal United Services Institute, spoke to the Ministry of Defence.")
    labels = {d["name"]: d["label"] for _, d in graph.nodes(data=True)}
    assert labels.get("Royal United Services Institute") == "Organization"
    assert labels.get("Ministry of Defence") == "Agency"
