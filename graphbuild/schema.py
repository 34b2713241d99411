"""The graph schema (node labels, relation types), the gazetteer and the cue lexicons, read from data files.

Everything that names a label or relation type goes through :func:`check_label` /
:func:`check_relation` before it reaches a query, so text from documents can never become one.
"""
from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from .errors import GraphFormatError


def _load(name: str) -> dict[str, Any]:
    with resources.files("graphbuild").joinpath("data", name).open("rb") as f:
        return tomllib.load(f)


@cache
def schema() -> dict[str, Any]:
    return _load("schema.toml")


@cache
def lexicon() -> dict[str, Any]:
    return _load("lexicon.toml")


@cache
def statements() -> dict[str, Any]:
    """The statement lexicon: cues of saying, accusation frames, claim nouns, act categories."""
    return _load("statements.toml")


@cache
def first_names() -> dict[str, frozenset[str]]:
    """Common given names by the pronoun news uses for their bearers: {"female": ..., "male": ...}."""
    return {k: frozenset(v) for k, v in _load("first_names.toml").items()}


@cache
def lexicon_words(section: str, key: str) -> frozenset[str]:
    """One word list of the lexicon as a set: ``lexicon_words("roles", "former")``."""
    return frozenset(lexicon()[section][key])


@cache
def gazetteer() -> list[dict[str, Any]]:
    return list(_load("gazetteer.toml")["entity"])


NODE_LABELS: tuple[str, ...] = tuple(schema()["labels"])
RELATION_TYPES: tuple[str, ...] = tuple(schema()["relations"])
ENTITY_LABELS: tuple[str, ...] = ("Person", "Agency", "Organization", "Place")
STANCE_TYPES: tuple[str, ...] = tuple(k for k, v in schema()["relations"].items() if v.get("stance"))


def check_label(label: str) -> str:
    """Return ``label`` if the schema defines it, else raise :class:`GraphFormatError`."""
    if label not in NODE_LABELS:
        raise GraphFormatError(f"unknown node label {label!r} (expected one of {', '.join(NODE_LABELS)})")
    return label


def check_relation(rel_type: str) -> str:
    """Return ``rel_type`` if the schema defines it, else raise :class:`GraphFormatError`."""
    if rel_type not in RELATION_TYPES:
        raise GraphFormatError(f"unknown relation type {rel_type!r} (expected one of {', '.join(RELATION_TYPES)})")
    return rel_type
