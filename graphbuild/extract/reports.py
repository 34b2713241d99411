"""Reports and their authors: who wrote or filed the report a statement cites ("the committee's
report", "an FBI inquiry", "the indictment filed by prosecutors from X", "the lawsuit" of the
plaintiff named before), "according to X", and "X's allegation that ...". A mixin of
:class:`graphbuild.extract.statements.StatementFinder`.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from .grammar import cue_class, is_negated, token_range
from .model import Statement
from .vocab import has_act_word, speech_lemmas, words

CLAIM_PRONOUNS = frozenset({"it", "this", "that", "them", "these", "those", "which", "what"})
ADJECTIVE_BODIES = {"congressional": frozenset({"congress", "committee", "house", "senate"}),
                    "parliamentary": frozenset({"parliament", "committee", "assembly"}),
                    "senatorial": frozenset({"senate", "committee"})}
LEGAL_ACTS = frozenset({"arrest", "detain", "charge", "indict", "prosecute", "accuse", "investigate", "raid", "sanction",
                        "designate", "convict"})


class ReportReader:
    """Authors of reports and the statements they make; expects StatementFinder's ctx, authors,
    accusers, last_author and sources."""

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
                if not found and ctx.agent_tokens(child):
                    # "the indictment filed by prosecutors from the Justice Department": the body the parse
                    # hung on the verb
                    found = tuple(lid for p in child.children if p.dep_ == "prep" and p.lower_ in ("from", "at", "in")
                                  for g in p.children if g.dep_ == "pobj" for lid in ctx.refer_phrase(piece, g)
                                  if ctx.label(lid) in ("Agency", "Organization"))
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
        if noun.dep_ == "nsubj" and noun.head.dep_ in ("ccomp", "parataxis") and noun.head.head.lemma_.lower() in speech_lemmas():
            # "The indictment accuses X of Z, the Justice Department said": the speaker's document
            found, _ = ctx.governing_subject(piece, noun.head.head)
            found = tuple(lid for lid in found if ctx.is_party(lid))
            if found:
                return found
        if lemma in self.authors:
            return self.authors[lemma]
        if lemma in words("frames", "accuser_documents") and self.accusers:
            return self.accusers[-1]
        return ()

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

    def clause_of_report(self, verb: Token) -> Token | None:
        """"charged in a lawsuit that ...", "said in a statement that ...", "published an article that
        ...": the that-clause of the report the cue names."""
        for obj in verb.children:
            if obj.dep_ == "dobj" and obj.lemma_.lower() in words("frames", "report_nouns"):
                for clause in obj.children:
                    if clause.dep_ in ("relcl", "acl", "ccomp") and clause.left_edge.lower_ == "that" and \
                            not any(c.dep_ in ("nsubj", "dobj") and c.lower_ == "that" for c in clause.children):
                        return clause
                # "published an article after a tip-off, that ...": the parse hangs the clause on the verb
                late = next((c for c in verb.children if c.dep_ == "advcl" and c.i > obj.i and any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
                if late is not None:
                    return late
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "through", "via"):
                continue
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in words("frames", "report_nouns"):
                    for clause in noun.children:
                        if clause.dep_ in ("relcl", "acl") and clause.left_edge.lower_ == "that":
                            return clause
        return None

    def according(self, piece: int, tok: Token, sent: Span, index: int) -> Statement | None:
        """"According to X, ...": X puts forward the clause the phrase belongs to."""
        ctx = self.ctx
        to = tok.nbor(1)
        target = next((c for c in to.children if c.dep_ == "pobj"), None)
        if target is None:
            target = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if target is None:
            return None
        clause = tok.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        sources = tuple(lid for lid in ctx.refer_phrase(piece, target) if ctx.is_party(lid))
        subjects: tuple[int, ...] = ()
        if not sources:
            sources, subjects = self.named_after_description(piece, target, clause)
        if not sources:
            sources = self.report_author(piece, target)
        if not sources:
            return None
        start, end = token_range(clause, frozenset({tok.i}))
        if not start <= tok.i < end:
            start, end = sent.start, sent.end
        subjects = subjects or self.listed_after_source(piece, target, clause)
        if subjects:
            # "According to Ruiz, Reed and Roth conspired to rig the vote": the parse joined the
            # clause's subjects to the source; the first name is the source, the others are accused
            sources = tuple(lid for lid in sources if lid not in subjects)
            if has_act_word(clause.doc, clause.i, max(t.i for t in clause.subtree) + 1):
                return Statement(sources, "according", "ALLEGES", "according to", index, piece, (start, end),
                                 clause.i, accused=subjects, act=clause.i)
        return Statement(sources, "according", "ALLEGES", "according to", index, piece, (start, end), clause.i)

    def named_after_description(self, piece: int, target: Token, clause: Token) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """"According to the party's president, Nikos Varga, Ana Ruiz took bribes": the parse makes the
        name after the description the clause's subject and the real subject its apposition; the name
        is the source and the apposition the clause's subject."""
        doc = target.doc
        at = target.i + 2
        if target.pos_ != "NOUN" or at >= len(doc) or doc[target.i + 1].text != ",":
            return (), ()
        name = doc[at]
        while name.dep_ in ("compound", "flat") and name.head.i > name.i:
            name = name.head
        if name.dep_ not in ("nsubj", "nsubjpass") or name.head.i != clause.i:
            return (), ()
        named = tuple(lid for lid in self.ctx.refer(piece, name) if self.ctx.is_party(lid))
        unjoined = not any(c.dep_ == "cc" for c in name.children)  # "Varga, Ruiz acted": no "and", no list
        subjects = tuple(lid for c in name.children if (c.dep_ == "appos" or c.dep_ == "conj" and unjoined) and c.i > name.i
                         for lid in self.ctx.refer(piece, c) if self.ctx.is_party(lid) and lid not in named)
        return (named, subjects) if named and subjects else ((), ())

    def listed_after_source(self, piece: int, target: Token, clause: Token) -> tuple[int, ...]:
        """The names conjoined to an "according to" source after a comma, when the clause has no subject."""
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children) or not target.conjuncts:
            return ()
        doc = target.doc
        first_end = target.i + 1  # the name's head is its last word
        if first_end >= len(doc) or doc[first_end].text != ",":
            return ()
        return tuple(lid for c in target.conjuncts for lid in self.ctx.refer(piece, c) if self.ctx.is_party(lid))

    def claim_noun(self, piece: int, noun: Token, sent: Span, index: int) -> Statement | None:
        """"X's claim that ...", "allegations by X that ...": the owner puts the clause forward."""
        ctx = self.ctx
        if noun.lower_ in CLAIM_PRONOUNS:
            return None
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "appos") and c.pos_ in ("VERB", "AUX")
                       and any(m.lower_ == "that" for m in c.children if m.dep_ in ("mark", "nsubj", "dobj"))
                       or c.dep_ == "relcl" and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)), None)
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
