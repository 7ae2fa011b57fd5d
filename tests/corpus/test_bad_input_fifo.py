"""A named pipe (or another non-regular file) is skipped with a warning naming it, never opened.

Opening a FIFO blocks until a writer appears, so every case runs in a
subprocess with a timeout: a regression fails the test instead of hanging the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")

LOAD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from corpus.loader import load_documents
    report = load_documents([Path(p) for p in sys.argv[1:]])
    print(sorted(d.id for d in report.documents))
    print("\\n".join(report.warnings))
    """
)


def corpus(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "tours.txt").write_text("La ville de Tours a présenté son plan climat.\n", encoding="utf-8")
    return root


def run(*argv, timeout=120):
    return subprocess.run([sys.executable, *argv], capture_output=True, text=True, timeout=timeout)


@pytest.mark.parametrize("where", ["in a folder", "named explicitly", "as a sidecar"])
def test_fifo_is_skipped_with_a_warning(tmp_path, where):
    root = corpus(tmp_path)
    if where == "as a sidecar":
        fifo = root / "tours.txt.meta.json"
        (root / "suwon.md").write_text("# 빗물\n\n수원시는 빗물 저금통을 보급합니다.\n", encoding="utf-8")
    else:
        fifo = root / "tuyau.txt"
    os.mkfifo(fifo)
    paths = [root] if where != "named explicitly" else [root / "tours.txt", fifo]
    done = run("-c", LOAD, *map(str, paths))
    assert done.returncode == 0, done.stderr
    ids, *warnings = done.stdout.splitlines()
    assert ("'suwon'" in ids) if where == "as a sidecar" else ids == "['tours']"
    assert any(str(fifo) in line and "not a regular file" in line for line in warnings), warnings


def test_index_command_given_only_a_fifo_is_one_line(tmp_path):
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    done = run("-m", "app.cli", "index", str(fifo), "--index-dir", str(tmp_path / "index"))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "fifo.txt" in done.stderr and "named pipe" in done.stderr
