"""Word minutes (python-docx): headings as ``#`` lines, paragraphs, list items and readable tables."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from corpus.errors import DocumentError
from corpus.readers.base import Reader, ReadResult, read_bytes

# Built-in heading styles as Word names them in English, French and Korean
# documents; "Title" is the document title, a top-level heading.
_HEADING_STYLE = re.compile(r"^(?:heading|titre|제목)\s*([1-9])$", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(?:title|titre|제목)$", re.IGNORECASE)
_LIST_STYLE = re.compile(r"\b(?:list|liste)\b|목록", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0]+")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class DocxReader(Reader):
    """``.docx``: the body in reading order; headers, footers and comments are left out."""

    extensions = (".docx",)

    def read(self, path: Path) -> ReadResult:
        document = _open(path)
        rendered_breaks = bool(document.element.body.xpath(".//w:lastRenderedPageBreak"))
        body = _read_body(document, rendered_breaks)
        text, starts = _join_blocks(body.blocks)
        pages = _page_starts(body.blocks, starts, body.breaks)
        meta: dict = {}
        notes: list[str] = []
        title = _normalise(document.core_properties.title or "")
        if title:
            meta["title"] = title
            notes.append("title from the document properties")
        elif body.first_heading:
            meta["title"] = body.first_heading
            notes.append("title from the first heading")
        if body.tables:
            notes.append(f"{body.tables} tables rendered one row per line")
        # The XML text is already Unicode: no byte encoding to report (the default).
        if pages:
            source = "Word recorded" if rendered_breaks else "in the text"
            notes.append(f"{len(pages)} pages (from the page breaks {source})")
        return ReadResult(text=text, meta=meta, notes=tuple(notes), pages=pages)


@dataclass(frozen=True, slots=True)
class _Body:
    """The document body as rendered blocks, where pages start in each, its first heading and its table count."""

    blocks: list[str]
    breaks: list[list[int]]
    first_heading: str
    tables: int


def _read_body(document, rendered_breaks: bool) -> _Body:
    """Paragraphs and tables in reading order, rendered; empty ones left out but their page breaks kept."""
    from docx.table import Table

    blocks: list[str] = []
    breaks: list[list[int]] = []  # per block: where in it a new page starts
    pending: list[int] = []  # breaks in empty paragraphs start the next block's page
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
        found = _page_breaks(item._element, rendered_breaks)
        if rendered:
            blocks.append(rendered)
            breaks.append([0] * len(pending) + found)
            pending = []
        else:
            pending += [0] * len(found)
    return _Body(blocks, breaks, first_heading, tables)


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
    text = "\n".join(_normalise(line) for line in _paragraph_text(paragraph).splitlines())
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


def _join_blocks(blocks: list[str]) -> tuple[str, list[int]]:
    """Blank lines between paragraphs; consecutive list items stay one block. Also where each block starts."""
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    for i, block in enumerate(blocks):
        if i:
            both_items = block.startswith("- ") and blocks[i - 1].startswith("- ")
            parts.append("\n" if both_items else "\n\n")
            offset += len(parts[-1])
        starts.append(offset)
        parts.append(block)
        offset += len(block)
    return ("".join(parts) + "\n" if parts else ""), starts


def _paragraph_text(paragraph) -> str:
    """The paragraph's text, a page break inside it read as a line break.

    python-docx reads ``w:br w:type="page"`` as nothing, which glues the last
    word of one page to the first of the next ("page.Troisième").
    """
    element = paragraph._p
    if not element.xpath('./w:r/w:br[@w:type="page"]'):
        return paragraph.text
    characters = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n"}
    return "".join((node.text or "") if node.tag == _W + "t" else characters[node.tag]
                   for node in element.iter(_W + "t", *characters))


def _page_breaks(element, rendered: bool) -> list[int]:
    """Character positions in a block's text where a new page starts.

    Word records where it laid out each page (``w:lastRenderedPageBreak``) when
    it saves; those are used when the document has them, and the explicit
    page breaks (``w:br w:type="page"``, "page break before") otherwise: using
    both would count every explicit break twice. Positions count the raw text
    of the runs, which the rendered block follows closely enough to cite a page.
    """
    positions, length, leading = [], 0, None  # leading: blank characters the rendered block strips
    for node in element.iter():
        tag = node.tag
        if tag == _W + "t":
            text = node.text or ""
            if leading is None and text.strip():
                leading = length + len(text) - len(text.lstrip())
            length += len(text)
        elif tag == _W + "lastRenderedPageBreak" and rendered:
            positions.append(length)
        elif tag == _W + "br" and node.get(_W + "type") == "page":
            length += 1  # read as a line break (``_paragraph_text``); the new page starts after it
            positions.extend(() if rendered else (length,))
        elif tag in (_W + "tab", _W + "br", _W + "cr"):
            length += 1
        elif tag == _W + "pageBreakBefore" and not rendered and node.get(_W + "val") not in ("0", "false"):
            positions.append(0)
    return [max(0, position - (leading or 0)) for position in positions]


def _page_starts(blocks: list[str], starts: list[int], breaks: list[list[int]]) -> tuple[int, ...]:
    """Page start offsets in the document text; empty when the document has no page break."""
    pages = [start + min(position, len(block))
             for block, start, found in zip(blocks, starts, breaks) for position in found]
    return (0, *pages) if pages else ()


def _normalise(text: str) -> str:
    return _SPACES.sub(" ", text).strip()
