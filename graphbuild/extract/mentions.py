"""Sentences and name mentions of one parsed document: spans cleaned, split and given context hints.

The model's spans are cut back to names (``spans``), each mention records what its context says of its
type (``hints``), and the type decision is left to the votes of all mentions. Names the model missed are
added where the context makes them safe: a name after a title ("lawmaker Dominic Ho"), a quoted name
after a kind of body ("the weekly 'Tribune'"), a full name that speaks.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import cache, partial

from spacy.tokens import Doc, Span, Token

from ..schema import first_names, lexicon, lexicon_words
from .bodies import described_bodies, party_of, party_words
from .countries import country_of, foreign_to, gazetteer_country, name_goes_on
from .datelines import dateline_tokens
from .hints import context_kind, role_words
from .model import Mention, Sentence
from .votes import head_word
from .names import DETERMINERS, clean_surface, is_demonym, is_gate_word, is_title, name_key, not_name_words
from .spans import (NAME_PARTICLES, address_before, agency_words, body_words, directorate_name, in_shouting,
                    in_work_title, organization_nouns, person_after_address, split_at_commas, split_at_possessive,
                    split_org_person,
                    title_phrase_tokens, trim, with_first_name, with_surname)

__all__ = ["agency_words", "organization_nouns", "find_mentions", "loose_mentions", "sentences", "sentence_year",
           "reporting_lemmas"]


@cache
def reporting_lemmas() -> frozenset[str]:
    stance = lexicon()["stance"]
    return frozenset(stance["alleges"]) | frozenset(stance["corroborates"]) | frozenset(stance["disputes"])


NAME_LABELS = {"PERSON", "ORG", "AGENCY", "ORGANIZATION", "NORP", "GPE", "LOC", "FAC", "WORK_OF_ART"}
RULER_LABELS = ("AGENCY", "ORGANIZATION")
QUOTES = {"'", '"', "‘", "’", "“", "”", "«", "»"}

place_abbreviations = partial(lexicon_words, "places", "abbreviations")
place_names = partial(lexicon_words, "places", "names")
body_names = partial(lexicon_words, "agency_words", "bodies")
document_nouns = partial(lexicon_words, "agency_words", "document_nouns")
address_words = partial(lexicon_words, "titles", "address")


def sentences(parsed: list[tuple[int, Doc]]) -> tuple[list[Sentence], list[list[int]]]:
    """All sentences with document offsets, and for each piece the sentence index of every token."""
    out: list[Sentence] = []
    token_sentence: list[list[int]] = []
    for offset, doc in parsed:
        index_of = [0] * len(doc)
        for sent in doc.sents:
            text = sent.text.rstrip()
            if text.strip():
                out.append(Sentence(len(out), offset + sent.start_char, offset + sent.start_char + len(text), text))
            for tok in sent:
                index_of[tok.i] = max(len(out) - 1, 0)
        token_sentence.append(index_of)
    return out, token_sentence


def given_name_before(span: Span) -> bool:
    """A common given name just before a place's name makes it a surname: "President Alejandro Lima"."""
    if span.start == 0:
        return False
    prev = span.doc[span.start - 1]
    names = first_names()
    return prev.is_title and not prev.ent_type_ and (prev.lower_ in names["male"] or prev.lower_ in names["female"])


def only_title_words(ent: Span, covered: set[int]) -> bool:
    """"Home" of "Home Secretary", "State" of "Secretary of State": no name is left."""
    return all(t.i in covered or t.lower_ in DETERMINERS or t.is_punct for t in ent)


def demonym_before_name(span: Span) -> Span:
    """"the Belgian Karel Dewulf" -> "Karel Dewulf"."""
    doc = span.doc
    i = span.start
    while i < span.end - 2 and (doc[i].lower_ in DETERMINERS or is_demonym(doc[i].text)):
        i += 1
    return doc[i:span.end] if i > span.start and is_demonym(doc[i - 1].text) else span


def with_place_of(doc: Doc, ent: Span) -> Span | None:
    """"the Federal Reserve Bank" + "of New York", "the US Court of Appeals" + "for the Ninth Circuit": a body
    named after the place or body it serves is one name (the model cuts it at "of")."""
    if ent.label_ not in ("ORG", "AGENCY", "ORGANIZATION") or ent.end + 1 >= len(doc):
        return None
    if head_word([t.lower_ for t in ent]) not in body_words() or doc[ent.end].lower_ not in ("of", "for"):
        return None
    i = ent.end + 1
    if doc[i].lower_ == "the" and doc[i].ent_iob_ != "B":
        i += 1
    if i >= len(doc) or doc[i].ent_iob_ != "B" or doc[i].ent_type_ not in ("GPE", "LOC", "ORG"):
        return None
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[ent.start:end]


def candidate_spans(doc: Doc, covered: set[int]) -> Iterable[tuple[Span, str, bool]]:
    """(span, label, titled) for every name-like entity, after splitting and trimming."""
    absorbed = -1  # the end of the last name that took in the place after it
    for ent in doc.ents:
        label = ent.label_
        if label not in NAME_LABELS or only_title_words(ent, covered) or ent.start < absorbed:
            continue
        longer = with_place_of(doc, ent)
        if longer is not None:
            ent, absorbed = longer, longer.end
        if "\n" in ent.text and label not in RULER_LABELS:
            continue
        if label not in RULER_LABELS + ("PERSON",) and person_after_address(ent, covered):
            label = "PERSON"  # "Mr Halloran", "Crown Prince Omar bin Tariq"
        # a ruler match ("KGB's Sixth Directorate") is one name; the model's spans may hold two or more
        parts = [(ent, None)] if label in RULER_LABELS else [p for piece in split_at_commas(ent)
                                                             for p in split_at_possessive(piece)]
        for part, owned_label in parts:
            part_label = owned_label or label
            pieces = split_org_person(part, part_label) if part_label in ("ORG", "PERSON", "FAC") else [part]
            for k, piece in enumerate(pieces):
                piece_label = "PERSON" if len(pieces) > 1 and k == len(pieces) - 1 else part_label
                span, titled = trim(piece, person=piece_label == "PERSON", covered=covered)
                if piece_label == "PERSON":
                    span = demonym_before_name(span)
                if piece_label in ("PERSON", "ORG", "NORP") and len(span) == 1:
                    span = with_first_name(span)
                if piece_label == "PERSON" and len(span) == 1:
                    span = with_surname(span)
                if piece_label in ("GPE", "LOC") and len(span) == 1 and given_name_before(span):
                    span, piece_label = doc[span.start - 1:span.end], "PERSON"  # "Alejandro Lima"
                yield span, piece_label, titled


def keep(span: Span, label: str, text: str) -> bool:
    if not text or not any(c.isalpha() for c in text) or not text[0].isupper() and not text[0].isdigit():
        return False
    ruler = label in RULER_LABELS
    if is_demonym(text) and not ruler:
        return False
    if not ruler and (in_shouting(span) or text in not_name_words() or is_gate_word(text)):
        return False
    if label == "PERSON" and len(span) == 1 and span.start > 0 and span.doc[span.start - 1].lower_ in ("a", "an"):
        return False  # "a Trojan horse"
    if not ruler and len(span) > 1 and span[-1].lower_ in document_nouns():
        return False  # "the Foreign Intelligence Surveillance Act" names a law, not a body
    return True


def written_form(doc: Doc, span: Span, label: str, kind: str | None, text: str) -> tuple[str, int]:
    """The name as written with what belongs to it, and where that begins: forms of address before a
    person ("President Lind", "Tan Sri Rahim"), a country before a body ("US State Department")."""
    if label == "PERSON" or kind == "Person":
        first = address_before(doc, span.start)
    elif label in ("ORG",) + RULER_LABELS and span.start > 0 and doc[span.start - 1].text in place_abbreviations():
        first = span.start - 1
    else:
        first = span.start
    return (clean_surface(doc[first:span.end].text) if first < span.start else text), first


def ruler_canonical(doc: Doc, span: Span, label: str) -> str | None:
    """The gazetteer or directorate name of a ruler match."""
    if label not in RULER_LABELS:
        return None
    canonical = directorate_name(span) or span.ent_id_ or doc[span.start].ent_id_ or None
    if canonical is None:
        # a ruler id lives on the whole entity; recover it from the original span
        canonical = next((e.ent_id_ for e in doc.ents if e.start <= span.start and span.end <= e.end and e.ent_id_), None)
    return canonical


def unlisted_body(doc: Doc, span: Span, canonical: str) -> Span | None:
    """The written name when a gazetteer match is another body: another country's ("Switzerland's
    Federal Intelligence Service", named with its country) or a longer name ("... Constitution and
    Counterterrorism", Austria's)."""
    end = name_goes_on(span)
    if end > span.end:
        return doc[span.start:end]
    if foreign_to(canonical, span):
        start = span.start - 1
        while start > 0 and (doc[start - 1].text[:1].isupper() or doc[start].text in ("'s", "’s")) and span.start - start < 3:
            start -= 1
        return doc[start:span.end]
    return None


def make_mention(doc: Doc, offset: int, piece: int, token_sentence: list[list[int]], span: Span, label: str,
                 text: str, titled: bool, canonical: str | None, dateline: bool = False) -> Mention:
    """The mention of a cleaned span, with its canonical name, context hint and written form."""
    kind = "Place" if dateline else "Person" if titled else context_kind(span, label)
    start = offset + span.start_char + span.text.find(text) if text in span.text else offset + span.start_char
    surface, first = written_form(doc, span, label, kind, text)
    return Mention(text=text, label=label, start=start, end=start + len(text),
                   sentence=token_sentence[piece][span.start], piece=piece,
                   tokens=tuple(range(span.start, span.end)), canonical=canonical, kind_hint=kind, surface=surface,
                   in_title=kind != "Person" and first == span.start and in_work_title(span))


def parent_mention(doc: Doc, offset: int, piece: int, token_sentence: list[list[int]], span: Span) -> Mention | None:
    """"the KGB's Sixth Directorate" names the KGB too."""
    unit = directorate_name(span)
    parent = next((t for t in span if unit and t.text == unit.split()[0] and t.text.isupper()), None)
    if parent is None:
        return None
    return Mention(text=parent.text, label="AGENCY", start=offset + parent.idx, end=offset + parent.idx + len(parent),
                   sentence=token_sentence[piece][parent.i], piece=piece, tokens=(), canonical=parent.text,
                   surface=parent.text)


def find_mentions(parsed: list[tuple[int, Doc]], token_sentence: list[list[int]]) -> list[Mention]:
    """Every kept name mention of the document, in text order."""
    out: list[Mention] = []
    members: list[tuple[int, Span, str]] = []  # "Democrats": a party, if the text is about its country
    for piece, (offset, doc) in enumerate(parsed):
        covered = title_phrase_tokens(doc)
        datelines = dateline_tokens(doc)
        for span, label, titled in candidate_spans(doc, covered):
            dateline = any(i in datelines for i in range(span.start, span.end))
            if dateline:
                span, label, titled = dateline_span(doc, span, datelines), "GPE", False
            canonical = ruler_canonical(doc, span, label)
            other = unlisted_body(doc, span, canonical) if canonical and not directorate_name(span) else None
            if other is not None:
                span, canonical = other, None
            text = clean_surface(span.text)
            if label == "NORP" and text in party_words():
                members.append((piece, span, text))
            if not keep(span, label, text):
                continue
            if text in place_abbreviations() or text in place_names():
                label = "GPE"
            out.append(make_mention(doc, offset, piece, token_sentence, span, label, text, titled, canonical, dateline))
            if label == "AGENCY":
                parent = parent_mention(doc, offset, piece, token_sentence, span)
                if parent is not None:
                    out.append(parent)
        out += body_mentions(doc, offset, piece, token_sentence)
    out += party_mentions(parsed, token_sentence, members, mention_countries(out))
    out += repeated_names(parsed, token_sentence, out)
    out += defined_acronyms(parsed, token_sentence, out)
    return drop_common_words(out, parsed)


def defined_acronyms(parsed: list[tuple[int, Doc]], token_sentence: list[list[int]], mentions: list[Mention]) -> list[Mention]:
    """"the Financial Times (FT)": an acronym in brackets right after a body's name is that body, there
    and wherever the text writes it again untagged."""
    taken = {(m.piece, t) for m in mentions for t in m.tokens}
    defined: dict[str, Mention] = {}
    for m in mentions:
        if not (m.label in ("ORG", "AGENCY", "ORGANIZATION") or m.kind_hint in ("Organization", "Agency")) or not m.tokens:
            continue
        doc = parsed[m.piece][1]
        at = m.tokens[-1] + 2
        if at + 1 < len(doc) and doc[at - 1].text == "(" and doc[at + 1].text == ")" and (m.piece, at) not in taken:
            word = doc[at].text
            if word.isupper() and word.isalpha() and 2 <= len(word) <= 6:
                defined.setdefault(word, m)
    out: list[Mention] = []
    if not defined:
        return out
    for piece, (offset, doc) in enumerate(parsed):
        for tok in doc:
            m = defined.get(tok.text)
            if m is None or (piece, tok.i) in taken or (piece, tok.i) < (m.piece, m.tokens[-1]):
                continue
            out.append(replace(m, start=offset + tok.idx, end=offset + tok.idx + len(tok), sentence=token_sentence[piece][tok.i],
                               piece=piece, tokens=(tok.i,), kind_hint=None, surface=tok.text))
    return out


def repeated_names(parsed: list[tuple[int, Doc]], token_sentence: list[list[int]], mentions: list[Mention]) -> list[Mention]:
    """A name of two or more words the document has as a person or body, written again where the model
    tagged nothing or something else ("Hurricane Bison" taken for an event the second time)."""
    labels = ("PERSON", "ORG", "AGENCY", "ORGANIZATION")
    known: dict[str, dict[tuple[str, ...], Mention]] = {}
    for m in mentions:
        words = tuple(m.text.split())
        if m.label in labels and len(words) >= 2 and all(w[:1].isupper() for w in words):
            known.setdefault(words[0], {}).setdefault(words, m)
    if not known:
        return []
    taken = {(m.piece, t) for m in mentions for t in m.tokens}
    out: list[Mention] = []
    for piece, (offset, doc) in enumerate(parsed):
        for tok in doc:
            for words, m in known.get(tok.text, {}).items():
                end = tok.i + len(words)
                if end > len(doc) or any((piece, i) in taken for i in range(tok.i, end)):
                    continue
                if tuple(t.text for t in doc[tok.i:end]) != words:
                    continue
                span = doc[tok.i:end]
                out.append(replace(m, start=offset + span.start_char, end=offset + span.end_char,
                                   sentence=token_sentence[piece][tok.i], piece=piece, tokens=tuple(range(tok.i, end)),
                                   kind_hint=None, surface=span.text))
                taken.update((piece, i) for i in range(tok.i, end))
    return out


def mention_countries(mentions: list[Mention]) -> set[str]:
    """The countries a document names, by its places and listed bodies."""
    found = {country_of(m.text) for m in mentions if m.label in ("GPE", "LOC")}
    found |= {gazetteer_country().get(m.canonical or "") for m in mentions}
    return {c for c in found if c}


def party_mentions(parsed: list[tuple[int, Doc]], token_sentence: list[list[int]], members: list[tuple[int, Span, str]],
                   countries: set[str]) -> list[Mention]:
    """"Democratic Sen. Tom Briggs", "both Democrats": the party, in a text about its country."""
    out = []
    for piece, span, text in members:
        party = party_of(text, countries)
        if party is not None:
            offset = parsed[piece][0]
            out.append(Mention(text=party, label="ORG", start=offset + span.start_char, end=offset + span.end_char,
                               sentence=token_sentence[piece][span.start], piece=piece,
                               tokens=tuple(range(span.start, span.end)), surface=text, kind_hint="Organization"))
    return out


def dateline_span(doc: Doc, span: Span, datelines: set[int]) -> Span:
    """The dateline part of a span ("HONG KONG" of "HONG KONG - Two")."""
    inside = [i for i in range(span.start, span.end) if i in datelines]
    return doc[inside[0]:inside[-1] + 1]


def body_mentions(doc: Doc, offset: int, piece: int, token_sentence: list[list[int]]) -> list[Mention]:
    """Mentions of bodies named by description ("the Trump administration", "the Chinese government"),
    each on its head noun alone."""
    out = []
    for name, span, head in described_bodies(doc):
        out.append(Mention(text=name, label="ORG", start=offset + head.idx, end=offset + head.idx + len(head),
                           sentence=token_sentence[piece][head.i], piece=piece, tokens=(head.i,),
                           surface=clean_surface(span.text)))
    return out


def drop_common_words(mentions: list[Mention], parsed: list[tuple[int, Doc]]) -> list[Mention]:
    """Forget one-word names that the same text also writes in lower case ("the Verdict" / "the verdict",
    "the Department") and names made of title words alone ("Chairwoman", "MEP"), unless the word is part
    of a person's full name there ("Major" after "Sarah Major") or names a state body alone ("Army")."""
    lower = {t.text for _, doc in parsed for t in doc if t.is_lower and t.is_alpha}
    name_words = {w for m in mentions if m.label == "PERSON" and " " in m.text for w in name_key(m.text).split()}

    def common(m: Mention) -> bool:
        if m.canonical or m.label in RULER_LABELS or name_key(m.text) in name_words or m.text.lower() in body_names():
            return False
        if all(is_title(w) for w in m.text.replace("-", " ").split()):
            return True
        return " " not in m.text and not m.text.isupper() and m.text.lower() in lower
    return [m for m in mentions if not common(m)]


def propn_run(doc: Doc, i: int, taken: set[int], limit: int = 4) -> int:
    """The end of a run of untagged capitalised proper nouns from token ``i`` (particles allowed inside)."""
    j = i
    while j < len(doc) and j - i < limit + 1:
        tok = doc[j]
        if j in taken or tok.ent_type_:
            break
        if tok.pos_ == "PROPN" and tok.is_title and tok.is_alpha:
            j += 1
        elif tok.lower_ in NAME_PARTICLES and j + 1 < len(doc) and doc[j + 1].is_title and j > i:
            j += 1
        else:
            break
    while j > i and doc[j - 1].lower_ in NAME_PARTICLES:
        j -= 1
    return j


def titled_name(doc: Doc, tok: Token, taken: set[int], covered: set[int]) -> Span | None:
    """A name the model missed right after a title or role word: "lawmaker Dominic Ho", "Princess Layla"."""
    if tok.i == 0:
        return None
    prev = doc[tok.i - 1]
    address = prev.text[:1].isupper() and prev.lower_.rstrip(".") in address_words()
    if not (address or prev.is_lower and prev.lemma_.lower() in role_words()) or prev.pos_ not in ("NOUN", "PROPN"):
        return None
    end = propn_run(doc, tok.i, taken | covered)
    if end < len(doc) and doc[end].ent_type_ and doc[end].is_title:
        return None  # "President Alejandro [Lima]": the model took the rest for something else
    if end == tok.i or any(t.lower_ in body_words() or is_title(t.text) for t in doc[tok.i:end]):
        return None
    if end - tok.i == 1 and not address:
        return None  # one word after a lower-case role noun may be anything: "the agent Carter"
    return doc[tok.i:end]


def quoted_body_name(doc: Doc, tok: Token, taken: set[int]) -> Span | None:
    """A quoted name after a kind of body: "the Belgian newspaper 'Le Matin'", "the NGO "Clean Hands
    Now"" (the model often leaves such names untagged or takes them for titles of works)."""
    if tok.text not in QUOTES or tok.i == 0 or doc[tok.i - 1].lemma_.lower() not in organization_nouns():
        return None
    end = tok.i + 1
    while end < len(doc) and end - tok.i <= 7 and doc[end].text not in QUOTES:
        end += 1
    inner = doc[tok.i + 1:end]
    if end >= len(doc) or not len(inner) or not inner[0].text[:1].isupper() or any(t.i in taken for t in inner):
        return None
    if not all(t.text[:1].isupper() or t.lower_ in NAME_PARTICLES or t.is_stop for t in inner):
        return None
    return inner


def kind_named_body(doc: Doc, tok: Token, taken: set[int]) -> Span | None:
    """A body's name the model missed after a kind of body ("the nonprofit Norte Reportes") or before
    one in apposition ("K27, a Kyiv-based IT company")."""
    end = body_run(doc, tok.i, taken)
    if end == tok.i:
        return None
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.is_lower and prev.pos_ in ("NOUN", "ADJ") and prev.lemma_.lower() in organization_nouns():
        return doc[tok.i:end]
    if end < len(doc) and doc[end].text == ",":
        for t in doc[end + 1:end + 8]:  # ", the official Palestinian news agency"
            if t.is_punct and t.text != "-" or t.pos_ in ("VERB", "AUX", "ADP", "PRON"):
                break
            if t.is_lower and t.pos_ == "NOUN" and t.lemma_.lower() in organization_nouns():
                nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
                if nxt is None or nxt.is_punct:
                    return doc[tok.i:end]
    return None


def body_run(doc: Doc, i: int, taken: set[int], limit: int = 4) -> int:
    """The end of a run of untagged proper nouns or codes ("Norte Reportes", "K27") from token ``i``."""
    j = i
    while j < len(doc) and j - i < limit and j not in taken and not doc[j].ent_type_ and doc[j].pos_ == "PROPN" \
            and (doc[j].is_title or doc[j].is_upper or doc[j].text[:1].isupper() and any(c.isdigit() for c in doc[j].text)):
        j += 1
    return j


def speaking_name(doc: Doc, tok: Token) -> Span | None:
    """"Dmitry Sokolov denied ...": a full name the model missed, speaking."""
    first = tok.i
    while first > 0 and doc[first - 1].dep_ == "compound" and doc[first - 1].head.i == tok.i \
            and doc[first - 1].pos_ == "PROPN" and doc[first - 1].is_title and not doc[first - 1].ent_type_:
        first -= 1
    if tok.i - first in (1, 2) and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in reporting_lemmas() \
            and not any(is_title(doc[i].text) for i in range(first, tok.i + 1)):
        return doc[first:tok.i + 1]
    return None


def given_and_surname(doc: Doc, tok: Token, taken: set[int]) -> Span | None:
    """"Ana Ruiz and Tom Li": a common given name and a capitalised word after it, a name the model missed."""
    names = first_names()
    if tok.lower_ not in names["male"] and tok.lower_ not in names["female"] or tok.i + 1 >= len(doc):
        return None
    nxt = doc[tok.i + 1]
    if nxt.i in taken or nxt.ent_type_ or not nxt.is_title or nxt.pos_ != "PROPN" or not nxt.is_alpha \
            or is_title(nxt.text) or nxt.lower_ in body_words():
        return None
    if tok.i + 2 < len(doc) and doc[tok.i + 2].pos_ == "PROPN" and doc[tok.i + 2].is_title:
        return None  # "Pavel Andreevich Orlov": a longer name, the model's to tell
    return doc[tok.i:tok.i + 2]


def loose_mentions(parsed: list[tuple[int, Doc]], token_sentence: list[list[int]], taken: set[tuple[int, int]]) -> list[Mention]:
    """Names the model left untagged: full names after a title, quoted names after a kind of body and
    speaking full names are mentions; other capitalised proper nouns ("as Moltyn points out") are
    candidates that grouping keeps only if they are a spelling variant of a person of the document."""
    out: list[Mention] = []
    for piece, (offset, doc) in enumerate(parsed):
        here = {t for p, t in taken if p == piece}
        covered: set[int] | None = None
        for tok in doc:
            if tok.is_quote:
                found = quoted_body_name(doc, tok, here)
                if found is not None:
                    out.append(loose(doc, offset, piece, token_sentence, found, "ORG", "Organization"))
                    here.update(range(found.start, found.end))
                continue
            if tok.pos_ != "PROPN" or tok.ent_type_ or tok.i in here:
                continue
            found = kind_named_body(doc, tok, here)
            if found is not None:
                out.append(loose(doc, offset, piece, token_sentence, found, "ORG", "Organization"))
                here.update(range(found.start, found.end))
                continue
            if not tok.is_title:
                continue
            covered = title_phrase_tokens(doc) if covered is None else covered
            found = titled_name(doc, tok, here, covered) or speaking_name(doc, tok) or given_and_surname(doc, tok, here)
            if found is not None:
                out.append(loose(doc, offset, piece, token_sentence, found, "PERSON", "Person"))
                here.update(range(found.start, found.end))
                continue
            speaker = tok.dep_ == "nsubj" and tok.head.lemma_.lower() in reporting_lemmas() and len(tok) >= 3
            if len(tok) < 5 and not speaker or tok.dep_ not in ("nsubj", "nsubjpass", "poss", "pobj", "dobj", "conj"):
                continue  # short words are names only as speakers ("..., Lind said")
            out.append(Mention(text=tok.text, label="LOOSE", start=offset + tok.idx, end=offset + tok.idx + len(tok),
                               sentence=token_sentence[piece][tok.i], piece=piece, tokens=(tok.i,), surface=tok.text))
    return out


def loose(doc: Doc, offset: int, piece: int, token_sentence: list[list[int]], span: Span, label: str,
          kind: str) -> Mention:
    first = address_before(doc, span.start) if label == "PERSON" else span.start
    return Mention(text=span.text, label=label, start=offset + span.start_char, end=offset + span.end_char,
                   sentence=token_sentence[piece][span.start], piece=piece, tokens=tuple(range(span.start, span.end)),
                   kind_hint=kind, surface=clean_surface(doc[first:span.end].text))


def sentence_year(text: str) -> list[str]:
    """Four-digit years (1900-2099) named in a text."""
    return sorted(set(re.findall(r"\b(19\d\d|20\d\d)\b", text)))


def split_joined_surnames(mentions: list[Mention]) -> list[Mention]:
    """"Vega and Lopez" taken for one name: two people when each word ends a name the document
    gives elsewhere. Keeps the order of the mentions."""
    surnames = {m.text.split()[-1] for m in mentions if " and " not in m.text and m.text[:1].isupper()
                and (m.label in ("PERSON", "LOOSE") or len(m.text.split()) == 2)}
    out: list[Mention] = []
    for m in mentions:
        words = m.text.split()
        if len(words) == 3 and words[1] == "and" and words[0] in surnames and words[2] in surnames and len(m.tokens) == 3:
            first, last = words[0], words[2]
            out.append(replace(m, text=first, label="PERSON", end=m.start + len(first), tokens=m.tokens[:1],
                               canonical=None, kind_hint="Person", surface=first))
            out.append(replace(m, text=last, label="PERSON", start=m.end - len(last), tokens=m.tokens[2:],
                               canonical=None, kind_hint="Person", surface=last))
            continue
        out.append(m)
    return out
