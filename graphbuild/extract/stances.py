"""Stances: each statement's claims become a source's position on an allegation of the document.

The cue gives the stance (ALLEGES, CORROBORATES, DISPUTES) and a negated claim turns support into
dispute ("X said Y never did it"). Restatements of one act about the same subjects are one
allegation. A statement that points back ("denied the allegations", "rejected Cole's claims",
"denied any involvement") takes its stance on the claim it points at: the owner's, else one about
the source itself, else the one the story discussed last. A narrative "allegedly" or a passive
"was charged with" is the claim of the accuser the story has named for it. An admission, or an
"also said", backs what another source alleged before.
"""
from __future__ import annotations

from collections import defaultdict
from functools import cache
from dataclasses import replace

from .acts import act_phrase, dates_in, has_wrongdoing
from .claims import ClaimReader
from .predicates import MARK_NOUNS
from .context import DocContext
from .grammar import is_negated
from .model import Claim, ClaimFound, Sentence, Stance, Statement
from .vocab import act_categories, has_act_word, normalise, terms, words

EXCUSING_ADVERBS = frozenset({"only", "merely", "just", "simply", "solely", "purely"})
EXCUSING_VERBS = frozenset({"kid", "joke", "jest", "mediate", "help", "assist", "follow", "comply"})
AGREEMENT_ADVERBS = frozenset({"also", "too", "likewise", "similarly", "independently", "separately"})
REFERENCE_WINDOW = 8  # sentences back a bare "the allegations" may point
LEGAL_WINDOW = 6
ATTRIBUTION_LEMMAS = frozenset({"link", "tie", "connect", "associate", "attribute", "trace", "accuse", "blame", "suspect"})
GENERIC_ACTS = frozenset({"allegation", "involvement", "wrongdoing", "crime", "crimes", "offence", "offense"})  # sentences after an arrest or a charge an unattributed charge may be its body's


class StanceBuilder:
    """Collects one document's allegations (claims) and stances in text order."""

    def __init__(self, ctx: DocContext, sentences: list[Sentence]) -> None:
        self.ctx = ctx
        self.sentences = sentences
        self.reader = ClaimReader(ctx)
        self.reader.salient = self.salient_accused
        self.claims: list[Claim] = []
        self.index: dict[tuple[str, tuple[int, ...]], int] = {}
        self.stances: list[Stance] = []
        self.seen: set[tuple[int, int, str]] = set()
        self.evidenced: set[tuple[int, int, str, int]] = set()
        self.alleged_by: dict[int, list[int]] = defaultdict(list)  # source -> claims it alleged, in order
        self.disputed: dict[int, list[int]] = defaultdict(list)  # source -> claims it disputed, in order
        self.about: dict[int, list[int]] = defaultdict(list)  # subject -> claims about it, in order
        self.supporters: dict[int, set[int]] = defaultdict(set)  # claim -> sources that alleged it
        self.recent: list[tuple[int, int]] = []  # (sentence, claim) of every stance, in order
        self.frame_accused: dict[int, tuple[int, ...]] = {}  # sentence -> accused of its accusation frame
        self.latent: list[tuple[int, ClaimFound, Statement, tuple[int, ...]]] = []  # plain reports not yet answered
        self.agency_accuser: tuple[int, ...] = ()
        self.unattributed: list[ClaimFound] = []  # joint allegations no named source has made yet
        self.last_body_speaker: tuple[int, tuple[int, ...]] | None = None  # (sentence, body) that spoke last

    # --- allegations

    def claim(self, found: ClaimFound, sentence: int, cue: str, frame: bool = False) -> int:
        """The allegation a claim belongs to: one per act and subjects in a document."""
        subjects = tuple(sorted(set(found.subjects) | {p for lid in found.subjects
                                                       for p in self.ctx.leaders_of(lid) + self.ctx.parents_of(lid)}))
        key = (found.act, subjects)
        at = self.index.get(key)
        joint = next((f for f in reversed(self.unattributed) if f.act == found.act and set(subjects) < set(f.subjects)), None)
        if at is None and joint is not None:
            # "he was acting corruptly" after the story's "X and his wife allegedly took bribes": that allegation
            subjects = tuple(sorted(set(joint.subjects)))
            key = (found.act, subjects)
            at = self.index.get(key)
        elif at is None:
            # "Baker took bribes" after "Baker and his wife took bribes": the same allegation
            at = next((i for i, c in enumerate(self.claims) if c.act == found.act and set(subjects) < set(c.subjects)), None)
        if at is None and frame and found.act not in category_names():
            # "the two suspects were also sanctioned", "was charged in the case": an accusation that
            # names no act of its own is the one made last against the same accused
            at = next((i for i in reversed(range(len(self.claims)))
                       if set(subjects) <= set(self.claims[i].subjects) and self.claims[i].act in category_names()), None)
        if at is None:
            at = self.index[key] = len(self.claims)
            text = self.sentences[sentence].text
            self.claims.append(Claim(found.act, subjects, sentence, cue, tuple(dates_in(text)), found.summary,
                                     found.participants))
            for lid in subjects:
                self.about[lid].append(at)
            return at
        old = self.claims[at]
        new_subjects = tuple(lid for lid in subjects if lid not in old.subjects)
        merged = old.participants + tuple(p for p in found.participants if p not in old.participants)
        if new_subjects or merged != old.participants:
            self.claims[at] = replace(old, subjects=tuple(sorted(old.subjects + new_subjects)), participants=merged)
            for lid in new_subjects:
                self.about[lid].append(at)
        return at

    def names_own_act(self, found: ClaimFound, st: Statement) -> bool:
        """"a lawsuit alleging he breached his agreements", "charged that he took her off the show" name
        an act of their own; "was charged in the case", "were also sanctioned" do not."""
        if found.act in GENERIC_ACTS:
            return False
        wrongs = terms("claims", "wrongdoing.words")
        if found.act in wrongs.words or bool(wrongs.stems) and found.act.startswith(wrongs.stems):
            return True
        head = self.ctx.doc(st.piece)[found.token] if found.token >= 0 else None
        return head is not None and head.pos_ == "VERB" and any(c.dep_ in ("dobj", "prt") for c in head.children)

    def stance(self, source: int, claim: int, kind: str, sentence: int, cue: str) -> None:
        """Record a stance; each sentence that states it again is more evidence for the same edge."""
        if (source, claim, kind, sentence) in self.evidenced:
            return
        self.evidenced.add((source, claim, kind, sentence))
        self.stances.append(Stance(source, claim, kind, sentence, cue))
        key = (source, claim, kind)
        if key in self.seen:
            return
        self.seen.add(key)
        self.recent.append((sentence, claim))
        if kind == "DISPUTES":
            self.disputed[source].append(claim)
        if kind == "ALLEGES":
            self.alleged_by[source].append(claim)
            self.supporters[claim].add(source)
        elif kind == "CORROBORATES":
            self.supporters[claim].add(source)

    # --- statements

    def add(self, st: Statement) -> None:
        if st.reference:
            self.point_back(st)
            return
        if st.sources and st.kind in ("speech", "according") and all(self.ctx.label(lid) != "Person" for lid in st.sources):
            self.last_body_speaker = (st.sentence, st.sources)
        sources = st.sources or self.default_accuser(st.sentence) or self.reporting_body(st)
        if not sources:
            if st.kind == "alleged":
                # "X and his wife allegedly took bribes", nobody's claim yet: the joint accused a later
                # statement about one of them stands for
                self.reader.hint = st.accused
                self.unattributed += [f for f in self.reader.claims(st) if len(f.subjects) > 1]
            return
        if st.accused:
            self.frame_accused.setdefault(st.sentence, st.accused)
        if st.sources and st.accusing and any(self.ctx.label(lid) == "Agency" for lid in st.sources):
            self.agency_accuser = tuple(lid for lid in st.sources if self.ctx.label(lid) == "Agency")
        self.reader.hint = self.frame_accused.get(st.sentence, ())
        found_claims = self.reader.claims(st)
        doc = self.ctx.doc(st.piece)
        if not found_claims and st.stance == "DISPUTES" and st.kind == "speech":
            self.dispute_about_named(st, sources)
            return
        if not found_claims and st.stance == "ALLEGES" and st.kind in ("speech", "quote") and self.demonstrative_wrong(st):
            # "'These acts were committed under a state policy,' she said": the acts just told of
            self.point_back(replace(st, sources=sources, kind="reference", reference=True, owner=(), topic=""),
                            create=False)
            return
        if st.kind in ("speech", "quote") and st.stance == "ALLEGES" and self.generic_denial(st) and any(
                self.about.get(self.ctx.affiliation_of.get(source, -1)) for source in sources):
            # "'... does not mean anyone has done anything wrong,' said X, a spokeswoman for Vexor"
            for source in sources:
                body = self.ctx.affiliation_of.get(source)
                about = self.about.get(body, []) if body is not None else []
                if about:
                    self.stance(source, about[-1], "DISPUTES", st.sentence, st.cue)
            return
        for found in found_claims:
            if st.kind == "release" and set(found.subjects) <= set(sources) and not (
                    found.negated and found.token >= 0 and has_wrongdoing(doc, found.token, found.token + 1)):
                continue  # a release on its own work ("we will not tolerate such attacks") denies only a wrong it names
            if st.neutral and not st.accused and not self.valenced(found, st) and not self.denies_accused(found, st, sources):
                if found.negated and set(found.subjects) & set(sources) and st.kind != "release":
                    # "he says he had nothing to do with it": a denial of what is said about him
                    self.point_back(replace(st, sources=sources, kind="denial", stance="DISPUTES", reference=True,
                                            owner=(), topic=""), create=False)
                elif self.accused_account(found, sources) and self.excusing(st, found):
                    # "he said he was only mediating": the accused's own account of what he did answers
                    # what others allege of him
                    for source in sources:
                        self.stance(source, self.about[source][-1], "DISPUTES", st.sentence, st.cue)
                else:
                    # a plain report with no word of wrongdoing is an allegation only if someone answers
                    # it ("..., which they deny"): kept aside for a statement that points back
                    self.latent.append((st.sentence, found, st, sources))
                continue
            kind = self.kind_of(st, found)
            own = set(sources) | {self.ctx.affiliation_of[lid] for lid in sources if lid in self.ctx.affiliation_of}
            if kind == "ALLEGES" and set(found.subjects) & set(sources) and st.lemma not in words("claims", "self_claims"):
                if self.accused_account(found, sources) and self.excusing(st, found):
                    for source in sources:  # "tried to claim he was joking"
                        self.stance(source, self.about[source][-1], "DISPUTES", st.sentence, st.cue)
                continue  # what a source says of itself is an allegation only as testimony, admission or boast
            if kind == "ALLEGES" and set(found.subjects) <= own and st.lemma not in words("claims", "self_claims"):
                continue  # "OFAC's action demonstrates ..., said the director of OFAC": its own body's work
            at = self.answered_report(st, found, sources) if kind == "DISPUTES" else None
            if at is None:
                at = self.claim(found, st.sentence, st.cue, frame=bool(st.accused) and not self.names_own_act(found, st))
            word = self.ctx.doc(st.piece)[found.token].text if found.token >= 0 else found.predicate
            for source in sources:
                stance = kind
                if stance == "ALLEGES" and self.backs(st, at, source):
                    stance = "CORROBORATES"
                self.stance(source, at, stance, st.sentence, f"{st.cue} / {word}")

    def answered_report(self, st: Statement, found: ClaimFound, sources: tuple[int, ...]) -> int | None:
        """"Cole said Grant offered Reed a pardon. Olsen denied that Grant made any such offer": a
        denial just after a plain report about the same subject answers it, which makes the report an
        allegation and the denial a dispute of it."""
        for sentence, latent, original, reporters in reversed(self.latent):
            if st.sentence - sentence > 2:
                break
            if sentence == st.sentence or set(reporters) & set(sources) or not set(latent.subjects) & set(found.subjects):
                continue
            if any(at_sentence == sentence for at_sentence, _ in self.recent if at_sentence >= sentence):
                continue  # answered already: that sentence's report is an allegation with its own stances
            if found.act != latent.act and {found.act, latent.act} <= category_names():
                continue  # a denial of another wrong
            at = self.claim(latent, original.sentence, original.cue)
            for reporter in reporters:
                self.stance(reporter, at, "ALLEGES", original.sentence, f"{original.cue} / {latent.predicate}")
            return at
        return None

    def generic_denial(self, st: Statement) -> bool:
        """"no one did anything wrong", "does not mean anyone has done anything wrong": a negated wrong
        whose doer is nobody in particular."""
        doc = self.ctx.doc(st.piece)
        tokens = doc[st.content[0]:st.content[1]]
        generic = [t for t in tokens if t.lower_ in ("anyone", "anybody", "nobody") and t.dep_ in ("nsubj", "nsubjpass")]
        return any((is_negated(t.head) or t.lower_ == "nobody" or any(is_negated(a) for a in t.head.ancestors))
                   and has_wrongdoing(doc, t.head.i, max(g.i for g in t.head.subtree) + 1) for t in generic)

    def demonstrative_wrong(self, st: Statement) -> bool:
        """Whether a statement's clause is about "these acts", "this crime" or "such abuses" and says
        they were done: a wrong named only by pointing back."""
        doc = self.ctx.doc(st.piece)
        root = doc[st.root] if 0 <= st.root < len(doc) else None
        if root is None or root.pos_ not in ("VERB", "AUX") or is_negated(root):
            return False
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ != "NOUN" or not any(
                c.dep_ in ("det", "amod") and c.lower_ in ("these", "those", "this", "such") for c in subj.children):
            return False
        return root.lemma_.lower() in ("commit", "perpetrate") or has_act_word(doc, st.content[0], st.content[1])

    def dispute_about_named(self, st: Statement, sources: tuple[int, ...]) -> None:
        """"said the claim Reed was a member of ... was completely false", too tangled to read as a
        claim: it disputes the latest allegation about the one it names."""
        lo, hi = st.content
        named = {self.ctx.entity_at[(st.piece, i)] for i in range(lo, hi) if (st.piece, i) in self.ctx.entity_at}
        latest = max((c for lid in named if lid not in sources for c in self.about.get(lid, ())), default=None)
        if latest is None and st.lemma in ("deny", "refute", "dispute") and has_act_word(self.ctx.doc(st.piece), lo, hi):
            # "the chief executive denied that the two were ever targets of its customers": a denial of
            # a wrong with no named doer is the speaker's answer to what is said of their own body
            own = {self.ctx.affiliation_of.get(lid, lid) for lid in sources}
            latest = max((c for lid in own for c in self.about.get(lid, ())
                          if self.supporters.get(c, set()) - set(sources)), default=None)
        if latest is not None:
            for source in sources:
                self.stance(source, latest, "DISPUTES", st.sentence, st.cue)

    def denies_accused(self, found: ClaimFound, st: Statement, sources: tuple[int, ...]) -> bool:
        """"no evidence the attempts had anything to do with the election": a denial about someone
        others accuse here is a dispute, whatever words it uses."""
        if not found.negated or not found.subjects or set(found.subjects) & set(sources) or not any(
                self.supporters.get(c, set()) - set(sources) for lid in found.subjects for c in self.about.get(lid, ())):
            return False
        doc = self.ctx.doc(st.piece)
        head = doc[found.token] if found.token >= 0 else None
        # the clause's own negation or "no evidence" (not "I could not tell her that they ...")
        return head is not None and (is_negated(head) or any(
            t.lemma_.lower() in ("evidence", "proof", "sign", "indication") and any(c.lower_ == "no" for c in t.children)
            for t in doc[st.content[0]:st.content[1]]))

    def accused_account(self, found: ClaimFound, sources: tuple[int, ...]) -> bool:
        """Whether a plain claim is a source's account of itself while others accuse it."""
        if not set(found.subjects) <= set(sources) or not found.subjects:
            return False
        return all(self.about.get(lid) and self.supporters.get(self.about[lid][-1], set()) - {lid} for lid in sources)

    def excusing(self, st: Statement, found: ClaimFound) -> bool:
        """Whether an account plays down what was done: "only mediating", "merely asked", "was kidding"."""
        doc = self.ctx.doc(st.piece)
        if found.token < 0:
            return False
        head = doc[found.token]
        return any(c.lower_ in EXCUSING_ADVERBS for c in head.children) or head.lemma_.lower() in EXCUSING_VERBS or any(
            c.lemma_.lower() in words("cues", "exculpatory") for c in head.children if c.dep_ in ("acomp", "attr"))

    def valenced(self, found: ClaimFound, st: Statement) -> bool:
        """Whether the claim's act phrase names a wrongdoing: its subject and the clauses nested in its
        objects are left out ("infiltration attempts were halted by X" accuses X of nothing)."""
        doc = self.ctx.doc(st.piece)
        if found.token < 0:
            return has_wrongdoing(doc, *st.content)
        head = doc[found.token]
        if head.lemma_.lower() in words("claims", "exposing_verbs"):
            return has_wrongdoing(doc, head.i, head.i + 1)  # "exposed brutality and injustice" accuses the exposer of nothing
        if any(c.dep_ == "attr" and ClaimReader.member_of_wrongdoers(c) for c in head.children):
            return True  # "was part of a ring that took bribes": the group's wrong is the member's
        tokens = act_phrase(head)
        if any(c.dep_ == "agent" for c in head.children) or any(
                c.dep_ == "dobj" and c.lemma_.lower() in MARK_NOUNS for c in head.children):
            # "the scheme was run by X", "the malware bore the hallmarks of X": the subject is the wrong
            tokens = sorted(set(tokens) | {t for c in head.children if c.dep_ in ("nsubjpass", "nsubj") for t in c.subtree},
                            key=lambda t: t.i)
        if head.lemma_.lower() in words("claims", "doer_events"):
            # "attempts by X to break into accounts": what an attempt or campaign is for is its act
            tokens = sorted(set(tokens) | {t for c in head.children if c.dep_ in ("acl", "relcl") for t in c.subtree},
                            key=lambda t: t.i)
        for verb in head.conjuncts:  # "never demanded nor received a bribe": conjuncts sharing the subject
            if verb.pos_ in ("VERB", "AUX") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
                tokens = sorted(set(tokens) | set(act_phrase(verb)), key=lambda t: t.i)
        runs, start = [], tokens[0].i
        for a, b in zip(tokens, tokens[1:] + [None]):
            if b is None or b.i != a.i + 1:
                runs.append((start, a.i + 1))
                start = b.i if b is not None else 0
        return any(has_wrongdoing(doc, lo, hi) for lo, hi in runs)

    def kind_of(self, st: Statement, found: ClaimFound) -> str:
        """The cue's stance; a denied claim ("never recruited") or a dismissive phrase in what the source
        said ("might be too strong", "found no evidence") makes it a dispute."""
        if found.negated:
            return "DISPUTES"
        if st.stance == "ALLEGES":
            doc = self.ctx.doc(st.piece)
            sentence = self.sentences[st.sentence]
            text = normalise(doc[st.content[0]:st.content[1]].text + " " + sentence.text)
            if any(p in text for p in words("cues", "stance_phrases_dispute")):
                return "DISPUTES"
            if any(p in normalise(sentence.text) for p in words("cues", "corroborate_phrases")) and st.lemma in words("cues", "corroborates") | {"back"}:
                return "CORROBORATES"
            if self.cites_another(st):
                return "CORROBORATES"
        return st.stance

    def cites_another(self, st: Statement) -> bool:
        """"The Microsoft post shows that ..., Lind said": a source that puts forward what another's
        report shows backs that report."""
        if st.root < 0:
            return False
        root = self.ctx.doc(st.piece)[st.root]
        if root.lemma_.lower() not in words("claims", "factive"):
            return False
        subj = next((c for c in root.children if c.dep_ == "nsubj" and c.lemma_.lower() in words("frames", "report_nouns")), None)
        if subj is None:
            return False
        owners = {lid for c in subj.children if c.dep_ in ("poss", "compound") for lid in self.ctx.refer(st.piece, c)}
        return bool(owners) and not owners & set(st.sources)

    def backs(self, st: Statement, claim: int, source: int) -> bool:
        """An admission, or an "also said", backs a claim another source alleged before."""
        others = self.supporters.get(claim, set()) - {source}
        if st.kind == "admission":
            return bool(others)
        subjects = set(self.claims[claim].subjects)
        if st.lemma == "testify" and source not in subjects:
            # a witness's testimony about someone others accuse backs their case
            return bool(others) or any(self.supporters.get(c, set()) - {source} for lid in subjects for c in self.about.get(lid, ()))
        doc = self.ctx.doc(st.piece)
        lo, hi = st.content
        cue_tokens = [t for t in doc[max(0, lo - 12):hi] if t.text == st.cue.split(" ")[0]]
        if not any(c.dep_ == "advmod" and c.lower_ in AGREEMENT_ADVERBS for t in cue_tokens for c in t.children):
            return False
        # "also criticised the strike": backing what others allege of the same accused, in any words
        return bool(others) or any(self.supporters.get(c, set()) - {source} for lid in subjects for c in self.about.get(lid, ()))

    def salient_accused(self, sentence: int, kind: str | None) -> tuple[int, ...]:
        """The subjects of the allegation discussed last (within a few sentences), of the right kind
        ("Person", "body" for an agency or organisation, None for either)."""
        for at_sentence, at in reversed(self.recent):
            if sentence - at_sentence > 4:
                break
            subjects = self.claims[at].subjects
            people = [self.ctx.label(lid) == "Person" for lid in subjects]
            if kind is None or (kind == "Person" and all(people)) or (kind == "body" and not any(people)):
                return subjects
        return ()

    def reporting_body(self, st: Statement) -> tuple[int, ...]:
        """"Vexor Labs said it had found three pieces of malware. One of them has been linked to the Red
        Lantern group": an unattributed link right after a body's report of its findings is that body's."""
        if st.kind != "alleged" or st.lemma not in ATTRIBUTION_LEMMAS or self.last_body_speaker is None:
            return ()
        at, sources = self.last_body_speaker
        return sources if 0 < st.sentence - at <= 2 else ()

    def default_accuser(self, sentence: int) -> tuple[int, ...]:
        """The accuser an unattributed "allegedly" or "they face charges" belongs to: the state body that
        accused last (a person's accusation of another act is no one's charge sheet), else the one that
        arrested or charged someone shortly before."""
        if self.agency_accuser:
            return self.agency_accuser
        recent = [bodies for at, bodies in self.ctx.legal_agents if 0 <= sentence - at <= LEGAL_WINDOW]
        return recent[-1] if recent else ()

    # --- references back

    def point_back(self, st: Statement, create: bool = True) -> None:
        sources = st.sources
        if not sources:
            return
        targets = self.targets(st)
        if not targets and st.owner and st.stance == "CORROBORATES":
            targets = self.echoed(st)
        if not targets:
            targets = self.answered(st)
        if not targets and create and st.stance == "DISPUTES" and st.kind in ("denial", "reference"):
            # "Reed and his wife allegedly took bribes ... She has pleaded not guilty": the joint
            # allegation nobody named has made yet is what she denies
            joint = next((f for f in reversed(self.unattributed) if set(sources) & set(f.subjects)), None)
            if joint is not None:
                targets = [self.claim(joint, st.sentence, st.cue)]
        if not targets and create and (st.kind == "denial" or st.kind == "defense" and st.accused and st.stance == "DISPUTES"
                                       or self.rejects_claims_on_self(st)):
            # "X denied any involvement in the attacks", "denied all allegations against the company" with no
            # claim about them before: a claim of its own
            accused = tuple(sorted(st.accused if st.kind == "defense" else sources))
            act = categorise_text(st.topic) or ("involvement" if st.kind == "denial" else "allegation")
            found = ClaimFound(accused, act, act, False,
                               " and ".join(self.ctx.entities[lid].name for lid in accused) + (f": {st.topic}" if st.topic else ""),
                               st.root)
            targets = [self.claim(found, st.sentence, st.cue)]
        for at in targets:
            self.join_co_deniers(st, at)
            kind = st.stance
            if kind == "CORROBORATES" and st.owner and any(self.disputed_by(o, at) for o in st.owner):
                kind = "DISPUTES"  # backing up a denial disputes the claim too
            for source in sources:
                if kind == "DISPUTES" or source not in self.claims[at].subjects:
                    self.stance(source, at, kind, st.sentence, st.cue)

    def join_co_deniers(self, st: Statement, at: int) -> None:
        """"..., which Reed and his wife deny": people who deny a claim together with its accused, in the
        same sentence, are accused in it too."""
        claim = self.claims[at]
        if st.stance != "DISPUTES" or st.root < 0 or self.ctx.doc(st.piece)[st.root].lower_ != "which" \
                or claim.sentence != st.sentence or not set(st.sources) & set(claim.subjects):
            return
        joined = tuple(lid for lid in st.sources if lid not in claim.subjects and self.ctx.label(lid) == "Person")
        if joined:
            self.claims[at] = replace(claim, subjects=tuple(sorted(claim.subjects + joined)))
            for lid in joined:
                self.about[lid].append(at)

    def rejects_claims_on_self(self, st: Statement) -> bool:
        """"X rejected the accusations as a witch hunt" with no accusation told before: the claims the
        story has not told are about X."""
        if st.kind != "reference" or st.stance != "DISPUTES" or st.owner or st.root < 0:
            return False
        noun = self.ctx.doc(st.piece)[st.root]
        return noun.lemma_.lower() in ("accusation", "allegation", "charge", "claim") and noun.tag_ == "NNS" and not any(
            c.dep_ == "prep" and c.lower_ in ("against", "by", "from") for c in noun.children)

    def echoed(self, st: Statement) -> list[int]:
        """"X said Y did Z, backing up claims by W": what X says in the sentence is W's claim too; W
        alleges it and X backs it."""
        owners = [o for o in st.owner if o not in st.sources]
        mine = [at for sentence, at in self.recent if sentence == st.sentence and set(self.supporters.get(at, ())) & set(st.sources)]
        if not mine:
            for sentence, found, original, sources in reversed(self.latent):
                if sentence == st.sentence and set(sources) <= set(st.sources):
                    mine = [self.claim(found, sentence, original.cue)]
                    break
        if not mine or not owners:
            return []
        at = mine[-1]
        for owner in owners:
            self.stance(owner, at, "ALLEGES", st.sentence, st.cue)
        # the source's own words here back the owner's claim rather than make one: its backing replaces them
        self.stances = [x for x in self.stances if not (x.claim == at and x.sentence == st.sentence
                                                        and x.source in st.sources and x.type == "ALLEGES")]
        return [at]

    def disputed_by(self, source: int, claim: int) -> bool:
        return (source, claim, "DISPUTES") in self.seen

    def answered(self, st: Statement) -> list[int]:
        """A plain report that a later statement disputes or backs becomes an allegation: the latest one
        about the answering source, else the latest one nearby by another source."""
        for prefer_self in ((True,) if st.kind == "denial" else (True, False)):
            for sentence, found, original, sources in reversed(self.latent):
                if st.sentence - sentence > 2:
                    break
                if set(sources) & set(st.sources):
                    continue
                if prefer_self and not set(found.subjects) & set(st.sources):
                    continue
                at = self.claim(found, original.sentence, original.cue)
                for source in sources:
                    self.stance(source, at, self.kind_of(original, found), original.sentence,
                                f"{original.cue} / {found.predicate}")
                return [at]
        return []

    def targets(self, st: Statement) -> list[int]:
        """The claims a pointing statement means: its owner's ("Cole's allegations"), else those
        about the source ("denied any wrongdoing"), else the claim discussed last (within a window)."""
        topic = categorise_text(st.topic) if st.topic else None
        if st.kind == "defense":
            return list(dict.fromkeys(c for lid in st.accused for c in self.about.get(lid, [])))[-1:]

        def fit(claims: list[int]) -> list[int]:
            if topic:
                matching = [c for c in claims if self.claims[c].act == topic]
                if matching:
                    return matching
            return claims

        if st.owner and any(o not in st.sources for o in st.owner):
            owned = list(dict.fromkeys(c for o in st.owner for c in self.alleged_by.get(o, [])))
            disputed = [c for o in st.owner for c in self.disputed.get(o, [])]
            if st.stance == "CORROBORATES" and disputed and (not owned or disputed[-1] > owned[-1]):
                return fit(list(dict.fromkeys(disputed))[-1:])  # "backed up the President" after his denial
            about_source = [c for c in owned if set(self.claims[c].subjects) & set(st.sources)]
            if about_source:
                return fit(about_source)
            if not owned:
                return []
            # "backed up X's claims": X's first claim, and the others about the same subjects
            first = set(self.claims[owned[0]].subjects)
            return fit([c for c in owned if set(self.claims[c].subjects) & first])
        about = [c for lid in st.sources for c in self.about.get(lid, [])]
        if about:
            chosen = fit(list(dict.fromkeys(about)))
            return chosen[-1:] if not topic else chosen
        if st.kind == "denial":
            return []
        for sentence, at in reversed(self.recent):
            if st.sentence - sentence > REFERENCE_WINDOW:
                break
            if not set(self.supporters.get(at, set())) <= set(st.sources):
                return fit([at]) if not topic or self.claims[at].act == topic else []
        return []


@cache
def category_names() -> frozenset[str]:
    return frozenset(name for name, _ in act_categories())


def categorise_text(text: str) -> str | None:
    """The act category a few words name ("bribery charges": bribery), if any."""
    low = normalise(text)
    if not low:
        return None
    words_ = set(low.split())
    for name, entries in act_categories():
        if words_ & entries.words or any(w.startswith(entries.stems) for w in words_ if entries.stems) or entries.text(low):
            return name
    return None
