"""Sentences and name mentions of one parsed document: spans cleaned, split and given context hints.

The small model's spans swallow titles ("KGB Major Yuri Shvets"), possessives ("Mussayev's") and
neighbouring names ("the National Security Committee Alnur Mussayev"); this module undoes that and
records what the context says of a name's type, leaving the type decision to the resolver.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, partial

from spacy.tokens import Doc, Span, Token

from ..schema import lexicon, lexicon_words
from .model import Mention, Sentence
from .names import DETERMINERS, clean_surface, is_demonym, is_title


@cache
def reporting_lemmas() -> frozenset[str]:
    stance = lexicon()["stance"]
    return frozenset(stance["alleges"]) | frozenset(stance["corroborates"]) | frozenset(stance["disputes"])


NAME_LABELS = {"PERSON", "ORG", "AGENCY", "ORGANIZATION", "NORP", "GPE", "LOC", "FAC", "WORK_OF_ART"}
ROLE_SPLIT = frozenset({"major", "general", "colonel", "spokesman", "spokeswoman", "director", "chief", "chairman",
                        "agent", "officer", "minister", "president", "ambassador", "lieutenant", "captain"})
ORDINAL_WORDS = {"1st": "First", "2nd": "Second", "3rd": "Third", "4th": "Fourth", "5th": "Fifth", "6th": "Sixth",
                 "7th": "Seventh", "8th": "Eighth", "9th": "Ninth", "10th": "Tenth", "11th": "Eleventh", "12th": "Twelfth"}


agency_words = partial(lexicon_words, "agency_words", "words")
place_abbreviations = partial(lexicon_words, "places", "abbreviations")
organization_nouns = partial(lexicon_words, "agency_words", "organization_nouns")


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


def directorate_name(span: Span) -> str | None:
    """Canonical "KGB Sixth Directorate" for any written form of a service's numbered directorate."""
    words = [t.text for t in span if t.text not in ("'s", "’s", "the", "of", "The")]
    ordinal = next((w for w in words if w.lower() in ORDINAL_WORDS or w.lower().endswith(("th", "st", "nd", "rd"))), None)
    if ordinal is None or not any(w.lower() in ("directorate", "department", "division") for w in words):
        return None
    ordinal_word = ORDINAL_WORDS.get(ordinal.lower(), ordinal.capitalize())
    parent = next((w for w in words if w.isupper() and len(w) > 1 and w.lower() not in ORDINAL_WORDS), None)
    rest = [w.capitalize() for w in words if w not in (ordinal, parent)]
    name = " ".join([ordinal_word, *rest])
    return f"{parent} {name}" if parent else name


def trim(span: Span, person: bool = True) -> tuple[Span, bool]:
    """Drop leading determiners and titles and trailing possessives/punctuation; say if a title was dropped."""
    start, end = span.start, span.end
    doc = span.doc
    titled = False
    while start < end - 1:
        tok = doc[start]
        low = tok.lower_
        if low in DETERMINERS or tok.is_punct:
            start += 1
        elif person and is_title(tok.text) and tok.ent_type_ not in ("AGENCY", "ORGANIZATION") and doc[start + 1].text[:1].isupper():
            titled = True
            start += 1
        else:
            break
    while end > start + 1 and (doc[end - 1].text in ("'s", "’s", "'", "’") or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end], titled


def with_first_name(span: Span) -> Span:
    """"Marina [Litvinenko]" when the model tagged only the surname: take the untagged first name too,
    so she is not taken for another Litvinenko."""
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    if (prev is not None and prev.pos_ == "PROPN" and prev.is_title and not prev.ent_type_ and prev.dep_ == "compound"
            and prev.head.i == span.end - 1 and not is_title(prev.text) and prev.lower_ not in DETERMINERS):
        return doc[span.start - 1:span.end]
    return span


def split_at_possessive(span: Span) -> list[Span]:
    """"Prescott's Morning Truth" -> [Prescott, Morning Truth]."""
    for tok in span[:-1]:
        if tok.text in ("'s", "’s") and tok.i > span.start:
            owned = span.doc[tok.i + 1:span.end]
            if len(owned) <= 2 and owned[-1].lower_ in agency_words() | organization_nouns():
                return [span]  # "the Federal Prosecutor's Office" is one name
            return [span.doc[span.start:tok.i], owned]
    return [span]


def split_org_person(span: Span) -> list[Span]:
    """"the National Security Committee Alnur Mussayev" -> [National Security Committee, Alnur Mussayev]."""
    for tok in reversed(span[:-1]):
        if tok.lower_ in agency_words() | organization_nouns() | ROLE_SPLIT:
            rest = span.doc[tok.i + 1:span.end]
            if 1 <= len(rest) <= 3 and all(t.pos_ == "PROPN" and t.text[:1].isupper()
                                           and t.lower_ not in agency_words() | organization_nouns() for t in rest):
                if tok.lower_ in ROLE_SPLIT:
                    return [rest]  # "Director Robert Mueller": the title is not a name
                return [span.doc[span.start:tok.i + 1], rest]
            return [span]
    return [span]


def context_kind(span: Span) -> str | None:
    """What the surrounding words say: "the magazine Gordon" (Organization), "the agency" (Agency)."""
    head = span.root
    neighbours: list[Token] = []
    if head.dep_ == "appos":
        neighbours.append(head.head)
    neighbours += [c for c in head.children if c.dep_ in ("appos", "compound") and c.i < span.start or c.dep_ == "appos"]
    for tok in neighbours:
        lemma = tok.lemma_.lower()
        if lemma in organization_nouns() and lemma not in agency_words():
            return "Organization"
        if lemma in agency_words():
            return "Agency"
        if lemma in lexicon()["roles"]["words"] or is_title(tok.text):
            return "Person"
    return None


TITLE_GLUE = {"of", "the", "and", "a", "an", "how", "to", "in", "for", "with", "on", "at", "by", "from", "or",
              ",", ":", "-", "'s", "’s"}


def in_work_title(span: Span, needed: int = 6, common: int = 3) -> bool:
    """Whether a span sits in a long run of capitalised words, several of them no name, as in the title
    of a book or film (a list of names such as "The Times, The Post and the Globe" is no title)."""
    doc = span.doc

    def part(tok: Token) -> bool:
        return tok.lower_ in TITLE_GLUE or tok.is_alpha and tok.text[:1].isupper()

    start, end = span.start, span.end
    while start > 0 and part(doc[start - 1]):
        start -= 1
    while end < len(doc) and part(doc[end]):
        end += 1
    capitals = [t for t in doc[start:end] if t.is_alpha and t.text[:1].isupper()]
    return len(capitals) >= needed and sum(not t.ent_type_ and not t.is_stop for t in capitals) >= common


def in_shouting(span: Span) -> bool:
    """A span inside an all-capitals run ("SIX DAYS OF THE CONDOR") is emphasis, not a name."""
    doc = span.doc
    around = [t for t in doc[max(span.start - 2, 0):min(span.end + 2, len(doc))] if t.is_alpha]
    return len(around) >= 3 and all(t.is_upper for t in around)


def candidate_spans(doc: Doc) -> Iterable[tuple[Span, str, bool]]:
    """(span, label, titled) for every name-like entity, after splitting and trimming."""
    for ent in doc.ents:
        label = ent.label_
        if label not in NAME_LABELS:
            continue
        if "\n" in ent.text and label not in ("AGENCY", "ORGANIZATION"):
            continue
        # a ruler match ("KGB's Sixth Directorate") is one name; the model's spans may hold two
        owner, *owned = [ent] if label in ("AGENCY", "ORGANIZATION") else split_at_possessive(ent)
        labelled = [(owner, label)] + [(p, "ORG") for p in owned]
        for part, part_label in labelled:
            pieces = split_org_person(part) if part_label in ("ORG", "PERSON", "FAC") else [part]
            for number, piece in enumerate(pieces):
                piece_label = "PERSON" if len(pieces) > 1 and number == len(pieces) - 1 else part_label
                span, titled = trim(piece, person=piece_label == "PERSON")
                if piece_label in ("PERSON", "ORG", "NORP") and len(span) == 1:
                    span = with_first_name(span)
                yield span, piece_label, titled


def keep(span: Span, label: str, text: str) -> bool:
    if not text or not any(c.isalpha() for c in text) or not text[0].isupper() and not text[0].isdigit():
        return False
    if is_demonym(text) and label not in ("AGENCY", "ORGANIZATION"):
        return False
    if label not in ("AGENCY", "ORGANIZATION") and in_shouting(span):
        return False
    return True


def find_mentions(parsed: list[tuple[int, Doc]], token_sentence: list[list[int]]) -> list[Mention]:
    """Every kept name mention of the document, in text order."""
    out: list[Mention] = []
    for piece, (offset, doc) in enumerate(parsed):
        for span, label, titled in candidate_spans(doc):
            text = clean_surface(span.text)
            if not keep(span, label, text):
                continue
            if text in place_abbreviations():
                label = "GPE"
            canonical = None
            if label in ("AGENCY", "ORGANIZATION"):
                canonical = directorate_name(span) or span.ent_id_ or doc[span.start].ent_id_ or None
                if canonical is None:
                    # a ruler id lives on the whole entity; recover it from the original span
                    canonical = next((e.ent_id_ for e in doc.ents if e.start <= span.start and span.end <= e.end and e.ent_id_), None)
            kind = "Person" if titled else context_kind(span)
            start = offset + span.start_char + span.text.find(text) if text in span.text else offset + span.start_char
            surface = text
            if titled and span.start > 0 and is_title(doc[span.start - 1].text) and doc[span.start - 1].text[:1].isupper():
                surface = f"{doc[span.start - 1].text} {text}"
            out.append(Mention(text=text, label=label, start=start, end=start + len(text),
                               sentence=token_sentence[piece][span.start], piece=piece,
                               tokens=tuple(range(span.start, span.end)), canonical=canonical,
                               kind_hint=kind, surface=surface, in_title=in_work_title(span)))
            unit = directorate_name(span) if label == "AGENCY" else None
            parent = next((t for t in span if unit and t.text == unit.split()[0] and t.text.isupper()), None)
            if parent is not None:
                # "the KGB's Sixth Directorate" names the KGB too
                out.append(Mention(text=parent.text, label="AGENCY", start=offset + parent.idx,
                                   end=offset + parent.idx + len(parent), sentence=token_sentence[piece][parent.i],
                                   piece=piece, tokens=(), canonical=parent.text, surface=parent.text))
    return out


def loose_mentions(parsed: list[tuple[int, Doc]], token_sentence: list[list[int]], taken: set[tuple[int, int]]) -> list[Mention]:
    """Capitalised proper nouns the model left untagged ("as Moltyn points out"): candidates that the
    resolver keeps only if they are a spelling variant of a person named in the same document."""
    out: list[Mention] = []
    speech = reporting_lemmas()
    for piece, (offset, doc) in enumerate(parsed):
        for tok in doc:
            if (piece, tok.i) in taken or tok.ent_type_ or tok.pos_ != "PROPN" or not tok.is_title:
                continue
            first = tok.i
            while first > 0 and doc[first - 1].dep_ == "compound" and doc[first - 1].head.i == tok.i \
                    and doc[first - 1].pos_ == "PROPN" and doc[first - 1].is_title and not doc[first - 1].ent_type_:
                first -= 1
            if tok.i - first in (1, 2) and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in speech \
                    and not any(is_title(doc[i].text) for i in range(first, tok.i + 1)):
                # "Dmitry Sokolov denied ...": a full name the model missed, speaking
                span = doc[first:tok.i + 1]
                out.append(Mention(text=span.text, label="PERSON", start=offset + span.start_char,
                                   end=offset + span.end_char, sentence=token_sentence[piece][tok.i], piece=piece,
                                   tokens=tuple(range(first, tok.i + 1)), surface=span.text))
                continue
            if len(tok) < 5:
                continue
            if tok.dep_ not in ("nsubj", "nsubjpass", "poss", "pobj", "dobj"):
                continue
            out.append(Mention(text=tok.text, label="LOOSE", start=offset + tok.idx, end=offset + tok.idx + len(tok),
                               sentence=token_sentence[piece][tok.i], piece=piece, tokens=(tok.i,), surface=tok.text))
    return out


def sentence_year(text: str) -> list[str]:
    """Four-digit years (1900-2099) named in a text."""
    return sorted(set(re.findall(r"\b(19\d\d|20\d\d)\b", text)))
