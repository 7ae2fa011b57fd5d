"""The summary's hint about weaker results says what would show them (walkthrough defect)."""

from __future__ import annotations

import pytest

from app.page import PageCallbacks


@pytest.fixture(scope="module")
def callbacks(engine):
    return PageCallbacks(engine)


def _summary(callbacks, query: str, k: int, all_matches: bool) -> str:
    return callbacks.search_page(query, "all", [], None, "hybrid", k, "fr", all_matches)[0]


def test_hidden_weaker_results_point_to_the_box_then_to_the_number_of_results(callbacks, engine):
    response = engine.search("gestion des déchets", k=3)
    assert response.total > 3 and response.weaker > 0  # more strong passages than results, and weaker ones
    assert "cochez « Afficher les résultats plus faibles »" in _summary(callbacks, "gestion des déchets", 3, False)
    ticked = _summary(callbacks, "gestion des déchets", 3, True)
    assert "augmentez-le pour les voir" in ticked and "cochez" not in ticked


def test_weaker_results_shown_after_the_others_say_so(callbacks, engine):
    response = engine.search("gestion des déchets", k=100, all_matches=True)
    assert len(response.results) > response.total
    assert "affiché(s) après les autres" in _summary(callbacks, "gestion des déchets", 100, True)
