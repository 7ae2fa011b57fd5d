"""Entities: recognition in both languages, person → role → city, partner cities, the entity filter."""

from __future__ import annotations

import json
import re

import pytest

from app.cli import main
from corpus.chunk import Chunk
from search.annotations import Annotations
from search.entities import Gazetteer, recognise
from search.glossary import Glossary

# Written by the team for testing, in the style of the seminar reports (not from the archive).
FRENCH = (
    "M. MIN-HO PARK\nMaire de Goyang\n"
    "La ville de Goyang, partenaire de Lyon, a présenté son marché de producteurs avec Cités Unies France."
)
KOREAN = "박민호(Min-Ho PARK) 고양시장\n고양시는 리옹시와 교류 관계를 맺고 있으며 프랑스 도시연합과 협력하고 있음"


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.from_glossary(Glossary.load())


def names(mentions, gazetteer):
    return {(gazetteer.entities[m.entity].type, gazetteer.entities[m.entity].name) for m in mentions}


def test_glossary_names_titles_and_city_patterns_in_french(gazetteer):
    found = names(recognise(FRENCH, gazetteer), gazetteer)
    assert {
        ("place", "Goyang"),
        ("place", "Lyon"),
        ("organisation", "Cités Unies France"),
        ("person", "Min-Ho Park"),
    } <= found


def test_korean_names_with_particles_and_romanised_forms(gazetteer):
    found = names(recognise(KOREAN, gazetteer), gazetteer)
    assert ("place", "Goyang") in found and ("organisation", "Cités Unies France") in found


def test_a_second_tour_is_not_the_city_of_tours(gazetteer):
    assert names(recognise("Ce second Tour franco-coréen", gazetteer), gazetteer) == set()
    assert ("place", "Tours") in names(recognise("VILLE DE TOURS", gazetteer), gazetteer)


def test_embassies_are_one_organisation_in_both_languages(gazetteer):
    french = names(recognise("l'Ambassade de France en Corée", gazetteer), gazetteer)
    korean = names(recognise("주한 프랑스 대사관과 협력하여", gazetteer), gazetteer)
    assert french == korean == {("organisation", "Ambassade de France en Corée")}


def test_person_role_city_and_partner_links():
    chunks = [
        Chunk("t:0", "t", "fr", FRENCH, 0, len(FRENCH), 0, speaker="Min-Ho Park"),
        Chunk("t.ko:0", "t.ko", "ko", KOREAN, 0, len(KOREAN), 1, speaker="박민호(Min-Ho PARK)", translated=True),
    ]
    annotations = Annotations.build(chunks, Glossary.load())
    roles = {(r.source, r.target, r.role) for r in annotations.relations if r.kind == "role"}
    assert ("person:min-ho-park", "place:goyang", "Maire de Goyang") in roles
    assert ("person:min-ho-park", "place:goyang", "고양시장") in roles
    partners = {frozenset((r.source, r.target)) for r in annotations.relations if r.kind == "partner"}
    assert frozenset(("place:goyang", "place:lyon")) in partners
    # The Korean speaker "박민호(Min-Ho PARK)" is the same person as the French one.
    assert annotations.direct_passages("person:min-ho-park") == {0, 1}


def test_annotations_survive_their_json_round_trip():
    chunks = [Chunk("t:0", "t", "fr", FRENCH, 0, len(FRENCH), 0)]
    built = Annotations.build(chunks, Glossary.load())
    loaded = Annotations.from_json(json.loads(json.dumps(built.to_json())))
    assert loaded.entities == built.entities and loaded.relations == built.relations
    assert loaded.mentions == built.mentions
    assert loaded.figures == {ordinal: found for ordinal, found in built.figures.items() if found}


def test_a_mayor_s_speech_matches_his_city(engine):
    """Jae Hyun Lee's speech never names Seogu in most passages: the person → city link brings it in."""
    listing = engine.search("", entity="Seogu", k=100)
    speakers = {result.speaker for result in listing.results}
    assert any("Jae Hyun Lee" in s or "이재현" in s for s in speakers)
    texts = " ".join(r.text for r in listing.results)
    assert "165 milliards de won" in texts and "tri précis des déchets" in texts
    ordinals = [engine.chunk(r.id).ordinal for r in listing.results]
    assert ordinals == sorted(ordinals)  # document order


def test_entity_filter_with_a_query_and_in_korean(engine):
    french_name = engine.search("déchets", entity="Seogu", k=20)
    korean_name = engine.search("déchets", entity="서구", k=20)
    assert french_name.results and [r.id for r in french_name.results] == [r.id for r in korean_name.results]
    assert all(r.lang == "ko" for r in engine.search("", entity="수원", lang="ko", k=100).results)


def test_facets_count_the_entities_of_results(engine):
    response = engine.search("빗물", k=10)
    facets = engine.annotations().facets(engine.chunk(r.id).ordinal for r in response.results)
    assert ("Suwon",) in {(entity.name,) for entity, _count in facets["place"]}
    assert all(count >= 1 for entries in facets.values() for _e, count in entries)


def test_cli_entity_filter_without_a_query_lists_the_passages(capsys, bundled_index):
    code = main(["search", "--entity", "Gunsan", "--json", "--index-dir", str(bundled_index)])
    out, err = capsys.readouterr()
    assert code == 0, err
    (response,) = [json.loads(line) for line in out.splitlines()]
    assert response["filters"]["entity"] == "Gunsan" and len(response["results"]) >= 2
    assert any("3 GW" in r["text"] for r in response["results"])


def test_cli_unknown_entity_is_one_line_and_exit_2(capsys, bundled_index):
    code = main(["search", "--entity", "Atlantide", "--index-dir", str(bundled_index)])
    _out, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1 and "Atlantide" in err


def test_cli_entity_listing_prints_no_score_but_a_search_does(capsys, bundled_index):
    assert main(["search", "--entity", "Suwon", "--index-dir", str(bundled_index)]) == 0
    listing = capsys.readouterr()[0]
    assert "Suwon" in listing and not re.search(r"\(\d\.\d{4}\)", listing)
    assert main(["search", "eau de pluie", "--entity", "Suwon", "--index-dir", str(bundled_index)]) == 0
    assert re.search(r"\(\d\.\d{4}\)", capsys.readouterr()[0])
