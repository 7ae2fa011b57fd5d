"""Passage vectors: the text each chunk is embedded as, encoded in batches, reusing unchanged chunks' vectors."""

from __future__ import annotations

import numpy as np

from corpus.chunk import Chunk
from index.encoders import Encoder
from index.previous import StoredVectors

_ENCODE_BATCH = 32


def passage_text(chunk: Chunk, with_context: bool = True) -> str:
    """The text that is embedded and lexically indexed for a chunk."""
    if not with_context:
        return chunk.text
    context = " — ".join(part for part in (chunk.section, chunk.speaker) if part)
    return f"{context}\n{chunk.text}" if context else chunk.text


def embed_passages(
    chunks: list[Chunk], encoder: Encoder, previous: StoredVectors | None, *, with_context: bool, progress: bool
) -> tuple[np.ndarray, int, int]:
    """The vectors of ``chunks``, and how many were encoded and how many reused from ``previous``.

    A vector is reused when the chunk's hash is unchanged and the previous
    index embedded the same text (with or without the context prefix).
    """
    texts = [passage_text(chunk, with_context) for chunk in chunks]
    reusable: dict[str, int] = {}  # chunk hash → row in the previous vectors
    if previous is not None and previous.manifest.context_in_embedding == with_context:
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
