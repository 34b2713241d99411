"""Type votes: what each mention says of its entity's type (the model's label, the gazetteer, the
name's own words, its context), and the winning type of a set of votes."""
from __future__ import annotations

from collections.abc import Mapping

from ..schema import gazetteer
from .model import Mention
from .names import name_key
from .spans import agency_words, body_words, organization_nouns

ORG_LABELS = {"ORG", "AGENCY", "ORGANIZATION"}
GAZETTEER_LABEL = {e["name"]: e["label"] for e in gazetteer()}


def org_kind(name: str) -> str:
    """Agency if the name holds a state-body word ("Ministry", "Committee"), else Organization."""
    words = name_key(name).replace("-", " ").split()
    head = head_word(words)
    if head in organization_nouns() and head not in agency_words():
        return "Organization"  # the head word decides: "Royal United Services Institute"
    return "Agency" if set(words) & agency_words() else "Organization"


def head_word(words: list[str]) -> str:
    """The head of a name: its last word, or the last before "of"/"for" ("Ministry of Defence")."""
    for n, w in enumerate(words):
        if w in ("of", "for", "on") and n > 0:
            return words[n - 1]
    return words[-1] if words else ""


def looks_like_org(m: Mention) -> bool:
    """A body's name: a body word in it, an acronym, or a number first ("21st Century Fox": no person's)."""
    words = set(name_key(m.text).replace("-", " ").split())
    return bool(words & body_words()) or m.text.isupper() and " " not in m.text or m.text[:1].isdigit()


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
    if m.kind_hint in ("Organization", "Agency") and m.label == "PERSON" and " " not in m.text:
        # "Wirecard, a payment company": a one-word name described as a body; the model's PERSON on
        # its other mentions is a guess, the description is not
        votes.append((m.kind_hint, 6))
    elif m.kind_hint in ("Organization", "Agency") and m.label == "PERSON":
        votes.append((m.kind_hint, 3))  # "a firm named X": the description outweighs two PERSON guesses
    elif m.kind_hint:
        votes.append((m.kind_hint, 2))
    return votes


def winning_label(votes: Mapping[str, int]) -> str:
    """The type with most votes; ties go to Person, then Agency, then Organization, then Place."""
    order = ("Person", "Agency", "Organization", "Place")
    return max(order, key=lambda label: (votes.get(label, 0), -order.index(label)))
