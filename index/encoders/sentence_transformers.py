"""Any sentence-transformers model, by hub name or local path (``st:NAME``)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

import numpy as np

from corpus.errors import EncoderError
from index.encoders.base import Encoder

_QUERY_PROMPTS = ("query", "search_query")
_PASSAGE_PROMPTS = ("passage", "document", "search_document", "corpus")


class SentenceTransformerEncoder(Encoder):
    """Wraps ``SentenceTransformer``; honours the model's own query/passage prompts.

    Loading is offline unless the caller has set ``HF_HUB_OFFLINE=0``: a name
    that is not in the local cache fails with a message instead of a download.
    """

    def __init__(self, model: str, *, threads: int | None = None):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        try:
            import torch
            from sentence_transformers import SentenceTransformer
        except ImportError as error:  # pragma: no cover - depends on the install
            raise EncoderError(
                f"st:{model} needs sentence-transformers and torch: pip install sentence-transformers ({error})"
            ) from None
        # One thread keeps encoding fast when the other core is busy serving.
        torch.set_num_threads(threads or 1)
        location = str(Path(model).expanduser()) if Path(model).expanduser().exists() else model
        try:
            self._model = SentenceTransformer(location, device="cpu")
        except Exception as error:  # the library raises many types for a missing model
            raise EncoderError(
                f"cannot load sentence-transformers model {model!r} offline: give a local path, "
                f"or set HF_HUB_OFFLINE=0 with internet access ({type(error).__name__})"
            ) from None
        self.id = f"st:{model}"
        dimension = (
            getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        )
        self.dimension = int(dimension())
        prompts = getattr(self._model, "prompts", {}) or {}
        self._prompt = {
            "query": next((name for name in _QUERY_PROMPTS if prompts.get(name)), None),
            "passage": next((name for name in _PASSAGE_PROMPTS if prompts.get(name)), None),
        }

    def _encode(self, texts: Sequence[str], *, kind: str) -> np.ndarray:
        return self._model.encode(
            list(texts),
            prompt_name=self._prompt[kind],
            batch_size=32,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
