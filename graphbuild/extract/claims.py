"""Claims: in what a source put forward, who is accused of what.

A claim is the content of a statement, read as an act with its accused: the doer of a harmful act
(active subject, "by" agent, the named owner of an unnamed doer such as "hackers working for the
Kremlin"), the one said to be compromised ("the KGB recruited Trump": Trump), both sides of a bribe,
or the subject of an accusatory predicate ("the website was a GRU operation", "he was
behind the attack"). The victim of an act is never its subject: it is one of the claim's other
participants. A claim with no named accused is no claim. The act is typed by the lexicon's
categories where one matches, else by its verb; the summary is the content's own words.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Token

from .acts import act_phrase, categorise, doer_like, names_act
from .context import DocContext, is_copula
from .countries import country_of
from .grammar import is_negated, is_supposed
from .model import ClaimFound, Statement
from .predicates import MARK_NOUNS, MAX_SUBJECTS, PredicateReader
from .vocab import speech_lemmas, words

# Acts whose target is the one the allegation is about: being recruited, cultivated, compromised.
COMPROMISE_ACTS = frozenset({"recruitment", "cultivation", "kompromat"})
SUMMARY_TOKENS = 28
DOER_DEPS = ("nsubj", "csubj")
BENEFICIARY_PREPS = frozenset({"for", "to"})
PERCEPTION_VERBS = frozenset({"observe", "detect", "see", "spot", "track", "notice", "witness", "monitor", "document", "record"})
MILITARY_WORDS = frozenset({"forces", "force", "army", "military", "defense", "defence", "navy", "troops"})
LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "across", "throughout", "near", "inside", "around", "within"})


def aside_of_saying(tok: Token) -> bool:
    """"As X noted, ...": a clause that only says who says it."""
    return tok.dep_ == "advcl" and tok.lemma_.lower() in speech_lemmas() and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)


INFORMING_VERBS = frozenset({"notify", "alert", "inform", "warn", "tip", "brief"})
ASPECT_VERBS = frozenset({"continue", "keep", "begin", "start", "try", "attempt", "seek", "appear", "seem", "go",
                          "stop", "cease", "resume"})


class ClaimReader(PredicateReader):
    """Reads the claims of statements over one document's context."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        # the accused the story discussed last, for "the hackers", "the suspects", "the attacks" (set by
        # the stance stage, which knows the allegations so far): (sentence, person?) -> entities
        self.salient: Callable[[int, str | None], tuple[int, ...]] = lambda sentence, kind: ()
        self.hint: tuple[int, ...] = ()  # the accused of an accusation frame in the statement's sentence
        self.sources: tuple[int, ...] = ()  # the sources of the statement being read

    # --- parties

    def parties(self, piece: int, tok: Token | None) -> tuple[int, ...]:
        """The named persons, agencies and organisations a phrase stands for: itself, or a named
        owner inside an unnamed phrase ("NSO Group's spyware", "hackers working for the Kremlin")."""
        if tok is None:
            return ()
        ctx = self.ctx
        if tok.lower_ in ("it", "they", "we") and len(self.sources) == 1 and ctx.label(self.sources[0]) != "Person" \
                and not ctx.inside_quote(piece, tok.i) and self.named_before_in_sentence(piece, tok, self.sources[0]) \
                or tok.lower_ == "we" and self.sources and ctx.inside_quote(piece, tok.i):
            return ctx.speaker_body(self.sources) if tok.lower_ == "we" else self.sources  # "X said it had ..."
        found = tuple(lid for lid in ctx.refer_phrase(piece, tok) if ctx.is_party(lid))
        if tok.lower_ == "it" and found and not any(self.recently_named(piece, tok, lid) for lid in found):
            return ()  # an "it" whose body was named sentences before is mostly an event, not the body
        if found or (piece, tok.i) in ctx.entity_at:
            return found
        return ctx.named_owner(piece, tok)

    def owner_or_self(self, piece: int, tok: Token) -> Token:
        """A thing's named owner ("Lena's Mercedes" -> Lena), else the phrase itself."""
        owner = next((c for c in tok.children if c.dep_ == "poss" and self.parties(piece, c)), None)
        return owner if owner is not None else tok

    def named_before_in_sentence(self, piece: int, tok: Token, lid: int) -> bool:
        """"The company said it had ...": the body is named before its "it" in the same sentence (in "It
        interfered ..., the investigations found" the "it" is someone the story named before)."""
        at = self.ctx.last_mention_token_before(lid, piece, tok.i)
        return at is not None and at[2] == self.ctx.sentence_of(piece, tok.i) or self.ctx.issuer == lid

    def recently_named(self, piece: int, tok: Token, lid: int) -> bool:
        """Named in the pronoun's own sentence, or as the subject of the sentence before (or anywhere in
        it, within the same quote)."""
        ctx = self.ctx
        at = ctx.last_mention_token_before(lid, piece, tok.i)
        if at is None:
            return False
        p, i, last = at
        sentence = ctx.sentence_of(piece, tok.i)
        if last == sentence:
            return True
        return last == sentence - 1 and (ctx.inside_quote(piece, tok.i) or ctx.subject_role(p, i) > 0)

    # --- one statement

    def claims(self, st: Statement) -> list[ClaimFound]:
        """The claims a statement makes (none for a statement that only points back at a claim)."""
        if st.reference:
            return []
        self.sources = st.sources
        self.ctx.avoid = frozenset(st.sources)  # "the company" in X's words is not X
        try:
            return self._claims(st)
        finally:
            self.ctx.avoid = frozenset()

    def _claims(self, st: Statement) -> list[ClaimFound]:
        doc = self.ctx.doc(st.piece)
        if st.accused:
            return self.accusation(st, doc)
        roots = self.content_roots(st, doc)
        out: list[ClaimFound] = []
        for root, negated in roots:
            if self.sanctioning(root):
                continue  # "took disciplinary action against 16 soldiers over the strike": a response, not a wrong
            claim = self.nominal(st, root, negated) if root.pos_ in ("NOUN", "PROPN") else self.clause(st, root, negated)
            if claim is None:
                # "it makes plain that X did Z", "this shows that ...": the claim is the inner clause
                for inner in (c for c in root.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")):
                    claim = self.clause(st, inner, negated)
                    if claim is not None:
                        break
            if claim is None:
                claim = self.nearest(st, root, negated)
            if claim is not None and claim not in out:
                out.append(claim)
        return out

    def content_roots(self, st: Statement, doc: Doc) -> list[tuple[Token, bool]]:
        """The predicates a statement's content puts forward, with whether an outer "no evidence" or
        "not" negates them: the content's head and the verbs conjoined to it; for a whole quote, each
        sentence's head; through a nested unnamed finding ("investigators found that ...")."""
        lo, hi = st.content
        if st.root >= 0:
            heads = [doc[st.root]]
        else:
            heads = [t for t in doc[lo:hi] if t.dep_ == "ROOT" or (t.head.i < lo or t.head.i >= hi) and t.pos_ in ("VERB", "AUX")]
        # "concluded that X did Y and that Z did W": every that-clause of the content is put forward
        heads += [t for t in doc[lo:hi] if t.pos_ in ("VERB", "AUX") and t not in heads and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in t.children) and t.dep_ in ("conj", "ccomp")
            and not any(a.lemma_.lower() in words("cues", "alleges") and a.i != st.root and lo <= a.i < hi
                        for a in t.ancestors if a.i >= lo)]
        out: list[tuple[Token, bool]] = []
        seen: set[int] = set()
        todo = [(h, False) for h in heads]
        while todo:
            tok, negated = todo.pop(0)
            if tok.i in seen or not lo <= tok.i < max(hi, lo + 1):
                continue
            seen.add(tok.i)
            auxes = [c.lower_ for c in tok.children if c.dep_ == "aux"]
            if any(a in ("should", "ought", "must") for a in auxes) and "have" not in auxes:
                continue  # "the Security Council should call on ...": a recommendation, not a claim
            certain = self.certainty_clause(tok)
            if certain is not None:
                todo.insert(0, (certain, negated))  # "we are aware that X did Y": the clause is the claim
                continue
            inner = self.evidence_clause(tok) or self.extraposed(tok)
            if inner is not None:
                if inner[0] is not None:  # read before any other head: its polarity decides
                    todo.insert(0, (inner[0], negated != inner[1] if inner[1] else negated))
                continue
            nested = self.unnamed_finding(st.piece, tok)
            if nested is not None:
                todo.insert(0, (nested, negated))
                continue
            believer = self.ctx.governing_subject(st.piece, tok)[0] if tok.lemma_.lower() in speech_lemmas() else ()
            # "'We believe that X did Y,' said Z": Z's own belief, or that of the body Z speaks for
            own = set(st.sources) | set(self.ctx.speaker_body(st.sources))
            if believer and set(believer) <= own:
                inner_clauses = [c for c in tok.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
                if inner_clauses:
                    # "said he didn't believe the general ordered it": the source's own belief, its polarity
                    todo[:0] = [(c, negated != is_negated(tok)) for c in inner_clauses]
                    continue
                if any(c.dep_ == "dobj" and c.lower_ in ("what", "which") for c in tok.children):
                    continue  # "condemned what it alleged": the source's own saying is no act of its own
            if believer and (tok.i != st.root or not set(believer) & own
                             and tok.lemma_.lower() in words("cues", "quoting")):
                # "Trump noted that the prince denied involvement": what another says is not the source's claim
                if tok.lemma_.lower() in words("claims", "factive"):
                    # "X said the report shows that ...": X puts the finding forward too
                    todo += [(c, negated) for c in tok.children if c.dep_ == "ccomp"]
                continue  # a nested statement of its own source
            out.append((tok, negated))
            # a conjoined verb with a subject of its own is a claim of its own; one that shares the
            # subject ("recruited Trump and gave him a codename") restates the same allegation
            todo += [(c, negated) for c in tok.conjuncts if c.i > tok.i and c.pos_ in ("VERB", "AUX")
                     and any(d.dep_ in ("nsubj", "nsubjpass") for d in c.children)]
        return out

    def nearest(self, st: Statement, root: Token, negated: bool) -> ClaimFound | None:
        """When the grammar names no accused: an act of the lexicon's categories in the content, about
        the person named nearest to it there (else the nearest agency or organisation), never the
        source itself and never the victim of a harmful act ("the KGB recruited Trump", parsed
        badly, is still about Trump)."""
        ctx, piece = self.ctx, st.piece
        doc = ctx.doc(piece)
        lo, hi = st.content if st.root < 0 else (min(t.i for t in root.subtree), max(t.i for t in root.subtree) + 1)
        tokens = list(doc[lo:hi])
        sent = root.sent
        phrase = {t.i for t in act_phrase(root)} if root.pos_ in ("VERB", "AUX", "NOUN") and st.root >= 0 else {t.i for t in tokens}
        acts = [t for t in tokens if t.i in phrase and categorise([t]) and not is_supposed(t, sent)
                and not any(a.lemma_.lower() in INFORMING_VERBS for a in t.ancestors)
                and not any(a.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in a.children)
                            for a in [t, *t.ancestors])]
        if not acts:
            return None
        act = acts[0]
        own = next((c for c in act.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if own is not None and own.pos_ == "PRON":
            return None  # the act names its own subject, one we cannot resolve: no guessing
        speakers = {lid for t in sent if t.dep_ in ("nsubj",) and t.head.lemma_.lower() in words("cues", "alleges")
                    for lid in ctx.refer(piece, t)}
        clause = act
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        victims = {lid for t in clause.children if t.dep_ in ("dobj", "nsubjpass") for lid in self.parties(piece, t)}
        doers_of_act = {lid for t in clause.children if t.dep_ in ("nsubj",) for lid in self.parties(piece, t)} | {
            lid for t in clause.children if t.dep_ == "agent" for g in t.children for lid in self.parties(piece, g)}
        # a harmful act's doer stands in its own clause; the one a recruitment is about may stand anywhere
        # in the content, as badly as the small model parses it ("the GRU cultivated Mark Feldman")
        scope = {t.i for t in tokens} if categorise([act]) in COMPROMISE_ACTS else {t.i for t in clause.subtree}
        # "according to its report, titled 'Riverton Is Not Safe'": a work's title names no doer
        scope -= {g.i for t in tokens if t.lemma_.lower() in ("title", "entitle") and t.pos_ == "VERB" for g in t.subtree}
        candidates = []
        for t in tokens:
            if t.i not in scope:
                continue
            lid = ctx.entity_at.get((piece, t.i))
            if lid is None and t.pos_ == "PRON":
                found = ctx.refer(piece, t)
                lid = found[0] if len(found) == 1 else None
            compromise = categorise([act]) in COMPROMISE_ACTS
            if lid is None or lid in st.sources or lid in speakers or not ctx.is_party(lid) or \
                    (lid in victims and not compromise) or (compromise and lid in doers_of_act):
                continue  # a recruitment is about the recruit, never about the one who recruits
            if categorise([act]) not in COMPROMISE_ACTS and not doer_like(t):
                continue  # "hacked into the phones of X", "X was killed": a victim, not the accused
            if ctx.label(lid) == "Place" and t.dep_ == "pobj" and t.head.lower_ in LOCATIVE_PREPOSITIONS:
                continue  # "women in the capital have been subjected to rape": where, not who
            rank = 0 if ctx.label(lid) == "Person" else 1
            candidates.append((rank, abs(t.i - act.i), lid))
        if not candidates:
            return None
        subject = (min(candidates)[2],)
        return ClaimFound(subject, categorise([act]) or act.lemma_.lower(), act.lemma_.lower(),
                          negated or is_negated(act.head) or is_negated(act),
                          self.summary(piece, subject, root), act.i, ())

    def clause(self, st: Statement, verb: Token, negated: bool) -> ClaimFound | None:
        ctx = self.ctx
        piece = st.piece
        sent = verb.sent
        if is_supposed(verb, sent) and verb.i != st.root:
            return None
        if is_supposed(verb, sent) and any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in verb.children):
            return None
        # a denied act is a dispute ("never bribed"); a denied non-act is the allegation itself ("its tech
        # does not work", "failed to disclose")
        denied = is_negated(verb) or self.no_object(verb)
        negated = negated or denied and (
            names_act(verb) or any(names_act(c) for c in verb.conjuncts if c.pos_ in ("VERB", "AUX")))
        lemma = verb.lemma_.lower()
        if is_copula(verb) or verb.pos_ == "AUX" and not any(c.dep_ in ("dobj",) for c in verb.children):
            return self.copula(st, verb, negated)
        if lemma in INFORMING_VERBS and not any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
            return None  # "notified the targets of the surveillance": telling the victims is no wrong of one's own
        if lemma in ("feel", "sense") and any(c.dep_ in ("acomp", "oprd", "xcomp") and (
                c.tag_ == "VBN" or c.lower_.endswith("ed")) for c in verb.children):
            return None  # "he never felt pressured": who feels pressured is its target, not its doer
        if lemma in PERCEPTION_VERBS:
            event = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in words("claims", "doer_events")), None)
            if event is not None:  # "it has observed attempts by X to break into ...": X's attempts
                return self.nominal(st, event, negated)
        marked = self.hallmarks_of(piece, verb)
        if marked:
            # "the malware bore the hallmarks of X": X is the one behind what bears them
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            act = categorise(list(subj.subtree)) if subj is not None else None
            return ClaimFound(marked, act or "attribution", verb.lemma_.lower(), negated,
                              self.summary(piece, marked, verb), verb.i, ())
        doers, patients, passive = self.arguments(piece, verb)
        act_tok = self.handed_over(piece, verb)
        targets = self.compromised(piece, verb, act_tok)
        if not targets:
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.lemma_.lower() in words("claims", "compromise_nouns"):
                targets = self.compromised(piece, verb, subj)  # "Kompromat on Trump would explain ..."
        if targets:
            subjects, others = targets, [(lid, "agent") for lid in doers]
        elif passive and patients and self.act_type(verb, verb) in COMPROMISE_ACTS:
            subjects, others = patients, [(lid, "agent") for lid in doers]  # "he could have been caught in a honey trap"
        elif lemma in words("claims", "compromise_verbs") and (lemma != "target" or any(
                c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)):  # "targeted X as an asset"
            subjects, others = patients, [(lid, "agent") for lid in doers]
        elif lemma in words("claims", "mutual_verbs"):
            holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]  # "paid bribes to X", "bribes to X"
            # "paid for her car": the one whose thing is paid for, not the thing
            recipients = tuple(lid for h in holders for c in h.children if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "for")
                               for g in c.children if g.dep_ == "pobj" for lid in self.parties(piece, self.owner_or_self(piece, g)))
            if not recipients:
                recipients = tuple(lid for c in verb.children if c.dep_ == "dative" for lid in self.parties(piece, c))
            if not recipients and lemma in words("claims", "funding_verbs"):
                recipients = tuple(lid for c in verb.children if c.dep_ == "dobj" for lid in self.parties(piece, c))
            company_pays_official = recipients and doers and all(ctx.label(lid) != "Person" for lid in doers) \
                and any(ctx.label(lid) == "Person" for lid in recipients)
            if recipients and (lemma not in words("claims", "bribe_verbs") or company_pays_official):
                # "donated to X's campaign": X's; "the company paid bribes to X's administration": the
                # official bribed is the accused, the company its agent
                subjects, others = recipients, [(lid, "agent") for lid in doers]
            else:
                subjects, others = doers + tuple(p for p in patients + recipients if p not in doers), []
        else:
            subjects, others = doers, [(lid, "target") for lid in patients]
        subjects = tuple(dict.fromkeys(lid for lid in subjects if ctx.is_party(lid)))[:MAX_SUBJECTS]
        if not subjects:
            return None
        if denied and set(subjects) <= set(st.sources):
            negated = True  # what a source denies of itself is a denial ("he had nothing to do with it")
        others += self.beneficiaries(piece, verb)
        act = self.act_type(act_tok if act_tok is not None else verb, verb)
        predicate = (act_tok.lemma_.lower() if act_tok is not None else lemma)
        return ClaimFound(subjects, act, predicate, negated, self.summary(piece, subjects, verb), verb.i,
                          self.clean(others, subjects))

    def arguments(self, piece: int, verb: Token) -> tuple[tuple[int, ...], tuple[int, ...], bool]:
        """(doers, patients, passive) of a verb, with subjects shared from the clause it hangs on."""
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        doers: tuple[int, ...] = ()
        patients: tuple[int, ...] = ()
        if passive:
            agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
            doers = self.parties(piece, agent)
            patient = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            patients = self.parties(piece, patient)
        else:
            subj = next((c for c in verb.children if c.dep_ in DOER_DEPS), None)
            head = verb
            while subj is None and head.dep_ in ("xcomp", "conj", "advcl", "acl", "relcl") and head.head.i != head.i \
                    and self.ctx.inside_quote(piece, head.i) == self.ctx.inside_quote(piece, head.head.i):
                if head.dep_ in ("relcl", "acl"):
                    doers = self.parties(piece, head.head)
                    break
                head = head.head
                subj = next((c for c in head.children if c.dep_ in DOER_DEPS), None)
                if head.dep_ == "ROOT":
                    break
            if subj is not None:
                subjects = [c for c in (subj.head if subj.head.i != subj.i else subj).children if c.dep_ in DOER_DEPS] or [subj]
                doers = next((found for c in subjects for found in [self.parties(piece, c)] if found), ())
                if not doers:
                    doers = next((found for c in subjects for found in [self.described_doer(piece, c)] if found), ())
            obj = next((c for c in verb.children if c.dep_ in ("dobj",)), None)
            patients = self.parties(piece, obj)
        return doers, patients, passive

    def described_doer(self, piece: int, tok: Token) -> tuple[int, ...]:
        """"her ex-boss", "the hackers", "the attacks": an unnamed doer the story has named before, as the
        accused of the accusation in the same sentence, else of the allegation it discussed last."""
        lemma = tok.lemma_.lower()
        if tok.pos_ != "NOUN":
            return ()
        person = lemma in words("claims", "doer_people")
        if not person and not any(lemma in words("claims", key) for key in ("doer_any", "doer_bodies", "doer_events")):
            return ()
        kind = "Person" if person else "body" if lemma in words("claims", "doer_bodies") else None
        dets = [c for c in tok.children if c.dep_ in ("det", "poss")]
        if not dets or not (dets[0].lower_ in ("the", "these", "those", "this", "that") or dets[0].pos_ == "PRON"):
            return ()
        if self.hint and dets[0].pos_ == "PRON":
            return self.hint
        return self.salient(self.ctx.sentence_of(piece, tok.i), kind)

    def handed_over(self, piece: int, verb: Token) -> Token | None:
        """The act a light verb hands over: "ordered the killing", "carried out the attack", "took part
        in the scheme", "engaged in ransomware attacks", "played a role in"."""
        if verb.lemma_.lower() not in words("claims", "light_verbs"):
            return None
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.lemma_.lower() in ("role", "part"):
            obj = next((g for c in obj.children if c.dep_ == "prep" for g in c.children if g.dep_ in ("pobj", "pcomp")), obj)
        if obj is None:
            obj = next((g for c in verb.children if c.dep_ in ("prep", "prt") and c.lower_ in ("in", "out", "on")
                        for g in (c.children if c.dep_ == "prep" else []) if g.dep_ in ("pobj", "pcomp")), None)
        if obj is None or obj.pos_ not in ("NOUN", "VERB") or (piece, obj.i) in self.ctx.entity_at:
            return None  # "took her off the show": a light verb hands over only an act it names
        return obj

    def compromised(self, piece: int, verb: Token, act_tok: Token | None) -> tuple[int, ...]:
        """"had kompromat on him", "holds leverage over X": the one the material is on."""
        obj = act_tok if act_tok is not None else next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None or obj.lemma_.lower() not in words("claims", "compromise_nouns") and categorise([obj]) not in COMPROMISE_ACTS:
            return ()
        if obj.lemma_.lower() in ("information", "evidence", "file", "files", "material", "materials") and \
                not any(c.lower_ in ("compromising", "damaging", "incriminating") for c in obj.children):
            return ()
        for holder in (obj, verb):
            for prep in holder.children:
                if prep.dep_ == "prep" and prep.lower_ in ("on", "over", "against", "about"):
                    found = tuple(lid for g in prep.children if g.dep_ == "pobj" for lid in self.parties(piece, g))
                    if found:
                        return found
        return ()

    def no_object(self, verb: Token) -> bool:
        """"had no role in", "played no part", "had nothing to do with": a negation on the object."""
        return any(c.dep_ in ("dobj", "attr") and (c.lower_ in ("nothing", "none") or any(
            d.lower_ == "no" and d.dep_ == "det" for d in c.children)) for c in verb.children)

    def beneficiaries(self, piece: int, verb: Token) -> list[tuple[int, str]]:
        """"to help Trump", "on behalf of Qatar", "in favor of X": who an act was for."""
        out = []
        for child in verb.children:
            if child.dep_ == "advcl" and child.lemma_.lower() in ("help", "benefit", "aid", "favor", "favour", "boost"):
                obj = next((c for c in child.children if c.dep_ == "dobj"), None)
                out += [(lid, "beneficiary") for lid in self.parties(piece, obj)]
            if child.dep_ == "prep" and child.lower_ in ("for", "on", "in"):
                for g in child.subtree:
                    if g.dep_ == "pobj" and g.head.lower_ in ("of", "for") and (piece, g.i) in self.ctx.entity_at:
                        if any(w.lower_ in ("behalf", "favor", "favour", "benefit") for w in child.subtree):
                            out.append((self.ctx.entity_at[(piece, g.i)], "beneficiary"))
        return out

    # --- nouns

    def nominal(self, st: Statement, noun: Token, negated: bool) -> ClaimFound | None:
        """A claim named by a noun: "confirmed the attack by X", "denied the hacking", "Y's bribes"."""
        piece = st.piece
        doers: tuple[int, ...] = ()
        victims: list[tuple[int, str]] = []
        lemma = noun.lemma_.lower()
        for child in noun.children:
            if child.dep_ == "poss":
                found = self.parties(piece, child)
                if lemma in words("claims", "patient_nouns"):
                    victims += [(lid, "target") for lid in found]
                else:
                    doers += found
            elif child.dep_ == "prep" and child.lower_ == "by":
                doers += tuple(lid for g in child.children if g.dep_ == "pobj" for lid in self.parties(piece, g))
        owned = any(c.dep_ == "poss" and (piece, c.i) in self.ctx.entity_at for c in noun.children)
        if not doers and st.stance == "DISPUTES" and not owned:
            doers = st.sources  # "X denied the hacking": X's own (not in "X downplayed Russia's threats")
        if not doers:
            doers = self.event_doers(piece, noun)
        subjects = tuple(dict.fromkeys(lid for lid in doers if self.ctx.is_party(lid)))[:MAX_SUBJECTS]
        if not subjects:
            return None
        negated = negated or any(c.lower_ == "no" for c in noun.children)
        return ClaimFound(subjects, self.act_type(noun, noun), lemma, negated, self.summary(piece, subjects, noun),
                          noun.i, self.clean(victims, subjects))

    def event_doers(self, piece: int, noun: Token, *, tokens: int = 400) -> tuple[int, ...]:
        """"criticised the strike" after "Israeli forces struck a car": the doers of the same act told
        shortly before, by a verb or a noun of the same stem."""
        dets = [c for c in noun.children if c.dep_ == "det"]
        if not dets or dets[0].lower_ not in ("the", "this", "that", "these", "those"):
            return ()
        lemma = noun.lemma_.lower()
        if len(lemma) < 4:
            return ()
        doc = self.ctx.doc(piece)
        for tok in reversed(doc[max(0, noun.i - tokens):noun.i]):
            other = tok.lemma_.lower()
            if len(other) < 4 or not (lemma in other or lemma.startswith(other)):
                continue  # "the strike" / "airstrike", "the beating" / "beat"
            if tok.pos_ in ("VERB",):
                doers, _, _ = self.arguments(piece, tok)
            elif tok.pos_ == "NOUN":
                doers = tuple(lid for c in tok.children if c.dep_ in ("poss", "compound") for lid in self.parties(piece, c)) + tuple(
                    lid for c in tok.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"
                    for lid in self.parties(piece, g)) or self.national_forces(piece, tok)
            else:
                continue
            if doers:
                return doers
        return ()

    def national_forces(self, piece: int, noun: Token) -> tuple[int, ...]:
        """"an Israeli airstrike": a military act a country's adjective names is its armed forces', when
        the story names them."""
        if categorise([noun]) != "violence" and noun.lemma_.lower() not in ("strike", "airstrike", "raid", "shelling"):
            return ()
        for c in noun.children:
            country = country_of(c.text) if c.dep_ in ("amod", "compound") else None
            if country:
                found = self.ctx.national_body(piece, noun, country, MILITARY_WORDS, named_before=False)
                return (found,) if found is not None else ()
        return ()

    def accusation(self, st: Statement, doc: Doc) -> list[ClaimFound]:
        """"X accused Y of Z": Y is accused of Z, whatever Z's own subject."""
        piece = st.piece
        subjects = tuple(dict.fromkeys(st.accused))[:MAX_SUBJECTS]
        if st.act >= 0:
            act_tok = doc[st.act]
            negated = is_negated(act_tok)
            predicate = act_tok.lemma_.lower()
            others = []
            if act_tok.pos_ in ("VERB", "AUX"):
                _, patients, _ = self.arguments(piece, act_tok)
                others = [(lid, "target") for lid in patients]
            act = self.act_type(act_tok, act_tok)
            anchor = act_tok
        else:
            negated, predicate, others, anchor = False, "", [], None
            act = "accusation"
        summary = self.summary(piece, subjects, anchor) if anchor is not None else ""
        return [ClaimFound(subjects, act, predicate or act, negated, summary, st.act, self.clean(others, subjects))]

    # --- act types and summaries

    def act_type(self, tok: Token, clause: Token) -> str:
        """The category of an act: first the words of its own phrase, then of its clause; else the
        lemma of its word."""
        for tokens in (list(tok.subtree) if tok.i != clause.i else [tok] + [c for c in tok.children if c.dep_ in ("dobj", "prt", "attr", "acomp")],
                       list(clause.subtree)):
            found = categorise(tokens)
            if found:
                return found
        while tok.lemma_.lower() in ASPECT_VERBS:
            # "continues to pose a threat", "tried to break in": the act is the verb it governs
            inner = next((c for c in tok.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
            if inner is None:
                break
            tok = inner
        return tok.lemma_.lower()

    def summary(self, piece: int, subjects: tuple[int, ...], head: Token | None) -> str:
        """"<subjects>: <the words of the act's clause>", cut to a readable length."""
        names = " and ".join(self.ctx.entities[lid].name for lid in subjects)
        if head is None:
            return names
        # a passive with its doer keeps its subject ("the scheme was run") and drops the "by" phrase
        passive_doer = any(c.dep_ == "agent" for c in head.children)
        marked = any(c.dep_ == "dobj" and c.lemma_.lower() in MARK_NOUNS for c in head.children)  # "the malware bore ..."
        dropped = ("nsubj", "csubj", "mark", "punct", "cc", "agent") if passive_doer else (
            ("mark", "punct", "cc") if marked else ("nsubj", "nsubjpass", "csubj", "mark", "punct", "cc"))
        # a doer who is not the accused stays ("Vexor paid $3 million to Reed's campaign" is about Reed)
        kept = {c.i for c in head.children if c.dep_ == "nsubj" and "nsubj" in dropped and c.pos_ in ("PROPN", "NOUN")
                and not set(self.ctx.refer_phrase(piece, c)) & set(subjects) and self.parties(piece, c)}
        skip = {t.i for c in head.children if (c.dep_ in dropped or c.lower_ == "according" or aside_of_saying(c))
                and c.i not in kept for t in c.subtree}
        named = {t.i for t in head.subtree if t.i < head.i and self.ctx.entity_at.get((piece, t.i)) in subjects}
        for i in sorted(named):  # "A, B, and C stole": the list of subjects with its commas
            j = i + 1
            while j < len(head.doc) and j not in named and head.doc[j].lower_ in (",", "and", "or"):
                skip.add(j)
                j += 1
        skip |= named
        words_ = [t for t in head.subtree if t.i not in skip and not t.is_space]
        text = " ".join(t.text for t in words_[:SUMMARY_TOKENS])
        text = re.sub(r"([$£€¥])\s+(?=\d)", r"\1", re.sub(r"\s+([,.;:!?'’”)])", r"\1", text)).replace("( ", "(").replace("“ ", "“").strip(" ,;:-–—\"“”")
        return f"{names}: {text}" if text else names

    def clean(self, others: Iterable[tuple[int, str]], subjects: tuple[int, ...]) -> tuple[tuple[int, str], ...]:
        out: list[tuple[int, str]] = []
        for lid, role in others:
            if lid not in subjects and self.ctx.is_party(lid) and (lid, role) not in out:
                out.append((lid, role))
        return tuple(out)


