"""Regression gate: dev-set figures may not fall more than a few points below those recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from search.engine import SearchOptions
from search.evaluate import evaluate, read_queries

ROOT = Path(__file__).resolve().parents[1]
BASELINE = json.loads((ROOT / "eval" / "baseline.json").read_text(encoding="utf-8"))
TOLERANCE = BASELINE["tolerance"]


@pytest.fixture(scope="module")
def queries():
    return read_queries(ROOT / "eval" / "dev.jsonl")


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["fr", "ko"])
def test_dev_set_figures_hold(engine, queries, lang):
    report = evaluate(engine, queries, SearchOptions(lang=lang))
    recorded = BASELINE["passages"][lang]
    failures = []
    for direction, metrics in recorded.items():
        measured = report["directions"][direction]
        for name, value in metrics.items():
            if measured[name] < value - TOLERANCE:
                failures.append(f"{direction} {name}: {measured[name]:.3f} < recorded {value:.3f} - {TOLERANCE}")
    assert not failures, failures


@pytest.mark.slow
def test_single_korean_terms_find_french_first(engine, queries):
    """Interpreters' case: one Korean term (수소, 재활용, 미세먼지 …) → the French passage at rank 1."""
    terms = [q for q in queries if q.lang == "ko" and q.kind == "term"]
    report = evaluate(engine, terms, SearchOptions(lang="fr"))
    assert report["overall"]["hit@1"] >= BASELINE["ko_terms_fr_hit@1"] - TOLERANCE
