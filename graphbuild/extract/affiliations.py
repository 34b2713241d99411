"""MEMBER_OF from titles before a name ("former KGB Major Yuri Shvets"), appositions ("Susan Miller, a
retired CIA official", by the parse or, where the parse lost it, by its surface), predicates ("was an
officer in the KGB's Sixth Directorate", "headed the Committee") and membership verbs. An alleged recruitment is not a membership: no recruit verb counts."""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from spacy.tokens import Doc, Span, Token

from ..schema import lexicon_words
from .context import DocContext
from .names import is_title

ORG_LABELS = ("Agency", "Organization")


@dataclass(frozen=True)
class Membership:
    person: int
    org: int
    cue: str
    role: str
    former: bool


role_words = partial(lexicon_words, "roles", "words")
former_words = partial(lexicon_words, "roles", "former")
membership_verbs = partial(lexicon_words, "roles", "verbs")


def orgs_in(ctx: DocContext, piece: int, tokens: list[Token], exclude: set[int]) -> list[int]:
    seen: list[int] = []
    for t in tokens:
        lid = ctx.entity_at.get((piece, t.i))
        if lid is not None and lid not in exclude and lid not in seen and ctx.label(lid) in ORG_LABELS:
            seen.append(lid)
    return seen


def describe(tokens: list[Token], ctx: DocContext, piece: int) -> tuple[str, bool]:
    """The role words of a description ("Major General") and whether it is a former role."""
    role = [t.text for t in tokens if (piece, t.i) not in ctx.entity_at and (t.lower_ in role_words() or is_title(t.text))
            and t.lower_ not in former_words() and t.pos_ in ("NOUN", "PROPN")]
    former = any(t.lower_.rstrip("-") in former_words() or t.lower_.startswith("ex-") for t in tokens)
    return " ".join(role), former


def prefix_memberships(ctx: DocContext, piece: int, doc: Doc, person: int, first: int) -> list[Membership]:
    """Title words right before a name: "Kremlin spokesman Dmitry Peskov"."""
    start = first
    while start > 0 and first - start < 7:
        t = doc[start - 1]
        if t.is_punct and t.text not in ("-",) or t.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "SCONJ", "PRON") or t.is_space:
            break
        if t.text in ("'s", "’s"):
            break
        start -= 1
    window = list(doc[start:first])
    if not any(t.lower_ in role_words() or is_title(t.text) and t.pos_ in ("NOUN", "PROPN") for t in window):
        return []
    role, former = describe(window, ctx, piece)
    if not role:
        return []
    return [Membership(person, org, " ".join(t.text for t in window), role, former)
            for org in orgs_in(ctx, piece, window, {person})]


def noun_memberships(ctx: DocContext, piece: int, noun: Token, person: int) -> list[Membership]:
    """A role noun said of a person, with an organisation in its phrase: "a former CIA official"."""
    if noun.lower_ not in role_words() and noun.lemma_.lower() not in role_words():
        return []
    tokens = [t for t in noun.subtree if not (t.dep_ == "relcl" or any(a.dep_ == "relcl" for a in t.ancestors if a.i != noun.i and noun.left_edge.i <= a.i <= noun.right_edge.i))]
    tokens = [t for t in tokens if ctx.entity_at.get((piece, t.i)) != person]
    orgs = orgs_in(ctx, piece, tokens, {person})
    if not orgs:
        return []
    role, former = describe([t for t in tokens if t.i <= noun.i], ctx, piece)
    phrase = noun.doc[min(t.i for t in tokens):max(t.i for t in tokens) + 1].text
    return [Membership(person, org, phrase, role or noun.text, former) for org in orgs[:2]]


APPOSITION_OPENERS = frozenset({"a", "an", "another", "the"})


def person_before_comma(ctx: DocContext, piece: int, doc: Doc, i: int) -> int | None:
    """The person named right before the comma that precedes token ``i``, if any."""
    if i < 2 or doc[i - 1].text != ",":
        return None
    lid = ctx.entity_at.get((piece, doc[i - 2].i))
    return lid if lid is not None and ctx.label(lid) == "Person" else None


def trailing_memberships(ctx: DocContext, piece: int, doc: Doc, person: int, last: int) -> list[Membership]:
    """A description right after a name and a comma, read from its surface: "Mike Sellers, another former
    CIA Russia hand we talked with". The small model often parses such a phrase as a clause of its own;
    the surface is safe enough when the phrase opens with an article or "former" and ends on a role noun."""
    if last + 1 >= len(doc) or doc[last + 1].text != ",":
        return []
    window: list[Token] = []
    for t in doc[last + 2:last + 10]:
        if (t.is_punct and t.text != "-") or t.is_space or t.pos_ in ("VERB", "AUX", "ADP", "PRON", "CCONJ", "SCONJ"):
            break
        window.append(t)
    if not window or (window[0].lower_ not in APPOSITION_OPENERS and window[0].lower_ not in former_words()):
        return []
    head = window[-1]
    if head.lower_ not in role_words() or head.pos_ not in ("NOUN", "PROPN") or (piece, head.i) in ctx.entity_at:
        return []
    role, former = describe(window, ctx, piece)
    phrase = doc[window[0].i:head.i + 1].text
    return [Membership(person, org, phrase, role or head.text, former) for org in orgs_in(ctx, piece, window, {person})[:2]]


def supposed_tokens(sent: Span) -> set[int]:
    """Tokens inside "whether ..." or "if ..." clauses: questions and suppositions, not statements."""
    out: set[int] = set()
    for mark in sent:
        if mark.dep_ == "mark" and mark.lower_ in ("whether", "if"):
            clause = mark.head
            out.update(range(clause.left_edge.i, clause.right_edge.i + 1))
    return out


def sentence_memberships(ctx: DocContext, piece: int, sent: Span) -> list[Membership]:
    """All memberships a sentence states."""
    doc = sent.doc
    out: list[Membership] = []
    if any(t.lemma_.lower() == "recruit" for t in sent):
        return out
    done: set[int] = set()
    supposed = supposed_tokens(sent)
    for tok in sent:
        if tok.i in supposed:
            continue
        if tok.dep_ == "poss" and tok.head.pos_ == "PROPN":
            owner = ctx.entity_at.get((piece, tok.i))
            owned = ctx.entity_at.get((piece, tok.head.i))
            if owner is not None and owned is not None and owner != owned and ctx.label(owner) == "Person" \
                    and ctx.label(owned) == "Organization":
                # "Prescott's Morning Truth": a person's own outlet or company ("Putin's FSB" is control, not this)
                out.append(Membership(owner, owned, f"{tok.text}'s {tok.head.text}", "", False))
        lid = ctx.entity_at.get((piece, tok.i))
        if lid is not None and ctx.label(lid) == "Person" and lid not in done and (tok.i == sent.start or ctx.entity_at.get((piece, tok.i - 1)) != lid):
            done.add(lid)
            out += prefix_memberships(ctx, piece, doc, lid, tok.i)
            last = tok.i
            while last + 1 < sent.end and ctx.entity_at.get((piece, last + 1)) == lid:
                last += 1
            out += trailing_memberships(ctx, piece, doc, lid, last)
        if tok.dep_ == "appos":
            a = ctx.entity_of(piece, tok.head)
            b = ctx.entity_at.get((piece, tok.i))
            if a is not None and tok.tag_ != "NNS":
                # "Chen and Novak, a former FBI agent": the parse hangs the description on the first
                # name of the pair; a singular one describes the name right before its comma.
                nearest = person_before_comma(ctx, piece, doc, tok.left_edge.i)
                a = a if nearest is None else nearest
            if a is not None and ctx.label(a) == "Person":
                out += noun_memberships(ctx, piece, tok, a)
            elif b is not None and ctx.label(b) == "Person":
                out += noun_memberships(ctx, piece, tok.head, b)
        if tok.dep_ in ("attr", "pobj") and tok.pos_ == "NOUN":
            verb = tok.head if tok.dep_ == "attr" else tok.head.head
            if tok.dep_ == "pobj" and tok.head.lower_ != "as":
                continue
            person, _ = ctx.subject_of(piece, verb)
            if person is not None and ctx.label(person) == "Person":
                out += noun_memberships(ctx, piece, tok, person)
        if tok.pos_ == "VERB" and tok.lemma_.lower() in membership_verbs():
            person, _ = ctx.subject_of(piece, tok)
            if person is None or ctx.label(person) != "Person":
                continue
            objs = [c for c in tok.children if c.dep_ in ("dobj", "attr")]
            objs += [g for c in tok.children if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "for", "at", "with", "to")
                     for g in c.children if g.dep_ == "pobj"]
            for obj in objs:
                orgs = orgs_in(ctx, piece, list(obj.subtree), {person})
                former = any(t.lower_ in former_words() or t.lower_ in ("previously", "once") for t in tok.subtree if t.i < tok.i)
                out += [Membership(person, org, f"{tok.text} {obj.text}", tok.lemma_, former or tok.tag_ == "VBD") for org in orgs[:1]]
    return _first_per_pair(out)


def _first_per_pair(found: list[Membership]) -> list[Membership]:
    """One membership per (person, organisation) in a sentence: the first way it was found."""
    seen: set[tuple[int, int]] = set()
    out = []
    for m in found:
        if (m.person, m.org) not in seen:
            seen.add((m.person, m.org))
            out.append(m)
    return out
