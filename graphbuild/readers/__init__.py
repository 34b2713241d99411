"""Readers of the formats that need a library: HTML articles, PDF, Word, and JSONL/CSV corpora.

Each reader takes a file's bytes, its path (for messages) and a ``warn`` callback, and gives the
documents it holds as :class:`graphbuild.formats.Read` items, or None after a warning. The libraries
they use log their own diagnostics; those are not graphbuild's to print, so their loggers get a
``NullHandler`` (an application that configures logging still sees them).
"""
from __future__ import annotations

import logging

for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability", "pypdf", "docx"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
