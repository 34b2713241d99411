"""Attribution, stance and affiliation patterns, one sentence (or two) each. The sentences are written
for these tests; none comes from the sample corpus."""
from __future__ import annotations

import pytest

from conftest import member_edges, stance_edges

FELDMAN = "Mark Feldman"

STANCE_CASES = [
    pytest.param("Anna Kovalenko, a former SBU officer, said that the GRU recruited Mark Feldman in 2014.",
                 {("Anna Kovalenko", "ALLEGES", FELDMAN)}, id="indirect-speech"),
    pytest.param("“The GRU recruited Mark Feldman as an agent,” Anna Kovalenko said.",
                 {("Anna Kovalenko", "ALLEGES", FELDMAN)}, id="direct-quote"),
    pytest.param("According to Peter Lindqvist, the GRU cultivated Mark Feldman as an asset for years.",
                 {("Peter Lindqvist", "ALLEGES", FELDMAN)}, id="according-to"),
    pytest.param("Peter Lindqvist spoke to reporters in Stockholm on Monday. He said that the SVR had blackmailed Mark Feldman.",
                 {("Peter Lindqvist", "ALLEGES", FELDMAN)}, id="pronoun-subject"),
    pytest.param("Olga Demidova wrote on Facebook that the GRU recruited Mark Feldman in Vienna.",
                 {("Olga Demidova", "ALLEGES", FELDMAN)}, id="facebook-post"),
    pytest.param("Olga Demidova dropped a bombshell: “Our service recruited Mark Feldman in 1991.”",
                 {("Olga Demidova", "ALLEGES", FELDMAN)}, id="colon-quote"),
    pytest.param("Mikhail Orlov confirmed that the GRU recruited Mark Feldman.",
                 {("Mikhail Orlov", "CORROBORATES", FELDMAN)}, id="confirms"),
    pytest.param("Dmitry Sokolov denied that the GRU recruited Mark Feldman.",
                 {("Dmitry Sokolov", "DISPUTES", FELDMAN)}, id="denies"),
    pytest.param("Laura Chen said investigators found no evidence that the GRU recruited Mark Feldman.",
                 {("Laura Chen", "DISPUTES", FELDMAN)}, id="found-no-evidence"),
    pytest.param("James Carter said that Mark Feldman was never recruited by the GRU.",
                 {("James Carter", "DISPUTES", FELDMAN)}, id="negated-act"),
    pytest.param("Dmitry Sokolov declined to comment on whether the GRU recruited Mark Feldman.",
                 set(), id="declined-to-comment"),
    pytest.param("Laura Chen said that if the GRU had recruited Mark Feldman, the archives would show it.",
                 set(), id="hypothetical"),
    pytest.param("Dmitry Sokolov did not confirm that the GRU recruited Mark Feldman.",
                 set(), id="negated-cue"),
    pytest.param("Anna Kovalenko alleged that the GRU recruited Mark Feldman. Mikhail Orlov later backed up Kovalenko's claims.",
                 {("Anna Kovalenko", "ALLEGES", FELDMAN), ("Mikhail Orlov", "CORROBORATES", FELDMAN)}, id="backs-claims"),
    pytest.param("Anna Kovalenko alleged that the GRU recruited Mark Feldman. James Carter dismissed Kovalenko's allegation.",
                 {("Anna Kovalenko", "ALLEGES", FELDMAN), ("James Carter", "DISPUTES", FELDMAN)}, id="dismisses-claim"),
    pytest.param("Anna Kovalenko said that the GRU recruited Mark Feldman. The Kremlin denied the accusations.",
                 {("Anna Kovalenko", "ALLEGES", FELDMAN), ("Kremlin", "DISPUTES", FELDMAN)}, id="denies-unowned-accusations"),
    pytest.param("Anna Kovalenko said that the GRU recruited Mark Feldman. Her account was criticised by Laura Chen, a former CIA analyst.",
                 {("Anna Kovalenko", "ALLEGES", FELDMAN), ("Laura Chen", "DISPUTES", FELDMAN)}, id="passive-by-agent"),
    pytest.param("Laura Chen said that the GRU recruited Mark Feldman. Feldman's lawyer, Peter Novak, said the accusations were baseless.",
                 {("Laura Chen", "ALLEGES", FELDMAN), ("Peter Novak", "DISPUTES", FELDMAN)}, id="accusations-were-baseless"),
    pytest.param("Laura Chen said that Ivan Petrov and Oleg Smirnov poisoned Mark Feldman.",
                 {("Laura Chen", "ALLEGES", "Ivan Petrov"), ("Laura Chen", "ALLEGES", "Oleg Smirnov")}, id="conjoined-doers"),
    pytest.param("A senior official said that the GRU recruited Mark Feldman.", set(), id="unnamed-source"),
    pytest.param("In 2020, the Senate Intelligence Committee released the final volume of its investigation, which "
                 "concluded that the GRU recruited Mark Feldman.",
                 {("Senate Intelligence Committee", "ALLEGES", FELDMAN)}, id="report-speaks-for-its-author"),
    pytest.param("Anna Kovalenko praised the report, which concluded that the GRU recruited Mark Feldman.",
                 set(), id="praising-a-report-is-not-writing-it"),
    pytest.param("Laura Chen said that a group of Russian businessmen interfered in the election to help Mark Feldman.",
                 set(), id="beneficiary-is-not-the-doer"),
    pytest.param("The Senate Intelligence Committee opened an inquiry in 2017. In its final report, the committee "
                 "concluded that the GRU recruited Mark Feldman.",
                 {("Senate Intelligence Committee", "ALLEGES", FELDMAN)}, id="the-committee-is-the-named-one"),
    pytest.param("Laura Chen studied the Petrov campaign for years. She said that the campaign colluded with the GRU.",
                 {("Laura Chen", "ALLEGES", "Petrov")}, id="the-campaign-is-its-named-owners"),
    pytest.param("Laura Chen said that the campaign colluded with the GRU.", set(), id="description-naming-no-one"),
    pytest.param("Laura Chen said that hackers working for the Kremlin interfered in the election.",
                 {("Laura Chen", "ALLEGES", "Kremlin")}, id="doer-named-inside-its-phrase"),
]


@pytest.mark.parametrize("text, expected", STANCE_CASES)
def test_stances(graph_of, text, expected):
    assert stance_edges(graph_of(text)) == expected


AFFILIATION_CASES = [
    pytest.param("Former GRU colonel Ivan Petrov spoke in Berlin.", {("Ivan Petrov", "GRU")}, id="title-before-name"),
    pytest.param("Kremlin spokesman Dmitry Sokolov spoke to reporters.", {("Dmitry Sokolov", "Kremlin")}, id="spokesman"),
    pytest.param("Laura Chen, a retired CIA analyst, spoke at the conference.", {("Laura Chen", "CIA")}, id="apposition-after"),
    pytest.param("A former senior MI6 officer, Thomas Reed, spoke at the conference.", {("Thomas Reed", "MI6")}, id="apposition-before"),
    pytest.param("In 1990, Ivan Petrov was an officer in the KGB's Fifth Directorate.",
                 {("Ivan Petrov", "KGB Fifth Directorate"), ("Ivan Petrov", "KGB")}, id="copula-directorate"),
    pytest.param("In 1990, Ivan Petrov was an officer in the GRU who had been seconded to the Ministry of Defence of Ukraine.",
                 {("Ivan Petrov", "GRU"), ("Ivan Petrov", "Ministry of Defence of Ukraine")}, id="relative-clause-of-a-predicate-noun"),
    pytest.param("Anna Kovalenko previously headed the Ministry of Defence of Ukraine.",
                 {("Anna Kovalenko", "Ministry of Defence of Ukraine")}, id="headed"),
    pytest.param("According to Laura Chen and Peter Novak, another former FBI counterintelligence agent we interviewed, "
                 "the leak came from Moscow.", {("Peter Novak", "FBI")}, id="apposition-the-parse-hangs-on-the-pair"),
    pytest.param("According to Peter Novak, a former FBI agent we spoke with, there is a small group of hackers.",
                 {("Peter Novak", "FBI")}, id="apposition-by-surface"),
    pytest.param("Laura Chen, a CIA critic, spoke at the conference.", set(), id="apposition-without-role"),
    pytest.param("Ivan Petrov, the FSB, and the GRU all declined to comment.", set(), id="list-is-not-apposition"),
    pytest.param("Anna Kovalenko said the GRU recruited Ivan Petrov in 1990.", set(), id="recruitment-is-not-membership"),
    pytest.param("Investigators asked whether Ivan Petrov was an agent of the GRU.", set(), id="question-is-not-membership"),
]


@pytest.mark.parametrize("text, expected", AFFILIATION_CASES)
def test_affiliations(graph_of, text, expected):
    assert member_edges(graph_of(text)) == expected


def test_stance_edges_carry_cue_and_verbatim_sentence(graph_of):
    text = "Intro line.\n\nAnna Kovalenko said that the GRU recruited Mark Feldman in 2014."
    graph = graph_of(text)
    edges = [d for _, _, d in graph.edges(data=True) if d["type"] == "ALLEGES"]
    assert len(edges) == 1
    (ev,) = edges[0]["evidence"]
    assert text[ev["start"]:ev["end"]] == ev["text"] == "Anna Kovalenko said that the GRU recruited Mark Feldman in 2014."
    assert "said" in ev["cue"] and "recruited" in ev["cue"]
    allegation = next(d for _, d in graph.nodes(data=True) if d["label"] == "Allegation")
    assert allegation["act"] == "recruitment" and allegation["dates"] == ["2014"] and allegation["status"] == "alleged"


def test_status_follows_stances(graph_of):
    graph = graph_of("Anna Kovalenko said that the GRU recruited Mark Feldman. Dmitry Sokolov denied that the GRU recruited Mark Feldman.")
    (status,) = [d["status"] for _, d in graph.nodes(data=True) if d["label"] == "Allegation"]
    assert status == "contested"
