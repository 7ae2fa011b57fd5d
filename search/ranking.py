"""Rankings of one search fused over pairs, each pair shown by one side, once."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from index.dense import search_dense
from search.fusion import reciprocal_rank_fusion
from search.options import RankingWeights
from search.pairs import PairIndex
from search.passages import PassageTable


@dataclass(slots=True)
class Signals:
    """The rankings of one search (passage ordinals, best first) and what the relevance floor reads."""

    rankings: list[list[int]] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    dense_scores: dict[int, float] = field(default_factory=dict)
    lexical: set[int] = field(default_factory=set)

    def add(self, ranking: list[int], weight: float) -> None:
        self.rankings.append(ranking)
        self.weights.append(weight)


@dataclass(frozen=True, slots=True)
class Ranked:
    pair: int
    ordinal: int  # the side shown
    score: float
    strong: bool  # above the relevance floor


def rank_pairs(signals: Signals, pairs: PairIndex, candidates: np.ndarray, display: np.ndarray,
               table: PassageTable, weights: RankingWeights, lang: str, query_lang: str) -> list[Ranked]:
    """Pairs fused by RRF (each ranking gives a pair the rank of its best side), each shown by one side, once.

    Every unit competes with the rankings of its own sides only: an untranslated
    passage with an exact, rare match is not outvoted by aligned ones.
    """
    chunk_scores = dict(reciprocal_rank_fusion(signals.rankings, signals.weights))
    shown: set[int] = set()
    ranked = []
    side_weights = np.where(table.langs == query_lang, weights.own_language, 1.0)
    side_weights = np.where(display, side_weights, side_weights * weights.counterpart)
    for pair, score in pairs.fuse(signals.rankings, signals.weights, candidates, side_weights):
        members = pairs.members[pair].tolist()
        ordinal = _display_side(members, display, chunk_scores, table, lang, query_lang)
        if ordinal is None or ordinal in shown:  # a translation aligned to two originals is shown once
            continue
        shown.add(ordinal)
        strong = any(m in signals.lexical or signals.dense_scores.get(m, -1.0) >= weights.dense_floor for m in members)
        ranked.append(Ranked(pair, ordinal, score, strong))
    return ranked


def _display_side(members: list[int], display: np.ndarray, chunk_scores: dict, table: PassageTable, lang: str,
                  query_lang: str) -> int | None:
    """The side a pair is shown by: one the filters allow, in the query's language when "all", best scored."""
    members = [m for m in members if display[m]]
    if lang == "all":
        members = [m for m in members if table.langs[m] == query_lang] or members
    if not members:
        return None
    return max(members, key=lambda m: (chunk_scores.get(m, 0.0), not table.chunks[m].translated, -m))


def top_positive(scores: np.ndarray, depth: int) -> list[int]:
    """Ids of the best positive scores: a lexical score of 0 is no match and never ranks."""
    positive = np.flatnonzero(scores > 0)
    if len(positive) == 0:
        return []
    order = positive[np.argsort(-scores[positive], kind="stable")]
    return [int(i) for i in order[:depth]]


def dense_ranking(index, vector: np.ndarray, depth: int, allowed: np.ndarray) -> tuple[list[int], list[float]]:
    """(ordinals, cosine similarities) of the ``depth`` nearest passages among the ``allowed`` ones."""
    allowed_ids = np.flatnonzero(allowed)
    if len(allowed_ids) == 0:
        return [], []
    # Without a filter, no selector: building one of every id cost more than the search (1.3 ms of 2).
    scores, ids = search_dense(index, vector, depth, None if len(allowed_ids) == len(allowed) else allowed_ids)
    kept = [(int(i), float(score)) for i, score in zip(ids[0], scores[0]) if i >= 0]
    return [i for i, _ in kept], [score for _, score in kept]
