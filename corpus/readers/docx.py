"""Word minutes (python-docx): headings as ``#`` lines, paragraphs, list items and readable tables."""

from __future__ import annotations

import io
import re
from pathlib import Path

from corpus.errors import DocumentError
from corpus.readers.base import ReadResult, Reader, read_bytes

# Built-in heading styles as Word names them in English, French and Korean
# documents; "Title" is the document title, a top-level heading.
_HEADING_STYLE = re.compile(r"^(?:heading|titre|제목)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:title|titre|제목)$", re.IGNORECASE)
_LIST_STYLE = re.compile(r"\b(?:list|liste)\b|목록", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0]+")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class DocxReader(Reader):
    """``.docx``: the body in reading order; headers, footers and comments are left out."""

    extensions = (".docx",)

    def read(self, path: Path) -> ReadResult:
        from docx.table import Table

        document = _open(path)
        blocks: list[str] = []
        first_heading = ""
        tables = 0
        for item in document.iter_inner_content():
            if isinstance(item, Table):
                rendered = _render_table(item)
                tables += bool(rendered)
            else:
                rendered = _render_paragraph(item)
                if rendered.startswith("#") and not first_heading:
                    first_heading = rendered.lstrip("#").strip()
            if rendered:
                blocks.append(rendered)
        text = _join_blocks(blocks)
        meta: dict = {}
        notes: list[str] = []
        title = _normalise(document.core_properties.title or "")
        if title:
            meta["title"] = title
            notes.append("title from the document properties")
        elif first_heading:
            meta["title"] = first_heading
            notes.append("title from the first heading")
        if tables:
            notes.append(f"{tables} tables rendered one row per line")
        # The XML text is already Unicode: no byte encoding to report (the default).
        return ReadResult(text=text, meta=meta, notes=tuple(notes))


def _open(path: Path):
    """A python-docx document, or a ``DocumentError`` saying why the file is not one."""
    import docx

    data = read_bytes(path)  # missing and unreadable files get the same messages as other formats
    if data.startswith(_OLE_MAGIC):
        raise DocumentError(path, "password-protected or legacy Word (.doc) file: save it as an unprotected .docx")
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - a damaged package can fail anywhere in zip or XML parsing
        raise DocumentError(path, f"corrupt DOCX ({type(error).__name__}: {error})") from None


def _heading_level(paragraph) -> int:
    """1–3 for a heading paragraph (by its style or a style it is based on), else 0."""
    style = paragraph.style
    for _ in range(5):  # custom styles are based on built-in ones; the chain is short
        if style is None:
            break
        name = (style.name or "").strip()
        numbered = _HEADING_STYLE.match(name)
        if numbered:
            return min(3, int(numbered.group(1)))
        if _TITLE_STYLE.match(name):
            return 1
        style = style.base_style
    return 0


def _is_list_item(paragraph) -> bool:
    properties = paragraph._p.pPr
    if properties is not None and properties.numPr is not None:
        return True
    return bool(paragraph.style is not None and _LIST_STYLE.search(paragraph.style.name or ""))


def _render_paragraph(paragraph) -> str:
    text = "\n".join(_normalise(line) for line in paragraph.text.splitlines())
    text = text.strip()
    if not text:
        return ""
    level = _heading_level(paragraph)
    if level:
        return f"{'#' * level} {' '.join(text.split())}"
    if _is_list_item(paragraph):
        return f"- {text}"
    return text


def _render_table(table) -> str:
    """One line per row, cells joined by " | "; a merged cell is given once."""
    lines = []
    for row in table.rows:
        cells, previous = [], None
        for cell in row.cells:
            if cell._tc is previous:  # python-docx repeats a horizontally merged cell
                continue
            previous = cell._tc
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            lines.append(" | ".join(cells))
    return "\n".join(lines)


def _join_blocks(blocks: list[str]) -> str:
    """Blank lines between paragraphs; consecutive list items stay one block."""
    parts: list[str] = []
    for i, block in enumerate(blocks):
        if i:
            both_items = block.startswith("- ") and blocks[i - 1].startswith("- ")
            parts.append("\n" if both_items else "\n\n")
        parts.append(block)
    return "".join(parts) + "\n" if parts else ""


def _normalise(text: str) -> str:
    return _SPACES.sub(" ", text).strip()
