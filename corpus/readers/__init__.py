"""Readers by file extension. New formats register here.

Each reader module imports its parsing library (pypdf, python-docx, srt,
webvtt-py, python-pptx, python-hwpx, pytesseract) inside ``read``, so
importing the registry stays instant.
"""

from __future__ import annotations

from pathlib import Path

from corpus.errors import DocumentError
from corpus.readers.base import Reader, ReadResult, decode_text
from corpus.readers.docx import DocxReader
from corpus.readers.frontmatter import FrontMatterReader
from corpus.readers.html import HtmlReader
from corpus.readers.hwp import HwpReader
from corpus.readers.image import ImageReader
from corpus.readers.pdf import PdfReader
from corpus.readers.pptx import PptxReader
from corpus.readers.subtitles import SrtReader, VttReader
from corpus.readers.text import TextReader

# The first reader listing an extension handles it: Markdown goes to the
# front matter reader, which falls back to plain text without a front matter.
READERS: tuple[Reader, ...] = (
    FrontMatterReader(),
    TextReader(),
    PdfReader(),
    DocxReader(),
    SrtReader(),
    VttReader(),
    HtmlReader(),
    PptxReader(),
    HwpReader(),
    ImageReader(),
)


def supported_extensions() -> tuple[str, ...]:
    return tuple(dict.fromkeys(ext for reader in READERS for ext in reader.extensions))


def reader_for(path: Path) -> Reader:
    """The reader for ``path`` by its extension, or a ``DocumentError`` listing the supported ones."""
    suffix = path.suffix.lower()
    for reader in READERS:
        if suffix in reader.extensions:
            return reader
    raise DocumentError(
        path, f"unsupported file type {suffix or '(none)'}: supported are {', '.join(supported_extensions())}"
    )


__all__ = ["READERS", "ReadResult", "Reader", "decode_text", "reader_for", "supported_extensions"]
