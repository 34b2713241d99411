"""Node labels for the page's canvas: wrapped to a few short lines, and the box each one takes.

The layout keeps labels apart, so it must know how big each label is drawn before any browser draws it.
vis-network draws labels in Arial (Liberation Sans, its metric twin, where Arial is absent); the widths
below are Arial's (Helvetica's) advance widths, made a little larger so that a sans-serif font drawn in
Arial's place still fits the box.
"""
from __future__ import annotations

import unicodedata

FONT_SIZE = 14  # the page's node label size in pixels (see html._options)
LINE_HEIGHT = FONT_SIZE  # vis-network's label box: one font size per line
LINE_CHARS = 24  # a wrapped line holds about this many characters
MAX_LINES = 3  # lines of a name before it is cut with an ellipsis (the allegation status comes on top)
LABEL_GAP = FONT_SIZE / 2 + 4  # vis-network's label box starts this far below its node's shape
SAFETY = 1.08  # widths are scaled by this, for fonts a little wider than Arial

# Advance widths per 1,000 units of the em for printable ASCII (32..126), from Helvetica's metrics.
_ASCII_WIDTHS = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584)
_OTHER_WIDTHS = {"\u2019": 222, "\u2018": 222, "\u201c": 333, "\u201d": 333, "\u2013": 556, "\u2014": 1000,
                 "\u2026": 1000, "\u00b7": 278}


def wrap_label(name: str, status: str | None = None) -> str:
    """``name`` on at most :data:`MAX_LINES` lines of about :data:`LINE_CHARS` characters, cut with an
    ellipsis when longer; an allegation's ``status`` goes on a line of its own, in brackets.

    >>> wrap_label("Donald Trump: targeting and cultivation as an asset", "corroborated")
    'Donald Trump: targeting\\nand cultivation as an\\nasset\\n[corroborated]'
    >>> wrap_label("KGB")
    'KGB'
    """
    lines: list[str] = []
    for word in name.split():
        while len(word) > LINE_CHARS:  # a word longer than a line is broken where the line ends
            lines.append(word[:LINE_CHARS])
            word = word[LINE_CHARS:]
        if lines and len(lines[-1]) + 1 + len(word) <= LINE_CHARS:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        lines[-1] = lines[-1][:LINE_CHARS - 1].rstrip() + "\u2026"
    if status:
        lines.append(f"[{status}]")
    return "\n".join(lines) or name


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """The width in pixels of one line of ``text`` drawn at ``size`` pixels (a slight over-estimate).

    >>> round(text_width("KGB"))
    32
    """
    units = 0
    for ch in text:
        code = ord(ch)
        if 32 <= code <= 126:
            units += _ASCII_WIDTHS[code - 32]
        elif ch in _OTHER_WIDTHS:
            units += _OTHER_WIDTHS[ch]
        else:
            units += 1000 if unicodedata.east_asian_width(ch) in ("W", "F") else 640
    return units * size / 1000 * SAFETY


def label_size(label: str) -> tuple[float, float]:
    """Width and height in pixels of a (possibly multi-line) label as the page draws it."""
    lines = label.split("\n")
    return max(text_width(line) for line in lines), LINE_HEIGHT * len(lines)


def node_box(label: str, radius: float) -> tuple[float, float, float]:
    """The box a node and its label take, relative to the node's centre: half width, half height, and
    how far the box's centre lies below the node's (the label hangs :data:`LABEL_GAP` below the shape).
    """
    width, height = label_size(label) if label else (0.0, 0.0)
    top, bottom = -radius, radius + (LABEL_GAP + height if label else 0.0)
    return max(radius, width / 2), (bottom - top) / 2, (bottom + top) / 2
