"""The Markdown briefing speaks the interface language of the page that wrote it (walkthrough defect 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.export import results_to_markdown
from app.page import EXPORT_FORMATS, PageCallbacks

ENGLISH_LABELS = ("# Briefing:", "Query language:", "Glossary equivalents searched too", "result(s)", "Source: `")


@pytest.fixture(scope="module")
def callbacks(engine):
    return PageCallbacks(engine)


def _page_briefing(callbacks, query: str, ui: str) -> str:
    outputs = callbacks.search_page(query, "all", [], None, "hybrid", 3, ui)
    downloads = dict(zip(EXPORT_FORMATS, outputs[2 : 2 + len(EXPORT_FORMATS)]))
    return Path(downloads["md"]["value"]).read_text(encoding="utf-8")


def test_the_french_page_writes_a_french_briefing(callbacks):
    briefing = _page_briefing(callbacks, "수소", "fr")
    assert briefing.startswith("# Note de briefing : 수소")
    assert "- Langue de la requête : coréen" in briefing
    assert "Équivalents du glossaire recherchés aussi : 수소 → hydrogène (fr)" in briefing
    assert "recherche hybride" in briefing and "**français**" in briefing and "## Sources" in briefing
    assert "(traduction de travail, pas une transcription originale)" in briefing
    assert not any(label in briefing for label in ENGLISH_LABELS)


def test_the_korean_page_writes_a_korean_briefing(callbacks):
    briefing = _page_briefing(callbacks, "hydrogène", "ko")
    assert briefing.startswith("# 브리핑 노트: hydrogène")
    assert "- 검색어 언어: 프랑스어" in briefing and "검색 범위: 모든 언어, 결과 3건, 통합 검색" in briefing
    assert "함께 검색한 용어집 대응어: hydrogène → 수소 (ko)" in briefing
    assert "**한국어** (작업 번역본이며 원본 회의록이 아닙니다)" in briefing and "## 출처" in briefing
    assert "의 작업 번역" in briefing.split("## 출처", 1)[1]
    assert not any(label in briefing for label in ENGLISH_LABELS)


def test_the_same_search_in_two_languages_gives_two_files(callbacks):
    french = callbacks.search_page("recyclage", "all", [], None, "hybrid", 2, "fr")[2 + EXPORT_FORMATS.index("md")]
    english = callbacks.search_page("recyclage", "all", [], None, "hybrid", 2, "en")[2 + EXPORT_FORMATS.index("md")]
    assert french["value"] != english["value"]  # two readers of one server never overwrite each other's briefing
    assert Path(english["value"]).read_text(encoding="utf-8").startswith("# Briefing: recyclage")


def test_an_unknown_language_falls_back_to_english(engine):
    assert results_to_markdown(engine.search("recyclage"), ui="de").startswith("# Briefing: recyclage")
