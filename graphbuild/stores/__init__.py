"""Graph stores: Neo4j over Bolt and a private embedded engine, fed by the same pure row builders."""
from __future__ import annotations


def one_line(error: BaseException | str, limit: int = 240) -> str:
    """An error message on one line, cut to ``limit`` characters.

    >>> one_line("a\\n  b")
    'a b'
    """
    text = error if isinstance(error, str) else (getattr(error, "message", None) or str(error) or type(error).__name__)
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
