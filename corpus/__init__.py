"""Documents → clean, language-tagged chunks."""

from corpus.chunk import Chunk, Document, DocumentMeta
from corpus.chunker import CHUNKER_VERSION, ChunkingOptions, chunk_document
from corpus.loader import BUNDLED_CORPUS, LoadReport, load_document, load_documents

__all__ = [
    "BUNDLED_CORPUS",
    "CHUNKER_VERSION",
    "Chunk",
    "ChunkingOptions",
    "Document",
    "DocumentMeta",
    "LoadReport",
    "chunk_document",
    "load_document",
    "load_documents",
]
