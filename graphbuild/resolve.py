"""Across documents: one node per real-world entity.

Full person names merge when first and last names are the same or spelling variants of each other
(blocked by one-deletion keys and surname prefixes, so there is no all-pairs comparison); a bare surname joins the one
person of that surname who dominates the corpus; organisations merge on canonical names, exact names
and a unique longer form ("National Security Committee" -> "Kazakh National Security Committee").
Types are decided by the votes of all mentions in all documents.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .extract.entities import decide_label
from .extract.model import DocExtraction, LocalEntity
from .extract.names import deletion_keys, name_key, same_word
from .graph import node_id

LocalRef = tuple[str, int]  # (document id, local entity id)


@dataclass
class GlobalEntity:
    """An entity of the whole corpus with the local entities it gathers."""

    id: str
    label: str
    name: str
    aliases: list[str]
    members: list[LocalRef] = field(default_factory=list)


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[LocalRef, LocalRef] = {}

    def find(self, x: LocalRef) -> LocalRef:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: LocalRef, b: LocalRef) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def is_personish(ent: LocalEntity) -> bool:
    return ent.label == "Person" and not ent.canonical


def resolve(extractions: Iterable[DocExtraction]) -> tuple[list[GlobalEntity], dict[LocalRef, str]]:
    """Global entities, sorted by id, and the global id of every local entity that has mentions.

    Only the entities are kept from each extraction, which may be unpickled just for this pass.
    """
    found = [((ex.document_id, position), (ex.document_id, ent.lid), ent)
             for ex in extractions for position, ent in enumerate(ex.entities) if ent.mentions]
    locals_: dict[LocalRef, LocalEntity] = {ref: ent for _, ref, ent in sorted(found, key=lambda item: item[0])}
    uf = UnionFind()
    by_key: dict[str, LocalRef] = {}
    for ref, ent in locals_.items():
        uf.find(ref)
        key = "canon:" + ent.canonical if ent.canonical else name_key(ent.name)
        if key in by_key:
            uf.union(by_key[key], ref)
        else:
            by_key[key] = ref
    merge_person_variants(locals_, uf)
    merge_bare_surnames(locals_, uf)
    merge_org_suffixes(locals_, uf, by_key)
    return build_globals(locals_, uf)


def merge_person_variants(locals_: dict[LocalRef, LocalEntity], uf: UnionFind) -> None:
    """"Yuri Shvets" ~ "Yuri Shivets", "Valdimir Putin" ~ "Vladimir Putin"; never "Ivana" ~ "Donald"."""
    # one representative per distinct full name: a person named in N documents is compared once,
    # not N times (equal names were already joined by their key)
    representatives: dict[str, LocalRef] = {}
    for ref, ent in locals_.items():
        if is_personish(ent) and len(name_key(ent.name).split()) >= 2:
            representatives.setdefault(name_key(ent.name), ref)
    blocks: dict[str, list[LocalRef]] = defaultdict(list)
    for key_name, ref in representatives.items():
        surname = key_name.split()[-1]
        # one-deletion keys catch one-edit variants; the surname's first three letters catch
        # two-edit variants of long names (Zhuravlev / Zhuravlyov)
        for key in deletion_keys(surname) | {"prefix:" + surname[:3]}:
            blocks[key].append(ref)
    for refs in blocks.values():
        refs = sorted(set(refs))
        for i, a in enumerate(refs):
            wa = name_key(locals_[a].name).split()
            for b in refs[i + 1:]:
                wb = name_key(locals_[b].name).split()
                if same_word(wa[-1], wb[-1]) and same_word(wa[0], wb[0]):
                    uf.union(a, b)


def merge_bare_surnames(locals_: dict[LocalRef, LocalEntity], uf: UnionFind) -> None:
    """A document's bare "Trump" joins the corpus's dominant person of that surname (twice the next)."""
    by_surname: dict[str, Counter] = defaultdict(Counter)
    for ref, ent in locals_.items():
        words = name_key(ent.name).split()
        if is_personish(ent) and len(words) >= 2:
            by_surname[words[-1]][uf.find(ref)] += len(ent.mentions)
    for ref, ent in locals_.items():
        words = name_key(ent.name).split()
        if len(words) != 1 or ent.canonical or ent.label not in ("Person", "Organization"):
            continue
        ranked = by_surname.get(words[0], Counter()).most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
            uf.union(ranked[0][0], ref)


def merge_org_suffixes(locals_: dict[LocalRef, LocalEntity], uf: UnionFind, by_key: dict[str, LocalRef]) -> None:
    """"National Security Committee" joins "Kazakh National Security Committee" when that is the only longer form."""
    longer: dict[str, set[LocalRef]] = defaultdict(set)
    for ref, ent in locals_.items():
        if ent.label in ("Agency", "Organization"):
            names = {name_key(ent.name)} | {name_key(a) for a in ent.aliases}
            for key in names:
                words = key.split()
                for i in range(1, len(words) - 1):
                    longer[" ".join(words[i:])].add(uf.find(ref))
    for ref, ent in locals_.items():
        key = name_key(ent.name)
        if ent.label in ("Agency", "Organization") and len(key.split()) >= 2:
            roots = {uf.find(r) for r in longer.get(key, set())} - {uf.find(ref)}
            if len(roots) == 1:
                uf.union(roots.pop(), ref)


def pick_name(members: list[LocalEntity]) -> str:
    """The canonical name: a gazetteer name, else the most frequent of the longest names."""
    canon = sorted({m.canonical for m in members if m.canonical})
    if canon:
        return max(canon, key=lambda c: (len(c.split()), c))
    counts = Counter()
    for m in members:
        counts[m.name] += len(m.mentions)
    return max(counts, key=lambda n: (min(len(n.split()), 3), counts[n], n))


def build_globals(locals_: dict[LocalRef, LocalEntity], uf: UnionFind) -> tuple[list[GlobalEntity], dict[LocalRef, str]]:
    clusters: dict[LocalRef, list[LocalRef]] = defaultdict(list)
    for ref in sorted(locals_):
        clusters[uf.find(ref)].append(ref)
    by_id: dict[str, GlobalEntity] = {}
    global_of: dict[LocalRef, str] = {}
    for refs in clusters.values():
        members = [locals_[r] for r in refs]
        votes = LocalEntity(lid=-1, name="", label="")
        for m in members:
            for label, weight in m.votes.items():
                votes.vote(label, weight)
        label = decide_label(votes)
        name = pick_name(members)
        aliases = {a for m in members for a in (m.aliases | {m.name})}
        gid = node_id(label, name)
        if gid in by_id:
            by_id[gid].members += refs
            by_id[gid].aliases = sorted(set(by_id[gid].aliases) | aliases - {by_id[gid].name})
        else:
            by_id[gid] = GlobalEntity(gid, label, name, sorted(aliases - {name}), list(refs))
        for r in refs:
            global_of[r] = gid
    return [by_id[k] for k in sorted(by_id)], global_of
