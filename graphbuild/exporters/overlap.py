"""Pairs of nearby points on a grid, and boxes pushed apart until none overlaps.

Both work in time linear in the number of points for a layout of even density: points are bucketed
into grid cells, and only points in the same or adjacent cells are compared. The force layout uses the
pairs for its short-range repulsion; :func:`separate` moves node boxes (a node and its label) apart, so
no two labels are drawn over each other.
"""
from __future__ import annotations

import math

import numpy as np

# Half of the 3 x 3 block of cells around a cell: each pair of adjacent cells is visited once.
_HALF_BLOCK = ((0, 0), (1, -1), (1, 0), (1, 1), (0, 1))


def near_pairs(points: np.ndarray, cell_w: float, cell_h: float) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs ``(i, j)``, ``i != j``, each pair once, of points in the same or adjacent grid cells.

    Any two points less than ``cell_w`` apart in x and ``cell_h`` apart in y are among them.

    >>> i, j = near_pairs(np.array([[0.0, 0.0], [0.5, 0.5], [5.0, 5.0]]), 1.0, 1.0)
    >>> sorted(zip(i.tolist(), j.tolist()))
    [(0, 1)]
    """
    if len(points) < 2:
        empty = np.zeros(0, dtype=np.intp)
        return empty, empty
    cells = np.floor((points - points.min(axis=0)) / [cell_w, cell_h]).astype(np.int64)
    rows = int(cells[:, 1].max()) + 3  # room for the offsets below without wrapping into another column
    key = (cells[:, 0] + 1) * rows + cells[:, 1] + 1
    order = np.argsort(key, kind="stable")
    cell_keys, starts, counts = np.unique(key[order], return_index=True, return_counts=True)
    firsts, seconds = [], []
    for dx, dy in _HALF_BLOCK:
        # Occupied cells and their occupied neighbour at this offset (the queries are sorted: a fast search).
        at = np.searchsorted(cell_keys, cell_keys + dx * rows + dy)
        found = at < len(cell_keys)
        found[found] = cell_keys[at[found]] == (cell_keys + dx * rows + dy)[found]
        a, b = np.nonzero(found)[0], at[found]
        first, second = _cross(starts[a], counts[a], starts[b], counts[b])
        if (dx, dy) == (0, 0):
            keep = first < second
            first, second = first[keep], second[keep]
        firsts.append(order[first])
        seconds.append(order[second])
    return np.concatenate(firsts), np.concatenate(seconds)


def _cross(start_a: np.ndarray, count_a: np.ndarray, start_b: np.ndarray,
           count_b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of positions, one from each of two runs ``start .. start + count``, for each pair of runs."""
    sizes = count_a * count_b
    run = np.repeat(np.arange(len(sizes)), sizes)
    offset = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    return start_a[run] + offset // count_b[run], start_b[run] + offset % count_b[run]


def separate(centres: np.ndarray, half: np.ndarray, movable: np.ndarray, *, gap: float = 4.0,
             iterations: int = 60) -> np.ndarray:
    """Box centres moved (only those ``movable``) so that no two boxes overlap; the same input gives the
    same result.

    ``half`` holds each box's half width and half height; boxes keep ``gap`` pixels between them. First
    up to ``iterations`` steps push every overlapping pair apart along the axis where they overlap least
    (shared between the two boxes when both may move); then each box still overlapping one placed before
    it moves to the nearest free spot (:func:`settle`).

    >>> half = np.array([[10.0, 5.0], [10.0, 5.0], [10.0, 5.0]])
    >>> boxes = separate(np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]]), half, np.array([True, True, True]))
    >>> overlaps(boxes, half, gap=4.0)
    0
    """
    pos = centres.astype(float).copy()
    if len(pos) < 2 or not movable.any():
        return pos
    padded = half + gap / 2
    cell_w, cell_h = 2 * float(padded[:, 0].max()), 2 * float(padded[:, 1].max())
    for _ in range(iterations):
        i, j = near_pairs(pos, cell_w, cell_h)
        if not _push(pos, padded, movable, i, j):
            return pos
    return settle(pos, padded, movable)


def _push(pos: np.ndarray, half: np.ndarray, movable: np.ndarray, i: np.ndarray, j: np.ndarray) -> bool:
    """One step of pushing the overlapping pairs among ``(i, j)`` apart, in place; False if none overlaps."""
    delta = pos[j] - pos[i]
    depth = half[i] + half[j] - np.abs(delta)
    hit = (depth[:, 0] > 0) & (depth[:, 1] > 0) & (movable[i] | movable[j])
    if not hit.any():
        return False
    i, j, delta, depth = i[hit], j[hit], delta[hit], depth[hit]
    axis = (depth[:, 1] < depth[:, 0]).astype(np.intp)  # 0: push along x, 1: along y
    rows = np.arange(len(i))
    sign = np.sign(delta[rows, axis])
    sign[sign == 0] = 1.0  # boxes on the same spot part by index: the lower one goes left (or up)
    share = movable.astype(float)
    both = np.maximum(share[i] + share[j], 1.0)
    step = np.zeros((len(i), 2))
    step[rows, axis] = sign * (depth[rows, axis] * 1.001 + 0.01)
    pos -= accumulate(i, step * (share[i] / both)[:, None], len(pos))
    pos += accumulate(j, step * (share[j] / both)[:, None], len(pos))
    return True


def settle(centres: np.ndarray, half: np.ndarray, movable: np.ndarray) -> np.ndarray:
    """Boxes placed one at a time, fixed ones first, then in order: each where it is if that spot is free,
    else at the first free spot on rings around it. No two boxes of the result overlap."""
    spots = [(float(x), float(y)) for x, y in centres]
    sizes = [(float(w), float(h)) for w, h in half]
    cell = (2 * float(half[:, 0].max()), 2 * float(half[:, 1].max()))
    step = max(float(half.min()), 1.0)
    placed: dict[tuple[int, int], list[int]] = {}
    for k in [k for k in range(len(spots)) if not movable[k]] + [k for k in range(len(spots)) if movable[k]]:
        if movable[k]:
            spots[k] = _free_spot(spots, sizes, k, placed, cell, step)
        for c in _cells(spots[k], sizes[k], cell):
            placed.setdefault(c, []).append(k)
    return np.array(spots, dtype=float).reshape(-1, 2)


def _free_spot(spots: list[tuple[float, float]], sizes: list[tuple[float, float]], k: int,
               placed: dict[tuple[int, int], list[int]], cell: tuple[float, float],
               step: float) -> tuple[float, float]:
    """The first spot for box ``k`` that no placed box overlaps: where it is, else on rings around it."""
    (x, y), (w, h) = spots[k], sizes[k]
    ring = 0
    while True:
        count = 1 if ring == 0 else max(8, int(2 * math.pi * ring))
        for a in range(count):
            angle = 2 * math.pi * a / count
            spot = (x + ring * step * math.cos(angle), y + ring * step * math.sin(angle))
            if not any(abs(spot[0] - spots[o][0]) < w + sizes[o][0] and abs(spot[1] - spots[o][1]) < h + sizes[o][1]
                       for c in _cells(spot, sizes[k], cell) for o in placed.get(c, ())):
                return spot
        ring += 1


def _cells(centre: tuple[float, float], half: tuple[float, float], cell: tuple[float, float]) -> list[tuple[int, int]]:
    """The grid cells a box touches (at most four: cells are as big as the biggest box)."""
    x0, x1 = math.floor((centre[0] - half[0]) / cell[0]), math.floor((centre[0] + half[0]) / cell[0])
    y0, y1 = math.floor((centre[1] - half[1]) / cell[1]), math.floor((centre[1] + half[1]) / cell[1])
    return [(cx, cy) for cx in range(x0, x1 + 1) for cy in range(y0, y1 + 1)]


def accumulate(index: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """An n x 2 array whose row k sums the rows of ``values`` whose ``index`` is k (``np.add.at``, faster)."""
    return np.stack([np.bincount(index, weights=values[:, 0], minlength=n),
                     np.bincount(index, weights=values[:, 1], minlength=n)], axis=1)


def overlaps(centres: np.ndarray, half: np.ndarray, *, gap: float = 0.0) -> int:
    """How many pairs of boxes overlap (keeping ``gap`` pixels between boxes)."""
    if len(centres) < 2:
        return 0
    half = half + gap / 2
    i, j = near_pairs(centres, 2 * float(half[:, 0].max()), 2 * float(half[:, 1].max()))
    depth = half[i] + half[j] - np.abs(centres[j] - centres[i])
    return int(((depth[:, 0] > 1e-6) & (depth[:, 1] > 1e-6)).sum())
