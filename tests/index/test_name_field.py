"""Name keys live in a BM25 field of their own (names/), out of the words' index (lexical/)."""

from __future__ import annotations

import numpy as np
import pytest

from index.bridges import NAME_PREFIX
from index.store import NAMES_DIR, read_manifest

pytestmark = pytest.mark.slow


def _write(folder, documents: dict[str, str]) -> None:
    folder.mkdir()
    for name, text in documents.items():
        (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def name_engine(tmp_path_factory, encoder):
    from index.builder import build_index
    from search.engine import SearchEngine

    root = tmp_path_factory.mktemp("names")
    # Documents written by the team for testing: one French, one Korean, not translations of each other.
    _write(root / "docs", {
        "tours.md": "# Mobilités\n\nLa ville de Tours inaugure une seconde ligne de tramway et plante des arbres "
                    "le long du tracé.\n",
        "suwon.md": "# 협력\n\n수원시 대표단은 뚜르시를 방문해 트램 2호선과 가로수 조성 사업을 살펴보았다.\n",
        "compost.md": "# Déchets\n\nLa métropole développe le compostage des biodéchets dans les quartiers.\n",
    })
    build_index([root / "docs"], root / "index", encoder=encoder)
    return SearchEngine.open(root / "index", encoder=encoder), root / "index"


def test_words_and_name_keys_are_indexed_apart(name_engine):
    engine, index_dir = name_engine
    assert not [t for t in engine.data.lexical.vocab_dict if t.startswith(NAME_PREFIX)]
    keys = [t for t in engine.data.names.vocab_dict if t]  # bm25s adds "" for passages without a key
    assert keys and all(t.startswith(NAME_PREFIX) for t in keys)
    assert any(name.startswith(NAMES_DIR + "/") for name in read_manifest(index_dir).files)  # checksummed


def test_a_name_reaches_the_other_script_only(name_engine):
    engine, _ = name_engine
    for query, lang, doc in (("뚜르", "fr", "tours"), ("Tours", "ko", "suwon")):
        response = engine.search(query, lang=lang, mode="lexical", expand=False)  # the glossary knows Tours
        assert [r.doc for r in response.results][:1] == [doc], query
    # A Latin query's keys leave Latin passages to their words: no name counted twice.
    terms = engine.lexical.query_terms("Tours")
    key_scores = engine.lexical.key_scores(terms, "Tours")
    latin = np.array([chunk.lang == "fr" for chunk in engine.chunks])
    assert not key_scores[latin].any() and key_scores[~latin].any()


def test_an_archive_without_any_name_indexes_and_searches(tmp_path, encoder):
    from index.builder import build_index
    from search.engine import SearchEngine

    _write(tmp_path / "docs", {"note.md": "le compostage des biodéchets progresse dans les quartiers.\n"})
    build_index([tmp_path / "docs"], tmp_path / "index", encoder=encoder)
    engine = SearchEngine.open(tmp_path / "index", encoder=encoder)
    assert engine.data.names is None
    assert engine.search("뚜르 compostage", mode="lexical").results[0].doc == "note"
