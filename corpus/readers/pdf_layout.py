"""PDF page texts → document text: what pypdf gives back, repaired before the chunker sees it.

* justified lines come out with double spaces (between every Korean word in
  the partners' reports): whitespace is normalised line by line;
* the report title or the organisation's name repeated at the top of every
  page, and page numbers, would otherwise become search hits: a line that
  recurs at the edge of most pages is dropped, and so is a bare page number;
* headings are only visible as a larger font: lines set noticeably larger
  than the body text become ``#``/``##``/``###`` lines;
* a wrapped line that the chunker would take for a new unit (it ends with a
  comma and the next line starts with a capital, "… la ville de\\nTours") is
  rejoined here; other line breaks are kept, the chunker rejoins them.

Pages are separated by two empty lines, the page break convention of
``corpus.structure``.
"""

from __future__ import annotations

import re
from collections import Counter

from corpus.readers.base import join_pages

# A font this much larger than the body text marks a heading.
HEADING_SCALE = 1.15
# Lines this many from the top or bottom of a page may be running headers or
# footers, if they are no longer than a header line can be.
EDGE_LINES = 2
FURNITURE_MAX_CHARS = 120
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u00ad]")
_PAGE_NUMBER = re.compile(
    r"^(?:page|p\.|페이지)?\s*[-–—(\[]?\s*\d{1,4}\s*(?:(?:/|sur|of|de)\s*\d{1,4})?\s*[-–—)\]]?\s*(?:쪽|페이지)?$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^(?:[-•–*→▪■●◦]|\d{1,2}[.)])\s")
_SENTENCE_END = (".", "!", "?", "…", ":", "。")


def render_pages(pages: list[tuple[str, list[tuple[str, float]]]], notes: list[str]) -> tuple[str, tuple[int, ...]]:
    """Page texts → the document text (furniture dropped, headings marked, wrapped lines rejoined) and page starts."""
    lines_by_page = [[normalise_line(line) for line in text.splitlines()] for text, _ in pages]
    dropped = _drop_page_furniture(lines_by_page)
    if dropped:
        notes.append(f"dropped {dropped} running header, footer or page number lines")
    headings = _heading_levels([fragments for _, fragments in pages])
    rendered = [_render_page(lines, headings) for lines in lines_by_page]
    full = _full_width(rendered)
    return join_pages(["\n".join(_rejoin(page, full)) for page in rendered])


def normalise_line(line: str) -> str:
    """Control characters dropped, runs of spaces (justified lines, Korean words) made one."""
    return _SPACES.sub(" ", _CONTROL.sub("", line)).strip()


def _drop_page_furniture(pages: list[list[str]]) -> int:
    """Remove page numbers and lines recurring at the edges of most pages, in place.

    A line counts as recurring when it is the same on most pages, or the same
    but for a number that grows with the page ("Séminaire 2021 — 7"); a
    heading numbered otherwise ("Partie 2") is content.

    Returns:
        The number of lines removed.
    """
    edges = [_edge_indexes(lines) for lines in pages]
    exact: Counter[str] = Counter()
    numbered: dict[str, list[tuple[int, tuple[int, ...]]]] = {}
    for page, (lines, indexes) in enumerate(zip(pages, edges)):
        exact.update({lines[i].casefold() for i in indexes})
        for key, numbers in {_number_key(lines[i]) for i in indexes}:
            numbered.setdefault(key, []).append((page, numbers))
    majority = len(pages) // 2 + 1
    recurring = {key for key, count in exact.items() if len(pages) >= 3 and count >= majority}
    paged = {
        key for key, seen in numbered.items() if len(pages) >= 3 and len(seen) >= majority and _follows_pages(seen)
    }
    removed = 0
    for lines, indexes in zip(pages, edges):
        drop = {
            i
            for i in indexes
            if lines[i].casefold() in recurring or _number_key(lines[i])[0] in paged or _PAGE_NUMBER.match(lines[i])
        }
        removed += len(drop)
        lines[:] = [line for i, line in enumerate(lines) if i not in drop]
    return removed


def _number_key(line: str) -> tuple[str, tuple[int, ...]]:
    """The line with its numbers replaced by "#", and those numbers."""
    numbers = tuple(int(n) for n in re.findall(r"\d{1,6}", line))
    return re.sub(r"\d{1,6}", "#", line.casefold()), numbers


def _follows_pages(seen: list[tuple[int, tuple[int, ...]]]) -> bool:
    """Whether one of the numbers of a recurring line is the page index plus a constant."""
    width = min(len(numbers) for _, numbers in seen)
    return any(len({numbers[j] - page for page, numbers in seen}) == 1 for j in range(width))


def _edge_indexes(lines: list[str]) -> list[int]:
    filled = [i for i, line in enumerate(lines) if line and len(line) <= FURNITURE_MAX_CHARS]
    return sorted(set(filled[:EDGE_LINES] + filled[-EDGE_LINES:]))


def _heading_levels(pages: list[list[tuple[str, float]]]) -> dict[str, int]:
    """Normalised heading text → level (1–3), from runs set larger than the body text."""
    sizes: Counter[float] = Counter()
    runs: list[tuple[str, float]] = []
    for fragments in pages:
        current, size = "", 0.0
        for text, fragment_size in fragments + [("\n", -1.0)]:
            rounded = round(fragment_size, 1)
            sizes[rounded] += len(text.strip())
            if rounded != size or "\n" in text:
                runs.extend((part, size) for part in current.split("\n"))
                current, size = "", rounded
            current += text
    if not sizes:
        return {}
    body = max(sizes.items(), key=lambda item: item[1])[0]
    large = {
        normalise_line(text): size
        for text, size in runs
        # A big number on a slide ("2050", "30 %") is a figure, not a heading.
        if size >= body * HEADING_SCALE
        and 0 < len(normalise_line(text)) <= 150
        and sum(ch.isalpha() for ch in text) >= 2
    }
    ranks = sorted(set(large.values()), reverse=True)
    return {text: min(3, ranks.index(size) + 1) for text, size in large.items() if text}


def _render_page(lines: list[str], headings: dict[str, int]) -> list[str]:
    rendered = []
    for line in lines:
        if not line:
            continue
        level = headings.get(line)
        rendered.append(f"{'#' * level} {line}" if level else line)
    return rendered


def _full_width(pages: list[list[str]]) -> float:
    """Weight of a full line of body text: the 90th percentile of line weights."""
    weights = sorted(_weight(line) for page in pages for line in page if not line.startswith("#"))
    return weights[int(len(weights) * 0.9)] if weights else 0.0


def _weight(line: str) -> int:
    """Width of a line in Latin characters: a Hangul syllable is about two wide."""
    return len(line) + sum(1 for ch in line if "\uac00" <= ch <= "\ud7a3")


def _rejoin(lines: list[str], full: float) -> list[str]:
    """Rejoin a full-width line with a next line that starts with a capital.

    The chunker already rejoins lines that continue in lower case or in
    Hangul; a capital after a full line ending in a comma or a word is a
    proper noun ("… la ville de\\nTours") that it would take for a new unit.
    """
    joined: list[str] = []
    for line in lines:
        previous = joined[-1] if joined else ""
        if (
            previous
            and full
            and _weight(previous) >= 0.8 * full
            and line[:1].isupper()
            and not previous.startswith("#")
            and not line.startswith("#")
            and not _BULLET.match(line)
            and not previous.endswith(_SENTENCE_END)
        ):
            glue = "" if previous.endswith("-") and previous[-2:-1].isalpha() else " "
            joined[-1] = previous + glue + line
            continue
        joined.append(line)
    return joined
