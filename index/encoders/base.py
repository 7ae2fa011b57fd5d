"""Encoder interface: texts → L2-normalised float32 vectors, queries and passages apart."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Sequence

import numpy as np


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

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._normalised(texts, "passage")

    def _normalised(self, texts: Sequence[str], kind: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = np.asarray(self._encode(list(texts), kind=kind), dtype=np.float32)
        vectors = vectors.reshape(len(texts), -1)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)
