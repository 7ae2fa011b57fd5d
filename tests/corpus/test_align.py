"""Sentence splitter and automatic sentence aligner (corpus/align.py).

The French and Korean texts below were written by the team for these tests.
"""

from __future__ import annotations

import functools

import numpy as np
import pytest

from corpus import align
from corpus.align import AlignOptions, Bead, align_sentences, assess_alignment, split_sentences
from corpus.errors import AlignmentError

# Written by the team for this test: French sentences 2 and 3 are one Korean sentence
# (a 2-1 bead) and French sentence 4 is two Korean sentences (a 1-2 bead).
FRENCH = """La ville de Suwon récupère l'eau de pluie sur les toits des écoles. Elle l'utilise pour arroser les \
jardins partagés. Elle l'utilise aussi pour nettoyer les rues en été.

Le budget du projet atteint 2,5 milliards de wons, financés à parts égales par la ville et par l'État. \
M. Kim remercie la ville de Tours pour son accueil. Merci de votre attention."""
KOREAN = """수원시는 학교 건물 옥상에서 빗물을 모읍니다. \
모은 빗물은 공동체 텃밭에 물을 주고, 여름철 도로 청소에도 사용합니다.

이 사업의 예산은 25억 원에 달합니다. 시와 국가가 절반씩 재원을 부담합니다. \
김 시장은 투르시의 환대에 감사를 표했습니다. \
경청해 주셔서 감사합니다."""


def _texts(text: str, lang: str) -> list[str]:
    sentences = split_sentences(text, lang)
    assert all(text[s.start : s.end] == s.text for s in sentences)  # offsets are verbatim
    return [s.text for s in sentences]


def test_french_sentences_keep_abbreviations_numbers_and_quotes():
    text = (
        "M. Lee et Mme Moro citent, p. ex., le plan. Il atteint 3.5 % en 2021. "
        "Cf. le rapport de J. Dupont « vert. » Fin !"
    )
    assert _texts(text, "fr") == [
        "M. Lee et Mme Moro citent, p. ex., le plan.",
        "Il atteint 3.5 % en 2021.",
        "Cf. le rapport de J. Dupont « vert. »",
        "Fin !",
    ]


def test_french_line_breaks_wrap_text_but_bullets_and_blank_lines_start_units():
    text = (
        "Selon le rapport du GIEC, la situation se dégrade\nrapidement.\n"
        "- tri des déchets\n- compostage\n\n2. Mobilité douce :"
    )
    assert _texts(text, "fr") == [
        "Selon le rapport du GIEC, la situation se dégrade\nrapidement.",
        "- tri des déchets",
        "- compostage",
        "2. Mobilité douce :",
    ]


def test_korean_sentences_and_numbered_items():
    text = (
        "1. 폐기물 관리: 소각장 현대화, 예산 1,650억 원 투입\n2. 미세먼지 저감\n\n"
        "서구는 3.5% 줄였습니다. 앞으로도 계속하겠습니다."
    )
    assert _texts(text, "ko") == [
        "1. 폐기물 관리: 소각장 현대화, 예산 1,650억 원 투입",
        "2. 미세먼지 저감",
        "서구는 3.5% 줄였습니다.",
        "앞으로도 계속하겠습니다.",
    ]


def test_empty_and_blank_text_have_no_sentences():
    assert split_sentences("", "fr") == [] and split_sentences(" \n\n ", "ko") == []


def test_aligner_finds_the_merge_and_the_split(encoder):
    fr, ko = _texts(FRENCH, "fr"), _texts(KOREAN, "ko")
    assert len(fr) == 6 and len(ko) == 6
    beads = align_sentences(fr, ko, encoder)
    assert [(b.fr, b.ko) for b in beads] == [
        ((0,), (0,)),
        ((1, 2), (1,)),
        ((3,), (2, 3)),
        ((4,), (4,)),
        ((5,), (5,)),
    ]
    assert [b.kind for b in beads[:3]] == ["1-1", "2-1", "1-2"]
    assert all(b.confidence > 0.25 for b in beads)
    quality = assess_alignment(beads)
    assert not quality.weak and quality.unaligned_share == 0.0


def test_an_untranslated_sentence_is_left_out_or_merged_never_shifts_the_rest(encoder):
    fr = _texts(FRENCH, "fr")
    ko = _texts(KOREAN, "ko")
    del ko[4]  # the thanks to Tours are not translated
    beads = align_sentences(fr, ko, encoder)
    assert beads[-1] == Bead((5,), (4,), beads[-1].confidence) and beads[-1].confidence > 0.25
    assert any(4 in b.fr and (not b.ko or b.ko == (3,)) for b in beads)


def test_unrelated_texts_make_a_weak_alignment(encoder):
    unrelated = (
        "서울의 지하철은 복잡합니다. 내일은 맑겠습니다. 축구 경기가 연기되었습니다. "
        "커피 가격이 올랐습니다. 새 휴대전화가 나왔습니다."
    )
    quality = assess_alignment(align_sentences(_texts(FRENCH, "fr"), _texts(unrelated, "ko"), encoder))
    assert quality.weak and quality.mean_confidence < 0.3


def test_one_side_empty_leaves_every_sentence_unaligned():
    beads = align_sentences(["Bonjour."], [], encoder=None)
    assert beads == [Bead((0,), (), 0.0)] and assess_alignment(beads).weak


def test_too_long_a_pair_is_refused_with_a_message(monkeypatch):
    monkeypatch.setattr(align, "MAX_ALIGNMENT_CELLS", 10)
    with pytest.raises(AlignmentError, match="too long to align"):
        align_sentences(["a"] * 4, ["b"] * 3, encoder=None)


@pytest.mark.parametrize("seed", range(40))
def test_dynamic_programme_matches_brute_force(seed):
    """The vectorised programme finds the cheapest bead sequence, as an exhaustive search does."""
    rng = np.random.default_rng(seed)
    n_fr, n_ko = (int(n) for n in rng.integers(1, 6, size=2))
    options = AlignOptions(skip_cost=float(rng.uniform(0.1, 1.5)))
    costs = {}
    for df, dk in align._moves(options.max_bead):
        if df and dk and df <= n_fr and dk <= n_ko:
            matrix = rng.uniform(0, 2, size=(n_fr - df + 1, n_ko - dk + 1))
            costs[(df, dk)] = (matrix, matrix)

    def bead_cost(df, dk, i, j):
        return costs[(df, dk)][0][i, j] if df and dk else options.skip_cost * (df + dk)

    @functools.lru_cache(maxsize=None)
    def cheapest(i, j):
        if (i, j) == (n_fr, n_ko):
            return 0.0
        steps = [(df, dk) for df, dk in align._moves(options.max_bead) if i + df <= n_fr and j + dk <= n_ko]
        return min(bead_cost(df, dk, i, j) + cheapest(i + df, j + dk) for df, dk in steps)

    beads = align._best_path(costs, n_fr, n_ko, options)
    found = sum(bead_cost(len(b.fr), len(b.ko), b.fr[0] if b.fr else 0, b.ko[0] if b.ko else 0) for b in beads)
    assert found == pytest.approx(cheapest(0, 0))
    assert [i for b in beads for i in b.fr] == list(range(n_fr)) and [j for b in beads for j in b.ko] == list(
        range(n_ko)
    )
