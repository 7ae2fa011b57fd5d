"""Slide exports: what a page (a slide) says about the lines on it.

PDF exports of slides lose reading order and repeat things on every page: the
heading (doubled by the extraction), the speaker's name and role, links to a
video. These rules work on the classified lines of ``corpus.structure``.
"""

from __future__ import annotations

from dataclasses import dataclass

from corpus.clean import Span

# A line repeated at the top of consecutive slides is a header only if it is this short.
MAX_HEADER_LINE = 100

@dataclass(slots=True)
class Line:
    """A classified line of a document (see ``corpus.structure``)."""

    span: Span
    kind: str  # text | heading | subheading | speaker | blank | drop
    page: int
    speaker: str = ""
    doubled: bool = False


def drop_link_pages(lines: list[Line]) -> None:
    """A page made mostly of links (a links appendix) is navigation: none of it is searchable."""
    pages: dict[int, list[Line]] = {}
    for line in lines:
        if line.kind not in ("blank", "drop"):
            pages.setdefault(line.page, []).append(line)
    for page_lines in pages.values():
        links = sum(line.kind == "link" for line in page_lines)
        if links >= 3 and links * 2 >= len(page_lines):
            for line in page_lines:
                line.kind = "drop"


def assign_page_context(lines: list[Line]) -> None:
    """Give a slide's heading and its first speaker the whole slide.

    On a slide the heading and the speaker's name may come after text that
    belongs to them: the PDF export does not keep reading order. A slide with
    only a sub-heading, unlike the slide before it ("Synthèse des échanges"
    after the city slides), starts a section of its own instead of going on
    under the previous city. Lines at the top of a slide that repeat the
    previous slide (the speaker and role header kept on every slide) are
    dropped, so a passage never holds them twice. A slide of short lines
    naming several speakers (a programme) belongs to none of them.
    """
    by_page: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        by_page.setdefault(line.page, []).append(i)
    hoisted: dict[int, list[Line]] = {}
    previous_subheading, previous_text = "", set()
    for page, indexes in by_page.items():
        page_lines = [lines[i] for i in indexes]
        front = _page_front(page_lines, page, previous_subheading)
        speakers = list(dict.fromkeys(line.speaker for line in page_lines if line.speaker))
        texts = [line for line in page_lines if line.kind == "text"]
        if len(speakers) > 1 and all(len(line.span.text) <= MAX_HEADER_LINE for line in texts):
            # A slide of names and roles only, naming several people (a programme), is nobody's speech.
            for line in page_lines:
                line.speaker = ""
            speakers = []
        speaker = speakers[0] if speakers else ""
        if speaker:
            front.append(Line(Span("", ()), "speaker", page, speaker=speaker))
        hoisted[indexes[0]] = front
        _drop_repeated_header(page_lines, previous_text)
        previous_subheading = next((line.span.text for line in front if line.kind == "subheading"), "")
        previous_text = {_key(line) for line in page_lines if line.kind == "text"} | {_key(line) for line in front}
    result: list[Line] = []
    for i, line in enumerate(lines):
        result.extend(hoisted.get(i, []))
        result.append(line)
    lines[:] = result


def _page_front(page_lines: list[Line], page: int, previous_subheading: str) -> list[Line]:
    """The page's heading and sub-heading, taken out of the page to stand before it."""
    front: list[Line] = []
    for kind in ("heading", "subheading"):
        first = next((line for line in page_lines if line.kind == kind), None)
        if first is not None:
            front.append(Line(first.span, kind, page))
            # The same heading repeated further down the slide adds nothing.
            for line in page_lines:
                if line.kind == kind and line.span.text.casefold() == first.span.text.casefold():
                    line.kind = "drop"
    alone = len(front) == 1 and front[0].kind == "subheading"
    if alone and front[0].span.text.casefold() != previous_subheading.casefold():
        front[0].kind = "heading"
    return front


def _drop_repeated_header(page_lines: list[Line], previous_text: set[str]) -> None:
    for line in page_lines:
        if line.kind in ("blank", "drop", "link", "heading", "subheading", "speaker"):
            continue
        if len(line.span.text) > MAX_HEADER_LINE or _key(line) not in previous_text:
            return
        line.kind = "drop"


def _key(line: Line) -> str:
    return " ".join(line.span.text.split()).casefold()
