"""Which files a build reads and which of their documents it keeps.

The index remembers its sources (files and folders) and the documents the user
excluded; a build given no path re-reads them, one given paths replaces them
or, with ``add``, adds to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from corpus.errors import SeminarSearchError
from corpus.loader import BUNDLED_CORPUS, LoadReport, load_documents
from index.previous import recorded


@dataclass(frozen=True, slots=True)
class Selection:
    """The documents a build indexes, the sources they were read from and the document ids left out."""

    loaded: LoadReport
    sources: list[Path]
    excluded: frozenset[str]


def read_sources(
    index_dir: Path, paths: Iterable[Path] | None, *, add: bool, exclude: Iterable[str], progress: bool
) -> Selection:
    """Read the given sources, or the recorded ones (the bundled corpus when there are none), minus exclusions.

    Raises:
        SeminarSearchError: no readable document is left.
        IndexCorruptError: the live index is damaged and no generation records its sources.
    """
    given = [Path(p).expanduser().resolve() for p in paths or []]
    recorded_paths, recorded_excluded = recorded(index_dir, replacing=bool(given) and not add)
    sources, missing = _sources(given, recorded_paths, add)
    loaded = _load(sources, progress)
    loaded.warnings[:0] = [f"source {path} no longer exists: its documents are removed" for path in missing]
    excluded = _exclusions(recorded_excluded, exclude, given, loaded)
    loaded.documents = [doc for doc in loaded.documents if doc.id not in excluded]
    if not loaded.documents:
        detail = f" ({'; '.join(loaded.warnings)})" if loaded.warnings else ""
        raise SeminarSearchError(f"no readable document to index{detail}")
    return Selection(loaded, sources, frozenset(excluded))


def _load(sources: list[Path], progress: bool) -> LoadReport:
    reading = _ReadingProgress() if progress else None
    try:
        return load_documents(sources, progress=reading)
    finally:
        if reading is not None:
            reading.close()


class _ReadingProgress:
    """A progress bar over the files read, naming the current one and counting OCR pages (long imports)."""

    def __init__(self) -> None:
        self._bar = None

    def __call__(self, done: int, total: int, path: Path, ocr_pages: int) -> None:
        from tqdm import tqdm

        if self._bar is None:
            self._bar = tqdm(total=total, desc="reading", unit="file", leave=False)
        self._bar.n = done
        self._bar.set_postfix_str(path.name[-40:] + (f", OCR pages {ocr_pages}" if ocr_pages else ""))

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _sources(given: list[Path], recorded, add: bool) -> tuple[list[Path], list[str]]:
    """The files and folders to read, and recorded ones that have disappeared."""
    if given and not add:
        return given, []
    kept, missing = [], []
    for source in recorded or ([] if given else [str(BUNDLED_CORPUS)]):
        (kept if Path(source).exists() else missing).append(Path(source))
    kept += [p for p in given if p not in kept]
    return kept, [str(p) for p in missing]


def _exclusions(recorded: list[str], exclude: Iterable[str], given: list[Path], loaded: LoadReport) -> set[str]:
    excluded = set(recorded)
    for path in given:
        # Naming a path again brings its documents back.
        for document in loaded.documents:
            resolved = Path(document.path).resolve()
            if resolved == path or path in resolved.parents:
                excluded.discard(document.id)
    return excluded | set(exclude)
