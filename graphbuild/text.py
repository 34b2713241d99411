"""Small text helpers shared by name keys and node ids."""
from __future__ import annotations

import unicodedata


def strip_accents(text: str) -> str:
    """Latin letters without their accents; other scripts unchanged.

    >>> strip_accents("Zoë Ó Súilleabháin")
    'Zoe O Suilleabhain'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))
