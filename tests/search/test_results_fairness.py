"""An exact, rare match ranks first in hybrid mode whatever the document's alignment (issue 11, item 9)."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.engine import SearchEngine, SearchOptions
from search.evaluate import evaluate, read_queries

EVAL = Path(__file__).resolve().parents[2] / "eval"


@pytest.fixture(scope="module")
def engine_with_untranslated_document(tmp_path_factory, encoder):
    """The bundled corpus plus a user's untranslated note (eval/fairness/, written by the team for testing)."""
    from index.builder import build_index

    index_dir = tmp_path_factory.mktemp("fairness-index")
    build_index(None, index_dir, encoder=encoder)
    build_index([EVAL / "fairness"], index_dir, encoder=encoder)
    return SearchEngine.open(index_dir, encoder=encoder)


@pytest.mark.parametrize("mode", ["hybrid", "lexical"])
@pytest.mark.parametrize("lang", ["all", "fr"])
def test_word_only_an_untranslated_document_holds_ranks_first(engine_with_untranslated_document, mode, lang):
    response = engine_with_untranslated_document.search("zorglub", SearchOptions(mode=mode, lang=lang))
    assert response.results[0].doc == "note-compostage-zorglub"
    assert response.results[0].aligned == () and response.results[0].original


def test_fairness_queries_of_the_evaluation_harness_all_hit_first(engine_with_untranslated_document):
    queries = read_queries(EVAL / "fairness.jsonl")
    for lang in ("all", "fr"):
        report = evaluate(engine_with_untranslated_document, queries, SearchOptions(lang=lang))
        assert report["overall"]["hit@1"] == 1.0, report["per_query"]
