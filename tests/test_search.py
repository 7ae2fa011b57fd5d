"""search/: fusion, cross-lingual retrieval, filters, expansions, highlighting."""

from __future__ import annotations

import random
import re

import pytest

from corpus.errors import InvalidOptionError, InvalidQueryError
from search.fusion import reciprocal_rank_fusion
from search.highlight import mark_terms

HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _brute_force_rrf(rankings, weights, k=60):
    items = {item for ranking in rankings for item in ranking}
    scores = {}
    for item in items:
        scores[item] = sum(w / (k + r.index(item) + 1) for r, w in zip(rankings, weights) if item in r)
    return sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))


def test_rrf_matches_a_brute_force_reference():
    rng = random.Random(7)
    for _ in range(50):
        rankings = [rng.sample(range(40), rng.randint(0, 20)) for _ in range(rng.randint(1, 4))]
        weights = [rng.choice([0.5, 1.0, 1.5]) for _ in rankings]
        fused = reciprocal_rank_fusion(rankings, weights)
        expected = _brute_force_rrf(rankings, weights)
        assert [i for i, _ in fused] == [i for i, _ in expected]
        assert all(abs(a[1] - b[1]) < 1e-12 for a, b in zip(fused, expected))


def test_korean_term_finds_french_hydrogen_passages(engine):
    response = engine.search("수소", lang="fr", k=5)
    assert response.query_lang == "ko"
    assert {"from": "수소", "to": "hydrogène", "lang": "fr"} in response.expansions
    assert all(r.lang == "fr" for r in response.results)
    assert "hydrogène" in response.results[0].text
    assert sum("hydrogène" in r.text for r in response.results) >= 4
    assert "hydrogène" in response.results[0].matched


def test_french_term_finds_korean_passages_with_their_source_aligned(engine):
    response = engine.search("hydrogène", lang="ko", k=5)
    assert all(HANGUL.search(r.text) for r in response.results)
    assert "수소" in response.results[0].text and response.results[0].translated
    assert any("hydrogène" in a["text"] for a in response.results[0].aligned)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("재활용", "recycl"),
        ("recycling", "recycl"),
        ("urban farming", "agriculture urbaine"),
        ("미세먼지", "particules fines"),
        ("탄소중립", "neutralité carbone"),
    ],
)
def test_terms_reach_the_right_french_passage_first(engine, query, expected):
    top = engine.search(query, lang="fr", k=3).results[0]
    assert expected in top.text.casefold() or expected in top.section.casefold()


def test_language_and_document_filters_apply_before_top_k(engine):
    # all_matches: the relevance floor aside, the filters alone must still leave k passages to rank
    korean = engine.search("Suwon", lang="ko", k=20, all_matches=True).results
    assert len(korean) == 20 and all(HANGUL.search(r.text) for r in korean)
    minutes = engine.search(
        "hydrogène", docs=("2020-09-21-point-pays-coree",), k=5, mode="dense", all_matches=True
    ).results
    assert len(minutes) == 5 and {r.doc for r in minutes} == {"2020-09-21-point-pays-coree"}
    lexical = engine.search("hydrogène", docs=("2020-09-21-point-pays-coree",), k=5, mode="lexical").results
    assert lexical == []  # no minutes passage contains the word: zero-score candidates never rank


def test_lexical_zero_scores_never_enter_the_ranking(engine):
    assert engine.search("xylophonique", mode="lexical").results == []
    dense_only = [r.id for r in engine.search("xylophonique", lang="fr", mode="dense", k=10).results]
    hybrid = [r.id for r in engine.search("xylophonique", lang="fr", mode="hybrid", k=10).results]
    assert hybrid == dense_only  # nothing lexical matched, so nothing but the dense ranking counts


def test_results_carry_offsets_metadata_and_alignment(engine):
    result = engine.search("tirelires de la pluie", lang="fr", k=1).results[0]
    document = engine.data.documents[result.doc]
    assert "tirelires" in document.text[result.start : result.end]
    assert result.section.startswith("VILLE DE SUWON") and result.title and result.date == "2021-10"
    assert result.aligned and all(HANGUL.search(a["text"]) for a in result.aligned)
    assert set(result.to_dict()) >= {
        "rank",
        "score",
        "doc",
        "title",
        "lang",
        "section",
        "speaker",
        "text",
        "start",
        "end",
        "matched",
    }


def test_bad_queries_and_options(engine):
    with pytest.raises(InvalidQueryError):
        engine.search("   ")
    with pytest.raises(InvalidOptionError, match="fr, ko, en"):
        engine.search("x", lang="de")
    with pytest.raises(InvalidOptionError, match="hybrid, dense, lexical"):
        engine.search("x", mode="fuzzy")
    with pytest.raises(InvalidOptionError, match="2020-09-21-point-pays-coree"):
        engine.search("x", docs=("nope",))
    long = engine.search("recyclage " * 20_000, k=3)
    assert long.notices and "truncated" in long.notices[0] and long.results


def test_context_returns_neighbours_in_order(engine):
    hit = engine.search("tirelires de la pluie", lang="fr", k=1).results[0]
    around = engine.context(hit.id, before=1, after=1)
    assert [c.id for c in around][1] == hit.id and [c.ordinal for c in around] == sorted(c.ordinal for c in around)


def test_highlighting_escapes_html_before_marking():
    marked = mark_terms('<img src=x onerror=alert(1)> le recyclage & "tri"', ["recyclage", "<img"])
    assert "<img" not in marked and "&lt;<mark>" not in marked
    assert "<mark>recyclage</mark>" in marked and "&amp;" in marked and "&lt;" in marked
    assert mark_terms("Recyclage", ["recyclage"], style="brackets") == "[[Recyclage]]"


def test_speaker_or_city_filter(engine):
    suwon = engine.search("eau", speaker="SUWON", k=20).results
    assert suwon and all("suwon" in (r.section + r.speaker).casefold() for r in suwon)
    guichard = engine.search("hydrogène", speaker="guichard", k=5).results
    assert guichard and {r.speaker for r in guichard} <= {"Claire Guichard", "클레르 기샤르(Claire Guichard)"}
    assert engine.search("hydrogène", speaker="nobody-at-all", k=5).results == []
