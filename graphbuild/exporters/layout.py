"""The page's layout, seeded and in numpy: the page opens on positions computed when it is written.

:func:`page_positions` lays the entities and allegations out by force (Fruchterman-Reingold with a cooling
schedule: each allegation is pulled between its sources and its subjects), turns the picture so that it is
wider than tall, puts the nodes without such links on a grid below, then pushes every box (a node and its
label) apart until no two overlap (:func:`.overlap.separate`). Context nodes (places, documents) go on a grid
below everything. A big page's first view (its ``start`` nodes) is laid out on its own, left of the rest, so
that it reads as a small graph.

Up to ``exact_limit`` nodes every node repels every other; above it each node is pushed by a seeded sample
of the others (scaled up), so a step compares at most about :data:`REPULSION_BUDGET` pairs and a
20,000-node layout takes seconds.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from .overlap import accumulate, separate

SPACING = 50.0  # pixels per unit of ideal edge length, at least (the boxes are pushed apart afterwards)
BOX_GAP = 6.0  # pixels kept free between two nodes' boxes
BLOCK_GAP = 400.0  # pixels between a big page's first view and the rest
REPULSION_BUDGET = 1_000_000  # node pairs a step of a big layout compares (a sample of others per node)
FILL = 2.5  # the area a layout covers is at least this many times the area of its boxes

Box = tuple[float, float, float]  # half width, half height, offset of the box's centre below the node's


def page_positions(nodes: Sequence[str], edges: Iterable[tuple[str, str]], boxes: Mapping[str, Box], *,
                   context: Iterable[str] = (), start: Iterable[str] | None = None, seed: int = 7,
                   exact_limit: int = 300) -> dict[str, tuple[float, float]]:
    """Positions in pixels for the page's ``nodes`` whose boxes (see :func:`labels.node_box`) do not overlap.

    ``context`` nodes go on a grid below the others, in the given order; ``start`` nodes (a big page's
    first view) are laid out apart from the other nodes. The same input gives the same positions.

    >>> boxes = {n: (20.0, 20.0, 10.0) for n in "abc"}
    >>> pos = page_positions(["a", "b", "c"], [("a", "b"), ("b", "c")], boxes)
    >>> sorted(pos) == ["a", "b", "c"] and pos == page_positions(["a", "b", "c"], [("a", "b"), ("b", "c")], boxes)
    True
    """
    edges = [(s, t) for s, t in edges if s != t]
    extra = list(dict.fromkeys(context))
    aside = set(extra)
    core = [n for n in nodes if n not in aside]
    first = set(start) if start is not None else set(core)
    blocks = [b for b in ([n for n in core if n in first], [n for n in core if n not in first]) if b]
    pos: dict[str, np.ndarray] = {}
    right = None
    for block in blocks:
        placed = _block(block, edges, boxes, seed, exact_limit)
        if right is not None:  # the next block starts right of the last
            lo, hi = _extent(placed, boxes)
            placed = {n: p + [right + BLOCK_GAP - lo[0], 0.0] for n, p in placed.items()}
        pos.update(placed)
        right = _extent(pos, boxes)[1][0]
    if extra:  # context goes on a shelf below the rest, so it never covers it
        pos.update(_shelf(extra, boxes, _extent(pos, boxes)[1][1] + 4 * BOX_GAP if pos else 0.0))
    return {n: (round(float(pos[n][0]), 1), round(float(pos[n][1]), 1)) for n in nodes}


def _block(block: list[str], edges: list[tuple[str, str]], boxes: Mapping[str, Box], seed: int,
           exact_limit: int) -> dict[str, np.ndarray]:
    """One block laid out: linked nodes by force and pushed apart, the others on a grid below them."""
    inside = set(block)
    inner = [(s, t) for s, t in edges if s in inside and t in inside]
    linked, unit = _linked_positions(block, inner, seed, exact_limit=exact_limit)
    half, dy = _boxes([block[i] for i in linked], boxes)
    centres = separate(unit * _spacing(unit, half) + dy, half, np.ones(len(linked), dtype=bool), gap=BOX_GAP)
    pos = {block[i]: c - dy[k] for k, (i, c) in enumerate(zip(linked, centres))}
    alone = [block[i] for i in sorted(set(range(len(block))) - set(linked))]
    if alone:
        pos.update(_shelf(alone, boxes, (centres[:, 1] + half[:, 1]).max() + BOX_GAP if linked else 0.0))
    return pos


def _spacing(unit: np.ndarray, half: np.ndarray) -> float:
    """Pixels per unit of the layout: :data:`SPACING`, or more when the boxes would not fit in the area the
    layout covers (a crowd of boxes takes many steps to push apart; spreading it first takes one)."""
    if len(unit) < 2:
        return SPACING
    span = np.maximum(unit.max(axis=0) - unit.min(axis=0), 1.0)
    need = float(((2 * half[:, 0] + BOX_GAP) * (2 * half[:, 1] + BOX_GAP)).sum()) * FILL
    return max(SPACING, math.sqrt(need / float(span[0] * span[1])))


def _shelf(nodes: list[str], boxes: Mapping[str, Box], top: float) -> dict[str, np.ndarray]:
    """Nodes on a grid of cells as big as their largest box, centred on x = 0, starting at y = ``top``."""
    half, dy = _boxes(nodes, boxes)
    cell = 2 * half.max(axis=0) + BOX_GAP
    grid = _grid(len(nodes), below=0.0) * cell + [0.0, top + cell[1] / 2]
    return {n: grid[k] - dy[k] for k, n in enumerate(nodes)}


def _boxes(ids: Sequence[str], boxes: Mapping[str, Box]) -> tuple[np.ndarray, np.ndarray]:
    """Half sizes (n x 2) and centre offsets (n x 2, in y only) of the given nodes' boxes."""
    table = np.array([boxes[n] for n in ids], dtype=float).reshape(-1, 3)
    return table[:, :2], np.stack([np.zeros(len(table)), table[:, 2]], axis=1)


def _extent(pos: Mapping[str, np.ndarray], boxes: Mapping[str, Box]) -> tuple[np.ndarray, np.ndarray]:
    """The lowest and highest corner of the boxes of the placed nodes."""
    ids = list(pos)
    half, dy = _boxes(ids, boxes)
    centres = np.array([pos[n] for n in ids]) + dy
    return (centres - half).min(axis=0), (centres + half).max(axis=0)


def _linked_positions(nodes: Sequence[str], edges: Iterable[tuple[str, str]], seed: int, iterations: int = 60,
                      exact_limit: int = 300) -> tuple[list[int], np.ndarray]:
    """The indices of the nodes that have edges, and their positions in units of the ideal edge length."""
    index = {nid: i for i, nid in enumerate(nodes)}
    pairs = sorted({tuple(sorted((index[s], index[t]))) for s, t in edges if s != t})
    linked = sorted({i for pair in pairs for i in pair})
    if not linked:
        return [], np.zeros((0, 2))
    local = {old: new for new, old in enumerate(linked)}
    src = np.array([local[a] for a, _ in pairs], dtype=np.intp)
    dst = np.array([local[b] for _, b in pairs], dtype=np.intp)
    return linked, _fruchterman_reingold(len(linked), src, dst, seed, iterations, exact_limit)


def _fruchterman_reingold(n: int, src: np.ndarray, dst: np.ndarray, seed: int, iterations: int,
                          exact_limit: int) -> np.ndarray:
    """Positions in units of the ideal edge length, centred on the origin."""
    rng = np.random.default_rng(seed)
    sample = max(50, min(200, REPULSION_BUDGET // n))
    pos = rng.uniform(-1.0, 1.0, size=(n, 2)) * math.sqrt(n)
    temperature = math.sqrt(n) / 4
    for _ in range(iterations if n > 1 else 0):
        disp = _repulsion(pos, rng if n > exact_limit else None, sample)
        disp += _attraction(pos, src, dst)
        disp -= pos * (0.5 / math.sqrt(n))  # weak gravity keeps separate components in one view
        length = np.maximum(np.linalg.norm(disp, axis=1), 1e-9)
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature = max(temperature * 0.93, 0.05)
    return _level(pos - pos.mean(axis=0))


def _level(pos: np.ndarray) -> np.ndarray:
    """The layout turned so that its longest spread runs along x: screens are wider than they are tall."""
    if len(pos) < 3:
        return pos
    _, vectors = np.linalg.eigh(np.cov(pos.T))
    major = vectors[:, 1] * (1.0 if vectors[0, 1] >= 0 else -1.0)  # a fixed sign: the same turn every time
    turn = np.array([[major[0], major[1]], [-major[1], major[0]]])
    return pos @ turn.T


def _grid(count: int, below: float) -> np.ndarray:
    """``count`` points on a square-ish grid, one unit apart, centred on x = 0 and starting at y = ``below``."""
    width = math.ceil(math.sqrt(count))
    cells = np.arange(count)
    return np.stack([cells % width - (width - 1) / 2, below + cells // width], axis=1).astype(float)


def _repulsion(pos: np.ndarray, rng: np.random.Generator | None, sample: int = 200) -> np.ndarray:
    """Each node pushed away from all others (``rng`` None) or from a scaled random sample of them.

    The push on p is the sum over others o of (p - o) / |p - o|^2, computed as p * sum(w) - w @ o with
    w = 1 / |p - o|^2, which needs no array of all the differences.
    """
    n = len(pos)
    others = pos if rng is None else pos[rng.choice(n, size=min(sample, n), replace=False)]
    weight = 1.0 if rng is None else n / len(others)
    square = (others ** 2).sum(axis=1)
    disp = np.zeros_like(pos)
    for start in range(0, n, 1024):  # chunks bound the memory of the pairwise weights
        chunk = pos[start:start + 1024]
        dist2 = (chunk ** 2).sum(axis=1)[:, None] + square[None, :] - 2.0 * (chunk @ others.T)
        w = 1.0 / np.maximum(dist2, 1e-4)
        disp[start:start + 1024] = (chunk * w.sum(axis=1)[:, None] - w @ others) * weight
    return disp


def _attraction(pos: np.ndarray, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """Each edge pulls its ends together with a force growing with the square of its length."""
    if not len(src):
        return np.zeros_like(pos)
    delta = pos[src] - pos[dst]
    force = delta * np.linalg.norm(delta, axis=1)[:, None]
    return accumulate(dst, force, len(pos)) - accumulate(src, force, len(pos))
