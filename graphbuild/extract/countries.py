"""Which country a word names ("Austrian", "U.S.", "Kremlin" does not), and whose body a gazetteer name
is: a long form that bodies of several countries share is not the listed one when the text puts
another country before it ("Switzerland's Federal Intelligence Service")."""
from __future__ import annotations

from functools import cache

from spacy.tokens import Span

from ..schema import gazetteer, lexicon
from .names import name_key

POSSESSIVES = ("'s", "’s")


@cache
def country_words() -> dict[str, str]:
    """Name key of a country's name, short form or demonym -> the country."""
    return {name_key(w): country for country, words in lexicon()["places"]["countries"].items() for w in words}


@cache
def gazetteer_country() -> dict[str, str]:
    return {e["name"]: e["country"] for e in gazetteer() if "country" in e}


def country_of(text: str) -> str | None:
    return country_words().get(name_key(text))


def country_before(span: Span) -> str | None:
    """The country named right before a span: "the Austrian ...", "Austria's ...", "the U.S. ..."."""
    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].text in POSSESSIVES:
        i -= 1
    for j in (i, i - 1):  # one- and two-word names: "Austria", "South Korean"
        if 0 <= j <= i and doc[j].sent.start == span.sent.start:
            found = country_of(doc[j:i + 1].text)
            if found:
                return found
    return None


def foreign_to(canonical: str, span: Span) -> bool:
    """Whether the text says a gazetteer name here belongs to another country than the listed body's."""
    home = gazetteer_country().get(canonical)
    found = country_before(span)
    return home is not None and found is not None and found != home


def name_goes_on(span: Span) -> int:
    """The end of a name that continues past a gazetteer match with "and" and capitalised words
    ("Federal Office for the Protection of the Constitution and Counterterrorism"), or the span's end."""
    doc = span.doc
    end = span.end
    if end + 1 < len(doc) and doc[end].lower_ == "and" and doc[end + 1].text[:1].isupper() and not doc[end + 1].ent_type_:
        end += 1
        while end < len(doc) and doc[end].text[:1].isupper() and not doc[end].ent_type_ and end - span.end < 5:
            end += 1
    return end
