"""Line-level cleaning that keeps a map back to the source.

Every cleaning step here only deletes characters, so a cleaned string keeps,
for each of its characters, the offset of that character in the original
document (kept as runs of consecutive offsets, see ``Span``). Chunk offsets
(``start``/``end``) are read off this map, which is why a hit can always be
shown in its original context.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

URL = re.compile(r"<?\b(?:https?://|www\.)[^\s>]+>?", re.IGNORECASE)
_MARKUP = re.compile(r"\*\*|__|\^(?=[A-Za-zèé])")
_SUPERSCRIPT = re.compile(r"\^\{[^}]{0,12}\}")
_SPACE_RUN = re.compile(r"\s{2,}")
_BOILERPLATE = re.compile(
    r"^(?:regarder la vid[ée]o sur youtube|cliquez sur l'image|pour lancer la vid[ée]o)\s*$",
    re.IGNORECASE,
)
# A run of at least six characters written twice in a row: PDF extraction of
# these slides doubles every heading ("SynthèseSynthèse").
_DOUBLED = re.compile(r"(.{6,}?)\1")
MAX_HEADING_LINE = 200


Run = tuple[int, int, int]  # (offset in the cleaned text, offset in the source, length)


@dataclass(frozen=True, slots=True)
class Span:
    """Cleaned text plus a map back to the source, as runs.

    ``runs`` are ``(clean_start, source_start, length)``: the ``length``
    characters from ``clean_start`` in ``text`` come from consecutive source
    offsets from ``source_start``. A line is one run, and each deletion adds
    one; one offset per character (the former map) took 2.3 GB for a 30 MB
    single-line file. Runs are contiguous in ``text`` and merged whenever the
    source continues, so equal maps compare equal. Lookups are ``bisect``.
    """

    text: str
    runs: tuple[Run, ...] = ()

    @classmethod
    def from_offsets(cls, text: str, offsets) -> "Span":
        """A span from one source offset per character (tests, small hand-made spans)."""
        return cls(text, _merge((i, offset, 1) for i, offset in enumerate(offsets)))

    @property
    def offsets(self) -> tuple[int, ...]:
        """The source offset of each character (built on demand: O(length))."""
        return tuple(offset for _, source, length in self.runs for offset in range(source, source + length))

    @property
    def start(self) -> int:
        return self.runs[0][1] if self.runs else 0

    @property
    def end(self) -> int:
        if not self.runs:
            return 0
        _, source, length = self.runs[-1]
        return source + length

    def __bool__(self) -> bool:
        return bool(self.text)

    def slice(self, start: int, end: int) -> "Span":
        start, end, _ = slice(start, end).indices(len(self.text))
        end = max(start, end)
        return Span(self.text[start:end], tuple(_cut(self.runs, start, end, shift=start)))

    def strip(self) -> "Span":
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        return self.slice(left, max(left, right))

    def delete(self, ranges: list[tuple[int, int]]) -> "Span":
        """Drop the characters in ``ranges`` (pairs of start, end; may overlap, any order)."""
        kept, pos = [], 0
        for start, end in sorted((max(0, a), min(len(self.text), b)) for a, b in ranges if b > a):
            if start > pos:
                kept.append((pos, start))
            pos = max(pos, end)
        if pos == 0:  # nothing to delete
            return self
        kept.append((pos, len(self.text)))
        text, runs, length = [], [], 0
        for start, end in kept:
            if end > start:
                text.append(self.text[start:end])
                runs.extend(_cut(self.runs, start, end, shift=start - length))
                length += end - start
        return Span("".join(text), _merge(runs))


def _cut(runs: tuple[Run, ...], start: int, end: int, shift: int):
    """The parts of ``runs`` covering ``[start, end)`` of the cleaned text, moved ``shift`` to the left."""
    if end <= start or not runs:
        return
    first = bisect_right(runs, start, key=lambda run: run[0]) - 1
    for clean, source, length in runs[max(first, 0):]:
        if clean >= end:
            break
        lo, hi = max(clean, start), min(clean + length, end)
        if hi > lo:
            yield (lo - shift, source + (lo - clean), hi - lo)


def _merge(runs) -> tuple[Run, ...]:
    """Runs with each one that continues the previous one in the source joined to it."""
    merged: list[list[int]] = []
    for clean, source, length in runs:
        if length <= 0:
            continue
        if merged and merged[-1][1] + merged[-1][2] == source and merged[-1][0] + merged[-1][2] == clean:
            merged[-1][2] += length
        else:
            merged.append([clean, source, length])
    return tuple((clean, source, length) for clean, source, length in merged)


def join_spans(spans: list[Span], separators: list[str]) -> Span:
    """Concatenate spans; ``separators[i]`` goes before ``spans[i + 1]``.

    A separator character maps to the source offset just after the previous
    span, so the map stays monotonic.
    """
    text: list[str] = []
    runs: list[Run] = []
    length = 0
    for i, span in enumerate(spans):
        if i and separators[i - 1]:
            text.append(separators[i - 1])
            runs.extend((length + j, spans[i - 1].end, 1) for j in range(len(separators[i - 1])))
            length += len(separators[i - 1])
        text.append(span.text)
        runs.extend((clean + length, source, size) for clean, source, size in span.runs)
        length += len(span.text)
    return Span("".join(text), _merge(runs))


def split_lines(text: str) -> list[Span]:
    """The lines of ``text`` (without line endings) as spans."""
    lines, pos = [], 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        lines.append(Span(body, ((0, pos, len(body)),) if body else ()))
        pos += len(raw)
    return lines


def remove_markup(span: Span) -> Span:
    """Markdown emphasis and superscripts to plain text: ``**X**`` → X, ``2^{ème}`` → 2ème."""
    ranges = [m.span() for m in _MARKUP.finditer(span.text)]
    for m in _SUPERSCRIPT.finditer(span.text):
        ranges += [(m.start(), m.start() + 2), (m.end() - 1, m.end())]
    return span.delete(ranges)


def collapse_whitespace(span: Span) -> Span:
    """Runs of whitespace become one space; ends are stripped."""
    # Only runs of two or more need a deletion: a single space is kept as it is.
    collapsed = span.delete([(m.start() + 1, m.end()) for m in _SPACE_RUN.finditer(span.text)])
    # Tabs and non-breaking spaces that survive as the single kept character stay as is:
    # they are whitespace for every later step.
    return collapsed.strip()


def extract_urls(span: Span) -> tuple[Span, list[str]]:
    """Remove URLs from the span and return them."""
    urls = [m.group(0).strip("<>") for m in URL.finditer(span.text)]
    return span.delete([m.span() for m in URL.finditer(span.text)]), urls


def is_boilerplate(text: str) -> bool:
    """Video-player captions left in the PDF export, never worth a search hit."""
    return bool(_BOILERPLATE.match(text.strip()))


def split_doubled(span: Span) -> list[tuple[Span, bool]]:
    """Split a line into parts, undoing PDF heading doubling.

    Returns ``(part, doubled)`` pairs in order: doubled parts are given once and
    flagged True (they are headings); the rest of the line is flagged False.
    "M. JAE HYUN LEE INTERVENTIONS DE CADRAGEINTERVENTIONS DE CADRAGE" gives
    the speaker line (False) and the heading (True).
    """
    parts: list[tuple[Span, bool]] = []
    pos = 0
    if len(span.text) > MAX_HEADING_LINE:
        return [(span.strip(), False)] if span.text.strip() else []
    for match in _DOUBLED.finditer(span.text):
        unit = match.group(1)
        starts_cleanly = match.start() == 0 or not span.text[match.start() - 1].isalnum() or unit[0].isupper()
        # A heading is doubled exactly once and is not a sentence: a phrase repeated
        # in running text ("Merci. Merci. Merci.") must not lose its copies.
        sentence_like = unit.rstrip()[-1:] in ".!?;"
        repeated_again = span.text.startswith(unit, match.end())
        if sum(ch.isalpha() for ch in unit) < 5 or not starts_cleanly or sentence_like or repeated_again:
            continue
        if match.start() > pos:
            parts.append((span.slice(pos, match.start()), False))
        parts.append((span.slice(match.start(), match.start() + len(unit)), True))
        pos = match.end()
    if pos < len(span.text):
        parts.append((span.slice(pos, len(span.text)), False))
    return [(part.strip(), doubled) for part, doubled in parts if part.text.strip()]
