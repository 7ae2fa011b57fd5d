"""A glossary term in a query counts as one unit across languages (search/lexical.py), through the CLI."""

from __future__ import annotations

import json

import pytest

from app.cli import main

pytestmark = pytest.mark.usefixtures("isolated_env")


@pytest.fixture
def cli_index(bundled_index, monkeypatch):
    monkeypatch.setenv("SEMINAR_SEARCH_INDEX", str(bundled_index))
    return bundled_index


def _results(capsys, *args) -> list[dict]:
    assert main(["search", *args, "--json", "--all-matches", "-k", "100"]) == 0
    return json.loads(capsys.readouterr().out.splitlines()[0])["results"]


@pytest.mark.parametrize("mode", ["hybrid", "lexical"])
def test_an_english_term_finds_its_french_rendering_not_a_french_text_s_english_word(cli_index, capsys, mode):
    # "waste management" is in the glossary (gestion des déchets): the French participant list's
    # "Senior Manager" shares a stem with "management" and used to rank among the first five.
    results = _results(capsys, "waste management", "--lang", "fr", "--mode", mode)
    assert results and all("Manager" not in r["matched"] for r in results[:10])
    assert any("déchets" in r["matched"] for r in results[:3])


def test_a_passage_with_the_whole_term_ranks_above_one_with_a_part_of_it(cli_index, capsys):
    results = _results(capsys, "waste management", "--lang", "fr", "--mode", "lexical")
    whole = [r["rank"] for r in results if {"Gestion", "déchets"} <= set(r["matched"])]
    part = [r["rank"] for r in results if set(r["matched"]) & {"déchets", "gestion", "Gestion"}
            and not {"Gestion", "déchets"} <= set(r["matched"])]
    assert whole and part, "both kinds of passage are still found"
    assert min(whole) < min(part)


def test_an_acronym_in_a_korean_query_still_finds_the_french_passages_holding_it(cli_index, capsys):
    # "GAOK" is a glossary term (대한민국시도지사협의회): its own word still matches where it is written.
    results = _results(capsys, "GAOK 프랑스사무소", "--lang", "fr", "--mode", "lexical")
    assert results and all("GAOK" in r["matched"] for r in results[:3])
