"""Exports people open: CSV that French-locale Excel splits into columns, XLSX of results and glossary (issue 9, 7)."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from app.cli import main
from app.export import CSV_COLUMNS, export_bytes, results_to_xlsx
from search.terms import GLOSSARY_COLUMNS


def test_results_csv_has_a_bom_and_semicolons_and_reads_back(engine):
    response = engine.search("gestion des déchets", k=5)
    raw = export_bytes(response, "csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert csv.Sniffer().sniff(text.splitlines()[0]).delimiter == ";"
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == len(response.results)
    assert [row["id"] for row in rows] == [r.id for r in response.results]
    assert rows[0]["original"] == "yes" and rows[0]["pair"] == response.results[0].pair


def test_results_xlsx_reads_back_and_never_holds_a_formula(engine):
    response = engine.search("재활용", lang="fr", k=4).to_dict()
    response["results"][0]["text"] = '=HYPERLINK("http://evil.example","x")'
    sheet = load_workbook(io.BytesIO(results_to_xlsx(response))).active
    assert tuple(c.value for c in sheet[1]) == CSV_COLUMNS
    assert sheet.max_row == 1 + len(response["results"])
    cell = sheet.cell(row=2, column=CSV_COLUMNS.index("text") + 1)
    assert cell.value == '=HYPERLINK("http://evil.example","x")' and cell.data_type == "s"
    korean = sheet.cell(row=2, column=CSV_COLUMNS.index("aligned_text") + 1).value
    assert any("\uac00" <= ch <= "\ud7a3" for ch in korean)


def test_cli_exports_the_glossary_as_xlsx(isolated_env, bundled_index, capsys):
    target = isolated_env / "glossaire.xlsx"
    assert main(["terms", "--export", "xlsx", "-o", str(target), "--index-dir", str(bundled_index)]) == 0
    sheet = load_workbook(target).active
    header = [c.value for c in sheet[1]]
    assert header == list(GLOSSARY_COLUMNS)
    assert header[4:7] == ["note_fr", "note_ko", "note_en"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    hydrogen = rows["hydrogène"]
    assert hydrogen[1] == "수소" and "hydrogène" in hydrogen[7] and "수소" in hydrogen[8]


def test_cli_refuses_an_xlsx_export_to_the_terminal(isolated_env, bundled_index, capsys):
    assert main(["terms", "--export", "xlsx", "--index-dir", str(bundled_index)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "-o FILE.xlsx" in err


def test_cli_csv_export_is_what_excel_splits(isolated_env, bundled_index):
    target = isolated_env / "glossaire.csv"
    assert main(["terms", "--export", "csv", "-o", str(target), "--index-dir", str(bundled_index)]) == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = raw.decode("utf-8-sig").splitlines()[0]
    assert header == "fr;ko;en;domain;note_fr;note_ko;note_en;context_fr;context_ko;source"
