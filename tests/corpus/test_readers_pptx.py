"""Slide decks: slide titles become sections, speaker notes are kept as notes, each passage knows its slide.

The deck is made by the tests with python-pptx; its French and Korean text
was written by the team for testing.
"""

from __future__ import annotations

import json

import pytest
from format_samples import TEAM_LABEL, make_deck

from app.cli import main
from corpus.chunker import chunk_document
from corpus.loader import load_document, load_documents


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    return make_deck(tmp_path_factory.mktemp("deck") / "tours-suwon.pptx")


def test_titles_are_sections_notes_are_marked_and_slides_numbered(deck):
    document = load_document(deck)
    assert document.meta.title == "La gestion des déchets à Tours"  # no title property: the first slide's
    assert document.meta.author == TEAM_LABEL
    chunks = chunk_document(document)
    found = {(chunk.section, chunk.page): chunk.text for chunk in chunks}
    assert "Collecte des biodéchets" in found[("La gestion des déchets à Tours", 1)]
    assert "composte désormais" in found[("La gestion des déchets à Tours › Notes", 1)]
    assert "Déchets recyclés | 31 % | 42 %" in found[("Chiffres clés", 2)]
    assert "빗물 저금통" in found[("수원시의 빗물 관리", 3)]
    assert "시민 참여형" in found[("수원시의 빗물 관리 › 발표자 노트", 3)]
    # The notes are passages of their own: never mixed with the slide's text.
    assert not any("composte" in chunk.text and "Collecte" in chunk.text for chunk in chunks)


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.slow
def test_indexed_and_found_in_french_and_in_korean_with_the_slide(tmp_path, capsys, deck):
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / deck.name).write_bytes(deck.read_bytes())
    (folder / "abime.pptx").write_bytes(deck.read_bytes()[:2000])
    (folder / "ancien.pptx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    code, out, err = run(capsys, "index", folder, "--index-dir", tmp_path / "index")
    assert code == 0, err
    warnings = [line for line in err.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 2, err
    assert any("abime.pptx" in line and "corrupt PPTX" in line for line in warnings)
    assert any("ancien.pptx" in line and "save it as an unprotected .pptx" in line for line in warnings)
    assert "read 1 files (pptx 1); skipped 2 (unreadable 2)" in out
    code, out, _ = run(capsys, "search", "빗물 저금통", "--json", "-k", "1", "--index-dir", tmp_path / "index")
    top = json.loads(out)["results"][0]
    assert code == 0 and top["doc"] == "tours-suwon" and top["page"] == 3 and top["section"] == "수원시의 빗물 관리"
    code, out, _ = run(capsys, "search", "compostage des biodéchets", "-k", "2", "--index-dir", tmp_path / "index")
    assert code == 0 and "La gestion des déchets à Tours · p. 1" in out, out


def test_a_deck_without_text_is_an_empty_document(tmp_path):
    from pptx import Presentation

    blank = Presentation()
    blank.slides.add_slide(blank.slide_layouts[6])
    blank.save(tmp_path / "vide.pptx")
    report = load_documents([tmp_path])
    assert not report.documents and "vide.pptx: empty document" in report.warnings[0]
