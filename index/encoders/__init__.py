"""Encoders by name: ``use-m3`` (default, bundled) or ``st:<name or path>``."""

from __future__ import annotations

from corpus.errors import EncoderError
from index.encoders.base import Encoder

DEFAULT_ENCODER = "use-m3"


def load_encoder(name: str = DEFAULT_ENCODER, *, threads: int | None = None) -> Encoder:
    """The encoder called ``name``.

    Args:
        name: ``use-m3`` (the bundled Universal Sentence Encoder multilingual)
            or ``st:MODEL`` where MODEL is a sentence-transformers hub name
            (``st:intfloat/multilingual-e5-small``) or a local directory.
        threads: CPU threads for encoding.

    Raises:
        EncoderError: an unknown name or a model that cannot be loaded.
    """
    if name == "use-m3":
        from index.encoders.use_m3 import UseM3Encoder

        return UseM3Encoder(threads=threads)
    if name.startswith("st:") and len(name) > 3:
        from index.encoders.sentence_transformers import SentenceTransformerEncoder

        return SentenceTransformerEncoder(name[3:], threads=threads)
    raise EncoderError(f"unknown encoder {name!r}: use 'use-m3' or 'st:<model name or path>'")


__all__ = ["DEFAULT_ENCODER", "Encoder", "load_encoder"]
