"""Concordance lines cut from the source: the sentence a term occurs in, verbatim, and its aligned sentence.

Offsets point into the document's own text (``Document.text``), so a line is
always a substring of the document: nothing is re-joined from tokens (which put
spaces inside "지구온난화에" or "L’urgence"), and a cut falls between words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from index.analysis import english_terms, french_terms

MAX_SIDE_CHARS = 110  # longest left or right part of a line; longer sentences are cut at a space
# A sentence ends at . ! ? … (then a space: "다." too), at a blank line, or before a line that starts a list
# item or heading (a marker, or a capital: extracted slides drop their bullets, "agricoles,\nPédagogie …").
# A line break before a lowercase word is not a boundary: PDF-extracted text is hard-wrapped inside sentences
# ("impacte directement\nla pérennité"). Hangul has no case: Korean sentences end at "다." and blank lines.
_SENTENCE_END = re.compile(
    r"(?<=[.!?…。])\s+"
    r"|\n[ \t]*\n\s*"
    r"|\n(?=[ \t]*(?:[#>*\-–•·]|\d+[.)][ \t]|[A-ZÀ-ÖØ-ÞŒ]))"
)
_SPACE = re.compile(r"\s")
_LEADING_MARKUP = re.compile(r"\s*(?:[#>*\-–•·]+\s*|\d+[.)]\s+)*")
_TRAILING_MARKUP = re.compile(r"[\s*_]+$")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


def analyse(segment: str, lang: str) -> list:
    """The words of a French or English segment with their stems and offsets (what ``occurrences`` compares)."""
    return (french_terms if lang == "fr" else english_terms)(segment)


@dataclass(frozen=True, slots=True)
class Analysed:
    """A segment's words, and where each stem occurs: a look-up checks a few positions, not every word."""

    words: list
    positions: dict[str, list[int]]

    @classmethod
    def of(cls, segment: str, lang: str) -> "Analysed":
        words = analyse(segment, lang)
        positions: dict[str, list[int]] = {}
        for index, word in enumerate(words):
            positions.setdefault(word.term, []).append(index)
        return cls(words, positions)


def occurrences(text: str, start: int, end: int, variants: tuple[str, ...], lang: str,
                analysed: Analysed | None = None) -> list[Span]:
    """Non-overlapping occurrences of ``variants`` in ``text[start:end]``, in document offsets.

    Korean variants match as written (particles may follow: "재활용을"); French and
    English ones by their stems, so "déchets" finds "déchet" and "l'hydrogène" finds "hydrogène".
    ``analysed`` may pass ``Analysed.of(text[start:end], lang)`` computed once for many look-ups.
    """
    segment = text[start:end]
    spans: list[tuple[int, int]] = []
    if lang == "ko":
        for variant in variants:
            position = segment.find(variant)
            while position >= 0 and variant:
                spans.append((position, position + len(variant)))
                position = segment.find(variant, position + len(variant))
    else:
        analysed = Analysed.of(segment, lang) if analysed is None else analysed
        words = analysed.words
        for variant in variants:
            needle = _stems(variant, lang)
            for i in analysed.positions.get(needle[0], ()) if needle else ():
                if [w.term for w in words[i : i + len(needle)]] == needle:
                    spans.append((words[i].start, words[i + len(needle) - 1].end))
    kept: list[Span] = []
    for s, e in sorted(spans):
        if "\n\n" in segment[s:e]:  # stems matched across a paragraph break: not one occurrence
            continue  # overlapping variants ("수소" inside "수소충전소") count once
        if not kept or start + s >= kept[-1].end:
            kept.append(Span(start + s, start + e))
    return kept


@lru_cache(maxsize=8192)
def _stems(variant: str, lang: str) -> list[str]:
    return [t.term for t in analyse(variant, lang)]


def sentence_around(text: str, hit: Span, lower: int, upper: int) -> Span:
    """The sentence of ``text`` containing ``hit``, within [lower, upper), without list markers or markup edges."""
    begin = lower
    for boundary in _SENTENCE_END.finditer(text, lower, hit.start):
        begin = boundary.end()
    finish = upper
    boundary = _SENTENCE_END.search(text, hit.end, upper)
    if boundary is not None:
        finish = boundary.start()
    marker = _LEADING_MARKUP.match(text, begin, hit.start)
    if marker is not None:
        begin = marker.end()
    trailing = _TRAILING_MARKUP.search(text, hit.end, finish)
    if trailing is not None:
        finish = trailing.start()
    return Span(begin, max(finish, hit.end))


def cut(text: str, hit: Span, sentence: Span, width: int = MAX_SIDE_CHARS) -> tuple[str, str, str]:
    """(left, term, right): the sentence around ``hit``, each side at most ``width`` characters, cut at a space."""
    left_start = sentence.start
    if hit.start - left_start > width:
        left_start = hit.start - width
        if not text[left_start - 1].isspace():  # inside a word: start after the next space (or line break)
            space = _SPACE.search(text, left_start, hit.start)
            left_start = space.end() if space is not None else left_start
    right_end = sentence.end
    if right_end - hit.end > width:
        right_end = hit.end + width
        if not text[right_end].isspace():  # inside a word: end at the last space (or line break)
            spaces = [m.start() for m in _SPACE.finditer(text, hit.end + 1, right_end)]
            right_end = spaces[-1] if spaces else right_end
    return text[left_start : hit.start], text[hit.start : hit.end], text[hit.end : right_end]


def nearest(spans: list[Span], relative: float, start: int, end: int) -> Span | None:
    """The span whose relative position in [start, end) is closest to ``relative`` (0.0–1.0)."""
    if not spans:
        return None
    length = max(1, end - start)
    return min(spans, key=lambda s: abs((s.start - start) / length - relative))
