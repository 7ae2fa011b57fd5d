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


def discover(paths: Iterable[Path]) -> list[Path]:
    """Supported files under ``paths`` (files or folders), sorted, sidecars left out.

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
            found.extend(
                candidate
                for candidate in sorted(path.rglob("*"))
                if candidate.is_file()
                and candidate.suffix.lower() in supported_extensions()
                and not candidate.name.endswith(SIDECAR_SUFFIX)
                and not any(part.startswith(".") for part in candidate.relative_to(path).parts)
            )
        else:
            reader_for(path)  # unsupported explicit file: say so now
            found.append(path)
    unique: dict[Path, None] = {}
    for path in found:
        unique.setdefault(path.resolve(), None)
    return list(unique)


def load_documents(paths: Iterable[Path] | None = None) -> LoadReport:
    """Read every supported file under ``paths`` (default: the bundled corpus).

    A file that cannot be read becomes a warning naming it; the others are read.
    """
    report = LoadReport()
    seen_ids: set[str] = set()
    for path in discover(paths or [BUNDLED_CORPUS]):
        try:
            document = load_document(path)
        except DocumentError as error:
            report.warnings.append(f"skipped {error}")
            continue
        if not document.text.strip():
            report.warnings.append(f"skipped {path}: empty document")
            continue
        if document.id in seen_ids:
            report.warnings.append(f"skipped {path}: another document already has the id {document.id!r}")
            continue
        seen_ids.add(document.id)
        if document.encoding not in ("utf-8", "ascii"):
            report.notes.append(f"{path}: decoded as {document.encoding}")
        report.documents.append(document)
    return report


def load_document(path: Path) -> Document:
    """Read one file and its sidecar metadata; infer what the sidecar does not say."""
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
    return Document(meta=DocumentMeta.from_dict(meta), text=result.text, path=str(path), encoding=result.encoding, timeline=timeline)


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
