"""Quotation marks: which tokens stand inside a quote, and which quote (numbered per document piece).

News quotes are often unbalanced: a quote that runs over several paragraphs opens every paragraph
and closes only the last one, and straight marks do not say whether they open or close. So a line
break ends every quote, curly marks nest, and a straight mark toggles.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

OPENERS = frozenset({"“", "«", "„", "‘"})
CLOSERS = frozenset({"”", "»"})
STRAIGHT = frozenset({'"', "'", "’", "`", "``", "''"})
QUOTE_MARKS = OPENERS | CLOSERS | STRAIGHT


@dataclass(frozen=True, slots=True)
class QuoteMap:
    """For every token of one Doc: the number of the quote it is part of (marks included), or -1."""

    quote_of: tuple[int, ...]

    def inside(self, i: int) -> bool:
        return self.quote_of[i] >= 0

    def quote(self, i: int) -> int:
        return self.quote_of[i]


def mark_kind(tok) -> str | None:
    """"open", "close" or "toggle" for a quotation mark token, else None. Straight and single marks are
    read by the tagger's quote tags (`` and ''), so an apostrophe or a possessive is never a quote."""
    t = tok.text
    if t in ("“", "«", "„"):
        return "open"
    if t in ("”", "»"):
        return "close"
    if t in STRAIGHT or t == "‘":
        if tok.tag_ == "``":
            return "open"
        if tok.tag_ == "''":
            return "close"
        return "toggle" if t == '"' else None
    return None


def quote_map(doc: Doc, first_number: int = 0) -> tuple[QuoteMap, int]:
    """The quotes of a Doc, numbered from ``first_number``; also the next free number."""
    out: list[int] = []
    depth = 0
    number = first_number - 1
    for tok in doc:
        if tok.is_space and "\n" in tok.text:
            depth = 0
            out.append(-1)
            continue
        kind = mark_kind(tok)
        if kind == "toggle":
            kind = "close" if depth > 0 else "open"
        if kind == "open":
            if depth == 0:
                number += 1
            depth += 1
            out.append(number)
        elif kind == "close":
            if depth > 0:
                out.append(number)
                depth -= 1
            else:
                out.append(-1)  # a closing mark with no opening one: the quote began before the text
        else:
            out.append(number if depth > 0 else -1)
    return QuoteMap(tuple(out)), number + 1


def quoted_share(qmap: QuoteMap, start: int, end: int) -> float:
    """The share of the tokens in [start, end) that stand inside quotes."""
    if end <= start:
        return 0.0
    return sum(1 for i in range(start, end) if qmap.quote_of[i] >= 0) / (end - start)
