"""One indexer at a time: an OS lock that two processes cannot both hold, and that nothing left on disk blocks."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest

from app.cli import main
from corpus.errors import IndexLockedError
from index.generations import LOCK_FILE, IndexLock

WORKERS = 6
ACQUISITIONS = 150

RACER = textwrap.dedent(
    """
    import os, sys, time
    from corpus.errors import IndexLockedError
    from index.generations import IndexLock

    index_dir, log, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    taken = 0
    handle = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    while taken < count:
        try:
            with IndexLock(index_dir):
                os.write(handle, f"enter {os.getpid()}\\n".encode())
                time.sleep(0.0005)  # hold it long enough for a competitor to try
                os.write(handle, f"exit {os.getpid()}\\n".encode())
            taken += 1
        except IndexLockedError:
            time.sleep(0.0002)
    """
)


@pytest.mark.slow
def test_processes_racing_for_the_lock_never_overlap(tmp_path):
    log = tmp_path / "markers.log"
    racers = [
        subprocess.Popen([sys.executable, "-c", RACER, str(tmp_path / "index"), str(log), str(ACQUISITIONS)])
        for _ in range(WORKERS)
    ]
    for racer in racers:
        assert racer.wait(timeout=300) == 0
    markers = log.read_text().split("\n")[:-1]
    assert len(markers) == 2 * WORKERS * ACQUISITIONS
    overlaps = sum(
        1
        for enter, leave in zip(markers[::2], markers[1::2])
        if not (enter.startswith("enter ") and leave == "exit " + enter.split()[1])
    )
    assert overlaps == 0


@pytest.mark.parametrize("content", [b"", b"\n", b"12345\n0\n", b"0\n", b"\xff\xfe garbage", b"1\n"])
def test_a_leftover_lock_file_never_blocks(tmp_path, content):
    index_dir = tmp_path / "index"
    index_dir.mkdir()
    (index_dir / LOCK_FILE).write_bytes(content)
    started = time.monotonic()
    with IndexLock(index_dir):
        pass
    assert time.monotonic() - started < 5


def test_a_running_indexer_is_one_clear_line(capsys, tmp_path):
    index_dir = tmp_path / "index"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom index.generations import IndexLock\n"
            "with IndexLock(sys.argv[1]):\n    print('held', flush=True)\n    time.sleep(60)\n",
            str(index_dir),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(IndexLockedError):
            with IndexLock(index_dir):
                pass
        code = main(["index", str(tmp_path), "--index-dir", str(index_dir)])
        err = capsys.readouterr().err
        assert code == 2 and "another indexer is running" in err and len(err.strip().splitlines()) == 1
    finally:
        holder.kill()
        holder.wait(timeout=30)
    with IndexLock(index_dir):  # the OS released it with the process
        pass
