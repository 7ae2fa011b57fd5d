"""The index on disk: a directory of generations, switched atomically.

Layout::

    INDEX_DIR/
      CURRENT              name of the live generation (replaced atomically)
      gen-<time>-<id>/     one complete index
        manifest.json      encoder, chunker version, documents and hashes, …
        chunks.jsonl       the chunks, in id order
        documents.jsonl    document metadata and full texts (for context)
        vectors.npy        passage vectors (reused by incremental builds)
        dense.faiss        FAISS index with explicit ids
        lexical/           bm25s index
        alignment.json     chunk id → aligned chunk ids in the other language

A build writes a new generation completely, then replaces CURRENT: a crash at
any moment leaves the previous generation live, and a reader that opened the
old generation keeps reading a complete one.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from corpus.chunk import Chunk, DocumentMeta
from corpus.errors import IndexCorruptError, IndexLockedError, IndexMismatchError, IndexNotFoundError

FORMAT_VERSION = 1
CURRENT_FILE = "CURRENT"
LOCK_FILE = ".lock"
INDEX_ENV = "SEMINAR_SEARCH_INDEX"


@dataclass(slots=True)
class StoredDocument:
    meta: DocumentMeta
    text: str
    hash: str
    path: str = ""
    encoding: str = "utf-8"
    links: list = field(default_factory=list)


@dataclass(slots=True)
class IndexData:
    """Everything a search needs, as loaded from one generation."""

    manifest: dict
    chunks: list[Chunk]
    documents: dict[str, StoredDocument]
    vectors: np.ndarray
    dense: object
    lexical: object
    alignment: dict[str, list[str]]
    location: Path | None = None


def default_index_dir() -> Path:
    """``$SEMINAR_SEARCH_INDEX``, else the user's data folder (never inside the package)."""
    configured = os.environ.get(INDEX_ENV)
    if configured:
        return Path(configured).expanduser()
    if os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif os.uname().sysname == "Darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "seminar-search" / "index"


def current_generation(index_dir: Path) -> Path | None:
    """The live generation folder, or None when no index was ever completed here."""
    pointer = Path(index_dir) / CURRENT_FILE
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise IndexCorruptError(f"cannot read {pointer}: {error}") from None
    return Path(index_dir) / name if name else None


def read_manifest(index_dir: Path) -> dict | None:
    """The live generation's manifest, or None when there is none or it is unreadable."""
    generation = current_generation(Path(index_dir))
    if generation is None:
        return None
    try:
        return json.loads((generation / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None


@dataclass(slots=True)
class StoredVectors:
    """What a rebuild reuses from the live index: document hashes and passage vectors by chunk hash."""

    manifest: dict
    document_hashes: dict[str, str]
    chunk_hashes: list[str]
    vectors: np.ndarray  # memory-mapped: a rebuild of a large archive does not hold two copies


def load_vectors(index_dir: Path, encoder_id: str) -> StoredVectors | None:
    """The live index's vectors if it was built with ``encoder_id``; None when there is nothing to reuse."""
    manifest = read_manifest(index_dir)
    if not manifest or manifest.get("encoder", {}).get("id") != encoder_id or manifest.get("format_version") != FORMAT_VERSION:
        return None
    generation = current_generation(Path(index_dir))
    try:
        hashes = [Chunk.from_dict(json.loads(line)).hash for line in (generation / "chunks.jsonl").read_text(encoding="utf-8").splitlines()]
        vectors = np.load(generation / "vectors.npy", mmap_mode="r")
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if len(hashes) != len(vectors):
        return None
    documents = {doc_id: info.get("hash", "") for doc_id, info in manifest.get("documents", {}).items()}
    return StoredVectors(manifest, documents, hashes, vectors)


def save_index(index_dir: Path, data: IndexData) -> Path:
    """Write ``data`` as a new generation and make it live; returns its folder."""
    import bm25s  # noqa: F401  (imported for its save format)

    from index.dense import write_dense_index

    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    name = f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
    staging = index_dir / f".{name}.partial"
    staging.mkdir()
    try:
        _write_json(staging / "manifest.json", data.manifest)
        with (staging / "chunks.jsonl").open("w", encoding="utf-8") as handle:
            for chunk in data.chunks:
                handle.write(json.dumps(chunk.to_dict(), ensure_ascii=False) + "\n")
        with (staging / "documents.jsonl").open("w", encoding="utf-8") as handle:
            for document in data.documents.values():
                record = {"meta": document.meta.to_dict(), "text": document.text, "hash": document.hash,
                          "path": document.path, "encoding": document.encoding, "links": document.links}
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        np.save(staging / "vectors.npy", np.asarray(data.vectors, dtype=np.float32))
        write_dense_index(data.dense, str(staging / "dense.faiss"))
        data.lexical.save(str(staging / "lexical"))
        _write_json(staging / "alignment.json", data.alignment)
        _fsync_tree(staging)
        staging.rename(index_dir / name)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    previous = current_generation(index_dir)
    _replace_pointer(index_dir, name)
    _remove_old_generations(index_dir, keep={name, previous.name if previous else ""})
    return index_dir / name


def load_index(
    index_dir: Path, *, encoder_id: str | None = None, chunker_version: str | None = None, analyzer_version: str | None = None
) -> IndexData:
    """Load the live generation; refuse one built with another encoder or chunker.

    Raises:
        IndexNotFoundError: nothing was ever built in ``index_dir``.
        IndexMismatchError: encoder, chunker or format differ from what is asked.
        IndexCorruptError: files missing or unreadable.
    """
    import bm25s

    from index.dense import read_dense_index

    index_dir = Path(index_dir)
    generation = current_generation(index_dir)
    if generation is None:
        raise IndexNotFoundError(f"no index in {index_dir}: build one with `seminar-search index`")
    try:
        manifest = json.loads((generation / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise IndexCorruptError(f"index in {index_dir} is damaged ({type(error).__name__}): rebuild it with `seminar-search index`") from None
    _check_manifest(manifest, index_dir, encoder_id, chunker_version, analyzer_version)
    try:
        chunks = [Chunk.from_dict(json.loads(line)) for line in (generation / "chunks.jsonl").read_text(encoding="utf-8").splitlines()]
        documents = {}
        for line in (generation / "documents.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            meta = DocumentMeta.from_dict(record["meta"])
            documents[meta.id] = StoredDocument(meta, record["text"], record["hash"], record.get("path", ""),
                                                record.get("encoding", "utf-8"), record.get("links", []))
        vectors = np.load(generation / "vectors.npy")
        dense = read_dense_index(str(generation / "dense.faiss"))
        lexical = bm25s.BM25.load(str(generation / "lexical"))
        alignment = json.loads((generation / "alignment.json").read_text(encoding="utf-8"))
    except Exception as error:  # any unreadable part means the same thing to the user
        raise IndexCorruptError(f"index in {index_dir} is damaged ({type(error).__name__}): rebuild it with `seminar-search index`") from None
    if len(chunks) != manifest.get("chunk_count") or len(vectors) != len(chunks):
        raise IndexCorruptError(f"index in {index_dir} is inconsistent: rebuild it with `seminar-search index`")
    return IndexData(manifest, chunks, documents, vectors, dense, lexical, alignment, location=generation)


def _check_manifest(manifest: dict, index_dir: Path, encoder_id, chunker_version, analyzer_version) -> None:
    rebuild = f"rebuild with `seminar-search index --index-dir {index_dir}`"
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexMismatchError(f"index in {index_dir} has format {manifest.get('format_version')}, this version reads {FORMAT_VERSION}: {rebuild}")
    if chunker_version is not None and manifest.get("chunker_version") != chunker_version:
        raise IndexMismatchError(
            f"index in {index_dir} was chunked by chunker version {manifest.get('chunker_version')}, this version is {chunker_version}: {rebuild}"
        )
    if analyzer_version is not None and manifest.get("analyzer_version") != analyzer_version:
        raise IndexMismatchError(
            f"index in {index_dir} was analysed by analyzer version {manifest.get('analyzer_version')}, this version is {analyzer_version}: {rebuild}"
        )
    built_with = manifest.get("encoder", {}).get("id")
    if encoder_id is not None and built_with != encoder_id:
        raise IndexMismatchError(f"index in {index_dir} was built with encoder {built_with!r}, not {encoder_id!r}: {rebuild} --encoder {encoder_id}")


class IndexLock:
    """One indexer at a time per index folder; a lock left by a dead process is taken over."""

    def __init__(self, index_dir: Path):
        self.path = Path(index_dir) / LOCK_FILE

    def __enter__(self) -> "IndexLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _attempt in range(2):
            try:
                descriptor = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                if self._is_stale():
                    self.path.unlink(missing_ok=True)
                    continue
                raise IndexLockedError(
                    f"another indexer is running on {self.path.parent} (lock {self.path}); wait for it to finish"
                ) from None
            with os.fdopen(descriptor, "w") as handle:
                handle.write(f"{os.getpid()}\n{time.time()}\n")
            return self
        raise IndexLockedError(f"cannot take the lock {self.path}")

    def __exit__(self, *exc) -> None:
        self.path.unlink(missing_ok=True)

    def _is_stale(self) -> bool:
        try:
            pid_text, started = (self.path.read_text().split() + ["0", "0"])[:2]
            pid = int(pid_text)
        except (OSError, ValueError):
            return True
        if os.name == "nt":  # no cheap liveness check: a lock older than a day is stale
            return time.time() - float(started or 0) > 86_400
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False


def _write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())


def _replace_pointer(index_dir: Path, name: str) -> None:
    temporary = index_dir / f".{CURRENT_FILE}.{uuid.uuid4().hex[:8]}"
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write(name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, index_dir / CURRENT_FILE)


def _remove_old_generations(index_dir: Path, keep: set[str]) -> None:
    """Drop generations but the live one and the one before it (a reader may still be loading it)."""
    for path in index_dir.iterdir():
        if path.is_dir() and path.name.startswith("gen-") and path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)
        elif path.name.startswith(".gen-") and path.name.endswith(".partial") and time.time() - path.stat().st_mtime > 3600:
            shutil.rmtree(path, ignore_errors=True)  # left by a killed build
