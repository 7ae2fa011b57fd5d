"""The ``srt`` library's "Skipped unparseable SRT data" log becomes the reader's warning naming the file.

The transcript is written by the team for testing.
"""

from __future__ import annotations

import logging

from corpus.loader import load_documents

TRANSCRIPT = """NOTE DE LA RÉGIE : micro 2 coupé

1
00:00:01,000 --> 00:00:04,000
Claire Guichard : Bienvenue au séminaire franco-coréen.

2
00:00:05,000 --> 00:00:08,500
김민수 시장: 수원시의 빗물 관리 정책을 소개하겠습니다.
"""


def test_unparseable_srt_text_is_a_warning_naming_the_file(tmp_path, capfd, caplog):
    (tmp_path / "seance.srt").write_text(TRANSCRIPT, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        report = load_documents([tmp_path])
    assert len(report.documents) == 1 and "빗물" in report.documents[0].text
    lines = [line for line in report.warnings if "seance.srt" in line and "unparseable SRT text skipped" in line]
    assert len(lines) == 1 and "NOTE DE LA RÉGIE" in lines[0], report.warnings
    assert "Skipped unparseable" not in capfd.readouterr().err
    assert not [record for record in caplog.records if record.name == "srt"]


def test_cli_prints_it_once_as_a_warning(tmp_path, capfd):
    from app.cli import main

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "seance.srt").write_text(TRANSCRIPT, encoding="utf-8")
    code = main(["index", str(tmp_path / "docs"), "--index-dir", str(tmp_path / "index")])
    err = capfd.readouterr().err
    assert code == 0
    assert "Skipped unparseable" not in err
    assert err.count("unparseable SRT text skipped") == 1 and "seance.srt" in err
