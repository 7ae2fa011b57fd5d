"""Structure rules on small documents written by the team for these tests (corpus/structure.py, corpus/slides.py)."""

from __future__ import annotations

from corpus.structure import parse_units


def _runs(text: str) -> list[tuple[str, str, str]]:
    return [(u.section, u.speaker, u.span.text) for u in parse_units(text)[0]]


def test_numbered_items_of_a_markdown_document_are_content():
    text = "## 인천광역시 서구\n\n1. 폐기물 관리\n\n2. 미세먼지 저감\n\n- 녹지 확충\n"
    assert _runs(text) == [
        ("인천광역시 서구", "", "1. 폐기물 관리"),
        ("인천광역시 서구", "", "2. 미세먼지 저감"),
        ("인천광역시 서구", "", "- 녹지 확충"),
    ]


def test_numbered_lines_of_plain_minutes_are_still_headings():
    text = (
        "1. Introduction\n\nJérôme Tebaldi, Président du groupe-pays, ouvre la séance.\n\n"
        "2. Présentation\n\nLe texte suit.\n"
    )
    assert [(section, speaker) for section, speaker, _ in _runs(text)] == [
        ("1. Introduction", "Jérôme Tebaldi"),
        ("2. Présentation", ""),
    ]


def test_a_participants_list_names_no_speaker():
    text = (
        "→ Liste des participants :\n\nLorenzo Kihlgren Grandi, maître de conférences à Sciences Po\n\n"
        "- M. Jeong Jae SONG, Directeur Général de la GAOK France\n"
    )
    assert {speaker for _, speaker, _ in _runs(text)} == {""}


def test_empty_speaker_lines_and_empty_headings_never_reach_a_passage():
    text = "## 개회\n\n발표자: 제롬 테발디\n\n환영합니다.\n\n발표자: -\n\n회의 안내입니다.\n\n##\n\n발표자:\n\n끝.\n"
    assert _runs(text) == [
        ("개회", "제롬 테발디", "환영합니다."),
        ("개회", "", "회의 안내입니다."),
        ("개회", "", "끝."),
    ]


SLIDES = """VILLE DE GUNSANVILLE DE GUNSAN

Gunsan : restructuration industrielleGunsan : restructuration industrielle

La ville souhaite créer une zone industrielle intelligente.



Synthèse des échangesSynthèse des échanges

Importance du recyclage des déchets.

MME DIVYA LEDUCQ



REGARDS CROISÉSREGARDS CROISÉS

SEM. DAE JONG YOO SEM. PHILIPPE LEFORT

M. MYONGU JO



REGARDS CROISÉSREGARDS CROISÉS SEM. DAE JONG YOO

 Ambassadeur de la République de Corée en France

Cliquez sur l'image



REGARDS CROISÉSREGARDS CROISÉS SEM. DAE JONG YOO

 Ambassadeur de la République de Corée en France

En Corée du Sud, 2021 est l'année de départ.
"""


def test_slides_synthesis_programme_and_repeated_header():
    runs = _runs(SLIDES)
    assert runs[0][:2] == ("VILLE DE GUNSAN › Gunsan : restructuration industrielle", "")
    # A slide with only a sub-heading, unlike the one before, starts its own section.
    assert ("Synthèse des échanges", "Divya Leducq", "Importance du recyclage des déchets.") in runs
    # The programme slide names two speakers: nobody speaks there.
    assert ("REGARDS CROISÉS", "", "M. MYONGU JO") in runs
    # The speaker's header, repeated at the top of the next slide, is kept once.
    yoo = [text for _, speaker, text in runs if speaker == "Dae Jong Yoo"]
    assert yoo.count("Ambassadeur de la République de Corée en France") == 1
    assert yoo[-1] == "En Corée du Sud, 2021 est l'année de départ."


def test_a_numbered_item_stating_figures_or_clauses_stays_content_in_plain_text():
    """Plain text (no Markdown headings), as a Korean translation saved from a word processor would be."""
    text = (
        "1. 폐기물 관리\n\n"
        "2. 환경 정책 추진: 전담 부서 신설, 시민 참여 유도, 예산 1,650억 원 투입\n\n"
        "3. 생활폐기물 매립률을 13.4%에서 1.3%로 낮춤\n\n"
        "4. Les élus ont présenté le plan climat de la ville.\n\n"
        "5. Neutralité carbone\n\nLa ville vise 2050.\n"
    )
    assert _runs(text) == [
        ("1. 폐기물 관리", "", "2. 환경 정책 추진: 전담 부서 신설, 시민 참여 유도, 예산 1,650억 원 투입"),
        ("1. 폐기물 관리", "", "3. 생활폐기물 매립률을 13.4%에서 1.3%로 낮춤"),
        ("1. 폐기물 관리", "", "4. Les élus ont présenté le plan climat de la ville."),
        ("5. Neutralité carbone", "", "La ville vise 2050."),
    ]
