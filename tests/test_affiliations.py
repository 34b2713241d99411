"""MEMBER_OF: roles in any position, verbs of membership, and what is not a membership (texts written for
these tests)."""
from __future__ import annotations

import pytest

from conftest import member_edges

STATED = [
    pytest.param("According to Walter Alvarez, head of the anti-graft nonprofit Probidad, progress "
                 "has been slow.", {("Walter Alvarez", "Probidad")}, id="a-nonprofit-the-tagger-took-for-a-place"),
    pytest.param("Carlos Ruiz, founder of the press freedom nonprofit Ojo Publico, has followed the case since 2016.",
                 {("Carlos Ruiz", "Ojo Publico")}, id="a-bare-role-of-a-body-the-parse-lost"),
    pytest.param("Chicago police arrested six councillors on Sunday. Chicago's then police chief Tom Reed later "
                 "praised his officers.", {("Tom Reed", "Chicago police")}, id="a-places-police-chief"),
    pytest.param("Ana Ruiz was appointed to the Supreme Court in 2010.", {("Ana Ruiz", "Supreme Court")},
                 id="appointed-to-a-body"),
    pytest.param("Treasury Secretary Janet Morgan said the Treasury Department would act.",
                 {("Janet Morgan", "Treasury Department")}, id="title-of-office-names-the-body"),
    pytest.param("IAAF President Sebastian Moe said the ban stands.", {("Sebastian Moe", "World Athletics")},
                 id="body-before-a-title-in-one-span"),
    pytest.param("The money came from a company called Daltrex, which was founded by Josef Marin, a businessman.",
                 {("Josef Marin", "Daltrex")}, id="which-was-founded-by"),
    pytest.param("Anna Berg, a spokeswoman for the European Commission, declined to comment.",
                 {("Anna Berg", "European Commission")}, id="spokesman-for-y"),
    pytest.param("Microsoft's chief executive Satya Rao said the company was not hacked.",
                 {("Satya Rao", "Microsoft")}, id="y-s-chief-executive-x"),
    pytest.param("Paul Weber, who heads the BND, spoke in Berlin.", {("Paul Weber", "BND")}, id="who-heads-y"),
    pytest.param("Mark Olsen of the Royal United Services Institute said Russia was behind it.",
                 {("Mark Olsen", "Royal United Services Institute")}, id="x-of-y"),
    pytest.param("Oleg Petrov joined the FSB in 1995.", {("Oleg Petrov", "FSB")}, id="joined"),
    pytest.param("The source was former KGB\u00a0major Ivan Orlov, who lives in Kyiv.", {("Ivan Orlov", "KGB")},
                 id="title-after-a-non-breaking-space"),
    pytest.param("Nikolai Volkov left the GRU in 2018 and began working at Acme Systems, a Moscow-based IT company.",
                 {("Nikolai Volkov", "GRU"), ("Nikolai Volkov", "Acme Systems")}, id="left-and-began-working-at"),
    pytest.param("Viktor Sorokin, a former GRU officer who served in the KGB's First Chief Directorate, said the "
                 "files were genuine.",
                 {("Viktor Sorokin", "GRU"), ("Viktor Sorokin", "KGB First Chief Directorate"), ("Viktor Sorokin", "KGB")},
                 id="former-officer-who-served-in"),
    pytest.param("The wife of former Prime Minister Tom Hale, Clara Hale, works for the BBC.",
                 {("Clara Hale", "BBC")}, id="subject-named-in-apposition"),
    pytest.param("According to the NATO spokesman, Piet Jansen, the exercise went ahead.",
                 {("Piet Jansen", "NATO")}, id="description-before-the-name"),
    pytest.param("Reuters reporters Omar Saleh and Ali Haddad were detained.",
                 {("Omar Saleh", "Reuters"), ("Ali Haddad", "Reuters")}, id="plural-title-before-two-names"),
    pytest.param("VIENNA, March 3 - A former officer of Austria's Federal Office for the Protection of the "
                 "Constitution and Counterterrorism, Egisto Ott, said he had warned the BfV.",
                 {("Egisto Ott", "BVT")}, id="another-countrys-long-form"),
]

NOT_STATED = [
    pytest.param("Ivan Kuznetsov's lawyer, Peter Novak, said the charges were false.", id="a-persons-lawyer"),
    pytest.param("Sergei Orlov is believed to be a member of the GRU.", id="hedged"),
    pytest.param("Ruslan Tagirov, the Kremlin-backed leader of Dagestan, was silent.", id="backed-by"),
    pytest.param("The FSB recruited Igor Lanin as an agent in 1999.", id="alleged-recruitment"),
    pytest.param("Reporters asked whether Oleg Petrov had worked for the FSB.", id="question"),
]


@pytest.mark.parametrize("text, expected", STATED)
def test_stated_memberships(graph_of, text, expected):
    assert member_edges(graph_of(text)) == expected


@pytest.mark.parametrize("text", NOT_STATED)
def test_no_membership(graph_of, text):
    assert member_edges(graph_of(text)) == set()


def test_member_title_names_the_one_body_of_the_text(graph_of):
    graph = graph_of("Sen. Ruth Miller said the Senate would vote on Tuesday.")
    assert member_edges(graph) == {("Ruth Miller", "Senate")}


def test_party_words_name_the_party_in_a_text_about_its_country(graph_of):
    us = graph_of("Democratic Sen. Tom Briggs and Gov. Anna Wells, both Democrats, spoke in Washington.")
    assert member_edges(us) == {("Tom Briggs", "Democratic Party"), ("Anna Wells", "Democratic Party")}
    elsewhere = graph_of("Tom Briggs and Anna Wells, both Democrats, spoke in Oslo.")
    assert member_edges(elsewhere) == set()
