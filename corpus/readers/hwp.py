"""Hangul word processor documents, the format of Korean public bodies: HWP 5 and HWPX (python-hwpx).

python-hwpx reads HWPX (a zip of OWPML XML) and converts HWP 5 (an OLE
compound file) into the same document model, in pure Python on every
platform. Outline styles ("개요 1", "Outline 2", "제목 1") become ``#``
headings, tables one row per line (cells joined by " | "), and the
document's own title and author are kept. The library is optional: without
it, each HWP file is skipped with a warning naming the package to install.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from corpus.errors import DocumentError
from corpus.readers.base import Reader, ReadResult, missing_package, read_bytes

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_HWP3_MAGIC = b"HWP Document File V3"
# Style names of headings in Korean, English and the Word-like names some converters write.
_HEADING_STYLE = re.compile(r"^(?:개요|outline|제목|heading)\s*([1-9]|10)$", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:제목|title)$", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
PACKAGE = "python-hwpx"
MAX_HEADING_CHARS = 150


class HwpReader(Reader):
    """``.hwp`` (HWP 5) and ``.hwpx``: paragraphs, headings, tables and document properties."""

    extensions = (".hwp", ".hwpx")

    def read(self, path: Path) -> ReadResult:
        document, conversion = _open(path)
        try:
            blocks, tables, first_heading = _blocks(document)
            metadata = _metadata(document)
        finally:
            document.close()
        notes = list(conversion)
        meta: dict = {}
        if metadata.get("title"):
            meta["title"] = metadata["title"]
            notes.append("title from the document properties")
        elif first_heading:
            meta["title"] = first_heading
            notes.append("title from the first heading")
        if metadata.get("author"):
            meta["author"] = metadata["author"]
        if tables:
            notes.append(f"{tables} tables rendered one row per line")
        text = "\n\n".join(blocks)
        return ReadResult(text=text + "\n" if text else "", meta=meta, notes=tuple(notes))


def _open(path: Path):
    """The python-hwpx document and what its HWP 5 conversion left out, or a ``DocumentError`` saying why."""
    data = read_bytes(path)
    _check_signature(data, path)
    try:
        from hwpx import HwpxDocument
    except ImportError:
        raise missing_package(path, "HWP and HWPX files", PACKAGE) from None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            document = HwpxDocument.open(data)
        except Exception as error:  # noqa: BLE001 - damaged files fail anywhere in OLE, zip or XML parsing
            message = getattr(error, "message", "") or str(error) or type(error).__name__
            raise DocumentError(path, f"corrupt or protected {path.suffix.lstrip('.').upper()} ({message})") from None
    notes = tuple(f"not converted: {warning.message}" for warning in caught if "not converted" in str(warning.message))
    return document, notes


def _check_signature(data: bytes, path: Path) -> None:
    """Name the common wrong files before the library gives a lower-level error."""
    if data.startswith(_HWP3_MAGIC):
        raise DocumentError(path, "HWP 3 document (before 2002): open it in Hangul and save it as HWPX")
    if not (data.startswith(_OLE_MAGIC) or data.startswith(_ZIP_MAGIC)):
        raise DocumentError(path, f"not an HWP or HWPX file (corrupt {path.suffix.lstrip('.').upper()})")


def _blocks(document) -> tuple[list[str], int, str]:
    """Rendered paragraphs and tables in reading order, the number of tables, and the first heading."""
    blocks: list[str] = []
    tables, first_heading = 0, ""
    for paragraph in document.paragraphs:
        text = _normalise(paragraph.text or "")
        if text:
            # A long paragraph in an outline style is body text numbered as an outline item.
            level = _heading_level(document, paragraph) if len(text) <= MAX_HEADING_CHARS else 0
            if level and not first_heading:
                first_heading = text
            blocks.append(f"{'#' * level} {text}" if level else text)
        for table in paragraph.tables:
            rendered = _render_table(table)
            if rendered:
                blocks.append(rendered)
                tables += 1
    return blocks, tables, first_heading


def _heading_level(document, paragraph) -> int:
    """1–3 for a paragraph in an outline or title style, else 0."""
    try:
        style = document.styles.get(paragraph.style_id_ref)
    except Exception:  # noqa: BLE001 - a dangling style reference only loses the heading
        return 0
    names = [getattr(style, "name", "") or "", getattr(style, "eng_name", "") or ""] if style is not None else []
    for name in names:
        numbered = _HEADING_STYLE.match(name.strip())
        if numbered:
            return min(3, int(numbered.group(1)))
        if _TITLE_STYLE.match(name.strip()):
            return 1
    return 0


def _render_table(table) -> str:
    """One line per row, cells joined by " | "; a merged cell is given once."""
    lines = []
    for row in table.rows:
        cells = [" ".join((cell.text or "").split()) for cell in row.cells]
        if any(cells):
            lines.append(" | ".join(cells))
    return "\n".join(lines)


def _metadata(document) -> dict:
    try:
        metadata = document.parts.metadata
    except Exception:  # noqa: BLE001 - broken properties only lose the title
        return {}
    if metadata is None:
        return {}
    return {"title": _normalise(metadata.title or ""), "author": _normalise(metadata.creator or "")}


def _normalise(text: str) -> str:
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.splitlines() if line.strip())
