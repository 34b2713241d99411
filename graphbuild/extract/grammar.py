"""Grammar shared by the statement and claim readers: negation, supposition, refusals, token ranges,
the stance class of a verb of saying, and the tagger's known slips."""
from __future__ import annotations

from spacy.tokens import Span, Token

from .vocab import has_act_word, words

STANCE_CLASSES = (("alleges", "ALLEGES"), ("corroborates", "CORROBORATES"), ("disputes", "DISPUTES"))


def mistagged_verb(tok: Token) -> bool:
    """A verb of saying the tagger took for a noun next to a quotation mark ("'alleging he had ...")."""
    return tok.pos_ == "NOUN" and tok.lower_.endswith(("ing", "ed")) and any(c.dep_ == "ccomp" for c in tok.children)


def names_an_act(noun: Token) -> bool:
    """Whether a noun phrase names an act one can be accused of ("the hacking", "bribery"), not a
    thing ("her contributions", "the timing")."""
    ids = [t.i for t in noun.subtree]
    return has_act_word(noun.doc, min(ids), max(ids) + 1)


def cue_class(tok: Token) -> str | None:
    lemma = tok.lemma_.lower()
    for key, stance in STANCE_CLASSES:
        if lemma in words("cues", key):
            return stance
    return None


def is_negated(tok: Token) -> bool:
    """A negated verb: "did not say", "never confirmed", "no one denied"; a conjunct shares its head's
    negation through "nor" or "or" ("never demanded nor received a bribe")."""
    if _own_negation(tok):
        return True
    if tok.dep_ == "conj" and tok.head.i != tok.i:
        cc = {c.lower_ for c in tok.children if c.dep_ == "cc"} | {c.lower_ for c in tok.head.children if c.dep_ == "cc"}
        if "nor" in cc or ("or" in cc and _own_negation(tok.head)):
            return True
    return False


def _own_negation(tok: Token) -> bool:
    for child in tok.children:
        if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ in ("never", "hardly", "nowhere")):
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in ("nobody", "none", "noone"):
            return True
    return False


def misattached_conjunct(tok: Token) -> bool:
    """"did not say whether ... but did say that ...": the parser joins the second verb to the first
    one's clause, though it repeats the first verb and has its own auxiliary."""
    return tok.dep_ == "conj" and tok.head.dep_ == "ccomp" and tok.head.head.lemma_ == tok.lemma_ \
        and any(c.dep_ == "aux" for c in tok.children)


def is_supposed(tok: Token, sent: Span) -> bool:
    """A verb inside "if ...", "whether ...", "had X done", or a question: a supposition, not a claim."""
    for t in [tok, *list(tok.ancestors)[:3]]:
        if any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in t.children):
            return True
        aux = [c for c in t.children if c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "were", "should")]
        subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if aux and subj and aux[0].i < subj[0].i and t.i > aux[0].i:
            return True
        if t.dep_ in ("ccomp", "xcomp", "conj", "advcl", "relcl") and t.head.i != t.i and not misattached_conjunct(t):
            continue
        break
    last = sent[-1] if sent[-1].text.strip() else sent[-2] if len(sent) > 1 else sent[-1]
    return last.text == "?" and tok.sent.root.i == tok.i


def lost_main_verb(verb: Token) -> bool:
    """"Cole, 41, charged in a lawsuit that ...": the small model made the name the root and the
    verb its modifier; the verb is the sentence's main verb, the name its subject."""
    return verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and verb.head.pos_ == "PROPN" and not any(
        c.dep_ == "agent" for c in verb.children)


def declined(tok: Token) -> bool:
    """"declined to comment", "refused to confirm", "threatened to sue": a cue inside a refusal or an
    intention takes no stance."""
    head = tok.head
    return tok.dep_ == "xcomp" and head.lemma_.lower() in ("decline", "refuse", "fail", "want", "plan", "hope", "expect", "threaten", "vow", "promise")


def token_range(tok: Token, skip: frozenset[int] = frozenset()) -> tuple[int, int]:
    """The token range of a token's subtree, leaving out the subtrees of the tokens in ``skip``."""
    left_out = {t.i for s in tok.subtree if s.i in skip for t in s.subtree}
    toks = [t.i for t in tok.subtree if t.i not in left_out]
    return (min(toks), max(toks) + 1) if toks else (tok.i, tok.i + 1)
