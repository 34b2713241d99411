"""MEMBER_OF: a person stated to be or have been a member, officer, employee, chief or agent of a body.

Read from role phrases around a name (``roles``: "former KGB Major Yuri Shvets", "X, a spokesman for Y",
"Y's chief executive X", "X of Y"), from predicates ("X was an officer in the KGB's Sixth Directorate",
"X is a former judge and head of the charity Clean Hands", "X served as chairman of Y") and from verbs of
membership with their own prepositions ("X joined / left / worked for / headed Y", "who served in Y",
"the party once helmed by X"). A subject is found through pronouns, relative pronouns and appositions
("the wife of Tom Hale, Clara Hale, works for the BBC"). Not a membership: an alleged recruitment
(no recruit verb counts), a hedged one ("is believed to be a member"), a question ("whether ..."),
a body that only backs someone ("the Kremlin-backed leader"), a person's lawyer.
"""
from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from ..schema import lexicon, lexicon_words
from .context import DocContext
from .roles import (Membership, bracketed_memberships, former_words, is_body, is_person,
                    leading_memberships, named_memberships, noun_memberships, of_memberships, orgs_in,
                    owned_body_memberships, person_before_comma, possessive_memberships, prefix_memberships,
                    title_bodies, trailing_memberships)

__all__ = ["Membership", "sentence_memberships"]
RELATIVES = {"who", "whom", "that", "which"}
SUBJECT_DEPS = ("nsubj", "nsubjpass")
HEDGES = {"believe", "allege", "suspect", "accuse", "rumor", "rumour", "claim", "reportedly", "allegedly", "purportedly"}


@cache
def verb_objects() -> dict[str, frozenset[str]]:
    """Membership verbs and how each names the body: "dobj" or its prepositions ("work": for, at, in ...)."""
    return {verb: frozenset(preps) for verb, preps in lexicon()["roles"]["verb_objects"].items()}


def described_person(ctx: DocContext, piece: int, noun: Token) -> int | None:
    """The person a noun stands for: a name, its name in apposition ("the wife of X, Clara Hale"), the
    name it is in apposition to ("Viktor Sorokin, a former officer"), the subject of its copula."""
    lid = ctx.entity_of(piece, noun)
    if is_person(ctx, lid):
        return lid
    for c in noun.children:
        if c.dep_ == "appos" and is_person(ctx, ctx.entity_at.get((piece, c.i))):
            return ctx.entity_at[(piece, c.i)]
    # "the wife of former Prime Minister Tom Hale, Clara Hale, works ...": the parse hangs the name that
    # says who the noun is on the person of its "of" phrase
    for of in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for g in (g for g in of.children if g.dep_ == "pobj"):
            for a in (a for a in g.children if a.dep_ == "appos"):
                lid = ctx.entity_at.get((piece, a.i))
                if is_person(ctx, lid) and lid != ctx.entity_at.get((piece, g.i)):
                    return lid
    if noun.dep_ == "appos" and is_person(ctx, ctx.entity_of(piece, noun.head)):
        return ctx.entity_of(piece, noun.head)
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        return next((lid for s in noun.head.children if s.dep_ in SUBJECT_DEPS
                     for lid in [ctx.entity_of(piece, s)] if is_person(ctx, lid)), None)
    return None


def person_of(ctx: DocContext, piece: int, tok: Token) -> int | None:
    """The person a subject token stands for, through "who" to the noun of its clause."""
    if tok.lower_ in RELATIVES and tok.head.dep_ == "relcl":
        return described_person(ctx, piece, tok.head.head)
    return described_person(ctx, piece, tok)


def member_subject(ctx: DocContext, piece: int, verb: Token) -> int | None:
    """Who a membership verb is said of: its subject, the subject of the clause it depends on ("began
    working at"), or the owner of the noun it describes ("his nine years working for the NSA")."""
    tok = verb
    for _ in range(3):
        subjects = [c for c in tok.children if c.dep_ in SUBJECT_DEPS]
        for subj in subjects:
            lid = person_of(ctx, piece, subj)
            if lid is not None:
                return lid
        if subjects:
            return None
        if tok.dep_ == "acl":
            owner = next((c for c in tok.head.children if c.dep_ == "poss"), None)
            lid = ctx.entity_of(piece, owner) if owner is not None else None
            return lid if is_person(ctx, lid) else None
        if tok.dep_ not in ("xcomp", "conj", "advcl") or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def body_of(ctx: DocContext, piece: int, noun: Token) -> list[int]:
    """The bodies a noun names: a name and the names conjoined with it ("the NSA and CIA"), or the name
    it is in apposition with ("Unity, the party ...")."""
    found = []
    for t in [noun, *noun.conjuncts]:
        lid = ctx.entity_at.get((piece, t.i))
        if is_body(ctx, lid):
            found.append(lid)
        elif t.dep_ == "appos" and is_body(ctx, ctx.entity_at.get((piece, t.head.i))):
            found.append(ctx.entity_at[(piece, t.head.i)])
        else:
            found += [ctx.entity_at[(piece, c.i)] for c in t.children if c.dep_ in ("appos", "compound")
                      and is_body(ctx, ctx.entity_at.get((piece, c.i)))]
    return list(dict.fromkeys(found))


def passive_bodies(ctx: DocContext, piece: int, verb: Token) -> list[int]:
    """The bodies a passive membership verb is said of: its subject, through "which" to its noun."""
    out = []
    for subj in (c for c in verb.children if c.dep_ == "nsubjpass"):
        noun = subj.head.head if subj.lower_ in RELATIVES and subj.head.dep_ == "relcl" else subj
        out += body_of(ctx, piece, noun)
    return out


def verb_memberships(ctx: DocContext, piece: int, verb: Token) -> list[Membership]:
    """"X joined the FSB", "X worked for the NSA and CIA", "who served in the KGB's First Chief Directorate",
    "the union once helmed by Mr Halloran"."""
    lemma = verb.lemma_.lower()
    ways = verb_objects().get(lemma)
    if ways is None:
        return []
    former = lemma in lexicon_words("roles", "former_verbs") or any(
        t.lower_ in former_words() | {"previously", "once"} for t in verb.children if t.i < verb.i)
    agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if agents:  # "the union once helmed by Mr Halloran", "Daltrex, which was founded by X"
        people = [lid for a in agents for lid in [described_person(ctx, piece, a)] if lid is not None]
        bodies = body_of(ctx, piece, verb.head) if verb.dep_ == "acl" else passive_bodies(ctx, piece, verb)
        return [Membership(p, org, f"{verb.text} by", lemma, former) for p in people[:1] for org in bodies]
    person = member_subject(ctx, piece, verb)
    if person is None:
        return []
    objects = [c for c in verb.children if c.dep_ in ("dobj", "attr") and "dobj" in ways]
    objects += [g for c in verb.children if c.dep_ in ("prep", "agent") and c.lower_ in ways
                for g in c.children if g.dep_ == "pobj"]
    out = []
    for obj in objects:
        if obj.lower_ in ("it", "them"):
            continue
        orgs = body_of(ctx, piece, obj) or ([] if obj.pos_ == "PROPN" else orgs_in(ctx, piece, list(obj.subtree), {person})[:1])
        out += [Membership(person, org, f"{verb.text} {obj.text}", lemma, former or lemma in ("serve", "work") and verb.tag_ == "VBD")
                for org in orgs]
        if obj.dep_ == "pobj" and obj.head.lower_ == "as":
            out += noun_memberships(ctx, piece, obj, person)  # "served as chairman of the bank"
    return out


def predicate_memberships(ctx: DocContext, piece: int, noun: Token) -> list[Membership]:
    """A role noun said of the subject of a copula, with its conjuncts: "X was an officer in the GRU",
    "X is a former judge and head of the charity Clean Hands"."""
    if noun.dep_ not in ("attr", "oprd") or noun.pos_ != "NOUN":
        return []
    person = member_subject(ctx, piece, noun.head) if noun.head.pos_ in ("AUX", "VERB") else None
    if person is None:
        return []
    return [m for n in [noun, *noun.conjuncts] if n.pos_ == "NOUN" for m in noun_memberships(ctx, piece, n, person)]


def appos_memberships(ctx: DocContext, piece: int, doc, tok: Token) -> list[Membership]:
    """An apposition between a name and a role noun, in either order."""
    a = ctx.entity_of(piece, tok.head)
    b = ctx.entity_at.get((piece, tok.i))
    if a is not None and tok.tag_ != "NNS":
        # "Chen and Novak, a former FBI agent": the parse hangs the description on the first
        # name of the pair; a singular one describes the name right before its comma.
        nearest = person_before_comma(ctx, piece, doc, tok.left_edge.i)
        a = a if nearest is None else nearest
    if is_person(ctx, a):
        people = [a] + [lid for c in tok.head.conjuncts for lid in [ctx.entity_at.get((piece, c.i))] if is_person(ctx, lid)]
        cue = f"{tok.head.text}, {tok.text}"
        if is_body(ctx, b) and tok.lower_ in lexicon_words("roles", "party_members"):
            return [Membership(p, b, cue, "member", False) for p in people]  # "X and Y, both Democrats"
        if tok.tag_ in ("NNS", "NNPS") and any(c.lower_ in ("both", "all") for c in tok.children):
            return [Membership(p, org, cue, title, False, True) for org, title in title_bodies(ctx, [tok]) for p in people]
        return noun_memberships(ctx, piece, tok, a)
    if is_person(ctx, b):
        return noun_memberships(ctx, piece, tok.head, b)
    return []


def name_memberships(ctx: DocContext, piece: int, sent: Span, tok: Token, lid: int) -> list[Membership]:
    """Role phrases around one name: before it, after its comma, "of" a body, in brackets."""
    doc = sent.doc
    last = tok.i
    while last + 1 < sent.end and ctx.entity_at.get((piece, last + 1)) == lid:
        last += 1
    return (prefix_memberships(ctx, piece, doc, lid, tok.i) + trailing_memberships(ctx, piece, doc, lid, last)
            + leading_memberships(ctx, piece, doc, lid, tok.i, last) + of_memberships(ctx, piece, doc[last], lid)
            + bracketed_memberships(ctx, piece, doc, lid, tok.i, last) + named_memberships(ctx, piece, doc[last], lid))


def excluded_tokens(sent: Span) -> set[int]:
    """Tokens of questions and suppositions ("whether ...", "if ..."), hedged clauses ("is believed to
    be"), and what a recruit verb says of its object ("the KGB recruited him as an agent")."""
    out: set[int] = set()
    for tok in sent:
        if tok.dep_ == "mark" and tok.lower_ in ("whether", "if"):
            clause = tok.head
            out.update(range(clause.left_edge.i, clause.right_edge.i + 1))
        lemma = tok.lemma_.lower()
        if lemma in HEDGES and tok.pos_ in ("VERB", "ADV") or lemma == "recruit" and tok.pos_ == "VERB":
            verb = tok if tok.pos_ == "VERB" else tok.head
            keep = {t.i for c in verb.children if c.dep_ in SUBJECT_DEPS for t in c.subtree}
            out.update(i for i in range(verb.left_edge.i, verb.right_edge.i + 1) if i not in keep)
    return out


def sentence_memberships(ctx: DocContext, piece: int, sent: Span) -> list[Membership]:
    """All memberships a sentence states."""
    doc = sent.doc
    out: list[Membership] = []
    done: set[int] = set()
    excluded = excluded_tokens(sent)
    for tok in sent:
        if tok.i in excluded:
            continue
        if tok.dep_ == "poss" and tok.head.pos_ == "PROPN":
            out += possessive_memberships(ctx, piece, tok)
        lid = ctx.entity_at.get((piece, tok.i))
        if is_person(ctx, lid) and lid not in done and (tok.i == sent.start or ctx.entity_at.get((piece, tok.i - 1)) != lid):
            done.add(lid)
            out += name_memberships(ctx, piece, sent, tok, lid)
        if tok.dep_ == "appos":
            out += appos_memberships(ctx, piece, doc, tok)
        if tok.pos_ == "NOUN":
            out += owned_body_memberships(ctx, piece, tok)
        out += predicate_memberships(ctx, piece, tok)
        if tok.dep_ == "pobj" and tok.pos_ == "NOUN" and tok.head.lower_ == "as" and tok.head.head.lemma_.lower() not in verb_objects():
            person = member_subject(ctx, piece, tok.head.head)
            if person is not None:
                out += noun_memberships(ctx, piece, tok, person)  # "known as a KGB agent"
        if tok.pos_ in ("VERB", "AUX"):
            out += verb_memberships(ctx, piece, tok)
    out = [m for m in out if m.person != m.org and is_person(ctx, m.person)]
    said = {m.person for m in out if not m.by_title}
    return _first_per_pair([m for m in out if not m.by_title or m.person not in said])


def _first_per_pair(found: list[Membership]) -> list[Membership]:
    """One membership per (person, organisation) in a sentence: the first way it was found."""
    seen: set[tuple[int, int]] = set()
    out = []
    for m in found:
        if (m.person, m.org) not in seen:
            seen.add((m.person, m.org))
            out.append(m)
    return out
