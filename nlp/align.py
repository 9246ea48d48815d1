"""Align the articles of two versions of a law, so an old article number maps to its new one.

Revisions insert, delete and renumber articles but rarely reorder them, so the alignment is
a monotonic one (like a diff) that maximises the total text similarity of matched pairs;
a pair below MIN_SIMILARITY matches only at nearly the same relative position, and an
unmatched old article was deleted.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

MIN_SIMILARITY = 55.0
# A rewritten article (体育法 2016 art. 1 → 2022 art. 1 scores 50) still matches when it sits at
# nearly the same relative place in both versions.
NEAR_SIMILARITY = 40.0
NEAR_POSITION = 0.05


@dataclass(frozen=True)
class ArticleText:
    """An article as the aligner needs it: its key (number, 之X) and its text."""

    number: int
    sub: int
    text: str


def align(old: list[ArticleText], new: list[ArticleText]) -> dict[tuple[int, int], tuple[tuple[int, int], float] | None]:
    """Map every old article key to (new key, similarity), or to None when it has no counterpart."""
    if not old:
        return {}
    if not new:
        return {(a.number, a.sub): None for a in old}
    sim = cdist([a.text for a in old], [a.text for a in new], scorer=fuzz.ratio, dtype=np.float32)
    n, m = sim.shape
    drift = np.abs(np.arange(n)[:, None] / n - np.arange(m)[None, :] / m)
    gain = np.where((sim >= MIN_SIMILARITY) | ((sim >= NEAR_SIMILARITY) & (drift <= NEAR_POSITION)), sim, -1.0)
    best = np.zeros((n + 1, m + 1), dtype=np.float32)
    for i in range(1, n + 1):
        row_prev, row = best[i - 1], best[i]
        for j in range(1, m + 1):
            g = gain[i - 1, j - 1]
            diag = row_prev[j - 1] + g if g > 0 else -1.0
            row[j] = max(row_prev[j], row[j - 1], diag)
    out: dict[tuple[int, int], tuple[tuple[int, int], float] | None] = {(a.number, a.sub): None for a in old}
    i, j = n, m
    while i > 0 and j > 0:
        g = gain[i - 1, j - 1]
        if g > 0 and best[i, j] == best[i - 1, j - 1] + g:
            out[(old[i - 1].number, old[i - 1].sub)] = ((new[j - 1].number, new[j - 1].sub), float(sim[i - 1, j - 1]))
            i, j = i - 1, j - 1
        elif best[i, j] == best[i - 1, j]:
            i -= 1
        else:
            j -= 1
    return out
