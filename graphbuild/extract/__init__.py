"""Extraction from one parsed document: mentions -> entities -> claims, stances, affiliations.

``extract_document`` is a pure function of the document and its parsed pieces; it returns plain data
(no spaCy objects), so documents can be processed in worker processes and the Docs dropped at once.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..ingest import Document
from ..schema import gazetteer
from .affiliations import sentence_memberships
from .attribution import Attribution, acts_in, attributions, claim_references, stance_for
from .claims import claim_subjects, is_hypothetical, is_negated
from .context import DocContext
from .entities import group_mentions
from .mentions import find_mentions, loose_mentions, sentence_year, sentences
from .model import Affiliation, Claim, DocExtraction, LocalEntity, Mention, PackedExtractions, Sentence, Stance

__all__ = ["extract_document", "DocExtraction", "PackedExtractions"]
GAZETTEER_NAMES = {e["name"] for e in gazetteer()}
QUOTE_OPENERS = ("“", '"', "‘", "'", "«")


def is_heading(sentence: Sentence) -> bool:
    """A headline or section title: no closing punctuation and mostly capitalised words."""
    text = sentence.text.strip()
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    if not words or len(words) > 25 or text[-1:] in ".!?\"”’:;":
        return False
    capital = sum(w[0].isupper() for w in words if len(w) > 3)
    return capital >= 0.6 * max(1, sum(len(w) > 3 for w in words))


def drop_heading_only(entities: list[LocalEntity], of_mention: dict[int, int], mentions: list[Mention],
                      headings: set[int]) -> dict[int, int]:
    """Forget entities named only in headlines or titles of works (title-case phrases the model mistakes
    for names)."""
    body = {lid for index, lid in of_mention.items()
            if mentions[index].sentence not in headings and not mentions[index].in_title}
    keep = {ent.lid for ent in entities if ent.lid in body or ent.canonical in GAZETTEER_NAMES}
    return {index: lid for index, lid in of_mention.items() if lid in keep}


def sentence_spans(ctx: DocContext) -> list[tuple[int, Span, int]]:
    """(piece, span, sentence index) for every sentence, in order."""
    out = []
    for piece, (_, doc) in enumerate(ctx.parsed):
        for sent in doc.sents:
            if sent.text.strip():
                out.append((piece, sent, ctx.token_sentence[piece][sent.start]))
    return out


def colon_quote(ctx: DocContext, piece: int, sent: Span) -> list[Attribution]:
    """"Mussayev dropped the bombshell: “In 1987, ...”": the subject of a clause that introduces a quote."""
    colon = next((t for t in sent if t.text == ":" and t.i + 1 < sent.end and t.nbor(1).text in QUOTE_OPENERS), None)
    if colon is None:
        return []
    verb = colon.head
    lid, _ = ctx.subject_of(piece, verb)
    if lid is None or ctx.label(lid) == "Place":
        return []
    return [Attribution(lid, "ALLEGES", verb.text + ":", piece, (colon.i + 1, sent.end))]


def quote_after_colon(ctx: DocContext, piece: int, prev: Span | None, sent: Span) -> list[Attribution]:
    """A quote that opens the sentence after "X said:" is X's."""
    if prev is None or not prev.text.rstrip().endswith(":") or sent.text.lstrip()[:1] not in QUOTE_OPENERS:
        return []
    lid, _ = ctx.subject_of(piece, prev.root)
    if lid is None or ctx.label(lid) == "Place":
        return []
    return [Attribution(lid, "ALLEGES", prev.root.text + ":", piece, (sent.start, sent.end))]


class Extractor:
    """Collects claims and stances of one document, merging repeated (act, subjects) claims."""

    def __init__(self, ctx: DocContext, text: str) -> None:
        self.ctx = ctx
        self.text = text
        self.speaker_of: dict[int, int] = {}  # sentence index -> source of a reporting verb in it
        self.claims: list[Claim] = []
        self.claim_index: dict[tuple[str, tuple[int, ...]], int] = {}
        self.stances: list[Stance] = []

    def claim(self, act: str, subjects: tuple[int, ...], sentence: Sentence, cue: str) -> int:
        key = (act, subjects)
        if key not in self.claim_index:
            self.claim_index[key] = len(self.claims)
            self.claims.append(Claim(act, subjects, sentence.index, cue, tuple(sentence_year(sentence.text))))
        return self.claim_index[key]

    def add_stance(self, stance: Stance) -> None:
        if stance not in self.stances:
            self.stances.append(stance)

    def sentence(self, piece: int, sent: Span, sentence: Sentence, prev: Span | None = None) -> None:
        found = (attributions(self.ctx, piece, sent) or colon_quote(self.ctx, piece, sent)
                 or quote_after_colon(self.ctx, piece, prev, sent))
        self.claims_from(piece, sent, sentence, found)
        if found:
            self.speaker_of[sentence.index] = found[0].source

    def quoted_sentence(self, piece: int, sent: Span, sentence: Sentence) -> None:
        """A sentence wholly inside a quote, with no speaker of its own, is the speaker's who is named in
        the sentence before or after it in the same paragraph ("“... FSB.” / “It is ...,” he wrote.")."""
        if sentence.index in self.speaker_of or not sent.text.lstrip()[:1] in QUOTE_OPENERS:
            return
        for other in (sentence.index + 1, sentence.index - 1):
            if other not in self.speaker_of or not 0 <= other < len(self.ctx.sentences):
                continue
            a, b = sorted((sentence.index, other))
            if "\n" in self.text[self.ctx.sentences[a].end:self.ctx.sentences[b].start]:
                continue
            att = Attribution(self.speaker_of[other], "ALLEGES", "quote", piece, (sent.start, sent.end))
            self.claims_from(piece, sent, sentence, [att])
            return

    def claims_from(self, piece: int, sent: Span, sentence: Sentence, found: list[Attribution]) -> None:
        doc = sent.doc
        for att in found:
            content = doc[att.content[0]:att.content[1]]
            for act in acts_in(att, self.ctx):
                if is_hypothetical(doc[act.token]):
                    continue
                subjects = claim_subjects(self.ctx, piece, content, act, att.source)
                if not subjects:
                    continue
                stance = stance_for(att, sentence.text, is_negated(doc[act.token]))
                if stance is None:
                    continue
                index = self.claim(act.act, subjects, sentence, act.cue)
                self.add_stance(Stance(att.source, index, stance, sentence.index, f"{att.cue} / {act.cue}"))

    def references(self, piece: int, sent: Span, sentence: Sentence) -> None:
        for ref in claim_references(self.ctx, piece, sent):
            if ref.owner is None:
                # "denied the accusations": the claim most sources took a stance on before this sentence
                earlier = [s for s in self.stances if s.sentence < sentence.index and s.source != ref.source]
                if not earlier:
                    continue
                # the claim with most stances so far; of equals, the latest discussed
                claims = [s.claim for s in earlier]
                main = max(set(claims), key=lambda c: (claims.count(c), max(s.sentence for s in earlier if s.claim == c), -c))
                self.add_stance(Stance(ref.source, main, ref.stance, sentence.index, ref.cue))
                continue
            owned = [s for s in self.stances if s.source == ref.owner and s.type == "ALLEGES"]
            if not owned:
                continue
            # the owner's first claim in the text is the one a later "backed up X's claims" points to
            main = min(owned, key=lambda s: (s.sentence, s.claim)).claim
            self.add_stance(Stance(ref.source, main, ref.stance, sentence.index, ref.cue))


def memberships(ctx: DocContext, spans: list[tuple[int, Span, int]]) -> list[Affiliation]:
    """Affiliations of every sentence, plus the parent service of a directorate ("KGB Sixth Directorate")."""
    by_canonical = {e.canonical: e.lid for e in ctx.entities if e.canonical}
    out: list[Affiliation] = []
    for piece, sent, index in spans:
        for m in sentence_memberships(ctx, piece, sent):
            found = [Affiliation(m.person, m.org, index, m.cue, m.role, m.former)]
            parent = ctx.entities[m.org].canonical or ""
            parent_lid = by_canonical.get(parent.split()[0]) if " " in parent else None
            if parent_lid is not None and parent_lid != m.org:
                found.append(Affiliation(m.person, parent_lid, index, m.cue, m.role, m.former))
            out += [a for a in found if a not in out]
    return out


def extract_document(document: Document, parsed: list[tuple[int, Doc]]) -> DocExtraction:
    """Everything graphbuild extracts from one document."""
    sents, token_sentence = sentences(parsed)
    mentions = find_mentions(parsed, token_sentence)
    taken = {(m.piece, t) for m in mentions for t in m.tokens}
    mentions += loose_mentions(parsed, token_sentence, taken)
    mentions.sort(key=lambda m: (m.start, m.end))
    entities, of_mention = group_mentions(mentions)
    headings = {s.index for s in sents if is_heading(s)}
    of_mention = drop_heading_only(entities, of_mention, mentions, headings)
    ctx = DocContext(parsed, sents, token_sentence, mentions, entities, of_mention)
    spans = sentence_spans(ctx)
    extractor = Extractor(ctx, document.text)
    prev = None
    for piece, sent, index in spans:
        if index not in headings:
            extractor.sentence(piece, sent, sents[index], prev if prev is not None and prev.doc is sent.doc else None)
        prev = sent
    for piece, sent, index in spans:
        if index not in headings:
            extractor.quoted_sentence(piece, sent, sents[index])
            extractor.references(piece, sent, sents[index])
    live = set(of_mention.values())
    for ent in entities:
        ent.mentions = [i for i in ent.mentions if of_mention.get(i) == ent.lid]
        ent.first_sentence = min((mentions[i].sentence for i in ent.mentions), default=-1)
    return DocExtraction(
        document_id=document.id, document_name=document.name, title=document.title, path=document.path,
        sentences=sents, mentions=mentions, entities=[e if e.lid in live else _dead(e) for e in entities],
        claims=extractor.claims, stances=extractor.stances,
        affiliations=memberships(ctx, [s for s in spans if s[2] not in headings]),
    )


def _dead(ent: LocalEntity) -> LocalEntity:
    ent.mentions = []
    return ent
