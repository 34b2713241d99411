"""Acts: the words that state an act, the category they name, whether they name a wrongdoing, and who
stands where a doer stands."""
from __future__ import annotations

import re
from functools import cache, lru_cache

from spacy.tokens import Doc, Token

from .vocab import act_categories, has_act_word, normalise, words

NESTED_CLAUSES = frozenset({"acl", "relcl", "advcl", "ccomp", "parataxis", "appos", "csubj", "nsubj", "nsubjpass"})


def dates_in(text: str) -> list[str]:
    """Four-digit years (1900-2099) named in a text."""
    return sorted(set(re.findall(r"\b(19\d\d|20\d\d)\b", text)))


def act_phrase(head: Token) -> list[Token]:
    """The words that state an act: the predicate with its objects, complements and modifiers, but
    not its subject nor the clauses nested in them ("returning billions seized in the hunt for money
    embezzled from 1MDB" names no act of the returner's)."""
    out = [head]
    todo = [c for c in head.children if c.dep_ not in NESTED_CLAUSES and not (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]
    while todo:
        tok = todo.pop()
        out.append(tok)
        todo += [c for c in tok.children if c.dep_ not in NESTED_CLAUSES and not (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]
    return sorted(out, key=lambda t: t.i)


def names_act(verb: Token) -> bool:
    """Whether a verb's own act phrase names a wrongdoing or an act of the categories."""
    tokens = act_phrase(verb)
    return has_act_word(verb.doc, tokens[0].i, tokens[-1].i + 1) if tokens else False


def doer_like(tok: Token) -> bool:
    """Whether a name stands where a doer stands: a subject, the owner of a noun ("X's hackers"), or a
    "by" agent; objects and "of"/"into"/"on" phrases hold victims."""
    head = tok
    while head.dep_ in ("compound", "flat", "appos") and head.head.i != head.i:
        head = head.head
    if head.dep_ == "poss":
        if head.head.lemma_.lower() in words("claims", "patient_nouns"):
            return False  # "his murder": his is the victim
        return doer_like(head.head) or head.head.dep_ not in ("pobj", "dobj", "nsubjpass", "appos", "conj")
        # "the phones of a lawyer for X's party": the owner of a victim's phrase is no doer
    if head.dep_ in ("nsubj", "csubj"):
        return True
    return head.dep_ == "pobj" and head.head.lower_ == "by"


def categorise(tokens: list[Token]) -> str | None:
    """The first act category (in the lexicon's order) named by these tokens."""
    if not tokens:
        return None
    if len(tokens) == 1:
        return word_category(tokens[0].text, tokens[0].lemma_)
    order = category_order()
    found = [word_category(t.text, t.lemma_) for t in tokens]
    best = min((order[name] for name in found if name), default=len(order))
    text = normalise(" ".join(t.text for t in sorted(tokens, key=lambda t: t.i)))
    for name, entries in act_categories()[:best]:  # a phrase of an earlier category still comes first
        if entries.text(text):
            return name
    return act_categories()[best][0] if best < len(order) else None


@cache
def category_order() -> dict[str, int]:
    return {name: n for n, (name, _) in enumerate(act_categories())}


@lru_cache(maxsize=65536)
def word_category(text: str, lemma: str) -> str | None:
    """The act category one word names (by its form or lemma), looked up once per word."""
    low, lemma = text.lower(), lemma.lower()
    for name, entries in act_categories():
        if low in entries.words or lemma in entries.words or (entries.stems and low.startswith(entries.stems)) \
                or entries.text(normalise(text), one_word=True):
            return name
    return None


def has_wrongdoing(doc: Doc, start: int, end: int) -> bool:
    """Whether a token range names a wrongdoing (the valence that makes a plain report a claim)."""
    return has_act_word(doc, start, end)
