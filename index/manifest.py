"""The manifest of one index generation: what built it, what it holds, and a checksum of every file.

``Manifest.to_json`` and ``Manifest.from_json`` mirror each other field by field;
``from_json`` refuses anything that is not exactly the shape written (a JSON
list, ``"encoder": "use-m3"``, a missing ``documents``) with
``IndexCorruptError`` instead of letting a ``KeyError`` or ``TypeError`` reach
the user. ``check`` refuses an index built with another encoder, chunker,
analyser or format with ``IndexMismatchError``; ``verify_file`` refuses a file
whose size or SHA-256 differs from what was recorded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from corpus.errors import IndexChecksumError, IndexCorruptError, IndexMismatchError

# 2: every file carries a size and SHA-256 in the manifest; 3: name keys in names/, out of lexical/
FORMAT_VERSION = 3
MANIFEST_FILE = "manifest.json"
# SHA-256 runs at about 1.3 GB/s here (SHA extensions), faster than blake2b (0.6 GB/s)
# and md5: checking a 100,000-passage generation (~0.5 GB) costs well under a second.
_HASH_BLOCK = 1 << 20


def rebuild_hint(index_dir: Path | str) -> str:
    """The one command that rebuilds an index, quoted in every integrity error."""
    return f"rebuild it with `seminar-search index --index-dir {index_dir}`"


@dataclass(frozen=True, slots=True)
class EncoderInfo:
    id: str
    dimension: int


@dataclass(frozen=True, slots=True)
class ChunkingInfo:
    target_chars: int
    min_chars: int


@dataclass(frozen=True, slots=True)
class DenseInfo:
    kind: str
    requested: str


@dataclass(frozen=True, slots=True)
class DocumentEntry:
    hash: str
    path: str
    language: str
    title: str
    translation_of: str | None
    encoding: str
    chunks: int


@dataclass(frozen=True, slots=True)
class FileEntry:
    size: int
    sha256: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Manifest:
    """Everything recorded about a generation; ``files`` maps a relative path to its size and SHA-256."""

    format_version: int
    package_version: str
    built_at: str
    encoder: EncoderInfo
    chunker_version: str
    analyzer_version: str
    chunking: ChunkingInfo
    context_in_embedding: bool
    dense: DenseInfo
    chunk_count: int
    documents: Mapping[str, DocumentEntry]
    sources: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    files: Mapping[str, FileEntry] = field(default_factory=lambda: MappingProxyType({}))

    def with_files(self, files: Mapping[str, FileEntry]) -> Manifest:
        from dataclasses import replace

        return replace(self, files=MappingProxyType(dict(files)))

    def to_json(self) -> dict:
        return {
            "format_version": self.format_version,
            "package_version": self.package_version,
            "built_at": self.built_at,
            "encoder": {"id": self.encoder.id, "dimension": self.encoder.dimension},
            "chunker_version": self.chunker_version,
            "analyzer_version": self.analyzer_version,
            "chunking": {"target_chars": self.chunking.target_chars, "min_chars": self.chunking.min_chars},
            "context_in_embedding": self.context_in_embedding,
            "dense": {"kind": self.dense.kind, "requested": self.dense.requested},
            "chunk_count": self.chunk_count,
            "documents": {doc_id: _document_json(entry) for doc_id, entry in self.documents.items()},
            "sources": list(self.sources),
            "excluded": list(self.excluded),
            "files": {path: {"size": entry.size, "sha256": entry.sha256} for path, entry in self.files.items()},
        }

    @classmethod
    def from_json(cls, data: object, where: str = "manifest") -> Manifest:
        """The manifest in ``data`` (parsed JSON).

        Raises:
            IndexCorruptError: ``data`` is not a manifest of this shape; the message names the field.
        """
        top = _Fields(data, where)
        if data.get("format_version") != FORMAT_VERSION:  # an older layout: its other fields mean other things
            raise IndexMismatchError(
                f"{where} has format {data.get('format_version')!r}, this version reads {FORMAT_VERSION}"
            )
        return cls(
            format_version=top.get("format_version", int),
            package_version=top.get("package_version", str),
            built_at=top.get("built_at", str),
            encoder=EncoderInfo(**top.record("encoder", id=str, dimension=int)),
            chunker_version=top.get("chunker_version", str),
            analyzer_version=top.get("analyzer_version", str),
            chunking=ChunkingInfo(**top.record("chunking", target_chars=int, min_chars=int)),
            context_in_embedding=top.get("context_in_embedding", bool),
            dense=DenseInfo(**top.record("dense", kind=str, requested=str)),
            chunk_count=top.get("chunk_count", int),
            documents=MappingProxyType(
                {
                    doc_id: DocumentEntry(**fields)
                    for doc_id, fields in top.records("documents", _DOCUMENT_FIELDS).items()
                }
            ),
            sources=tuple(top.strings("sources")),
            excluded=tuple(top.strings("excluded")),
            files=MappingProxyType(
                {
                    path: FileEntry(**fields)
                    for path, fields in top.records("files", {"size": int, "sha256": str}).items()
                }
            ),
        )

    def check(
        self,
        index_dir: Path,
        *,
        encoder_id: str | None = None,
        chunker_version: str | None = None,
        analyzer_version: str | None = None,
    ) -> None:
        """Refuse an index this version cannot use as asked.

        Raises:
            IndexMismatchError: format, chunker, analyser or encoder differ.
        """
        rebuild = rebuild_hint(index_dir)
        if self.format_version != FORMAT_VERSION:
            raise IndexMismatchError(
                f"index in {index_dir} has format {self.format_version}, this version reads {FORMAT_VERSION}: {rebuild}"
            )
        if chunker_version is not None and self.chunker_version != chunker_version:
            raise IndexMismatchError(
                f"index in {index_dir} was chunked by chunker version {self.chunker_version}, "
                f"this version is {chunker_version}: {rebuild}"
            )
        if analyzer_version is not None and self.analyzer_version != analyzer_version:
            raise IndexMismatchError(
                f"index in {index_dir} was analysed by analyzer version {self.analyzer_version}, "
                f"this version is {analyzer_version}: {rebuild}"
            )
        if encoder_id is not None and self.encoder.id != encoder_id:
            raise IndexMismatchError(
                f"index in {index_dir} was built with encoder {self.encoder.id!r}, not {encoder_id!r}: "
                f"{rebuild} --encoder {encoder_id}"
            )

    def verify_file(self, generation: Path, name: str, index_dir: Path | None = None) -> Path:
        """``generation / name`` after checking its size and SHA-256 against the record.

        Raises:
            IndexCorruptError: the file is missing, unrecorded, or differs; the message names it.
        """
        path = Path(generation) / name
        hint = rebuild_hint(index_dir or Path(generation).parent)
        expected = self.files.get(name)
        if expected is None:
            raise IndexChecksumError(path, f"index file {path} has no checksum in its manifest: {hint}")
        try:
            actual = file_entry(path)
        except OSError as error:
            raise IndexChecksumError(
                path, f"index file {path} is unreadable ({error.strerror or error}): {hint}"
            ) from None
        if actual != expected:
            raise IndexChecksumError(
                path, f"index file {path} is damaged (size or checksum differs from its manifest): {hint}"
            )
        return path

    def verify_all(self, generation: Path, index_dir: Path | None = None) -> None:
        """Every recorded file of ``generation`` checked (see ``verify_file``)."""
        if not self.files:
            raise IndexCorruptError(
                f"index in {generation} records no file checksums: {rebuild_hint(index_dir or Path(generation).parent)}"
            )
        for name in self.files:
            self.verify_file(generation, name, index_dir)


def file_entry(path: Path) -> FileEntry:
    """Size and SHA-256 of a file, read in blocks (bounded memory for large vectors)."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while block := handle.read(_HASH_BLOCK):
            digest.update(block)
            size += len(block)
    return FileEntry(size=size, sha256=digest.hexdigest())


def checksum_tree(folder: Path) -> dict[str, FileEntry]:
    """Every regular file under ``folder`` (relative POSIX path → entry), the manifest excepted."""
    folder = Path(folder)
    return {
        path.relative_to(folder).as_posix(): file_entry(path)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != MANIFEST_FILE
    }


_DOCUMENT_FIELDS = {
    "hash": str,
    "path": str,
    "language": str,
    "title": str,
    "translation_of": (str, type(None)),
    "encoding": str,
    "chunks": int,
}


def _document_json(entry: DocumentEntry) -> dict:
    return {
        "hash": entry.hash,
        "path": entry.path,
        "language": entry.language,
        "title": entry.title,
        "translation_of": entry.translation_of,
        "encoding": entry.encoding,
        "chunks": entry.chunks,
    }


class _Fields:
    """Typed access to one JSON object, every failure an ``IndexCorruptError`` naming the field."""

    def __init__(self, data: object, where: str):
        if not isinstance(data, dict):
            raise IndexCorruptError(f"{where} is damaged: expected a JSON object, found {type(data).__name__}")
        self.data, self.where = data, where

    def get(self, name: str, kind):
        if name not in self.data:
            raise IndexCorruptError(f"{self.where} is damaged: field {name!r} is missing")
        value = self.data[name]
        # bool is an int to Python: a count written as true is still damage.
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
            raise IndexCorruptError(
                f"{self.where} is damaged: field {name!r} has the wrong type ({type(value).__name__})"
            )
        return value

    def record(self, name: str, **kinds) -> dict:
        inner = _Fields(self.get(name, dict), f"{self.where} field {name!r}")
        return {key: inner.get(key, kind) for key, kind in kinds.items()}

    def records(self, name: str, kinds: dict) -> dict[str, dict]:
        inner = _Fields(self.get(name, dict), f"{self.where} field {name!r}")
        return {key: _Fields(inner.get(key, dict), f"{inner.where}[{key!r}]").pick(kinds) for key in inner.data}

    def pick(self, kinds: dict) -> dict:
        return {key: self.get(key, kind) for key, kind in kinds.items()}

    def strings(self, name: str) -> list[str]:
        values = self.get(name, list)
        if not all(isinstance(value, str) for value in values):
            raise IndexCorruptError(f"{self.where} is damaged: field {name!r} must be a list of strings")
        return values
