"""Files and folders → documents with metadata (sidecar ``<file>.meta.json``)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from corpus.chunk import Document, DocumentMeta
from corpus.errors import DocumentError
from corpus.language import detect_language
from corpus.readers import reader_for, supported_extensions

BUNDLED_CORPUS = Path(__file__).resolve().parent / "documents"
SIDECAR_SUFFIX = ".meta.json"


@dataclass(slots=True)
class LoadReport:
    """Documents read, and one line per file skipped or worth a remark."""

    documents: list[Document] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def discover(paths: Iterable[Path], problems: list[str] | None = None) -> list[Path]:
    """Supported files under ``paths`` (files or folders), sorted, sidecars left out.

    Args:
        paths: files and folders.
        problems: receives one line per file found in a folder but left out: a
            broken or looping symbolic link, or a link to a file outside the folder.

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
    return files


def load_documents(paths: Iterable[Path] | None = None) -> LoadReport:
    """Read every supported file under ``paths`` (default: the bundled corpus).

    A file that cannot be read becomes a warning naming it; the others are read.
    A file with the same text as one already read is a duplicate: skipped, with
    a warning naming both.
    """
    report = LoadReport()
    seen_ids: set[str] = set()
    seen_texts: dict[str, Path] = {}
    problems: list[str] = []
    for path in discover(paths or [BUNDLED_CORPUS], problems):
        try:
            document, notes = read_document(path)
        except DocumentError as error:
            report.warnings.append(f"skipped {error}")
            continue
        if not document.text.strip():
            report.warnings.append(f"skipped {path}: empty document")
            continue
        if document.id in seen_ids:
            report.warnings.append(f"skipped {path}: another document already has the id {document.id!r}")
            continue
        if document.hash in seen_texts:
            report.warnings.append(f"skipped {path}: duplicate document, same text as {seen_texts[document.hash]}")
            continue
        seen_ids.add(document.id)
        seen_texts[document.hash] = path
        report.notes.extend(f"{path}: {note}" for note in notes)
        report.documents.append(document)
    report.warnings.extend(f"skipped {line}" for line in problems)
    return report


def load_document(path: Path) -> Document:
    """Read one file and its sidecar metadata; infer what the sidecar does not say."""
    return read_document(path)[0]


def read_document(path: Path) -> tuple[Document, tuple[str, ...]]:
    """``load_document`` plus the reader's notes (pages, encoding guessed, title inferred, …)."""
    result = reader_for(path).read(path)
    meta = dict(result.meta)
    meta.update(_read_sidecar(path))
    meta.setdefault("id", path.stem)
    meta.setdefault("title", path.stem.replace("-", " ").replace("_", " "))
    meta.setdefault("original_filename", path.name)
    if not meta.get("language"):
        language = detect_language(result.text[:5000])
        meta["language"] = "ko" if language == "mixed" else language
    timeline = tuple(tuple(cue) for cue in meta.pop("timeline", ()))
    document = Document(meta=DocumentMeta.from_dict(meta), text=result.text, path=str(path), encoding=result.encoding, timeline=timeline)
    return document, result.notes


def _read_sidecar(path: Path) -> dict:
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if not sidecar.exists():
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DocumentError(sidecar, f"unreadable metadata sidecar ({error})") from None
    if not isinstance(data, dict):
        raise DocumentError(sidecar, "metadata sidecar must be a JSON object")
    return data
