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
from corpus.errors import IndexChecksumError, IndexCorruptError, IndexMismatchError, SeminarSearchError
from corpus.loader import BUNDLED_CORPUS, LoadReport, load_documents
from corpus.pairing import alignment_table, chunk_corpus
from corpus.translation import read_alignment
from index.analysis import ANALYZER_VERSION, analyze_passages, split_name_keys
from index.dense import build_dense_index, resolve_kind
from index.encoders import DEFAULT_ENCODER, Encoder, load_encoder
from index.manifest import FORMAT_VERSION, ChunkingInfo, DenseInfo, DocumentEntry, EncoderInfo, Manifest
from index.store import (
    IndexData,
    IndexLock,
    StoredDocument,
    StoredVectors,
    load_vectors,
    read_manifest,
    recorded_sources,
    remove_leftovers,
    save_index,
)

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
        given = [Path(p).expanduser().resolve() for p in paths or []]
        recorded_paths, recorded_excluded = _recorded(index_dir, replacing=bool(given) and not add)
        sources, missing = _sources(given, recorded_paths, add)
        reading = _ReadingProgress() if progress else None
        try:
            loaded = load_documents(sources, progress=reading)
        finally:
            if reading is not None:
                reading.close()
        loaded.warnings[:0] = [f"source {path} no longer exists: its documents are removed" for path in missing]
        excluded = _exclusions(recorded_excluded, exclude, given, loaded)
        loaded.documents = [doc for doc in loaded.documents if doc.id not in excluded]
        if not loaded.documents:
            detail = f" ({'; '.join(loaded.warnings)})" if loaded.warnings else ""
            raise SeminarSearchError(f"no readable document to index{detail}")
        encoder = encoder or load_encoder(options.encoder)
        previous = _reusable_vectors(index_dir, encoder.id, loaded.warnings)
        chunks, links = _chunk_all(loaded.documents, options.chunking, encoder, loaded.warnings)
        report = _compare(loaded, previous)
        vectors, report.encoded, report.reused = _embed(chunks, encoder, previous, options, progress)
        lexical, names = _lexical_indexes(chunks, options.context_in_embedding)
        data = IndexData(
            manifest=_manifest(
                loaded.documents, chunks, encoder, options, sources=[str(p) for p in sources], excluded=sorted(excluded)
            ),
            chunks=chunks,
            documents={
                doc.id: StoredDocument(doc.meta, doc.text, doc.hash, doc.path, doc.encoding, links[doc.id])
                for doc in loaded.documents
            },
            vectors=vectors,
            dense=build_dense_index(vectors, np.arange(len(chunks), dtype=np.int64), options.dense_kind),
            lexical=lexical,
            names=names,
            alignment=_align(loaded.documents, chunks),
            annotations=annotate(chunks) if annotate else None,
        )
        report.location = str(save_index(index_dir, data))
    report.documents = len(loaded.documents)
    report.chunks_by_lang = dict(Counter(chunk.lang for chunk in chunks))
    report.warnings, report.notes = loaded.warnings, loaded.notes
    report.files_by_kind, report.skipped_by_reason = dict(loaded.read_by_kind), dict(loaded.skipped_by_reason)
    report.ocr_pages = loaded.ocr_pages
    report.seconds = time.perf_counter() - started
    return report


def _recorded(index_dir: Path, *, replacing: bool) -> tuple[list[str] | None, list[str]]:
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


def _reusable_vectors(index_dir: Path, encoder_id: str, warnings: list[str]) -> StoredVectors | None:
    """The live vectors to reuse; damaged ones are not reused (a warning says so) and every passage is encoded."""
    try:
        return load_vectors(index_dir, encoder_id)
    except IndexChecksumError as error:
        warnings.append(
            f"index file {error.path} is damaged: stored vectors not reused, every passage is encoded again"
        )
        return None


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


def _chunk_all(
    documents: list[Document], options: ChunkingOptions, encoder: Encoder, warnings: list[str]
) -> tuple[list[Chunk], dict[str, list]]:
    """All chunks, numbered across documents, and each document's links (kept as metadata).

    A translation is cut together with its original (``corpus.pairing``); a
    pair without an alignment table is aligned with the index's encoder, and a
    weak or impossible alignment adds a warning naming both documents.
    """
    corpus = chunk_corpus(documents, options, encoder)
    warnings.extend(corpus.warnings)
    chunks: list[Chunk] = []
    for document in documents:
        for chunk in corpus.chunks[document.id]:
            chunks.append(_renumber(chunk, len(chunks)))
    return chunks, {doc_id: [list(link) for link in doc_links] for doc_id, doc_links in corpus.links.items()}


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


def _embed(
    chunks: list[Chunk], encoder: Encoder, previous: StoredVectors | None, options: BuildOptions, progress: bool
):
    texts = [passage_text(chunk, options.context_in_embedding) for chunk in chunks]
    reusable: dict[str, int] = {}  # chunk hash → row in the previous vectors
    if previous is not None and previous.manifest.context_in_embedding == options.context_in_embedding:
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


# A name key is evidence that a passage names a place or person, not of how much it is about it:
# no length normalisation and an early saturation (dev set and eval/xling sweep, k1 0.5 to 1.5, b 0 to 0.75).
NAME_KEY_BM25 = {"k1": 0.5, "b": 0.0}


def _lexical_indexes(chunks: list[Chunk], with_context: bool):
    """BM25 of the words, and BM25 of the name keys alone (None when no passage has one).

    The keys have their own field so that they neither weigh on the words' scores
    nor lengthen the passages the words' BM25 normalises by.
    """
    import bm25s

    texts = [passage_text(chunk, with_context) for chunk in chunks]
    analysed = analyze_passages(texts, [chunk.lang for chunk in chunks])
    words, keys = zip(*(split_name_keys(terms) for terms in analysed)) if analysed else ((), ())
    lexical = bm25s.BM25()
    lexical.index(list(words), show_progress=False)
    if not any(keys):  # bm25s cannot index a corpus without a single term
        return lexical, None
    names = bm25s.BM25(**NAME_KEY_BM25)
    names.index(list(keys), show_progress=False)
    return lexical, names


def _align(documents: list[Document], chunks: list[Chunk]) -> dict[str, list[str]]:
    """Chunk-level links between each translation and its source.

    Chunks cut together share a ``pair`` id: each is linked to its one
    counterpart. A translation cut on its own (a second translation of the
    same original) is linked by overlap of the ranges in its alignment table.
    """
    links: dict[str, set[str]] = {}
    by_pair: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        if chunk.pair:
            by_pair.setdefault(chunk.pair, []).append(chunk)
    for members in by_pair.values():
        for chunk in members:
            links.setdefault(chunk.id, set()).update(other.id for other in members if other.id != chunk.id)
    by_doc: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        by_doc.setdefault(chunk.doc, []).append(chunk)
    for document in documents:
        source_id, table = document.meta.translation_of, alignment_table(document)
        if (
            not source_id
            or source_id not in by_doc
            or table is None
            or any(c.pair for c in by_doc.get(document.id, ()))
        ):
            continue
        for pair in read_alignment(table):
            sources = [c for c in by_doc[source_id] if c.start < pair.fr_end and pair.fr_start < c.end]
            targets = [c for c in by_doc[document.id] if c.start < pair.ko_end and pair.ko_start < c.end]
            for source in sources:
                for target in targets:
                    links.setdefault(source.id, set()).add(target.id)
                    links.setdefault(target.id, set()).add(source.id)
    order = {chunk.id: chunk.ordinal for chunk in chunks}
    return {chunk_id: sorted(targets, key=order.__getitem__) for chunk_id, targets in links.items() if targets}


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
