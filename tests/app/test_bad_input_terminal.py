"""Terminal injection: escape sequences in documents and queries never reach the terminal; JSON stays valid.

The hostile document is written by the team for testing.
"""

from __future__ import annotations

import json

import pytest

from app.cli import main
from app.terminal import for_terminal, json_for_terminal

HOSTILE = "\x1b]0;PWNED\x07\x1b[2J\x1b[31mrouge\x1b[0m \x9b31m\x9d8;;http://x\x9c \u202eevil\u202c \x00\x08\r"
# What the text reader accepts as text (it refuses NUL and most C0 as binary): the issue's own example.
HOSTILE_DOCUMENT = "\x1b]0;PWNED\x07\x1b[2J\x1b[31mrouge\x1b[0m \u202eevil\u202c"
RAW_FORBIDDEN = ["\x1b", "\x07", "\x9b", "\x9d", "\x9c", "\u202e", "\u202c", "\x00", "\x08", "\r"]
CASES = {
    "OSC title": ("\x1b]0;PWNED\x07수소", "수소"),
    "OSC with ST": ("\x1b]8;;http://evil\x1b\\lien\x1b]8;;\x1b\\", "lien"),
    "clear screen and colour": ("\x1b[2J\x1b[31mhydrogène\x1b[0m", "hydrogène"),
    "8-bit CSI": ("a\x9b2Jb", "ab"),
    "cursor save": ("a\x1b7b", "ab"),
    "lone ESC at end": ("fin\x1b", "fin"),
    "bidi override": ("abc\u202edef", "abc\\u202edef"),
    "bidi isolate": ("\u2066x\u2069", "\\u2066x\\u2069"),
    "NUL and backspace": ("a\x00b\x08c", "a\\u0000b\\u0008c"),
    "carriage return": ("safe\rfake", "safe\\u000dfake"),
    "DEL": ("a\x7fb", "a\\u007fb"),
    "line separator": ("a\u2028b", "a\\u2028b"),
    "Korean and French kept": ("수원시 레인시티, l'écologie à Tours", "수원시 레인시티, l'écologie à Tours"),
    "newlines and tabs kept": ("un\ndeux\ttrois\r\n", "un\ndeux\ttrois\n"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_for_terminal(case):
    text, expected = CASES[case]
    assert for_terminal(text) == expected


@pytest.mark.parametrize("case", sorted(CASES))
def test_json_for_terminal_round_trips(case):
    text, _ = CASES[case]
    line = json_for_terminal({"text": text})
    assert json.loads(line) == {"text": text}
    assert not any(char in line for char in RAW_FORBIDDEN)


@pytest.fixture(scope="module")
def hostile_index(tmp_path_factory, encoder):
    from index.builder import build_index

    root = tmp_path_factory.mktemp("hostile")
    (root / "docs").mkdir()
    (root / "docs" / "piege.txt").write_text(
        f"# Zorglub {HOSTILE_DOCUMENT}\n\nLa ville de Tours teste le zorglub {HOSTILE_DOCUMENT} pour le recyclage.\n",
        encoding="utf-8",
    )
    build_index([root / "docs"], root / "index", encoder=encoder)
    return root / "index"


@pytest.mark.parametrize("output", ["text", "json"])
def test_search_output_carries_no_control_sequence(capsys, hostile_index, output):
    argv = ["search", f"zorglub {HOSTILE}", "--mode", "lexical", "--index-dir", str(hostile_index)]
    code = main(argv + (["--json"] if output == "json" else []))
    out, err = capsys.readouterr()
    assert code == 0, err
    assert not any(char in out + err for char in RAW_FORBIDDEN), repr(out)
    if output == "json":
        result = json.loads(out)["results"][0]
        assert "\x1b]0;PWNED\x07" in result["text"]  # the data is intact, only its display is safe
    else:
        assert "zorglub" in out and "rouge" in out


def test_info_and_warnings_carry_no_control_sequence(capsys, hostile_index, tmp_path):
    assert main(["info", "--index-dir", str(hostile_index)]) == 0
    out, err = capsys.readouterr()
    assert "Zorglub" in out and not any(char in out + err for char in RAW_FORBIDDEN)
    bad = tmp_path / f"vide{HOSTILE[:9]}.txt"
    bad.write_bytes(b"")
    main(["index", str(bad), "--index-dir", str(tmp_path / "index")])
    out, err = capsys.readouterr()
    assert "vide" in err and not any(char in out + err for char in RAW_FORBIDDEN)
