"""``terms --suggest`` and the user glossary file it feeds.

The documents and glossary rows below were written by the team for testing.
"""

from __future__ import annotations

import json

import pytest

from corpus.errors import GlossaryError
from search.glossary import COLUMNS, USER_GLOSSARY_ENV, Glossary, load_glossaries, read_glossary

# Two documents about the same visit, in two languages, not translations of each other.
KOREAN = ("# 보르도 방문\n\n고양시 대표단은 보르도 메트로폴을 찾아 지렁이 퇴비화 시설과 공동 텃밭을 둘러봤다. "
          "보르도 측은 음식물 쓰레기를 지렁이로 처리하는 방식을 설명했다.\n")
FRENCH = ("# Visite coréenne\n\nBordeaux Métropole a reçu une délégation de Goyang venue étudier le lombricompostage "
          "des biodéchets et les jardins partagés de Bordeaux.\n")
USER_ROW = "lombricompostage\t지렁이 퇴비화\tvermicomposting\twaste\twritten by the team for testing\n"


@pytest.fixture(scope="module")
def visit_index(tmp_path_factory, encoder):
    from index.builder import build_index

    root = tmp_path_factory.mktemp("visit")
    (root / "docs").mkdir()
    (root / "docs" / "bordeaux-ko.md").write_text(KOREAN, encoding="utf-8")
    (root / "docs" / "bordeaux-fr.md").write_text(FRENCH, encoding="utf-8")
    build_index([root / "docs"], root / "index", encoder=encoder)
    return root / "index"


@pytest.fixture
def cli(monkeypatch, encoder, capsys):
    from app.cli import main

    monkeypatch.setattr("index.encoders.load_encoder", lambda *args, **kwargs: encoder)

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err
    return run


@pytest.mark.slow
def test_names_shared_by_documents_in_two_scripts_are_suggested(cli, visit_index):
    code, out, _ = cli("terms", "--suggest", "--json", "--index-dir", str(visit_index))
    assert code == 0
    suggestions = [json.loads(line) for line in out.splitlines()]
    bordeaux = [s for s in suggestions if s["fr"] == "Bordeaux"]
    assert bordeaux and bordeaux[0]["ko"] == "보르도" and bordeaux[0]["kind"] == "name"
    assert bordeaux[0]["domain"] == "places" and bordeaux[0]["support"] == 2


@pytest.mark.slow
def test_suggestions_are_written_as_a_glossary_that_search_then_uses(cli, visit_index, tmp_path):
    output = tmp_path / "mine.tsv"
    code, _, err = cli("terms", "--suggest", "-o", str(output), "--index-dir", str(visit_index))
    assert code == 0 and "--glossary" in err
    assert any(entry.fr == ("Bordeaux",) for entry in read_glossary(output))
    code, out, _ = cli("search", "보르도", "--json", "--lang", "fr", "--glossary", str(output),
                       "--index-dir", str(visit_index))
    assert code == 0
    expansions = json.loads(out.splitlines()[0])["expansions"]
    assert {"from": "보르도", "to": "Bordeaux", "lang": "fr"}.items() <= expansions[0].items()


@pytest.mark.slow
def test_an_existing_file_is_never_replaced_without_force(cli, visit_index, tmp_path):
    output = tmp_path / "checked-by-hand.tsv"
    output.write_text("\t".join(COLUMNS) + "\n" + USER_ROW, encoding="utf-8")
    code, out, err = cli("terms", "--suggest", "-o", str(output), "--index-dir", str(visit_index))
    assert code == 2 and "already exists" in err and "--force" in err and len(err.strip().splitlines()) == 1
    assert USER_ROW in output.read_text(encoding="utf-8")
    code, _, _ = cli("terms", "--suggest", "-o", str(output), "--force", "--index-dir", str(visit_index))
    assert code == 0 and USER_ROW not in output.read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("argv", [["--limit", "0"], ["수소"], ["--export", "csv"]])
def test_bad_suggest_options_are_one_line(cli, visit_index, argv):
    code, _, err = cli("terms", "--suggest", *argv, "--index-dir", str(visit_index))
    assert code == 2 and len(err.strip().splitlines()) == 1


@pytest.mark.slow
def test_aligned_passages_give_pairs_the_glossary_lacks(engine):
    from search.suggest_terms import suggest_terms

    suggestions = suggest_terms(engine, limit=200)
    aligned = [s for s in suggestions if s.kind == "aligned"]
    assert aligned and all(s.support >= 2 and s.score > 0 for s in aligned)
    bundled_korean = {"".join(v.split()) for entry in Glossary.load().entries for v in entry.ko}
    assert not [s for s in suggestions if "".join(s.ko.split()) in bundled_korean]


def test_the_user_glossary_adds_to_the_bundled_one(tmp_path, monkeypatch):
    user = tmp_path / "user.tsv"
    user.write_text("\t".join(COLUMNS) + "\n" + USER_ROW, encoding="utf-8")
    bundled = Glossary.load()
    monkeypatch.delenv(USER_GLOSSARY_ENV, raising=False)
    assert len(load_glossaries()) == len(bundled)
    both = load_glossaries(user)
    assert len(both) == len(bundled) + 1
    match = [m for m in both.find_in("지렁이 퇴비화 시설") if m.entry.source == str(user)]
    assert match and match[0].entry.fr == ("lombricompostage",)
    monkeypatch.setenv(USER_GLOSSARY_ENV, str(user))
    assert len(load_glossaries()) == len(bundled) + 1


def test_a_missing_or_malformed_user_glossary_is_one_clear_error(tmp_path):
    with pytest.raises(GlossaryError, match="no such glossary file"):
        load_glossaries(tmp_path / "absent.tsv")
    bad = tmp_path / "bad.tsv"
    bad.write_text("\t".join(COLUMNS) + "\nrecyclage\t재활용\trecycling\tnot-a-domain\t\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"bad\.tsv:2: unknown domain"):
        load_glossaries(bad)
