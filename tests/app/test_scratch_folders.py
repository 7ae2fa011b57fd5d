"""The server's scratch folders in the temporary directory: removed when it stops, abandoned ones swept (issue 11, 5)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.scratch import LOCK_NAME, PREFIX, UNLOCKED_MAX_AGE_S
from tests.app.servers import wait_until_up

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 240
# A process that holds a scratch folder's lock the way a running server does, until told to stop.
HOLDER = (
    "import sys; from filelock import FileLock; lock = FileLock(sys.argv[1]); lock.acquire(); "
    "print('held', flush=True); sys.stdin.read()"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _folders(tmp: Path) -> set[str]:
    return {p.name for p in tmp.glob(PREFIX + "*")}


def _leftovers(tmp: Path) -> dict[str, Path]:
    """A killed server's folder (lock file, nobody holds it), one in use by a live process, an old lockless one."""
    killed, held, old = (tmp / f"{PREFIX}{name}" for name in ("killed", "held", "old"))
    for folder in (killed, held, old):
        folder.mkdir()
        (folder / "seminar-search-glossary.csv").write_text("fr;ko\n", encoding="utf-8")
    (killed / LOCK_NAME).touch()
    (held / LOCK_NAME).touch()
    stale = time.time() - UNLOCKED_MAX_AGE_S - 60
    os.utime(old, (stale, stale))
    return {"killed": killed, "held": held, "old": old}


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_a_server_removes_its_folders_when_it_stops_and_sweeps_abandoned_ones(tmp_path, bundled_index, stop):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    left = _leftovers(tmp)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(left["held"] / LOCK_NAME)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    port = _free_port()
    env = {**os.environ, "TMPDIR": str(tmp), "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve", "--port", str(port), "--index-dir", str(bundled_index)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}", server, START_TIMEOUT_S)
        running = _folders(tmp) - {f.name for f in left.values()}
        assert running and all((tmp / name / LOCK_NAME).exists() for name in running)
        assert _folders(tmp) >= running | {left["held"].name}
        assert not left["killed"].exists() and not left["old"].exists()
        server.send_signal(stop)
        assert server.wait(timeout=60) >= 0  # it exited (and cleaned up), not killed by the signal
    finally:
        if server.poll() is None:
            server.kill()
            server.wait(timeout=30)
        holder.communicate("", timeout=30)
    assert _folders(tmp) == {left["held"].name}  # its own folders gone, the live process's one kept
