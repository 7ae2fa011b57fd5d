"""Name keys across scripts: Hangul names and their Latin spellings meet in one index term.

The passages below were written by the team for testing.
"""

from __future__ import annotations

import json

import pytest

from index.analysis import analyze_passages, analyze_query, passage_terms
from index.bridges import NAME_PREFIX, NameMatcher, korean_key, korean_keys, latin_keys, strip_place_suffix


@pytest.mark.parametrize("hangul, latin", [
    ("수원", "Suwon"), ("수원시", "Suwon"), ("충남", "Chungnam"), ("충남도", "Chungnam"), ("고양시", "Goyang"),
    ("군산", "Gunsan"), ("인천", "Incheon"), ("서구", "Seogu"), ("새만금", "Saemangeum"),
    ("뚜르", "Tours"), ("투르", "Tours"), ("뚜르시", "Tours"), ("떼발디", "Tebaldi"), ("제롬", "Jérôme"),
    ("이씨레물리노", "Issy-les-Moulineaux"), ("이시레물리노", "Issy-les-Moulineaux"), ("그르노블", "Grenoble"),
    ("기샤르", "Guichard"), ("드니", "Denis"), ("보르도", "Bordeaux"), ("파리", "Paris"),
])
def test_a_korean_name_and_its_latin_spelling_share_a_key(hangul, latin):
    assert set(korean_keys(hangul)) & set(latin_keys(latin))


@pytest.mark.parametrize("hangul, latin", [
    ("수원", "Seoul"), ("뚜르", "Trois"), ("고양", "Gunsan"), ("떼발디", "Denis"), ("그르노블", "Grenade"),
    ("충남", "Chungbuk"), ("파리", "Pau"),
])
def test_different_names_keep_different_keys(hangul, latin):
    assert not set(korean_keys(hangul)) & set(latin_keys(latin))


def test_place_suffixes_come_off_but_short_names_stay_whole():
    assert [strip_place_suffix(w) for w in ("수원시", "충남도", "수원특례시", "서구", "도시", "인천광역시")] == \
        ["수원", "충남", "수원", "서구", "도시", "인천"]


def test_passages_in_both_scripts_share_the_name_term():
    korean, french = analyze_passages(
        ["떼발디 회장은 뚜르시와 이씨레물리노시를 대표해 수원시를 방문했다.",
         "Jérôme Tebaldi, adjoint au maire de Tours, a reçu la délégation de Suwon et d'Issy-les-Moulineaux."],
        ["ko", "fr"])
    shared = {t for t in korean if t.startswith(NAME_PREFIX)} & {t for t in french if t.startswith(NAME_PREFIX)}
    expected = {NAME_PREFIX + korean_key(w) for w in ("떼발디", "뚜르", "수원", "이씨레물리노")}  # without 시
    assert expected <= shared


def test_a_query_in_one_script_carries_the_key_of_the_other():
    assert NAME_PREFIX + korean_key("뚜르") in analyze_query("tours")  # typed in lower case: every query word counts
    assert NAME_PREFIX + korean_key("떼발디") in analyze_query("Tebaldi")
    assert set(latin_keys("Tours")) & {t[len(NAME_PREFIX):] for t in analyze_query("뚜르")}


def test_common_words_and_stopwords_give_no_name_terms_in_passages():
    terms = analyze_passages(["Le recyclage des déchets progresse dans la ville."], ["fr"])[0]
    assert not [t for t in terms if t.startswith(NAME_PREFIX)]


def test_name_terms_point_at_the_written_name_for_highlighting():
    text = "회의는 뚜르시(Tours)에서 열렸다."
    spans = {text[t.start:t.end] for t in passage_terms(text, "ko") if t.term.startswith(NAME_PREFIX)}
    assert {"뚜르시", "Tours"} <= spans


def test_the_matcher_finds_near_keys_only_for_keys_the_index_lacks():
    vocabulary = {NAME_PREFIX + key: 0 for key in ("sinon", "klnopl", "tpalti")} | {"tram": 1}
    matcher = NameMatcher(vocabulary)
    expanded = matcher.expand([NAME_PREFIX + korean_key("시농"), "tram"])  # 시농 → "sinonk", Chinon → "sinon"
    assert NAME_PREFIX + "sinon" in expanded and "tram" in expanded
    assert matcher.expand([NAME_PREFIX + "tpalti"]) == [NAME_PREFIX + "tpalti"]  # known: no neighbours added
    assert matcher.expand([NAME_PREFIX + "xyzwq"]) == [NAME_PREFIX + "xyzwq"]  # nothing near: nothing added
    assert matcher.expand([NAME_PREFIX + "tul"]) == [NAME_PREFIX + "tul"]  # too short to guess from


@pytest.mark.slow
def test_a_hangul_name_finds_the_french_document_through_the_cli(tmp_path, encoder, capsys, monkeypatch):
    from app.cli import main

    folder = tmp_path / "docs"
    folder.mkdir()
    # Two documents written by the team for testing; Bordeaux and 보르도 are in no glossary entry.
    (folder / "bordeaux.md").write_text(
        "# Coopération\n\nLa métropole de Bordeaux accueille une délégation coréenne pour parler de compostage "
        "des biodéchets et de jardins partagés.\n", encoding="utf-8")
    (folder / "lyon.md").write_text(
        "# Mobilités\n\nLa métropole de Lyon présente son réseau de pistes cyclables et ses tramways aux "
        "partenaires coréens.\n", encoding="utf-8")
    monkeypatch.setattr("index.encoders.load_encoder", lambda *args, **kwargs: encoder)
    index_dir = tmp_path / "index"
    assert main(["index", "--replace", str(folder), "--index-dir", str(index_dir)]) == 0
    capsys.readouterr()
    assert main(["search", "보르도", "--lang", "fr", "--json", "--index-dir", str(index_dir)]) == 0
    response = json.loads(capsys.readouterr().out.splitlines()[0])
    assert response["results"][0]["doc"] == "bordeaux"
    assert "Bordeaux" in response["results"][0]["matched"]
