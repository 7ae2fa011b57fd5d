"""Bad input on the command line: one line on stderr and exit code 2, never a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from app.cli import main


def command() -> list[str]:
    executable = shutil.which("seminar-search")
    return [executable] if executable else [sys.executable, "-m", "app.cli"]


def run_process(args, stdin: bytes = b""):
    done = subprocess.run([*command(), *args], input=stdin, capture_output=True, timeout=300)
    return done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")


def one_line(err: str) -> bool:
    return len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "stdin", "says"),
    [
        (["search", "--json", "--stdin"], b"\xff\xfe recyclage\n", "not valid UTF-8"),
        (["search", "--stdin"], "recyclage\n".encode("utf-16"), "not valid UTF-8"),
        (["search", b"\xffabc"], b"", "not valid UTF-8"),
        (["search", "recyclage", "--speaker", b"Suw\xffon"], b"", "not valid UTF-8"),
    ],
    ids=["stdin", "stdin utf-16", "argument", "speaker"],
)
def test_invalid_utf8_is_one_line(bundled_index, args, stdin, says):
    code, out, err = run_process([*args, "--index-dir", str(bundled_index)], stdin)
    assert code == 2 and out == "" and one_line(err) and says in err, err


@pytest.mark.parametrize("port", ["99999", "-1", "0", "65536", "http", "1e3"])
def test_serve_with_a_bad_port_is_one_line(capsys, port):
    code = main(["serve", "--port", port, "--index-dir", "/nonexistent/never-built"])
    err = capsys.readouterr().err
    assert code == 2 and one_line(err) and "port" in err


@pytest.mark.parametrize("command_args", [["index"], ["search", "recyclage"], ["info"]])
def test_unwritable_index_folder_is_one_line(capsys, command_args):
    # Tests run as root here, so a permission cannot be taken away: a folder under a regular file cannot exist.
    code = main([*command_args, "--index-dir", "/dev/null/index"])
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("seminar-search: error:")]
    assert code == 2 and "Traceback" not in err and len(errors) == 1 and "/dev/null/index" in errors[0], err
    assert err.strip().splitlines()[-1] == errors[0]  # `search` may first say that it builds: then one error line


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_read_only_index_folder_is_one_line(capsys, tmp_path):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        code = main(["index", "--index-dir", str(folder / "index")])
    finally:
        folder.chmod(0o700)
    err = capsys.readouterr().err
    assert code == 2 and one_line(err)


def test_no_command_prints_help_on_stderr_and_exits_2(capsys):
    code = main([])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and "usage:" in err and "no command" in err
