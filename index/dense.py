"""FAISS over L2-normalised vectors: inner product = cosine, explicit chunk ids."""

from __future__ import annotations

from typing import Literal

import numpy as np

IndexKind = Literal["flat", "hnsw", "ivf", "auto"]
INDEX_KINDS: tuple[str, ...] = ("flat", "hnsw", "ivf", "auto")
# Exact search stays under a few ms up to this many vectors on a laptop core;
# above it an approximate index pays off.
AUTO_FLAT_LIMIT = 50_000
HNSW_NEIGHBOURS = 32
HNSW_EF_SEARCH = 128
HNSW_EF_CONSTRUCTION = 80


def resolve_kind(kind: str, count: int) -> str:
    """The concrete index kind for ``count`` vectors ("auto" picks by size)."""
    if kind == "auto":
        return "flat" if count <= AUTO_FLAT_LIMIT else "hnsw"
    return kind


def build_dense_index(vectors: np.ndarray, ids: np.ndarray, kind: str = "flat"):
    """A FAISS index of ``vectors`` with the given int64 ids.

    Args:
        vectors: (n, d) float32, L2-normalised.
        ids: (n,) int64 ids (chunk ordinals in the index).
        kind: "flat" (exact), "hnsw" (graph), "ivf" (inverted lists) or "auto".
    """
    import faiss

    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    dimension = vectors.shape[1]
    kind = resolve_kind(kind, len(vectors))
    if kind == "flat":
        index = faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))
    elif kind == "hnsw":
        graph = faiss.IndexHNSWFlat(dimension, HNSW_NEIGHBOURS, faiss.METRIC_INNER_PRODUCT)
        graph.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        graph.hnsw.efSearch = HNSW_EF_SEARCH
        index = faiss.IndexIDMap2(graph)
    elif kind == "ivf":
        lists = max(1, min(4096, int(4 * np.sqrt(max(1, len(vectors))))))
        quantizer = faiss.IndexFlatIP(dimension)
        index = faiss.IndexIVFFlat(quantizer, dimension, lists, faiss.METRIC_INNER_PRODUCT)
        sample = (
            vectors
            if len(vectors) <= lists * 64
            else vectors[np.random.default_rng(0).choice(len(vectors), lists * 64, replace=False)]
        )
        index.train(sample)
        index.nprobe = max(1, lists // 16)
    else:
        raise ValueError(f"unknown index kind {kind!r}")
    if len(vectors):
        index.add_with_ids(vectors, np.ascontiguousarray(ids, dtype=np.int64))
    return index


def search_dense(
    index, queries: np.ndarray, k: int, allowed: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Top-``k`` (scores, ids) per query, restricted to ``allowed`` ids before ranking.

    Missing results (fewer allowed ids than k) come back as id -1.
    """
    import faiss

    if index.ntotal == 0 or k <= 0:
        return np.zeros((len(queries), 0), np.float32), np.zeros((len(queries), 0), np.int64)
    params = None
    if allowed is not None:
        selector = faiss.IDSelectorBatch(np.ascontiguousarray(allowed, dtype=np.int64))
        inner = faiss.downcast_index(index.index) if hasattr(index, "index") else index
        if isinstance(inner, faiss.IndexHNSW):
            params = faiss.SearchParametersHNSW(sel=selector, efSearch=max(HNSW_EF_SEARCH, k))
        elif isinstance(index, faiss.IndexIVF):
            # A selective filter empties most probed lists: probe more of them, in
            # proportion to how much the filter removes, so k results still come back.
            widen = int(np.ceil(index.ntotal / max(1, len(allowed))))
            params = faiss.SearchParametersIVF(sel=selector, nprobe=min(index.nlist, index.nprobe * widen))
        else:
            params = faiss.SearchParameters(sel=selector)
    scores, ids = index.search(np.ascontiguousarray(queries, dtype=np.float32), min(k, index.ntotal), params=params)
    return scores, ids


def write_dense_index(index, path: str) -> None:
    import faiss

    faiss.write_index(index, path)


def read_dense_index(path: str):
    import faiss

    return faiss.read_index(path)
