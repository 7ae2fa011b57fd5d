"""The generations of an index folder: the ``CURRENT`` pointer, its recovery, the lock, leftovers.

A damaged pointer must never look like "no index here": the folder's
generations are the user's data. ``locate_index`` reads the pointer, and when
it is missing, empty, not UTF-8 or names nothing, falls back to the newest
generation whose manifest parses and whose files all match their checksums,
and rewrites the pointer (only when no indexer holds the lock, so that it
never races a build that is about to switch it).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Self

import filelock

from corpus.errors import (
    IndexCorruptError,
    IndexLockedError,
    IndexMismatchError,
    IndexWriteError,
)
from index.manifest import MANIFEST_FILE, Manifest, rebuild_hint

CURRENT_FILE = "CURRENT"
LOCK_FILE = ".lock"
GENERATION_NAME = re.compile(r"gen-\d{8}T\d{6}-[0-9a-f]{8}")
_PARTIAL_NAME = re.compile(r"\.gen-\d{8}T\d{6}-[0-9a-f]{8}\.partial")
_POINTER_TEMPORARY = re.compile(rf"\.{CURRENT_FILE}\.[0-9a-f]{{8}}")


@dataclass(frozen=True, slots=True)
class LiveGeneration:
    """The generation to read; ``note`` says so when it was recovered rather than pointed at."""

    path: Path
    note: str = ""


def locate_index(index_dir: Path) -> LiveGeneration | None:
    """The live generation of ``index_dir``; None only when the folder holds no index at all.

    Raises:
        IndexCorruptError: the pointer is damaged and no generation is complete.
    """
    index_dir = Path(index_dir)
    name, problem = _read_pointer(index_dir)
    if name:
        return LiveGeneration(index_dir / name)
    candidates = generations(index_dir)
    if not candidates:
        if problem == "missing":
            return None
        raise IndexCorruptError(
            f"{index_dir / CURRENT_FILE} is {problem} and {index_dir} holds no index generation: "
            f"{rebuild_hint(index_dir)}"
        )
    for generation in candidates:
        try:
            read_generation_manifest(generation, index_dir).verify_all(generation, index_dir)
        except (IndexCorruptError, IndexMismatchError):
            continue
        _repoint_if_free(index_dir, generation.name)
        return LiveGeneration(
            generation, f"recovered the index from generation {generation.name} ({CURRENT_FILE} was {problem})"
        )
    raise IndexCorruptError(
        f"{index_dir / CURRENT_FILE} is {problem} and none of the {len(candidates)} generations in {index_dir} "
        f"is complete: {rebuild_hint(index_dir)}"
    )


def generations(index_dir: Path) -> list[Path]:
    """Generation folders, newest first (by the time their manifest was written)."""
    try:
        found = [path for path in Path(index_dir).iterdir() if GENERATION_NAME.fullmatch(path.name) and path.is_dir()]
    except OSError:
        return []
    return sorted(found, key=lambda path: (_mtime(path / MANIFEST_FILE), path.name), reverse=True)


def read_generation_manifest(generation: Path, index_dir: Path | None = None) -> Manifest:
    """The parsed manifest of one generation.

    Raises:
        IndexCorruptError: unreadable, not JSON, or not a manifest (the message names the field).
        IndexMismatchError: a manifest of another format version.
    """
    path = Path(generation) / MANIFEST_FILE
    hint = rebuild_hint(index_dir or Path(generation).parent)
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except OSError as error:
        raise IndexCorruptError(f"index manifest {path} is unreadable ({error.strerror or error}): {hint}") from None
    except ValueError:  # UnicodeDecodeError and JSONDecodeError both
        raise IndexCorruptError(f"index manifest {path} is damaged (not UTF-8 JSON): {hint}") from None
    try:
        return Manifest.from_json(data, where=f"index manifest {path}")
    except IndexCorruptError as error:
        raise IndexCorruptError(f"{error}: {hint}") from None
    except IndexMismatchError as error:
        raise IndexMismatchError(f"{error}: {hint}") from None


def replace_pointer(index_dir: Path, name: str) -> None:
    """Point ``CURRENT`` at ``name`` atomically (write a temporary beside it, fsync, rename)."""
    temporary = Path(index_dir) / f".{CURRENT_FILE}.{uuid.uuid4().hex[:8]}"
    try:
        with temporary.open("w", encoding="utf-8") as handle:
            handle.write(name + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, Path(index_dir) / CURRENT_FILE)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise IndexWriteError(f"cannot write {Path(index_dir) / CURRENT_FILE}: {error.strerror or error}") from None


def pointed_name(index_dir: Path) -> str | None:
    """The generation name ``CURRENT`` holds, if it is a valid one; no recovery."""
    return _read_pointer(Path(index_dir))[0]


def remove_leftovers(index_dir: Path) -> None:
    """Delete what a build that died left behind: ``.gen-*.partial`` folders and ``.CURRENT.*`` temporaries.

    Call it only while holding ``IndexLock``: then no build is writing them.
    Only names of exactly the shapes this module creates are touched.
    """
    try:
        entries = list(Path(index_dir).iterdir())
    except OSError:
        return
    for path in entries:
        if _PARTIAL_NAME.fullmatch(path.name) and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        elif _POINTER_TEMPORARY.fullmatch(path.name) and path.is_file():
            path.unlink(missing_ok=True)


class IndexLock:
    """One indexer at a time per index folder: an OS lock (``filelock``) that dies with its process.

    The lock file may stay behind, empty or not: only the OS lock on it counts,
    so a leftover file never blocks a later build.
    """

    def __init__(self, index_dir: Path):
        self.path = Path(index_dir) / LOCK_FILE
        self._lock = filelock.FileLock(str(self.path), timeout=0)

    def __enter__(self) -> Self:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._lock.acquire()
        except filelock.Timeout:
            raise IndexLockedError(
                f"another indexer is running on {self.path.parent} (lock {self.path}); wait for it to finish"
            ) from None
        except OSError as error:
            raise IndexWriteError(f"cannot write the index in {self.path.parent}: {error.strerror or error}") from None
        return self

    def __exit__(self, *exc) -> None:
        self._lock.release()


def _read_pointer(index_dir: Path) -> tuple[str | None, str]:
    """(generation name, "") when ``CURRENT`` names an existing generation; else (None, what is wrong)."""
    pointer = index_dir / CURRENT_FILE
    try:
        raw = pointer.read_bytes()
    except (FileNotFoundError, NotADirectoryError):  # no folder yet, or a file where the folder should be
        return None, "missing"
    except OSError as error:
        return None, f"unreadable ({error.strerror or error})"
    try:
        name = raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        return None, "not UTF-8 text"
    if not name:
        return None, "empty"
    # The name must be one of ours: a pointer reading "../../elsewhere" is damage, not a path to follow.
    if not GENERATION_NAME.fullmatch(name) or not (index_dir / name).is_dir():
        return None, f"pointing at {name[:80]!r}, which is not a generation here"
    return name, ""


def _repoint_if_free(index_dir: Path, name: str) -> None:
    """Rewrite the pointer unless an indexer is running (it will switch the pointer itself)."""
    try:
        with IndexLock(index_dir):
            if pointed_name(index_dir) is None:
                replace_pointer(index_dir, name)
    except (IndexLockedError, IndexWriteError):
        pass  # read-only folder or a build in progress: reading the recovered generation is enough


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0
