"""Reader interface: a file on disk → its text and whatever metadata it carries."""

from __future__ import annotations

import codecs
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path

from corpus.errors import DocumentError


@dataclass(frozen=True, slots=True)
class ReadResult:
    """What a reader returns: the document text offsets will point into.

    Args:
        text: the full text of the document.
        encoding: the encoding it was decoded from ("utf-8", "cp949", …).
        meta: metadata found in the file itself (title, speakers, …); transcript
            readers put their cues under "timeline" as (start char, end char,
            start seconds, end seconds).
        notes: things worth telling the user (encoding guessed, pages skipped, …).
        pages: where each page (PDF, DOCX page breaks) or slide starts in ``text``,
            page 1 first; empty when the format has no pages.
        ocr_pages: pages or images whose text came from OCR.
        warnings: problems the user should act on while the rest of the file is
            read (a scanned page left out because Tesseract is missing, …).
    """

    text: str
    encoding: str = "utf-8"
    meta: dict = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    pages: tuple[int, ...] = ()
    ocr_pages: int = 0
    warnings: tuple[str, ...] = ()


class Reader(ABC):
    """One reader per file format; ``extensions`` lists the suffixes it handles."""

    extensions: tuple[str, ...] = ()

    @abstractmethod
    def read(self, path: Path) -> ReadResult:
        """Read ``path``; raise ``DocumentError`` naming the file when it cannot be read."""


# Pages are separated by two empty lines: the page break convention of ``corpus.structure``.
PAGE_SEPARATOR = "\n\n\n"


def join_pages(pages: list[str]) -> tuple[str, tuple[int, ...]]:
    """Page texts → the document text and where each page starts in it.

    Leading and trailing empty lines are dropped, as the chunker would ignore
    them; an empty page keeps its place (its start is where the next one starts).
    """
    text = PAGE_SEPARATOR.join(page.strip("\n") for page in pages)
    starts, offset = [], 0
    for page in pages:
        starts.append(offset)
        offset += len(page.strip("\n")) + len(PAGE_SEPARATOR)
    lead = len(text) - len(text.lstrip("\n"))
    text = text.strip("\n")
    return (text + "\n" if text else ""), tuple(max(0, min(start - lead, len(text))) for start in starts)


def missing_package(path: Path, what: str, package: str) -> DocumentError:
    """The error for a format whose optional library is not installed: names the file and the package."""
    return DocumentError(
        path, f"reading {what} needs the {package} package: pip install {package}", kind="needs a package"
    )


def read_bytes(path: Path) -> bytes:
    """The bytes of a file, with a ``DocumentError`` for every way of failing."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(path, "no such file") from None
    except IsADirectoryError:
        raise DocumentError(path, "is a directory, not a file") from None
    except PermissionError:
        raise DocumentError(path, "permission denied") from None
    except OSError as error:
        raise DocumentError(path, f"cannot be read ({error.strerror or error})") from None


# Encodings the archive's files come in, after UTF-8: Korean partners' CP949/EUC-KR, older French CP1252/Latin-1.
ARCHIVE_ENCODINGS = ("cp949", "euc_kr", "cp1252", "latin_1", "iso8859_15")


def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """Decode document bytes: BOMs and UTF-8 first, then detection (charset-normalizer).

    Korean partners' files are often CP949/EUC-KR and older French ones CP1252,
    which is why plain UTF-8 is not assumed.

    Returns:
        The text (newlines normalised to "\\n") and the name of the encoding used.
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _normalise_newlines(data.decode(encoding, errors="replace")), encoding
    if b"\x00" not in data:
        try:
            return _normalise_newlines(data.decode("utf-8")), "utf-8"
        except UnicodeDecodeError:
            pass
    best = _detected_encoding(data)
    if best is None or best.encoding is None or _looks_binary(str(best)):
        raise DocumentError(path, "not a text file (binary data or unknown encoding)")
    return _normalise_newlines(str(best)), best.encoding


def _detected_encoding(data: bytes):
    """charset-normalizer's best guess (its ``CharsetMatch``), the archive's encodings first among equals; or None."""
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        return None
    # charset-normalizer ranks cp1250 level with cp1252, and first, on French
    # text ("œ" read as "ś"): among equally good guesses prefer the archive's own.
    return next(
        (
            match
            for match in results
            if match.encoding in ARCHIVE_ENCODINGS and match.chaos <= best.chaos and match.coherence >= best.coherence
        ),
        best,
    )


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls > max(8, len(text[:4096]) // 50)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
