"""Official releases: a press release, statement or fact sheet speaks for the body that issued it.

In a release the issuer rarely repeats its name: "He smuggled cocaine for the cartel", "we are
aware that the Vornex Group hacked hospitals in Europe" are the issuing body's own claims. A document
is read as a release when its first lines say so ("News Release", "Press Release", "For Immediate
Release", "Statement by", "Fact Sheet") or when its narrative speaks in the first person plural outside
quotes; the issuer is the agency or organisation its opening names, the one the document mentions most
among them.
"""
from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Span

from .context import FIRST_PLURAL, DocContext

HEADER = re.compile(r"\b(press|news|media) release\b|\bfor immediate release\b|^\s*(joint )?statement (by|from|of)\b"
                    r"|\bfact sheet\b|\breadout\b", re.IGNORECASE | re.MULTILINE)
OPENING_SENTENCES = 4
AUTHOR_VERBS = frozenset({"write", "argue"})
MIN_FIRST_PERSON = 8  # first-person pronouns outside quotes that make a narrative a column
GOVERNMENT_WORDS = frozenset({"administration", "government", "cabinet", "presidency", "kremlin"})
FIRST_PERSON_SHARE = 1 / 150  # "we"/"our" outside quotes per word, for a release with no header


def issuing_body(ctx: DocContext, spans: list[tuple[int, Span, int]], text: str) -> int | None:
    """The body a release speaks for, or the author a column speaks for; None for a document that is
    neither."""
    author = column_author(ctx, spans)
    if author is not None:
        return author
    opening = [s for s in ctx.sentences[:OPENING_SENTENCES + 2]]
    header = any(HEADER.search(s.text) for s in opening)
    if not header and not speaks_as_we(ctx, spans):
        return None
    if not header:
        # a government's "we" ("the United States and our partners are exposing ..."): its administration
        governments = [lid for lid, ent in enumerate(ctx.entities) if ent.label == "Agency" and ctx.mentioned.get(lid)
                       and set(ent.name.lower().split()) & GOVERNMENT_WORDS]
        if governments:
            # the administration in office before the state's permanent name ("United States Government"),
            # which a release also uses for others ("the PRC Government")
            return max(governments, key=lambda lid: ("administration" in ctx.entities[lid].name.lower(),
                                                     ctx.mentioned.get(lid, 0), -lid))
    named: list[int] = []
    for piece, sent, index in spans[:OPENING_SENTENCES]:
        for tok in sent:
            lid = ctx.entity_at.get((piece, tok.i))
            if lid is not None and ctx.label(lid) in ("Agency", "Organization") and ctx.first_token.get((piece, tok.i)):
                named.append(lid)
    for s in opening[:2]:  # the headline and a header line are headings, not body sentences
        for lid, ent in enumerate(ctx.entities):
            if ent.label in ("Agency", "Organization") and ctx.mentioned.get(lid) and names_in(ctx, lid, s.text):
                named.append(lid)
    # "ODNI News Release No. 31-24": the header line names its issuer
    lines = [line for line in text[:ctx.sentences[min(len(ctx.sentences), OPENING_SENTENCES + 2) - 1].end].splitlines()
             if HEADER.search(line)] if ctx.sentences else []
    in_header = [lid for line in lines for lid in named if names_in(ctx, lid, line)]
    if in_header:
        named = in_header
    if not named:
        return None
    counts = Counter(named)
    # a state body before an organisation: releases are mostly governments' and agencies'
    return max(counts, key=lambda lid: (ctx.label(lid) == "Agency", ctx.mentioned.get(lid, 0), counts[lid], -lid))


def column_author(ctx: DocContext, spans: list[tuple[int, Span, int]]) -> int | None:
    """A column or op-ed argues in its author's voice: a narrative in the first person singular whose
    author the page names ("PETER HITCHENS argues ...", "..., writes Jane Roe") speaks for the author."""
    if first_person_share(ctx, spans, ("i", "me", "my", "mine", "myself")) < MIN_FIRST_PERSON:
        return None
    authors: Counter[int] = Counter()
    for piece, (_, doc) in enumerate(ctx.parsed):
        for tok in doc:
            if tok.lemma_.lower() not in AUTHOR_VERBS or ctx.inside_quote(piece, tok.i):
                continue
            for subj in (c for c in tok.children if c.dep_ == "nsubj"):
                lid = ctx.entity_at.get((piece, subj.i))
                if lid is not None and ctx.label(lid) == "Person":
                    authors[lid] += 1
    # the author writes; the people a column discusses are named more often than its byline
    named = [lid for lid in authors if ctx.mentioned.get(lid, 0) <= authors[lid] + 2]
    return max(named, key=lambda lid: (authors[lid], -lid)) if named else None


def first_person_share(ctx: DocContext, spans: list[tuple[int, Span, int]], pronouns: tuple[str, ...]) -> int:
    """How many first-person pronouns of these the narrative (outside quotes) holds."""
    return sum(1 for piece, sent, _ in spans for tok in sent
               if tok.lower_ in pronouns and not ctx.inside_quote(piece, tok.i))


def names_in(ctx: DocContext, lid: int, text: str) -> bool:
    ent = ctx.entities[lid]
    return any(re.search(r"\b" + re.escape(n) + r"\b", text) for n in {ent.name, *ent.aliases} if len(n) > 2)


def speaks_as_we(ctx: DocContext, spans: list[tuple[int, Span, int]]) -> bool:
    """A narrative in the first person plural and never in the singular (a blog or a column says "I";
    a government statement says "we"), with no quoted speaker."""
    words = plural = singular = quoted = 0
    for piece, sent, _ in spans:
        for tok in sent:
            if ctx.inside_quote(piece, tok.i):
                quoted += 1
                continue
            if tok.is_alpha:
                words += 1
                plural += tok.lower_ in FIRST_PLURAL
                singular += tok.lower_ in ("i", "me", "my", "mine", "myself")
    return plural >= 5 and plural >= words * FIRST_PERSON_SHARE and singular == 0 and quoted <= words / 50
