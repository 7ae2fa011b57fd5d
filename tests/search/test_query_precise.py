"""Precise queries: "exact phrases", -exclusions, relevance floor, did-you-mean, nothing to search for (issue 9, 5)."""

from __future__ import annotations

import pytest

from app.cli import main
from corpus.errors import InvalidQueryError
from search.engine import SearchOptions
from search.query import normalise, parse_query


@pytest.mark.parametrize("query,text,phrases,excluded", [
    ('gestion "eau de pluie" -Suwon', "gestion eau de pluie", ("eau de pluie",), ("suwon",)),
    ("« tirelires de la pluie »", "tirelires de la pluie", ("tirelires de la pluie",), ()),
    ("“L’Hydrogène  vert”", "L’Hydrogène vert", ("l'hydrogène vert",), ()),
    ("Jean-Marc vélo-cargo", "Jean-Marc vélo-cargo", (), ()),  # a hyphen inside a word excludes nothing
    ('"unbalanced quote', "unbalanced quote", (), ()),
    ("수소 -수원", "수소", (), ("수원",)),
])
def test_parse_query(query, text, phrases, excluded):
    parsed = parse_query(query)
    assert (parsed.text, parsed.phrases, parsed.excluded) == (text, phrases, excluded)


@pytest.mark.parametrize("query", ["🙂🙂", "?!…", "\u200b\u200b", "—", "-déchets", '""'])
def test_nothing_to_search_for(query):
    with pytest.raises(InvalidQueryError, match="nothing to search for|empty query"):
        parse_query(query)


@pytest.mark.parametrize("query", ["🙂", "?!", "\u200b\u200c\u2060"])
def test_cli_query_without_letters_is_one_line_and_exit_2(isolated_env, bundled_index, capsys, query):
    assert main(["search", query, "--index-dir", str(bundled_index)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1 and "nothing to search for" in captured.err


def test_phrase_must_occur_verbatim_in_the_unit(engine):
    response = engine.search('"eau de pluie"', SearchOptions(lang="fr", all_matches=True))
    assert response.results and response.phrases == ("eau de pluie",)
    assert all("eau de pluie" in normalise(r.text) for r in response.results)
    korean = engine.search('"eau de pluie"', SearchOptions(lang="ko", all_matches=True))  # found through the original
    assert korean.results
    assert all(any("eau de pluie" in normalise(a["text"]) for a in r.aligned) for r in korean.results)


def test_excluded_word_removes_its_passages_before_top_k(engine):
    plain = engine.search("déchets", SearchOptions(lang="fr", k=20))
    assert any("séoul" in r.text.casefold() or "seoul" in r.text.casefold() for r in plain.results)
    response = engine.search("déchets -Séoul", SearchOptions(lang="fr", k=20, all_matches=True))
    assert response.excluded == ("séoul",) and len(response.results) >= 5
    for result in response.results:
        unit = [result.text, *(a["text"] for a in result.aligned)]
        assert not any("séoul" in text.casefold() for text in unit)


def test_relevance_floor_hides_weak_candidates_and_says_so(engine):
    response = engine.search("hydrogène", SearchOptions(speaker="Suwon"))
    rain = [r for r in response.results if "pluie" in r.text.casefold() and "hydrog" not in r.text.casefold()]
    assert rain == []  # no rain passage shown as an answer about hydrogen
    assert response.weaker > 0
    weaker = engine.search("hydrogène", SearchOptions(speaker="Suwon", all_matches=True))
    assert len(weaker.results) > len(response.results) and weaker.weaker == response.weaker
    french = engine.search("hydrogène", SearchOptions(lang="fr"))
    assert all("hydrog" in r.text.casefold() for r in french.results)  # not padded to k with other passages


def test_misspelling_gets_a_suggestion_from_the_index_vocabulary(engine):
    response = engine.search("recylage")
    assert response.did_you_mean == "recyclage" and response.total == 0
    assert engine.search("recyclage").did_you_mean == ""
    assert engine.search("gestion des dechet").did_you_mean in ("", "gestion des déchet", "gestion des déchets")


def test_cli_prints_did_you_mean(isolated_env, bundled_index, capsys):
    assert main(["search", "recylage", "--index-dir", str(bundled_index)]) == 0
    assert "did you mean: recyclage" in capsys.readouterr().out


@pytest.mark.parametrize("query", ["hydrogen", "rainwater", "rainwater harvesting"])
def test_english_words_are_not_taken_for_french(engine, query):
    assert engine.search(query).query_lang == "en"


def test_expansions_are_listed_once_each(engine):
    response = engine.search("Tours")
    keys = [(e["from"], e["to"], e["lang"]) for e in response.expansions]
    assert len(keys) == len(set(keys)) and all(e["from"].casefold() != e["to"].casefold() for e in response.expansions)
    groups = dict(response.expansion_groups())
    assert all(len(targets) == len(set(targets)) for targets in groups.values())


def test_active_filters_travel_with_the_response(engine):
    response = engine.search("déchets", SearchOptions(lang="ko", speaker="Seogu"))
    assert response.filters["lang"] == "ko" and response.filters["speaker"] == "Seogu"
    assert engine.search("déchets", SearchOptions(speaker="   ")).filters["speaker"] == ""
