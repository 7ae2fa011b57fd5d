"""Results are bilingual units: each aligned pair once, shown by the side the query and the filters ask for."""

from __future__ import annotations

import json

import pytest

from app.cli import main

pytestmark = pytest.mark.usefixtures("isolated_env")


@pytest.fixture
def cli_index(bundled_index, monkeypatch):
    monkeypatch.setenv("SEMINAR_SEARCH_INDEX", str(bundled_index))
    return bundled_index


def _search(capsys, *args) -> dict:
    assert main(["search", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out.splitlines()[0])


@pytest.mark.parametrize("query", ["gestion des déchets", "hydrogène", "neutralité carbone", "agriculture urbaine"])
def test_french_query_over_all_languages_gives_french_originals_first(cli_index, capsys, query):
    results = _search(capsys, query, "--lang", "all", "-k", "10")["results"]
    assert results and results[0]["lang"] == "fr" and results[0]["original"] is True
    top5 = results[:5]
    assert sum(r["lang"] == "fr" and r["original"] for r in top5) >= 3
    assert all(any(a["lang"] == "ko" for a in r["aligned"]) for r in top5 if r["lang"] == "fr")  # Korean beside


@pytest.mark.parametrize("query", ["폐기물 관리", "수소", "탄소중립"])
def test_korean_query_over_all_languages_gives_korean_passages_with_the_original_beside(cli_index, capsys, query):
    results = _search(capsys, query, "--lang", "all")["results"]
    assert results[0]["lang"] == "ko"
    assert sum(r["lang"] == "ko" for r in results[:5]) >= 3
    first = results[0]
    assert first["original"] is False and any(a["original"] and a["lang"] == "fr" for a in first["aligned"])


@pytest.mark.parametrize("query,lang", [("gestion des déchets", "all"), ("수소", "all"), ("재활용", "fr"),
                                        ("hydrogène", "ko")])
def test_no_pair_and_no_passage_twice(cli_index, capsys, query, lang):
    results = _search(capsys, query, "--lang", lang, "-k", "30", "--all-matches")["results"]
    ids = [r["id"] for r in results]
    pairs = [r["pair"] for r in results]
    assert len(set(ids)) == len(ids) and len(set(pairs)) == len(pairs) and all(pairs)


def test_language_filter_shows_that_side_with_its_counterpart(cli_index, capsys):
    results = _search(capsys, "hydrogène", "--lang", "ko")["results"]
    assert results and all(r["lang"] == "ko" for r in results)
    assert all(a["lang"] == "fr" for r in results for a in r["aligned"])
    assert "수소" in results[0]["text"]


def test_json_keeps_the_old_fields_and_adds_the_new_ones(cli_index, capsys):
    response = _search(capsys, "recyclage", "-k", "3")
    assert {"query", "query_lang", "mode", "lang", "expansions", "notices", "results", "total", "weaker",
            "did_you_mean", "filters", "phrases", "excluded"} <= set(response)
    result = response["results"][0]
    assert {"rank", "score", "id", "doc", "title", "date", "lang", "section", "speaker", "text", "start", "end",
            "translated", "matched", "aligned", "original", "pair"} <= set(result)
    assert result["original"] is (not result["translated"])


def test_readable_output_says_which_side_is_the_original(cli_index, capsys):
    assert main(["search", "gestion des déchets", "-k", "2"]) == 0
    out = capsys.readouterr().out
    assert "(original)" in out and "matching passage(s)" in out and "filters: language all" in out
