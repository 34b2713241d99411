"""The statement lexicon (``data/statements.toml``) as look-ups: word sets, and term lists whose
entries are words, stems ending in ``*`` or phrases, matched against tokens."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from spacy.tokens import Token

from ..schema import statements


@cache
def words(section: str, key: str) -> frozenset[str]:
    """One list of the statement lexicon as a set: ``words("cues", "alleges")``."""
    node = statements()[section]
    for part in key.split("."):
        node = node[part]
    return frozenset(node)


@cache
def words_in_order(section: str, key: str) -> tuple[str, ...]:
    """One list of the statement lexicon in its written order (for lists whose order is precedence)."""
    return tuple(statements()[section][key])


@cache
def table(section: str) -> dict[str, frozenset[str]]:
    """A section of lists as a dict of sets: ``table("bodies")["police"]``."""
    return {k: frozenset(v) for k, v in statements()[section].items() if isinstance(v, list)}


@dataclass(frozen=True)
class Terms:
    """Words, stems and phrases of one term list, matched on tokens and on lower-cased text."""

    words: frozenset[str]
    stems: tuple[str, ...]
    phrases: tuple[re.Pattern, ...]
    one_word: tuple[re.Pattern, ...] = ()  # the phrases that can match a single token

    @classmethod
    def of(cls, entries: list[str]) -> "Terms":
        plain = frozenset(e for e in entries if " " not in e.strip() and "*" not in e)
        stems = tuple(e[:-1] for e in entries if e.endswith("*") and " " not in e and e.count("*") == 1)
        patterned = [e.strip() for e in entries if " " in e.strip() or e.count("*") > 1 or ("*" in e and not e.endswith("*"))]
        compiled = [re.compile(r"\b" + re.escape(e).replace(r"\*", r"\w*") + r"\b") for e in patterned]
        return cls(plain, stems, tuple(compiled), tuple(p for e, p in zip(patterned, compiled) if " " not in e))

    def token(self, tok: Token) -> bool:
        """Whether one token is an entry (its lower-case form or lemma, or a stem of it)."""
        low, lemma = tok.lower_, tok.lemma_.lower()
        return low in self.words or lemma in self.words or (bool(self.stems) and low.startswith(self.stems))

    def text(self, text: str, *, one_word: bool = False) -> str | None:
        """The first phrase entry found in a lower-cased text (of one word: only the phrases that fit one)."""
        for pattern in (self.one_word if one_word else self.phrases):
            match = pattern.search(text)
            if match:
                return match.group(0)
        return None


@cache
def terms(section: str, key: str) -> Terms:
    node = statements()[section]
    for part in key.split("."):
        node = node[part]
    return Terms.of(list(node))


@cache
def act_categories() -> tuple[tuple[str, Terms], ...]:
    """(category, terms) in the lexicon's order of precedence."""
    return tuple((name, Terms.of(list(entries))) for name, entries in statements()["claims"]["acts"].items())


@lru_cache(maxsize=4096)  # the same sentence is looked at once per cue in it
def normalise(text: str) -> str:
    """Lower case with straight apostrophes, for phrase matching."""
    return text.lower().replace("’", "'").replace("‘", "'").replace("´", "'")


@cache
def act_words() -> tuple[Terms, re.Pattern]:
    """The wrongdoing words and every category's entries as one term list, with one pattern for all
    of their phrases (the question asked most often of a span: does it name any act at all)."""
    entries = list(statements()["claims"]["wrongdoing"]["words"])
    for values in statements()["claims"]["acts"].values():
        entries += list(values)
    found = Terms.of(entries)
    combined = re.compile("|".join(f"(?:{p.pattern})" for p in found.phrases) or r"(?!)")
    return found, combined


def has_act_word(doc, start: int, end: int) -> bool:
    """Whether a token range names a wrongdoing or an act of the categories (the valence that makes a
    plain report a claim)."""
    span = doc[start:end]
    found, phrases = act_words()
    return any(found.token(t) for t in span) or phrases.search(normalise(span.text)) is not None


@cache
def speech_lemmas() -> frozenset[str]:
    """Every verb of saying, whatever its stance."""
    return words("cues", "alleges") | words("cues", "corroborates") | words("cues", "disputes")
