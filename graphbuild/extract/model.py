"""The typed results of extraction from one document; the resolver and graph builder take these."""
from __future__ import annotations

import pickle
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence's verbatim text and its character offsets in the document."""

    index: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Mention:
    """One occurrence of a name: cleaned text, the model's label and what its context says of its type."""

    text: str
    label: str  # spaCy label (PERSON, ORG, AGENCY, ORGANIZATION, GPE, NORP ...)
    start: int  # document offsets of the cleaned name
    end: int
    sentence: int
    piece: int  # which parsed piece of the document
    tokens: tuple[int, ...]  # token indices in that piece's Doc
    canonical: str | None = None  # gazetteer or pattern canonical name
    kind_hint: str | None = None  # Person | Agency | Organization from context (titles, "the magazine")
    surface: str = ""  # the span as written, titles included ("Corporal Kirchner")
    in_title: bool = False  # inside the title of a book or film ("... Related Tales of Sex, Greed")


@dataclass(slots=True)
class LocalEntity:
    """An entity within one document: its mentions, names and type votes."""

    lid: int
    name: str
    label: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[int] = field(default_factory=list)
    canonical: str | None = None
    votes: dict[str, int] = field(default_factory=dict)  # type votes: Person, Agency, Organization, Place
    first_sentence: int = -1  # where the entity is first named
    descriptors: set[str] = field(default_factory=set)  # role and kind nouns said of it ("senator", "company")

    def vote(self, label: str, weight: int = 1) -> None:
        self.votes[label] = self.votes.get(label, 0) + weight


@dataclass(frozen=True, slots=True)
class Statement:
    """What a named source puts forward in one sentence: who, by which cue, and which tokens.

    ``content`` is a token range of the sentence's piece; ``root`` its head token (-1 for a whole quote).
    An accusation frame names its accused and act itself ("X accused Y of Z": ``accused`` = Y,
    ``act`` = the token of Z). A statement that only points back at a claim named before ("denied
    the allegations") has ``reference`` set, with the claim's owner if one is named.
    """

    sources: tuple[int, ...]  # local entity ids
    kind: str  # speech | according | quote | accusation | alleged | denial | finding
    stance: str  # ALLEGES | CORROBORATES | DISPUTES
    cue: str
    sentence: int
    piece: int
    content: tuple[int, int]
    root: int = -1
    accused: tuple[int, ...] = ()
    act: int = -1
    reference: bool = False
    owner: tuple[int, ...] = ()
    neutral: bool = False  # a plain verb of saying: its content must name a wrongdoing to be a claim
    topic: str = ""  # words naming the claim pointed at ("the bribery charges": bribery)
    accusing: bool = False  # an accusation ("charged", "accused", "alleged"): its source is the story's accuser
    lemma: str = ""  # the cue's lemma


@dataclass(frozen=True, slots=True)
class ClaimFound:
    """One claim in a statement's content: who is accused of what, and its polarity."""

    subjects: tuple[int, ...]
    act: str  # the act's category, else its verb's lemma
    predicate: str  # the verb or noun that states the act
    negated: bool
    summary: str
    token: int = -1
    participants: tuple[tuple[int, str], ...] = ()  # (entity, role): the recruiting agency, the victim ...


@dataclass(frozen=True, slots=True)
class Claim:
    """An allegation of one document: an act about subjects, with what its first statement said."""

    act: str
    subjects: tuple[int, ...]  # local entity ids
    sentence: int
    cue: str  # the act word that matched
    dates: tuple[str, ...] = ()
    summary: str = ""
    participants: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Stance:
    """A source's position on a claim (index into DocExtraction.claims), with the cue that produced it."""

    source: int  # local entity id
    claim: int
    type: str  # ALLEGES | CORROBORATES | DISPUTES
    sentence: int
    cue: str


@dataclass(frozen=True, slots=True)
class Affiliation:
    """A person's stated membership of an agency or organisation."""

    person: int
    org: int
    sentence: int
    cue: str
    role: str = ""
    former: bool = False


@dataclass(slots=True)
class DocExtraction:
    """Everything extracted from one document, with local entity ids; no spaCy objects (cheap to keep)."""

    document_id: str
    document_name: str
    title: str
    path: str
    sentences: list[Sentence | None]  # None where compacted away
    mentions: list[Mention]
    entities: list[LocalEntity]
    claims: list[Claim] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    affiliations: list[Affiliation] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)  # the stage before claims; dropped by compact()

    def compact(self) -> "DocExtraction":
        """Drop what the graph does not need (mentions, sentences no edge cites), so a corpus of
        thousands of documents keeps only its evidence in memory."""
        cited = {e.first_sentence for e in self.entities if e.mentions}
        cited |= {s.sentence for s in self.stances} | {a.sentence for a in self.affiliations}
        self.sentences = [s if s is not None and s.index in cited else None for s in self.sentences]
        self.mentions = []
        self.statements = []
        for ent in self.entities:
            ent.mentions = [0] * len(ent.mentions)  # only their number is used from here on
        return self


class PackedExtractions:
    """Compacted extractions kept pickled, iterated in document id order, each unpickled only while used.

    A corpus holds about 11 KB per document this way instead of about 46 KB of live objects, so the
    memory of a build grows with its graph rather than with what it extracted on the way.
    """

    def __init__(self) -> None:
        self._packed: dict[str, bytes] = {}

    @staticmethod
    def pack(extraction: DocExtraction) -> tuple[str, bytes]:
        return extraction.document_id, pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL)

    def add(self, extraction: DocExtraction) -> None:
        self.add_packed(*self.pack(extraction))

    def add_packed(self, document_id: str, packed: bytes) -> None:
        self._packed[document_id] = packed

    @property
    def document_ids(self) -> list[str]:
        return sorted(self._packed)

    def __len__(self) -> int:
        return len(self._packed)

    def __iter__(self) -> Iterator[DocExtraction]:
        for document_id in self.document_ids:
            yield pickle.loads(self._packed[document_id])  # our own bytes, made in this run
