"""``SearchEngine.warm_up`` (what a server runs in the background) changes no answer, only when work is done."""

from __future__ import annotations

from search.engine import SearchEngine

QUERIES = ("수소", "gestion des déchets", "rainwater harvesting", "뚜르 학교", "1,650억")


def test_a_warmed_engine_answers_exactly_as_a_cold_one(bundled_index, encoder):
    cold = SearchEngine.open(bundled_index, encoder=encoder)
    warm = SearchEngine.open(bundled_index, encoder=encoder)
    warm.warm_up()
    for query in QUERIES:
        for lang in ("all", "fr", "ko"):
            assert warm.search(query, lang=lang).to_dict() == cold.search(query, lang=lang).to_dict(), (query, lang)


def test_warm_up_analyses_the_passages_in_advance(bundled_index, encoder):
    engine = SearchEngine.open(bundled_index, encoder=encoder)
    engine.warm_up()
    assert len(engine._results._terms) == len(engine.chunks)
