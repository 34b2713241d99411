"""Within one document: group mentions into entities (full names, bare surnames and first names, short
forms of given names, acronyms, company names with and without their legal form, spelling variants)
and collect type votes from every mention; no two full names with different first names merge.

Candidates are looked up in indexes by word, never by scanning every entity, so grouping stays linear
in the length of a document.
"""
from __future__ import annotations

from bisect import bisect_left, insort
from collections import defaultdict
from dataclasses import replace

from ..schema import gazetteer, lexicon_words
from .model import LocalEntity, Mention
from .names import deletion_keys, name_key, same_given_name, same_middle, same_word
from .bodies import national_nouns
from .countries import country_of
from .spans import agency_words, body_words, looks_like_person_name_words, organization_nouns
from .votes import ORG_LABELS, head_word, mention_votes, winning_label

__all__ = ["group_mentions", "winning_label"]
WEAK_LABELS = {"NORP", "LOOSE", "WORK_OF_ART", "FAC"}
CONTEXT_ALIASES = {name_key(alias): e["name"] for e in gazetteer() for alias in e.get("context_aliases", [])}
ACRONYM_SKIP = {"of", "and", "the", "for", "on", "in", "to", "&", "de", "du", "des", "la", "le"}
COUNTRY_PREFIXES = {"us", "uk"}  # name keys of "U.S.", "US", "U.K.", "UK"
NEAR_SENTENCES = 3  # a bare surname named this close after a person is that person


def company_core(key: str) -> str:
    """A company name's key without its legal form: "nso group" -> "nso", "symantec corp" -> "symantec"."""
    words = key.split()
    suffixes = lexicon_words("agency_words", "company_suffixes")
    while len(words) > 1 and words[-1].rstrip(".") in suffixes | {s.rstrip(".") for s in suffixes}:
        words.pop()
    return " ".join(words)


def squashed(key: str) -> str:
    """A key without spaces and hyphens: "proud boys" ~ "proudboys"."""
    return key.replace(" ", "").replace("-", "")


def country_in(words: list[str]) -> bool:
    """Whether leading words name a country: "Swiss Federal Intelligence Service" is not Germany's."""
    return any(country_of(w) for w in words) or country_of(" ".join(words)) is not None


def initials(name: str) -> str:
    """Upper-case initials of a name's words, skipping joining words: "Intelligence Community" -> "IC"."""
    words = [w for w in name.replace("-", " ").split() if w.lower() not in ACRONYM_SKIP]
    return "".join(w[0].upper() for w in words if w[:1].isalpha())


def single_body_names(mentions: list[Mention]) -> set[str]:
    """One-word names the text uses for a body more than for a person, with a kind of body said of it at
    least once: "Kessler" the company beside "Otto Kessler", unlike "Trump" tagged ORG now and then."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for m in mentions:
        if " " not in m.text:
            c = counts[name_key(m.text)]
            c[0] += m.label in ORG_LABELS
            c[1] += m.label == "PERSON"
            c[2] += m.kind_hint in ("Organization", "Agency")
    return {key for key, (body, person, hinted) in counts.items() if body > person and hinted}


class Grouper:
    """Assigns mentions to local entities in three passes: canonical names, full names, single words."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.entities: list[LocalEntity] = []
        self.by_key: dict[str, int] = {}
        self.of_mention: dict[int, int] = {}
        self.starts: dict[int, list[int]] = defaultdict(list)  # entity -> offsets of its mentions, sorted
        self.sentences: dict[int, list[int]] = defaultdict(list)  # entity -> sentences of its mentions, sorted
        self.person_words: dict[tuple[int, str], set[int]] = defaultdict(set)  # (position, word) -> entities
        self.surname_keys: dict[str, set[int]] = defaultdict(set)  # deletion keys of surnames -> entities
        self.org_words: dict[tuple[int, str], set[int]] = defaultdict(set)  # (0 | -1, word) -> body entities
        self.acronyms: dict[str, set[int]] = defaultdict(set)
        self.person_surnames = {name_key(m.text).split()[-1] for m in mentions
                                if m.label == "PERSON" and len(m.text.split()) >= 2}
        self.body_words = single_body_names(mentions)

    def new(self, m: Mention, name: str) -> int:
        lid = len(self.entities)
        self.entities.append(LocalEntity(lid=lid, name=name, label="", canonical=m.canonical))
        self.index_key(name_key(name), lid)
        return lid

    def index_key(self, key: str, lid: int) -> None:
        for k in (key, "~" + squashed(key), "~" + squashed(company_core(key))):
            self.by_key.setdefault(k, lid)

    def lookup_key(self, key: str) -> int | None:
        for k in (key, "~" + squashed(key), "~" + squashed(company_core(key))):
            if k in self.by_key:
                return self.by_key[k]
        return None

    def attach(self, index: int, lid: int, as_person: bool = False) -> None:
        m = self.mentions[index]
        ent = self.entities[lid]
        self.of_mention[index] = lid
        ent.mentions.append(index)
        ent.aliases.add(m.text)
        if m.surface and m.surface != m.text:
            ent.aliases.add(m.surface)
        self.index_key(name_key(m.text), lid)
        insort(self.starts[lid], m.start)
        insort(self.sentences[lid], m.sentence)
        for label, weight in [("Person", 1)] if as_person else mention_votes(m):
            ent.vote(label, weight)
        if len(m.text.split()) > len(ent.name.split()) and not ent.canonical:
            ent.name = m.text
        elif ent.name.isupper() and " " in ent.name and m.text.lower() == ent.name.lower() and not m.text.isupper():
            ent.name = m.text  # "JANE ROE" of a headline is "Jane Roe"
        self.index_words(m, lid)

    def index_words(self, m: Mention, lid: int) -> None:
        words = name_key(m.text).split()
        if len(words) >= 2:
            if self.person_like(m):
                self.person_words[(0, words[0])].add(lid)
                self.person_words[(-1, words[-1])].add(lid)
                for k in deletion_keys(words[-1]) | {"prefix:" + words[-1][:3]}:
                    self.surname_keys[k].add(lid)
            else:
                self.org_words[(0, words[0])].add(lid)
                self.org_words[(-1, words[-1])].add(lid)
                self.org_words[(1, head_word(words))].add(lid)
                self.org_words[(2, " ".join(sorted(words)))].add(lid)
                letters = initials(m.text)
                self.acronyms[letters].add(lid)
                if len(letters) >= 4:
                    self.acronyms["~" + letters[1:]].add(lid)  # "UCG" for "Cyber Unified Coordination Group"

    def person_like(self, m: Mention) -> bool:
        """A person's name: tagged or hinted so, or a body-tagged name that ends with the surname of a
        person named in the document ("Eva Baker" beside "Tom Baker")."""
        if m.label == "PERSON" or m.kind_hint == "Person":
            return True
        words = name_key(m.text).split()
        return (m.label in ORG_LABELS and not m.canonical and words[-1] in self.person_surnames
                and looks_like_person_name_words(m.text))

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
            if i in self.of_mention or self.weak(m) or len(m.text.split()) < 2:
                continue
            lid = self.match_full(m)
            if lid is None:
                lid = self.titled_surname(m)
                if lid is not None:
                    self.attach(i, lid, as_person=True)
                    continue
            self.attach(i, self.new(m, m.text) if lid is None else lid,
                        as_person=m.label in ORG_LABELS and self.person_like(m))
        for i in order:
            m = self.mentions[i]
            if i in self.of_mention:
                continue
            lid = self.match_single(m)
            as_person = lid is not None and self.is_person(self.entities[lid]) and len(self.entities[lid].name.split()) >= 2
            if lid is None and not self.weak(m):
                lid = self.new(m, m.text)
            if lid is not None:
                self.attach(i, lid, as_person)
        return self.entities, self.of_mention

    def titled_surname(self, m: Mention) -> int | None:
        """"DNI Clapper", tagged as a body: a title and the surname of a person named before."""
        words = m.text.split()
        if len(words) != 2 or words[0].lower().rstrip(".") not in lexicon_words("titles", "words"):
            return None
        lid = self.match_single(replace(m, text=words[1], label="PERSON"))
        return lid if lid is not None and self.is_person(self.entities[lid]) else None

    @staticmethod
    def weak(m: Mention) -> bool:
        """A label that alone makes no entity, unless the context names a kind of body ("Kora Trade,
        Ruiz's export business")."""
        return m.label in WEAK_LABELS and m.kind_hint not in ("Organization", "Agency")

    def find_suffix_canonical(self, canonical: str) -> int | None:
        """A bare "Sixth Directorate" joins the one "KGB Sixth Directorate" of the document."""
        key = name_key(canonical)
        hits = [e.lid for e in self.entities if e.canonical and name_key(e.canonical).endswith(" " + key)]
        return hits[0] if len(hits) == 1 else None

    def is_person(self, ent: LocalEntity) -> bool:
        return ent.votes.get("Person", 0) > 0 and not ent.canonical

    def match_full(self, m: Mention) -> int | None:
        key = name_key(m.text)
        lid = self.lookup_key(key)
        if lid is not None:
            return lid
        canonical = CONTEXT_ALIASES.get(key)
        if canonical is not None:
            # a generic name ("the State Security Service") is the named body only if the document names it
            lid = self.by_key.get(name_key(canonical))
            if lid is not None and self.entities[lid].canonical == canonical:
                return lid
        words = key.split()
        if m.label in ("GPE", "LOC"):
            return None  # a place is only its own name
        if self.person_like(m):
            return self.match_person(words)
        lid = self.match_body(words)
        if lid is None and words[0] in COUNTRY_PREFIXES:
            lid = self.match_without_country(words[1:])
        if lid is None and len(words) > 2 and words[:2] in (["united", "states"], ["united", "kingdom"]):
            # "United States Government" is the document's "U.S. Government"
            lid = self.lookup_key(" ".join(["us" if words[1] == "states" else "uk"] + words[2:]))
        if lid is None and len(words) > 1 and words[0] in COUNTRY_PREFIXES:
            lid = self.lookup_key(" ".join(["united", "states" if words[0] == "us" else "kingdom"] + words[1:]))
        return lid

    def match_without_country(self, words: list[str]) -> int | None:
        """"US Justice Department" is the document's "Justice Department", "US Treasury" its "Treasury
        Department"; "US government" is no other country's government."""
        lid = self.lookup_key(" ".join(words))
        if lid is not None or len(words) > 1:
            return lid if lid is not None else self.match_body(words)
        if words[0] in national_nouns():
            return None
        firsts = {lid for lid in self.org_words.get((0, words[0]), ()) if not self.is_person(self.entities[lid])
                  and all(w in body_words() for w in name_key(self.entities[lid].name).split()[1:])}
        return firsts.pop() if len(firsts) == 1 else None

    def match_person(self, words: list[str]) -> int | None:
        """"Anna M. Berg" ~ "Anna Berg", "Bob Harlan" ~ "Robert Harlan", "Sri Anand" ~ "Ravi Sri Anand"."""
        for lid in sorted({x for k in deletion_keys(words[-1]) | {"prefix:" + words[-1][:3]}
                           for x in self.surname_keys.get(k, ())}):
            ent = self.entities[lid]
            for alias in sorted({ent.name} | ent.aliases):
                ewords = name_key(alias).split()
                if len(ewords) < 2 or not same_word(words[-1], ewords[-1]):
                    continue
                shorter, longer = sorted((words, ewords), key=len)
                if same_given_name(words[0], ewords[0]) and len(longer) - len(shorter) <= 2 and same_middle(words, ewords):
                    return lid
                if longer[-len(shorter):] == shorter and len(shorter) >= 2:
                    return lid
        return None

    def match_body(self, words: list[str]) -> int | None:
        """Another form of a body's name: longer or shorter by leading words ("National Security Committee"
        ~ "Kazakh National Security Committee"), one word left out ("Cybersecurity and Infrastructure
        Agency"), the same words in another order ("Bank Bangladesh"), the same distinctive words ("Senate
        Foreign Relations" ~ "Foreign Relations Committee"), a part named by the body's acronym ("IAAF
        council")."""
        same = self.org_words.get((2, " ".join(sorted(words))), set())
        if len(same) == 1:
            return next(iter(same))
        lid = self.match_core(words)
        if lid is not None:
            return lid
        if len(words) == 2 and words[1] in organization_nouns() and self.match_acronym(words[0].upper()) is not None:
            return self.match_acronym(words[0].upper())
        for lid in sorted(self.org_words.get((-1, words[-1]), ())):
            ent = self.entities[lid]
            if self.is_person(ent):
                continue
            for alias in sorted({ent.name} | ent.aliases):
                ewords = name_key(alias).split()
                if len(ewords) < 2 or len(ewords) == len(words):
                    continue
                shorter, longer = sorted((words, ewords), key=len)
                if longer[-len(shorter):] == shorter and len(shorter) >= 2 and not country_in(longer[:-len(shorter)]):
                    return lid
                if (len(longer) == len(shorter) + 1 and len(shorter) >= 3 and shorter[0] == longer[0]
                        and any(longer[:n] + longer[n + 1:] == shorter for n in range(1, len(longer) - 1))):
                    return lid
        return None

    def match_core(self, words: list[str]) -> int | None:
        """The one body whose distinctive words (all but words for kinds of body) are these two or more."""
        core = [w for w in words if w not in agency_words() | organization_nouns() | {"of", "the", "for", "on", "and"}]
        if len(core) < 2 or len(core) == len(words) or country_in(core):
            return None  # "Hong Kong police" is not the Hong Kong government
        hits = set()
        for lid in self.org_words.get((0, core[0]), set()) | self.org_words.get((1, core[0]), set()) | \
                self.org_words.get((0, words[0]), set()):
            ewords = name_key(self.entities[lid].name).split()
            ecore = [w for w in ewords if w not in agency_words() | organization_nouns() | {"of", "the", "for", "on", "and"}]
            if ecore == core and not self.is_person(self.entities[lid]):
                hits.add(lid)
        return hits.pop() if len(hits) == 1 else None

    def match_single(self, m: Mention) -> int | None:
        key = name_key(m.text)
        lid = self.lookup_key(key)
        if lid is not None:
            return lid
        lid = self.match_bare_person(m, key) if key not in self.body_words else None
        if lid is not None:
            return lid
        if m.label in ORG_LABELS or m.label in ("WORK_OF_ART", "NORP") or m.text.isupper() and m.label not in ("GPE", "LOC"):
            return self.match_bare_body(m, key)
        return None

    def match_bare_person(self, m: Mention, key: str) -> int | None:
        """A bare surname or first name joins a person of the document, preferring one named before it,
        by surname, most often, most recently: "Chan" after "Chan Siu Fung" and before "Grace Chan" is Chan
        Siu Fung; "Hale" after "Tom Hale, Clara Hale" is Clara Hale."""
        candidates: dict[int, int] = {}  # entity -> 2 for a surname, 1 for a first name
        for position, weight in ((0, 1), (-1, 2)):
            for lid in self.person_words.get((position, key), ()):
                candidates[lid] = max(candidates.get(lid, 0), weight)
        if not candidates:
            for k in deletion_keys(key):
                for lid in self.surname_keys.get(k, ()):
                    if same_word(key, name_key(self.entities[lid].name).split()[-1]):
                        candidates[lid] = 2
        candidates = {lid: w for lid, w in candidates.items() if self.is_person(self.entities[lid])
                      and not self.entities[lid].name[:1].isdigit()}  # "Fox" is no surname of "21st Century Fox"
        if not candidates and m.label == "PERSON":
            # "Marsh" after "Ellis Marsh", whom the model took for a body every time
            named = [lid for lid in self.org_words.get((-1, key), ()) if looks_like_person_name_words(self.entities[lid].name)]
            return named[0] if len(named) == 1 else None
        if not candidates:
            return None

        def rank(lid: int) -> tuple:
            starts = self.starts[lid]
            n = bisect_left(starts, m.start)  # mentions before this one
            sentences = self.sentences[lid]
            k = bisect_left(sentences, m.sentence)
            near = k > 0 and m.sentence - sentences[k - 1] <= NEAR_SENTENCES
            # "Rivas has denied" three sentences after "Marta Rivas": the one just named, before the
            # one named most often
            return n > 0, candidates[lid], near, len(starts), starts[n - 1] if n else -1, -lid
        return max(candidates, key=rank)

    def match_bare_body(self, m: Mention, key: str) -> int | None:
        """A body's acronym ("IC" for "Intelligence Community"), head word ("the Committee") or first word
        ("NSO" for "NSO Group"), when one body of the document has it."""
        if m.text.isupper() and len(m.text) >= 2:
            lid = self.match_acronym(m.text)
            if lid is not None:
                return lid
        if key not in agency_words() | organization_nouns():
            # a name's own word ("Fox"): the body it begins ("Fox News") before one it ends ("21st Century Fox")
            firsts = {lid for lid in self.org_words.get((0, key), ()) if not self.is_person(self.entities[lid])}
            lasts = {lid for lid in self.org_words.get((-1, key), ()) if not self.is_person(self.entities[lid])}
            listed = {lid for lid in firsts if self.entities[lid].canonical}
            if len(listed) == 1 and m.label in ORG_LABELS:
                return listed.pop()  # "Fox" is the gazetteer's "Fox News", not "Fox & Friends" or "21st Century Fox"
            if len(firsts) == 1 and (lasts - firsts or m.label in ORG_LABELS):
                return firsts.pop()
        for position in (-1, 1):  # last word, head word ("the Department" of "Department of Justice")
            heads = {lid for lid in self.org_words.get((position, key), ()) if not self.is_person(self.entities[lid])}
            if len(heads) == 1:
                return heads.pop()
        if key not in agency_words():
            generic = organization_nouns() | lexicon_words("agency_words", "company_suffixes")
            firsts = [lid for lid in self.org_words.get((0, key), ()) if not self.is_person(self.entities[lid])
                      and all(w in generic for w in name_key(self.entities[lid].name).split()[1:])]
            if len(firsts) == 1:
                return firsts[0]
        return None

    def match_acronym(self, acronym: str) -> int | None:
        """The one body whose initials are the acronym, with or without a country or first word."""
        for keys in ((acronym,), ("U" + acronym, "US" + acronym), ("~" + acronym,)):
            hits = {lid for k in keys for lid in self.acronyms.get(k, ())}
            if len(hits) == 1:
                return hits.pop()
            if hits:
                return None
        return None


def group_mentions(mentions: list[Mention]) -> tuple[list[LocalEntity], dict[int, int]]:
    """Local entities of one document and the entity of each kept mention (by mention index)."""
    entities, of_mention = Grouper(mentions).run()
    for ent in entities:
        ent.label = winning_label(ent.votes)
        ent.aliases.discard(ent.name)
    return entities, of_mention
