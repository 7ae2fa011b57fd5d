"""Plain-text ``search`` shows each hit's aligned counterpart, as ``--json`` gives it (walkthrough defect 1)."""

from __future__ import annotations

import json
import re

from app.cli import main
from app.commands.search import ALIGNED_WIDTH

ALIGNED = re.compile(r"^     ↳ (fr|ko|en) \((original|working translation)(?:, ([^)]*))?\): (.+)$")


def _search(bundled_index, capsys, *args) -> str:
    assert main(["search", *args, "-k", "3", "--index-dir", str(bundled_index)]) == 0
    return capsys.readouterr().out


def test_french_hits_show_their_korean_working_translation(isolated_env, bundled_index, capsys):
    out = _search(bundled_index, capsys, "수소", "--lang", "fr")
    data = json.loads(_search(bundled_index, capsys, "수소", "--lang", "fr", "--json"))
    aligned = [m for m in map(ALIGNED.match, out.splitlines()) if m]
    expected = [other for result in data["results"] for other in result["aligned"]]
    assert expected and len(aligned) == len(expected)  # one line per aligned passage
    for match, other in zip(aligned, expected):
        assert match.group(1) == other["lang"] == "ko" and match.group(2) == "working translation"
        shown = match.group(4)
        assert "\n" not in shown and len(shown) <= ALIGNED_WIDTH + 1
        flat = " ".join(other["text"].split())
        assert flat.startswith(shown.rstrip("…").rstrip(" ,;:"))  # whitespace collapsed, cut between words
        if shown.endswith("…"):
            assert flat[len(shown.rstrip("…").rstrip(" ,;:"))] in " ,;:"


def test_korean_translations_show_the_french_original(isolated_env, bundled_index, capsys):
    out = _search(bundled_index, capsys, "hydrogène", "--lang", "ko")
    assert re.search(r"^ 1\. \[ko\] .*\(working translation\)", out, re.M)
    assert any(m and m.group(1) == "fr" and m.group(2) == "original" for m in map(ALIGNED.match, out.splitlines()))


def test_counterparts_pass_through_the_terminal_filter_and_give_the_time_code():
    from types import SimpleNamespace

    from app.commands.search import aligned_lines
    from search.records import SearchResult

    # Written by the team for testing: a translated passage whose French original carries an escape sequence.
    original = {"id": "essai#0", "lang": "fr", "original": True,
                "text": "Le recyclage\x1b]0;PWNED\x07 des déchets\n\nà Suwon \u202eprogresse."}
    result = SearchResult(rank=1, score=1.0, id="essai.ko#0", doc="essai.ko", title="t", date="", lang="ko",
                          section="", speaker="", text="수원시의 재활용", start=0, end=8, translated=True,
                          aligned=(original,), original=False)
    chunk = SimpleNamespace(time_start=65.0, time_end=76.4, page=None)
    [line] = aligned_lines(result, {"essai#0": chunk}.get)
    assert line == "     ↳ fr (original, 00:01:05–00:01:16): Le recyclage des déchets à Suwon \\u202eprogresse."
