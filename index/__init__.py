"""Chunks → embeddings in FAISS + a BM25 lexical index, persisted with a manifest."""
