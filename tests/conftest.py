"""Shared fixtures: the real spaCy pipeline, the sample corpus graph, and a helper that extracts one text."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest

from graphbuild.build import assemble, build_graph
from graphbuild.extract import extract_document
from graphbuild.ingest import Document, document_id, title_of
from graphbuild.nlp import load_pipeline, model_info, parse

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
BOLT_TIER = ("FalkorDB's Bolt port is open to every interface without a password: the tests marked 'server' run "
             "in a private network namespace, as make test runs them: scripts/isolated-net .venv/bin/python -m "
             "pytest -m server")


def pytest_collection_modifyitems(config, items) -> None:
    from graph_server import private_network

    if not private_network():
        for item in items:
            if "server" in item.keywords:
                item.add_marker(pytest.mark.skip(reason=BOLT_TIER))


@pytest.fixture(scope="session")
def nlp():
    return load_pipeline()


@pytest.fixture
def fast_model(nlp, monkeypatch):
    """Builds reuse the session's loaded pipeline instead of loading the model again for every run."""
    monkeypatch.setattr("graphbuild.build.load_pipeline", lambda model=None: nlp)
    return nlp


@pytest.fixture(scope="session")
def seeds_graph() -> nx.MultiDiGraph:
    return build_graph([SEEDS])


@pytest.fixture(scope="session")
def graph_of(nlp) -> Callable[..., nx.MultiDiGraph]:
    """Build the graph of texts given inline (each text one document), with the session's pipeline."""
    def build(*texts: str) -> nx.MultiDiGraph:
        docs = [Document(document_id(t), f"doc{i}.txt", title_of(t), t) for i, t in enumerate(texts)]
        extractions = [extract_document(d, parsed) for d, parsed in zip(docs, parse(nlp, [d.text for d in docs]))]
        return assemble(extractions, model_info(nlp))
    return build


def names(graph: nx.MultiDiGraph, label: str | None = None) -> set[str]:
    return {d["name"] for _, d in graph.nodes(data=True) if label is None or d["label"] == label}


def stance_edges(graph: nx.MultiDiGraph) -> set[tuple[str, str, str]]:
    """(source name, stance, subject name) for every stance edge, through the allegation's ABOUT edges."""
    out = set()
    for s, a, d in graph.edges(data=True):
        if d["type"] in ("ALLEGES", "CORROBORATES", "DISPUTES"):
            for _, subject, e in graph.out_edges(a, data=True):
                if e["type"] == "ABOUT":
                    out.add((graph.nodes[s]["name"], d["type"], graph.nodes[subject]["name"]))
    return out


def member_edges(graph: nx.MultiDiGraph) -> set[tuple[str, str]]:
    return {(graph.nodes[s]["name"], graph.nodes[t]["name"]) for s, t, d in graph.edges(data=True) if d["type"] == "MEMBER_OF"}
