"""Files and folders → documents with metadata (sidecar ``<file>.meta.json``)."""

from __future__ import annotations

import stat
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable

from corpus.chunk import Document, DocumentMeta
from corpus.errors import DocumentError
from corpus.language import detect_language
from corpus.readers import ReadResult, reader_for, supported_extensions
from corpus.sidecar import SIDECAR_SUFFIX, read_sidecar

BUNDLED_CORPUS = Path(__file__).resolve().parent / "documents"


@dataclass(slots=True)
class LoadReport:
    """Documents read, and one line per file skipped or worth a remark.

    ``read_by_kind`` counts the files read by extension ("pdf", "hwp", …),
    ``skipped_by_reason`` the files left out by reason, and ``ocr_pages`` the
    pages and images whose text came from OCR: the summary of a long import.
    """

    documents: list[Document] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    read_by_kind: Counter = field(default_factory=Counter)
    skipped_by_reason: Counter = field(default_factory=Counter)
    ocr_pages: int = 0

    def skip(self, line: str, reason: str) -> None:
        self.warnings.append(f"skipped {line}")
        self.skipped_by_reason[reason] += 1


# Called before each file is read: (files done, files in all, the file, OCR pages so far).
ProgressCallback = Callable[[int, int, Path, int], None]


def discover(paths: Iterable[Path], problems: list[str] | None = None) -> list[Path]:
    """Supported files under ``paths`` (files or folders), sorted, sidecars left out.

    Args:
        paths: files and folders.
        problems: receives one line per file left out: a broken or looping
            symbolic link, a link to a file outside the folder, or something that
            is not a regular file (a named pipe, a device, a socket), never opened.

    Raises:
        DocumentError: a path that does not exist, or a file of an unsupported type
            named explicitly.
    """
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if not path.exists():
            raise DocumentError(path, "no such file or directory")
        if path.is_dir():
            found.extend(_files_under(path, problems if problems is not None else []))
        elif not path.is_file():
            # Opening a named pipe blocks until someone writes to it: the indexer would hang holding the lock.
            (problems if problems is not None else []).append(f"{path}: {_not_regular(path)}, not read")
        else:
            reader_for(path)  # unsupported explicit file: say so now
            found.append(path)
    unique: dict[Path, None] = {}
    for path in found:
        unique.setdefault(path.resolve(), None)
    return list(unique)


def _files_under(folder: Path, problems: list[str]) -> list[Path]:
    """Supported files in ``folder``; links that leave it or lead nowhere go to ``problems``."""
    root = folder.resolve()
    files = []
    for candidate in sorted(folder.rglob("*")):
        if (
            candidate.suffix.lower() not in supported_extensions()
            or candidate.name.endswith(SIDECAR_SUFFIX)
            or any(part.startswith(".") for part in candidate.relative_to(folder).parts)
        ):
            continue
        if candidate.is_symlink() and not candidate.exists():
            problems.append(f"{candidate}: broken symbolic link or symbolic link loop")
        elif candidate.is_file() and not candidate.resolve().is_relative_to(root):
            # A link out of the corpus would index a file nobody put in it.
            problems.append(f"{candidate}: symbolic link to {candidate.resolve()}, outside {root}")
        elif candidate.is_file():
            files.append(candidate)
        elif not candidate.is_dir():
            problems.append(f"{candidate}: {_not_regular(candidate)}, not read")
    return files


def _not_regular(path: Path) -> str:
    """What kind of non-regular file ``path`` is, from ``stat`` (never opened)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return "not a regular file"
    for test, name in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return f"not a regular file ({name})"
    return "not a regular file"


def load_documents(paths: Iterable[Path] | None = None, *, progress: ProgressCallback | None = None) -> LoadReport:
    """Read every supported file under ``paths`` (default: the bundled corpus).

    A file that cannot be read becomes a warning naming it; the others are read.
    A file with the same text as one already read is a duplicate: skipped, with
    a warning naming both. ``progress`` is told about each file before it is read.
    """
    report = LoadReport()
    seen_ids: set[str] = set()
    seen_texts: dict[str, Path] = {}
    problems: list[str] = []
    files = discover(paths or [BUNDLED_CORPUS], problems)
    for done, path in enumerate(files):
        if progress is not None:
            progress(done, len(files), path, report.ocr_pages)
        try:
            document, result = _read(path)
        except DocumentError as error:
            report.skip(str(error), error.kind)
            continue
        report.ocr_pages += result.ocr_pages
        report.warnings.extend(f"{path}: {line}" for line in result.warnings)
        if not document.text.strip():
            report.skip(f"{path}: empty document{' (OCR found no text)' if result.ocr_pages else ''}", "no text")
        elif document.id in seen_ids:
            report.skip(f"{path}: another document already has the id {document.id!r}", "same id as another")
        elif document.hash in seen_texts:
            report.skip(f"{path}: duplicate document, same text as {seen_texts[document.hash]}", "duplicate")
        else:
            seen_ids.add(document.id)
            seen_texts[document.hash] = path
            report.notes.extend(f"{path}: {note}" for note in result.notes)
            report.read_by_kind[path.suffix.lower().lstrip(".")] += 1
            report.documents.append(document)
    for line in problems:
        report.skip(line, "not a regular file" if "not a regular file" in line else "link")
    return report


def load_document(path: Path) -> Document:
    """Read one file and its sidecar metadata; infer what the sidecar does not say."""
    return read_document(path)[0]


def read_document(path: Path) -> tuple[Document, tuple[str, ...]]:
    """``load_document`` plus the reader's notes (pages, encoding guessed, title inferred, …)."""
    document, result = _read(path)
    return document, result.notes


def _read(path: Path) -> tuple[Document, ReadResult]:
    result = reader_for(path).read(path)
    meta = dict(result.meta)
    sidecar, sidecar_warnings = read_sidecar(path)
    meta.update(sidecar)
    if sidecar_warnings:
        result = replace(result, warnings=(*result.warnings, *sidecar_warnings))
    meta.setdefault("id", path.stem)
    meta.setdefault("title", path.stem.replace("-", " ").replace("_", " "))
    meta.setdefault("original_filename", path.name)
    if not meta.get("language"):
        language = detect_language(result.text[:5000])
        meta["language"] = "ko" if language == "mixed" else language
    timeline = tuple(tuple(cue) for cue in meta.pop("timeline", ()))
    document = Document(meta=DocumentMeta.from_dict(meta), text=result.text, path=str(path), encoding=result.encoding,
                        timeline=timeline, pages=result.pages)
    return document, result
