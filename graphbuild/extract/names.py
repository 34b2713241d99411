"""Name normalisation and comparison: keys, title stripping, spelling-variant tests without all-pairs work."""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache, partial
from importlib import resources

from ..schema import lexicon_words
from ..text import strip_accents

QUOTES = "\"'“”‘’«»„`"
DETERMINERS = {"the", "a", "an", "that", "this", "these", "those", "our", "their", "his", "her", "its", "my", "your"}
POSSESSIVE_RE = re.compile(r"(?:['’][sS]|['’])$")


title_words = partial(lexicon_words, "titles", "words")
demonyms = partial(lexicon_words, "demonyms", "words")


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """A comparison key: no diacritics, quotes, dots, possessive or case; single spaces.

    >>> name_key("  Mussayev’s ")
    'mussayev'
    >>> name_key("U.S. Army")
    'us army'
    """
    s = strip_accents(name)
    s = s.strip().strip("\"“”«»„`")
    s = POSSESSIVE_RE.sub("", s.strip())
    s = s.casefold()
    s = re.sub(r"[.\"'`’‘“”]", "", s)
    s = re.sub(r"[^\w\s&-]", " ", s)
    s = re.sub(r"^(?:the\s+)+", "", s.strip())
    return re.sub(r"\s+", " ", s).strip()


def clean_surface(text: str) -> str:
    """A mention's text without surrounding quotes, punctuation, possessive or line breaks.

    >>> clean_surface("Elon Musk’s")
    'Elon Musk'
    >>> clean_surface("“Krasnov.”")
    'Krasnov'
    >>> clean_surface("U.S.")
    'U.S.'
    """
    text = text.split("\n")[0] if text.strip() else text
    text = text.strip().strip(QUOTES + " /\\-–—,;:.!?()[]")
    text = POSSESSIVE_RE.sub("", text).strip().strip(QUOTES + " ,")
    if re.fullmatch(r"(?:[A-Z]\.)+[A-Z]", text):
        text += "."  # an abbreviation keeps its last dot: "U.S.", "D.C."
    return re.sub(r"\s+", " ", text)


def is_title(word: str) -> bool:
    """Whether a word is a title or role word that is never part of a name ("former", "Major", "Gen.")."""
    return word.casefold().rstrip(".") in title_words()


def strip_titles(words: list[str]) -> tuple[list[str], list[str]]:
    """Split leading determiners and titles from a name's words: (titles, name words).

    >>> strip_titles(["former", "KGB", "Major", "Yuri", "Shvets"])
    (['former', 'KGB', 'Major'], ['Yuri', 'Shvets'])
    """
    i = 0
    while i < len(words) - 1 and (words[i].casefold() in DETERMINERS or is_title(words[i]) or words[i].isupper() and len(words) - i > 2):
        i += 1
    return words[:i], words[i:]


def is_demonym(text: str) -> bool:
    """Whether the text is a nationality or group adjective ("Russian", "Democrats")."""
    return name_key(text) in demonyms()


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Optimal string alignment distance (a swap of neighbours costs 1), capped at ``limit + 1``.

    >>> edit_distance("zhyrnov", "zyhrnov")
    1
    >>> edit_distance("shvets", "shivets")
    1
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return min(prev[-1], limit + 1)


def variant_limit(word: str) -> int:
    """How many edits two spellings of a word this long may differ by and still be one name."""
    n = len(word)
    return 0 if n < 5 else 1 if n < 8 else 2


def same_word(a: str, b: str) -> bool:
    """Two spellings of one name word: equal, or close enough for their length (transliteration, typo).

    >>> same_word("valdimir", "vladimir"), same_word("ivana", "donald")
    (True, False)
    """
    if a == b:
        return True
    if len(a) > 40 or len(b) > 40:
        return False  # no name word is that long; spare the comparison
    limit = min(variant_limit(a), variant_limit(b))
    return limit > 0 and a[0] == b[0] and edit_distance(a, b, limit) <= limit


def deletion_keys(word: str) -> set[str]:
    """The word and every form with one letter deleted: two words within one edit share a key.

    Used as blocking keys so variant detection never compares all pairs of names.
    """
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


@lru_cache(maxsize=1)
def name_data() -> dict:
    """graphbuild/data/names.toml: nicknames of given names and words that are never names."""
    with resources.files("graphbuild").joinpath("data", "names.toml").open("rb") as f:
        return tomllib.load(f)


@lru_cache(maxsize=1)
def given_name_forms() -> dict[str, frozenset[str]]:
    """Every listed given name or short form -> the full names it may stand for ("bob" -> {"robert"})."""
    out: dict[str, set[str]] = {}
    for full, shorts in name_data()["nicknames"].items():
        for form in (full, *shorts):
            out.setdefault(form, set()).add(full)
    return {form: frozenset(fulls) for form, fulls in out.items()}


def same_given_name(a: str, b: str) -> bool:
    """Two first names of one person: spelling variants, or a full name and its short form.

    >>> same_given_name("bob", "robert"), same_given_name("bob", "bill")
    (True, False)
    """
    if same_word(a, b):
        return True
    forms = given_name_forms()
    return bool(forms.get(a, frozenset()) & (forms.get(b, frozenset()) | {b})) or a in forms.get(b, frozenset())


def same_middle(a: list[str], b: list[str]) -> bool:
    """Whether two full names' middle parts can be one person's: equal, or one name has none.

    >>> same_middle(["george", "w", "bush"], ["george", "h", "w", "bush"]), same_middle(["donald", "j", "trump"], ["donald", "trump"])
    (False, True)
    """
    ma, mb = a[1:-1], b[1:-1]
    return not ma or not mb or [w[0] for w in ma] == [w[0] for w in mb]


@lru_cache(maxsize=1)
def not_name_words() -> frozenset[str]:
    return frozenset(name_data()["not_names"]["words"])


def is_gate_word(text: str) -> bool:
    """A scandal's nickname ("Qatargate", "Pizzagate") names an affair, not a body or a person."""
    return " " not in text and len(text) > 6 and text.lower().endswith("gate") and text[:1].isupper()
