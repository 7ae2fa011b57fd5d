"""Documents → clean, language-tagged chunks.

The names below are imported on first use (PEP 562): ``corpus.errors`` or ``corpus.language``
alone must not pull in every reader, which a one-shot search would pay for at each start.
"""

from importlib import import_module

_PUBLIC = {
    "BUNDLED_CORPUS": "corpus.loader",
    "CHUNKER_VERSION": "corpus.chunker",
    "Chunk": "corpus.chunk",
    "ChunkingOptions": "corpus.chunker",
    "Document": "corpus.chunk",
    "DocumentMeta": "corpus.chunk",
    "LoadReport": "corpus.loader",
    "chunk_document": "corpus.chunker",
    "load_document": "corpus.loader",
    "load_documents": "corpus.loader",
}
__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    if name in _PUBLIC:
        return getattr(import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'corpus' has no attribute {name!r}")
