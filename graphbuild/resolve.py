"""Across documents: one node per real-world entity.

Full person names merge when first and last names are the same or spelling variants of each other, or
a given name and its short form ("Bob" / "Robert"); they are blocked by one-deletion keys and surname
prefixes, so there is no all-pairs comparison. A bare surname joins the one person of that surname who
dominates the corpus. Organisations merge on canonical names (a gazetteer name or alias written where
the ruler missed it counts), exact names, company names without their legal form ("NSO Group" / "NSO"),
a unique long form of an acronym ("DNC") and a unique longer form ("National Security Committee" ->
"Kazakh National Security Committee"). A generic name ("Democratic Party", "Supreme Court", "Senate")
means the same body in two documents only if they share a named person; bodies that keep such a name
apart are told apart by their country ("Democratic Party (Hong Kong)"). Types are decided by the votes
of all mentions in all documents.

The same entity recurs in many documents with the same name, aliases and votes, so the merges run over
distinct entity summaries, each with the number of documents' entities it stands for: memory and work
grow with the distinct names of a corpus, not with its length.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from functools import cache
from collections.abc import Iterable
from dataclasses import dataclass, field

from .extract.countries import country_of, gazetteer_country
from .extract.entities import company_core, initials, squashed, winning_label
from .extract.model import DocExtraction
from .extract.names import deletion_keys, name_key, same_given_name, same_middle, same_word
from .graph import node_id
from .schema import gazetteer, lexicon_words

LocalRef = tuple[str, int]  # (document id, local entity id)


@dataclass
class GlobalEntity:
    """An entity of the whole corpus with the local entities it gathers (``members``, in document order)."""

    id: str
    label: str
    name: str
    aliases: list[str]
    members: list[LocalRef] = field(default_factory=list)


@dataclass(slots=True)
class Summary:
    """What resolution needs of a local entity; local entities alike in all of it share one summary."""

    name: str
    label: str
    canonical: str | None
    aliases: frozenset[str]
    votes: tuple[tuple[str, int], ...]
    scope: str = ""  # for a generic name, the one document it stands in
    key: str = ""  # name_key(name)
    mentions: int = 0  # over all the local entities it stands for
    count: int = 0  # how many local entities it stands for

    @property
    def personish(self) -> bool:
        return self.label == "Person" and not self.canonical


class UnionFind:
    """Disjoint sets of summary indexes; a set's root is its smallest index (first seen in document order)."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def summarize(extractions: Iterable[DocExtraction]) -> tuple[list[Summary], dict[str, list[tuple[int, int]]]]:
    """Distinct summaries, numbered in document id and entity order, and each document's (local id, summary
    index), documents in id order.

    Only the entities are read from each extraction, which may be unpickled just for this pass; what
    is kept per local entity is a few integers.
    """
    summaries, refs, _ = summarize_with_countries(extractions)
    return summaries, refs


def document_countries(ex: DocExtraction) -> tuple[str, ...]:
    """The countries a document is mostly about: those its places and listed bodies name at least half as
    often as the most named one ("hong kong"; "united states", "china")."""
    counts: Counter = Counter()
    for ent in ex.entities:
        country = country_of(ent.name) if ent.label == "Place" else gazetteer_country().get(ent.canonical or "")
        if country and ent.mentions:
            counts[country] += len(ent.mentions)
    top = max(counts.values(), default=0)
    return tuple(sorted(c for c, n in counts.items() if 2 * n >= top))


def summarize_with_countries(extractions: Iterable[DocExtraction]) -> tuple[
        list[Summary], dict[str, list[tuple[int, int]]], dict[str, tuple[str, ...]]]:
    """:func:`summarize`, and the countries each document is mostly about."""
    first_seen: dict[tuple, int] = {}  # summary fields -> number in input order
    by_document: dict[str, list[tuple[int, int, int]]] = {}
    countries: dict[str, tuple[str, ...]] = {}
    for ex in extractions:
        countries[ex.document_id] = document_countries(ex)
        rows = []
        for ent in ex.entities:
            if ent.mentions:
                scope = ex.document_id if is_generic(ent.name, ent.label, ent.canonical) else ""
                fields = (ent.name, ent.label, ent.canonical, frozenset(ent.aliases), tuple(sorted(ent.votes.items())),
                          scope)
                rows.append((ent.lid, first_seen.setdefault(fields, len(first_seen)), len(ent.mentions)))
        by_document.setdefault(ex.document_id, []).extend(rows)
    fields_of = list(first_seen)  # in the order they were numbered
    number: dict[int, int] = {}  # input-order number -> number in document id order
    summaries: list[Summary] = []
    refs: dict[str, list[tuple[int, int]]] = {}
    for document_id in sorted(by_document):  # numbering, and so every merge, ignores the input order
        refs[document_id] = []
        for lid, n, mentions in by_document.pop(document_id):
            i = number.get(n)
            if i is None:
                i = number[n] = len(summaries)
                summaries.append(Summary(*fields_of[n], key=name_key(fields_of[n][0])))
            summaries[i].mentions += mentions
            summaries[i].count += 1
            refs[document_id].append((lid, i))
    return summaries, refs, countries


def resolve(extractions: Iterable[DocExtraction]) -> tuple[list[GlobalEntity], dict[LocalRef, str]]:
    """Global entities, sorted by id, and the global id of every local entity that has mentions."""
    summaries, refs, countries = summarize_with_countries(extractions)
    uf = UnionFind(len(summaries))
    merge_same_names(summaries, uf)
    merge_person_variants(summaries, uf)
    merge_bare_surnames(summaries, uf)
    merge_acronyms(summaries, uf)
    merge_org_suffixes(summaries, uf, (i for rows in refs.values() for _, i in rows))
    merge_generic_names(summaries, refs, countries, uf)
    return build_globals(summaries, refs, countries, uf)


@cache
def gazetteer_keys() -> dict[str, str]:
    """Name keys of gazetteer names and aliases -> canonical name."""
    return {name_key(n): e["name"] for e in gazetteer() for n in (e["name"], *e.get("aliases", []))}


@cache
def generic_words() -> frozenset[str]:
    return (lexicon_words("agency_words", "words") | lexicon_words("agency_words", "organization_nouns")
            | lexicon_words("agency_words", "institution_words") | lexicon_words("agency_words", "generic_words"))


def is_generic(name: str, label: str, canonical: str | None) -> bool:
    """A short body's name of common words only, which many countries' bodies bear ("Supreme Court",
    "Ministry of Defence"); a longer one ("Democratic National Committee") is taken for one body."""
    words = name_key(name).replace("-", " ").split()
    content = [w for w in words if w not in ("of", "the", "for", "and", "on", "in")]
    return (label in ("Agency", "Organization") and not canonical and 1 <= len(content) <= 2
            and all(w in generic_words() for w in words))


def merge_same_names(summaries: list[Summary], uf: UnionFind) -> None:
    """Same canonical name, same name key (a gazetteer name written where the ruler missed it is its
    canonical), same company without its legal form or spaces ("NSO Group" / "NSO", "ProudBoys")."""
    by_key: dict[str, int] = {}
    for i, s in enumerate(summaries):
        if s.scope:
            continue  # generic names: see merge_generic_names
        canonical = s.canonical or (gazetteer_keys().get(s.key) if s.label != "Person" else None)
        keys = ["canon:" + canonical] if canonical else [s.key]
        if not canonical and not s.personish:
            keys.append("body:" + squashed(company_core(s.key)))
        for key in keys:
            if key in by_key:
                uf.union(by_key[key], i)
            else:
                by_key[key] = i


def merge_person_variants(summaries: list[Summary], uf: UnionFind) -> None:
    """"Yuri Shvets" ~ "Yuri Shivets", "Valdimir Putin" ~ "Vladimir Putin", "Bob Harlan" ~ "Robert Harlan";
    never "Ivana" ~ "Donald"."""
    # one representative per distinct full name: a name seen with N spellings of case or votes is
    # compared once, not N times (equal keys were already joined)
    representatives: dict[str, int] = {}
    for i, s in enumerate(summaries):
        if s.personish and len(s.key.split()) >= 2:
            representatives.setdefault(s.key, i)
    blocks: dict[str, list[int]] = defaultdict(list)
    for key_name, i in representatives.items():
        surname = key_name.split()[-1]
        # one-deletion keys catch one-edit variants; the surname's first three letters catch
        # two-edit variants of long names (Zhuravlev / Zhuravlyov)
        for key in deletion_keys(surname) | {"prefix:" + surname[:3]}:
            blocks[key].append(i)
    for members in blocks.values():
        members = sorted(set(members))
        for n, a in enumerate(members):
            wa = summaries[a].key.split()
            for b in members[n + 1:]:
                wb = summaries[b].key.split()
                if same_word(wa[-1], wb[-1]) and same_given_name(wa[0], wb[0]) and same_middle(wa, wb):
                    uf.union(a, b)


def merge_bare_surnames(summaries: list[Summary], uf: UnionFind) -> None:
    """A document's bare "Trump" joins the corpus's dominant person of that surname (twice the next)."""
    by_surname: dict[str, Counter] = defaultdict(Counter)
    for i, s in enumerate(summaries):
        words = s.key.split()
        if s.personish and len(words) >= 2:
            by_surname[words[-1]][uf.find(i)] += s.mentions
    for i, s in enumerate(summaries):
        words = s.key.split()
        if len(words) != 1 or s.canonical or s.label not in ("Person", "Organization"):
            continue
        votes = dict(s.votes)
        if s.label == "Organization" and not 0 < votes.get("Organization", 0) < 2 * votes.get("Person", 0):
            continue  # a body more than a person: "the magazine Gordon", the company "Kessler"
        ranked = by_surname.get(words[0], Counter()).most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
            uf.union(ranked[0][0], i)


def merge_acronyms(summaries: list[Summary], uf: UnionFind) -> None:
    """A bare acronym ("DNC") joins the one body of the corpus whose name has those initials."""
    by_initials: dict[str, set[int]] = defaultdict(set)
    for i, s in enumerate(summaries):
        if s.label in ("Agency", "Organization") and len(s.key.split()) >= 2:
            by_initials[initials(s.name)].add(uf.find(i))
    for i, s in enumerate(summaries):
        if s.label in ("Agency", "Organization") and not s.canonical and s.name.isupper() and " " not in s.name:
            roots = {uf.find(r) for r in by_initials.get(s.name, ())} - {uf.find(i)}
            if len(roots) == 1:
                uf.union(roots.pop(), i)


def merge_org_suffixes(summaries: list[Summary], uf: UnionFind, occurrences: Iterable[int]) -> None:
    """"National Security Committee" joins "Kazakh National Security Committee" when that is the only longer form."""
    longer: dict[str, set[int]] = defaultdict(set)
    for i, s in enumerate(summaries):
        if s.label in ("Agency", "Organization"):
            for key in {s.key} | {name_key(a) for a in s.aliases}:
                words = key.split()
                for n in range(1, len(words) - 1):
                    longer[" ".join(words[n:])].add(uf.find(i))
    shorter = {i for i, s in enumerate(summaries) if s.label in ("Agency", "Organization") and len(s.key.split()) >= 2}
    for i in occurrences:  # each occurrence, in document order: a merge made for one can decide a later one
        if i in shorter:
            roots = {uf.find(r) for r in longer.get(summaries[i].key, set())} - {uf.find(i)}
            if len(roots) == 1:
                uf.union(roots.pop(), i)


def pick_name(members: list[Summary]) -> str:
    """The canonical name: a gazetteer name, else the most frequent of the longest names."""
    canon = sorted({m.canonical for m in members if m.canonical})
    if canon:
        return max(canon, key=lambda c: (len(c.split()), c))
    counts: Counter = Counter()
    for m in members:
        counts[m.name] += m.mentions
    return max(counts, key=lambda n: (min(len(n.split()), 3), counts[n], n))


def merge_generic_names(summaries: list[Summary], refs: dict[str, list[tuple[int, int]]],
                        countries: dict[str, tuple[str, ...]], uf: UnionFind) -> None:
    """A generic name joins the same name in another document about the same country or naming one of
    the same people (by full name): "the Senate" of two articles on American politics, not the Democratic
    Party of Hong Kong and that of the United States. Each occurrence is bucketed by (name, anchor),
    never compared pairwise."""
    first: dict[tuple[str, object], int] = {}
    for document_id in sorted(refs):
        rows = refs[document_id]
        people = sorted({uf.find(i) for _, i in rows if summaries[i].personish and len(summaries[i].key.split()) >= 2})
        anchors = [*people, *countries.get(document_id, ())]
        for _, i in rows:
            if not summaries[i].scope:
                continue
            for anchor in anchors:
                bucket = (summaries[i].key, anchor)
                if bucket in first:
                    uf.union(first[bucket], i)
                else:
                    first[bucket] = i


def cluster_entity(group: list[Summary]) -> tuple[str, str, set[str]]:
    """The label, name and aliases of a cluster of summaries."""
    votes: Counter = Counter()
    for s in group:
        for label, weight in s.votes:
            votes[label] += weight * s.count
    return winning_label(votes), pick_name(group), {a for s in group for a in (s.aliases | {s.name})}


def documents_country(documents: set[str], countries: dict[str, tuple[str, ...]]) -> str:
    """The country most of these documents are about, for telling apart bodies that share a generic
    name; "" if none."""
    counts = Counter(c for d in documents for c in countries.get(d, ()))
    return max(sorted(counts), key=lambda c: counts[c]) if counts else ""


def qualified_names(clusters: dict[int, list[int]], summaries: list[Summary],
                    countries: dict[str, tuple[str, ...]]) -> dict[int, str]:
    """Names for clusters of a generic name that stay apart: "Democratic Party (Hong Kong)"."""
    by_id: dict[str, list[int]] = defaultdict(list)
    for root, members in clusters.items():
        if all(summaries[i].scope for i in members):
            label, name, _ = cluster_entity([summaries[i] for i in members])
            by_id[node_id(label, name)].append(root)
    out: dict[int, str] = {}
    for roots in by_id.values():
        if len(roots) < 2:
            continue
        seen: set[str] = set()
        for n, root in enumerate(roots, 1):
            members = clusters[root]
            name = pick_name([summaries[i] for i in members])
            documents = {summaries[i].scope for i in members}
            country = documents_country(documents, countries)
            qualifier = country.title() if country and country not in seen else str(n)
            seen.add(country)
            out[root] = f"{name} ({qualifier})"
    return out


def build_globals(summaries: list[Summary], refs: dict[str, list[tuple[int, int]]],
                  countries: dict[str, tuple[str, ...]], uf: UnionFind) -> tuple[list[GlobalEntity], dict[LocalRef, str]]:
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(summaries)):
        clusters[uf.find(i)].append(i)
    qualified = qualified_names(clusters, summaries, countries)
    by_id: dict[str, GlobalEntity] = {}
    gid_of: list[str] = [""] * len(summaries)
    for root, members in clusters.items():
        label, name, aliases = cluster_entity([summaries[i] for i in members])
        if root in qualified:
            aliases.add(name)
            name = qualified[root]
        gid = node_id(label, name)
        if gid in by_id:
            by_id[gid].aliases = sorted(set(by_id[gid].aliases) | aliases - {by_id[gid].name})
        else:
            by_id[gid] = GlobalEntity(gid, label, name, sorted(aliases - {name}))
        for i in members:
            gid_of[i] = gid
    global_of: dict[LocalRef, str] = {}
    for document_id, rows in refs.items():
        for lid, i in rows:
            ref = (document_id, lid)
            global_of[ref] = gid_of[i]
            by_id[gid_of[i]].members.append(ref)
    return [by_id[k] for k in sorted(by_id)], global_of
