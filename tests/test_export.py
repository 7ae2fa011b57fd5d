"""Search results exported as CSV, JSON and a Markdown briefing (search/export.py)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from app.export import (
    CSV_COLUMNS,
    EXPORT_FORMATS,
    export_bytes,
    export_results,
    results_to_csv,
    results_to_json,
    results_to_markdown,
    write_export,
)
from corpus.chunk import DocumentMeta
from corpus.errors import InvalidOptionError
from search.engine import SearchResponse, SearchResult

FR_TEXT = (
    "Investissement dans le recyclage des déchets, la recherche et le développement :\nFavoriser l'éco-conception."
)
KO_TEXT = "- 폐기물 재활용 및 연구개발에 대한 투자\n- 친환경 설계 장려"
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _response(*, results=None) -> SearchResponse:
    french = SearchResult(
        rank=1,
        score=0.045485,
        id="tours#0014",
        doc="tours",
        title="La transition écologique des territoires",
        date="2021-10",
        lang="fr",
        section="INTERVENTIONS DE CADRAGE",
        speaker="Jae Hyun Lee",
        text=FR_TEXT,
        start=5711,
        end=5820,
        translated=False,
        matched=("recyclage",),
        aligned=(
            {
                "id": "tours.ko#0010",
                "doc": "tours.ko",
                "lang": "ko",
                "section": "기조 발표",
                "text": KO_TEXT,
                "translated": True,
                "start": 2483,
                "end": 2520,
            },
        ),
    )
    korean = SearchResult(
        rank=2,
        score=0.0328,
        id="tours.ko#0010",
        doc="tours.ko",
        title="지역의 생태 전환 (작업 번역)",
        date="2021-10",
        lang="ko",
        section="기조 발표",
        speaker="이재현(Jae Hyun LEE)",
        text=KO_TEXT,
        start=2483,
        end=2520,
        translated=True,
        matched=("재활용",),
        aligned=(
            {
                "id": "tours#0014",
                "doc": "tours",
                "lang": "fr",
                "section": "INTERVENTIONS DE CADRAGE",
                "text": FR_TEXT,
                "translated": False,
                "start": 5711,
                "end": 5820,
            },
        ),
    )
    return SearchResponse(
        query="재활용",
        query_lang="ko",
        mode="hybrid",
        lang="all",
        results=[french, korean] if results is None else results,
        expansions=[{"from": "재활용", "to": "recyclage", "lang": "fr"}],
        notices=[],
    )


DOCUMENTS = {
    "tours": DocumentMeta(
        id="tours",
        title="La transition écologique des territoires",
        event="2e Tour franco-coréen des initiatives locales",
        date="2021-10",
        place="Tours, France",
        language="fr",
    ),
    "tours.ko": DocumentMeta(
        id="tours.ko",
        title="지역의 생태 전환 (작업 번역)",
        date="2021-10",
        language="ko",
        translation_of="tours",
        translator="seminar-search project (working translation)",
    ),
}


def test_csv_parses_back_with_one_row_per_result():
    rows = list(csv.DictReader(io.StringIO(results_to_csv(_response())), delimiter=";"))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [row["id"] for row in rows] == ["tours#0014", "tours.ko#0010"]
    french, korean = rows
    assert french["text"] == FR_TEXT and french["lang"] == "fr" and french["translated"] == "no"
    assert french["aligned_lang"] == "ko" and french["aligned_text"] == "'" + KO_TEXT  # guarded: starts with "-"
    assert korean["translated"] == "yes" and korean["matched"] == "재활용"
    assert float(french["score"]) == pytest.approx(0.045485) and int(french["start"]) == 5711


def test_csv_neutralises_cells_a_spreadsheet_would_run_as_formulas():
    result = _response().results[0]
    hostile = SearchResult(
        **{**result.to_dict(), "text": '=HYPERLINK("http://evil.example","x")', "aligned": (), "matched": ()}
    )
    row = next(csv.DictReader(io.StringIO(results_to_csv(_response(results=[hostile]))), delimiter=";"))
    assert row["text"].startswith("'=HYPERLINK")


def test_csv_of_no_result_is_the_header_alone():
    assert results_to_csv(_response(results=[])).strip() == ";".join(CSV_COLUMNS)


def test_json_round_trips_to_the_cli_json():
    response = _response()
    text = results_to_json(response)
    assert json.loads(text) == response.to_dict()
    assert "재활용" in text  # readable, not \\uc7ac escapes
    assert results_to_json(json.loads(text)) == text  # an export read back exports the same


def test_markdown_briefing_has_query_both_languages_and_sources():
    briefing = results_to_markdown(_response(), DOCUMENTS)
    assert briefing.startswith("# Briefing: 재활용")
    assert "재활용 → recyclage (fr)" in briefing
    assert "> Investissement dans le recyclage des déchets" in briefing
    assert "> - 폐기물 재활용 및 연구개발에 대한 투자" in briefing
    assert "working translation, not an original transcript" in briefing
    sources = briefing.split("## Sources", 1)[1]
    assert "2e Tour franco-coréen des initiatives locales, Tours, France, 2021-10" in sources
    assert "working translation of `tours`" in sources
    assert "Jae Hyun Lee" in briefing and "Source: `tours#0014`" in briefing


def test_markdown_briefing_escapes_markup_from_documents_and_queries():
    result = _response().results[0]
    attack = "<script>alert(1)</script> <img src=x onerror=alert(1)>"
    hostile = SearchResult(**{**result.to_dict(), "text": attack, "aligned": (), "matched": ()})
    response = SearchResponse("<b>q</b>", "fr", "hybrid", "all", [hostile])
    briefing = results_to_markdown(response)
    assert "<script>" not in briefing and "<img" not in briefing and "<b>" not in briefing
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in briefing and "&lt;b&gt;q&lt;/b&gt;" in briefing


def test_markdown_without_results_says_so():
    briefing = results_to_markdown(_response(results=[]))
    assert "No passage found" in briefing and "## Sources" not in briefing


def test_unknown_format_names_the_valid_ones():
    with pytest.raises(InvalidOptionError, match="csv, json, md"):
        export_results(_response(), "xlsx")


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_write_export_writes_the_file_atomically(tmp_path, fmt):
    path = write_export(_response(), fmt, tmp_path / "out", "briefing", DOCUMENTS)
    assert path == tmp_path / "out" / f"briefing.{fmt}"
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == (fmt == "csv")  # BOM: spreadsheets then read Hangul right
    if fmt == "xlsx":  # a zip with a time stamp: compare what a spreadsheet reads
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(raw)).active
        assert tuple(c.value for c in sheet[1]) == CSV_COLUMNS and sheet.max_row == 1 + len(_response().results)
    else:
        assert raw == export_bytes(_response(), fmt, DOCUMENTS)
        assert raw.decode("utf-8-sig") == export_results(_response(), fmt, DOCUMENTS).replace("\r\n", "\n")
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no partial file left


def test_export_of_a_real_search(engine):
    response = engine.search("재활용", lang="fr", k=3)
    briefing = results_to_markdown(response, engine.data.documents)
    assert "recycl" in briefing.casefold()
    assert HANGUL.search(briefing.split("## Sources")[0].split("\n", 1)[1])  # the Korean counterparts are there
    rows = list(csv.DictReader(io.StringIO(results_to_csv(response)), delimiter=";"))
    assert len(rows) == len(response.results) and all(row["lang"] == "fr" for row in rows)
