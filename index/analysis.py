"""Per-language analysis for the lexical index, for queries and for highlighting.

* French: casefold, elision (l', d', qu' … fall out as stopwords once the
  apostrophe splits the word), stopwords, Snowball stemmer (PyStemmer),
  accents folded after stemming so "hydrogene" typed without accent matches.
* English: the same with the English stemmer.
* Korean: Kiwi morphemes. Content morphemes are kept (nouns, verb and
  adjective stems, roots, foreign words, numbers); nouns written together give
  their parts and the whole ("탄소중립" → 탄소, 중립, 탄소중립) and a prefix
  stays on its noun ("재활용" is never reduced to 활용).

Every analyser yields ``(term, start, end)`` so that the same code decides
what matches and what is highlighted. A query is analysed for every language
it could match; passages by their own language.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Iterator, NamedTuple

from corpus.figures import figure_terms
from corpus.language import fold_accents, hangul_ratio, has_hangul
from corpus.translation import mask_translator_notes
from index.bridges import NAME_PREFIX, korean_name_terms, latin_name_terms

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
_KOREAN_NOUN_TAGS = {"NNG", "NNP", "XR", "SH"}
_KOREAN_OTHER_TAGS = {"NR", "SN"}
_PASSAGE_NAME_TAGS = frozenset({"NNP"})
_QUERY_NAME_TAGS = frozenset({"NNP", "NNG"})
_KOREAN_LIGHT_STEMS = {"하", "되", "있", "없", "이", "위하", "같", "대하", "통하", "받", "주", "않", "보"}


# Bump when the terms produced for a text change: the lexical index must be rebuilt.
ANALYZER_VERSION = "10"  # 6: figure terms (corpus/figures.py); 7: name keys across scripts (index/bridges.py);
# 8: name keys in a field of their own (``split_name_keys``), out of the words' BM25; 9: English amounts as figures;
# 10: one-syllable parts of Korean compounds are not terms


class Term(NamedTuple):
    """An index term and the characters of the text it comes from."""

    term: str
    start: int
    end: int


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


_kiwi_lock = threading.Lock()


@lru_cache(maxsize=1)
def _kiwi():
    from kiwipiepy import Kiwi

    # The typo-correction and multi-word dictionaries double the start-up time and
    # change nothing for analysing well-written archive text and short queries.
    return Kiwi(load_typo_dict=False, load_multi_dict=False)


def warm_up_korean() -> None:
    """Load Kiwi and its model now (the first analysis otherwise pays for it).

    Never in a thread beside other start-up work: Kiwi holds the GIL while it loads, so a
    background load stalled the imports and the index load instead of overlapping them
    (a one-shot search took 3.6 s with it, 2.9 s without).
    """
    korean_terms("수소 재활용")



def _latin_words(text: str) -> Iterator[tuple[str, int, int]]:
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
    words = [(w, s, e) for w, s, e in _latin_words(text) if w not in stops and fold_accents(w) not in stops]
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
    words = [(fold_accents(w), s, e) for w, s, e in _latin_words(text) if w not in stops]
    stems = stemmer.stemWords([w for w, _, _ in words])
    return [Term(stem, s, e) for stem, (_, s, e) in zip(stems, words)]


def raw_latin_terms(text: str) -> list[Term]:
    """Unstemmed folded words: how names and acronyms inside Korean text are indexed."""
    stops = all_stopwords()
    return [
        Term(fold_accents(w), s, e) for w, s, e in _latin_words(text) if len(w) > 1 and fold_accents(w) not in stops
    ]


def korean_terms(text: str, *, query: bool = False) -> list[Term]:
    """Kiwi content morphemes, compounds kept whole as well as in parts, and name keys (``korean_name_index_terms``)."""
    if not text.strip():
        return []
    with _kiwi_lock:  # one shared Kiwi; its thread safety is not documented
        tokens = _kiwi().tokenize(text)
    return _korean_terms_from_tokens(text, tokens, query=query)


def korean_terms_batch(texts: list[str]) -> list[list[Term]]:
    """``korean_terms`` for many texts: Kiwi analyses a list about 10x faster than one by one."""
    with _kiwi_lock:
        analysed = list(_kiwi().tokenize([text if text.strip() else " " for text in texts]))
    return [_korean_terms_from_tokens(text, tokens) if text.strip() else [] for text, tokens in zip(texts, analysed)]


def korean_tokens_batch(texts: list[str]) -> list[list]:
    """Kiwi's tokens (form, tag, start, len) of many texts, from the one shared Kiwi."""
    with _kiwi_lock:
        return [list(tokens) for tokens in _kiwi().tokenize([text if text.strip() else " " for text in texts])]


def _korean_terms_from_tokens(text: str, tokens, *, query: bool = False) -> list[Term]:
    tokens = list(tokens)
    terms: list[Term] = korean_name_index_terms(tokens, text, query=query)
    run: list = []  # adjacent nouns (with prefixes and suffixes) written without a space

    def close_run() -> None:
        units: list[Term] = []
        prefix_start = None
        for token in run:
            end = token.start + token.len
            if token.tag == "XPN":
                prefix_start = token.start if prefix_start is None else prefix_start
            elif token.tag == "XSN" and units:
                last = units[-1]
                units[-1] = Term(text[last.start : end], last.start, end)
            else:
                start = token.start if prefix_start is None else prefix_start
                units.append(Term(text[start:end], start, end))
                prefix_start = None
        if len(units) > 1:
            # A one-syllable part of a compound (집, 수 of 집수) matches inside any word
            # (수원, 수자원): only the whole compound and its longer parts are terms.
            terms.extend(unit for unit in units if len(unit.term) > 1)
            terms.append(Term(text[units[0].start : units[-1].end], units[0].start, units[-1].end))
        else:
            terms.extend(units)
        run.clear()

    for token in tokens:
        adjacent = bool(run) and token.start == run[-1].start + run[-1].len
        if token.tag in _KOREAN_NOUN_TAGS or token.tag == "XPN" or token.tag == "XSN" and adjacent:
            if run and not adjacent:
                close_run()
            run.append(token)
            continue
        if run:
            close_run()
        end = token.start + token.len
        if token.tag == "SL":
            terms.extend(
                Term(term, token.start + s, token.start + e)
                for term, s, e in ((t.term, t.start, t.end) for t in raw_latin_terms(token.form))
            )
        elif token.tag in ("VV", "VA"):
            # One-syllable stems are mostly light verbs or misanalysed names.
            if len(token.form) > 1 and token.form not in _KOREAN_LIGHT_STEMS:
                terms.append(Term(token.form, token.start, end))
        elif token.tag in _KOREAN_OTHER_TAGS:
            terms.append(Term(token.form, token.start, end))
    if run:
        close_run()
    return terms


def passage_terms(text: str, lang: str) -> list[Term]:
    """Terms of a passage, by the passage's language; translator's notes are not searched."""
    text = mask_translator_notes(text)
    if lang == "ko":
        terms = korean_terms(text)
    elif lang == "en":
        terms = english_terms(text)
    elif lang == "mixed":
        terms = korean_terms(text) + french_terms(text, both_spellings=True)
    else:
        terms = french_terms(text, both_spellings=True)
    return terms + figure_index_terms(text, lang) + latin_name_index_terms(text)


def korean_name_index_terms(tokens: list, text: str, *, query: bool = False) -> list[Term]:
    """Name keys of Korean proper nouns (수원 and Suwon, 뚜르 and Tours share one; index/bridges.py).

    Kiwi tags a transcribed name standing alone as a common noun ("뚜르" NNG, "뚜르시는" NNP),
    so a query's common nouns give keys too; a passage's would only add noise.
    """
    tags = _QUERY_NAME_TAGS if query else _PASSAGE_NAME_TAGS
    return [Term(*term) for term in korean_name_terms(tokens, text, tags=tags)]


def latin_name_index_terms(text: str, *, query: bool = False) -> list[Term]:
    """Name keys of Latin words: capitalised ones in passages, every word in a query ("tours"); never stopwords."""
    stops = all_stopwords()
    return [
        Term(*term)
        for term in latin_name_terms(text, capitalised_only=not query)
        if fold_accents(text[term.start : term.end].casefold()) not in stops
    ]


def figure_index_terms(text: str, lang: str | None = None) -> list[Term]:
    """Language-neutral terms of the figures ("#165000000000krw" for 165 milliards de won and 1,650억 원)."""
    return [
        Term(term, start, end) for term, start, end in figure_terms(text, lang if lang in ("fr", "ko", "en") else None)
    ]


def is_name_key(term: str) -> bool:
    return term.startswith(NAME_PREFIX)


def split_name_keys(terms: list[str]) -> tuple[list[str], list[str]]:
    """(words, name keys) of a term list: the keys are indexed in a BM25 field of their own.

    In the words' index a French passage's key for every capitalised word counted
    each name twice for a French query and lengthened Latin passages, which
    favoured participant lists and headings; a field of keys alone scores only
    the bridge between scripts.
    """
    words = [term for term in terms if not is_name_key(term)]
    keys = [term for term in terms if is_name_key(term)]
    return words, keys


def analyze_passage(text: str, lang: str) -> list[str]:
    return [term.term for term in passage_terms(text, lang)]


def analyze_passages(texts: list[str], langs: list[str]) -> list[list[str]]:
    """``analyze_passage`` for many passages, with the Korean ones analysed in one batch."""
    return [[term.term for term in terms] for terms in passage_terms_batch(texts, langs)]


def passage_terms_batch(texts: list[str], langs: list[str]) -> list[list[Term]]:
    """``passage_terms`` for many passages, with the Korean ones analysed in one batch (about 10× faster)."""
    texts = [mask_translator_notes(text) for text in texts]
    korean_positions = [i for i, lang in enumerate(langs) if lang in ("ko", "mixed")]
    korean = dict(zip(korean_positions, korean_terms_batch([texts[i] for i in korean_positions])))
    result = []
    for i, (text, lang) in enumerate(zip(texts, langs)):
        if lang == "ko":
            terms = korean[i]
        elif lang == "mixed":
            terms = korean[i] + french_terms(text, both_spellings=True)
        else:
            terms = passage_terms(text, lang)
        if lang in ("ko", "mixed"):
            terms = terms + figure_index_terms(text, lang) + latin_name_index_terms(text)
        result.append(terms)
    return result


def analyze_query(text: str) -> list[str]:
    """Terms of a query for every language it could match, without duplicates."""
    terms: list[str] = []
    if hangul_ratio(text) > 0:
        terms += [t.term for t in korean_terms(text, query=True)]
    if any(True for _ in _latin_words(text)):
        # Words of one language are stopwords of the other ("des", "what"): both lists apply.
        stops = all_stopwords()
        latin = french_terms(text) + english_terms(text) + raw_latin_terms(text)
        terms += [t.term for t in latin if t.term not in stops]
    terms += [t.term for t in figure_index_terms(text)]
    terms += [t.term for t in latin_name_index_terms(text, query=True)]
    return list(dict.fromkeys(terms))
