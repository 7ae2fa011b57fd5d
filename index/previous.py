"""What a rebuild takes from the live index: its sources and exclusions, and its passage vectors."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from corpus.chunk import Chunk
from corpus.errors import IndexChecksumError, IndexCorruptError, IndexMismatchError
from index.generations import generations, read_generation_manifest
from index.manifest import MANIFEST_FILE, Manifest
from index.store import current_generation, read_manifest


def recorded(index_dir: Path, *, replacing: bool) -> tuple[list[str] | None, list[str]]:
    """The live index's sources and exclusions; those of an older generation if the live manifest is damaged.

    Raises:
        IndexCorruptError: generations exist but none says its sources, and the
            build is not given its own (``--replace PATH``): indexing the bundled
            corpus instead would replace the user's documents.
    """
    if replacing:
        return None, []
    try:
        manifest = read_manifest(index_dir)
    except (IndexCorruptError, IndexMismatchError):
        manifest = None
        salvaged = recorded_sources(index_dir)
        if salvaged is None:
            raise IndexCorruptError(
                f"the index in {index_dir} is damaged and no generation records its sources: "
                f"index them again with `seminar-search index --replace PATH… --index-dir {index_dir}`"
            ) from None
        return salvaged
    return (list(manifest.sources), list(manifest.excluded)) if manifest else (None, [])


def recorded_sources(index_dir: Path) -> tuple[list[str], list[str]] | None:
    """Sources and exclusions of the newest generation whose manifest says them, checksums aside.

    A rebuild after damage (or of an older format) must re-read the user's own
    folders, not fall back to the bundled corpus.
    """
    for generation in generations(Path(index_dir)):
        try:
            data = json.loads((generation / MANIFEST_FILE).read_bytes().decode("utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(data, dict):
            continue
        sources, excluded = data.get("sources"), data.get("excluded", [])
        if _strings(sources) and _strings(excluded):
            return sources, excluded
    return None


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


@dataclass(slots=True)
class StoredVectors:
    """What a rebuild reuses from the live index: document hashes and passage vectors by chunk hash."""

    manifest: Manifest
    document_hashes: dict[str, str]
    chunk_hashes: list[str]
    vectors: np.ndarray  # memory-mapped: a rebuild of a large archive does not hold two copies


def reusable_vectors(index_dir: Path, encoder_id: str, warnings: list[str]) -> StoredVectors | None:
    """The live vectors to reuse; damaged ones are not reused (a warning says so) and every passage is encoded."""
    try:
        return load_vectors(index_dir, encoder_id)
    except IndexChecksumError as error:
        warnings.append(
            f"index file {error.path} is damaged: stored vectors not reused, every passage is encoded again"
        )
        return None


def load_vectors(index_dir: Path, encoder_id: str) -> StoredVectors | None:
    """The live index's vectors if it was built with ``encoder_id``; None when there is nothing to reuse.

    Raises:
        IndexCorruptError: ``chunks.jsonl`` or ``vectors.npy`` differ from their checksums:
            reusing them would carry the damage into the new index.
    """
    try:
        generation = current_generation(Path(index_dir))
        manifest = read_generation_manifest(generation, Path(index_dir)) if generation else None
    except (IndexCorruptError, IndexMismatchError):
        return None  # nothing trustworthy to reuse: every passage is encoded again
    if manifest is None or manifest.encoder.id != encoder_id:
        return None
    chunks_path = manifest.verify_file(generation, "chunks.jsonl", index_dir)
    vectors_path = manifest.verify_file(generation, "vectors.npy", index_dir)
    try:
        lines = chunks_path.read_text(encoding="utf-8").splitlines()
        hashes = [Chunk.from_dict(json.loads(line)).hash for line in lines]
        vectors = np.load(vectors_path, mmap_mode="r")
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if len(hashes) != len(vectors):
        return None
    documents = {doc_id: entry.hash for doc_id, entry in manifest.documents.items()}
    return StoredVectors(manifest, documents, hashes, vectors)
