"""Recognition patterns: a country in parentheses, plural country groups, 주 + country, adjectival countries.

Short strings written by the team, then the same forms in the bundled corpus (French reports and their Korean
working translations), then stored annotations of an older recognition being recomputed.
"""

from __future__ import annotations

import pytest

from corpus.chunk import Chunk
from search.annotations import ANNOTATIONS_VERSION, Annotations, load_annotations
from search.entities import Gazetteer, recognise
from search.glossary import Glossary


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.from_glossary(Glossary.load())


def found(text, gazetteer):
    return [(m.text, gazetteer.entities[m.entity].name) for m in recognise(text, gazetteer)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mairie du Golfe 5 (Togo) : Kossi Agbenyega Aboka, Maire", [("Golfe 5", "Golfe 5"), ("Togo", "Togo")]),
        ("Mme Ana SILVA, Mairie de Lomé (Togo)", [("Lomé", "Lomé"), ("Togo", "Togo")]),
        ("M. Kenji SATO (Japon), maire adjoint", [("Japon", "Japon")]),
    ],
)
def test_a_known_country_in_parentheses_is_named(text, expected, gazetteer):
    assert set(expected) <= set(found(text, gazetteer))


def test_the_plural_country_groups_name_each_group_not_the_countries(gazetteer):
    mentions = found("faire des groupes-pays France et Corée de véritables pôles", gazetteer)
    assert [name for _text, name in mentions] == ["groupe-pays France de Corée", "groupe-pays Corée"]
    listed = [name for _text, name in found("les groupes-pays Corée, Japon et France", gazetteer)]
    assert listed == ["groupe-pays Corée", "groupe-pays Japon", "groupe-pays France de Corée"]
    # The singular glossary names are unchanged.
    assert found("le groupe-pays France de Corée", gazetteer) == [
        ("groupe-pays France de Corée", "groupe-pays France de Corée")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("주프랑스 대사관", [("주프랑스 대사관", "Ambassade de Corée en France")]),
        ("주프랑스 한국대사관", [("주프랑스 한국대사관", "Ambassade de Corée en France")]),
        ("주한 프랑스 대사관과 협력", [("주한 프랑스 대사관", "Ambassade de France en Corée")]),
        ("주프랑스 베트남 대사관", [("주프랑스 베트남 대사관", "Ambassade (Vietnam)")]),
        ("주프랑스 한국 대표단", [("프랑스", "France")]),  # "la délégation coréenne en France"
        ("주베트남 대사를 지냈다", [("베트남", "Vietnam")]),
    ],
)
def test_ju_and_a_country_reads_in_that_country(text, expected, gazetteer):
    assert found(text, gazetteer) == expected


@pytest.mark.parametrize(
    "text",
    ["프랑스 지자체와 한국 지자체", "프랑스 측 참석자", "프랑스측은", "한국 정부의 지원", "프랑스 도시와의 인연"],
)
def test_an_adjectival_country_in_a_korean_compound_is_not_the_country(text, gazetteer):
    assert found(text, gazetteer) == []


def test_a_country_standing_alone_is_still_named(gazetteer):
    assert found("프랑스에서 열린 회의에 한국과 프랑스가 참석", gazetteer) == [
        ("프랑스", "France"),
        ("한국", "Corée"),
        ("프랑스", "France"),
    ]


def test_the_ambassador_to_france_holds_a_role_in_the_embassy():
    text = "유대종(Dae Jong YOO) 주프랑스 대사"
    annotations = Annotations.build([Chunk("t.ko:0", "t.ko", "ko", text, 0, len(text), 0)], Glossary.load())
    roles = {(r.source, r.target) for r in annotations.relations if r.kind == "role"}
    assert ("person:dae-jong-yoo", "organisation:ambassade-de-coree-en-france") in roles


def _mentions_of(engine, needle):
    annotations = engine.annotations()
    chunks = [c for c in engine.chunks if needle in c.text]
    assert chunks, needle
    return {annotations.entities[m.entity].name for c in chunks for m in annotations.mentions[c.ordinal]}


def test_the_bundled_reports_name_togo_the_two_groups_and_the_korean_delegation_in_france(engine):
    assert "Togo" in _mentions_of(engine, "Mairie du Golfe 5 (Togo)")
    groups = _mentions_of(engine, "groupes-pays France et Corée de véritables pôles")
    assert {"groupe-pays France de Corée", "groupe-pays Corée"} <= groups
    assert "France" in _mentions_of(engine, "주프랑스 한국 대표단")


def test_the_bundled_translation_s_french_local_authorities_are_not_france(engine):
    annotations = engine.annotations()
    text = "오늘 이 자리에는 프랑스 지자체와 거의 같은 수의 한국 지자체가 참석했습니다."
    (chunk,) = [c for c in engine.chunks if text in c.text]
    start = chunk.text.index(text)
    inside = [m for m in annotations.mentions[chunk.ordinal] if start <= m.start < start + len(text)]
    assert inside == []


def test_annotations_of_an_older_recognition_are_recomputed_not_served():
    text = "faire des groupes-pays France et Corée de véritables pôles"
    chunks = [Chunk("t:0", "t", "fr", text, 0, len(text), 0)]
    glossary = Glossary.load()
    stored = Annotations.build(chunks, glossary).to_json()
    stored["version"] = str(int(ANNOTATIONS_VERSION) - 1)
    stored["mentions"] = {"0": [["place:france", "France", 43, 49, "name"]]}
    loaded = load_annotations(stored, chunks, glossary)
    assert {m.entity for m in loaded.mentions[0]} == {
        "organisation:groupe-pays-france-de-coree",
        "organisation:groupe-pays-coree",
    }


def test_embassies_have_their_korean_names(gazetteer):
    labels = {}
    for text in ("l'Ambassade de France en Corée", "주프랑스 대사관", "Ambassade du Vietnam"):
        (mention,) = recognise(text, gazetteer)
        labels[text] = gazetteer.entities[mention.entity].label("ko")
    assert labels == {
        "l'Ambassade de France en Corée": "주한 프랑스 대사관",
        "주프랑스 대사관": "주프랑스 대한민국 대사관",
        "Ambassade du Vietnam": "베트남 대사관",
    }
