"""A missing, empty, blank or garbled ``CURRENT`` never wipes an index: it is recovered, or refused in one line."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from app.cli import main
from index.generations import CURRENT_FILE, generations

POINTER_DAMAGE = {
    "missing": lambda pointer: pointer.unlink(),
    "empty": lambda pointer: pointer.write_bytes(b""),
    "blank": lambda pointer: pointer.write_bytes(b"  \n\t\n"),
    "garbled": lambda pointer: pointer.write_bytes(b"gen-#!?\n"),
    "traversal": lambda pointer: pointer.write_bytes(b"../../etc\n"),
    "non-utf8": lambda pointer: pointer.write_bytes(b"\xff\xfe\x00gen"),
    "deleted generation": lambda pointer: pointer.write_text("gen-20200101T000000-deadbeef\n", encoding="utf-8"),
    "a directory": lambda pointer: (pointer.unlink(), pointer.mkdir()),
}
COMMANDS = {
    "search": ["search", "zorglub", "--mode", "lexical", "--json", "-k", "3"],
    "info": ["info", "--json"],
    "terms": ["terms", "hydrogène", "--json"],
}


def run(capsys, *argv):
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def newest_generation(index_dir):
    return generations(index_dir)[0].name


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("damage", sorted(POINTER_DAMAGE))
def test_damaged_pointer_recovers_the_newest_generation(capsys, user_copy, damage, command):
    before = sorted(path.name for path in generations(user_copy))
    newest = newest_generation(user_copy)
    POINTER_DAMAGE[damage](user_copy / CURRENT_FILE)
    code, out, err = run(capsys, *COMMANDS[command], "--index-dir", user_copy)
    assert code == 0, err
    assert f"recovered the index from generation {newest}" in err
    assert "indexing the bundled" not in err
    assert sorted(path.name for path in generations(user_copy)) == before  # nothing deleted, nothing built
    if damage != "a directory":  # a folder in the way is the user's: left alone, the generation is read anyway
        assert (user_copy / CURRENT_FILE).read_text(encoding="utf-8").strip() == newest
    if command == "search":
        assert json.loads(out)["results"][0]["doc"] == "zorglub-tours"
    if command == "info":
        assert {"zorglub-tours", "goyang"} <= set(json.loads(out)["documents"])


def test_recovery_skips_a_newest_generation_that_is_damaged(capsys, user_copy):
    newest, older = [path.name for path in generations(user_copy)][:2]
    with (user_copy / newest / "vectors.npy").open("r+b") as handle:
        handle.seek(200)
        handle.write(b"\x00" * 64)
    (user_copy / CURRENT_FILE).unlink()
    code, _, err = run(capsys, "info", "--json", "--index-dir", user_copy)
    assert code == 0 and f"recovered the index from generation {older}" in err
    assert (user_copy / newest).is_dir()  # the damaged one is kept for the user to inspect


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_no_complete_generation_is_one_line_and_exit_2(capsys, user_copy, command):
    for generation in generations(user_copy):
        (generation / "manifest.json").write_bytes(b"{not json")
    (user_copy / CURRENT_FILE).write_bytes(b"")
    code, out, err = run(capsys, *COMMANDS[command], "--index-dir", user_copy)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "seminar-search index" in err and "Traceback" not in err
    assert len(generations(user_copy)) == 2  # still there


def test_info_without_any_index_says_how_to_build_one(capsys, tmp_path):
    code, out, err = run(capsys, "info", "--index-dir", tmp_path / "nothing")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "no index" in err and "seminar-search index" in err
    assert not (tmp_path / "nothing").exists()


def test_reindex_after_pointer_loss_keeps_the_user_sources(capsys, user_copy, encoder, monkeypatch):
    """``index`` with no path re-reads the recorded sources, not the bundled corpus."""
    import index.builder

    monkeypatch.setattr(index.builder, "load_encoder", lambda *args, **kwargs: encoder)  # the session's, loaded once
    (user_copy / CURRENT_FILE).unlink()
    code, out, err = run(capsys, "index", "--index-dir", user_copy)
    assert code == 0, err
    assert "indexed 5 documents" in out


def test_stray_files_are_not_generations(user_copy):
    shutil.copytree(generations(user_copy)[0], user_copy / "not-a-generation")
    os.utime(user_copy / "not-a-generation", None)
    assert "not-a-generation" not in [path.name for path in generations(user_copy)]
