"""The page's layout: wrapped labels, their boxes, grid pairs, overlap removal, and the layout of whole pages."""
from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphbuild.exporters import html
from graphbuild.exporters.labels import LINE_CHARS, MAX_LINES, label_size, node_box, text_width, wrap_label
from graphbuild.exporters.layout import BOX_GAP, page_positions
from graphbuild.exporters.overlap import near_pairs, overlaps, separate
from graphbuild.exporters.page_records import node_label, node_radius
from sample_graphs import claims_graph, synthetic_graph

words = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ.:'-\u00e9", min_size=1, max_size=30),
                 min_size=1, max_size=15)


@given(words, st.sampled_from([None, "alleged", "contested"]))
def test_wrapped_labels_keep_short_lines_and_every_word_that_fits(parts: list[str], status: str | None) -> None:
    name = " ".join(parts)
    lines = wrap_label(name, status).split("\n")
    if status:
        assert lines.pop() == f"[{status}]"
    assert 1 <= len(lines) <= MAX_LINES and all(len(line) <= LINE_CHARS for line in lines)
    if not lines[-1].endswith("\u2026"):  # nothing was cut: the lines hold the name's words, in order
        assert "".join(lines).replace(" ", "") == name.replace(" ", "")


def test_label_boxes_grow_with_text_and_lines() -> None:
    assert text_width("Donald Trump") > text_width("KGB") > 0
    assert text_width("WWW") > text_width("iii")  # proportional, like the font the page draws with
    one, two = label_size("Yuri Shvets"), label_size("Yuri Shvets\n[alleged]")
    assert one[0] == two[0] and two[1] == 2 * one[1]
    half_w, half_h, below = node_box("Yuri Shvets", 16)
    assert half_w == max(16, one[0] / 2) and below > 0 and 2 * half_h > 32 + one[1]  # the label hangs below the node


def brute_pairs(points: np.ndarray, w: float, h: float) -> set[tuple[int, int]]:
    return {(i, j) for i, j in itertools.combinations(range(len(points)), 2)
            if abs(points[i, 0] - points[j, 0]) < w and abs(points[i, 1] - points[j, 1]) < h}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(-500, 500), st.floats(-500, 500)), min_size=0, max_size=60),
       st.floats(5, 200), st.floats(5, 200))
def test_near_pairs_finds_every_close_pair_once(points: list, w: float, h: float) -> None:
    pts = np.array(points, dtype=float).reshape(-1, 2)
    i, j = near_pairs(pts, w, h)
    found = [tuple(sorted(p)) for p in zip(i.tolist(), j.tolist())]
    assert len(found) == len(set(found)) and all(a != b for a, b in found)
    assert brute_pairs(pts, w, h) <= set(found)


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 150), st.integers(0, 10_000), st.booleans())
def test_separate_leaves_no_two_boxes_overlapping(n: int, seed: int, crowded: bool) -> None:
    rng = np.random.default_rng(seed)
    centres = rng.normal(0, 5 if crowded else 200, size=(n, 2))
    half = rng.uniform([8, 8], [90, 30], size=(n, 2))
    movable = rng.random(n) < 0.8
    movable[0] = True
    fixed = ~movable
    if overlaps(centres[fixed], half[fixed], gap=4.0):  # boxes that may not move must start apart
        centres[fixed] = np.arange(fixed.sum())[:, None] * [200.0, 0.0] + [0.0, 10_000.0]
    result = separate(centres, half, movable, gap=4.0)
    assert overlaps(result, half, gap=4.0) == 0
    assert np.array_equal(result[fixed], centres[fixed])
    assert np.array_equal(result, separate(centres, half, movable, gap=4.0))  # the same input, the same result


def boxes_of(graph) -> dict:
    return {n: node_box(node_label(d["label"], d.get("name") or n, d.get("status")), node_radius(d["label"]))
            for n, d in graph.nodes(data=True)}


def overlapping(positions: dict, boxes: dict, ids: list) -> list:
    centres = np.array([[positions[n][0], positions[n][1] + boxes[n][2]] for n in ids])
    half = np.array([boxes[n][:2] for n in ids])
    return [(ids[a], ids[b]) for a, b in zip(*near_pairs(centres, 2 * half[:, 0].max(), 2 * half[:, 1].max()))
            if np.all(np.abs(centres[a] - centres[b]) < half[a] + half[b] + BOX_GAP - 0.5)]


@pytest.mark.parametrize("make", [claims_graph, lambda: synthetic_graph(1500)], ids=["claims", "synthetic-1500"])
def test_page_layout_keeps_every_box_apart(make) -> None:
    graph = make()
    layout = html._layout(graph, html.BIG_GRAPH, html.LAYOUT_SEED)
    boxes = boxes_of(graph)
    assert overlapping(layout.positions, boxes, sorted(graph.nodes)) == []
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in layout.positions.values())


def test_context_nodes_go_below_the_rest_and_a_first_view_left_of_it() -> None:
    graph = synthetic_graph(600)
    boxes = boxes_of(graph)
    context = [n for n, d in graph.nodes(data=True) if d["label"] in ("Place", "Document")]
    start = html.start_view(graph, 60)
    pos = page_positions(sorted(graph.nodes), graph.edges(), boxes, context=context, start=start)
    core = [n for n in graph.nodes if n not in set(context)]
    bottom = max(pos[n][1] + boxes[n][2] + boxes[n][1] for n in core)
    assert min(pos[n][1] + boxes[n][2] - boxes[n][1] for n in context) > bottom
    right_of_start = max(pos[n][0] + boxes[n][0] for n in start)
    assert min(pos[n][0] - boxes[n][0] for n in core if n not in set(start)) > right_of_start
    assert pos == page_positions(sorted(graph.nodes), graph.edges(), boxes, context=context, start=start)


def test_allegations_sit_between_their_sources_and_subjects(seeds_graph) -> None:
    # Each allegation is nearer to the middle of its sources and subjects than the typical node is to it.
    layout = html._layout(seeds_graph, html.BIG_GRAPH, html.LAYOUT_SEED)
    pos = {n: np.array(p) for n, p in layout.positions.items()}
    core = [n for n, d in seeds_graph.nodes(data=True) if d["label"] not in ("Place", "Document")]
    for claim in (n for n in core if seeds_graph.nodes[n]["label"] == "Allegation"):
        sources = [s for s, _, k in seeds_graph.in_edges(claim, keys=True) if k in ("ALLEGES", "CORROBORATES", "DISPUTES")]
        subjects = [t for _, t, k in seeds_graph.out_edges(claim, keys=True) if k == "ABOUT"]
        middle = (np.mean([pos[s] for s in sources], axis=0) + np.mean([pos[t] for t in subjects], axis=0)) / 2
        typical = np.median([np.linalg.norm(pos[n] - pos[claim]) for n in core if n != claim])
        assert np.linalg.norm(pos[claim] - middle) < typical, claim
