"""Datelines: "VIENNA, March 3 - ...", "HONG KONG - ...", "MOSCOW (Reuters) - ...". The place that opens a
news story says where it was filed; it is a Place or nothing, never a source or a body."""
from __future__ import annotations

from spacy.tokens import Doc

DASHES = {"-", "–", "—", "--"}
MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january",
          "february", "march", "april", "june", "july", "august", "september", "october", "november", "december"}


def paragraph_starts(doc: Doc) -> list[int]:
    """Token indices that open a paragraph (the text's start or the first token after a line break)."""
    starts = [0] if len(doc) else []
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            starts.append(tok.i + 1)
    return starts


def capitals_at(doc: Doc, i: int, limit: int = 4) -> int:
    """The end of a run of all-capitals words ("KUALA LUMPUR", "WASHINGTON , D.C.") from token ``i``."""
    j = i
    while j < len(doc) and j - i < limit and doc[j].text.isupper() and any(c.isalpha() for c in doc[j].text):
        j += 1
    return j


def dateline_at(doc: Doc, start: int) -> range | None:
    """The place tokens of a dateline opening a paragraph, if there is one."""
    end = capitals_at(doc, start)
    if end == start or end - start == 1 and len(doc[start].text) < 3:
        return None
    i = end
    if i < len(doc) and doc[i].text == "," and capitals_at(doc, i + 1) > i + 1:
        i = capitals_at(doc, i + 1)  # "WASHINGTON, D.C."
        end = i
    if i < len(doc) and doc[i].text == ",":
        i += 1
        while i < len(doc) and i - end < 6 and (doc[i].lower_.rstrip(".") in MONTHS or doc[i].like_num or doc[i].text == ","):
            i += 1
    if i < len(doc) and doc[i].text == "(":
        close = next((k for k in range(i + 1, min(i + 5, len(doc))) if doc[k].text == ")"), None)
        i = close + 1 if close is not None else i
    if i < len(doc) and doc[i].text in DASHES:
        return range(start, end)
    return None


def dateline_tokens(doc: Doc) -> set[int]:
    """Indices of the place tokens of every dateline in a parsed piece."""
    out: set[int] = set()
    for start in paragraph_starts(doc):
        while start < len(doc) and doc[start].is_space:
            start += 1
        found = dateline_at(doc, start) if start < len(doc) else None
        if found is not None:
            out.update(found)
    return out
