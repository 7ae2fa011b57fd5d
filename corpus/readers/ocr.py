"""OCR of scanned pages and images: Tesseract with its Korean and French models (pytesseract).

Tesseract is a program, not a Python package: without it (or without its
Korean and French models) a scanned file is skipped with one warning that
names the file and what to install; every other file is still indexed.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from corpus.errors import DocumentError

# The archive mixes Korean and French pages; Korean first, as most scans come from Korean partners.
LANGUAGES = ("kor", "fra")
# Tesseract's automatic page segmentation (mode 3) loses most Korean lines of a plain
# report page (character accuracy 0.1–0.4 on pages rendered by the tests, against
# 0.96–1.0 with mode 4, "a single column of text of variable sizes").
PAGE_SEGMENTATION = 4
# Scans are rendered at the resolution Tesseract is trained for.
RENDER_DPI = 300
# A page counts as text when OCR reads at least this many words it is confident about:
# a photograph gives a few low-confidence fragments, which are not worth indexing.
MIN_CONFIDENT_WORDS = 3
CONFIDENT = 60
INSTALL_HINT = (
    "install Tesseract with its Korean and French models (Debian/Ubuntu: apt install tesseract-ocr "
    "tesseract-ocr-kor tesseract-ocr-fra; macOS: brew install tesseract tesseract-lang) and pytesseract "
    "(pip install pytesseract)"
)
_SPACES = re.compile(r"[ \t\u00a0]+")


@dataclass(frozen=True, slots=True)
class OcrSetup:
    """The Tesseract language string to use, and what is missing from the ideal setup."""

    languages: str
    missing: tuple[str, ...] = ()

    def warning(self) -> str:
        """One line about missing models, or ""."""
        if not self.missing:
            return ""
        packages = " ".join(f"tesseract-ocr-{code}" for code in self.missing)
        return f"OCR without the {', '.join(self.missing)} model (install {packages}): text in that language is misread"


def ocr_setup(path: Path) -> OcrSetup:
    """Tesseract's languages for ``path``, or a ``DocumentError`` naming the file and what to install."""
    setup = _setup()
    if setup is None:
        raise DocumentError(path, f"scanned pages need OCR: {INSTALL_HINT}", kind="needs a package")
    return setup


@lru_cache(maxsize=1)
def _setup() -> OcrSetup | None:
    """Checked once per process: the binding, the binary and its language models."""
    try:
        import pytesseract
    except ImportError:
        return None
    try:
        installed = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractNotFoundError, OSError, RuntimeError):
        return None
    present = [code for code in LANGUAGES if code in installed]
    if not present:
        return None
    return OcrSetup("+".join(present), tuple(code for code in LANGUAGES if code not in installed))


def ocr_page(image, setup: OcrSetup) -> str:
    """The text Tesseract reads on one page image, or "" when it finds no confident text.

    Returns:
        Lines with normalised spaces; paragraphs separated by one empty line.
    """
    from pytesseract.pytesseract import run_tesseract

    # Tesseract's OpenMP threads only contend on a small shared machine: one page at a time is faster.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    with tempfile.TemporaryDirectory(prefix="seminar-ocr-") as folder:
        source, base = Path(folder) / "page.png", Path(folder) / "page"
        _prepared(image).save(source)
        # One run writes both the text and the word table with confidences (pytesseract's
        # own multi-output call takes no page segmentation mode).
        run_tesseract(str(source), str(base), extension="txt tsv", lang=setup.languages,
                      config=f"--psm {PAGE_SEGMENTATION} -c tessedit_create_tsv=1")
        text = base.with_suffix(".txt").read_text(encoding="utf-8", errors="replace")
        table = base.with_suffix(".tsv").read_text(encoding="utf-8", errors="replace")
    if _confident_words(table) < MIN_CONFIDENT_WORDS:
        return ""
    return _tidy(text)


def _prepared(image):
    """A greyscale image on white: transparency flattened, palettes and CMYK converted."""
    from PIL import Image

    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(flat, rgba)
    return image if image.mode in ("L", "1") else image.convert("L")


def _confident_words(tsv: str) -> int:
    """Words Tesseract is confident about, from its TSV output (conf is column 11, text column 12)."""
    count = 0
    for row in tsv.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) >= 12 and fields[11].strip():
            try:
                count += float(fields[10]) >= CONFIDENT
            except ValueError:
                continue
    return count


def _tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\f", "\n").splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


# A PDF page whose text layer has fewer characters than this, and that holds an image, is a scan.
MIN_TEXT_LAYER_CHARS = 20


def scanned_pdf_pages(data: bytes, texts: list[str]) -> list[int]:
    """Indexes of the pages of a PDF to OCR: next to no text layer, and an image on the page.

    A title slide with one word and no picture is not a scan; without pypdfium2
    to look for images, pages with no text at all are taken for scans.
    """
    candidates = [i for i, text in enumerate(texts) if len("".join(text.split())) < MIN_TEXT_LAYER_CHARS]
    if not candidates:
        return []
    try:
        import pypdfium2
        import pypdfium2.raw as pdfium_c
    except ImportError:
        return [i for i in candidates if not texts[i].strip()]
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return [i for i in candidates if not texts[i].strip()]
    try:
        images = (pdfium_c.FPDF_PAGEOBJ_IMAGE,)
        return [i for i in candidates if any(True for _ in document[i].get_objects(filter=images))]
    finally:
        document.close()


def ocr_pdf_pages(data: bytes, indexes: list[int], path: Path) -> dict[int, str]:
    """OCR text of the given pages of a PDF, rendered by PDFium (pypdfium2) at ``RENDER_DPI``.

    Raises:
        DocumentError: Tesseract or pypdfium2 is missing (naming what to install), or PDFium cannot open the file.
    """
    setup = ocr_setup(path)
    try:
        import pypdfium2
    except ImportError:
        raise DocumentError(path, "scanned pages need pypdfium2 to be rendered: pip install pypdfium2",
                            kind="needs a package") from None
    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        raise DocumentError(path, f"scanned pages cannot be rendered ({error})") from None
    try:
        return {i: ocr_page(document[i].render(scale=RENDER_DPI / 72).to_pil(), setup) for i in indexes}
    finally:
        document.close()
