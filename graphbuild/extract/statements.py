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
from .vocab import normalise, speech_lemmas, words
CLAIM_PRONOUNS = frozenset({"it", "this", "that", "them", "these", "those", "which", "what"})
RESTATING = frozenset({"true", "so", "case", "him", "her", "them", "it", "me", "us", "correct", "accurate", "right"})


ADJECTIVE_BODIES = {"congressional": frozenset({"congress", "committee", "house", "senate"}),
                    "parliamentary": frozenset({"parliament", "committee", "assembly"}),
                    "senatorial": frozenset({"senate", "committee"})}
LEGAL_ACTS = frozenset({"arrest", "detain", "charge", "indict", "prosecute", "accuse", "investigate", "raid", "sanction",
                        "designate", "convict"})


def lemma_of(tok: Token) -> str:
    return tok.lemma_.lower()


class StatementFinder(FrameReader):
    """Finds the statements of a document in text order, keeping what later sentences refer back to:
    the author of each report noun ("the lawsuit" is the plaintiff's) and the speaker of each quote."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.authors: dict[str, tuple[int, ...]] = {}  # report-noun lemma -> its author, as last stated
        self.last_author: tuple[tuple[int, ...], int] | None = None  # the author named last, and its sentence
        self.accusers: list[tuple[int, ...]] = []  # sources of accusations so far
        self._lowered: tuple[tuple[int, int], str] = ((-1, -1), "")

    # --- sources

    def report_author(self, piece: int, noun: Token) -> tuple[int, ...]:
        """Who produced a report-like noun: "the committee's report", "an FBI inquiry", "the review by
        X", "X released the report", or, named before, "the lawsuit" (the plaintiff's)."""
        ctx = self.ctx
        lemma = noun.lemma_.lower()
        if lemma not in words("frames", "report_nouns") and noun.lower_ not in words("frames", "report_nouns"):
            return ()
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "nmod", "amod"):
                found = ctx.refer(piece, child) if child.dep_ == "poss" else tuple(
                    ctx.entity_at[(piece, t.i)] for t in (child, *child.conjuncts) if (piece, t.i) in ctx.entity_at)
                found = tuple(lid for lid in found if ctx.is_party(lid))  # "congressional and FBI investigations"
                if not found and child.lower_ in ADJECTIVE_BODIES:
                    found = self.body_of_adjective(child.lower_)  # "a congressional report": the committee's
                if found:
                    self.authors[lemma] = found
                    self.last_author = (found, ctx.sentence_of(piece, noun.i))
                    return found
            if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "from", "of"):
                for obj in child.children:
                    found = tuple(lid for lid in ctx.refer_phrase(piece, obj) if ctx.is_party(lid)) if obj.dep_ == "pobj" else ()
                    if found:
                        self.authors[lemma] = found
                        return found
            if child.dep_ == "acl" and child.lemma_.lower() in words("frames", "author_verbs"):
                found = tuple(lid for a in ctx.agent_tokens(child) for lid in ctx.refer_phrase(piece, a))
                if found:
                    self.authors[lemma] = found
                    return found
        head = noun
        while head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head.head  # "the final volume of its investigation"
        if head.dep_ == "dobj" and head.head.lemma_.lower() in words("frames", "author_verbs"):
            found, _ = ctx.governing_subject(piece, head.head)
            found = tuple(lid for lid in found if ctx.is_party(lid))
            if found:
                self.authors[lemma] = found
                self.last_author = (found, ctx.sentence_of(piece, noun.i))
                return found
        if lemma in self.authors:
            return self.authors[lemma]
        if lemma in words("frames", "accuser_documents") and self.accusers:
            return self.accusers[-1]
        return ()

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

    def body_of_adjective(self, adjective: str) -> tuple[int, ...]:
        """The body an adjective stands for in this document ("congressional": its congressional
        committee, else Congress), the most mentioned one whose name holds one of its words."""
        ctx = self.ctx
        wanted = ADJECTIVE_BODIES[adjective]
        candidates = [e.lid for e in ctx.entities if e.label == "Agency" and ctx.mentioned.get(e.lid)
                      and set(e.name.lower().replace(",", " ").split()) & wanted]
        if not candidates:
            return ()
        return (max(candidates, key=lambda lid: ("committee" in ctx.entities[lid].name.lower(), ctx.mentioned[lid], -lid)),)

    def note_authorship(self, piece: int, sent: Span) -> None:
        """Record who made the report-like nouns of a sentence, and who sued or charged whom, so a
        later "the lawsuit said" or "the indictment says" speaks for them."""
        ctx = self.ctx
        for tok in sent:
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in words("frames", "report_nouns"):
                self.report_author(piece, tok)
            if tok.pos_ == "VERB" and tok.lemma_.lower() in LEGAL_ACTS and not is_negated(tok):
                # "police said they arrested nine people": the body a later "they face charges" answers to
                bodies = tuple(lid for lid in ctx.governing_subject(piece, tok)[0] if ctx.label(lid) == "Agency")
                if bodies:
                    ctx.legal_agents.append((ctx.sentence_of(piece, tok.i), bodies))
            if tok.pos_ == "VERB" and tok.lemma_.lower() in ("sue", "indict", "charge", "prosecute"):
                found, _ = ctx.governing_subject(piece, tok)
                found = tuple(lid for lid in found if ctx.is_party(lid))
                if found:
                    nouns = {"sue": ("lawsuit", "suit", "complaint")}.get(tok.lemma_.lower(),
                                                                         ("indictment", "charges", "charge", "documents", "complaint"))
                    for noun in nouns:
                        self.authors[noun] = found

    # --- one sentence

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
                      or self.frame(piece, tok, sent, index) or self.speech(piece, tok, sent, index))
                if st is not None:
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
        for st in out:
            if st.accusing and st.sources:
                self.accusers.append(st.sources)
        return out

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
        neutral = lemma not in words("cues", "strong")
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
            start, end = token_range(content)
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
        if subj is None or pred is None or subj.lemma_.lower() not in words("frames", "claim_nouns") or subj.lower_ in CLAIM_PRONOUNS:
            return None
        if pred.lemma_.lower() not in words("cues", "dispute_predicates") or is_negated(clause):
            return None
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

    def clause_of_report(self, verb: Token) -> Token | None:
        """"charged in a lawsuit that ...", "said in a statement that ...", "published an article that
        ...": the that-clause of the report the cue names."""
        for obj in verb.children:
            if obj.dep_ == "dobj" and obj.lemma_.lower() in words("frames", "report_nouns"):
                for clause in obj.children:
                    if clause.dep_ in ("relcl", "acl", "ccomp") and clause.left_edge.lower_ == "that" and \
                            not any(c.dep_ in ("nsubj", "dobj") and c.lower_ == "that" for c in clause.children):
                        return clause
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "through", "via"):
                continue
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in words("frames", "report_nouns"):
                    for clause in noun.children:
                        if clause.dep_ in ("relcl", "acl") and clause.left_edge.lower_ == "that":
                            return clause
        return None

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

    def according(self, piece: int, tok: Token, sent: Span, index: int) -> Statement | None:
        """"According to X, ...": X puts forward the clause the phrase belongs to."""
        ctx = self.ctx
        to = tok.nbor(1)
        target = next((c for c in to.children if c.dep_ == "pobj"), None)
        if target is None:
            target = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if target is None:
            return None
        sources = tuple(lid for lid in ctx.refer_phrase(piece, target) if ctx.is_party(lid))
        if not sources:
            sources = self.report_author(piece, target)
        if not sources:
            return None
        clause = tok.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        start, end = token_range(clause, frozenset({tok.i}))
        if not start <= tok.i < end:
            start, end = sent.start, sent.end
        return Statement(sources, "according", "ALLEGES", "according to", index, piece, (start, end), clause.i)

    def claim_noun(self, piece: int, noun: Token, sent: Span, index: int) -> Statement | None:
        """"X's claim that ...", "allegations by X that ...": the owner puts the clause forward."""
        ctx = self.ctx
        if noun.lower_ in CLAIM_PRONOUNS:
            return None
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "appos") and c.pos_ in ("VERB", "AUX")
                       and any(m.lower_ == "that" for m in c.children if m.dep_ in ("mark", "nsubj", "dobj"))), None)
        if clause is None:
            return None
        owner: tuple[int, ...] = ()
        for child in noun.children:
            if child.dep_ == "poss":
                owner = tuple(lid for lid in ctx.refer(piece, child) if ctx.is_party(lid))
            elif child.dep_ == "prep" and child.lower_ in ("by", "from", "in"):
                # "allegations by X that", "claims in the Journal that": in a publication, its own
                owner = tuple(lid for g in child.children if g.dep_ == "pobj" for lid in ctx.refer_phrase(piece, g)
                              if ctx.is_party(lid) and (child.lower_ != "in" or ctx.label(lid) == "Organization"))
        if not owner:
            return None
        verb = noun.head
        if cue_class(verb) == "DISPUTES" and set(owner) & set(self.ctx.governing_subject(piece, verb)[0]):
            return None  # "repudiated his earlier assertions that ...": his stance now is the dispute
        return Statement(owner, "speech", "ALLEGES", noun.text, index, piece, token_range(clause), clause.i)

    def alleged(self, piece: int, adverb: Token, sent: Span, index: int) -> Statement | None:
        """"Y allegedly bribed Z": the claim of whoever the story names as accuser (found later)."""
        verb = adverb.head
        if verb.pos_ not in ("VERB", "AUX") or is_supposed(verb, sent):
            return None
        if adverb.lower_ in words("frames", "reported_adverbs"):
            return None
        return Statement((), "alleged", "ALLEGES", adverb.text, index, piece, token_range(verb), verb.i)
