"""Claims stated by a predicate rather than by a verb of doing: copulas ("X was a GRU operation", "X is
guilty", "he was part of a ring that took bribes"), findings about evidence or certainty ("there is no
evidence that ...", "no doubt that ...", "she was certain that ..."), the marks of a doer ("bore the
hallmarks of X") and sanctions that are no wrong of their own ("took action against ..."). A mixin of
:class:`graphbuild.extract.claims.ClaimReader`.
"""
from __future__ import annotations

from spacy.tokens import Token

from .acts import act_phrase, categorise
from .context import is_copula
from .grammar import is_negated
from .model import ClaimFound, Statement
from .vocab import words

MAX_SUBJECTS = 4
MARK_NOUNS = frozenset({"hallmark", "signature", "fingerprint", "trademark", "marking"})
DOUBT_NOUNS = frozenset({"doubt"})
EVIDENCE_NOUNS = frozenset({"evidence", "proof", "sign", "signs", "indication", "indications", "basis", "trace"})
CERTAINTY_ADJECTIVES = frozenset({"aware", "sure", "certain", "confident", "convinced", "clear", "satisfied"})
MEMBERSHIP_NOUNS = frozenset({"part", "member", "members", "operative", "agent", "leader", "head", "ringleader", "founder"})


class PredicateReader:
    """Readers of predicate claims; expects ClaimReader's ctx, parties, act_type, summary and clean."""

    def evidence_clause(self, tok: Token) -> tuple[Token, bool] | None:
        """"there is no evidence that X did Z", "found no evidence of Z", "evidence shows that Z":
        the clause the evidence is about, and whether it is denied."""
        wanted = EVIDENCE_NOUNS | DOUBT_NOUNS
        nouns = [tok] if tok.lemma_.lower() in wanted else []
        if is_copula(tok) or tok.lemma_ in ("find", "see", "have", "show", "provide", "offer", "present"):
            nouns += [c for c in tok.children if c.dep_ in ("attr", "dobj", "nsubj") and c.lemma_.lower() in wanted]
        for noun in nouns:
            denied = any(c.lower_ in ("no", "little", "insufficient", "scant") for c in noun.children) or is_negated(tok) \
                or any(c.dep_ == "neg" for c in noun.head.children)
            if noun.lemma_.lower() in DOUBT_NOUNS:
                denied = not denied  # "no doubt that X did it" affirms; "doubts that X did it" disputes
            for child in noun.children:
                if child.dep_ in ("acl", "ccomp", "relcl") and child.pos_ in ("VERB", "AUX"):
                    return child, denied
            for child in noun.children:
                if child.dep_ == "prep" and child.lower_ in ("of", "that", "for"):
                    obj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
                    if obj is not None:
                        return obj, denied
            clause = next((c for c in tok.children if c.dep_ in ("ccomp", "advcl", "conj") and c.pos_ in ("VERB", "AUX")
                           and c.i > noun.i and any(d.dep_ in ("nsubj", "nsubjpass") for d in c.children)), None)
            if clause is None:  # "evidence in the file that ...": the that-clause hangs lower, or on the verb
                clause = next((t for t in [*noun.subtree, *(t for t in tok.subtree if t.i > noun.i)]
                               if t.dep_ in ("acl", "relcl", "ccomp") and t.pos_ in ("VERB", "AUX")
                               and t.left_edge.lower_ == "that"), None)
            return clause, denied  # "did not find strong evidence in the file that ...", or nothing
        return None

    def certainty_clause(self, tok: Token) -> Token | None:
        """"we are aware that ...", "I am convinced that ...": the clause the speaker is sure of."""
        if not is_copula(tok) or any(c.lower_ == "it" and c.dep_ in ("nsubj", "expl") for c in tok.children):
            return None
        adjective = next((c for c in tok.children if c.dep_ == "acomp" and c.lemma_.lower() in CERTAINTY_ADJECTIVES), None)
        if adjective is None:
            return None
        return next((c for h in (adjective, tok) for c in h.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)

    def extraposed(self, tok: Token) -> tuple[Token | None, bool] | None:
        """"It is unlikely that Z" denies Z; "it's evident that Z" puts it forward."""
        if not is_copula(tok) or not any(c.lower_ == "it" and c.dep_ in ("nsubj", "expl") for c in tok.children):
            return None
        adjective = next((c for c in tok.children if c.dep_ == "acomp"), None)
        if adjective is None:
            return None
        doubting = adjective.lower_ in words("claims", "doubting_adjectives")
        if not doubting and adjective.lower_ not in words("claims", "asserting_adjectives"):
            return None
        clause = next((c for h in (tok, adjective) for c in h.children if c.dep_ in ("ccomp", "xcomp", "advcl")
                       and c.pos_ in ("VERB", "AUX")), None)
        return clause, doubting != is_negated(tok)

    def unnamed_finding(self, piece: int, tok: Token) -> Token | None:
        """"investigators found that ...", "it was revealed that ...": a verb of saying with no named
        subject inside the content passes its clause on."""
        if tok.lemma_.lower() not in words("claims", "factive"):
            return None  # "the authorities are justifying it by claiming that ...": someone else's claim
        if self.ctx.governing_subject(piece, tok)[0]:
            return None
        return next((c for c in tok.children if c.dep_ == "ccomp"), None)

    # --- clauses

    def hallmarks_of(self, piece: int, verb: Token) -> tuple[int, ...]:
        """The named doer whose marks something bears: "bore the hallmarks of X", "has X's fingerprints"."""
        if verb.lemma_.lower() not in ("bear", "carry", "have", "show", "match"):
            return ()
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in MARK_NOUNS), None)
        if obj is None:
            return ()
        owners = [g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        owners += [c for c in obj.children if c.dep_ == "poss"]
        return tuple(dict.fromkeys(lid for o in owners for lid in self.parties(piece, o)))[:MAX_SUBJECTS]

    @staticmethod
    def sanctioning(verb: Token) -> bool:
        """"took action against", "imposed measures on": what the subject does to someone accused."""
        if verb.lemma_.lower() not in ("take", "impose", "launch"):
            return False
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        return obj is not None and obj.lemma_.lower() in ("action", "measure", "step", "sanction") and any(
            c.dep_ == "prep" and c.lower_ in ("against", "on") for h in (verb, obj) for c in h.children)

    def copula(self, st: Statement, verb: Token, negated: bool) -> ClaimFound | None:
        """"X was a Russian intelligence operation", "X is guilty", "X was behind the attack"."""
        piece = st.piece
        subjects_ = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        # "the claim Reed was a member": of two subjects the parse gave, the claim noun is not the one
        subj = next((c for c in subjects_ if c.lemma_.lower() not in words("frames", "claim_nouns")), None) \
            if len(subjects_) > 1 else (subjects_[0] if subjects_ else None)
        predicate = next((c for c in verb.children if c.dep_ in ("attr", "acomp")), None)
        if subj is None and predicate is not None and predicate.pos_ == "NOUN":
            # "(what it called) the deliberate killing of its staff by X": X's act, with no subject named
            doers = tuple(lid for c in predicate.children if c.dep_ == "prep" and c.lower_ == "by"
                          for g in c.children if g.dep_ == "pobj" for lid in self.parties(piece, g))
            if doers:
                return ClaimFound(doers[:MAX_SUBJECTS], self.act_type(predicate, verb), predicate.lemma_.lower(), negated,
                                  self.summary(piece, doers, verb), verb.i, self.clean([], doers))
        if subj is None:
            return None
        behind = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("behind", "responsible")), None)
        among = self.victim_of(piece, verb)
        if among:
            # "his employer was among the targets of Hurricane Bison": the one behind the targeting
            return ClaimFound(among, self.act_type(verb, verb), "target", negated, self.summary(piece, among, verb),
                              verb.i, self.clean([(lid, "target") for lid in self.parties(piece, subj)], among))
        if predicate is None and behind is None:
            return None
        accusatory = behind is not None or predicate is not None and (
            predicate.lemma_.lower() in words("claims", "accusatory_nouns")
            or predicate.lemma_.lower() in words("claims", "accusatory_adjectives")
            or any(t.lemma_.lower() in words("claims", "accusatory_nouns") for t in predicate.subtree if t.dep_ in ("compound", "amod"))
            or predicate.pos_ == "NOUN" and categorise(act_phrase(predicate)) is not None  # "participants in a conspiracy"
            or self.member_of_wrongdoers(predicate))
        if not accusatory:
            return None
        subjects = tuple(lid for lid in self.parties(piece, subj) if self.ctx.is_party(lid))[:MAX_SUBJECTS]
        if not subjects:
            return None
        head = predicate if predicate is not None else behind
        doers = tuple(lid for c in head.children if c.dep_ == "prep" and c.lower_ == "by"
                      for g in c.children if g.dep_ == "pobj" for lid in self.parties(piece, g)) if predicate is not None else ()
        if doers:
            # "what it called the deliberate killing of its staff by the army"
            return ClaimFound(doers[:MAX_SUBJECTS], self.act_type(head, verb), head.lemma_.lower(), negated,
                              self.summary(piece, doers, verb), verb.i, self.clean([], doers))
        obj = next((g for g in head.subtree if g.dep_ == "pobj"), None)
        act_tok = obj if obj is not None and (behind is not None or head.lemma_.lower() in ("responsible", "involved", "complicit", "guilty")) else head
        return ClaimFound(subjects, self.act_type(act_tok, verb), head.lemma_.lower(),
                          negated or any(c.lower_ == "no" for c in head.children),
                          self.summary(piece, subjects, verb), verb.i, self.clean([], subjects))

    @staticmethod
    def member_of_wrongdoers(predicate: Token) -> bool:
        """"He was part of a network that took bribes": belonging to a group described by its wrongdoing."""
        if predicate.lemma_.lower() not in MEMBERSHIP_NOUNS:
            return False
        groups = [g for c in predicate.children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj"]
        clauses = [r for g in groups for r in g.children if r.dep_ in ("relcl", "acl")]
        # "a network that worked to sway officials in exchange for bribes": what it worked to do is its act
        clauses += [p for r in clauses for p in r.children if p.dep_ in ("xcomp", "advcl") and p.pos_ == "VERB"
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in p.children)]
        return any(categorise(act_phrase(r)) is not None for r in clauses)

    def victim_of(self, piece: int, verb: Token) -> tuple[int, ...]:
        """The doer in "X was among the targets/victims of Y", "one of the victims of Y", "A and B were
        targets of Y"."""
        nouns = [noun for prep in verb.children if prep.dep_ == "prep" and prep.lower_ in ("among", "of")
                 for noun in prep.children if noun.dep_ == "pobj"]
        nouns += [c for c in verb.children if c.dep_ == "attr"]
        for noun in nouns:
            if noun.lemma_.lower() in ("target", "victim", "casualty"):
                for of in noun.children:
                    if of.dep_ == "prep" and of.lower_ in ("of", "by"):
                        found = tuple(lid for g in of.children if g.dep_ == "pobj" for lid in self.parties(piece, g))
                        if found:
                            return found
        return ()
