"""Within one document: group mentions into entities (full names, bare surnames, acronyms, spelling
variants) and collect type votes from every mention; no two full names with different first names merge."""
from __future__ import annotations

from collections.abc import Mapping

from ..schema import gazetteer
from .mentions import agency_words, organization_nouns
from .model import LocalEntity, Mention
from .names import name_key, same_word

ORG_LABELS = {"ORG", "AGENCY", "ORGANIZATION"}
WEAK_LABELS = {"NORP", "LOOSE", "WORK_OF_ART", "FAC"}
GAZETTEER_LABEL = {e["name"]: e["label"] for e in gazetteer()}
CONTEXT_ALIASES = {name_key(alias): e["name"] for e in gazetteer() for alias in e.get("context_aliases", [])}


def org_kind(name: str) -> str:
    """Agency if the name holds a state-body word ("Ministry", "Committee"), else Organization."""
    words = name_key(name).replace("-", " ").split()
    if words and words[-1] in organization_nouns() and words[-1] not in agency_words():
        return "Organization"  # the head word decides: "Royal United Services Institute"
    return "Agency" if set(words) & agency_words() else "Organization"


def looks_like_org(m: Mention) -> bool:
    words = set(name_key(m.text).split())
    return bool(words & (agency_words() | organization_nouns())) or m.text.isupper()


def mention_votes(m: Mention) -> list[tuple[str, int]]:
    """The type votes one mention casts: the model's label, the gazetteer, and the context hint."""
    votes: list[tuple[str, int]] = []
    if m.canonical and m.canonical in GAZETTEER_LABEL:
        votes.append((GAZETTEER_LABEL[m.canonical], 100))
    elif m.label == "AGENCY":
        votes.append(("Agency", 100))
    elif m.label == "PERSON":
        votes.append(("Person", 1))
    elif m.label in ORG_LABELS:
        votes.append((org_kind(m.text), 1))
    elif m.label in ("GPE", "LOC"):
        votes.append(("Place", 1))
    if looks_like_org(m) and m.label not in ("GPE", "LOC"):
        votes.append((org_kind(m.text), 2))
    if m.kind_hint:
        votes.append((m.kind_hint, 2))
    return votes


class Grouper:
    """Assigns mentions to local entities in three passes: canonical names, full names, single words."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.entities: list[LocalEntity] = []
        self.by_key: dict[str, int] = {}
        self.of_mention: dict[int, int] = {}

    def new(self, m: Mention, name: str) -> int:
        lid = len(self.entities)
        self.entities.append(LocalEntity(lid=lid, name=name, label="", canonical=m.canonical))
        self.by_key[name_key(name)] = lid
        return lid

    def attach(self, index: int, lid: int, as_person: bool = False) -> None:
        m = self.mentions[index]
        ent = self.entities[lid]
        self.of_mention[index] = lid
        ent.mentions.append(index)
        ent.aliases.add(m.text)
        if m.surface and m.surface != m.text:
            ent.aliases.add(m.surface)
        self.by_key.setdefault(name_key(m.text), lid)
        for label, weight in [("Person", 1)] if as_person else mention_votes(m):
            ent.vote(label, weight)
        if len(m.text.split()) > len(ent.name.split()) and not ent.canonical:
            ent.name = m.text

    def run(self) -> tuple[list[LocalEntity], dict[int, int]]:
        order = range(len(self.mentions))
        for i in order:
            m = self.mentions[i]
            if m.canonical:
                key = name_key(m.canonical)
                lid = self.by_key.get(key)
                if lid is None or self.entities[lid].canonical != m.canonical:
                    lid = self.find_suffix_canonical(m.canonical) if lid is None else lid
                if lid is None:
                    lid = self.new(m, m.canonical)
                self.attach(i, lid)
        for i in order:
            m = self.mentions[i]
            if i in self.of_mention or m.label in WEAK_LABELS or len(m.text.split()) < 2:
                continue
            lid = self.match_full(m)
            self.attach(i, self.new(m, m.text) if lid is None else lid)
        for i in order:
            m = self.mentions[i]
            if i in self.of_mention:
                continue
            lid = self.match_single(m)
            as_person = lid is not None and self.is_person(self.entities[lid]) and len(self.entities[lid].name.split()) >= 2
            if lid is None and m.label not in WEAK_LABELS:
                lid = self.new(m, m.text)
            if lid is not None:
                self.attach(i, lid, as_person)
        return self.entities, self.of_mention

    def find_suffix_canonical(self, canonical: str) -> int | None:
        """A bare "Sixth Directorate" joins the one "KGB Sixth Directorate" of the document."""
        key = name_key(canonical)
        hits = [e.lid for e in self.entities if e.canonical and name_key(e.canonical).endswith(" " + key)]
        return hits[0] if len(hits) == 1 else None

    def is_person(self, ent: LocalEntity) -> bool:
        return ent.votes.get("Person", 0) > 0 and not ent.canonical

    def match_full(self, m: Mention) -> int | None:
        key = name_key(m.text)
        if key in self.by_key:
            return self.by_key[key]
        canonical = CONTEXT_ALIASES.get(key)
        if canonical is not None:
            # a generic name ("the State Security Service") is the named body only if the document names it
            lid = self.by_key.get(name_key(canonical))
            if lid is not None and self.entities[lid].canonical == canonical:
                return lid
        words = key.split()
        for ent in self.entities:
            ewords = name_key(ent.name).split()
            if len(ewords) < 2:
                continue
            if m.label == "PERSON" or m.kind_hint == "Person":
                if len(ewords) == len(words) and same_word(words[-1], ewords[-1]) and same_word(words[0], ewords[0]):
                    return ent.lid
            elif not self.is_person(ent) and len(ewords) != len(words):
                shorter, longer = sorted((words, ewords), key=len)
                if longer[-len(shorter):] == shorter and len(shorter) >= 2:
                    return ent.lid
        return None

    def match_single(self, m: Mention) -> int | None:
        key = name_key(m.text)
        if key in self.by_key:
            return self.by_key[key]
        persons = [e for e in self.entities if self.is_person(e) and len(e.name.split()) >= 2]
        for position in (-1, 0):
            exact = [e for e in persons if name_key(e.name).split()[position] == key]
            if not exact and position == -1:
                exact = [e for e in persons if same_word(key, name_key(e.name).split()[-1])]
            if exact:
                return max(exact, key=lambda e: (len(e.mentions), -e.lid)).lid
        if m.label in ORG_LABELS or m.label == "WORK_OF_ART":
            heads = [e for e in self.entities if not self.is_person(e) and len(e.name.split()) >= 2
                     and name_key(e.name).split()[-1] == key]
            if len(heads) == 1:
                return heads[0].lid
            if m.text.isupper():
                acronym = [e for e in self.entities if "".join(w[0] for w in e.name.split() if w[0].isupper()) == m.text]
                if len(acronym) == 1:
                    return acronym[0].lid
        return None


def group_mentions(mentions: list[Mention]) -> tuple[list[LocalEntity], dict[int, int]]:
    """Local entities of one document and the entity of each kept mention (by mention index)."""
    entities, of_mention = Grouper(mentions).run()
    for ent in entities:
        ent.label = decide_label(ent)
        ent.aliases.discard(ent.name)
    return entities, of_mention


def decide_label(ent: LocalEntity) -> str:
    """The winning type vote of an entity's mentions."""
    return winning_label(ent.votes)


def winning_label(votes: Mapping[str, int]) -> str:
    """The type with most votes; ties go to Person, then Agency, then Organization, then Place."""
    order = ("Person", "Agency", "Organization", "Place")
    return max(order, key=lambda label: (votes.get(label, 0), -order.index(label)))
