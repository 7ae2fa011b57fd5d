"""The server's scratch folders in the temporary directory (exports, glossary files, briefings).

Each folder holds a lock file that its process keeps locked while it runs. The
lock is the kernel's (``filelock``, flock on POSIX): a server killed with
SIGKILL loses it with the process, so a later run can tell an abandoned folder
from one still in use and remove it. Folders are removed when the server stops
(``serve``'s shutdown and ``atexit``), and abandoned ones when a new one is made.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

from filelock import FileLock, Timeout

PREFIX = "seminar-search-"
LOCK_NAME = ".in-use.lock"
# A folder from a version that wrote no lock file: removed only once untouched this long (no live server of that
# version keeps writing into a folder it has left alone for a day).
UNLOCKED_MAX_AGE_S = 24 * 3600

_owned: dict[Path, FileLock] = {}
_guard = threading.Lock()


def scratch_folder(kind: str = "") -> Path:
    """A new folder ``seminar-search-<kind>…`` owned by this process until it stops; abandoned ones are swept."""
    sweep_abandoned()
    folder = Path(tempfile.mkdtemp(prefix=PREFIX + (f"{kind}-" if kind else "")))
    lock = FileLock(folder / LOCK_NAME)
    lock.acquire()
    with _guard:
        if not _owned:
            atexit.register(remove_owned)
        _owned[folder] = lock
    return folder


def remove_owned() -> None:
    """Remove every folder this process made (the server stops)."""
    with _guard:
        owned = list(_owned.items())
        _owned.clear()
    for folder, lock in owned:
        shutil.rmtree(folder, ignore_errors=True)
        lock.release(force=True)


def sweep_abandoned(root: Path | None = None) -> list[Path]:
    """Remove this user's scratch folders that no running process holds; returns those removed."""
    root = Path(root or tempfile.gettempdir())
    removed = []
    for folder in root.glob(PREFIX + "*"):
        if folder in _owned or not _mine(folder):
            continue
        if _abandoned(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _mine(folder: Path) -> bool:
    try:
        return folder.is_dir() and not folder.is_symlink() and folder.stat().st_uid == os.getuid()
    except OSError:
        return False


def _abandoned(folder: Path) -> bool:
    lock_path = folder / LOCK_NAME
    if not lock_path.exists():
        try:
            return time.time() - folder.stat().st_mtime > UNLOCKED_MAX_AGE_S
        except OSError:
            return False
    probe = FileLock(lock_path, timeout=0)
    try:
        probe.acquire()
    except (Timeout, OSError):
        return False  # a live process holds it (or it cannot be read): leave it
    probe.release(force=True)
    return True
