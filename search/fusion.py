"""Reciprocal rank fusion: a pure function over ranked id lists."""

from __future__ import annotations

from typing import Sequence

RRF_K = 60


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[int]], weights: Sequence[float] | None = None, k: int = RRF_K
) -> list[tuple[int, float]]:
    """Fuse ranked lists of ids: score(id) = Σ weight / (k + rank), rank from 1.

    Args:
        rankings: each a list of ids, best first; an id appears once per list.
        weights: one per ranking (default 1.0 each).
        k: the RRF constant; larger flattens the head of each list.

    Returns:
        ``(id, score)`` pairs, best first; ties broken by smaller id for stability.
    """
    weights = list(weights) if weights is not None else [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise ValueError("one weight per ranking")
    scores: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))
