"""`seminar-search dossier`: the issue's acceptance cases, through the real entry point."""

from __future__ import annotations

import json
import re

import pytest

from app.cli import main


def dossier(capsys, index_dir, *names):
    code = main(["dossier", *names, "--json", "--index-dir", str(index_dir)])
    out, err = capsys.readouterr()
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def figure(record, normal):
    matches = [f for f in record["figures"] if f["normal"] == normal]
    assert matches, f"{normal} not in {[f['normal'] for f in record['figures']]}"
    return matches[0]


def test_gunsan_lists_its_figures_with_french_and_korean_sources(capsys, bundled_index):
    (gunsan,) = dossier(capsys, bundled_index, "Gunsan")
    for normal, french, korean in (
        ("3000000000 W", "3 GW", "3GW"),
        ("320000000000 KRW", "320 Milliards de won", "3,200억 원"),
        ("517100000000 KRW", "517,1 Milliards de won", "5,171억 원"),
    ):
        found = figure(gunsan, normal)
        assert found["languages"] == ["fr", "ko"]
        written = {(s["lang"], s["text"]) for s in found["sources"]}
        assert ("fr", french) in written and ("ko", korean) in written


def test_seogu_includes_jae_hyun_lee_s_speech_and_its_budget(capsys, bundled_index):
    (seogu,) = dossier(capsys, bundled_index, "서구")
    assert seogu["entity"]["name"] == "Seogu"
    assert "Jae Hyun Lee" in [s["name"] for s in seogu["speakers"]]
    lee = next(s for s in seogu["speakers"] if s["name"] == "Jae Hyun Lee")
    assert any("Seogu" in role for role in lee["roles"]) and any("서구청장" in role for role in lee["roles"])
    assert any("Jae Hyun Lee" in p["speaker"] for p in seogu["passages"])
    budget = figure(seogu, "165000000000 KRW")
    assert {s["lang"] for s in budget["sources"]} == {"fr", "ko"} and budget["context"] == "budget"


def test_suwon_has_the_rain_city_seasons_and_the_water_self_sufficiency_figures(capsys, bundled_index):
    (suwon,) = dossier(capsys, bundled_index, "Suwon")
    texts = "\n".join(p["text"] + "".join(a["text"] for a in p["aligned"]) for p in suwon["passages"])
    assert "Saison 1" in texts and "Saison 2" in texts and "Saison 3" in texts and "시즌 3" in texts
    for normal in ("11 %", "35 %", "50 %"):
        assert figure(suwon, normal)["languages"] == ["fr", "ko"]
    assert "Tours" in [p["entity"]["name"] for p in suwon["partners"]]
    assert {e["doc"] for e in suwon["events"]} == {"2020-09-21-point-pays-coree", "2021-tours-transition-ecologique"}


def test_passages_come_in_document_order_with_their_counterpart(capsys, bundled_index):
    (seogu,) = dossier(capsys, bundled_index, "Seogu")
    starts = [(p["doc"], p["start"]) for p in seogu["passages"]]
    assert starts == sorted(starts, key=lambda s: (s[0] != starts[0][0], s[1]))
    assert all(p["aligned"] for p in seogu["passages"] if not p["translated"])
    assert {t["domain"] for t in seogu["themes"]} >= {"waste"}


def test_the_readable_dossier_names_the_entity_and_its_figures(capsys, bundled_index):
    code = main(["dossier", "Gunsan", "--index-dir", str(bundled_index)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.startswith("# Gunsan (place)") and "3 GW = 3GW" in out


@pytest.mark.parametrize("argv", [["dossier", "Atlantide"], ["dossier", "Suwon", "--lang", "de"]])
def test_bad_input_is_one_line_and_exit_2(capsys, bundled_index, argv):
    code = main([*argv, "--index-dir", str(bundled_index)])
    _out, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1


def test_the_index_stores_the_annotations_and_search_uses_them(tmp_path, encoder, monkeypatch):
    from index.builder import build_index
    from search.annotations import Annotations, annotate_chunks
    from search.engine import SearchEngine

    folder = tmp_path / "docs"
    folder.mkdir()
    # Written by the team for testing.
    (folder / "note.txt").write_text(
        "VILLE DE GUNSAN\n\nUn parc solaire de 3 GW a été annoncé en 2018.\n", encoding="utf-8"
    )
    build_index([folder], tmp_path / "index", encoder=encoder, annotate=annotate_chunks)
    generation = next((tmp_path / "index").glob("gen-*"))
    stored = json.loads((generation / "annotations.json").read_text(encoding="utf-8"))
    assert any(e["name"] == "Gunsan" for e in stored["entities"])

    def no_rebuild(*_args, **_kwargs):
        raise AssertionError("stored annotations were not used")

    monkeypatch.setattr(Annotations, "build", classmethod(no_rebuild))
    engine = SearchEngine.open(tmp_path / "index", encoder=encoder)
    assert "Un parc solaire de 3 GW" in engine.search("", entity="Gunsan").results[0].text
    assert engine.search("3 GW", lang="fr", k=1).results


@pytest.fixture(scope="module")
def server(engine):
    import ui
    from app.server import create_server, start_in_thread

    running = start_in_thread(create_server(engine, ui.build_app(engine)))
    try:
        yield running.url
    finally:
        running.close()


def test_rest_dossier_and_entity_filter(server):
    import httpx

    http = httpx.Client(base_url=server, timeout=60)
    response = http.get("/api/dossier", params={"entity": "수원"})
    assert response.status_code == 200
    suwon = response.json()
    assert suwon["entity"]["name"] == "Suwon" and any(f["normal"] == "35 %" for f in suwon["figures"])
    within = http.get("/api/search", params={"q": "énergie", "entity": "Gunsan", "lang": "ko"}).json()
    assert within["results"] and all(r["lang"] == "ko" for r in within["results"])
    assert within["filters"]["entity"] == "Gunsan"
    unknown = http.get("/api/dossier", params={"entity": "Atlantide"})
    assert unknown.status_code == 400 and "Atlantide" in unknown.json()["error"]
    empty = http.get("/api/search", params={"q": ""})
    assert empty.status_code == 422 and "error" in empty.json()


def test_an_unknown_name_says_so_suggests_near_names_and_how_to_list_them(capsys, bundled_index):
    assert main(["dossier", "Nowhere", "--index-dir", str(bundled_index)]) == 2
    _out, err = capsys.readouterr()
    assert "no city, organisation or person named 'Nowhere' in the archive" in err
    assert "nearest" not in err and "seminar-search dossier --list" in err and err.count("\n") == 1
    assert main(["dossier", "Suwn", "--index-dir", str(bundled_index)]) == 2
    _out, err = capsys.readouterr()
    assert "nearest: Suwon" in err


def test_list_shows_the_known_entities_by_type_with_passage_counts(capsys, bundled_index):
    assert main(["dossier", "--list", "--index-dir", str(bundled_index)]) == 0
    out, _err = capsys.readouterr()
    assert out.startswith("# place\n") and "# person" in out
    assert re.search(r"^  Suwon / 수원\S* — \d+ passages?$", out, re.M)
    assert main(["dossier", "--list", "--json", "--index-dir", str(bundled_index)]) == 0
    records = [json.loads(line) for line in capsys.readouterr()[0].splitlines()]
    suwon = next(r for r in records if r["name"] == "Suwon")
    assert suwon["type"] == "place" and suwon["passages"] >= 2 and suwon["labels"]["ko"].startswith("수원")
    assert main(["dossier", "--index-dir", str(bundled_index)]) == 2
    assert "--list" in capsys.readouterr()[1]


def test_counts_in_headings_are_not_key_figures(capsys, bundled_index):
    (chungnam,) = dossier(capsys, bundled_index, "Chungnam")
    written = [s["text"] for f in chungnam["figures"] for s in f["sources"]]
    assert "4 COLLECTIVITÉS" not in written and "4개" not in written


def test_the_readable_dossier_writes_singular_and_plural_counts(capsys, bundled_index):
    assert main(["dossier", "Suwon", "Gunsan", "Chungnam", "--index-dir", str(bundled_index)]) == 0
    counts = re.findall(r"\((\d+) (passages?)\)", capsys.readouterr()[0])
    assert counts and all((n == "1") == (word == "passage") for n, word in counts)


def test_events_keep_the_place_as_written_and_give_its_names_by_language(capsys, bundled_index):
    (suwon,) = dossier(capsys, bundled_index, "Suwon")
    places = {e["doc"]: (e["place"], e["place_names"]) for e in suwon["events"]}
    place, names = places["2021-tours-transition-ecologique"]
    assert place == "Tours, France" and names == {"fr": "Tours, France", "ko": "프랑스 투르", "en": "Tours, France"}
    place, names = places["2020-09-21-point-pays-coree"]
    assert place == "Cité des Sciences et de l'Industrie, Paris, France" and names["ko"] == "프랑스 파리 과학산업관"


def test_a_place_the_glossary_does_not_hold_stays_as_written():
    from search.dossier import place_names
    from search.glossary import Glossary

    names = place_names("Salle Jean Moulin, Tours, France", Glossary.load())
    assert names["ko"] == "프랑스 투르 Salle Jean Moulin" and names["en"] == "Salle Jean Moulin, Tours, France"
    assert place_names("", Glossary.load()) == {"fr": "", "ko": "", "en": ""}


def test_themes_with_the_same_count_come_in_one_stable_order(capsys, bundled_index):
    records = dossier(capsys, bundled_index, "Suwon", "Goyang", "Seogu")
    for record in records:
        themes = [(-t["passages"], t["domain"]) for t in record["themes"]]
        assert themes == sorted(themes) and len(themes) >= 3


def test_key_figures_are_those_the_entity_presents_not_those_of_a_section_that_names_it(capsys, bundled_index):
    # The French Gunsan section names "la ville de Goyang" by mistake (the Korean carries a translator's note):
    # its figures stay Gunsan's; the passage itself still lists in Goyang's dossier.
    goyang, gunsan = dossier(capsys, bundled_index, "Goyang", "Gunsan")
    normals = [f["normal"] for f in goyang["figures"]]
    assert "3000000000 W" not in normals and "320000000000 KRW" not in normals and "5" not in normals
    assert "60000000000–70000000000 KRW" in normals
    assert any("3 GW" in p["text"] for p in goyang["passages"])
    assert "3000000000 W" in [f["normal"] for f in gunsan["figures"]]


def test_what_a_figure_measures_is_its_clause_not_a_fragment(capsys, bundled_index):
    records = dossier(capsys, bundled_index, "Gunsan", "Seogu", "Tours", "Gumi")
    labels = {
        (f["normal"], s["lang"]): s["context"] for record in records for f in record["figures"] for s in f["sources"]
    }
    assert labels[("5", "fr")] == "création de 5 centres de recherche sur l'énergie renouvelable"
    assert labels[("320000000000 KRW", "fr")] == "Investissement pour la création"
    assert labels[("517100000000 KRW", "fr")] == "investis d'ici 2024"
    # The euros in parentheses measure what the won do; neither is labelled by the other.
    assert labels[("18900000000 KRW", "fr")] == labels[("13200000 EUR", "fr")] == "investis dans cette politique"
    assert labels[("18900000000 KRW", "ko")] == "2019년부터 관련 정책에 투입"
    assert labels[("70 %", "fr")] == "Réduction des plaintes pour mauvaises odeurs"
    assert labels[("70 %", "ko")] == "악취 민원 감소"
    assert labels[("30000", "fr")] == "plantation de 30 000 arbres / arbustes..."
    assert labels[("50", "ko")] == "시민 50명으로 구성된 악취 감시단 운영"
    assert labels[("12", "fr")] == "12 pays différents"  # the aside "(Chine, Japon, … etc.)" ends its sentence
    edges = {"de", "du", "des", "la", "le", "les", "pour", "à", "au", "en", "avec", "par", "sur"}
    for label in labels.values():
        assert 0 < len(label) <= 80 and label.split()[0].casefold() not in edges, label
