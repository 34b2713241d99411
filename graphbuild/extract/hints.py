"""What the words around a name say of its type: "the magazine Gordon" (Organization), "the agency"
(Agency), "a former KGB major" (Person), "Riverside police station" and "protests in Harbour Town" (Place).
The hints are votes; the type is decided over all mentions of an entity."""
from __future__ import annotations

from functools import partial

from spacy.tokens import Span, Token

from ..schema import first_names, lexicon_words
from .spans import address_words, agency_words, body_words, organization_nouns

role_words = partial(lexicon_words, "roles", "words")
place_nouns = partial(lexicon_words, "places", "nouns")
place_prepositions = partial(lexicon_words, "places", "prepositions")
BODY_LABELS = ("ORG", "AGENCY", "ORGANIZATION", "FAC")


def kind_of_noun(tok: Token) -> str | None:
    """The type a common noun next to a name gives it; a role comes first ("prosecutor Lena Moretti")."""
    lemma = tok.lemma_.lower()
    if tok.ent_type_ and tok.pos_ == "PROPN" and lemma.rstrip(".") not in address_words():
        return None  # "KGB major Ivan Orlov": a name before a name says nothing of its kind
    if lemma in role_words() or tok.text[:1].isupper() and lemma.rstrip(".") in address_words():
        return "Person"
    if tok.pos_ == "PROPN" and tok.is_title:
        return None  # "Director of National Intelligence Tom Harlan": a capitalised word is part of a title or name
    if lemma in organization_nouns() and lemma not in agency_words():
        return "Organization"
    if lemma in agency_words():
        return "Agency"
    return None


def kind_before(span: Span) -> str | None:
    """A kind of body written right before a name, quotes between: "the weekly 'Tribune'"."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and doc[i].is_quote:
        i -= 1
    if i < 0 or i == span.start - 1 or not doc[i].is_lower:
        return None  # without quotes, "newspaper Le Soir" is read by the parse
    lemma = doc[i].lemma_.lower()
    return "Organization" if lemma in organization_nouns() and lemma not in agency_words() else None


def place_context(span: Span, label: str) -> bool:
    """A name that modifies a place noun ("the Sheung Wan district") or follows a locative preposition
    ("in Tuen Mun"); a body's name after "in" ("in the Senate") is no place."""
    head = span.root
    for _ in range(2):
        if head.dep_ != "compound":
            break
        head = head.head
        if head.pos_ == "NOUN" and head.lemma_.lower() in place_nouns():
            return True
    root = span.root
    return (label not in BODY_LABELS and root.dep_ == "pobj" and root.head.lower_ in place_prepositions()
            and not any(c.dep_ == "poss" for c in root.children))


def noun_naming(head: Token) -> Token | None:
    """The noun a name is given to: "firm" in "a cybersecurity firm named X"."""
    if head.dep_ == "oprd" and head.head.lemma_ in ("name", "call") and head.head.dep_ == "acl" \
            and head.head.head.pos_ == "NOUN":
        return head.head.head
    return None


def context_kind(span: Span, label: str = "") -> str | None:
    """What the surrounding words say of a name's type, or None."""
    head = span.root
    neighbours: list[Token] = []
    if head.dep_ == "appos":
        neighbours.append(head.head)
    # a compound before the name, or an apposition next to it ("X, the magazine"; not "X of Y, the agency")
    neighbours += [c for c in head.children if c.dep_ in ("appos", "compound") and c.i < span.start
                   or c.dep_ == "appos" and c.left_edge.i <= span.end + 1]
    # "the anti-corruption nonprofit Probidad": a kind of body the tagger took for an adjective
    neighbours += [c for c in head.children if c.dep_ == "amod" and c.i < span.start and c.is_lower
                   and c.lemma_.lower() in organization_nouns()]
    for tok in sorted(neighbours, key=lambda t: abs(t.i - span.start)):
        kind = kind_of_noun(tok)
        if kind:
            return kind
    kind = kind_before(span)
    if kind:
        return kind
    named = noun_naming(head)
    if named is not None:
        kind = kind_of_noun(named)  # "a cybersecurity firm named X", "a man called X"
        if kind:
            return kind
    if head.dep_ == "nsubj" and head.head.lemma_ == "be":
        # "Northwind is a payments company": what the copula says it is
        predicate = next((c for c in head.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
        kind = kind_of_noun(predicate) if predicate is not None else None
        if kind:
            return kind
    if place_context(span, label):
        return "Place"
    if any(c.dep_ == "relcl" and any(g.lower_ in ("who", "whom") and g.i == c.left_edge.i for g in c.children)
           for c in span.root.children):
        return "Person"  # "Lima, who denies any wrongdoing": only people are "who"
    if len(span) == 1 and owns_company_things(head):
        return "Organization"  # "Vexor's shareholders", "a spokesperson for Vexor", "Vexor board member"
    if label == "ORG" and given_name_and_surname(span):
        return "Person"  # "Jamal Reed branded ...": the model's ORG for a sentence's first name
    return None


# Nouns that only a company or organisation has: "X's shareholders", "a spokesperson for X".
COMPANY_THINGS = frozenset({"shareholder", "shareholders", "investor", "investors", "board", "leadership", "shares",
                            "stock", "headquarters", "subsidiary", "subsidiaries", "employees", "executives", "revenue",
                            "valuation", "customers", "founder", "spokesperson", "spokeswoman", "spokesman", "products",
                            "technology"})


def owns_company_things(head: Token) -> bool:
    """Whether a one-word name owns what only a company has ("Vexor's investors", "Vexor board member") or
    is what a company spokesperson speaks for ("a spokesperson for Vexor")."""
    if head.dep_ in ("poss", "compound") and head.head.lemma_.lower() in COMPANY_THINGS | {"member"} \
            and head.head.lemma_.lower() != "member":
        return True
    if head.dep_ == "compound" and head.head.lemma_.lower() == "member" and any(
            c.lower_ == "board" for c in head.head.children):
        return True
    if head.dep_ == "compound" and head.head.lower_ == "board":
        return True
    return head.dep_ == "pobj" and head.head.lower_ in ("for", "of") and head.head.head.lemma_.lower() in (
        "spokesperson", "spokeswoman", "spokesman", "shareholder", "investor", "founder", "board")


def given_name_and_surname(span: Span) -> bool:
    """Two capitalised words, a common given name and one that is no body's word: a person's name."""
    if len(span) != 2 or not all(t.is_title and t.is_alpha for t in span):
        return False
    names = first_names()
    first, last = span[0].lower_, span[1].lower_
    return (first in names["male"] or first in names["female"]) and last not in organization_nouns() \
        and last not in agency_words() and last not in body_words()
