"""Properties of name normalisation, spelling-variant tests, alias resolution and ids (hypothesis)."""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import pytest
from hypothesis import assume, example, given, settings, strategies as st

from graphbuild.extract import names as names_module
from graphbuild.extract.model import DocExtraction, LocalEntity
from graphbuild.extract.names import deletion_keys, edit_distance, name_key, same_word
from graphbuild.graph import node_id, slug
from graphbuild.ingest import document_id
from graphbuild.resolve import resolve, summarize
from graphbuild.schema import ENTITY_LABELS, NODE_LABELS

SETTINGS = settings(max_examples=150, deadline=None)
LATIN = "abcdefghijklmnopqrstuvwxyz" "ABCDEFGHIJKLMNOPQRSTUVWXYZ" "àáâäçèéëíïñóöøúüýßÀÉÖÜ"
CYRILLIC = "абвгдежзийклмнопрстуфхцчшщыэюяАБВГДЖЗКЛМНПРСТЯ"
QUOTES = "\"'“”‘’«»„`"
word = st.text(st.sampled_from(LATIN + CYRILLIC), min_size=1, max_size=10)
name = st.lists(word, min_size=1, max_size=4).map(" ".join)
short = st.text(st.sampled_from("abcde"), max_size=7)  # small alphabet: variants and collisions are common


# --- name_key -----------------------------------------------------------------------------------------

@SETTINGS
@given(st.text(max_size=30))
@example("U.S. Army")
@example("  Mussayev’s ")
@example("the the x")
def test_name_key_is_idempotent(text):
    key = name_key(text)
    assert name_key(key) == key


def test_name_key_idempotent_with_repeated_the():
    key = name_key("The The Band")
    assert name_key(key) == key


@SETTINGS
@given(name)
def test_name_key_ignores_case(text):
    assert name_key(text.upper()) == name_key(text) == name_key(text.lower())


@SETTINGS
@given(name, st.sampled_from(QUOTES), st.sampled_from(QUOTES))
def test_name_key_ignores_surrounding_quotes(text, left, right):
    assert name_key(left + text + right) == name_key(text)


@SETTINGS
@given(name, st.sampled_from(["'s", "’s", "'", "’"]))
def test_name_key_drops_a_possessive(text, possessive):
    assume(not text.endswith(("s", "S")) or possessive in ("'s", "’s"))
    assert name_key(text + possessive) == name_key(text)


def test_name_key_output_alphabet():
    assert name_key("  “Zoë  O’Hara-Lund, Jr.” ") == "zoe ohara-lund jr"


def test_name_key_upper_case_possessive():
    assert name_key("TRUMP'S") == name_key("Trump's")


def test_name_key_quoted_possessive():
    assert name_key("“Mussayev’s”") == name_key("Mussayev")


# --- edit distance, same_word, deletion keys ------------------------------------------------------------

@lru_cache(maxsize=None)
def osa(a: str, b: str) -> int:
    """Optimal string alignment distance straight from its recursive definition."""
    if not a or not b:
        return len(a) + len(b)
    best = min(osa(a[:-1], b) + 1, osa(a, b[:-1]) + 1, osa(a[:-1], b[:-1]) + (a[-1] != b[-1]))
    if len(a) > 1 and len(b) > 1 and a[-1] == b[-2] and a[-2] == b[-1]:
        best = min(best, osa(a[:-2], b[:-2]) + 1)
    return best


@settings(max_examples=400, deadline=None)
@given(short, short, st.integers(0, 3))
@example("zhyrnov", "zyhrnov", 2)
@example("ca", "abc", 2)
def test_edit_distance_matches_reference(a, b, limit):
    assert edit_distance(a, b, limit) == min(osa(a, b), limit + 1)


@settings(max_examples=300, deadline=None)
@given(short, short)
def test_edit_distance_and_same_word_are_symmetric(a, b):
    assert edit_distance(a, b) == edit_distance(b, a)
    assert same_word(a, b) == same_word(b, a)
    assert same_word(a, a)


def one_edit(draw_word: str, data) -> str:
    """The word after one random substitution, deletion, insertion or swap of neighbours."""
    i = data.draw(st.integers(0, max(0, len(draw_word) - 1)))
    op = data.draw(st.sampled_from(["sub", "del", "ins", "swap"] if len(draw_word) > 1 else ["sub", "del", "ins"]))
    c = data.draw(st.sampled_from("abcdexyz"))
    if op == "sub":
        return draw_word[:i] + c + draw_word[i + 1:]
    if op == "del":
        return draw_word[:i] + draw_word[i + 1:]
    if op == "ins":
        return draw_word[:i] + c + draw_word[i:]
    i = min(i, len(draw_word) - 2)
    return draw_word[:i] + draw_word[i + 1] + draw_word[i] + draw_word[i + 2:]


@SETTINGS
@given(st.text(st.sampled_from("abcde"), min_size=1, max_size=9), st.data())
def test_words_one_edit_apart_share_a_deletion_key(a, data):
    b = one_edit(a, data)
    assert deletion_keys(a) & deletion_keys(b)


@settings(max_examples=300, deadline=None)
@given(short, short)
def test_deletion_keys_shared_iff_close(a, b):
    shared = bool(deletion_keys(a) & deletion_keys(b))
    if osa(a, b) <= 1:
        assert shared
    if shared:
        assert osa(a, b) <= 2
    else:
        assert osa(a, b) >= 2


# --- ids ----------------------------------------------------------------------------------------------------

SLUG_RE = re.compile(r"^[^\W_]+(?:-[^\W_]+)*$")


@SETTINGS
@given(st.text(max_size=40))
@example("Владимир Путин")
@example("ǆ Æ ß Ð ﬁ")
def test_slug_is_clean_lower_case_and_idempotent(text):
    s = slug(text)
    assert SLUG_RE.match(s), s
    assert s == s.casefold()
    assert slug(s) == s


@SETTINGS
@given(st.text(st.sampled_from(LATIN.replace("ø", "") + " -.'’"), max_size=20))
def test_slug_of_accented_latin_names_is_ascii(text):  # ø, æ, ð have no decomposition and stay as they are
    assert slug(text).isascii()


@SETTINGS
@given(st.text(st.sampled_from("abcdefghij XYZ-.'"), max_size=20), st.sampled_from(QUOTES[:8]))
def test_slug_ignores_ascii_case_and_quotes(text, quote):
    assert slug(text.upper()) == slug(text.lower()) == slug(quote + text + quote)


@SETTINGS
@given(st.sampled_from(NODE_LABELS), st.text(max_size=30))
def test_node_id_is_stable(label, key):
    nid = node_id(label, key)
    assert nid == node_id(label, key) == node_id(label, "".join(list(key)))
    assert nid == f"{label.lower()}:{slug(key)}"
    assert not key.isascii() or nid.isascii()


@SETTINGS
@given(st.lists(name, min_size=2, max_size=2, unique_by=name_key))
def test_names_with_different_keys_in_any_script_get_different_ids(pair):
    a, b = pair
    assume(slug(name_key(a)).replace("-", "") != slug(name_key(b)).replace("-", ""))  # "Jean-Luc" ~ "Jean Luc"
    assert node_id("Person", a) != node_id("Person", b)


def test_node_id_known_values():
    assert node_id("Person", "Yuri Shvets") == "person:yuri-shvets"
    assert node_id("Agency", "KGB Sixth Directorate") == "agency:kgb-sixth-directorate"
    assert node_id("Person", "Zoë O’Brien") == "person:zoe-obrien"
    with pytest.raises(Exception):
        node_id("Spaceship", "x")


def test_distinct_non_latin_names_get_distinct_ids():
    assert node_id("Person", "Владимир Путин") != node_id("Person", "Алексей Навальный")
    assert node_id("Person", "Владимир Путин") == "person:владимир-путин"


@SETTINGS
@given(st.text(max_size=200))
def test_document_id_is_a_stable_content_hash(text):
    did = document_id(text)
    assert re.fullmatch(r"[0-9a-f]{16}", did)
    assert did == hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    assert did == document_id("".join(list(text)))  # an equal, distinct string object


def test_document_id_known_value_and_sensitivity():
    assert document_id("Hello") == "185f8db32271fe25"
    assert document_id("Hello") != document_id("Hello ")


# --- alias resolution -------------------------------------------------------------------------------------

def extraction(doc: str, entities: list[tuple[str, str]]) -> DocExtraction:
    """A document's extraction with the given (name, label) entities, each mentioned once."""
    ents = [LocalEntity(lid=i, name=n, label=lab, mentions=[i], votes={lab: 1}) for i, (n, lab) in enumerate(entities)]
    return DocExtraction(document_id=doc, document_name=f"{doc}.txt", title="", path=f"{doc}.txt", sentences=[],
                         mentions=[], entities=ents)


def ids_of(extractions: list[DocExtraction]) -> dict[tuple[str, int], str]:
    return resolve(extractions)[1]


latin_word = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=2, max_size=9).map(str.capitalize)
person = st.tuples(latin_word, latin_word).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.tuples(person, st.sampled_from(ENTITY_LABELS)), max_size=4), min_size=1, max_size=4),
       st.randoms(use_true_random=False))
def test_resolution_does_not_depend_on_document_order(docs, rnd):
    extractions = [extraction(f"d{i:02}", ents) for i, ents in enumerate(docs)]
    expected = resolve(extractions)
    shuffled = [extraction(f"d{i:02}", ents) for i, ents in enumerate(docs)]
    rnd.shuffle(shuffled)
    got = resolve(shuffled)
    assert [(g.id, g.name, g.aliases, sorted(g.members)) for g in got[0]] == \
           [(g.id, g.name, g.aliases, sorted(g.members)) for g in expected[0]]
    assert got[1] == expected[1]


@SETTINGS
@given(person, st.sampled_from(["upper", "lower", "quotes", "possessive"]))
def test_case_and_quote_variants_resolve_to_one_person(full, how):
    variant = {"upper": full.upper(), "lower": full.lower(), "quotes": f"“{full}”", "possessive": f"{full}’s"}[how]
    ids = ids_of([extraction("d1", [(full, "Person")]), extraction("d2", [(variant, "Person")])])
    assert ids[("d1", 0)] == ids[("d2", 0)]


@SETTINGS
@given(latin_word, st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=5, max_size=7), st.data())
def test_one_letter_surname_variants_merge(first, surname, data):
    variant = one_edit(surname, data)
    assume(variant[:1] == surname[:1] and len(variant) >= 5 and variant != surname)
    a, b = f"{first} {surname.capitalize()}", f"{first} {variant.capitalize()}"
    assert same_word(name_key(surname), name_key(variant))
    ids = ids_of([extraction("d1", [(a, "Person")]), extraction("d2", [(b, "Person")])])
    assert ids[("d1", 0)] == ids[("d2", 0)]


@SETTINGS
@given(latin_word, latin_word, latin_word)
def test_different_first_names_never_merge(first_a, first_b, surname):
    assume(not same_word(name_key(first_a), name_key(first_b)))
    assume(all(len(name_key(f"{f} {surname}").split()) == 2 for f in (first_a, first_b)))  # "The Aa" is a bare surname
    ids = ids_of([extraction("d1", [(f"{first_a} {surname}", "Person")]),
                  extraction("d2", [(f"{first_b} {surname}", "Person")])])
    assert ids[("d1", 0)] != ids[("d2", 0)]


def test_bare_surname_joins_the_dominant_person():
    ids = ids_of([extraction("d1", [("Donald Trump", "Person")]), extraction("d2", [("Donald Trump", "Person")]),
                  extraction("d3", [("Trump", "Person"), ("Shvets", "Person")])])
    assert ids[("d3", 0)] == ids[("d1", 0)] == "person:donald-trump"
    assert ids[("d3", 1)] == "person:shvets"


def test_seed_spelling_variants_merge():
    pairs = [("Yuri Shvets", "Yuri Shivets"), ("Valdimir Putin", "Vladimir Putin"), ("Sergei Zhyrnov", "Sergei Zyhrnov")]
    for a, b in pairs:
        ids = ids_of([extraction("d1", [(a, "Person")] * 2), extraction("d2", [(b, "Person")])])
        assert ids[("d1", 0)] == ids[("d2", 0)], (a, b)


def test_two_edit_surname_variants_of_long_names_merge():
    assert same_word("khodorkovsky", "khodorkovskii")
    ids = ids_of([extraction("d1", [("Mikhail Khodorkovsky", "Person")]),
                  extraction("d2", [("Mikhail Khodorkovskii", "Person")])])
    assert ids[("d1", 0)] == ids[("d2", 0)]


def test_non_latin_names_stay_distinct_people():
    ids = ids_of([extraction("d1", [("Владимир Путин", "Person")]), extraction("d2", [("Алексей Навальный", "Person")])])
    assert ids[("d1", 0)] != ids[("d2", 0)]


def test_recurring_entities_are_resolved_once_with_their_weight():
    """The same entity in many documents is one summary counted that many times; its votes weigh that much."""
    docs = [extraction(f"d{i}", [("Acme", "Person"), ("Ivan Petrov", "Person")]) for i in range(3)]
    docs.append(DocExtraction(document_id="d9", document_name="d9.txt", title="", path="d9.txt", sentences=[],
                              mentions=[], entities=[LocalEntity(lid=0, name="Acme", label="Organization",
                                                                 mentions=[0], votes={"Organization": 2})]))
    summaries, refs = summarize(docs)
    assert [(s.name, s.count, s.mentions) for s in summaries] == [("Acme", 3, 3), ("Ivan Petrov", 3, 3),
                                                                  ("Acme", 1, 1)]
    assert refs["d9"] == [(0, 2)]
    entities, ids = resolve(docs)
    assert ids[("d9", 0)] == ids[("d0", 0)] == "person:acme"  # 3 Person votes beat 2 Organization votes
    assert sorted(next(e for e in entities if e.id == "person:acme").members) == [("d0", 0), ("d1", 0), ("d2", 0),
                                                                                   ("d9", 0)]


def test_a_shorter_organisation_name_is_checked_again_at_each_occurrence():
    """"National Security Committee" has two longer forms when first seen and one after they merge:
    its later occurrence joins them (each occurrence is checked in document order)."""
    def org(name: str, canonical: str | None = None, aliases: tuple[str, ...] = ()) -> LocalEntity:
        return LocalEntity(lid=0, name=name, label="Organization", aliases=set(aliases), mentions=[0],
                           canonical=canonical, votes={"Organization": 1})

    def doc(document_id: str, *entities: LocalEntity) -> DocExtraction:
        for lid, ent in enumerate(entities):
            ent.lid = lid
        return DocExtraction(document_id=document_id, document_name=f"{document_id}.txt", title="",
                             path=f"{document_id}.txt", sentences=[], mentions=[], entities=list(entities))

    docs = [doc("a", org("Kazakh National Security Committee", aliases=("Baz Foo Bar",)), org("National Security Committee")),
            doc("b", org("Russian National Security Committee", canonical="C1")),
            doc("c", org("Foo Bar", canonical="C1")),  # joins the Kazakh and the Russian forms
            doc("d", org("National Security Committee"))]
    _, ids = resolve(docs)
    assert ids[("a", 1)] == ids[("d", 0)] == ids[("a", 0)] == "organization:c1"


class CountingSameWord:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, a: str, b: str) -> bool:
        self.calls += 1
        return names_module.same_word(a, b)


def random_surname(i: int) -> str:
    digest = hashlib.sha256(str(i).encode()).digest()
    return "".join("abcdefghijklmnopqrstuvwxyz"[b % 26] for b in digest[:8]).capitalize()


def test_distinct_people_are_not_compared_all_pairs(monkeypatch):
    """Many people with unrelated surnames: comparisons stay far below all pairs and nobody is merged."""
    counter = CountingSameWord()
    monkeypatch.setattr("graphbuild.resolve.same_word", counter)
    n = 1500
    extractions = [extraction(f"d{i:04}", [(f"Anna {random_surname(i)}", "Person")]) for i in range(n)]
    entities, _ = resolve(extractions)
    assert len(entities) == n
    assert counter.calls < 10 * n, (counter.calls, n * (n - 1) // 2)


def test_one_person_in_many_documents_is_not_compared_all_pairs(monkeypatch):
    counter = CountingSameWord()
    monkeypatch.setattr("graphbuild.resolve.same_word", counter)
    n = 120
    ids = ids_of([extraction(f"d{i:04}", [("Donald Trump", "Person")]) for i in range(n)])
    assert set(ids.values()) == {"person:donald-trump"}
    assert counter.calls < 20 * n, (counter.calls, n)
