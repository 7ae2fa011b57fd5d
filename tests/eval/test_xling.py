"""The cross-lingual development set (eval/xling): its shape, its runner, and the targets it sets."""

from __future__ import annotations

import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = ROOT / "eval" / "xling" / "documents"
PROVENANCE = "provenance: Written by the seminar-search team for evaluation"


@pytest.fixture(scope="module")
def xling():
    spec = importlib.util.spec_from_file_location("xling", ROOT / "eval" / "xling.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["xling"] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def _front_matter_and_body(path: Path) -> tuple[str, str]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return front, body


def _language(path: Path) -> str:
    return re.search(r"^language: (\w+)$", _front_matter_and_body(path)[0], re.MULTILINE).group(1)


def test_the_documents_are_short_labelled_and_in_three_languages():
    paths = sorted(DOCUMENTS.glob("*.md"))
    assert len(paths) >= 24
    languages = Counter(_language(path) for path in paths)
    assert languages["ko"] >= 10 and languages["fr"] >= 8 and languages["en"] >= 2
    for path in paths:
        front, body = _front_matter_and_body(path)
        assert front.splitlines()[0].startswith(PROVENANCE), path.name
        assert 150 <= len(body.split()) <= 400, (path.name, len(body.split()))


def test_no_document_is_a_translation_of_another():
    for path in DOCUMENTS.glob("*.md"):
        assert "translation_of" not in _front_matter_and_body(path)[0], path.name


def test_the_queries_are_judged_per_document_about_half_in_korean_mostly_cross_lingual(xling):
    queries = xling.read_xling_queries()
    languages = {path.stem: _language(path) for path in DOCUMENTS.glob("*.md")}
    assert len(queries) >= 80
    assert 0.4 <= sum(q.lang == "ko" for q in queries) / len(queries) <= 0.6
    assert len({q.id for q in queries}) == len(queries)
    pairs = Counter()
    for query in queries:
        assert query.relevant and set(query.relevant) <= set(languages), query.id
        for lang in {languages[doc] for doc in query.relevant}:
            pairs["same" if lang == query.lang else "cross"] += 1
    assert pairs["cross"] >= pairs["same"]
    assert sum(any(languages[d] != q.lang for d in q.relevant) for q in queries) >= len(queries) / 2


def test_a_malformed_query_line_names_the_file_and_line(xling, tmp_path):
    from corpus.errors import DocumentError

    bad = tmp_path / "queries.jsonl"
    bad.write_text('{"id": "q1", "query": "수소", "lang": "ko", "relevant": ["a"]}\n{"id": "q2"}\n', encoding="utf-8")
    with pytest.raises(DocumentError, match=r"queries\.jsonl:2"):
        xling.read_xling_queries(bad)


@pytest.fixture(scope="module")
def report(xling, tmp_path_factory, encoder):
    from search.engine import SearchEngine

    index_dir = tmp_path_factory.mktemp("xling-index")
    xling.build(index_dir, encoder=encoder)
    engine = SearchEngine.open(index_dir, encoder=encoder)
    assert set(engine.data.documents) == {path.stem for path in DOCUMENTS.glob("*.md")}  # the set alone, no README
    return xling.evaluate_documents(engine, xling.read_xling_queries())


@pytest.mark.slow
def test_cross_lingual_targets_are_met_and_same_language_stays_high(report):
    cross, same = report["pairs"]["cross-lingual"], report["pairs"]["same-language"]
    assert cross["hit@1"] >= 0.80 and cross["mrr@10"] >= 0.88, cross
    assert same["hit@1"] >= 0.93 and same["mrr@10"] >= 0.95, same


@pytest.mark.slow
def test_the_report_has_every_direction_and_a_row_per_pair(report, xling):
    assert {"KO→FR", "FR→KO", "KO→KO", "FR→FR", "EN→KO", "KO→EN"} <= set(report["directions"])
    assert sum(m["n"] for m in report["pairs"].values()) == len(report["per_query"])
    row = report["per_query"][0]
    assert {"id", "direction", "pair", "first_hit", "hit@1", "hit@5", "mrr@10"} <= set(row)
    assert "cross-lingual" in xling.format_report(report)


@pytest.mark.slow
def test_the_runner_refuses_an_unknown_bridge_in_one_line(xling, tmp_path, capsys):
    assert xling.main(["--index-dir", str(tmp_path / "index"), "--without", "spelling"]) == 2
    err = capsys.readouterr().err
    assert "unknown bridge 'spelling'" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "index").exists()  # refused before building anything

