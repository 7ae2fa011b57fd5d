"""The corpus's chunks numbered across documents, and the links between a translation's chunks and its source's."""

from __future__ import annotations

from corpus.chunk import Chunk, Document
from corpus.chunker import ChunkingOptions
from corpus.pairing import alignment_table, chunk_corpus
from corpus.translation import read_alignment
from index.encoders import Encoder


def chunk_all(
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


def align_chunks(documents: list[Document], chunks: list[Chunk]) -> dict[str, list[str]]:
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
        _link_by_table(document, by_doc, links)
    order = {chunk.id: chunk.ordinal for chunk in chunks}
    return {chunk_id: sorted(targets, key=order.__getitem__) for chunk_id, targets in links.items() if targets}


def _link_by_table(document: Document, by_doc: dict[str, list[Chunk]], links: dict[str, set[str]]) -> None:
    """Link a translation cut on its own to its source's chunks by the ranges of its alignment table."""
    source_id, table = document.meta.translation_of, alignment_table(document)
    if not source_id or source_id not in by_doc or table is None or any(c.pair for c in by_doc.get(document.id, ())):
        return
    for pair in read_alignment(table):
        sources = [c for c in by_doc[source_id] if c.start < pair.fr_end and pair.fr_start < c.end]
        targets = [c for c in by_doc[document.id] if c.start < pair.ko_end and pair.ko_start < c.end]
        for source in sources:
            for target in targets:
                links.setdefault(source.id, set()).add(target.id)
                links.setdefault(target.id, set()).add(source.id)
