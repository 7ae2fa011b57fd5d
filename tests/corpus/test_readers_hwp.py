"""HWP 5 and HWPX: headings become sections, tables keep their text, properties give title and author.

The documents are made by the tests with python-hwpx (which writes HWPX and
converts to HWP 5); their Korean text was written by the team for testing.
"""

from __future__ import annotations

import json
import sys

import pytest
from format_samples import TEAM_LABEL, make_hangul_document

from app.cli import main
from corpus.chunker import chunk_document
from corpus.loader import load_document, load_documents

pytest.importorskip("hwpx", reason="python-hwpx is installed by the formats extra")


@pytest.fixture(scope="module")
def hangul_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hangul")
    return make_hangul_document(folder / "수원-수소.hwpx"), make_hangul_document(folder / "수원-수소-hwp5.hwp")


@pytest.mark.parametrize("kind", [0, 1], ids=["hwpx", "hwp5"])
def test_headings_tables_and_properties(hangul_files, kind):
    document = load_document(hangul_files[kind])
    assert document.meta.title == "수원시 수소 도시 추진 현황"
    assert document.meta.author == TEAM_LABEL
    assert document.meta.language == "ko"
    assert "수소 시내버스 도입 | 100대" in document.text
    chunks = chunk_document(document)
    by_section = {chunk.section: chunk.text for chunk in chunks}
    assert "충전소 확충" in by_section["추진 배경"]
    table_section = next(section for section in by_section if section.endswith("주요 사업"))
    assert "수소 충전소 구축 | 5개소" in by_section[table_section]
    assert all(chunk.page is None for chunk in chunks)  # HWP pages are laid out by Hangul, not stored


def test_both_forms_read_the_same_text(hangul_files):
    hwpx, hwp5 = (load_document(path) for path in hangul_files)
    assert hwpx.text == hwp5.text


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.slow
def test_indexed_and_found_in_korean_and_in_french(tmp_path, capsys, hangul_files):
    folder = tmp_path / "docs"
    folder.mkdir()
    make_hangul_document(folder / "수원-수소.hwpx")
    # The same text twice would be a duplicate: the HWP 5 one ends with its own paragraph.
    make_hangul_document(folder / "수원-충전소.hwp", "수소 충전소 5개소는 2026년까지 시내 곳곳에 들어선다.")
    (folder / "broken.hwpx").write_bytes(b"PK\x03\x04 not a real archive")
    (folder / "broken.hwp").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    code, out, err = run(capsys, "index", folder, "--index-dir", tmp_path / "index")
    assert code == 0, err
    warnings = [line for line in err.splitlines() if line.startswith("warning:")]
    assert any("broken.hwpx" in line and "HWPX" in line for line in warnings), err
    assert any("broken.hwp:" in line and "HWP" in line for line in warnings), err
    assert "read 2 files (hwp 1, hwpx 1); skipped 2 (unreadable 2)" in out
    for query in ("수소 충전소", "hydrogène"):
        code, out, err = run(capsys, "search", query, "--json", "-k", "5", "--index-dir", tmp_path / "index")
        results = json.loads(out)["results"]
        assert code == 0 and {"수원-수소", "수원-충전소"} <= {result["doc"] for result in results}, (query, out, err)
        assert all(result["lang"] == "ko" for result in results)


def test_without_python_hwpx_one_warning_names_the_package(tmp_path, monkeypatch, hangul_files):
    (tmp_path / "note.txt").write_text("Compte rendu de la réunion du groupe-pays Corée.\n", encoding="utf-8")
    (tmp_path / hangul_files[0].name).write_bytes(hangul_files[0].read_bytes())
    monkeypatch.setitem(sys.modules, "hwpx", None)  # as if the package were not installed
    report = load_documents([tmp_path])
    assert [doc.id for doc in report.documents] == ["note"]
    assert len(report.warnings) == 1
    assert hangul_files[0].name in report.warnings[0] and "pip install python-hwpx" in report.warnings[0]
    assert report.skipped_by_reason == {"needs a package": 1}


def test_hwp3_and_foreign_files_are_named(tmp_path):
    old = tmp_path / "1998-보고서.hwp"
    old.write_bytes(b"HWP Document File V3.00 \x1a\x01\x02\x03\x04\x05" + b"\x00" * 64)
    text = tmp_path / "renamed.hwpx"
    text.write_text("not a Hangul document", encoding="utf-8")
    report = load_documents([tmp_path])
    assert not report.documents
    assert any("1998-보고서.hwp" in w and "HWP 3" in w and "save it as HWPX" in w for w in report.warnings)
    assert any("renamed.hwpx" in w and "not an HWP or HWPX file" in w for w in report.warnings)
