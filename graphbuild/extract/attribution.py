"""Who says what: reporting verbs with their subjects, "according to X", "X's claim", and the stance
each expresses, with negation and hedging; then the acts each source's words allege."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from ..schema import lexicon
from .claims import ActCue, find_acts, is_negated, normalise
from .context import DocContext

STANCE_OF_LIST = {"alleges": "ALLEGES", "corroborates": "CORROBORATES", "disputes": "DISPUTES"}


@dataclass(frozen=True)
class Attribution:
    """A source's statement in a sentence: the stance its cue expresses and the tokens it covers."""

    source: int
    stance: str
    cue: str
    piece: int
    content: tuple[int, int]  # token range [start, end) of what the source put forward
    negated: bool = False


@cache
def cue_lemmas() -> dict[str, str]:
    stance = lexicon()["stance"]
    return {lemma: STANCE_OF_LIST[key] for key in ("alleges", "corroborates", "disputes") for lemma in stance[key]}


def phrase_stance(text: str) -> str | None:
    """A stance carried by a phrase of the sentence ("found no evidence", "backed up"), if any."""
    stance = lexicon()["stance"]
    low = normalise(text)
    if any(p in low for p in stance["dispute_phrases"]):
        return "DISPUTES"
    if any(p in low for p in stance["corroborate_phrases"]):
        return "CORROBORATES"
    return None


def no_stance(text: str) -> bool:
    low = normalise(text)
    return any(p in low for p in lexicon()["stance"]["no_stance"])


def subtree_range(tok: Token, skip: Token | None = None) -> tuple[int, int]:
    """The token range a verb's clause covers, without its subject."""
    toks = [t.i for t in tok.subtree if skip is None or t not in set(skip.subtree)]
    return (min(toks), max(toks) + 1) if toks else (tok.i, tok.i + 1)


def attributions(ctx: DocContext, piece: int, sent: Span) -> list[Attribution]:
    """Every (source, stance, content) a sentence states; unnamed sources are dropped."""
    out: list[Attribution] = []
    lemmas = cue_lemmas()
    if no_stance(sent.text):
        return out
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") and lemma in lemmas:
            lid, subj = ctx.subject_of(piece, tok)
            if lid is None or ctx.label(lid) == "Place":
                continue
            negated = any(c.dep_ == "neg" for c in tok.children)
            start, end = subtree_range(tok, subj)
            out.append(Attribution(lid, lemmas[lemma], tok.text, piece, (start, end), negated))
        elif tok.lower_ == "according" and tok.i + 1 < sent.end and tok.doc[tok.i + 1].lower_ == "to":
            target = next((c for c in tok.doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            lid = ctx.entity_of(piece, target) if target is not None else None
            if lid is not None and ctx.label(lid) != "Place":
                out.append(Attribution(lid, "ALLEGES", "according to", piece, (sent.start, sent.end)))
    return out


def stance_for(att: Attribution, sentence_text: str, act_negated: bool) -> str | None:
    """The stance of one attribution on one act: negation cancels or flips, phrases refine."""
    base = att.stance
    phrase = phrase_stance(sentence_text)
    if att.negated:
        # "did not confirm" / "did not deny" carry no stance; "did not say" neither
        return None
    if base == "ALLEGES" and (act_negated or phrase == "DISPUTES"):
        return "DISPUTES"
    if base == "ALLEGES" and phrase == "CORROBORATES":
        return "CORROBORATES"
    return base


def acts_in(att: Attribution, ctx: DocContext) -> list[ActCue]:
    doc = ctx.parsed[att.piece][1]
    return find_acts(list(doc[att.content[0]:att.content[1]]))


@dataclass(frozen=True)
class ClaimReference:
    """A stance on another source's claim named by a noun: "backed up Mussayev's claims"."""

    source: int
    owner: int | None  # None: "denied the accusations", the document's main claim
    stance: str
    cue: str


def claim_references(ctx: DocContext, piece: int, sent: Span) -> list[ClaimReference]:
    """Stances pointed at what another named source claimed, with no act named in the sentence."""
    nouns = set(lexicon()["stance"]["claim_nouns"])
    out: list[ClaimReference] = []
    for tok in sent:
        if tok.lemma_.lower() not in nouns or tok.pos_ != "NOUN":
            continue
        owner_tok = next((c for c in tok.children if c.dep_ in ("poss", "amod", "nmod", "compound")
                          and (piece, c.i) in ctx.entity_at), None)
        owner = ctx.entity_at[(piece, owner_tok.i)] if owner_tok is not None else None
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        if tok.dep_ in ("nsubj", "nsubjpass") and verb.head.i != verb.i and verb.dep_ == "ccomp":
            verb = verb.head  # "Levin said the accusations were baseless": the speaker of the clause
        source, _ = ctx.subject_of(piece, verb, exclude={owner} if owner is not None else set())
        if source is None or source == owner or ctx.label(source) == "Place":
            continue
        lemma = verb.lemma_.lower()
        stance = cue_lemmas().get(lemma)
        phrase = phrase_stance(sent.text)
        negated = any(c.dep_ == "neg" for c in verb.children)
        if phrase == "DISPUTES" or stance == "DISPUTES" and not negated:
            kind = "DISPUTES"
        elif (phrase == "CORROBORATES" or stance == "CORROBORATES") and not negated:
            kind = "CORROBORATES"
        else:
            continue
        if owner is None and not (stance in ("DISPUTES", "CORROBORATES") or phrase == "DISPUTES"):
            continue  # an unowned "the accusations" needs a verb or phrase that takes a stance on it
        out.append(ClaimReference(source, owner, kind, f"{verb.text} … {tok.text}"))
    return out


__all__ = ["Attribution", "ClaimReference", "attributions", "claim_references", "stance_for", "acts_in", "is_negated"]
