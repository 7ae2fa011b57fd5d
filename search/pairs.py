"""Bilingual units: a passage and its aligned counterparts are found, filtered and shown as one.

A pair is either what the chunker recorded (a ``pair`` id on each chunk, one
French passage with its one Korean counterpart) or, for an index without pair
ids, an original passage with the translated passages aligned to it. A
passage without any counterpart (a user's untranslated document) is a pair of
its own, so that it competes on equal terms: each ranking gives a pair the
rank of its best side, and no pair gets a vote its sides did not earn.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from corpus.chunk import Chunk
from search.fusion import RRF_K


def has_recorded_pairs(chunks: Sequence[Chunk]) -> bool:
    return any(getattr(chunk, "pair", "") for chunk in chunks)


class PairIndex:
    """Which pairs each passage belongs to, and the passages of each pair.

    Without recorded pair ids, each passage set in ``anchors`` (those of the
    language results are shown in) forms a pair with its aligned counterparts,
    and a passage aligned to no anchor stands alone; a counterpart aligned to
    two anchors (paragraph-level alignment) belongs to both pairs.
    """

    def __init__(self, chunks: Sequence[Chunk], alignment: dict[str, list[str]], anchors: np.ndarray | None = None):
        ordinal = {chunk.id: chunk.ordinal for chunk in chunks}
        if has_recorded_pairs(chunks):
            groups = _recorded_pairs(chunks)
        else:
            anchors = np.array([not c.translated for c in chunks], dtype=bool) if anchors is None else anchors
            groups = _anchored_pairs(chunks, alignment, ordinal, anchors)
        self.keys: list[str] = list(groups)
        self.members: list[np.ndarray] = [np.array(sorted(groups[key]), dtype=np.int64) for key in self.keys]
        edges = [(int(m), p) for p, members in enumerate(self.members) for m in members]
        self._edge_chunk = np.array([c for c, _ in edges], dtype=np.int64)
        self._edge_pair = np.array([p for _, p in edges], dtype=np.int64)
        self._of_chunk: list[list[int]] = [[] for _ in chunks]
        for chunk_ordinal, pair in edges:
            self._of_chunk[chunk_ordinal].append(pair)

    def __len__(self) -> int:
        return len(self.keys)

    def of_chunk(self, ordinal: int) -> list[int]:
        """The pairs a passage belongs to (one, except a translation aligned to several originals)."""
        return self._of_chunk[ordinal]

    def any_member(self, mask: np.ndarray) -> np.ndarray:
        """Per pair: whether one of its passages is set in the per-passage ``mask``."""
        hits = np.bincount(self._edge_pair, weights=mask[self._edge_chunk].astype(np.float64), minlength=len(self.keys))
        return hits > 0

    def chunks_of(self, pair_mask: np.ndarray) -> np.ndarray:
        """Per passage: whether it belongs to a pair set in ``pair_mask``."""
        hits = np.bincount(self._edge_chunk, weights=pair_mask[self._edge_pair].astype(np.float64),
                           minlength=len(self._of_chunk))
        return hits > 0

    def fuse(self, rankings: Sequence[Sequence[int]], weights: Sequence[float], candidates: np.ndarray,
             side_weights: np.ndarray | None = None, k: int = RRF_K) -> list[tuple[int, float]]:
        """Reciprocal rank fusion over pairs: in each ranking a pair counts once, at the rank of its best side.

        score(pair) = Σ_rankings weight × max over its passages p of share(p) / (k + rank(p)), where
        share(p) = 1 / (number of pairs p belongs to): a translation aligned to three originals lends
        each a third of its evidence, and with one counterpart per passage a pair's score is simply
        that of its best side. ``side_weights`` (per passage, default 1) scales a side's evidence:
        the engine counts the side in the query's own language, where retrieval is strongest, more.

        Returns:
            ``(pair, score)`` for the candidate pairs reached, best first; ties by smaller pair index.
        """
        scores: dict[int, float] = {}
        for ranking, weight in zip(rankings, weights):
            best: dict[int, float] = {}
            for rank, ordinal in enumerate(ranking, start=1):
                pairs = self._of_chunk[ordinal]
                value = (1.0 if side_weights is None else float(side_weights[ordinal])) / (len(pairs) * (k + rank))
                for pair in pairs:
                    if candidates[pair] and value > best.get(pair, 0.0):
                        best[pair] = value
            for pair, value in best.items():
                scores[pair] = scores.get(pair, 0.0) + weight * value
        return sorted(scores.items(), key=lambda item: (-item[1], item[0]))


def _recorded_pairs(chunks: Sequence[Chunk]) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = {}
    for chunk in chunks:
        groups.setdefault(getattr(chunk, "pair", "") or chunk.id, []).append(chunk.ordinal)
    return groups


def _anchored_pairs(chunks: Sequence[Chunk], alignment: dict[str, list[str]], ordinal: dict[str, int],
                    anchors: np.ndarray) -> dict[str, list[int]]:
    """Each anchor passage with its aligned passages; a passage aligned to no anchor stands alone."""
    groups: dict[str, list[int]] = {}
    for chunk in chunks:
        aligned = [ordinal[o] for o in alignment.get(chunk.id, ()) if o in ordinal]
        if anchors[chunk.ordinal]:
            groups[chunk.id] = [chunk.ordinal, *(o for o in aligned if not anchors[o])]
        elif not any(anchors[o] for o in aligned):
            groups[chunk.id] = [chunk.ordinal]
    return groups
