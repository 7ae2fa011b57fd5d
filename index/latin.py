"""French and English analysis: casefold, stopwords, Snowball stems (PyStemmer), accents folded.

French elisions (l', d', qu' …) fall out as stopwords once the apostrophe
splits the word; accents are folded after stemming so that "hydrogene" typed
without accent matches.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from corpus.language import fold_accents, has_hangul
from index.term import Term

_WORD = re.compile(r"[^\W_]+", re.UNICODE)

_FRENCH_EXTRA_STOPWORDS = (
    "a plus très comme cette cet aussi tout tous toute toutes être avoir fait faire quel quelle quels quelles "
    "comment pourquoi quoi où dont ainsi alors donc entre sans sous vers chez lors afin etc ci là cela ça "
    "leurs selon depuis pendant avant après jusqu lorsqu puisqu quoiqu"
)
_ENGLISH_STOPWORDS = (
    "a an and are as at be by for from has have he in is it its of on that the to was were will with "
    "what which who whom how why when where did does do about this these those their they them or not "
    "can could would should there here into than then so such any all some our we you your his her"
)


@lru_cache(maxsize=1)
def _french():
    import Stemmer
    from bm25s.stopwords import STOPWORDS_FRENCH

    stops = set(STOPWORDS_FRENCH) | set(_FRENCH_EXTRA_STOPWORDS.split())
    return Stemmer.Stemmer("french"), frozenset(stops | {fold_accents(word) for word in stops})


@lru_cache(maxsize=1)
def _english():
    import Stemmer

    return Stemmer.Stemmer("english"), frozenset(_ENGLISH_STOPWORDS.split())


def all_stopwords() -> frozenset[str]:
    return _french()[1] | _english()[1]


def latin_words(text: str) -> Iterator[tuple[str, int, int]]:
    """Casefolded words without Hangul, with their offsets."""
    for match in _WORD.finditer(text):
        word = match.group(0)
        if not has_hangul(word):
            yield word.casefold().replace("’", "'"), match.start(), match.end()


def french_terms(text: str, *, both_spellings: bool = False) -> list[Term]:
    """French stems, one per word; ``both_spellings`` (for indexed passages) adds the unaccented one.

    Snowball's French rules read the accents ("neutralité" → neutral, which also
    meets English "neutrality"), but a word typed without them stems differently
    ("neutralite" → neutralit). Passages carry both stems of an accented word, so
    a query typed either way finds it; queries and glossary keys keep one term
    per word, so that no word weighs double and word sequences stay aligned.
    """
    stemmer, stops = _french()
    words = [(w, s, e) for w, s, e in latin_words(text) if w not in stops and fold_accents(w) not in stops]
    accented = stemmer.stemWords([w for w, _, _ in words])
    folded = stemmer.stemWords([fold_accents(w) for w, _, _ in words]) if both_spellings else accented
    terms = []
    for with_accents, without, (_, s, e) in zip(accented, folded, words):
        terms.append(Term(fold_accents(with_accents), s, e))
        if both_spellings and without != fold_accents(with_accents):
            terms.append(Term(without, s, e))
    return terms


def english_terms(text: str) -> list[Term]:
    stemmer, stops = _english()
    words = [(fold_accents(w), s, e) for w, s, e in latin_words(text) if w not in stops]
    stems = stemmer.stemWords([w for w, _, _ in words])
    return [Term(stem, s, e) for stem, (_, s, e) in zip(stems, words)]


def raw_latin_terms(text: str) -> list[Term]:
    """Unstemmed folded words: how names and acronyms inside Korean text are indexed."""
    stops = all_stopwords()
    return [
        Term(fold_accents(w), s, e) for w, s, e in latin_words(text) if len(w) > 1 and fold_accents(w) not in stops
    ]
