"""Bodies named by description rather than by name: a person's administration or government ("the Trump
administration", "the Varela government") and a country's government, police or armed forces ("the
Chinese government", "Hong Kong police", "Venezuela's government", "the U.S. military").

Such a body is a mention of its own whose only token is the head noun, so the owner's name keeps its
tokens; its name says whose it is ("Trump administration", "Chinese government"), so the same body in
another document resolves to it, and another country's government never does.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import cache, partial

from spacy.tokens import Doc, Span, Token

from ..schema import lexicon, lexicon_words
from .names import clean_surface, is_demonym

owned_nouns = partial(lexicon_words, "agency_words", "owned_bodies")
national_nouns = partial(lexicon_words, "agency_words", "national_bodies")
place_abbreviations = partial(lexicon_words, "places", "abbreviations")
OWNER_LABELS = ("PERSON", "ORG", "NORP")
PLACE_LABELS = ("GPE", "NORP")
JOINERS = {"armed", "security", "federal", "national", "central", "military", "state", "judicial", "secret"}


def owner_span(doc: Doc, tok: Token) -> Span | None:
    """The model's name span that holds ``tok``."""
    if not tok.ent_type_:
        return None
    start = tok.i
    while start > 0 and doc[start].ent_iob_ != "B":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def owned_body(doc: Doc, head: Token) -> tuple[str, Span] | None:
    """("Trump administration", the written span) for "the Trump administration", "the Varela government"
    (a campaign is left to the discourse: "the campaign" stands for its named owners)."""
    if head.lemma_.lower() not in owned_nouns() or not head.is_lower or head.ent_type_:
        return None
    # "Obama's administration" describes his time; "the Obama administration" names a body
    owners = [c for c in head.children if c.dep_ == "compound" and c.i < head.i and c.ent_type_ in OWNER_LABELS]
    if len(owners) != 1 or owners[0].ent_type_ == "NORP" and not owners[0].text[:1].isupper():
        return None
    span = owner_span(doc, owners[0])
    if span is None or not span.text[:1].isupper() or span.end > head.i:
        return None
    surname = clean_surface(span[-1].text if span[-1].text not in ("'s", "’s") else span[-2].text)
    if is_demonym(surname) or surname in place_abbreviations():
        return None  # "the Russian government" is a country's body, read by national_body
    return f"{surname} {head.lower_}", doc[span.start:head.i + 1]


def national_body(doc: Doc, head: Token) -> tuple[str, Span] | None:
    """("Chinese government", span) for "the Chinese government", "Hong Kong police", "Venezuela's
    government", "the U.S. military", "Israeli forces"."""
    if head.lemma_.lower() not in national_nouns() or not head.is_lower or head.ent_type_:
        return None
    if head.dep_ == "compound" and head.head.pos_ == "NOUN":
        return None  # "Russian intelligence officer" describes a person
    mods = [c for c in head.children if c.i < head.i and c.dep_ in ("amod", "compound", "nmod", "poss")]
    places = [c for c in mods if c.ent_type_ in PLACE_LABELS or c.text in place_abbreviations()]
    if not places:
        return None
    place = owner_span(doc, places[0]) or doc[places[0].i:places[0].i + 1]
    if place.root.ent_type_ == "NORP" and not is_demonym(clean_surface(place.text)):
        return None  # "Democratic government", a party's
    between = doc[place.end:head.i]
    if any(t.lower_ not in JOINERS and t.text not in ("'s", "’s") for t in between):
        return None
    span = doc[place.start:head.i + 1]
    name = clean_surface(span.text)
    return (name[4:] if name.lower().startswith("the ") else name), span


def described_bodies(doc: Doc) -> Iterator[tuple[str, Span, Token]]:
    """(name, written span, head token) of every body the document names by description."""
    heads = owned_nouns() | national_nouns()
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in heads:
            continue
        found = owned_body(doc, tok) or national_body(doc, tok)
        if found is not None:
            yield found[0], found[1], tok


@cache
def party_words() -> dict[str, tuple[str, str]]:
    """A word for a party's members -> (the party's name, its country): "Democrats" -> Democratic Party."""
    return {word: (party, country) for country, parties in lexicon()["agency_words"]["parties"].items()
            for party, words in parties.items() for word in words}


def party_of(text: str, countries: set[str]) -> str | None:
    """The party a member word names in a document about these countries, or None."""
    found = party_words().get(text)
    return found[0] if found is not None and found[1] in countries else None
