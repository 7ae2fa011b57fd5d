"""PDF reports (pypdf): page text with headings, without running headers, footers or page numbers.

What pypdf gives back needs some repair before the chunker sees it:

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

import io
import logging
import math
import re
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from corpus.errors import DocumentError
from corpus.readers.base import Reader, ReadResult, join_pages, read_bytes
from corpus.readers.ocr import ocr_pdf_pages, scanned_pdf_pages

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
_FILENAME_TITLE = re.compile(
    r"\.(?:docx?|pdf|pptx?|odt|indd|xlsx?)$|^(?:untitled|sans titre|제목 없음)$", re.IGNORECASE
)


class PdfReader(Reader):
    """``.pdf``: the text layer of every page, cleaned for chunking."""

    extensions = (".pdf",)

    def read(self, path: Path) -> ReadResult:
        notes: list[str] = []
        data = read_bytes(path)
        with _pypdf_warnings() as warnings:
            pdf = _open(data, path, notes)
            pages = _extract_pages(pdf, path, notes)
            title = _metadata_title(pdf)
        if warnings:
            notes.append(f"repaired while reading: {'; '.join(sorted(set(warnings))[:3])}")
        ocr_pages, problems = _ocr_scanned(data, pages, path, notes)
        text, starts = _render(pages, notes)
        if not text.strip():
            found = "OCR found no text on its scanned pages" if ocr_pages else "no scanned image on its pages"
            raise DocumentError(path, f"PDF has no text layer and {found}", kind="no text")
        meta: dict = {}
        first_heading = re.search(r"^#{1,3} (.+)$", text, re.MULTILINE)
        if title:
            meta["title"] = title
            notes.append("title from the PDF metadata")
        elif first_heading:
            meta["title"] = first_heading.group(1).strip()
            notes.append("title from the first heading")
        notes.insert(0, f"{len(pages)} pages")
        # Extracted text is already Unicode: no byte encoding to report (the default).
        return ReadResult(
            text=text, meta=meta, notes=tuple(notes), pages=starts, ocr_pages=ocr_pages, warnings=problems
        )


def _ocr_scanned(data: bytes, pages: list, path: Path, notes: list[str]) -> tuple[int, tuple[str, ...]]:
    """Replace the text of scanned pages by their OCR, in place.

    Returns:
        The number of pages OCRed, and a warning when some scanned pages could
        not be (Tesseract missing) while others have text.

    Raises:
        DocumentError: every page is a scan and OCR is not available.
    """
    scanned = scanned_pdf_pages(data, [text for text, _ in pages])
    if not scanned:
        return 0, ()
    try:
        texts = ocr_pdf_pages(data, scanned, path)
    except DocumentError as error:
        if len(scanned) == len(pages) or not any(text.strip() for text, _ in pages):
            raise
        numbers = ", ".join(str(i + 1) for i in scanned)
        return 0, (f"scanned pages {numbers} left out: {error.reason}",)
    for i, text in texts.items():
        if len(text) > len(pages[i][0].strip()):
            pages[i] = (text, [])
    notes.append(f"{len(scanned)} scanned pages read by OCR")
    return len(scanned), ()


def _render(pages: list[tuple[str, list[tuple[str, float]]]], notes: list[str]) -> tuple[str, tuple[int, ...]]:
    """Page texts → the document text (furniture dropped, headings marked, wrapped lines rejoined) and page starts."""
    lines_by_page = [[_normalise(line) for line in text.splitlines()] for text, _ in pages]
    dropped = _drop_page_furniture(lines_by_page)
    if dropped:
        notes.append(f"dropped {dropped} running header, footer or page number lines")
    headings = _heading_levels([fragments for _, fragments in pages])
    rendered = [_render_page(lines, headings) for lines in lines_by_page]
    full = _full_width(rendered)
    return join_pages(["\n".join(_rejoin(page, full)) for page in rendered])


@contextmanager
def _pypdf_warnings():
    """Collect pypdf's log warnings ("EOF marker not found", …) instead of printing them."""
    messages: list[str] = []

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage().strip())

    logger = logging.getLogger("pypdf")
    handler, propagate = _Collect(logging.WARNING), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _open(data: bytes, path: Path, notes: list[str]):
    """A pypdf reader, decrypted when an empty password opens it."""
    import pypdf
    from pypdf.errors import DependencyError

    if b"%PDF" not in data[:1024]:
        raise DocumentError(path, "corrupt PDF (no PDF header: not a PDF file)")
    try:
        pdf = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if pdf.is_encrypted:
            try:
                opened = pdf.decrypt("")
            except DependencyError:
                raise DocumentError(
                    path, "encrypted PDF (its AES encryption needs the 'cryptography' package)"
                ) from None
            if opened == pypdf.PasswordType.NOT_DECRYPTED:
                raise DocumentError(path, "encrypted PDF (a password is required: save an unprotected copy)")
            notes.append("encrypted PDF opened with an empty password")
        len(pdf.pages)  # the page tree is where truncated files fail
    except DocumentError:
        raise
    except Exception as error:  # noqa: BLE001 - a damaged file can make pypdf raise anything
        raise DocumentError(path, f"corrupt PDF ({type(error).__name__}: {error})") from None
    return pdf


def _extract_pages(pdf, path: Path, notes: list[str]) -> list[tuple[str, list[tuple[str, float]]]]:
    """Text of each page and its (fragment, font size) runs; an unreadable page is skipped with a note."""
    pages = []
    failed = []
    for number, page in enumerate(pdf.pages, start=1):
        fragments: list[tuple[str, float]] = []

        def visit(text, cm, tm, _font, size, fragments=fragments):
            if text:
                fragments.append((text, size * _scale(tm) * _scale(cm)))

        try:
            pages.append((page.extract_text(visitor_text=visit) or "", fragments))
        except Exception:  # noqa: BLE001 - one damaged page must not lose the others
            failed.append(number)
            pages.append(("", []))
    if not pages or len(failed) == len(pages):
        raise DocumentError(path, "corrupt PDF (no readable page)")
    if failed:
        notes.append(f"unreadable pages skipped: {', '.join(map(str, failed))}")
    return pages


def _scale(matrix) -> float:
    """Vertical scale of a PDF transformation matrix (a font set at 1 pt and scaled by Tm is common)."""
    try:
        return math.hypot(float(matrix[2]), float(matrix[3])) or 1.0
    except (TypeError, ValueError, IndexError):
        return 1.0


def _metadata_title(pdf) -> str:
    """The document title from the PDF metadata, unless it is empty or a file name."""
    try:
        title = (pdf.metadata or {}).get("/Title") or ""
    except Exception:  # noqa: BLE001 - broken metadata only loses the title
        return ""
    title = _normalise(str(title)).removeprefix("Microsoft Word - ").strip()
    return "" if not title or _FILENAME_TITLE.search(title) else title


def _normalise(line: str) -> str:
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
        _normalise(text): size
        for text, size in runs
        # A big number on a slide ("2050", "30 %") is a figure, not a heading.
        if size >= body * HEADING_SCALE and 0 < len(_normalise(text)) <= 150 and sum(ch.isalpha() for ch in text) >= 2
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
