"""The `seminar-search` command through its real entry point."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_search_json_lines_one_object_per_query(capsys, bundled_index):
    code, out, err = run(
        capsys,
        "search",
        "수소",
        "hydrogène",
        "urban farming",
        "--json",
        "--lang",
        "fr",
        "-k",
        "3",
        "--index-dir",
        bundled_index,
    )
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["query"] for line in lines] == ["수소", "hydrogène", "urban farming"]
    assert [line["query_lang"] for line in lines] == ["ko", "fr", "en"]
    for line in lines:
        assert len(line["results"]) == 3
        for result in line["results"]:
            assert {
                "rank",
                "score",
                "doc",
                "title",
                "lang",
                "section",
                "speaker",
                "text",
                "start",
                "end",
                "matched",
            } <= set(result)
            assert result["lang"] == "fr"
    assert any(e["to"] == "hydrogène" for e in lines[0]["expansions"])


def test_search_reads_queries_from_stdin(capsys, bundled_index, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("재활용\n\n탄소중립\n"))
    code, out, _ = run(capsys, "search", "--stdin", "--json", "--lang", "fr", "-k", "10", "--index-dir", bundled_index)
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [line["query"] for line in lines] == ["재활용", "탄소중립"]
    assert all(1 <= len(line["results"]) <= 10 for line in lines)  # weak candidates stay below the relevance floor


def test_readable_output_marks_matched_terms(capsys, bundled_index):
    code, out, _ = run(capsys, "search", "hydrogène", "--lang", "fr", "-k", "2", "--index-dir", bundled_index)
    assert code == 0 and "[[hydrogène]]" in out and "## hydrogène" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["search", "   "], "empty query"),
        (["search", "x", "--lang", "de"], "invalid language 'de'"),
        (["search", "x", "--mode", "magic"], "invalid mode"),
        (["search", "x", "-k", "0"], "number of results"),
        (["search"], "no query given"),
        (["search", "x", "--doc", "unknown-doc"], "invalid document"),
        (["eval", "does-not-exist.jsonl"], "no such file"),
        (["terms"], "give a TERM"),
        (["index", "/no/such/folder"], "no such file or directory"),
        (["bogus"], "unknown command 'bogus'"),
    ],
)
def test_bad_input_is_one_line_and_exit_code_2(capsys, bundled_index, argv, message):
    code, out, err = run(capsys, *argv, "--index-dir", bundled_index) if argv[0] != "bogus" else run(capsys, *argv)
    assert code == 2
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_argparse_errors_exit_2(capsys):
    assert main(["search", "x", "-k", "many"]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert main(["--help"]) == 0 and "seminar-search search 수소" in capsys.readouterr().out


def test_very_long_query_is_truncated_with_a_notice(capsys, bundled_index):
    code, out, err = run(capsys, "search", "recyclage " * 10_000, "--json", "-k", "2", "--index-dir", bundled_index)
    assert code == 0 and "truncated" in err and json.loads(out)["results"]


def test_corrupt_and_mismatched_indexes_are_refused(capsys, bundled_index, tmp_path):
    from index.store import current_generation

    copy = tmp_path / "copy"
    shutil.copytree(bundled_index, copy)
    manifest_path = current_generation(copy) / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["chunker_version"] = "0"
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    code, _, err = run(capsys, "search", "x", "--index-dir", copy)
    assert code == 2 and "rebuild" in err and len(err.strip().splitlines()) == 1
    manifest_path.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "info", "--index-dir", copy)
    assert code == 2 and "damaged" in err


def test_index_reports_and_handles_non_utf8_and_unreadable_files(capsys, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "seminaire.txt").write_bytes(
        "수원시 레인시티 사업은 빗물 관리 정책입니다.\n\n고양시는 도시농업을 추진합니다.".encode("cp949")
    )
    (docs / "notes.md").write_text("# Notes\n\nLa ville de Tours et la végétalisation.", encoding="utf-8")
    (docs / "garbage.txt").write_bytes(os.urandom(4000))
    code, out, err = run(capsys, "index", docs, "--index-dir", tmp_path / "index")
    assert code == 0
    assert "indexed 2 documents" in out and "garbage.txt" in err and "seminaire.txt: decoded as" in err
    code, out, _ = run(capsys, "search", "빗물", "--json", "-k", "1", "--index-dir", tmp_path / "index")
    assert json.loads(out)["results"][0]["doc"] == "seminaire"


def test_info_and_eval(capsys, bundled_index, tmp_path):
    code, out, _ = run(capsys, "info", "--index-dir", bundled_index)
    assert code == 0 and "use-m3" in out and "working translation of 2021-tours-transition-ecologique" in out
    queries = tmp_path / "q.jsonl"
    queries.write_text(
        json.dumps(
            {
                "id": "1",
                "query": "수소",
                "lang": "ko",
                "kind": "term",
                "relevant": ["l'énergie du futur : l'hydrogène"],
            },
            ensure_ascii=False,
        )
        + "\n"
        + json.dumps(
            {"id": "2", "query": "rain water", "lang": "en", "kind": "phrase", "relevant": ["tirelires de la pluie"]}
        )
        + "\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "eval", queries, "--lang", "fr", "--index-dir", bundled_index)
    assert code == 0 and "KO→FR" in out and "EN→FR" in out and "hit@5" in out


def test_terms_lookup_and_exports(capsys, bundled_index, tmp_path):
    code, out, _ = run(capsys, "terms", "수소", "--index-dir", bundled_index)
    assert code == 0 and "hydrogène" in out and "[[수소]]" in out and "[[hydrogène]]" in out
    code, out, _ = run(capsys, "terms", "hydrogne", "--index-dir", bundled_index)
    assert code == 0 and "No glossary entry" in out and "hydrogène" in out
    code, _, err = run(capsys, "terms", "--export", "tbx", "-o", tmp_path / "g.tbx", "--index-dir", bundled_index)
    assert code == 0 and (tmp_path / "g.tbx").read_text(encoding="utf-8").startswith("<?xml")
    code, _, err = run(
        capsys, "terms", "--export", "csv", "-o", tmp_path / "missing" / "g.csv", "--index-dir", bundled_index
    )
    assert code == 2 and "cannot write" in err


def test_search_builds_the_default_index_when_missing(capsys, isolated_env):
    code, out, err = run(capsys, "search", "재활용", "--json", "--lang", "fr", "-k", "2")
    assert code == 0 and "indexing the bundled seminar corpus" in err
    assert len(json.loads(out)["results"]) == 2
    assert (isolated_env / "index" / "CURRENT").exists()


@pytest.mark.slow
def test_console_script_end_to_end(tmp_path, bundled_index):
    executable = shutil.which("seminar-search")
    command = [executable] if executable else [sys.executable, "-m", "app.cli"]
    done = subprocess.run(
        [*command, "search", "--stdin", "--json", "--lang", "fr", "-k", "10", "--index-dir", str(bundled_index)],
        input="수소\nrecycling\n",
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["query"] for line in done.stdout.splitlines()] == ["수소", "recycling"]
    failed = subprocess.run(
        [*command, "search", "", "--index-dir", str(bundled_index)], capture_output=True, text=True, timeout=120
    )
    assert failed.returncode == 2 and failed.stderr.count("\n") == 1 and "Traceback" not in failed.stderr


def test_transcript_results_show_their_time_code(capsys, tmp_path):
    srt = tmp_path / "seance.srt"
    srt.write_text(
        "1\n00:01:05,000 --> 00:01:09,500\nJEAN DUPONT: Bonjour à tous, merci d'être venus à Suwon.\n\n"
        "2\n00:01:10,000 --> 00:01:16,000\nJEAN DUPONT: Parlons de la collecte de l'eau de pluie.\n\n"
        "3\n00:02:00,000 --> 00:02:10,000\nKIM MINSU: 수원시는 빗물 저금통을 보급했습니다.\n",
        encoding="utf-8",
    )
    assert run(capsys, "index", srt, "--index-dir", tmp_path / "index")[0] == 0
    code, out, _ = run(capsys, "search", "eau de pluie", "--json", "-k", "1", "--index-dir", tmp_path / "index")
    result = json.loads(out)["results"][0]
    assert (
        code == 0 and result["speaker"] == "Jean Dupont" and result["time_start"] == 65.0 and result["time_end"] == 76.0
    )
    code, out, _ = run(capsys, "search", "eau de pluie", "-k", "1", "--index-dir", tmp_path / "index")
    assert "00:01:05–00:01:16" in out


def test_serve_on_a_taken_port_is_one_line(capsys, bundled_index):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = run(capsys, "serve", "--port", port, "--index-dir", bundled_index)
    assert code == 2 and f"cannot serve on 127.0.0.1:{port}" in err and "Traceback" not in err


def test_an_unknown_speaker_is_an_error_like_an_unknown_document(capsys, bundled_index):
    code, _out, err = run(capsys, "search", "hydrogène", "--speaker", "Nobody Atall", "--index-dir", bundled_index)
    assert code == 2 and "invalid speaker or section 'Nobody Atall'" in err and len(err.splitlines()) == 1
    _code, out, _err = run(capsys, "search", "déchets", "--json", "--index-dir", bundled_index)
    known = next(r["speaker"] or r["section"] for r in json.loads(out)["results"] if r["speaker"] or r["section"])
    code, out, _err = run(capsys, "search", "déchets", "--speaker", known, "--json", "--index-dir", bundled_index)
    assert code == 0 and json.loads(out)["results"]


def test_a_mistyped_command_gets_a_suggestion(capsys):
    code, _out, err = run(capsys, "serch", "hydrogène")
    assert code == 2 and "did you mean 'search'?" in err


def test_help_examples_are_on_their_own_lines(capsys):
    code, out, _err = run(capsys, "terms", "--help")
    assert code == 0 and "\n  seminar-search terms 수소\n" in out
    option = next(line for line in out.splitlines() if line.strip().startswith("--json"))
    assert "JSON" in option  # --json has its help text
