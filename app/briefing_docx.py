"""The briefing as a Word document (python-docx): A4, Nanum Gothic for Korean, fixed-width tables that wrap."""

from __future__ import annotations

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from app.briefing import (
    KOREAN_FONT,
    LATIN_FONT,
    citation,
    event_line,
    figure_context,
    figure_rows,
    passage_rows,
    speaker_lines,
)
from app.briefing_text import format_figure, label, theme_name

_PAGE_WIDTH_CM = 21.0
_MARGIN_CM = 2.0
_TEXT_WIDTH_CM = _PAGE_WIDTH_CM - 2 * _MARGIN_CM
_CITATION_GREY = RGBColor(0x55, 0x55, 0x55)
_WORKING_COLOUR = RGBColor(0x8A, 0x4B, 0x00)


def briefing_docx(dossiers: list, documents: dict, lang: str):
    """A ``docx.Document`` holding the briefing of ``dossiers`` in ``lang``."""
    document = Document()
    _page_and_fonts(document)
    names = ", ".join(d.entity["labels"][lang] for d in dossiers)
    document.add_heading(f"{label(lang, 'title')}: {names}", level=0)
    for number, dossier in enumerate(dossiers):
        if number:
            document.add_page_break()
        _entity_section(document, dossier, documents, lang)
    return document


def _page_and_fonts(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(_PAGE_WIDTH_CM), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(_MARGIN_CM))
    for style_name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Table Grid"):
        try:
            style = document.styles[style_name]
        except KeyError:
            continue
        style.font.name = LATIN_FONT
        # Without an East Asian font name Word and LibreOffice pick one that may lack Hangul.
        style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), KOREAN_FONT)
    document.styles["Normal"].font.size = Pt(10)


def _entity_section(document, dossier, documents: dict, lang: str) -> None:
    entity = dossier.entity
    document.add_heading(f"{entity['labels'][lang]} ({label(lang, entity['type'])})", level=1)
    document.add_heading(label(lang, "events"), level=2)
    for event in dossier.events:
        document.add_paragraph(event_line(event, documents, lang), style="List Bullet")
    document.add_heading(label(lang, "speakers"), level=2)
    if not dossier.speakers:
        document.add_paragraph(label(lang, "no_speaker"))  # a sentence, not a bullet with nothing in it
    for name, roles, topics in speaker_lines(dossier, lang):
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(name).bold = True
        paragraph.add_run((f" — {roles}" if roles else "") + (f": {topics}" if topics else ""))
    if dossier.themes:
        themes = ", ".join(f"{theme_name(d, lang)} ({n})" for d, n in dossier.themes[:6])
        document.add_paragraph(f"{label(lang, 'themes')}: {themes}")
    document.add_heading(label(lang, "figures"), level=2)
    if dossier.figures:
        _figures_table(document, dossier, lang)
    else:
        document.add_paragraph(label(lang, "no_figures"))
    document.add_heading(label(lang, "passages"), level=2)
    _passages_table(document, dossier, documents, lang)


def _table(document, headers: list[str], widths_cm: list[float]):
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # fixed widths: long words wrap inside the page instead of widening it
    for cell, header, width in zip(table.rows[0].cells, headers, widths_cm):
        cell.width = Cm(width)
        cell.paragraphs[0].add_run(header).bold = True
    return table


def _figures_table(document, dossier, lang: str) -> None:
    widths = [3.6, 5.0, 4.2, 4.2]
    table = _table(
        document, [label(lang, "figure"), label(lang, "measures"), label(lang, "french"), label(lang, "korean")], widths
    )
    for figure, french, korean in figure_rows(dossier):
        cells = table.add_row().cells
        texts = (format_figure(figure, lang), figure_context(figure, lang), french, korean)
        for cell, text, width in zip(cells, texts, widths):
            cell.width = Cm(width)
            cell.paragraphs[0].add_run(text)


def _passages_table(document, dossier, documents: dict, lang: str) -> None:
    half = _TEXT_WIDTH_CM / 2
    table = _table(
        document, [label(lang, "original"), f"{label(lang, 'translation')} ({label(lang, 'working')})"], [half, half]
    )
    for row in passage_rows(dossier):
        left, right = table.add_row().cells
        left.width = right.width = Cm(half)
        _passage_cell(left, row.originals, documents, lang, working=False)
        if row.translations:
            _passage_cell(right, row.translations, documents, lang, working=True)
        else:
            right.paragraphs[0].add_run(label(lang, "no_translation")).italic = True


def _passage_cell(cell, passages: tuple, documents: dict, lang: str, *, working: bool) -> None:
    """Each passage's text with its line breaks, then its citation in small grey type."""
    paragraph = cell.paragraphs[0]
    for number, passage in enumerate(passages):
        if number:
            paragraph = cell.add_paragraph()
        for index, line in enumerate(passage["text"].splitlines()):
            if index:
                paragraph.add_run().add_break()
            paragraph.add_run(line.strip())
        note = cell.add_paragraph()
        run = note.add_run(citation(passage, documents, lang))
        run.font.size, run.font.color.rgb, run.italic = Pt(8), _CITATION_GREY, True
        if working:
            mark = note.add_run(f" — {label(lang, 'working')}")
            mark.font.size, mark.font.color.rgb, mark.bold = Pt(8), _WORKING_COLOUR, True
