"""Documents → a persisted hybrid index (FAISS + BM25 + alignment)."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import numpy as np

from corpus.chunk import Chunk, Document
from corpus.chunker import CHUNKER_VERSION, ChunkingOptions
from corpus.errors import IndexCorruptError, IndexMismatchError
from corpus.loader import LoadReport
from index.analysis import ANALYZER_VERSION
from index.chunk_links import align_chunks, chunk_all
from index.dense import build_dense_index, resolve_kind
from index.embedding import embed_passages
from index.encoders import DEFAULT_ENCODER, Encoder, load_encoder
from index.generations import IndexLock, remove_leftovers
from index.lexical import lexical_indexes
from index.manifest import FORMAT_VERSION, ChunkingInfo, DenseInfo, DocumentEntry, EncoderInfo, Manifest
from index.previous import StoredVectors, reusable_vectors
from index.reading import Selection, read_sources
from index.store import IndexData, StoredDocument, read_manifest, save_index

PACKAGE_VERSION = "0.1.0"


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


def options_for(
    index_dir: Path, *, encoder: str | None = None, chunk_size: int | None = None, dense_kind: str | None = None
) -> BuildOptions:
    """Build options: what is given, else what the live index was built with, else the defaults.

    Re-reading the sources or removing a document must not switch an index to
    another encoder or chunk size behind the user's back.
    """
    try:
        manifest = read_manifest(index_dir)
    except (IndexCorruptError, IndexMismatchError):
        manifest = None  # a damaged or older index is rebuilt with the defaults
    if manifest is None:
        return BuildOptions(
            encoder=encoder or DEFAULT_ENCODER,
            dense_kind=dense_kind or "auto",
            chunking=ChunkingOptions(target_chars=chunk_size or ChunkingOptions().target_chars),
        )
    return BuildOptions(
        encoder=encoder or manifest.encoder.id,
        chunking=ChunkingOptions(
            target_chars=chunk_size or manifest.chunking.target_chars, min_chars=manifest.chunking.min_chars
        ),
        dense_kind=dense_kind or manifest.dense.requested,
        context_in_embedding=manifest.context_in_embedding,
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
    # The import summary: files read by kind ("pdf": 3), files skipped by reason, pages OCRed.
    files_by_kind: dict = field(default_factory=dict)
    skipped_by_reason: dict = field(default_factory=dict)
    ocr_pages: int = 0


def build_index(
    paths: Iterable[Path] | None,
    index_dir: Path,
    options: BuildOptions = BuildOptions(),
    *,
    encoder: Encoder | None = None,
    progress: bool = False,
    add: bool = False,
    exclude: Iterable[str] = (),
    annotate: Callable[[list[Chunk]], dict] | None = None,
) -> BuildReport:
    """Read, chunk, embed and index documents, then switch the index atomically.

    The index remembers its sources (files and folders). ``paths=None`` re-reads
    them (new, changed and deleted documents are picked up), or indexes the
    bundled corpus when there is no index yet; ``add=True`` adds ``paths`` to
    the recorded sources instead of replacing them. ``exclude`` removes
    documents by id, and stays in force until the document is indexed again
    by naming its path. Vectors of chunks whose text is unchanged are reused,
    so re-indexing after one document changed encodes only that document.
    ``annotate`` (``search.annotations.annotate_chunks``) computes what is stored
    as ``annotations.json``: entities and figures (the index layer cannot
    import the search layer, so the caller hands it in).

    Raises:
        SeminarSearchError: no readable document, another indexer running, …
    """
    started = time.perf_counter()
    with IndexLock(index_dir):
        remove_leftovers(index_dir)  # we hold the lock: any partial build left here died
        selection = read_sources(index_dir, paths, add=add, exclude=exclude, progress=progress)
        encoder = encoder or load_encoder(options.encoder)
        data, report = _index_data(selection, index_dir, encoder, options, progress=progress, annotate=annotate)
        report.location = str(save_index(index_dir, data))
    _summarise(report, selection.loaded, data.chunks)
    report.seconds = time.perf_counter() - started
    return report


def _index_data(
    selection: Selection,
    index_dir: Path,
    encoder: Encoder,
    options: BuildOptions,
    *,
    progress: bool,
    annotate: Callable[[list[Chunk]], dict] | None,
) -> tuple[IndexData, BuildReport]:
    """Chunk, embed and index the selected documents; the report says what was added, changed and reused."""
    loaded = selection.loaded
    previous = reusable_vectors(index_dir, encoder.id, loaded.warnings)
    chunks, links = chunk_all(loaded.documents, options.chunking, encoder, loaded.warnings)
    report = _compare(loaded, previous)
    vectors, report.encoded, report.reused = embed_passages(
        chunks, encoder, previous, with_context=options.context_in_embedding, progress=progress
    )
    lexical, names = lexical_indexes(chunks, options.context_in_embedding)
    sources, excluded = [str(p) for p in selection.sources], sorted(selection.excluded)
    data = IndexData(
        manifest=_manifest(loaded.documents, chunks, encoder, options, sources=sources, excluded=excluded),
        chunks=chunks,
        documents={
            doc.id: StoredDocument(doc.meta, doc.text, doc.hash, doc.path, doc.encoding, links[doc.id])
            for doc in loaded.documents
        },
        vectors=vectors,
        dense=build_dense_index(vectors, np.arange(len(chunks), dtype=np.int64), options.dense_kind),
        lexical=lexical,
        names=names,
        alignment=align_chunks(loaded.documents, chunks),
        annotations=annotate(chunks) if annotate else None,
    )
    return data, report


def _summarise(report: BuildReport, loaded: LoadReport, chunks: list[Chunk]) -> None:
    """What the import read, skipped and warned about, for the summary a build prints."""
    report.documents = len(loaded.documents)
    report.chunks_by_lang = dict(Counter(chunk.lang for chunk in chunks))
    report.warnings, report.notes = loaded.warnings, loaded.notes
    report.files_by_kind, report.skipped_by_reason = dict(loaded.read_by_kind), dict(loaded.skipped_by_reason)
    report.ocr_pages = loaded.ocr_pages


def _compare(loaded: LoadReport, previous: StoredVectors | None) -> BuildReport:
    report = BuildReport()
    before = previous.document_hashes if previous else {}
    now = {doc.id: doc.hash for doc in loaded.documents}
    report.added = sorted(set(now) - set(before))
    report.removed = sorted(set(before) - set(now))
    report.changed = sorted(doc_id for doc_id in set(now) & set(before) if now[doc_id] != before[doc_id])
    return report


def _manifest(
    documents: list[Document],
    chunks: list[Chunk],
    encoder: Encoder,
    options: BuildOptions,
    *,
    sources: list[str],
    excluded: list[str],
) -> Manifest:
    per_document = Counter(chunk.doc for chunk in chunks)
    return Manifest(
        format_version=FORMAT_VERSION,
        package_version=PACKAGE_VERSION,
        built_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        encoder=EncoderInfo(id=encoder.id, dimension=encoder.dimension),
        chunker_version=CHUNKER_VERSION,
        analyzer_version=ANALYZER_VERSION,
        chunking=ChunkingInfo(target_chars=options.chunking.target_chars, min_chars=options.chunking.min_chars),
        context_in_embedding=options.context_in_embedding,
        dense=DenseInfo(kind=resolve_kind(options.dense_kind, len(chunks)), requested=options.dense_kind),
        chunk_count=len(chunks),
        documents={
            doc.id: DocumentEntry(
                hash=doc.hash,
                path=doc.path,
                language=doc.meta.language,
                title=doc.meta.title,
                translation_of=doc.meta.translation_of,
                encoding=doc.encoding,
                chunks=per_document[doc.id],
            )
            for doc in documents
        },
        sources=tuple(sources),
        excluded=tuple(excluded),
    )
