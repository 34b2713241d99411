"""Across documents: one node per real-world entity.

Full person names merge when first and last names are the same or spelling variants of each other
(blocked by one-deletion keys and surname prefixes, so there is no all-pairs comparison); a bare surname joins the one
person of that surname who dominates the corpus; organisations merge on canonical names, exact names
and a unique longer form ("National Security Committee" -> "Kazakh National Security Committee").
Types are decided by the votes of all mentions in all documents.

The same entity recurs in many documents with the same name, aliases and votes, so the merges run over
distinct entity summaries, each with the number of documents' entities it stands for: memory and work
grow with the distinct names of a corpus, not with its length.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .extract.entities import winning_label
from .extract.model import DocExtraction
from .extract.names import deletion_keys, name_key, same_word
from .graph import node_id

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
    first_seen: dict[tuple, int] = {}  # summary fields -> number in input order
    by_document: dict[str, list[tuple[int, int, int]]] = {}
    for ex in extractions:
        rows = []
        for ent in ex.entities:
            if ent.mentions:
                fields = (ent.name, ent.label, ent.canonical, frozenset(ent.aliases), tuple(sorted(ent.votes.items())))
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
    return summaries, refs


def resolve(extractions: Iterable[DocExtraction]) -> tuple[list[GlobalEntity], dict[LocalRef, str]]:
    """Global entities, sorted by id, and the global id of every local entity that has mentions."""
    summaries, refs = summarize(extractions)
    uf = UnionFind(len(summaries))
    by_key: dict[str, int] = {}
    for i, s in enumerate(summaries):
        key = "canon:" + s.canonical if s.canonical else s.key
        if key in by_key:
            uf.union(by_key[key], i)
        else:
            by_key[key] = i
    merge_person_variants(summaries, uf)
    merge_bare_surnames(summaries, uf)
    merge_org_suffixes(summaries, uf, (i for rows in refs.values() for _, i in rows))
    return build_globals(summaries, refs, uf)


def merge_person_variants(summaries: list[Summary], uf: UnionFind) -> None:
    """"Yuri Shvets" ~ "Yuri Shivets", "Valdimir Putin" ~ "Vladimir Putin"; never "Ivana" ~ "Donald"."""
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
                if same_word(wa[-1], wb[-1]) and same_word(wa[0], wb[0]):
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
        ranked = by_surname.get(words[0], Counter()).most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
            uf.union(ranked[0][0], i)


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


def build_globals(summaries: list[Summary], refs: dict[str, list[tuple[int, int]]],
                  uf: UnionFind) -> tuple[list[GlobalEntity], dict[LocalRef, str]]:
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(summaries)):
        clusters[uf.find(i)].append(i)
    by_id: dict[str, GlobalEntity] = {}
    gid_of: list[str] = [""] * len(summaries)
    for members in clusters.values():
        group = [summaries[i] for i in members]
        votes: Counter = Counter()
        for s in group:
            for label, weight in s.votes:
                votes[label] += weight * s.count
        label = winning_label(votes)
        name = pick_name(group)
        aliases = {a for s in group for a in (s.aliases | {s.name})}
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
