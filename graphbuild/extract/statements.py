"""Statements: who puts what forward, sentence by sentence.

A statement is a named source, a cue and the tokens of what the source put forward. It comes from
a verb of saying with its subject ("X said that ..."), "according to X", an accusation frame ("X
accused Y of Z", "Y was charged with Z"), a claim noun with its owner ("X's claim that ..."), a
narrative "allegedly", or a quote whose speaker is named in the sentence, the next or the one before.
Sources are resolved through the document's context: pronouns, "the company", "prosecutors", "the
report" (its author), "a Kremlin spokesman" (the Kremlin). A source the text does not name gives no
statement, except the accusation frames and "allegedly", whose accuser the stance stage finds.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from .acts import has_wrongdoing
from .context import DocContext, is_copula
from .frames import FrameReader
from .grammar import cue_class, declined, is_negated, is_supposed, mistagged_verb, names_an_act, token_range
from .model import Statement
from .pronouns import PERSON_PRONOUNS, PLURAL_PRONOUNS
from .reports import CLAIM_PRONOUNS, ReportReader
from .vocab import normalise, speech_lemmas, words
RESTATING = frozenset({"true", "so", "case", "him", "her", "them", "it", "me", "us", "correct", "accurate", "right"})
LEGAL_FILINGS = frozenset({"lawsuit", "suit", "complaint", "indictment", "filing", "affidavit", "petition", "testimony"})
DISMISSIVE_NAMES = frozenset({"hunt", "witch", "conspiracy", "theory", "fantasy", "propaganda", "falsehood", "garbage", "rubbish", "fabrication", "farce", "sham"})


def lemma_of(tok: Token) -> str:
    return tok.lemma_.lower()


def in_legal_filing(verb: Token) -> bool:
    """"In her lawsuit, X says ...", "X said in the complaint that ...": what a filing says accuses."""
    return any(c.dep_ == "prep" and c.lower_ == "in" and any(g.dep_ == "pobj" and g.lemma_.lower() in LEGAL_FILINGS
                                                             for g in c.children) for c in verb.children)


class StatementFinder(FrameReader, ReportReader):
    """Finds the statements of a document in text order, keeping what later sentences refer back to:
    the author of each report noun ("the lawsuit" is the plaintiff's) and the speaker of each quote."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.authors: dict[str, tuple[int, ...]] = {}  # report-noun lemma -> its author, as last stated
        self.last_author: tuple[tuple[int, ...], int] | None = None  # the author named last, and its sentence
        self.accusers: list[tuple[int, ...]] = []  # sources of accusations so far
        self._lowered: tuple[tuple[int, int], str] = ((-1, -1), "")

    # --- sources

    def sources(self, piece: int, verb: Token) -> tuple[tuple[int, ...], Token | None]:
        """The named sources of a cue verb, and its subject token: the subject itself (pronouns,
        descriptions and spokespeople resolved), or the author of a report noun subject."""
        ctx = self.ctx
        found, subj = ctx.governing_subject(piece, verb)
        if not found and subj is not None:
            noun = subj
            if subj.lower_ in ("which", "that") and subj.head.dep_ == "relcl":
                noun = subj.head.head  # "its investigation, which concluded that ..."
                while noun.dep_ == "appos" or (noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.lemma_.lower()
                                               not in words("frames", "report_nouns")):
                    noun = noun.head.head if noun.dep_ == "pobj" else noun.head
            found = self.report_author(piece, noun)
        finding = verb.lemma_.lower() in speech_lemmas() | words("frames", "accuse")
        if subj is not None and subj.lower_ == "it" and self.last_author is not None and (not found or finding) \
                and ctx.sentence_of(piece, verb.i) - self.last_author[1] <= 2:
            found = self.last_author[0]  # "... led a team that probed ... But it found": the team's, its leader's
        return tuple(lid for lid in found if ctx.is_party(lid)), subj

    def sentence(self, piece: int, sent: Span, index: int) -> list[Statement]:
        self.note_authorship(piece, sent)
        out: list[Statement] = []
        for tok in sent:
            if tok.lower_ == "according" and tok.i + 1 < sent.end and tok.nbor(1).lower_ == "to":
                st = self.according(piece, tok, sent, index)
                if st is not None:
                    out.append(st)
            elif tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.tag_ == "VBN") or mistagged_verb(tok):
                st = (self.plea(piece, tok, index) or self.legal_action(piece, tok, sent, index)
                      or self.faces(piece, tok, sent, index) or self.defense(piece, tok, sent, index)
                      or self.frame(piece, tok, sent, index) or self.called_claims(piece, tok, sent, index)
                      or self.speech(piece, tok, sent, index))
                if st is not None:
                    self.said_of(piece, tok, st)
                    out.append(st)
            elif tok.pos_ == "NOUN" and tok.lemma_.lower() in words("frames", "claim_nouns"):
                st = self.claim_noun(piece, tok, sent, index)
                if st is not None:
                    out.append(st)
            elif tok.pos_ == "NOUN":
                st = self.denial_noun(piece, tok, index)
                if st is not None:
                    out.append(st)
            if tok.lower_ in words("frames", "alleged_adverbs") and tok.dep_ == "advmod":
                st = self.alleged(piece, tok, sent, index)
                if st is not None:
                    out.append(st)
        colon = self.colon_quote(piece, sent, index, out)
        if colon is not None:
            out.append(colon)
        out = self.sentential_relatives(piece, out)
        out = [st for st in out if not (st.kind == "according" and any(
            o is not st and o.sources and o.kind in ("speech", "quote") and st.content[0] <= o.root < st.content[1]
            for o in out))]  # "'...,' Trump told Hale, according to a book by X": Trump's
        according = [st.sources for st in out if st.kind == "according"]
        if according:
            # "Y is accused of Z, according to the DOJ": the accusation is the DOJ's
            out = [replace(st, sources=according[0], kind="accusation") if st.kind == "alleged" else st for st in out]
        out = [self.reported_accusation(st, out) for st in out]
        for st in out:
            if st.accusing and st.sources:
                self.accusers.append(st.sources)
        return out

    @staticmethod
    def reported_accusation(st: Statement, found: list[Statement]) -> Statement:
        """"Y was arrested on suspicion of Z, the FBI said": an unattributed accusation that a speaker of
        the same sentence reports is the speaker's."""
        if st.kind != "alleged" or st.sources or st.lemma not in words("frames", "accuse"):
            return st  # an "allegedly" keeps the claim at arm's length, also in a speaker's words
        anchor = st.act if st.act >= 0 else st.root
        speaker = next((o for o in found if o.kind == "speech" and o.sources and o.stance == "ALLEGES"
                        and o.content[0] <= anchor < o.content[1] and o.piece == st.piece), None)
        return replace(st, sources=speaker.sources, kind="accusation") if speaker is not None else st

    def sentential_relatives(self, piece: int, found: list[Statement]) -> list[Statement]:
        """"X said Y is a contractor, which confirms statements made by Z": the ", which" clause speaks
        for the statement it closes (X), not for the noun before it."""
        doc = self.ctx.doc(piece)
        out = []
        for st in found:
            cue = doc[st.root].head if st.reference and st.root >= 0 else None
            if cue is not None and cue.dep_ == "relcl":
                subj = next((c for c in cue.children if c.dep_ == "nsubj" and c.lower_ == "which"), None)
                outer = [o for o in found if o is not st and o.sources and o.content[0] <= cue.i < o.content[1]
                         and doc[subj.i - 1].text == "," ] if subj is not None and subj.i > 0 else []
                if outer:
                    st = replace(st, sources=outer[0].sources)
            out.append(st)
        return out

    def colon_quote(self, piece: int, sent: Span, index: int, found: list[Statement]) -> Statement | None:
        """"X dropped the bombshell: “...”": the subject of the clause a colon hands to a quote."""
        qmap = self.ctx.quotes[piece]
        colon = next((t for t in sent if t.text == ":" and t.i + 1 < sent.end and qmap.inside(t.i + 1)), None)
        if colon is None or any(st.content[0] <= colon.i + 1 < st.content[1] for st in found):
            return None
        verb = colon.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        sources, _ = self.sources(piece, verb)
        if not sources:
            return None
        return Statement(sources, "quote", "ALLEGES", verb.text + ":", index, piece, (colon.i + 1, sent.end), -1,
                         neutral=True, lemma=verb.lemma_.lower())

    def lowered(self, sent: Span) -> str:
        """A sentence's text, lower-cased for phrase matching, worked out once."""
        key = (sent.start, sent.end)
        if self._lowered[0] != key:
            self._lowered = (key, normalise(sent.text))
        return self._lowered[1]

    def speech(self, piece: int, verb: Token, sent: Span, index: int) -> Statement | None:
        """"X said that ...", "“...,” X said", "X denied the allegations", "X confirmed the attack"."""
        ctx = self.ctx
        stance = cue_class(verb)
        if stance is None or is_negated(verb) or is_supposed(verb, sent) or declined(verb):
            return None
        if stance != "DISPUTES" and any(p in self.lowered(sent) for p in words("cues", "no_stance")):
            if self.refusal_governs(verb, sent):
                return None
        sources, subj = self.sources(piece, verb)
        if not sources:
            return None
        lemma = verb.lemma_.lower()
        neutral = lemma not in words("cues", "strong") and not in_legal_filing(verb)
        content = next((c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX", "NOUN", "ADJ")), None)
        if content is not None and any(c.dep_ == "dobj" and c.lower_ == "what" for c in content.children):
            # "denounced what it said was the killing of its staff": the second clause is what is condemned
            named = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > content.i and is_copula(c)), None)
            if named is not None:
                content = named
                if lemma_of(verb) in words("cues", "weak_disputes"):
                    stance = "ALLEGES"
        if content is None and lemma in words("cues", "infinitive"):
            content = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        if content is None:
            content = next((c for c in verb.children if c.dep_ == "parataxis"), None)
        if content is None:
            content = self.clause_of_report(verb)
        if content is None and verb.dep_ == "conj" and verb.head.i < verb.i and verb.head.pos_ in ("VERB", "AUX") \
                and lemma_of(verb) in words("cues", "quoting") | words("claims", "factive") \
                and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children) \
                and any(t.text == "," for t in verb.doc[verb.head.i:verb.i]):
            content = verb.head  # "It interfered in the campaign, investigations found": the clause before
        aside = frozenset()
        if content is None and verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i > verb.i \
                and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) \
                and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
            content, aside = verb.head, frozenset({verb.i})  # "As X noted, Y took bribes": the clause it glosses
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr")), None)
        if obj is None and stance != "ALLEGES":
            # "Her account was criticised by X": the passive subject is the claim
            obj = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.lemma_.lower() in words("frames", "claim_nouns")), None)
        if obj is None:
            obj = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("at", "against", "on", "off", "to", "about")
                        for g in c.children if g.dep_ == "pobj"), None)
        if obj is not None and lemma in words("cues", "weak_disputes") and self.names_a_wrong(obj):
            # "condemned the killing", "criticised the strike": condemning a wrong alleges it
            start, end = token_range(obj)
            return Statement(sources, "speech", "ALLEGES", verb.text, index, piece, (start, end), obj.i, lemma=lemma)
        if content is None and obj is not None:
            clause = next((c for c in obj.children if c.dep_ in ("acl", "ccomp", "relcl") and any(
                m.lower_ == "that" and m.dep_ in ("mark", "nsubj") for m in c.children)), None)
            if clause is not None and obj.lemma_.lower() in words("frames", "claim_nouns"):
                content = clause  # "denied claims that he agreed to ..."
            elif obj.lemma_.lower() in words("frames", "claim_nouns") or obj.lower_ in CLAIM_PRONOUNS:
                if lemma in words("cues", "weak_disputes") and obj.lower_ in CLAIM_PRONOUNS:
                    return None
                return self.reference(piece, verb, obj, sources, stance, index)
            elif stance != "ALLEGES" and (piece, obj.i) in ctx.entity_at and ctx.is_party(ctx.entity_at[(piece, obj.i)]) \
                    or stance != "ALLEGES" and obj.pos_ in ("NOUN", "PROPN") and ctx.refer(piece, obj) and not names_an_act(obj) \
                    and lemma not in words("cues", "weak_disputes"):
                # "was quick to back up Lind", "contradicted Baker": a stance on what they said
                owner = tuple(lid for lid in ctx.refer_phrase(piece, obj) if ctx.is_party(lid))
                return Statement(sources, "reference", stance, f"{verb.text} … {obj.text}", index, piece,
                                 token_range(obj), obj.i, reference=True, owner=owner, lemma=lemma)
            elif obj.lemma_.lower() in words("frames", "involvement_nouns"):
                return Statement(sources, "denial", stance, verb.text, index, piece, token_range(obj), obj.i,
                                 reference=True, owner=sources, topic=self.topic_of(piece, obj))
            elif lemma not in words("cues", "clausal_only") and lemma not in words("cues", "weak_disputes") and names_an_act(obj):
                content = obj  # "confirmed the attack", "denied hacking"
        if content is not None and self.called_false_after(verb, content):
            # "said the claim X was a member of the militia was completely false", parsed as two clauses
            return Statement(sources, "speech", "DISPUTES", f"{verb.text} … false", index, piece,
                             token_range(content), content.i)
        rejected = self.rejected_claim(piece, content) if content is not None else None
        if rejected is not None:
            # "said the claim that Y was a spy was false": the claim's own clause, disputed
            clause, owner = rejected
            if clause is None:
                return Statement(sources, "reference", "DISPUTES", f"{verb.text} … {content.text}", index, piece,
                                 token_range(content), content.i, reference=True, owner=owner)
            return Statement(sources, "speech", "DISPUTES", f"{verb.text} … {content.text}", index, piece,
                             token_range(clause), clause.i)
        if content is not None and stance == "ALLEGES" and self.exculpates(content):
            # "she was unaware of the payments", "the practices were normal": a defence against the claim
            return Statement(sources, "reference", "DISPUTES", f"{verb.text} … {content.text}", index, piece,
                             token_range(content), content.i, reference=True, lemma=lemma)
        if content is not None and self.restates(content):
            # "denied it was him", "confirmed that this was true": a stance on the claim under discussion
            return Statement(sources, "reference", stance, f"{verb.text} … {content.text}", index, piece,
                             token_range(content), content.i, reference=True)
        if content is None and obj is None and verb.dep_ == "relcl" and stance != "ALLEGES" \
                and verb.head.lemma_.lower() in words("frames", "claim_nouns") and verb.head.lower_ not in CLAIM_PRONOUNS:
            # "..., a claim the station rejected": a stance on the claim the noun stands for
            return self.reference(piece, verb, verb.head, sources, stance, index)
        if content is None and lemma in words("cues", "weak_disputes"):
            return None  # "slammed the decision": criticism, not a stance on a claim
        if content is None:
            quote = self.adjacent_quote(piece, verb, sent) if lemma in words("cues", "quoting") else None
            if quote is None:
                return None
            kind = "quote"
            start, end = quote
            root = -1
        else:
            kind = "speech"
            start, end = token_range(content, aside)
            root = content.i
        if stance == "ALLEGES" and lemma in words("cues", "admissions"):
            kind = "admission"
        return Statement(sources, kind, stance, verb.text, index, piece, (start, end), root,
                         neutral=(neutral or kind == "admission") and stance == "ALLEGES",
                         accusing=stance == "ALLEGES" and lemma in words("frames", "accusers"), lemma=lemma)

    def rejected_claim(self, piece: int, clause: Token) -> tuple[Token | None, tuple[int, ...]] | None:
        """"the allegations were baseless", "the claim that X did Z was false": the claim's clause (if
        it has one) and its owner, for a copula that calls a claim noun false."""
        if not is_copula(clause):
            return None
        subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        pred = next((c for c in clause.children if c.dep_ in ("acomp", "attr")), None)
        without = next((g for c in clause.children if c.dep_ == "prep" and c.lower_ == "without" for g in c.children
                        if g.dep_ == "pobj" and g.lemma_.lower() in ("merit", "basis", "foundation", "substance")), None)
        if subj is not None and subj.lower_ in ("this", "it") and pred is not None and pred.dep_ == "attr" \
                and pred.lemma_.lower() in words("frames", "claim_nouns") and not is_negated(clause) and any(
                    c.dep_ in ("amod", "compound") and c.lemma_.lower() in words("cues", "dispute_predicates")
                    for c in pred.children):
            return None, ()  # "this is a frivolous suit", "it was a politically motivated charge"
        if subj is None or pred is None and without is None or subj.lemma_.lower() not in words("frames", "claim_nouns") \
                or subj.lower_ in CLAIM_PRONOUNS:
            return None
        if pred is not None and pred.lemma_.lower() not in words("cues", "dispute_predicates") or is_negated(clause):
            return None  # "the lawsuit was without merit" is a dispute too
        inner = next((c for c in subj.children if c.dep_ in ("acl", "ccomp", "relcl", "appos") and c.pos_ in ("VERB", "AUX")), None)
        owner = tuple(lid for c in subj.children if c.dep_ == "poss" for lid in self.ctx.refer(piece, c) if self.ctx.is_party(lid))
        return inner, owner

    @staticmethod
    def called_false_after(verb: Token, content: Token) -> bool:
        """A clause whose subject is a claim noun ("the claim X was ...") with a later copula calling it
        false, under the same verb or inside the clause: the parse split "the claim that X was ... was
        false" in two."""
        subj = next((c for c in content.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.lemma_.lower() not in words("frames", "claim_nouns") or subj.lower_ in CLAIM_PRONOUNS:
            return False
        for cop in (c for c in [*verb.children, *content.subtree] if c.dep_ == "ccomp" and c.i > content.i and is_copula(c)):
            pred = next((c for c in cop.children if c.dep_ in ("acomp", "attr")), None)
            if pred is not None and pred.lemma_.lower() in words("cues", "dispute_predicates") and not is_negated(cop):
                return True
        return False

    def exculpates(self, clause: Token) -> bool:
        """A copula calling something innocent: "was unaware of", "were professional", "is legal"."""
        if not is_copula(clause) or is_negated(clause):
            return False
        pred = next((c for c in clause.children if c.dep_ in ("acomp", "attr")), None)
        return pred is not None and pred.lower_ in words("cues", "exculpatory")

    def restates(self, clause: Token) -> bool:
        """"it was him", "that is true", "this was the case": a clause that only points back."""
        if not is_copula(clause):
            return False
        subj = next((c for c in clause.children if c.dep_ in ("nsubj", "expl")), None)
        pred = next((c for c in clause.children if c.dep_ in ("attr", "acomp")), None)
        return subj is not None and pred is not None and subj.lower_ in ("it", "this", "that") and \
            pred.lower_ in RESTATING and not any(c.dep_ in ("ccomp", "xcomp") for c in clause.children)

    def refusal_governs(self, verb: Token, sent: Span) -> bool:
        """Whether a "declined to comment" of the sentence is this cue's own clause."""
        for anc in [verb, *verb.ancestors]:
            if anc.lemma_.lower() in ("decline", "refuse", "respond", "reach", "comment", "return"):
                return True
        return False

    def names_a_wrong(self, noun: Token) -> bool:
        """"the killing", "the strike", "this massacre": a noun of a wrongful act or of an event of one."""
        if noun.pos_ not in ("NOUN", "PROPN"):
            return False
        return has_wrongdoing(noun.doc, noun.i, noun.i + 1) or noun.lemma_.lower() in words("claims", "doer_events")

    def said_of(self, piece: int, verb: Token, st: Statement) -> None:
        """"'He stole from them,' Ruiz said of Reed": the pronouns of the quote are the one it is said of."""
        if st.kind not in ("speech", "quote") or verb.lemma_.lower() not in ("say", "write", "tell", "add"):
            return
        # "said of X", also when the parse hung the "of" on a date between ("said on April 13, 2017, of X")
        ofs = [t for t in verb.subtree if t.dep_ == "prep" and t.lower_ == "of" and t.i > verb.i and (
            t.head.i == verb.i or t.head.ent_type_ in ("DATE", "TIME", "CARDINAL") and t.i < st.content[0])]
        objects = [g for c in ofs for g in c.children if g.dep_ == "pobj"]
        about = tuple(lid for g in objects for lid in self.ctx.refer_phrase(piece, g) if self.ctx.is_party(lid))
        if not about or set(about) & set(st.sources):
            return
        people = all(self.ctx.label(lid) == "Person" for lid in about)
        group = any(g.conjuncts for g in objects)  # "of Mr Reed and his colleagues": "they" is the group
        wanted = (PERSON_PRONOUNS if people and len(about) == 1 else frozenset()) | (
            PLURAL_PRONOUNS if len(about) > 1 or not people or group else frozenset())
        doc = self.ctx.doc(piece)
        quoted = [i for i in range(*st.content) if self.ctx.inside_quote(piece, i)]
        if not quoted:
            return
        # the whole quote, also where it runs on past the sentence ("... justice. They may have believed ...")
        quote, end = self.ctx.quote_of(piece, quoted[0]), quoted[0]
        while end < len(doc) and (not self.ctx.inside_quote(piece, end) or self.ctx.quote_of(piece, end) == quote) \
                and (self.ctx.inside_quote(piece, end) or end < st.content[1]):
            end += 1
        for i in range(quoted[0], end):
            if doc[i].lower_ in wanted and self.ctx.inside_quote(piece, i) and self.ctx.quote_of(piece, i) == quote:
                self.ctx.pronoun_of[(piece, i)] = about

    def called_claims(self, piece: int, verb: Token, sent: Span, index: int) -> Statement | None:
        """"called the claims baseless", "branded the allegations a lie": a dispute of the claims named."""
        if verb.lemma_.lower() not in ("call", "brand", "label", "dismiss", "describe") or is_negated(verb) or is_supposed(verb, sent):
            return None
        noun = next((c for c in verb.children if c.dep_ == "dobj" and (c.lemma_.lower() in words("frames", "claim_nouns")
                                                                      or c.lower_ in CLAIM_PRONOUNS)), None)
        named = next((c for c in verb.children if c.dep_ in ("oprd", "ccomp", "xcomp", "dobj") and noun is not None
                      and c.i > noun.i), None)
        if named is None:
            named = next((g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children
                          if g.dep_ == "pobj"), None)  # "dismissed the claims as nonsense"
        if noun is None or named is None:
            return None
        lemmas = {t.lemma_.lower() for t in named.subtree}
        if not lemmas & (words("cues", "dispute_predicates") | DISMISSIVE_NAMES):
            return None
        sources, _ = self.sources(piece, verb)
        if not sources:
            return None
        return self.reference(piece, verb, noun, sources, "DISPUTES", index)

    def reference(self, piece: int, verb: Token, noun: Token, sources: tuple[int, ...], stance: str,
                  index: int) -> Statement:
        """A stance on a claim named by a noun: "denied Cole's allegations", "rejected the charges"."""
        ctx = self.ctx
        owner: tuple[int, ...] = ()
        against = tuple(lid for c in noun.children if c.dep_ == "prep" and c.lower_ == "against"
                        for g in c.children if g.dep_ == "pobj" for lid in ctx.refer_phrase(piece, g) if ctx.is_party(lid))
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "nmod") or child.dep_ == "amod" and (piece, child.i) in ctx.entity_at:
                owner = tuple(lid for lid in ctx.refer(piece, child) if ctx.is_party(lid))
                if owner and set(owner) <= set(sources) and child.pos_ == "PRON":
                    owner = ctx.refer_other(piece, child, set(sources))  # "X backed up his story": not X's own
            elif child.dep_ == "prep" and child.lower_ in ("by", "from"):
                owner = tuple(lid for g in child.children if g.dep_ == "pobj" for lid in ctx.refer_phrase(piece, g))
            elif child.dep_ == "acl" and not owner:  # "statements made by X"
                owner = tuple(lid for a in ctx.agent_tokens(child) for lid in ctx.refer_phrase(piece, a) if ctx.is_party(lid))
        # "denied all allegations against the company": a stance on what is alleged of the company
        return Statement(sources, "defense" if against and stance == "DISPUTES" else "reference", stance,
                         f"{verb.text} … {noun.text}", index, piece, token_range(noun), noun.i, reference=True,
                         owner=owner, topic=self.topic_of(piece, noun), accused=against)

    def topic_of(self, piece: int, noun: Token) -> str:
        """The words that say what a claim noun is about: "the bribery charges", "allegations of fraud",
        "involvement in the attacks"."""
        parts = [c.text for c in noun.children if c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "ADJ", "VERB")
                 and (piece, c.i) not in self.ctx.entity_at]
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "in", "about", "over", "that", "with", "for"):
                parts += [t.text for t in prep.subtree if t.i != prep.i]
        return " ".join(parts)

    def adjacent_quote(self, piece: int, verb: Token, sent: Span) -> tuple[int, int] | None:
        """The quote a verb of saying with no complement introduces or closes in its sentence."""
        ctx = self.ctx
        qmap = ctx.quotes[piece]
        if qmap.inside(verb.i):
            return None
        quoted = [t.i for t in sent if qmap.inside(t.i)]
        if not quoted:
            return None
        before = [i for i in quoted if i < verb.i]
        after = [i for i in quoted if i > verb.i]
        # "“...,” he said": the quote ends a few tokens before the verb; "he said: “...”" after it
        if before and verb.i - before[-1] <= 4:
            q = qmap.quote(before[-1])
        elif after and after[0] - verb.i <= 7:
            q = qmap.quote(after[0])
        else:
            return None
        span = [i for i in quoted if qmap.quote(i) == q]
        return span[0], span[-1] + 1

    def alleged(self, piece: int, adverb: Token, sent: Span, index: int) -> Statement | None:
        """"Y allegedly bribed Z": the claim of whoever the story names as accuser (found later)."""
        verb = adverb.head
        if verb.pos_ not in ("VERB", "AUX") or is_supposed(verb, sent):
            return None
        if adverb.lower_ in words("frames", "reported_adverbs"):
            return None
        return Statement((), "alleged", "ALLEGES", adverb.text, index, piece, token_range(verb), verb.i)
