"""Documents → a persisted hybrid index (FAISS + BM25 + alignment)."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import numpy as np

from corpus.chunk import Chunk, Document
from corpus.chunker import CHUNKER_VERSION, ChunkingOptions, chunk_document_with_links
from corpus.errors import SeminarSearchError
from corpus.loader import BUNDLED_CORPUS, LoadReport, load_documents
from corpus.translation import read_alignment
from index.analysis import ANALYZER_VERSION, analyze_passages
from index.dense import build_dense_index, resolve_kind
from index.encoders import DEFAULT_ENCODER, Encoder, load_encoder
from index.store import FORMAT_VERSION, IndexData, IndexLock, StoredDocument, StoredVectors, load_vectors, read_manifest, save_index

PACKAGE_VERSION = "0.1.0"
_ENCODE_BATCH = 32


@dataclass(frozen=True, slots=True, kw_only=True)
class BuildOptions:
    """How to build an index.

    Args:
        encoder: encoder name (see ``index.encoders.load_encoder``).
        chunking: chunk sizes.
        dense_kind: FAISS index kind ("auto" picks flat or HNSW by size).
        context_in_embedding: prefix each passage with its section and speaker
            before encoding (a slide's bullet means little without its heading).
    """

    encoder: str = DEFAULT_ENCODER
    chunking: ChunkingOptions = ChunkingOptions()
    dense_kind: str = "auto"
    context_in_embedding: bool = True


def options_for(index_dir: Path, *, encoder: str | None = None, chunk_size: int | None = None,
                dense_kind: str | None = None) -> BuildOptions:
    """Build options: what is given, else what the live index was built with, else the defaults.

    Re-reading the sources or removing a document must not switch an index to
    another encoder or chunk size behind the user's back.
    """
    manifest = read_manifest(index_dir) or {}
    chunking = manifest.get("chunking", {})
    return BuildOptions(
        encoder=encoder or manifest.get("encoder", {}).get("id") or DEFAULT_ENCODER,
        chunking=ChunkingOptions(
            target_chars=chunk_size or chunking.get("target_chars", ChunkingOptions().target_chars),
            min_chars=chunking.get("min_chars", ChunkingOptions().min_chars),
        ),
        dense_kind=dense_kind or manifest.get("dense", {}).get("requested") or "auto",
        context_in_embedding=manifest.get("context_in_embedding", True),
    )


@dataclass(slots=True)
class BuildReport:
    documents: int = 0
    chunks_by_lang: dict = field(default_factory=dict)
    encoded: int = 0
    reused: int = 0
    added: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    seconds: float = 0.0
    location: str = ""


def passage_text(chunk: Chunk, with_context: bool = True) -> str:
    """The text that is embedded and lexically indexed for a chunk."""
    if not with_context:
        return chunk.text
    context = " — ".join(part for part in (chunk.section, chunk.speaker) if part)
    return f"{context}\n{chunk.text}" if context else chunk.text


def build_index(
    paths: Iterable[Path] | None,
    index_dir: Path,
    options: BuildOptions = BuildOptions(),
    *,
    encoder: Encoder | None = None,
    progress: bool = False,
    add: bool = False,
    exclude: Iterable[str] = (),
) -> BuildReport:
    """Read, chunk, embed and index documents, then switch the index atomically.

    The index remembers its sources (files and folders). ``paths=None`` re-reads
    them (new, changed and deleted documents are picked up), or indexes the
    bundled corpus when there is no index yet; ``add=True`` adds ``paths`` to
    the recorded sources instead of replacing them. ``exclude`` removes
    documents by id, and stays in force until the document is indexed again
    by naming its path. Vectors of chunks whose text is unchanged are reused,
    so re-indexing after one document changed encodes only that document.

    Raises:
        SeminarSearchError: no readable document, another indexer running, …
    """
    started = time.perf_counter()
    with IndexLock(index_dir):
        recorded = read_manifest(index_dir) or {}
        given = [Path(p).expanduser().resolve() for p in paths or []]
        sources, missing = _sources(given, recorded.get("sources"), add)
        loaded = load_documents(sources)
        loaded.warnings[:0] = [f"source {path} no longer exists: its documents are removed" for path in missing]
        excluded = _exclusions(recorded.get("excluded", []), exclude, given, loaded)
        loaded.documents = [doc for doc in loaded.documents if doc.id not in excluded]
        if not loaded.documents:
            detail = f" ({'; '.join(loaded.warnings)})" if loaded.warnings else ""
            raise SeminarSearchError(f"no readable document to index{detail}")
        encoder = encoder or load_encoder(options.encoder)
        previous = load_vectors(index_dir, encoder.id)
        chunks, links = _chunk_all(loaded.documents, options.chunking)
        report = _compare(loaded, previous)
        vectors, report.encoded, report.reused = _embed(chunks, encoder, previous, options, progress)
        data = IndexData(
            manifest=_manifest(loaded.documents, chunks, encoder, options) | {"sources": [str(p) for p in sources], "excluded": sorted(excluded)},
            chunks=chunks,
            documents={doc.id: StoredDocument(doc.meta, doc.text, doc.hash, doc.path, doc.encoding, links[doc.id]) for doc in loaded.documents},
            vectors=vectors,
            dense=build_dense_index(vectors, np.arange(len(chunks), dtype=np.int64), options.dense_kind),
            lexical=_lexical_index(chunks, options.context_in_embedding),
            alignment=_align(loaded.documents, chunks),
        )
        report.location = str(save_index(index_dir, data))
    report.documents = len(loaded.documents)
    report.chunks_by_lang = dict(Counter(chunk.lang for chunk in chunks))
    report.warnings, report.notes = loaded.warnings, loaded.notes
    report.seconds = time.perf_counter() - started
    return report


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


def _chunk_all(documents: list[Document], options: ChunkingOptions) -> tuple[list[Chunk], dict[str, list]]:
    """All chunks, numbered across documents, and each document's links (kept as metadata)."""
    chunks: list[Chunk] = []
    links: dict[str, list] = {}
    for document in documents:
        document_chunks, links[document.id] = chunk_document_with_links(document, options)
        for chunk in document_chunks:
            chunks.append(_renumber(chunk, len(chunks)))
    return chunks, {doc_id: [list(link) for link in doc_links] for doc_id, doc_links in links.items()}


def _renumber(chunk: Chunk, ordinal: int) -> Chunk:
    """Ordinals are global in an index: they are the FAISS ids."""
    data = chunk.to_dict()
    data["ordinal"] = ordinal
    return Chunk.from_dict(data)


def _compare(loaded: LoadReport, previous: StoredVectors | None) -> BuildReport:
    report = BuildReport()
    before = previous.document_hashes if previous else {}
    now = {doc.id: doc.hash for doc in loaded.documents}
    report.added = sorted(set(now) - set(before))
    report.removed = sorted(set(before) - set(now))
    report.changed = sorted(doc_id for doc_id in set(now) & set(before) if now[doc_id] != before[doc_id])
    return report


def _embed(chunks: list[Chunk], encoder: Encoder, previous: StoredVectors | None, options: BuildOptions, progress: bool):
    texts = [passage_text(chunk, options.context_in_embedding) for chunk in chunks]
    reusable: dict[str, int] = {}  # chunk hash → row in the previous vectors
    if previous is not None and previous.manifest.get("context_in_embedding") == options.context_in_embedding:
        reusable = {chunk_hash: row for row, chunk_hash in enumerate(previous.chunk_hashes)}
    vectors = np.zeros((len(chunks), encoder.dimension), dtype=np.float32)
    todo = [i for i, chunk in enumerate(chunks) if chunk.hash not in reusable]
    for i, chunk in enumerate(chunks):
        if chunk.hash in reusable:
            vectors[i] = previous.vectors[reusable[chunk.hash]]
    batches = range(0, len(todo), _ENCODE_BATCH)
    if progress and todo:
        from tqdm import tqdm

        batches = tqdm(batches, desc="encoding", unit="batch", leave=False)
    for start in batches:
        positions = todo[start : start + _ENCODE_BATCH]
        vectors[positions] = encoder.encode_passages([texts[i] for i in positions])
    return vectors, len(todo), len(chunks) - len(todo)


def _lexical_index(chunks: list[Chunk], with_context: bool):
    import bm25s

    corpus_tokens = analyze_passages([passage_text(chunk, with_context) for chunk in chunks], [chunk.lang for chunk in chunks])
    lexical = bm25s.BM25()
    lexical.index(corpus_tokens, show_progress=False)
    return lexical


def _align(documents: list[Document], chunks: list[Chunk]) -> dict[str, list[str]]:
    """Chunk-level links between each translation and its source, from the stored alignment."""
    by_doc: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        by_doc.setdefault(chunk.doc, []).append(chunk)
    links: dict[str, set[str]] = {}
    for document in documents:
        source_id = document.meta.translation_of
        table = Path(document.path).with_suffix(".align.tsv") if document.path else None
        if not source_id or source_id not in by_doc or table is None or not table.exists():
            continue
        for pair in read_alignment(table):
            sources = [c for c in by_doc[source_id] if c.start < pair.fr_end and pair.fr_start < c.end]
            targets = [c for c in by_doc[document.id] if c.start < pair.ko_end and pair.ko_start < c.end]
            for source in sources:
                for target in targets:
                    links.setdefault(source.id, set()).add(target.id)
                    links.setdefault(target.id, set()).add(source.id)
    order = {chunk.id: chunk.ordinal for chunk in chunks}
    return {chunk_id: sorted(targets, key=order.__getitem__) for chunk_id, targets in links.items()}


def _manifest(documents: list[Document], chunks: list[Chunk], encoder: Encoder, options: BuildOptions) -> dict:
    return {
        "format_version": FORMAT_VERSION,
        "package_version": PACKAGE_VERSION,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "encoder": {"id": encoder.id, "dimension": encoder.dimension},
        "chunker_version": CHUNKER_VERSION,
        "analyzer_version": ANALYZER_VERSION,
        "chunking": {"target_chars": options.chunking.target_chars, "min_chars": options.chunking.min_chars},
        "context_in_embedding": options.context_in_embedding,
        "dense": {"kind": resolve_kind(options.dense_kind, len(chunks)), "requested": options.dense_kind},
        "chunk_count": len(chunks),
        "documents": {
            doc.id: {
                "hash": doc.hash,
                "path": doc.path,
                "language": doc.meta.language,
                "title": doc.meta.title,
                "translation_of": doc.meta.translation_of,
                "encoding": doc.encoding,
                "chunks": sum(1 for chunk in chunks if chunk.doc == doc.id),
            }
            for doc in documents
        },
    }
