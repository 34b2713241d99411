"""Extraction from one parsed document: mentions -> entities -> statements -> claims and stances;
affiliations.

``extract_document`` is a pure function of the document and its parsed pieces; it returns plain data
(no spaCy objects), so documents can be processed in worker processes and the Docs dropped at once.
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span

from ..ingest import Document
from ..schema import gazetteer
from .affiliations import sentence_memberships
from .context import DocContext
from .descriptors import add_descriptors
from .entities import group_mentions
from .mentions import find_mentions, loose_mentions, sentences, split_joined_surnames
from .model import Affiliation, DocExtraction, LocalEntity, Mention, PackedExtractions, Sentence, Statement
from .releases import issuing_body
from .stances import StanceBuilder
from .speakers import quote_statements
from .statements import StatementFinder

__all__ = ["extract_document", "DocExtraction", "PackedExtractions"]
GAZETTEER_NAMES = {e["name"] for e in gazetteer()}


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


def find_statements(ctx: DocContext, spans: list[tuple[int, Span, int]], text: str) -> list[Statement]:
    """Every statement of the document's body, in text order: those of each sentence, then those of
    sentences inside a quote whose speaker another sentence names."""
    ctx.issuer = issuing_body(ctx, spans, text)
    finder = StatementFinder(ctx)
    found: dict[int, list[Statement]] = {index: finder.sentence(piece, sent, index) for piece, sent, index in spans}
    paragraph_of: dict[int, int] = {}
    paragraph, previous_end = 0, None
    for _, _, index in spans:
        s = ctx.sentences[index]
        if previous_end is not None and "\n" in text[previous_end:s.start]:
            paragraph += 1
        paragraph_of[index] = paragraph
        previous_end = s.end
    for st in quote_statements(ctx, found, spans, paragraph_of):
        found.setdefault(st.sentence, []).append(st)
    issuer = ctx.issuer
    if issuer is not None:
        # a release speaks for its issuer wherever no one else is quoted
        for piece, sent, index in spans:
            if not any(st.sources for st in found.get(index, ())):
                found.setdefault(index, []).append(Statement(
                    (issuer,), "release", "ALLEGES", "release", index, piece, (sent.start, sent.end), sent.root.i,
                    neutral=True))
    return [st for index in sorted(found) for st in found[index]]


def memberships(ctx: DocContext, spans: list[tuple[int, Span, int]]) -> list[Affiliation]:
    """Affiliations of every sentence, plus the parent service of a directorate ("KGB Sixth Directorate")."""
    by_canonical = {e.canonical: e.lid for e in ctx.entities if e.canonical}
    out: dict[Affiliation, None] = {}  # ordered and without repeats, in linear time
    for piece, sent, index in spans:
        for m in sentence_memberships(ctx, piece, sent):
            out.setdefault(Affiliation(m.person, m.org, index, m.cue, m.role, m.former))
            parent = ctx.entities[m.org].canonical or ""
            parent_lid = by_canonical.get(parent.split()[0]) if " " in parent else None
            if parent_lid is not None and parent_lid != m.org:
                out.setdefault(Affiliation(m.person, parent_lid, index, m.cue, m.role, m.former))
    return list(out)


def extract_document(document: Document, parsed: list[tuple[int, Doc]]) -> DocExtraction:
    """Everything graphbuild extracts from one document."""
    sents, token_sentence = sentences(parsed)
    sents = [s if document.text[s.start:s.end] == s.text else replace(s, text=document.text[s.start:s.end]) for s in sents]
    mentions = find_mentions(parsed, token_sentence)
    taken = {(m.piece, t) for m in mentions for t in m.tokens}
    mentions += loose_mentions(parsed, token_sentence, taken)
    mentions.sort(key=lambda m: (m.start, m.end))
    mentions = split_joined_surnames(mentions)
    entities, of_mention = group_mentions(mentions)
    headings = {s.index for s in sents if is_heading(s)}
    of_mention = drop_heading_only(entities, of_mention, mentions, headings)
    add_descriptors(parsed, mentions, entities, of_mention)
    ctx = DocContext(parsed, sents, token_sentence, mentions, entities, of_mention)
    spans = [s for s in sentence_spans(ctx) if s[2] not in headings]
    affiliations = memberships(ctx, spans)
    for aff in affiliations:
        ctx.affiliation_of.setdefault(aff.person, aff.org)
    statements = find_statements(ctx, spans, document.text)
    builder = StanceBuilder(ctx, sents)
    for st in statements:
        builder.add(st)
    live = set(of_mention.values())
    for ent in entities:
        ent.mentions = [i for i in ent.mentions if of_mention.get(i) == ent.lid]
        ent.first_sentence = min((mentions[i].sentence for i in ent.mentions), default=-1)
    return DocExtraction(
        document_id=document.id, document_name=document.name, title=document.title, path=document.path,
        sentences=sents, mentions=mentions, entities=[e if e.lid in live else _dead(e) for e in entities],
        claims=builder.claims, stances=builder.stances, affiliations=affiliations, statements=statements,
    )


def _dead(ent: LocalEntity) -> LocalEntity:
    ent.mentions = []
    return ent
