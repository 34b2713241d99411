"""Descriptor nouns: the role and kind nouns a text uses for an entity, so that a later "the senator",
"the company" or "the court" can be resolved to it.

"Sen. Tom Briggs" -> senator; "cybersecurity company Symantec" -> company; "Dan Mercer, a Microsoft vice
president" -> vice president; "Kremlin spokesman Dmitry Peskov" -> spokesman; "Lena Moretti is a
prosecutor" -> prosecutor; "the Supreme Court" -> court (a body's own head word). Lemmas, lower case.
"""
from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Token

from ..schema import lexicon_words
from .model import LocalEntity, Mention
from .names import name_key
from .spans import address_words, agency_words, organization_nouns, phrase_at, title_phrases
from .votes import head_word

# short forms of titles and the noun they stand for
TITLE_NOUNS = {"sen": "senator", "rep": "representative", "gov": "governor", "gen": "general", "col": "colonel",
               "lt": "lieutenant", "capt": "captain", "sgt": "sergeant", "adm": "admiral", "maj": "major",
               "cmdr": "commander", "prof": "professor", "dr": "doctor", "dni": "director of national intelligence",
               "ceo": "chief executive", "mep": "mep", "mp": "mp"}
NOT_DESCRIPTORS = {"mr", "mrs", "ms", "miss", "mx", "sir", "dame", "former", "ex", "late", "then", "current",
                   "acting", "senior", "top", "retired"}


@cache
def descriptor_nouns() -> frozenset[str]:
    """Nouns that say what an entity is: roles, forms of address, kinds of body."""
    return (lexicon_words("roles", "words") | address_words() | organization_nouns() | agency_words()
            | lexicon_words("titles", "words")) - NOT_DESCRIPTORS


def descriptor(doc: Doc, tok: Token) -> str | None:
    """The descriptor a token gives, with a title of several words it begins ("vice president")."""
    end = phrase_at(doc, tok.i, title_phrases())
    if end > tok.i + 1:
        return " ".join(t.lower_ for t in doc[tok.i:end] if t.text != "-")
    low = tok.lower_.rstrip(".")
    lemma = tok.lemma_.lower().rstrip(".")
    if low in TITLE_NOUNS:
        return TITLE_NOUNS[low]
    if tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_ and not tok.is_lower:
        return None
    return lemma if lemma in descriptor_nouns() and lemma.isalpha() else None


def around(doc: Doc, m: Mention) -> list[Token]:
    """Tokens that describe a mention: titles and kind nouns right before it, an apposition after its
    comma, a noun it is in apposition to, a predicate noun of its copula."""
    first, last = m.tokens[0], m.tokens[-1]
    out: list[Token] = []
    i = first - 1
    sentence_start = doc[first].sent.start
    while i >= sentence_start and first - i <= 4 and doc[i].pos_ in ("NOUN", "PROPN", "ADJ") and doc[i].ent_type_ != "PERSON":
        out.append(doc[i])
        i -= 1
    root = doc[last]
    if last + 2 < len(doc) and doc[last + 1].text == ",":
        # the apposition right after the name's comma, wherever the parse hangs it
        for t in doc[last + 2:min(last + 10, len(doc))]:
            if t.dep_ == "appos" and t.left_edge.i == last + 2:
                out.append(t)
                out += [g for g in t.children if g.dep_ in ("compound", "amod")]
                break
    if root.dep_ == "appos" and root.head.i < first:
        out.append(root.head)
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ == "be":
        out += [c for c in root.head.children if c.dep_ == "attr"]
    return out


def add_descriptors(parsed: list[tuple[int, Doc]], mentions: list[Mention], entities: list[LocalEntity],
                    of_mention: dict[int, int]) -> None:
    """Fill ``descriptors`` of every entity from the words around its mentions and its own head word."""
    for index, lid in of_mention.items():
        m = mentions[index]
        if not m.tokens:
            continue
        doc = parsed[m.piece][1]
        ent = entities[lid]
        for tok in sorted(around(doc, m), key=lambda t: t.i):
            found = descriptor(doc, tok)
            if found and tok.i not in m.tokens:
                ent.descriptors.add(found)
    for ent in entities:
        words = name_key(ent.canonical or ent.name).split()
        if ent.label in ("Agency", "Organization") and len(words) > 1 and head_word(words) in agency_words() | organization_nouns():
            ent.descriptors.add(head_word(words))  # "the Supreme Court" is a court
