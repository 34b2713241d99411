"""Alleged acts: which words of a clause name an act of the lexicon, and who the act is about."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from ..schema import lexicon
from .context import DocContext, PRONOUNS


@dataclass(frozen=True)
class ActCue:
    act: str
    cue: str
    token: int  # token index in the piece (start of the match)


@cache
def act_table() -> list[tuple[str, frozenset[str], tuple[str, ...], tuple[re.Pattern, ...]]]:
    """(act, words, stems, phrase patterns) in the lexicon's order of precedence."""
    table = []
    for act, entries in lexicon()["allegation"]["acts"].items():
        words = frozenset(e for e in entries if " " not in e and not e.endswith("*"))
        stems = tuple(e[:-1] for e in entries if e.endswith("*"))
        phrases = tuple(re.compile(r"\b" + re.escape(e) + r"\b") for e in entries if " " in e)
        table.append((act, words, stems, phrases))
    return table


def normalise(text: str) -> str:
    return text.lower().replace("’", "'").replace("‘", "'")


def find_acts(tokens: list[Token]) -> list[ActCue]:
    """Every act named in these tokens (in order), at most one cue per act."""
    if not tokens:
        return []
    doc = tokens[0].doc
    first, last = tokens[0].i, tokens[-1].i
    text = normalise(doc[first:last + 1].text)
    base = doc[first].idx
    found: dict[str, ActCue] = {}
    forms = [(tok, tok.lower_, tok.lemma_.lower()) for tok in tokens]
    for act, words, stems, phrases in act_table():
        for tok, low, lemma in forms:
            if low in words or lemma in words or (stems and low.startswith(stems)):
                found.setdefault(act, ActCue(act, tok.text, tok.i))
                break
        if act in found:
            continue
        for pattern in phrases:
            match = pattern.search(text)
            if match:
                char = base + match.start()
                tok = next((t for t in tokens if t.idx >= char), tokens[0])
                found[act] = ActCue(act, match.group(0), tok.i)
                break
    return sorted(found.values(), key=lambda c: c.token)


def is_negated(tok: Token) -> bool:
    """Whether the act word or the verb it hangs from is negated ("was not recruited", "never spied")."""
    for t in (tok, tok.head, tok.head.head):
        if any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("advmod", "det") for c in t.children):
            return True
        if t.pos_ in ("VERB", "AUX") and t.i != tok.i:
            break
    return False


def is_hypothetical(tok: Token) -> bool:
    """An act inside "if ...", "whether ..." or "had the KGB recruited him" is a supposition, not a claim."""
    verb = tok
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    for t in [verb, *verb.ancestors][:3]:
        if any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in t.children):
            return True
        aux = [c for c in t.children if c.dep_ in ("aux", "auxpass") and c.lower_ == "had"]
        subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if aux and subj and aux[0].i < subj[0].i:
            return True
    return False


MAX_SUBJECTS = 3
AGENT_ACTS = {"cover_up", "collusion", "interference", "poisoning", "espionage", "sabotage", "corruption", "hacking", "sanctions"}


def act_verb(ctx: DocContext, piece: int, cue: ActCue) -> Token | None:
    """The verb that carries the act word: itself, or the verb its noun hangs from ("was behind any sabotage")."""
    verb = ctx.parsed[piece][1][cue.token]
    for _ in range(3):  # from the act noun through its preposition to the verb
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i or verb.dep_ not in ("pobj", "prep", "dobj", "attr", "compound"):
            break
        verb = verb.head
    return verb if verb.pos_ in ("VERB", "AUX") else None


def unnamed_doer(ctx: DocContext, piece: int, cue: ActCue) -> bool:
    """Whether an act one commits has a doer that names no one: "the Russian government conducted influence
    operations to help Trump" alleges nothing about Trump, who is only the beneficiary."""
    verb = act_verb(ctx, piece, cue)
    if verb is None or cue.act not in AGENT_ACTS:
        return False
    doers = [c for c in verb.children if c.dep_ == "nsubj"]
    return bool(doers) and all(d.pos_ in ("NOUN", "PROPN") and not any((piece, t.i) in ctx.entity_at for t in d.subtree)
                               for d in doers)


def argument_subjects(ctx: DocContext, piece: int, cue: ActCue, exclude: set[int]) -> list[int]:
    """Entities that are grammatical arguments of the act word: the doer for acts one commits
    ("the FSB covered up"), the target for acts done to someone ("recruited Trump")."""
    verb = act_verb(ctx, piece, cue)
    if verb is None:
        return []
    deps = ("nsubj",) if cue.act in AGENT_ACTS else ("dobj", "nsubjpass")
    found = []
    for child in verb.children:
        if child.dep_ in deps:
            for tok in (child, *child.conjuncts):
                lid = ctx.entity_of(piece, tok, exclude=exclude)
                if lid is None:
                    lid = ctx.described(piece, tok)  # "the campaign" after "the Trump campaign"
                if lid is None or lid in exclude or lid in found:
                    continue
                if ctx.label(lid) != "Place" or cue.act in AGENT_ACTS:  # "Moscow was behind the sabotage"
                    found.append(lid)
    return found


def claim_subjects(ctx: DocContext, piece: int, span: Span, cue: ActCue, source: int | None) -> tuple[int, ...]:
    """The named person (else agency or organisation) the act is about: the one nearest the act word in
    the clause, not the source; a pronoun stands for the last person named other than the source."""
    exclude = {source} if source is not None else set()
    direct = argument_subjects(ctx, piece, cue, exclude)
    if direct and any(ctx.label(lid) != "Place" for lid in direct):
        return tuple(direct[:MAX_SUBJECTS])
    if not direct and unnamed_doer(ctx, piece, cue):
        return ()
    candidates: list[tuple[int, int, int, int]] = []  # (rank, distance, lid, token)
    for tok in span:
        lid = ctx.entity_at.get((piece, tok.i))
        if lid is None and tok.lower_ in PRONOUNS:
            lid = ctx.antecedent(piece, tok.i, exclude=exclude)
        if lid is None or lid in exclude:
            continue
        label = ctx.label(lid)
        if label == "Place":
            continue  # a place is a subject only as the grammatical doer (above)
        rank = 0 if label == "Person" else 1
        candidates.append((rank, abs(tok.i - cue.token), lid, tok.i))
    if not candidates:
        return tuple(direct[:MAX_SUBJECTS])  # only a place did it ("Moscow was behind ...")
    best = min(candidates)
    doc = ctx.parsed[piece][1]
    subjects = [best[2]]
    for tok in doc[best[3]].conjuncts:  # "Alexander Petrov and Ruslan Boshirov"
        lid = ctx.entity_at.get((piece, tok.i))
        if lid is not None and lid not in exclude and lid not in subjects and ctx.label(lid) == ctx.label(best[2]):
            subjects.append(lid)
    return tuple(subjects[:MAX_SUBJECTS])
