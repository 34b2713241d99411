"""The pipeline: sources -> documents -> parsed pieces -> extractions -> resolved entities -> one graph.

Documents are found and identified first; each text is read again when the model takes it, documents
stream through the model one batch at a time, and only the extraction (plain data, compacted and
pickled) is kept, so memory grows with the graph, not with the texts or the Docs. ``workers > 1`` runs
model and extraction in that many processes; results come back in document order, so the graph is the
same either way.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Protocol

import networkx as nx

from . import __version__
from .cache import ExtractionCache
from .errors import InputError, ModelError
from .extract import DocExtraction, PackedExtractions, extract_document
from .graph import add_edge, add_node, evidence_item, new_graph, slug
from .ingest import Document, DocumentFile, Source, Warn, find_documents
from .lifetime import STOP_SIGNALS, exit_with_parent
from .memory import release_free_memory
from .metadata import read_metadata_file
from .nlp import installed_model_info, load_pipeline, model_info, parse
from .provenance import add_provenance
from .resolve import resolve

Progress = Callable[[Source], None]
PARTIES = ("Person", "Agency", "Organization")


class Executor(Protocol):
    """Runs reading, model and extraction elsewhere than here (e.g. :class:`graphbuild.cluster.DaskExecutor`)."""

    def extract(self, docs: Sequence[Source], *, model: str | None, progress: Progress | None,
                warn: Warn) -> tuple[PackedExtractions, dict[str, str]]: ...


_worker_nlp = None
_build_pid = 0  # the process that forks the workers, set before it does


def _init_worker(model: str | None) -> None:
    """Load the model for :func:`_extract_one` in this process (a pool worker or a Dask worker)."""
    global _worker_nlp
    _worker_nlp = load_pipeline(model)


def _init_pool_worker(model: str | None) -> None:
    """A pool worker ends with the build, quietly: at once if the build is killed, and by the pool's
    SIGTERM (not by the terminal's Ctrl-C, which the build handles by ending the pool)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for sig in STOP_SIGNALS:
        signal.signal(sig, signal.SIG_DFL)  # not the handler a command inherited from the build
    exit_with_parent(_build_pid)
    _init_worker(model)


def _extract_one(source: Source) -> tuple[str, bytes] | str:
    """A document's id and packed extraction (sent back packed, kept packed), or why it was skipped."""
    try:
        doc = source.read()
    except InputError as e:
        return str(e)
    parsed = next(parse(_worker_nlp, [doc.text], batch_size=1))
    return PackedExtractions.pack(extract_document(doc, parsed).compact())


def extract_all(docs: Sequence[Source], *, model: str | None = None, workers: int = 1, batch_size: int = 8,
                progress: Progress | None = None, warn: Warn = lambda message: None,
                executor: Executor | None = None,
                cache: ExtractionCache | None = None) -> tuple[PackedExtractions, dict[str, str]]:
    """Extractions of all documents (iterated in document id order) and the model's name and version.

    A :class:`DocumentFile`'s text is read only when the model takes it; one that no longer holds the
    text first read is skipped with a warning. An ``executor`` does it all instead (``workers`` unused).
    With a ``cache``, documents it holds are not parsed and the new extractions are stored in it.
    """
    if executor is not None:
        return _extract_elsewhere(executor, docs, model, progress, warn, cache)
    nlp = load_pipeline(model)
    info = model_info(nlp)
    cached = cache.lookup(docs, info) if cache is not None else {}
    store = (lambda source, packed: cache.store(source, info, packed)) if cache is not None else None
    results = PackedExtractions()
    if workers > 1 and len(docs) - len(cached) > 1:
        del nlp
        release_free_memory()  # before the workers are forked from this process
        _extract_in_workers(docs, cached, model, workers, results, progress, warn, store)
        return results, info
    _extract_here(nlp, docs, cached, batch_size, results, progress, warn, store)
    del nlp
    release_free_memory()  # so the graph is built in the memory the model held, not on top of it
    return results, info


Store = Callable[[Source, bytes], None]


def _extract_in_workers(docs: Sequence[Source], cached: dict[str, bytes], model: str | None, workers: int,
                        results: PackedExtractions, progress: Progress | None, warn: Warn, store: Store | None) -> None:
    global _build_pid
    _build_pid = os.getpid()
    todo = [source for source in docs if source.id not in cached]
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(workers, initializer=_init_pool_worker, initargs=(model,)) as pool:
        chunks = max(1, min(8, len(todo) // (4 * workers)))
        done = pool.imap(_extract_one, todo, chunksize=chunks)
        for source in docs:
            result = (source.id, cached[source.id]) if source.id in cached else next(done)
            if isinstance(result, str):
                warn(result)
            else:
                results.add_packed(*result)
                if store is not None and source.id not in cached:
                    store(source, result[1])
            if progress:
                progress(source)


def _extract_here(nlp, docs: Sequence[Source], cached: dict[str, bytes], batch_size: int,
                  results: PackedExtractions, progress: Progress | None, warn: Warn, store: Store | None) -> None:
    # read and waiting for the model (at most one batch), or done without it: (source, why it was
    # skipped, or None for one the cache holds), reported in turn, as the workers do
    pending: deque[Document | tuple[Source, str | None]] = deque()

    def texts() -> Iterator[str]:
        for source in docs:
            if source.id in cached:
                pending.append((source, None))
                continue
            try:
                doc = source.read()
            except InputError as e:
                pending.append((source, str(e)))
                continue
            pending.append(doc)
            yield doc.text

    def report_done() -> None:
        while pending and isinstance(pending[0], tuple):
            source, message = pending.popleft()
            if message is None:
                results.add_packed(source.id, cached[source.id])
            else:
                warn(message)
            if progress:
                progress(source)

    sources = {source.id: source for source in docs}
    for parsed in parse(nlp, texts(), batch_size=batch_size):
        report_done()
        doc = pending.popleft()
        document_id, packed = PackedExtractions.pack(extract_document(doc, parsed).compact())
        results.add_packed(document_id, packed)
        if store is not None:
            store(sources[doc.id], packed)
        if progress:
            progress(doc)
    report_done()


def _extract_elsewhere(executor: Executor, docs: Sequence[Source], model: str | None, progress: Progress | None,
                       warn: Warn, cache: ExtractionCache | None) -> tuple[PackedExtractions, dict[str, str]]:
    """The executor's extractions of the documents the cache does not hold (keyed by the model installed
    here, read without loading it). If the executor's model is another, it extracts them all; with no
    model here (the workers may have one), the cache is not used."""
    try:
        info = installed_model_info(model) if cache is not None else None
    except ModelError:
        info = None
    if cache is None or info is None:
        return executor.extract(docs, model=model, progress=progress, warn=warn)
    cached = cache.lookup(docs, info)
    todo = [source for source in docs if source.id not in cached]
    results, ran = executor.extract(todo, model=model, progress=progress, warn=warn) if todo else (PackedExtractions(), info)
    if ran != info:
        warn(f"the executor's model {ran.get('model')} {ran.get('model_version')} is not the one installed here "
             f"({info.get('model')} {info.get('model_version')}): its extractions are not cached")
        if not cached:
            return results, ran
        return executor.extract(docs, model=model, progress=None, warn=warn)
    by_id = {source.id: source for source in todo}
    for extraction in results:  # what the executor sent, one at a time
        cache.store(by_id[extraction.document_id], info, PackedExtractions.pack(extraction)[1])
    for source in docs:
        if source.id in cached:
            results.add_packed(source.id, cached[source.id])
            if progress:
                progress(source)
    return results, info


def build_graph(sources: Iterable[str | Path], *, model: str | None = None, workers: int = 1,
                progress: Progress | None = None, warn: Warn = lambda message: None,
                on_documents: Callable[[list[DocumentFile]], None] | None = None,
                exclude: Iterable[str | Path] = (), executor: Executor | None = None,
                cache: ExtractionCache | str | Path | None = None, metadata: str | Path | None = None,
                fields: dict[str, str] | None = None) -> nx.MultiDiGraph:
    """Build the graph of the documents found in ``sources`` (files or folders).

    Documents are identified first (ids, duplicates, titles) and each text is read again when it is
    parsed, so no more than a batch of texts is in memory. Folders in ``exclude`` (the output folder)
    are not read. Raises :class:`InputError` when nothing can be built, :class:`ModelError` without a
    model. ``executor`` runs reading, model and extraction elsewhere, e.g. on a Dask cluster
    (:class:`graphbuild.cluster.DaskExecutor`). ``cache`` (a folder or an :class:`ExtractionCache`)
    keeps extractions between builds; ``metadata`` is a CSV file of metadata by file name; ``fields``
    maps field names to the column names of corpus files (see :mod:`graphbuild.readers.records`).
    """
    sources = list(sources)
    table = read_metadata_file(metadata, warn) if metadata is not None else None
    docs = find_documents(sources, warn, exclude=exclude, fields=fields, metadata=table)
    if not docs:
        raise InputError("nothing to build: no readable document in " + ", ".join(str(s) for s in sources))
    if on_documents:
        on_documents(docs)
    if cache is not None and not isinstance(cache, ExtractionCache):
        cache = ExtractionCache(cache, warn)
    extractions, info = extract_all(docs, model=model, workers=workers, progress=progress, warn=warn,
                                    executor=executor, cache=cache)
    if not len(extractions):
        raise InputError("nothing to build: every document changed or vanished during the build")
    return assemble(extractions, info, docs)


def assemble(extractions: Iterable[DocExtraction] | PackedExtractions, info: dict[str, str],
             documents: Iterable[Source] = ()) -> nx.MultiDiGraph:
    """The graph of a set of extractions: pure and independent of their order.

    Extractions are taken one document at a time (twice: entities, then edges), so packed ones are
    unpickled one at a time. ``documents`` give the metadata and pages of the documents extracted
    (:func:`graphbuild.provenance.add_provenance`).
    """
    if not isinstance(extractions, PackedExtractions):
        extractions = sorted(extractions, key=lambda e: e.document_id)
        document_ids = [e.document_id for e in extractions]
    else:
        document_ids = extractions.document_ids
    graph = new_graph(generator="graphbuild", version=__version__, **info, documents=document_ids)
    entities, global_of = resolve(extractions)
    for ent in entities:
        add_node(graph, ent.id, ent.label, ent.name, ent.aliases)
    for ex in extractions:
        add_document(graph, ex, global_of)
        add_claims(graph, ex, global_of)
        add_affiliations(graph, ex, global_of)
    for nid, data in graph.nodes(data=True):
        if data["label"] == "Allegation":
            data["status"] = allegation_status(graph, nid)
    add_provenance(graph, documents)
    return graph


def evidence(ex: DocExtraction, sentence: int, cue: str | None = None) -> dict:
    s = ex.sentences[sentence]
    return evidence_item(ex.document_name, ex.document_id, s.text, s.start, s.end, cue)


def add_document(graph: nx.MultiDiGraph, ex: DocExtraction, global_of: dict) -> None:
    doc_node = f"document:{ex.document_id}"
    add_node(graph, doc_node, "Document", ex.title or ex.document_name, (), title=ex.title, path=ex.document_name,
             document_id=ex.document_id)
    for ent in ex.entities:
        gid = global_of.get((ex.document_id, ent.lid))
        if gid is None or not ent.mentions:
            continue
        add_edge(graph, gid, doc_node, "MENTIONED_IN", [evidence(ex, ent.first_sentence)])
        data = graph.edges[gid, doc_node, "MENTIONED_IN"]
        data["mentions"] = data.get("mentions", 0) + len(ent.mentions)


def allegation_key(subjects: list[str], act: str) -> str:
    return "allegation:" + "+".join(s.split(":", 1)[1] for s in subjects) + ":" + slug(act)


def add_claims(graph: nx.MultiDiGraph, ex: DocExtraction, global_of: dict) -> None:
    """A document's allegations (one node per subjects and act across the corpus) with their ABOUT,
    INVOLVES (other participants, by role) and stance edges."""
    doc_node = f"document:{ex.document_id}"
    for stance in ex.stances:
        claim = ex.claims[stance.claim]
        source = global_of.get((ex.document_id, stance.source))
        subjects = sorted({global_of[(ex.document_id, s)] for s in claim.subjects if (ex.document_id, s) in global_of})
        if source is None or not subjects:
            continue  # the accused may dispute (or admit) a claim about themselves
        nid = allegation_key(subjects, claim.act)
        ev = evidence(ex, stance.sentence, stance.cue)
        if nid not in graph:
            summary = claim.summary or " and ".join(graph.nodes[s]["name"] for s in subjects) + ": " + claim.act.replace("_", " ")
            add_node(graph, nid, "Allegation", summary, (), act=claim.act, summary=summary, text=ev["text"], dates=[])
        data = graph.nodes[nid]
        data["dates"] = sorted(set(data["dates"]) | set(claim.dates))
        claim_evidence = [evidence(ex, claim.sentence)]
        for s in subjects:
            add_edge(graph, nid, s, "ABOUT", claim_evidence)
        for lid, role in claim.participants:
            other = global_of.get((ex.document_id, lid))
            if other is not None and other not in subjects and graph.nodes[other]["label"] in PARTIES:
                add_edge(graph, nid, other, "INVOLVES", claim_evidence, role=role)
        add_edge(graph, source, nid, stance.type, [ev])
        add_edge(graph, nid, doc_node, "MENTIONED_IN", [evidence(ex, stance.sentence)])


def add_affiliations(graph: nx.MultiDiGraph, ex: DocExtraction, global_of: dict) -> None:
    """A document's MEMBER_OF edges."""
    for aff in ex.affiliations:
        person = global_of.get((ex.document_id, aff.person))
        org = global_of.get((ex.document_id, aff.org))
        if person is None or org is None or person == org:
            continue
        if graph.nodes[person]["label"] != "Person" or graph.nodes[org]["label"] not in ("Agency", "Organization"):
            continue
        add_edge(graph, person, org, "MEMBER_OF", [evidence(ex, aff.sentence, aff.cue)], role=aff.role or None,
                 former=aff.former)


def allegation_status(graph: nx.MultiDiGraph, nid: str) -> str:
    """alleged, corroborated (backed or alleged by two sources), disputed, or contested (both)."""
    by_type: dict[str, set[str]] = defaultdict(set)
    for source, _, data in graph.in_edges(nid, data=True):
        by_type[data["type"]].add(source)
    support = by_type["ALLEGES"] | by_type["CORROBORATES"]
    if by_type["DISPUTES"]:
        return "contested" if support else "disputed"
    if by_type["CORROBORATES"] or len(by_type["ALLEGES"]) >= 2:
        return "corroborated"
    return "alleged"
