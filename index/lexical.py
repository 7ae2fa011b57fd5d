"""The lexical side of an index: BM25 of the passages' words, and BM25 of their name keys."""

from __future__ import annotations

from corpus.chunk import Chunk
from index.analysis import analyze_passages, split_name_keys
from index.embedding import passage_text

# A name key is evidence that a passage names a place or person, not of how much it is about it:
# no length normalisation and an early saturation (dev set and eval/xling sweep, k1 0.5 to 1.5, b 0 to 0.75).
NAME_KEY_BM25 = {"k1": 0.5, "b": 0.0}


def lexical_indexes(chunks: list[Chunk], with_context: bool):
    """BM25 of the words, and BM25 of the name keys alone (None when no passage has one).

    The keys have their own field so that they neither weigh on the words' scores
    nor lengthen the passages the words' BM25 normalises by.
    """
    import bm25s

    texts = [passage_text(chunk, with_context) for chunk in chunks]
    analysed = analyze_passages(texts, [chunk.lang for chunk in chunks])
    words, keys = zip(*(split_name_keys(terms) for terms in analysed)) if analysed else ((), ())
    lexical = bm25s.BM25()
    lexical.index(list(words), show_progress=False)
    if not any(keys):  # bm25s cannot index a corpus without a single term
        return lexical, None
    names = bm25s.BM25(**NAME_KEY_BM25)
    names.index(list(keys), show_progress=False)
    return lexical, names
