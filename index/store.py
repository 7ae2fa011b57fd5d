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
        lexical/           bm25s index of the words
        names/             bm25s index of the name keys across scripts (absent when no passage has one)
        alignment.json     chunk id → aligned chunk ids in the other language
        annotations.json   entities, their links and figures by passage (optional)

A build writes a new generation completely, records every file's size and
SHA-256 in its manifest, then replaces CURRENT: a crash at any moment leaves
the previous generation live, and a reader that opened the old generation
keeps reading a complete one. Loading checks the checksums (see
``index.manifest``); a damaged CURRENT is recovered (see ``index.generations``).
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
from corpus.errors import IndexCorruptError, IndexNotFoundError, IndexWriteError
from index.generations import (  # noqa: F401  (IndexLock, locate_index: re-exported for the front ends)
    IndexLock,
    generations,
    locate_index,
    pointed_name,
    read_generation_manifest,
    remove_leftovers,
    replace_pointer,
)
from index.manifest import MANIFEST_FILE, Manifest, checksum_tree, rebuild_hint

INDEX_ENV = "SEMINAR_SEARCH_INDEX"
ANNOTATIONS_FILE = "annotations.json"
NAMES_DIR = "names"


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

    manifest: Manifest
    chunks: list[Chunk]
    documents: dict[str, StoredDocument]
    vectors: np.ndarray
    dense: object
    lexical: object
    alignment: dict[str, list[str]]
    location: Path | None = None
    # Entities, their links and figures by passage (``search.annotations``), when the build computed them.
    annotations: dict | None = None
    # BM25 of the name keys alone (index.analysis.split_name_keys); None when no passage has a key.
    names: object | None = None


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
    """The live generation folder (recovered if ``CURRENT`` is damaged), or None when there is no index here."""
    located = locate_index(Path(index_dir))
    return located.path if located else None


def read_manifest(index_dir: Path) -> Manifest | None:
    """The live generation's manifest; None when there is no index here.

    Raises:
        IndexCorruptError, IndexMismatchError: the manifest is damaged or of another format.
    """
    generation = current_generation(Path(index_dir))
    return read_generation_manifest(generation, Path(index_dir)) if generation else None


def save_index(index_dir: Path, data: IndexData) -> Path:
    """Write ``data`` as a new generation and make it live; returns its folder.

    Call it holding ``IndexLock``. Raises ``IndexWriteError`` when the folder cannot be written.
    """
    index_dir = Path(index_dir)
    name = f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
    staging = index_dir / f".{name}.partial"
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        staging.mkdir()
        _write_generation(staging, data)
        staging.rename(index_dir / name)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise IndexWriteError(f"cannot write the index in {index_dir}: {error.strerror or error}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    previous = pointed_name(index_dir) or next((g.name for g in generations(index_dir) if g.name != name), "")
    replace_pointer(index_dir, name)
    _remove_old_generations(index_dir, keep={name, previous})
    return index_dir / name


def _write_generation(staging: Path, data: IndexData) -> None:
    """Every file, then their checksums into the manifest, written last."""
    from index.dense import write_dense_index

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
    if data.names is not None:
        data.names.save(str(staging / NAMES_DIR))
    _write_json(staging / "alignment.json", data.alignment)
    if data.annotations is not None:
        _write_json(staging / ANNOTATIONS_FILE, data.annotations)
    manifest = data.manifest.with_files(checksum_tree(staging))
    _write_json(staging / MANIFEST_FILE, manifest.to_json())
    _fsync_tree(staging)


def load_index(
    index_dir: Path,
    *,
    encoder_id: str | None = None,
    chunker_version: str | None = None,
    analyzer_version: str | None = None,
) -> IndexData:
    """Load the live generation after checking every file's checksum; refuse one built with another encoder or chunker.

    Raises:
        IndexNotFoundError: nothing was ever built in ``index_dir``.
        IndexMismatchError: encoder, chunker or format differ from what is asked.
        IndexCorruptError: files missing, unreadable or not matching their checksums.
    """
    index_dir = Path(index_dir)
    generation = current_generation(index_dir)
    if generation is None:
        raise IndexNotFoundError(f"no index in {index_dir}: build one with "
                                 f"`seminar-search index --index-dir {index_dir}`")
    manifest = read_generation_manifest(generation, index_dir)
    manifest.check(index_dir, encoder_id=encoder_id, chunker_version=chunker_version, analyzer_version=analyzer_version)
    manifest.verify_all(generation, index_dir)
    try:
        data = _read_generation(generation, manifest)
    except Exception as error:  # checksums matched: a hand-made or foreign index; the same answer to the user
        problem = type(error).__name__
        raise IndexCorruptError(f"index in {index_dir} is damaged ({problem}): {rebuild_hint(index_dir)}") from None
    counts_agree = len(data.chunks) == manifest.chunk_count == len(data.vectors)
    if not counts_agree or set(data.documents) != set(manifest.documents):
        raise IndexCorruptError(f"index in {index_dir} is inconsistent: {rebuild_hint(index_dir)}")
    return data


def _read_generation(generation: Path, manifest: Manifest) -> IndexData:
    import bm25s

    from index.dense import read_dense_index

    lines = (generation / "chunks.jsonl").read_text(encoding="utf-8").splitlines()
    chunks = [Chunk.from_dict(json.loads(line)) for line in lines]
    documents = {}
    for line in (generation / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        meta = DocumentMeta.from_dict(record["meta"])
        documents[meta.id] = StoredDocument(meta, record["text"], record["hash"], record.get("path", ""),
                                            record.get("encoding", "utf-8"), record.get("links", []))
    vectors = np.load(generation / "vectors.npy")
    dense = read_dense_index(str(generation / "dense.faiss"))
    lexical = bm25s.BM25.load(str(generation / "lexical"))
    # The manifest lists what the build wrote (and verify_all checked it): no names/ there, no passage had a key.
    has_names = any(name.startswith(NAMES_DIR + "/") for name in manifest.files)
    names = bm25s.BM25.load(str(generation / NAMES_DIR)) if has_names else None
    alignment = json.loads((generation / "alignment.json").read_text(encoding="utf-8"))
    annotations_path = generation / ANNOTATIONS_FILE
    annotations = json.loads(annotations_path.read_text(encoding="utf-8")) if annotations_path.exists() else None
    return IndexData(manifest, chunks, documents, vectors, dense, lexical, alignment, location=generation,
                     annotations=annotations, names=names)


def _write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())


def _remove_old_generations(index_dir: Path, keep: set[str]) -> None:
    """Drop generations but the live one and the one before it (a reader may still be loading it)."""
    for path in generations(index_dir):
        if path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)
    remove_leftovers(index_dir)
