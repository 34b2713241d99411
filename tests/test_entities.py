"""The entity stage: names cut back from the model's spans, grouped within a document, typed, resolved
across documents, datelines, and descriptor nouns (texts written for these tests)."""
from __future__ import annotations

import pytest

from conftest import member_edges, names, stance_edges
from graphbuild.extract import extract_document
from graphbuild.extract.descriptors import add_descriptors
from graphbuild.extract.mentions import split_joined_surnames
from graphbuild.extract.model import Mention
from graphbuild.ingest import Document, document_id, title_of
from graphbuild.nlp import parse


def node(graph, name):
    return next(d for _, d in graph.nodes(data=True) if d["name"] == name)


def labels(graph) -> dict[str, str]:
    return {d["name"]: d["label"] for _, d in graph.nodes(data=True) if d["label"] not in ("Document", "Allegation")}


def test_words_of_a_title_of_office_are_no_names(graph_of):
    graph = graph_of("Home Secretary Jane Doe said the Home Office would respond. Secretary of State Paul Reed agreed.")
    assert {"Jane Doe", "Paul Reed"} <= names(graph, "Person")
    assert not {"Home", "State"} & names(graph)


def test_forms_of_address_are_kept_as_written_forms(graph_of):
    graph = graph_of("President Anna Lind spoke on Monday. Lind said the vote would be held.")
    assert "President Anna Lind" in node(graph, "Anna Lind")["aliases"]


def test_a_bare_surname_is_the_person_named_before_it(graph_of):
    graph = graph_of("Lam Wing Kee was arrested on Monday. Lam said he was innocent. "
                     "Chief Executive Grace Lam defended the police.")
    assert "Lam" in node(graph, "Lam Wing Kee")["aliases"]
    assert "Lam" not in node(graph, "Grace Lam")["aliases"]


def test_short_given_names_and_middle_initials(graph_of):
    graph = graph_of("Robert Harlan leads the inquiry.", "Bob Harlan said the inquiry would end soon.",
                     "George W. Brant and George H. W. Brant met.")
    assert "Bob Harlan" in node(graph, "Robert Harlan")["aliases"]
    assert {"George W. Brant", "George H. W. Brant"} <= names(graph, "Person")


def test_acronym_and_long_form_across_documents(graph_of):
    graph = graph_of("The Baltic Timber Association said prices rose.", "Officials of the BTA met in Riga.")
    assert "BTA" in node(graph, "Baltic Timber Association")["aliases"]
    assert "BTA" not in names(graph)


def test_a_company_with_and_without_its_legal_form(graph_of):
    graph = graph_of("Borvik Group sold the software. Borvik said its clients were governments.")
    assert "Borvik" in node(graph, "Borvik Group")["aliases"]


def test_a_generic_name_stays_apart_in_another_country(graph_of):
    graph = graph_of("Senate leaders met Donald Trump in Washington. Senator Mary Cole of the Democratic Party objected.",
                     "Police in Hong Kong arrested members of the Democratic Party. Hong Kong lawmaker Albert Ho said "
                     "the Democratic Party would fight on.")
    parties = sorted(n for n in names(graph, "Organization") if n.startswith("Democratic Party"))
    assert parties == ["Democratic Party (Hong Kong)", "Democratic Party (United States)"]
    assert all("Democratic Party" in node(graph, p)["aliases"] for p in parties)


def test_another_countrys_body_is_not_the_listed_one(graph_of):
    graph = graph_of("Officials of Austria's Federal Office for the Protection of the Constitution and Counterterrorism "
                     "met the BfV in Berlin. Switzerland's Federal Intelligence Service was not invited.")
    agencies = names(graph, "Agency")
    assert {"BVT", "BfV"} <= agencies
    assert "BND" not in agencies


def test_a_dateline_is_a_place_and_never_a_source(graph_of):
    graph = graph_of("VIENNA, March 3 - A former intelligence officer said the GRU recruited Mark Feldman in 1990.")
    assert labels(graph).get("VIENNA") == "Place"
    assert stance_edges(graph) == set()


def test_a_spokesman_is_a_person(graph_of):
    graph = graph_of("Kremlin spokesman Dmitry Sokolov said the claims were false. Sokolov added that the Kremlin "
                     "would not respond.")
    assert labels(graph)["Dmitry Sokolov"] == "Person"
    assert member_edges(graph) == {("Dmitry Sokolov", "Kremlin")}


def test_bodies_named_by_description(graph_of):
    graph = graph_of("The Chinese government denied it. Hong Kong police arrested him. "
                     "The Trump administration imposed sanctions.")
    assert {"Chinese government", "Hong Kong police", "Trump administration"} <= names(graph, "Agency")


@pytest.mark.parametrize("text, absent", [
    pytest.param("Prosecutors cited the Foreign Agents Registration Act in court.", "Foreign Agents Registration Act",
                 id="a-law"),
    pytest.param("The Verdict came late. The verdict surprised the jury.", "Verdict", id="a-capitalised-common-noun"),
    pytest.param("The Chairwoman opened the session.", "Chairwoman", id="a-title-alone"),
])
def test_what_is_no_entity(graph_of, text, absent):
    assert absent not in names(graph_of(text))


def test_a_surname_the_tagger_missed(graph_of):
    graph = graph_of("Fox News host Dan O’Keefe paid an undisclosed sum.")
    assert "Dan O’Keefe" in names(graph, "Person")


def test_a_list_in_one_span_is_several_names(graph_of):
    graph = graph_of("Customers such as Lumen Technologies, Summit Mortgage, and Nevro Corp were hit.")
    bodies = names(graph, "Organization") | names(graph, "Agency")
    assert {"Lumen Technologies", "Summit Mortgage"} <= bodies
    assert not any("," in n for n in bodies)


def descriptors_of(nlp, text: str) -> dict[str, set[str]]:
    parsed = next(parse(nlp, [text]))
    ex = extract_document(Document(document_id(text), "d.txt", title_of(text), text), parsed)
    of_mention = {index: e.lid for e in ex.entities for index in e.mentions}
    add_descriptors(parsed, ex.mentions, ex.entities, of_mention)
    return {e.name: e.descriptors for e in ex.entities}


def test_descriptor_nouns(nlp):
    found = descriptors_of(nlp, "Sen. Tom Briggs met cybersecurity company Symantec. Dan Mercer, a Microsoft vice "
                                "president, said so. Kremlin spokesman Dmitry Peskov denied it. The Supreme Court ruled.")
    assert "senator" in found["Tom Briggs"]
    assert "company" in found["Symantec"]
    assert "vice president" in found["Dan Mercer"]
    assert "spokesman" in found["Dmitry Peskov"]
    assert "court" in found["Supreme Court"]
    assert "company" not in found["Dan Mercer"]


def _mention(text: str, label: str, start: int, tokens: tuple[int, ...]) -> Mention:
    return Mention(text=text, label=label, start=start, end=start + len(text), sentence=0, piece=0, tokens=tokens,
                   surface=text)


def test_two_surnames_the_model_joined_are_two_people():
    mentions = [_mention("Elena Ruiz", "ORG", 0, (0, 1)), _mention("Vega", "LOOSE", 20, (5,)),
                _mention("Vega and Ruiz", "ORG", 40, (9, 10, 11)), _mention("Marks and Spencer", "ORG", 70, (15, 16, 17))]
    out = split_joined_surnames(mentions)
    assert [(m.text, m.label, m.start, m.end, m.tokens) for m in out[2:4]] == [
        ("Vega", "PERSON", 40, 44, (9,)), ("Ruiz", "PERSON", 49, 53, (11,))]
    assert out[4].text == "Marks and Spencer"  # no one of the document ends in those words


def test_a_bare_surname_just_after_a_relative_is_the_relative(graph_of):
    graph = graph_of("Jorge Rivas ruled for ten years. Jorge Rivas was later jailed. Critics say Jorge Rivas "
                     "stole millions. The builder grew fast. It built roads and ports across the country. It now builds "
                     "railways. The builder also funded the campaign of his daughter, Marta Rivas, prosecutors say. "
                     "Rivas has denied taking any money from the builder.")
    assert ("Marta Rivas", "DISPUTES", "Marta Rivas") in stance_edges(graph)


def test_a_name_the_model_tags_once_is_the_same_name_everywhere(graph_of):
    graph = graph_of("Microsoft said Hurricane Bison, a group of Chinese hackers, had attacked campaign staff. "
                     "Google disclosed that Hurricane Bison had targeted the campaign's staffers.")
    assert ("Google", "ALLEGES", "Hurricane Bison") in stance_edges(graph)


def test_zero_width_spaces_neither_break_a_quote_nor_leave_the_evidence(graph_of):
    text = "Sara Lind is a researcher at the Northwind Institute.\n\n\u200b\u200b\"The Vornex Brigade raped women " \
           "in the city,\" Lind said."
    graph = graph_of(text)
    assert ("Sara Lind", "ALLEGES", "Vornex Brigade") in stance_edges(graph)
    evidence = [ev["text"] for _, _, d in graph.edges(data=True) if d["type"] == "ALLEGES" for ev in d["evidence"]]
    assert evidence and all(e in text for e in evidence)


def test_a_bare_company_word_is_the_listed_company_it_begins(graph_of):
    graph = graph_of("Fox News fired its host on Monday. The talk show Fox & Friends went on. Fox said the host had "
                     "left. Lawyers for 21st Century Fox declined to comment. Fox later said it had begun a review.")
    assert "Fox" in node(graph, "Fox News")["aliases"]
    assert not any("Fox" in name and label == "Person" for name, label in labels(graph).items())


def test_an_acronym_in_brackets_is_the_body_wherever_it_is_written(graph_of):
    graph = graph_of("Many of the claims came from the British newspaper Fenwick Tribune (FT). The regulators even "
                     "filed a criminal complaint against FT for conspiring with hedge funds.")
    assert "FT" in node(graph, "Fenwick Tribune")["aliases"]
    assert "FT" not in labels(graph)


def test_a_title_and_a_surname_tagged_as_a_body_is_the_person(graph_of):
    graph = graph_of("Tom Harlan led the review for the intelligence community. Later, DNI Harlan's assistant sent "
                     "an email to the agencies.")
    assert "DNI Harlan" not in labels(graph)
    assert labels(graph)["Tom Harlan"] == "Person"


@pytest.mark.parametrize("text, name, label", [
    pytest.param("Jamal Reed branded Northwind Bank a criminal enterprise.", "Jamal Reed", "Person",
                 id="a-given-name-and-surname-the-model-calls-a-body"),
    pytest.param("Philip Morris raised its prices, the company said.", "Philip Morris International", "Organization",
                 id="a-company-named-after-a-person"),
    pytest.param("Vexor, a Munich-based payments company, filed for insolvency. Vexor once employed 5,000 people. "
                 "Vexor said it would appeal. Investors sued Vexor.", "Vexor", "Organization",
                 id="a-one-word-name-described-as-a-company"),
    pytest.param("An air strike destroyed a clinic run by Doctors Without Borders.", "Médecins Sans Frontières",
                 "Organization", id="a-humanitarian-organisation-by-its-english-name"),
    pytest.param("Vexor sold its tests in pharmacies. Vexor said the tests worked. A spokesperson for Vexor denied it. "
                 "Vexor's investors lost money. Vexor board member Tom Reed resigned. Vexor's technology failed.",
                 "Vexor", "Organization", id="a-name-that-owns-what-only-a-company-has"),
    pytest.param("Vexor is a payments company. Lena Roth said Vexor lied to investors.", "Vexor", "Organization",
                 id="what-the-copula-says-it-is"),
    pytest.param("Director of National Intelligence Tom Harlan led the review.", "Tom Harlan", "Person",
                 id="a-title-of-office-before-a-name-is-no-kind-of-body"),
    pytest.param("The men worked for a software firm named Rostam Azadi. Rostam Azadi did not reply.", "Rostam Azadi",
                 "Organization", id="a-firm-named-x"),
])
def test_type_from_what_the_text_says(graph_of, text, name, label):
    assert labels(graph_of(text))[name] == label


def test_its_in_a_clause_is_its_subjects(graph_of):
    graph = graph_of("Vexor is a payments company. The Daily Ledger published an article that Vexor was cooking its books.")
    involved = {graph.nodes[v]["name"] for _, v, d in graph.edges(data=True) if d["type"] == "INVOLVES"}
    assert stance_edges(graph) == {("Daily Ledger", "ALLEGES", "Vexor")}
    assert "Daily Ledger" not in involved
