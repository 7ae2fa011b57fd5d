"""Glossary notes in French, Korean and English: in the Terminology tab's language and in every export."""

from __future__ import annotations

import csv
import io
from xml.etree import ElementTree as ET

from openpyxl import load_workbook

from app.cli import main
from app.terms_html import terms_html
from search.glossary import read_glossary
from search.terms import TBX_NAMESPACE, XML_LANG, lookup_terms

ENTRY = "transition écologique"  # its note is written in all three languages in the bundled glossary


def _bundled(key: str):
    return next(entry for entry in read_glossary() if entry.key == key)


def test_terms_tab_shows_note_and_domain_in_the_interface_language(engine):
    entry = _bundled(ENTRY)
    assert len({entry.note("fr"), entry.note("ko"), entry.note("en")}) == 3
    lookup = lookup_terms(engine, ENTRY)
    for ui in ("fr", "ko", "en"):
        page = terms_html(lookup, ui)
        others = [lang for lang in ("fr", "ko", "en") if lang != ui]
        assert entry.domain_label(ui) in page
        assert _escaped(entry.note(ui)) in page
        assert not any(_escaped(entry.note(other)) in page for other in others)


def _escaped(text: str) -> str:
    from html import escape

    return escape(text)


def _export(isolated_env, bundled_index, fmt: str):
    target = isolated_env / f"glossaire.{fmt}"
    assert main(["terms", "--export", fmt, "-o", str(target), "--index-dir", str(bundled_index)]) == 0
    return target


def test_csv_and_xlsx_exports_carry_the_note_in_each_language(isolated_env, bundled_index):
    entry = _bundled(ENTRY)
    text = _export(isolated_env, bundled_index, "csv").read_text(encoding="utf-8-sig")
    row = next(r for r in csv.DictReader(io.StringIO(text), delimiter=";") if r["fr"].split(" | ")[0] == ENTRY)
    assert [row["note_fr"], row["note_ko"], row["note_en"]] == [entry.note("fr"), entry.note("ko"), entry.note("en")]
    sheet = load_workbook(_export(isolated_env, bundled_index, "xlsx")).active
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, values)) for values in sheet.iter_rows(min_row=2, values_only=True)]
    cells = next(r for r in rows if r["fr"].split(" | ")[0] == ENTRY)
    assert [cells["note_fr"], cells["note_ko"], cells["note_en"]] == [entry.note(lang) for lang in ("fr", "ko", "en")]


def test_tbx_export_has_a_note_in_each_language_section(isolated_env, bundled_index):
    entry = _bundled(ENTRY)
    root = ET.parse(_export(isolated_env, bundled_index, "tbx")).getroot()
    q = lambda tag: f"{{{TBX_NAMESPACE}}}{tag}"  # noqa: E731
    concept = next(c for c in root.iter(q("conceptEntry")) if c.find(f".//{q('term')}").text == ENTRY)
    notes = {section.get(XML_LANG): section.find(q("note")).text for section in concept.iter(q("langSec"))}
    assert notes == {lang: entry.note(lang) for lang in ("fr", "ko", "en")}
