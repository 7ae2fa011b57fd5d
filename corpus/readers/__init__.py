"""Readers by file extension. New formats register here."""

from __future__ import annotations

from pathlib import Path

from corpus.errors import DocumentError
from corpus.readers.base import ReadResult, Reader, decode_text
from corpus.readers.text import TextReader

READERS: tuple[Reader, ...] = (TextReader(),)


def supported_extensions() -> tuple[str, ...]:
    return tuple(ext for reader in READERS for ext in reader.extensions)


def reader_for(path: Path) -> Reader:
    """The reader for ``path`` by its extension, or a ``DocumentError`` listing the supported ones."""
    suffix = path.suffix.lower()
    for reader in READERS:
        if suffix in reader.extensions:
            return reader
    raise DocumentError(path, f"unsupported file type {suffix or '(none)'}: supported are {', '.join(supported_extensions())}")


__all__ = ["READERS", "ReadResult", "Reader", "decode_text", "reader_for", "supported_extensions"]
