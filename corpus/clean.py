"""Line-level cleaning that keeps a map back to the source.

Every cleaning step here only deletes characters, so a cleaned string keeps,
for each of its characters, the offset of that character in the original
document. Chunk offsets (``start``/``end``) are read off this map, which is
why a hit can always be shown in its original context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

URL = re.compile(r"<?\b(?:https?://|www\.)[^\s>]+>?", re.IGNORECASE)
_MARKUP = re.compile(r"\*\*|__|\^(?=[A-Za-zèé])")
_SUPERSCRIPT = re.compile(r"\^\{[^}]{0,12}\}")
_SPACES = re.compile(r"\s+")
_BOILERPLATE = re.compile(
    r"^(?:regarder la vid[ée]o sur youtube|cliquez sur l'image|pour lancer la vid[ée]o)\s*$",
    re.IGNORECASE,
)
# A run of at least six characters written twice in a row: PDF extraction of
# these slides doubles every heading ("SynthèseSynthèse").
_DOUBLED = re.compile(r"(.{6,}?)\1")
MAX_HEADING_LINE = 200


@dataclass(frozen=True, slots=True)
class Span:
    """Cleaned text plus the source offset of each of its characters."""

    text: str
    offsets: tuple[int, ...]

    @property
    def start(self) -> int:
        return self.offsets[0] if self.offsets else 0

    @property
    def end(self) -> int:
        return self.offsets[-1] + 1 if self.offsets else 0

    def __bool__(self) -> bool:
        return bool(self.text)

    def slice(self, start: int, end: int) -> "Span":
        return Span(self.text[start:end], self.offsets[start:end])

    def strip(self) -> "Span":
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        return self.slice(left, max(left, right))

    def delete(self, ranges: list[tuple[int, int]]) -> "Span":
        """Drop the characters in ``ranges`` (pairs of start, end)."""
        if not ranges:
            return self
        keep = [True] * len(self.text)
        for start, end in ranges:
            for i in range(start, end):
                keep[i] = False
        return Span(
            "".join(ch for ch, kept in zip(self.text, keep) if kept),
            tuple(o for o, kept in zip(self.offsets, keep) if kept),
        )


def join_spans(spans: list[Span], separators: list[str]) -> Span:
    """Concatenate spans; ``separators[i]`` goes before ``spans[i + 1]``.

    A separator character maps to the source offset just after the previous
    span, so the map stays monotonic.
    """
    text: list[str] = []
    offsets: list[int] = []
    for i, span in enumerate(spans):
        if i and separators[i - 1]:
            text.append(separators[i - 1])
            offsets.extend([spans[i - 1].end] * len(separators[i - 1]))
        text.append(span.text)
        offsets.extend(span.offsets)
    return Span("".join(text), tuple(offsets))


def split_lines(text: str) -> list[Span]:
    """The lines of ``text`` (without line endings) as spans."""
    lines, pos = [], 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        lines.append(Span(body, tuple(range(pos, pos + len(body)))))
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
    ranges = []
    for m in _SPACES.finditer(span.text):
        ranges.append((m.start() + 1, m.end()))
    collapsed = span.delete(ranges)
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
