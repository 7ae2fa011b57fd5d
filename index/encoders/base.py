"""Encoder interface: texts → L2-normalised float32 vectors, queries and passages apart."""

from __future__ import annotations

import os
import threading
from abc import ABC, abstractmethod
from collections import OrderedDict
from typing import Sequence

import numpy as np

QUERY_CACHE_ENV = "SEMINAR_SEARCH_QUERY_CACHE"  # query vectors kept per encoder; 0 keeps none (benchmarks)


def _query_cache_size(default: int = 512) -> int:  # USE-m3: 2 KB a vector
    value = os.environ.get(QUERY_CACHE_ENV, "").strip()
    return int(value) if value.isdigit() else default


QUERY_CACHE_SIZE = _query_cache_size()


class Encoder(ABC):
    """A text encoder.

    ``id`` is what the index manifest records: loading an index with an
    encoder of another id is refused. Queries and passages are encoded by
    separate methods because several models (e5, bge) want different prompts.
    """

    id: str
    dimension: int

    @abstractmethod
    def _encode(self, texts: Sequence[str], *, kind: str) -> np.ndarray:
        """Raw vectors, one row per text; ``kind`` is "query" or "passage"."""

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._normalised(texts, "query")

    def encode_query(self, text: str) -> np.ndarray:
        """One query's vector (a 1 × dimension array), kept for the next time the same text is searched.

        The page searches a query again for each filter, page size or language a user changes, and
        encoding is most of a search's time; the vectors kept are few and small (QUERY_CACHE_SIZE).
        """
        cache, lock = self._query_cache()
        with lock:
            vector = cache.get(text)
            if vector is not None:
                cache.move_to_end(text)
                return vector
        vector = self.encode_queries([text])
        vector.setflags(write=False)
        if QUERY_CACHE_SIZE == 0:
            return vector
        with lock:
            cache[text] = vector
            while len(cache) > QUERY_CACHE_SIZE:
                cache.popitem(last=False)
        return vector

    def _query_cache(self) -> tuple[OrderedDict, threading.Lock]:
        # Created on first use, so that subclasses need not call a base __init__.
        if "_query_vectors" not in self.__dict__:
            self.__dict__.setdefault("_query_vectors", (OrderedDict(), threading.Lock()))
        return self.__dict__["_query_vectors"]

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._normalised(texts, "passage")

    def _normalised(self, texts: Sequence[str], kind: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = np.asarray(self._encode(list(texts), kind=kind), dtype=np.float32)
        vectors = vectors.reshape(len(texts), -1)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)
