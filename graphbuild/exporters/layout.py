"""A seeded force-directed layout in numpy, so a big graph's page can start without live physics.

The HTML page needs positions it can draw at once: a browser running physics on thousands of nodes takes
minutes to settle. This is Fruchterman-Reingold with a cooling schedule; above ``exact_limit`` nodes the
repulsion is estimated from a seeded sample of nodes each step, which keeps a 5,000-node layout to a
second or two while giving the same result for the same graph every time.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np

SPACING = 110.0  # pixels per unit of ideal edge length: a vis-network node and its label fit in it


def spring_positions(nodes: Sequence[str], edges: Iterable[tuple[str, str]], *, seed: int = 7,
                     iterations: int = 60, exact_limit: int = 300, sample: int = 200) -> dict[str, tuple[float, float]]:
    """Positions in pixels for ``nodes`` (taken in the given order), rounded to one decimal.

    >>> pos = spring_positions(["a", "b", "c"], [("a", "b"), ("b", "c")])
    >>> sorted(pos) == ["a", "b", "c"] and pos == spring_positions(["a", "b", "c"], [("a", "b"), ("b", "c")])
    True
    """
    if not nodes:
        return {}
    index = {nid: i for i, nid in enumerate(nodes)}
    pairs = sorted({tuple(sorted((index[s], index[t]))) for s, t in edges if s != t})
    linked = sorted({i for pair in pairs for i in pair})
    # Nodes without edges would only be pushed to a ring around the rest: they go to a grid below it.
    pos = np.zeros((len(nodes), 2))
    if linked:
        local = {old: new for new, old in enumerate(linked)}
        src = np.array([local[a] for a, _ in pairs], dtype=np.intp)
        dst = np.array([local[b] for _, b in pairs], dtype=np.intp)
        pos[linked] = _fruchterman_reingold(len(linked), src, dst, seed, iterations, exact_limit, sample)
    joined = set(linked)
    alone = [i for i in range(len(nodes)) if i not in joined]
    if alone:
        pos[alone] = _grid(len(alone), below=pos[linked][:, 1].max() + 1.5 if linked else 0.0)
    return {nid: (round(float(x) * SPACING, 1), round(float(y) * SPACING, 1)) for nid, (x, y) in zip(nodes, pos)}


def _fruchterman_reingold(n: int, src: np.ndarray, dst: np.ndarray, seed: int, iterations: int,
                          exact_limit: int, sample: int) -> np.ndarray:
    """Positions in units of the ideal edge length, centred on the origin."""
    rng = np.random.default_rng(seed)
    pos = rng.uniform(-1.0, 1.0, size=(n, 2)) * math.sqrt(n)
    temperature = math.sqrt(n) / 4
    for _ in range(iterations if n > 1 else 0):
        disp = _repulsion(pos, rng if n > exact_limit else None, sample)
        disp += _attraction(pos, src, dst)
        disp -= pos * (0.5 / math.sqrt(n))  # weak gravity keeps separate components in one view
        length = np.maximum(np.linalg.norm(disp, axis=1), 1e-9)
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature = max(temperature * 0.93, 0.05)
    return pos - pos.mean(axis=0)


def _grid(count: int, below: float) -> np.ndarray:
    """``count`` points on a square-ish grid, one unit apart, centred on x = 0 and starting at y = ``below``."""
    width = math.ceil(math.sqrt(count))
    cells = np.arange(count)
    return np.stack([cells % width - (width - 1) / 2, below + cells // width], axis=1).astype(float)


def _repulsion(pos: np.ndarray, rng: np.random.Generator | None, sample: int) -> np.ndarray:
    """Each node pushed away from all others (``rng`` None) or from a scaled random sample of them."""
    n = len(pos)
    others = pos if rng is None else pos[rng.choice(n, size=min(sample, n), replace=False)]
    weight = 1.0 if rng is None else n / len(others)
    disp = np.zeros_like(pos)
    for start in range(0, n, 512):  # chunks bound the memory of the pairwise differences
        delta = pos[start:start + 512, None, :] - others[None, :, :]
        dist2 = np.maximum((delta ** 2).sum(axis=2), 1e-4)
        disp[start:start + 512] = (delta / dist2[:, :, None]).sum(axis=1) * weight
    return disp


def _attraction(pos: np.ndarray, src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """Each edge pulls its ends together with a force growing with the square of its length."""
    disp = np.zeros_like(pos)
    if len(src):
        delta = pos[src] - pos[dst]
        force = delta * np.linalg.norm(delta, axis=1)[:, None]
        np.subtract.at(disp, src, force)
        np.add.at(disp, dst, force)
    return disp
