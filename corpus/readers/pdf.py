"""PDF reports (pypdf): page text with headings, without running headers, footers or page numbers.

The file is opened (decrypted when an empty password opens it), each page's
text is extracted with its font sizes, scanned pages go to OCR, and the pages
are repaired and joined by ``corpus.readers.pdf_layout``.
"""

from __future__ import annotations

import io
import logging
import math
import re
from contextlib import contextmanager
from pathlib import Path

from corpus.errors import DocumentError
from corpus.readers.base import Reader, ReadResult, read_bytes
from corpus.readers.ocr import ocr_pdf_pages, scanned_pdf_pages
from corpus.readers.pdf_layout import normalise_line, render_pages

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
        text, starts = render_pages(pages, notes)
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
    title = normalise_line(str(title)).removeprefix("Microsoft Word - ").strip()
    return "" if not title or _FILENAME_TITLE.search(title) else title


