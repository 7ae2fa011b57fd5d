"""Slide decks (python-pptx): one page per slide, its title a section, its speaker notes kept as notes.

Each slide is rendered as a ``#`` title line, then the text of its shapes in
reading order (top to bottom, left to right; tables one row per line), then,
when the slide has speaker notes, a ``### Notes`` (``### 발표자 노트``) heading
and the notes: the chunker gives them their own passages, in the section
"Title › Notes", so a result says it comes from what the speaker said.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from corpus.errors import DocumentError
from corpus.language import hangul_ratio
from corpus.readers.base import Reader, ReadResult, join_pages, read_bytes

_SPACES = re.compile(r"[ \t\u00a0\u000b]+")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
NOTES_LABELS = {"ko": "발표자 노트", "default": "Notes"}
# The title PowerPoint gives every new deck says nothing about this one.
_DEFAULT_TITLE = re.compile(r"^(?:powerpoint presentation|présentation powerpoint|powerpoint 프레젠테이션)$",
                            re.IGNORECASE)


class PptxReader(Reader):
    """``.pptx``: slide titles, text boxes, tables and speaker notes."""

    extensions = (".pptx",)

    def read(self, path: Path) -> ReadResult:
        presentation = _open(path)
        slides = [(_render_slide(slide), _notes(slide)) for slide in presentation.slides]
        pages = [body + (f"\n\n### {_notes_label(notes)}\n{notes}" if notes else "") for body, notes in slides]
        text, starts = join_pages(pages)
        meta: dict = {}
        remarks = [f"{len(pages)} slides"]
        properties = presentation.core_properties
        title = _normalise(properties.title or "")
        title = "" if _DEFAULT_TITLE.match(title) else title
        first_title = next((line[2:] for page in pages for line in page.splitlines()[:1] if line.startswith("# ")), "")
        if title:
            meta["title"] = title
            remarks.append("title from the presentation properties")
        elif first_title:
            meta["title"] = first_title
            remarks.append("title from the first slide")
        if _normalise(properties.author or ""):
            meta["author"] = _normalise(properties.author)
        with_notes = sum(bool(slide_notes) for _, slide_notes in slides)
        if with_notes:
            remarks.append(f"speaker notes kept for {with_notes} slides")
        return ReadResult(text=text, meta=meta, notes=tuple(remarks), pages=starts)


def _open(path: Path):
    import pptx

    data = read_bytes(path)
    if data.startswith(_OLE_MAGIC):
        raise DocumentError(path, "password-protected or legacy PowerPoint (.ppt) file: "
                                  "save it as an unprotected .pptx")
    try:
        return pptx.Presentation(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - a damaged package can fail anywhere in zip or XML parsing
        raise DocumentError(path, f"corrupt PPTX ({type(error).__name__}: {error})") from None


def _render_slide(slide) -> str:
    """Title line and body blocks of one slide."""
    title_shape = slide.shapes.title
    titled = title_shape is not None and title_shape.has_text_frame
    title = " ".join(title_shape.text_frame.text.split()) if titled else ""
    blocks = [f"# {title}"] if title else []
    shapes = [shape for shape in slide.shapes if title_shape is None or shape.shape_id != title_shape.shape_id]
    blocks.extend(block for shape in _reading_order(shapes) for block in _shape_blocks(shape) if block)
    return "\n\n".join(blocks)


def _notes_label(notes: str) -> str:
    return NOTES_LABELS["ko"] if hangul_ratio(notes) > 0.3 else NOTES_LABELS["default"]


def _reading_order(shapes) -> list:
    # Placeholders without a position inherit it from the layout; python-pptx gives None, read them first.
    return sorted(shapes, key=lambda shape: (shape.top or 0, shape.left or 0))


def _shape_blocks(shape) -> list[str]:
    """Text of a shape: paragraphs of a text frame, table rows, the shapes of a group."""
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
        return [block for inner in _reading_order(shape.shapes) for block in _shape_blocks(inner)]
    if getattr(shape, "has_table", False) and shape.has_table:
        # A merged cell is given once: python-pptx repeats it as "spanned" cells.
        rows = [" | ".join(" ".join(cell.text.split()) for cell in row.cells if not cell.is_spanned)
                for row in shape.table.rows]
        return ["\n".join(row for row in rows if row.strip(" |"))]
    if not shape.has_text_frame:
        return []
    lines = [_normalise(paragraph.text) for paragraph in shape.text_frame.paragraphs]
    return ["\n".join(line for line in lines if line)]


def _notes(slide) -> str:
    if not slide.has_notes_slide:
        return ""
    frame = slide.notes_slide.notes_text_frame
    if frame is None:
        return ""
    return "\n".join(line for line in (_normalise(p.text) for p in frame.paragraphs) if line)


def _normalise(text: str) -> str:
    return _SPACES.sub(" ", text).strip()
