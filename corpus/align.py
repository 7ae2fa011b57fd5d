"""Sentence splitting and automatic sentence alignment of a document and its translation.

* ``split_sentences(text, lang)`` (from ``corpus.sentences``): sentences and
  list items with their offsets (French by rule, Korean by Kiwi).
* ``align_sentences(fr, ko, encoder)``: a monotonic aligner of the vecalign /
  Bleualign family. Sentences and runs of two and three consecutive sentences
  are encoded; dynamic programming picks the cheapest sequence of 1-1, 1-2,
  2-1, 1-3, 3-1, 1-0 and 0-1 beads, where a bead costs the cosine distance of its two sides (normalised by
  how far each side is from everything else, as vecalign does, so a sentence
  that is close to every other sentence does not win every match) plus a length
  penalty.

The maintained aligners on the package index were considered: ``bertalign``
(not installable here, and it loads LaBSE from the model hub at import);
vecalign and hunalign are not packages. The aligner below reuses the index's
own encoder, so it runs offline with whatever encoder the index uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, Sequence

import numpy as np

from corpus.chunker import weight
from corpus.errors import AlignmentError
from corpus.sentences import Sentence, split_sentences
from corpus.translation import AlignedSpan

# Beyond this many DP cells (sentences × sentences) the score matrices no longer fit
# comfortably in memory on a small machine; such documents are not aligned automatically.
MAX_ALIGNMENT_CELLS = 4_000_000


@dataclass(frozen=True, slots=True)
class Bead:
    """Consecutive French sentences (indexes) aligned with consecutive Korean ones.

    ``confidence`` is 0–1: about 0 for a random pair, above 0.4 for a good
    translation with the bundled encoder; always 0 for a 1-0 or 0-1 bead.
    """

    fr: tuple[int, ...]
    ko: tuple[int, ...]
    confidence: float

    @property
    def kind(self) -> str:
        return f"{len(self.fr)}-{len(self.ko)}"


@dataclass(frozen=True, slots=True, kw_only=True)
class AlignOptions:
    """Costs of the dynamic programme, in units of "a random pair costs about 1".

    Args:
        skip_cost: cost of leaving one sentence unaligned (1-0 / 0-1 bead).
        length_weight: weight of the length penalty |log(length ratio / expected ratio)|.
        max_bead: the most sentences, both sides together, in one bead (4: up to 1-3 and 3-1).
    """

    skip_cost: float = 0.9
    length_weight: float = 0.05
    max_bead: int = 4


@dataclass(frozen=True, slots=True)
class AlignmentQuality:
    """Summary of an alignment, for the build warning."""

    beads: int
    mean_confidence: float
    unaligned_share: float  # share of sentences left in 1-0 / 0-1 beads

    @property
    def weak(self) -> bool:
        # Measured on the bundled translations: good alignments have a mean
        # confidence above 0.45 and under 5 % unaligned sentences.
        return self.mean_confidence < 0.3 or self.unaligned_share > 0.2


__all__ = ["AlignOptions", "AlignmentQuality", "Bead", "Sentence", "align_sentences", "align_units",
           "assess_alignment", "split_sentences"]


class SentenceEncoder(Protocol):
    def encode_passages(self, texts: Sequence[str]) -> np.ndarray: ...


def align_sentences(
    fr_sentences: Sequence[str], ko_sentences: Sequence[str], encoder: SentenceEncoder,
    options: AlignOptions = AlignOptions(),
) -> list[Bead]:
    """Monotonic alignment of French sentences with their Korean translation.

    Args:
        fr_sentences: the French sentences in order (strings or ``Sentence``).
        ko_sentences: the Korean sentences in order.
        encoder: anything with ``encode_passages(texts) -> L2-normalised rows``
            (the index's encoder).
        options: costs of the dynamic programme.

    Returns:
        Beads covering every sentence of both sides exactly once, in order.

    Raises:
        AlignmentError: the two texts are too long to align in memory.
    """
    fr = [getattr(s, "text", s) for s in fr_sentences]
    ko = [getattr(s, "text", s) for s in ko_sentences]
    if len(fr) * len(ko) > MAX_ALIGNMENT_CELLS:
        raise AlignmentError(
            f"{len(fr)} × {len(ko)} sentences is too long to align automatically "
            f"(at most {MAX_ALIGNMENT_CELLS:,} pairs); give the translation an alignment table"
        )
    if not fr or not ko:
        return [Bead((i,), (), 0.0) for i in range(len(fr))] + [Bead((), (j,), 0.0) for j in range(len(ko))]
    costs = _bead_costs(fr, ko, encoder, options)
    return _best_path(costs, len(fr), len(ko), options)


def assess_alignment(beads: Sequence[Bead]) -> AlignmentQuality:
    """Mean confidence (per sentence covered) and share of unaligned sentences."""
    sentences = sum(len(b.fr) + len(b.ko) for b in beads)
    if not sentences:
        return AlignmentQuality(0, 0.0, 0.0)
    unaligned = sum(len(b.fr) + len(b.ko) for b in beads if not b.fr or not b.ko)
    mean = sum(b.confidence * (len(b.fr) + len(b.ko)) for b in beads) / sentences
    return AlignmentQuality(len(beads), mean, unaligned / sentences)


def align_units(fr_units: Sequence, ko_units: Sequence, encoder: SentenceEncoder,
                options: AlignOptions = AlignOptions()) -> tuple[list[AlignedSpan], AlignmentQuality]:
    """Aligned ranges of two documents from their sentence units (``corpus.structure.Unit``).

    Returns:
        One ``AlignedSpan`` per bead with both sides (source offsets of its first
        and last units), and the alignment's quality.
    """
    beads = align_sentences([u.span.text for u in fr_units], [u.span.text for u in ko_units], encoder, options)
    spans = [
        AlignedSpan(fr_units[b.fr[0]].span.start, fr_units[b.fr[-1]].span.end,
                    ko_units[b.ko[0]].span.start, ko_units[b.ko[-1]].span.end)
        for b in beads if b.fr and b.ko
    ]
    return spans, assess_alignment(beads)


def _bead_costs(fr: list[str], ko: list[str], encoder: SentenceEncoder, options: AlignOptions) -> dict:
    """For every move, (cost, normalised distance) of each candidate bead, indexed by its first sentences."""
    largest = options.max_bead - 1
    fr_vectors, fr_lengths = _windows(fr, largest, encoder)
    ko_vectors, ko_lengths = _windows(ko, largest, encoder)
    ratio = ko_lengths[1].sum() / max(1.0, fr_lengths[1].sum())
    costs = {}
    for df, dk in _moves(options.max_bead):
        if not (df and dk) or not len(fr_vectors[df]) or not len(ko_vectors[dk]):
            continue
        distance = _normalised_distance(fr_vectors[df], ko_vectors[dk])
        penalty = np.abs(np.log((ko_lengths[dk][None, :] / ratio + 1.0) / (fr_lengths[df][:, None] + 1.0)))
        # A bead counts once per sentence it covers, so that merging is not cheaper than matching.
        costs[(df, dk)] = (distance * (df + dk) / 2 + options.length_weight * penalty, distance)
    return costs


def _moves(max_bead: int) -> list[tuple[int, int]]:
    """1-0, 0-1 and the 1-n / n-1 beads of at most ``max_bead`` sentences.

    No 2-2: concatenations are always closer than their parts, so 2-2 beads
    would swallow pairs of good 1-1 beads.
    """
    pairs = [(a, b) for a in range(1, max_bead) for b in range(1, max_bead) if a + b <= max_bead and min(a, b) == 1]
    return [*pairs, (1, 0), (0, 1)]


def _windows(sentences: list[str], largest: int, encoder: SentenceEncoder) -> tuple[dict, dict]:
    """Vectors and weighted lengths of every run of 1..``largest`` consecutive sentences."""
    texts: list[str] = []
    spans: dict[int, tuple[int, int]] = {}
    lengths: dict[int, np.ndarray] = {}
    single = np.array([weight(s) for s in sentences], dtype=np.float64)
    for size in range(1, largest + 1):
        runs = [" ".join(sentences[i : i + size]) for i in range(len(sentences) - size + 1)]
        spans[size] = (len(texts), len(texts) + len(runs))
        texts.extend(runs)
        lengths[size] = np.convolve(single, np.ones(size), mode="valid") if len(single) >= size else np.zeros(0)
    vectors = np.asarray(encoder.encode_passages(texts), dtype=np.float64)
    return {size: vectors[a:b] for size, (a, b) in spans.items()}, lengths


def _normalised_distance(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """1 - cos, divided by each side's mean distance to the whole other side (≈1 for a random pair)."""
    distance = 1.0 - x @ y.T
    row = distance.mean(axis=1, keepdims=True)
    column = distance.mean(axis=0, keepdims=True)
    return distance / np.maximum((row + column) / 2.0, 1e-6)


def _best_path(costs: dict, n_fr: int, n_ko: int, options: AlignOptions) -> list[Bead]:
    """Dynamic programme over (French sentences used, Korean sentences used)."""
    moves = _moves(options.max_bead)
    down = moves.index((0, 1))
    total = np.full((n_fr + 1, n_ko + 1), np.inf)
    back = np.zeros((n_fr + 1, n_ko + 1), dtype=np.int8)
    columns = np.arange(n_ko + 1)
    skip = options.skip_cost
    total[0] = columns * skip
    back[0, 1:] = down
    for i in range(1, n_fr + 1):
        best = total[i - 1] + skip
        choice = np.full(n_ko + 1, moves.index((1, 0)), dtype=np.int8)
        for index, (df, dk) in enumerate(moves):
            if i < df or (df, dk) not in costs:
                continue
            cost = costs[(df, dk)][0][i - df]
            candidate = np.full(n_ko + 1, np.inf)
            candidate[dk : dk + len(cost)] = total[i - df, : len(cost)] + cost
            better = candidate < best
            best[better], choice[better] = candidate[better], index
        # 0-1 beads within the row: total[i, j] = min(best[j], total[i, j-1] + skip),
        # i.e. a running minimum of best[k] + skip * (j - k).
        running = np.minimum.accumulate(best - columns * skip) + columns * skip
        total[i] = running
        # The running minimum is computed through a subtraction: compare with a tolerance.
        back[i] = np.where(running < best - 1e-9, down, choice)
    return _trace(back, costs, moves, n_fr, n_ko)


def _trace(back: np.ndarray, costs: dict, moves: list[tuple[int, int]], i: int, j: int) -> list[Bead]:
    beads = []
    while i > 0 or j > 0:
        df, dk = moves[back[i, j]]
        i, j = i - df, j - dk
        confidence = 0.0
        if df and dk:
            confidence = float(min(1.0, max(0.0, 1.0 - costs[(df, dk)][1][i, j])))
        beads.append(Bead(tuple(range(i, i + df)), tuple(range(j, j + dk)), confidence))
    beads.reverse()
    return beads

