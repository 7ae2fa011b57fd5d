"""A document and its translation cut at the same segment boundaries (corpus/pairing.py).

The small documents below were written by the team for these tests.
"""

from __future__ import annotations

import json
import re

import pytest

from corpus.chunk import Chunk, Document, DocumentMeta
from corpus.chunker import ChunkingOptions, weight
from corpus.loader import load_documents
from corpus.pairing import alignment_table, chunk_corpus, chunk_pair
from corpus.translation import TRANSLATOR_NOTE, AlignedSpan, read_alignment

TRANSLATION_NOTE = re.compile(TRANSLATOR_NOTE.pattern)


@pytest.fixture(scope="module")
def bundled():
    documents = load_documents().documents
    return documents, chunk_corpus(documents)


def _pairs(corpus) -> dict[str, list[Chunk]]:
    pairs: dict[str, list[Chunk]] = {}
    for chunks in corpus.chunks.values():
        for chunk in chunks:
            if chunk.pair:
                pairs.setdefault(chunk.pair, []).append(chunk)
    return pairs


def test_every_french_chunk_has_exactly_one_korean_counterpart(bundled):
    documents, corpus = bundled
    pairs = _pairs(corpus)
    assert pairs and all(len(members) == 2 for members in pairs.values())
    for members in pairs.values():
        french, korean = sorted(members, key=lambda c: c.translated)
        assert not french.translated and korean.translated and korean.doc == f"{french.doc}.ko"
        assert french.pair == french.id  # the pair is named by the original's chunk
    for document in documents:
        if document.meta.translation_of:
            assert all(chunk.pair for chunk in corpus.chunks[document.id]), document.id


def test_paired_chunks_cover_the_same_segments_only(bundled):
    """Each alignment row that a French chunk overlaps lies, on the Korean side, in its counterpart only."""
    documents, corpus = bundled
    for document in documents:
        table = alignment_table(document)
        if table is None:
            continue
        french = corpus.chunks[document.meta.translation_of]
        korean = {chunk.pair: chunk for chunk in corpus.chunks[document.id]}
        for row in read_alignment(table):
            for chunk in french:
                if chunk.start < row.fr_end and row.fr_start < chunk.end and chunk.pair in korean:
                    counterpart = korean[chunk.pair]
                    others = [
                        c
                        for c in korean.values()
                        if c is not counterpart and c.start < row.ko_end and row.ko_start < c.end
                    ]
                    assert not others, (chunk.id, row, [c.id for c in others])


def test_no_korean_chunk_is_twice_as_long_as_its_french_pair(bundled):
    """In weighted characters, once translator's notes (which the French cannot have) are left out."""
    _, corpus = bundled
    for members in _pairs(corpus).values():
        french, korean = sorted(members, key=lambda c: c.translated)
        korean_weight = weight(TRANSLATION_NOTE.sub("", korean.text))
        assert korean_weight <= 2 * weight(french.text) + 40, (french.id, french.text[:80], korean.text[:80])


@pytest.mark.parametrize(
    "french_words, korean_words",
    [
        ("l'énergie du futur : l'hydrogène", "수소"),
        ("En Corée du Sud, 2021", "한국에서 2021년은"),
        ("voitures électriques et à hydrogène", "수소차"),
        ("30 milliards", "300억 유로"),
        ("station à hydrogène", "수소충전소"),
    ],
)
def test_rows_of_the_issue_pair_with_their_translation(bundled, french_words, korean_words):
    _, corpus = bundled
    pairs = _pairs(corpus)
    french = [c for c in corpus.chunks["2021-tours-transition-ecologique"] if french_words in " ".join(c.text.split())]
    assert len(french) == 1
    korean = next(c for c in pairs[french[0].pair] if c.translated)
    assert korean_words in korean.text


# Written by the team for this test: two speakers, and a Korean text whose paragraphs
# are cut differently from the French.
FRENCH = """# Transition écologique

Intervenant : Jean Dupont

La ville a planté 3 000 arbres. Elle a ouvert deux jardins partagés.

Le budget atteint 2 millions d'euros.

Intervenant : Marie Curie

Nous avons réduit nos déchets de 20 %. Le tri est obligatoire depuis 2020.
"""
KOREAN = """# 생태 전환

발표자: 장 뒤퐁

시는 나무 3,000그루를 심었습니다.

공동체 텃밭 두 곳도 열었습니다. 예산은 200만 유로에 달합니다.

발표자: 마리 퀴리

폐기물을 20% 줄였습니다. 2020년부터 분리배출이 의무화되었습니다.
"""


def _document(doc_id: str, text: str, lang: str, source: str = "") -> Document:
    return Document(DocumentMeta(id=doc_id, language=lang, translation_of=source), text)


def _spans(pairs: list[tuple[str, str]]) -> list[AlignedSpan]:
    return [
        AlignedSpan(FRENCH.index(fr), FRENCH.index(fr) + len(fr), KOREAN.index(ko), KOREAN.index(ko) + len(ko))
        for fr, ko in pairs
    ]


SENTENCE_ROWS = [
    ("La ville a planté 3 000 arbres.", "시는 나무 3,000그루를 심었습니다."),
    ("Elle a ouvert deux jardins partagés.", "공동체 텃밭 두 곳도 열었습니다."),
    ("Le budget atteint 2 millions d'euros.", "예산은 200만 유로에 달합니다."),
    ("Nous avons réduit nos déchets de 20 %.", "폐기물을 20% 줄였습니다."),
    ("Le tri est obligatoire depuis 2020.", "2020년부터 분리배출이 의무화되었습니다."),
]


@pytest.mark.parametrize("target", [30, 500])
def test_small_pair_is_cut_identically_and_never_across_speakers(target):
    french, korean = _document("essai", FRENCH, "fr"), _document("essai.ko", KOREAN, "ko", "essai")
    options = ChunkingOptions(target_chars=target, min_chars=0)
    fr_chunks, _, ko_chunks, _ = chunk_pair(french, korean, _spans(SENTENCE_ROWS), options)
    assert [c.pair for c in fr_chunks] == [c.pair for c in ko_chunks] == [c.id for c in fr_chunks]
    assert [c.speaker for c in fr_chunks] == ["Jean Dupont"] * (len(fr_chunks) - (2 if target == 30 else 1)) + [
        "Marie Curie"
    ] * (2 if target == 30 else 1)
    assert [c.speaker for c in ko_chunks] == [
        {"Jean Dupont": "장 뒤퐁", "Marie Curie": "마리 퀴리"}[c.speaker] for c in fr_chunks
    ]
    if target == 500:  # one chunk per speaker on both sides
        assert [c.text for c in ko_chunks] == [
            "시는 나무 3,000그루를 심었습니다.\n공동체 텃밭 두 곳도 열었습니다. 예산은 200만 유로에 달합니다.",
            "폐기물을 20% 줄였습니다. 2020년부터 분리배출이 의무화되었습니다.",
        ]
    else:  # one chunk per row: the Korean paragraph break does not shift anything
        assert [c.text for c in fr_chunks] == [fr for fr, _ in SENTENCE_ROWS]
        assert [c.text for c in ko_chunks] == [ko for _, ko in SENTENCE_ROWS]


def test_paragraph_rows_and_text_no_row_covers():
    """Coarser rows work too; a sentence of no row joins its neighbour's chunk instead of shifting pairs."""
    rows = [
        ("La ville a planté 3 000 arbres. Elle a ouvert deux jardins partagés.", "시는 나무 3,000그루를 심었습니다."),
        (
            "Nous avons réduit nos déchets de 20 %. Le tri est obligatoire depuis 2020.",
            "폐기물을 20% 줄였습니다. 2020년부터 분리배출이 의무화되었습니다.",
        ),
    ]
    french, korean = _document("essai", FRENCH, "fr"), _document("essai.ko", KOREAN, "ko", "essai")
    fr_chunks, _, ko_chunks, _ = chunk_pair(french, korean, _spans(rows), ChunkingOptions(target_chars=30, min_chars=0))
    assert len(fr_chunks) == len(ko_chunks) == 2
    assert "Le budget atteint" in fr_chunks[0].text and "예산은 200만 유로" in ko_chunks[0].text
    assert all(f.pair == k.pair == f.id for f, k in zip(fr_chunks, ko_chunks))


def test_translation_without_table_is_aligned_automatically(encoder, tmp_path):
    (tmp_path / "essai.md").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "essai.ko.md").write_text(KOREAN, encoding="utf-8")
    (tmp_path / "essai.ko.md.meta.json").write_text(
        json.dumps({"translation_of": "essai", "language": "ko"}), encoding="utf-8"
    )
    documents = load_documents([tmp_path]).documents
    corpus = chunk_corpus(documents, ChunkingOptions(target_chars=30, min_chars=0), encoder)
    assert not corpus.warnings
    fr_chunks, ko_chunks = corpus.chunks["essai"], corpus.chunks["essai.ko"]
    assert [c.text for c in fr_chunks] == [fr for fr, _ in SENTENCE_ROWS]
    assert [c.text for c in ko_chunks] == [ko for _, ko in SENTENCE_ROWS]
    assert [c.pair for c in ko_chunks] == [c.id for c in fr_chunks]


def test_unrelated_translation_gives_a_warning_naming_both_documents(encoder, tmp_path):
    (tmp_path / "essai.md").write_text(FRENCH, encoding="utf-8")
    unrelated = (
        "# 날씨\n\n내일은 전국이 맑겠습니다. 바람이 강하게 불겠습니다.\n\n"
        "주말에는 비가 오겠습니다. 축구 경기가 연기되었습니다. 커피 가격이 올랐습니다.\n"
    )
    (tmp_path / "meteo.ko.md").write_text(unrelated, encoding="utf-8")
    (tmp_path / "meteo.ko.md.meta.json").write_text(
        json.dumps({"translation_of": "essai", "language": "ko"}), encoding="utf-8"
    )
    corpus = chunk_corpus(load_documents([tmp_path]).documents, ChunkingOptions(), encoder)
    assert len(corpus.warnings) == 1 and "weak automatic alignment of meteo.ko with essai" in corpus.warnings[0]


def test_pair_and_aliases_survive_to_dict_and_from_dict():
    chunk = Chunk(
        id="a#0000",
        doc="a",
        lang="fr",
        text="x",
        start=0,
        end=1,
        ordinal=0,
        pair="a#0000",
        speaker_aliases=("Elise Pereira Nunes", "Élise Pereira-Nunes"),
    )
    assert Chunk.from_dict(json.loads(json.dumps(chunk.to_dict()))) == chunk
    old = {name: value for name, value in chunk.to_dict().items() if name not in ("pair", "speaker_aliases")}
    assert Chunk.from_dict(old).pair == "" and Chunk.from_dict(old).speaker_aliases == ()


def test_index_command_warns_about_a_weak_alignment_and_indexes_both(tmp_path, capsys):
    from app.cli import main

    (tmp_path / "essai.md").write_text(FRENCH, encoding="utf-8")
    unrelated = "# 날씨\n\n내일은 전국이 맑겠습니다.\n\n주말에는 비가 오겠습니다. 축구 경기가 연기되었습니다.\n"
    (tmp_path / "meteo.ko.md").write_text(unrelated, encoding="utf-8")
    (tmp_path / "meteo.ko.md.meta.json").write_text(
        json.dumps({"translation_of": "essai", "language": "ko"}), encoding="utf-8"
    )
    code = main(["index", str(tmp_path), "--index-dir", str(tmp_path / "index")])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "warning: weak automatic alignment of meteo.ko with essai" in err
    assert "indexed 2 documents" in out
