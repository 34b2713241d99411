"""Surgery on the model's name spans: the small model swallows titles ("KGB Major Yuri Shvets"),
possessives ("Mussayev's"), neighbouring names ("the National Security Committee Alnur Mussayev") and
parts of titles of office ("Home" of "Home Secretary"); these functions cut a span back to a name."""
from __future__ import annotations

from functools import cache, partial

from spacy.tokens import Doc, Span, Token

from ..schema import lexicon_words
from .countries import country_of
from .names import DETERMINERS, is_demonym, is_title

ROLE_SPLIT = frozenset({"major", "general", "colonel", "spokesman", "spokeswoman", "director", "chief", "chairman",
                        "agent", "officer", "minister", "president", "ambassador", "lieutenant", "captain"})
ORDINAL_WORDS = {"1st": "First", "2nd": "Second", "3rd": "Third", "4th": "Fourth", "5th": "Fifth", "6th": "Sixth",
                 "7th": "Seventh", "8th": "Eighth", "9th": "Ninth", "10th": "Tenth", "11th": "Eleventh", "12th": "Twelfth"}
POSSESSIVES = ("'s", "’s", "´s")
TRAILING_GLUE = {"and", "or", "and/or", "of", "the", "for", "&"}  # "Garza Molina and/or" ends at "Molina"
TRAILING_ROLES = {"executive", "chief", "chairman", "chairwoman", "president", "director", "spokesman",
                  "spokeswoman", "secretary", "minister", "head", "founder", "ceo", "editor"}
# lower-case words that join the parts of a personal name ("Omar bin Tariq", "Sanne in 't Hout")
NAME_PARTICLES = frozenset({"bin", "bint", "ibn", "al", "el", "de", "del", "da", "dos", "van", "von", "der", "den",
                            "le", "la", "di", "du", "ben", "abu", "y"})

agency_words = partial(lexicon_words, "agency_words", "words")
organization_nouns = partial(lexicon_words, "agency_words", "organization_nouns")
institution_words = partial(lexicon_words, "agency_words", "institution_words")
honorific_words = partial(lexicon_words, "titles", "honorifics")
address_words = partial(lexicon_words, "titles", "address")


@cache
def body_words() -> frozenset[str]:
    """Words of names of bodies, never of people."""
    return agency_words() | organization_nouns() | institution_words()


@cache
def title_phrases() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Multi-word titles by first word, longest first: {"home": (("home", "secretary"),)}."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for phrase in lexicon_words("titles", "phrases") | {a for a in address_words() if " " in a}:
        words = tuple(phrase.replace("-", " ").split())
        by_first.setdefault(words[0], []).append(words)
    return {first: tuple(sorted(set(p), key=len, reverse=True)) for first, p in by_first.items()}


def phrase_at(doc: Doc, i: int, phrases: dict[str, tuple[tuple[str, ...], ...]]) -> int:
    """The end (exclusive) of the longest listed phrase starting at token ``i``, or ``i`` when none does;
    hyphens between words are skipped ("attorney-general")."""
    for words in phrases.get(doc[i].lower_.rstrip("."), ()):
        j, k = i, 0
        while j < len(doc) and k < len(words):
            if doc[j].text == "-":
                j += 1
                continue
            if doc[j].lower_.rstrip(".") != words[k]:
                break
            j, k = j + 1, k + 1
        if k == len(words):
            return j
    return i


def title_phrase_tokens(doc: Doc) -> set[int]:
    """Indices of tokens inside multi-word titles of office ("Secretary of State", "Tan Sri"); worked out
    once per parsed piece."""
    cached = doc.user_data.get("graphbuild_title_tokens")
    if cached is None:
        cached = doc.user_data["graphbuild_title_tokens"] = tuple(sorted(_title_phrase_tokens(doc)))
    return set(cached)


def _title_phrase_tokens(doc: Doc) -> set[int]:
    phrases = title_phrases()
    out: set[int] = set()
    end = 0
    for tok in doc:
        if tok.i >= end and tok.lower_.rstrip(".") in phrases:
            end = phrase_at(doc, tok.i, phrases)
            out.update(range(tok.i, end))
    return out


def is_honorific(doc: Doc, i: int) -> int:
    """How many tokens from ``i`` form a form of address that only people bear ("Mr", "Tan Sri"), or 0."""
    low = doc[i].lower_.rstrip(".")
    if low in honorific_words():
        return 1
    end = phrase_at(doc, i, title_phrases())
    return end - i if end > i and " ".join(t.lower_ for t in doc[i:end]) in honorific_words() else 0


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


def trim(span: Span, person: bool = True, covered: frozenset[int] | set[int] = frozenset()) -> tuple[Span, bool]:
    """Drop leading determiners, titles before a person's name (single title words and the words of a
    title of office in ``covered``) and trailing possessives/punctuation; say if a title was dropped."""
    start, end = span.start, span.end
    doc = span.doc
    titled = False
    while start < end - 1:
        tok = doc[start]
        low = tok.lower_
        if low in DETERMINERS or tok.is_punct:
            start += 1
        elif person and start in covered and doc[start + 1].text[:1].isupper():
            titled = True
            start += 1
        elif person and is_title(tok.text) and tok.ent_type_ not in ("AGENCY", "ORGANIZATION") and doc[start + 1].text[:1].isupper():
            titled = True
            start += 1
        else:
            break
    while end > start + 1 and (doc[end - 1].text in POSSESSIVES + ("'", "’") or doc[end - 1].is_punct
                               or doc[end - 1].lower_ in TRAILING_GLUE):
        if doc[end - 1].text == "-" and end - 1 > start + 1 and not doc[end - 2].whitespace_:
            end -= 1  # "Fox Executive Co-" [Chairman]: the span was cut inside a word
        end -= 1
    while not person and end > start + 1 and doc[end - 1].lower_ in TRAILING_ROLES:
        end -= 1  # "Fox News Channel Chief" [Executive Dan Mercer]
    return doc[start:end], titled


def with_surname(span: Span) -> Span:
    """"Bill [O’Reilly]" when the model tagged only the first name: take the untagged surname too."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is None or not nxt.text[:1].isupper() or nxt.ent_type_ or is_title(nxt.text) or span[-1].whitespace_ == "":
        return span
    # a surname the tagger took for another word keeps an apostrophe or a hyphen inside ("O’Reilly")
    odd = nxt.pos_ != "PROPN" and any(c in nxt.text[1:-1] for c in "'’-") and nxt.text[0].isalpha()
    if odd or nxt.pos_ == "PROPN" and span[-1].dep_ == "compound" and span[-1].head.i == nxt.i:
        return doc[span.start:span.end + 1]
    return span


def with_first_name(span: Span) -> Span:
    """"Marina [Litvinenko]" when the model tagged only the surname: take the untagged first name too,
    so she is not taken for another Litvinenko."""
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    if (prev is not None and prev.pos_ == "PROPN" and prev.is_title and not prev.ent_type_ and prev.dep_ == "compound"
            and prev.head.i == span.end - 1 and not is_title(prev.text) and prev.lower_ not in DETERMINERS):
        return doc[span.start - 1:span.end]
    return span


def looks_like_person_name(tokens: Span) -> bool:
    """Two to four capitalised words, none of them a word of a body's name: "Martin Lau"."""
    words = [t for t in tokens if t.lower_ not in NAME_PARTICLES]
    return (2 <= len(words) <= 4 and all(t.text[:1].isupper() and t.is_alpha for t in words)
            and not any(t.lower_ in body_words() or is_title(t.text) for t in words))


def looks_like_person_name_words(text: str) -> bool:
    """The same test on a written name: "Eva Baker" yes, "Harbour Party" no."""
    words = [w for w in text.split() if w.lower() not in NAME_PARTICLES]
    return (2 <= len(words) <= 4 and all(w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha() for w in words)
            and not any(w.lower() in body_words() or is_title(w) for w in words))


def split_at_possessive(span: Span) -> list[tuple[Span, str | None]]:
    """"Prescott's Morning Truth" -> [Prescott, Morning Truth (ORG)]; "the Harbour Party's Martin Lau" ->
    [Harbour Party, Martin Lau (PERSON)]: what a party or company "has" with a person's name is its member."""
    if country_of(span.text):
        return [(span, None)]  # "the People's Republic of China" is one place
    for tok in span[:-1]:
        if tok.text in POSSESSIVES and tok.i > span.start:
            owned = span.doc[tok.i + 1:span.end]
            owner = span.doc[span.start:tok.i]
            if len(owned) <= 2 and owned[-1].lower_ in agency_words() | organization_nouns():
                return [(span, None)]  # "the Federal Prosecutor's Office" is one name
            owner_is_body = owner[-1].lower_ in body_words() or owner.text.isupper()
            label = "PERSON" if owner_is_body and looks_like_person_name(owned) else "ORG"
            return [(owner, None), (owned, label)]
    return [(span, None)]


def split_org_person(span: Span, label: str) -> list[Span]:
    """"the National Security Committee Alnur Mussayev" -> [National Security Committee, Alnur Mussayev];
    "Senate Foreign Relations" and "Harbour Town Police District" stay whole (their tail is no person's name),
    and so does "the NGO Clean Hands" (a kind of body before a name is not a body's name)."""
    first = span.start
    while first < span.end and span.doc[first].lower_ in DETERMINERS:
        first += 1
    for tok in reversed(span[:-1]):
        if tok.lower_ in ROLE_SPLIT or tok.i > first and tok.lower_ in agency_words() | organization_nouns():
            rest = span.doc[tok.i + 1:span.end]
            if not (1 <= len(rest) <= 3 and all(t.pos_ == "PROPN" and t.text[:1].isupper()
                                                and t.lower_ not in body_words() for t in rest)):
                return [span]
            if tok.lower_ in ROLE_SPLIT:
                # "Director Robert Mueller": the title is not a name; "IAAF President X": the body before it is
                before = span.doc[first:tok.i]
                keep = len(before) and any(t.text[:1].isupper() and not is_title(t.text) for t in before)
                return [before, rest] if keep else [rest]
            if len(rest) >= 2 or label == "PERSON":
                return [span.doc[span.start:tok.i + 1], rest]
            return [span]
    return [span]


TITLE_CUES = {"call", "title", "entitle", "name", "dub", "book", "film", "novel", "memoir", "documentary", "series"}
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
    if len(capitals) < needed or sum(not t.ent_type_ and not t.is_stop for t in capitals) < common:
        return False
    # a title is announced ("a book called ...", quotes) or the model saw one in the run
    before = doc[start - 1] if start > 0 else None
    return (any(t.ent_type_ == "WORK_OF_ART" for t in doc[start:end])
            or before is not None and (before.is_quote or before.lemma_.lower() in TITLE_CUES))


def in_shouting(span: Span) -> bool:
    """A span inside an all-capitals run ("SIX DAYS OF THE CONDOR") is emphasis, not a name."""
    doc = span.doc
    around = [t for t in doc[max(span.start - 2, 0):min(span.end + 2, len(doc))] if t.is_alpha]
    return len(around) >= 3 and all(t.is_upper for t in around)


def address_before(doc: Doc, start: int) -> int:
    """Where the forms of address right before a name begin ("President", "Tan Sri", "Judge"), or ``start``."""
    phrases = title_phrases()
    i = start
    for _ in range(2):
        found = None
        for j in (i - 1, i - 2, i - 3):
            if j < 0:
                break
            if phrase_at(doc, j, phrases) == i and " ".join(t.lower_ for t in doc[j:i]) in address_words():
                found = j
                break
        if found is None and i > 0 and doc[i - 1].text[:1].isupper() and doc[i - 1].lower_.rstrip(".") in address_words():
            found = i - 1
        if found is None:
            break
        i = found
    return i


def person_after_address(span: Span, covered: set[int]) -> bool:
    """Whether a span the model took for a body opens with a form of address and goes on with a name:
    "Mr Halloran", "Crown Prince Omar bin Tariq"."""
    doc = span.doc
    i = span.start
    while i < span.end - 1 and doc[i].lower_ in DETERMINERS:
        i += 1
    if is_demonym(doc[i].text) and looks_like_person_name(doc[i + 1:span.end]):
        return True  # "the Belgian Karel Dewulf"
    n = is_honorific(doc, i)
    if n:
        rest = doc[i + n:span.end]
        return len(rest) >= 1 and all(t.text[:1].isupper() and t.lower_ not in body_words() for t in rest
                                      if t.lower_ not in NAME_PARTICLES and t.text not in POSSESSIVES)
    if i in covered or doc[i].lower_.rstrip(".") in address_words():
        j = i
        while j < span.end and (j in covered or doc[j].lower_.rstrip(".") in address_words()):
            j += 1
        return looks_like_person_name(doc[j:span.end])
    return False


def split_at_commas(span: Span) -> list[Span]:
    """"Lumen Technologies, Summit Mortgage" (a list the model took for one name) -> two names; a legal
    form after a comma stays ("Grupo Norvia, C.A."), and so does a list inside a name."""
    doc = span.doc
    commas = [t.i for t in span if t.text == ","]
    if not commas or any(t.lower_ in ("of", "on", "for", "and", "&") for t in doc[span.start:commas[0]]):
        return [span]  # "Committee on Science, Space and Technology" is one name
    parts, start = [], span.start
    for i in commas + [span.end]:
        part = doc[start:i]
        if parts and (not len(part) or part[0].lower_.rstrip(".") in company_suffixes() or not part[0].text[:1].isupper()):
            return [span]
        parts.append(part)
        start = i + 1
    return [p for p in parts if len(p)]


company_suffixes = partial(lexicon_words, "agency_words", "company_suffixes")
