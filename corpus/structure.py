"""Document structure: sections, speakers and sentence units with source offsets.

The two layouts of the archive are handled by the same rules:

* PDF slide exports: headings are the doubled lines, a heading anywhere on a
  page (pages are separated by three or more blank lines) names the section of
  the whole page, and speaker blocks are "MME Claire GUICHARD" lines;
* Markdown-like minutes: ``#`` headings, numbered headings ("2. Présentation"),
  arrow headings ("→ Liste des participants :"), speakers as
  "Jérôme Tebaldi, Président …" paragraphs or bold bullets.

Markdown translations made by the project also mark speakers explicitly with a
"발표자:" / "Intervenant :" / "Speaker:" line (``corpus.speaker_lines``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.clean import (
    Span,
    collapse_whitespace,
    extract_urls,
    is_boilerplate,
    join_spans,
    remove_markup,
    split_doubled,
    split_lines,
)
from corpus.slides import Line as _Line
from corpus.slides import assign_page_context, drop_link_pages
from corpus.speaker_lines import is_speaker_line, speaker_of

_SENTENCE_END = re.compile(r"(?<=[.!?…。])[\"»”)]?\s+(?=\S)")
_BULLET = re.compile(r"^(?:[-•–*→]|\d{1,2}[.)])\s")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*\S)\s*$")
_NUMBERED_HEADING = re.compile(r"^\d{1,2}\.\s+\S.{1,118}$")
_ARROW_HEADING = re.compile(r"^→\s*(.{2,80}?)\s*:?\s*$")
_EMPTY_HEADING = re.compile(r"^#{1,6}\s*$")
# A list of participants names people without giving them the floor: no speaker there.
_ROSTER = re.compile(
    r"^(?:liste des participants|list of participants|participants|attendees)\b|^참석자\s*(?:명단|목록)", re.IGNORECASE
)
PAGE_BREAK_EMPTY_LINES = 2
_ABBREVIATIONS = frozenset("m mme mr dr pr sem ex cf c.f p st n° no vol éd ed".split())


@dataclass(frozen=True, slots=True)
class Unit:
    """A sentence (or list item) with its place in the document structure."""

    span: Span
    section: str
    speaker: str
    hard_break: bool  # starts a new line when units are joined for display


def parse_units(text: str) -> tuple[list[Unit], list[tuple[str, str]]]:
    """Split a document text into sentence units with section and speaker.

    Returns:
        The units in document order and the ``(label, url)`` links that were
        kept out of the searchable text.
    """
    lines, links = _classify_lines(text)
    _merge_heading_runs(lines)
    drop_link_pages(lines)
    if sum(line.doubled for line in lines) >= 2:
        assign_page_context(lines)
    return _units_from_lines(lines), links


def _classify_lines(text: str) -> tuple[list[_Line], list[tuple[str, str]]]:
    lines: list[_Line] = []
    links: list[tuple[str, str]] = []
    page, empty_run = 0, 0
    raw_lines = split_lines(text)
    # In Markdown, headings are "#" lines and "1. …" is an ordered list item, never a heading.
    markdown = any(_MD_HEADING.match(raw.text) for raw in raw_lines)
    for index, raw in enumerate(raw_lines):
        if not raw.text.strip():
            # Slide pages are separated by two or more truly empty lines; lines of
            # spaces occur inside a slide.
            empty_run = empty_run + 1 if not raw.text else 0
            lines.append(_Line(raw, "blank", page))
            continue
        if empty_run >= PAGE_BREAK_EMPTY_LINES:
            page += 1
        empty_run = 0
        span = collapse_whitespace(remove_markup(raw))
        without_urls, urls = extract_urls(span)
        without_urls = collapse_whitespace(without_urls)
        if urls:
            label = without_urls.text.strip(" :-")
            links.extend((label, url) for url in urls)
            # A line that is mostly a link is navigation, not content.
            if len(without_urls.text.split()) < 8:
                lines.append(_Line(raw, "link", page))
                continue
            span = without_urls
        if is_boilerplate(span.text) or not span.text or _EMPTY_HEADING.match(span.text):
            lines.append(_Line(raw, "drop", page))
            continue
        single = _is_single_line_block(raw_lines, index)
        lines.extend(_line_parts(span, page, single, bold="**" in raw.text, numbered_headings=not markdown))
    return lines, links


def _is_single_line_block(raw_lines: list[Span], index: int) -> bool:
    before = index == 0 or not raw_lines[index - 1].text.strip()
    after = index + 1 >= len(raw_lines) or not raw_lines[index + 1].text.strip()
    return before and after


def _line_parts(span: Span, page: int, single: bool, bold: bool, numbered_headings: bool = True) -> list[_Line]:
    markdown = _MD_HEADING.match(span.text)
    if markdown:
        level = len(markdown.group(1))
        title = span.slice(markdown.start(2), markdown.end(2))
        return [_Line(title, "heading" if level <= 2 else "subheading", page)]
    if single and _ARROW_HEADING.match(span.text):
        arrow = _ARROW_HEADING.match(span.text)
        return [_Line(span.slice(arrow.start(1), arrow.end(1)), "heading", page)]
    if numbered_headings and single and _NUMBERED_HEADING.match(span.text) and not _reads_as_item(span.text):
        return [_Line(span, "heading", page)]
    parts = []
    for part, doubled in split_doubled(span):
        if doubled:
            letters = [ch for ch in part.text if ch.isalpha()]
            upper = sum(ch.isupper() for ch in letters) / max(1, len(letters))
            parts.append(_Line(part, "heading" if upper > 0.8 else "subheading", page, doubled=True))
            continue
        speaker = speaker_of(part.text, single and not _BULLET.match(part.text), bold)
        kind = "speaker" if is_speaker_line(part.text) else "text"
        parts.append(_Line(part, kind, page, speaker=speaker))
    return parts


def _reads_as_item(text: str) -> bool:
    """Whether a numbered line is a list item saying something rather than a section title.

    A title names a topic ("1. Introduction", "2. Présentation : « … »"); an item
    that opens a list (ends with ":"), is a sentence (four words or more ending
    with a full stop), lists clauses after a colon ("… : a, b, c") or states an
    amount or a measure ("예산 1,650억 원 투입") is content of the section it is in.
    """
    from corpus.figures import extract_figures

    body = text.rstrip()
    if body.endswith(":") or body[-1] in ".!?…。" and len(body.split()) >= 5:  # the number and four words
        return True
    _, colon, rest = body.partition(":")
    if colon and len([part for part in rest.split(",") if part.strip()]) >= 3:
        return True
    return any(figure.kind not in ("date", "time") for figure in extract_figures(body[body.index(".") + 1 :]))


def _merge_heading_runs(lines: list[_Line]) -> None:
    """Join headings split over consecutive lines ("VILLE DE" + "ISSY-LES-MOULINEAUX")."""
    merged: list[_Line] = []
    for line in lines:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and line.kind in ("heading", "subheading")
            and previous.kind == line.kind
            and previous.page == line.page
        ):
            previous.span = join_spans([previous.span, line.span], [" "])
            continue
        merged.append(line)
    lines[:] = merged


def _units_from_lines(lines: list[_Line]) -> list[Unit]:
    units: list[Unit] = []
    section, subsection, speaker = "", "", ""
    roster = False
    pending: list[Span] = []

    def flush() -> None:
        nonlocal pending
        if pending:
            units.extend(_sentences(pending, _label(section, subsection), speaker))
        pending = []

    for line in lines:
        if line.kind in ("blank", "drop", "link"):
            if line.kind == "blank":
                flush()
            continue
        if line.kind in ("heading", "subheading"):
            flush()
            title = line.span.text.strip().rstrip(":").strip()
            if line.kind == "heading":
                if title.casefold() != section.casefold():
                    speaker, subsection = "", ""
                section, roster = title, bool(_ROSTER.search(title))
            else:
                subsection = title
            continue
        if not roster and (line.kind == "speaker" or line.speaker):
            if line.speaker != speaker:
                flush()
            speaker = line.speaker
        if line.kind == "speaker":
            continue
        pending.append(line.span)
    flush()
    return units


def _label(section: str, subsection: str) -> str:
    if subsection and subsection.casefold() != section.casefold():
        return f"{section} › {subsection}" if section else subsection
    return section


def _sentences(lines: list[Span], section: str, speaker: str) -> list[Unit]:
    """Rejoin wrapped lines of one paragraph, then cut it into sentences and list items."""
    joined: list[Span] = []
    separators: list[str] = []
    hard: list[bool] = []
    for line in lines:
        if joined:
            previous = joined[-1].text
            if _is_hard_break(previous, line.text):
                hard.append(True)
                separators.append("\n")
            else:
                hard.append(False)
                # "se portera-t-" + "elle": a hyphen at the end of a line joins without space.
                separators.append("" if previous.endswith("-") and previous[-2:-1].isalpha() else " ")
        joined.append(line)
    paragraph = join_spans(joined, separators)
    units: list[Unit] = []
    start = 0
    boundaries = [m.start() for m in re.finditer("\n", paragraph.text)]
    boundaries += [
        m.end() for m in _SENTENCE_END.finditer(paragraph.text) if not _after_abbreviation(paragraph.text, m.start())
    ]
    for cut in sorted(set(boundaries)) + [len(paragraph.text)]:
        piece = paragraph.slice(start, cut).strip()
        if piece.text:
            starts_line = (
                start == 0
                or paragraph.text[start - 1] == "\n"
                or start < len(paragraph.text)
                and paragraph.text[start] == "\n"
            )
            units.append(Unit(piece, section, speaker, starts_line))
        start = cut
    return units


def _is_hard_break(previous: str, current: str) -> bool:
    """Whether a line break ends a unit (list item, heading-like line) or just wraps text."""
    if _BULLET.match(current):
        return True
    if previous.endswith((".", "!", "?", ":", ";", ",", "»", '"', "…")) and current[:1].isupper():
        return True
    # Short title-like line followed by a capitalised line: a role under a name, a caption.
    return (
        len(previous) < 60
        and current[:1].isupper()
        and not previous.endswith((" de", " et", " à", " la", " le", " les", " des", " du"))
    )


def _after_abbreviation(text: str, period: int) -> bool:
    """A period that ends "M.", "Dr.", "ex.", "cf." or a list number "2." does not end a sentence."""
    # Only the word before the period matters: searching all of text[:period]
    # made sentence splitting quadratic in the paragraph length.
    word = re.search(r"(\S+)$", text[max(0, period - 64) : period])
    if not word:
        return False
    token = word.group(1).rstrip(".").casefold().lstrip('-(«"')
    return token in _ABBREVIATIONS or token.isdigit() and len(token) <= 2 or len(token) == 1 and token.isalpha()
