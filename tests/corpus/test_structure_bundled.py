"""The structure of each bundled document: its sections and speakers, written by hand from the documents.

French originals: every (section, speaker) run in order. Korean translations:
their sections in order and their speakers (their wording is the translation's
and may be revised). Then the structure rules of issue 9, item 4.
"""

from __future__ import annotations

import re

import pytest

from corpus.loader import load_documents
from corpus.pairing import chunk_corpus

POINT_PAYS = "2020-09-21-point-pays-coree"
TOURS = "2021-tours-transition-ecologique"
PRESENTATION = (
    "2. Présentation : « De la pandémie au renforcement de la coopération décentralisée entre France et Corée »"
)
ECHANGES = "3. Echanges sur les thèmes et la méthodologie de travail"

FRENCH_RUNS = {
    POINT_PAYS: [
        ("", ""),
        ("1. Introduction", "Jérôme Tebaldi"),
        ("1. Introduction", "Jeong Jae Song"),
        ("1. Introduction", "Pauline May"),
        (PRESENTATION, "Lorenzo Kihlgren Grandi"),
        (PRESENTATION, "Élise Pereira-Nunes"),
        (PRESENTATION, "Morgane Millon"),
        (PRESENTATION, "Kossi Agbenyega Aboka"),
        (ECHANGES, ""),
        (ECHANGES, "Sooyeon Kim"),
        (ECHANGES, "Hyungseok Lee"),
        (ECHANGES, "Hyunsook Shin"),
        (ECHANGES, "Migyu Choi"),
        (ECHANGES, "Moowon Kang"),
        ("4. Calendrier ; conclusions", ""),
        ("A voir, à lire", ""),
        ("A voir, à lire", "Eun Hee Cho"),
        ("Liste des participants", ""),
    ],
    TOURS: [
        ("OUVERTURE ET DISCOURS", "Emmanuel Denis"),
        ("OUVERTURE ET DISCOURS", "Claire Guichard"),
        ("OUVERTURE ET DISCOURS", "Christine Moro"),
        ("INTERVENTIONS DE CADRAGE", "Jae Hyun Lee"),
        ("INTERVENTIONS DE CADRAGE", "Divya Leducq"),
        ("FOCUS SUR 4 COLLECTIVITÉS", ""),
        ("PROVINCE DE CHUNGNAM › Chungnam, vers la neutralité carbone", ""),
        ("VILLE DE SEOGU À INCHEON › Clean Seogu, ses politiques écologiques", ""),
        ("GRENOBLE ALPES METROPOLE › Plan Climat Air Energie", ""),
        ("VILLE DE TOURS › Politique urbaine de végétalisation en co-construction avec les citoyens", ""),
        ("Synthèse", "Divya Leducq"),
        ("VILLE DE SUWON › Suwon, la ville de la pluie face à la crise climatique", ""),
        ("VILLE DE ISSY-LES-MOULINEAUX › Issy-les-Moulineaux, le programme Smart City", "Emmanuelle Breuil-Salles"),
        ("VILLE DE GOYANG › Goyang, l'expérience de l'agriculture urbaine", ""),
        ("VILLE DE GUNSAN › Gunsan : restructuration industrielle", ""),
        ("Synthèse des échanges", "Divya Leducq"),
        ("REGARDS CROISÉS", ""),  # the programme slide names several speakers: it is nobody's speech
        ("REGARDS CROISÉS", "Myongu Jo"),
        ("REGARDS CROISÉS", "Dae Jong Yoo"),
        ("REGARDS CROISÉS", "Philippe Lefort"),
        ("REGARDS CROISÉS", "Élise Pereira-Nunes"),
        ("REGARDS CROISÉS", "Geneviève Sevrin"),
        ("REGARDS CROISÉS", "Claire Guichard"),
    ],
}
# A word each Korean section, in order, must contain (the titles are the translation's own wording).
KOREAN_SECTIONS = {
    f"{POINT_PAYS}.ko": ["개요", "1. 개회", "2. 발표", "3. 논의 주제", "4. 향후 일정", "참고 영상", "참석자 명단"],
    f"{TOURS}.ko": [
        "개회",
        "기조 발표",
        "4개 지자체",
        "충청남도",
        "인천광역시 서구",
        "그르노블",
        "투르시",
        "종합",
        "수원시",
        "이시레물리노시",
        "고양시",
        "군산시",
        "토론 종합",
        "양국의 시각",
        "현장 방문",
    ],
}
# The Latin name in brackets of each Korean speaker: the same people as in the French.
KOREAN_SPEAKERS = {
    f"{POINT_PAYS}.ko": {
        "Jérôme Tebaldi",
        "Jeong Jae SONG",
        "Pauline May",
        "Lorenzo Kihlgren Grandi",
        "Élise Pereira-Nunes",
        "Morgane Millon",
        "Kossi Agbenyega Aboka",
        "Sooyeon KIM",
        "Hyungseok LEE",
        "Hyunsook SHIN",
        "Migyu CHOI",
        "Moowon KANG",
    },
    f"{TOURS}.ko": {
        "Emmanuel Denis",
        "Claire Guichard",
        "Christine Moro",
        "Jae Hyun LEE",
        "Divya Leducq",
        "Emmanuelle Breuil-Salles",
        "Myongu JO",
        "Dae Jong YOO",
        "Philippe Lefort",
        "Élise Pereira-Nunes",
        "Geneviève Sevrin",
    },
}


@pytest.fixture(scope="module")
def chunks():
    return chunk_corpus(load_documents().documents).chunks


def _runs(doc_chunks) -> list[tuple[str, str]]:
    runs: list[tuple[str, str]] = []
    for chunk in doc_chunks:
        if not runs or runs[-1] != (chunk.section, chunk.speaker):
            runs.append((chunk.section, chunk.speaker))
    return runs


@pytest.mark.parametrize("doc", sorted(FRENCH_RUNS))
def test_french_sections_and_speakers(chunks, doc):
    assert _runs(chunks[doc]) == FRENCH_RUNS[doc]


@pytest.mark.parametrize("doc", sorted(KOREAN_SECTIONS))
def test_korean_sections_and_speakers(chunks, doc):
    sections = list(dict.fromkeys(chunk.section.split(" › ")[0] for chunk in chunks[doc]))
    assert len(sections) == len(KOREAN_SECTIONS[doc]), sections
    assert all(word in section for word, section in zip(KOREAN_SECTIONS[doc], sections)), sections
    speakers = {re.search(r"\(([^()]+)\)$", c.speaker).group(1) for c in chunks[doc] if c.speaker}
    assert speakers == KOREAN_SPEAKERS[doc]


def test_numbered_korean_items_stay_content(chunks):
    korean = chunks[f"{TOURS}.ko"]
    budget = [c for c in korean if "1,650억 원 투입" in c.text]
    assert len(budget) == 1 and "1. 폐기물 관리" in budget[0].text
    assert budget[0].section.startswith("인천광역시 서구")
    assert not any(re.match(r"\d\. ", c.section.split(" › ")[-1]) for c in korean)


def test_seogu_passages_keep_their_city_in_both_languages(chunks):
    french = [c for c in chunks[TOURS] if "SEOGU" in c.section]
    korean = [c for c in chunks[f"{TOURS}.ko"] if "서구" in c.section]
    assert len(french) == len(korean) >= 3


def test_participants_lists_belong_to_no_speaker(chunks):
    roster = [
        c
        for doc in (POINT_PAYS, f"{POINT_PAYS}.ko")
        for c in chunks[doc]
        if c.section in ("Liste des participants", "참석자 명단")
    ]
    assert roster and all(c.speaker == "" for c in roster)


def test_speaker_spellings_are_one_speaker_with_aliases(chunks):
    spellings = {"Elise Pereira Nunes", "Élise Pereira-Nunes"}
    pereira = [c for doc_chunks in chunks.values() for c in doc_chunks if "Pereira" in c.speaker]
    assert {c.doc for c in pereira} == {POINT_PAYS, TOURS, f"{POINT_PAYS}.ko", f"{TOURS}.ko"}
    assert {c.speaker for c in pereira if not c.translated} == {"Élise Pereira-Nunes"}
    assert len({c.speaker for c in pereira if c.translated}) == 1
    assert all(spellings <= set(c.speaker_aliases) for c in pereira)
    assert any(re.search("[가-힣]", alias) for alias in pereira[0].speaker_aliases)


def test_no_doubled_header_empty_speaker_line_or_empty_heading_in_any_passage(chunks):
    for doc_chunks in chunks.values():
        for chunk in doc_chunks:
            assert not re.search(r"(SEM\. [A-Z][A-Z ]+[A-Z])\b.*\1", chunk.text, re.S), chunk.id
            assert not re.search(r"^(?:발표자|Intervenant|Speaker)\s*:", chunk.text, re.M), chunk.id
            assert not re.search(r"^#+\s*$", chunk.text, re.M), chunk.id
            assert chunk.section.strip(" ›#") == chunk.section.strip() or not chunk.section, chunk.id
