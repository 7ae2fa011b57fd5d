"""Concordance for interpreters: verbatim sentence-level lines with their aligned sentence (issue 9 item 6)."""

from __future__ import annotations

import csv
import io
import re
from xml.etree import ElementTree as ET

import pytest

from app.cli import main
from search.concordance import Span, cut, sentence_around
from search.terms import (
    CONTEXT_SEPARATOR,
    EXPORT_CONTEXTS,
    GLOSSARY_COLUMNS,
    TBX_NAMESPACE,
    XML_LANG,
    export_glossary,
    export_glossary_bytes,
    glossary_rows,
    lookup_terms,
)

SOURCE = re.compile(r"^(fr|ko): (.+)#(\d+)-(\d+)$")


def test_sentence_and_cut_stay_inside_the_source_at_word_boundaries():
    text = "Intro.\n- Première phrase sur le recyclage des déchets ménagers. Deuxième phrase.\n"
    hit = Span(text.index("recyclage"), text.index("recyclage") + len("recyclage"))
    sentence = sentence_around(text, hit, 0, len(text))
    assert text[sentence.start : sentence.end] == "Première phrase sur le recyclage des déchets ménagers."
    left, term, right = cut(text, hit, sentence, width=12)
    assert left + term + right in text and term == "recyclage"
    assert left == "sur le " and right == " des déchets"  # cut at spaces, never inside a word


def test_lines_are_verbatim_sentences_and_korean_keeps_its_particles(engine):
    entry = lookup_terms(engine, "재활용").entries[0]
    for line in entry.attestations:
        document = engine.data.documents[line.doc].text
        assert document[line.start : line.end] == line.context
        assert "\n\n" not in line.context  # one sentence: a single break only where the source hard-wraps it
    korean = [line for line in entry.attestations if line.lang == "ko"]
    assert any(line.right.startswith(("의", "을", "하", "할", "품")) for line in korean)  # "재활용의": no space added


def test_french_line_comes_with_the_aligned_korean_sentence_holding_the_equivalent(engine):
    entry = lookup_terms(engine, "hydrogène").entries[0]
    french = [line for line in entry.attestations if line.lang == "fr"]
    with_korean = [line for line in french if line.aligned_context]
    assert len(with_korean) >= len(french) // 2
    for line in with_korean:
        assert line.aligned_lang == "ko" and any(term in line.aligned_context for term in entry.entry.ko)
        assert line.aligned_context in engine.data.documents[line.aligned_doc].text


def test_terms_command_prints_the_term_without_inserted_spaces(isolated_env, bundled_index, capsys):
    assert main(["terms", "재활용", "--index-dir", str(bundled_index)]) == 0
    out = capsys.readouterr().out
    assert re.search(r"\[\[재활용\]\][의을하할품]", out)
    assert "[[재활용]] 의" not in out and "↳ ko:" in out


@pytest.fixture(scope="module")
def rows(engine):
    return glossary_rows(engine)


def test_exports_carry_up_to_three_contexts_per_language(rows):
    assert all(len(lines) <= EXPORT_CONTEXTS for row in rows for lines in row.contexts.values())
    assert any(len(row.contexts.get("fr", [])) == EXPORT_CONTEXTS for row in rows)


def _check_cells(engine, contexts_fr: str, contexts_ko: str, sources: str) -> int:
    """Every context of a row is a substring of the document its source line names, at those offsets."""
    contexts = [c for cell in (contexts_fr, contexts_ko) for c in cell.split(CONTEXT_SEPARATOR) if c]
    lines = [SOURCE.match(s) for s in sources.split("\n") if s]
    assert len(contexts) == len(lines)
    for context, source in zip(contexts, lines):
        document = engine.data.documents[source.group(2)].text
        assert context in document and document[int(source.group(3)) : int(source.group(4))] == context
    return len(contexts)


def test_every_csv_context_is_a_substring_of_its_document(engine):
    raw = export_glossary_bytes(engine, "csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert tuple(table[0]) == GLOSSARY_COLUMNS
    assert GLOSSARY_COLUMNS[4:7] == ("note_fr", "note_ko", "note_en")
    assert sum(_check_cells(engine, r["context_fr"], r["context_ko"], r["source"]) for r in table) > 500


def test_every_xlsx_context_is_a_substring_of_its_document(engine):
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(export_glossary_bytes(engine, "xlsx"))).active
    header = [c.value for c in sheet[1]]
    assert header == list(GLOSSARY_COLUMNS)
    total = 0
    for values in sheet.iter_rows(min_row=2, values_only=True):
        row = dict(zip(header, values))
        total += _check_cells(engine, row["context_fr"] or "", row["context_ko"] or "", row["source"] or "")
    assert total > 500 and sheet.max_row == len(engine.glossary) + 1


def test_every_tbx_context_is_a_substring_of_its_document(engine):
    root = ET.fromstring(export_glossary(engine, "tbx").encode("utf-8"))
    ns = {"t": TBX_NAMESPACE}
    checked = 0
    for term_section in root.iter(f"{{{TBX_NAMESPACE}}}termSec"):
        contexts = [d.text for d in term_section.findall("t:descrip[@type='context']", ns)]
        sources = [a.text for a in term_section.findall("t:admin[@type='source']", ns)]
        assert len(contexts) == len(sources) <= EXPORT_CONTEXTS
        for context, source in zip(contexts, sources):
            doc, offsets = source.rsplit("#", 1)
            start, end = map(int, offsets.split("-"))
            assert engine.data.documents[doc].text[start:end] == context
            checked += 1
    assert checked > 500
    assert {s.get(XML_LANG) for s in root.iter(f"{{{TBX_NAMESPACE}}}langSec")} == {"fr", "ko", "en"}
