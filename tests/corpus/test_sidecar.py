"""Sidecar metadata with wrong types: a warning naming the file and the field, the field ignored, the document indexed.

The documents are written by the team for testing.
"""

from __future__ import annotations

import json

import pytest

from corpus.loader import load_documents

TEXT = "# Plan climat\n\nLa ville de Tours a présenté son plan climat et ses pistes cyclables.\n"
WRONG_FIELDS = [
    ({"date": 20220101}, "date"),
    ({"title": ["a", "b"]}, "title"),
    ({"title": None}, "title"),
    ({"language": 7}, "language"),
    ({"speakers": 5}, "speakers"),
    ({"speakers": ["Claire Guichard", 5]}, "speakers"),
    ({"id": 123}, "id"),
    ({"id": ""}, "id"),
    ({"id": "   "}, "id"),
    ({"translation_of": {"id": "x"}}, "translation_of"),
    ({"event": True}, "event"),
]


def document_with(tmp_path, sidecar: dict):
    (tmp_path / "plan.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "plan.txt.meta.json").write_text(json.dumps(sidecar), encoding="utf-8")
    report = load_documents([tmp_path])
    assert len(report.documents) == 1, report.warnings
    return report.documents[0], report.warnings


@pytest.mark.parametrize(("sidecar", "field"), WRONG_FIELDS, ids=[json.dumps(case) for case, _ in WRONG_FIELDS])
def test_a_wrong_field_is_named_and_ignored(tmp_path, sidecar, field):
    document, warnings = document_with(tmp_path, sidecar | {"place": "Tours"})
    lines = [line for line in warnings if "plan.txt.meta.json" in line and repr(field) in line]
    assert len(lines) == 1, warnings
    assert document.meta.place == "Tours"  # the right fields are kept
    meta = document.meta
    assert isinstance(meta.title, str) and meta.title and isinstance(meta.date, str) and isinstance(meta.language, str)
    assert meta.id == "plan" and all(isinstance(name, str) for name in meta.speakers)


def test_one_speaker_given_as_text_is_one_speaker(tmp_path):
    document, warnings = document_with(tmp_path, {"speakers": "Claire Guichard"})
    assert document.meta.speakers == ("Claire Guichard",) and not warnings


def test_unknown_fields_warn_but_do_not_fail(tmp_path):
    document, warnings = document_with(tmp_path, {"title": "Plan climat de Tours", "colour": "blue"})
    assert document.meta.title == "Plan climat de Tours"
    assert any("'colour'" in line and "unknown field" in line for line in warnings)


def test_every_field_of_the_record_is_accepted(tmp_path):
    """Fields added to ``DocumentMeta`` are part of the schema without a second list."""
    from dataclasses import fields

    from corpus.chunk import DocumentMeta

    sidecar = {item.name: ["x"] if item.name == "speakers" else "x" for item in fields(DocumentMeta)}
    document, warnings = document_with(tmp_path, sidecar)
    assert not warnings and document.meta.id == "x"


@pytest.mark.slow
def test_wrong_sidecars_index_and_serve_the_page(capsys, tmp_path):
    """The documents index through the CLI and their cards render (html.escape on every field)."""
    from app.cli import main

    for number, (sidecar, _) in enumerate(WRONG_FIELDS):
        (tmp_path / f"plan-{number}.txt").write_text(TEXT.replace("Tours", f"Tours {number}"), encoding="utf-8")
        (tmp_path / f"plan-{number}.txt.meta.json").write_text(json.dumps(sidecar), encoding="utf-8")
    code = main(["index", str(tmp_path), "--index-dir", str(tmp_path / "index")])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert f"indexed {len(WRONG_FIELDS)} documents" in out
    assert main(["info", "--index-dir", str(tmp_path / "index")]) == 0
