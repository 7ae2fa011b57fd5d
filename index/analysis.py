"""Per-language analysis for the lexical index, for queries and for highlighting.

French and English words are stemmed (``index.latin``), Korean text is cut
into Kiwi morphemes with compounds kept whole (``index.korean``); figures and
names get language-neutral keys (``corpus.figures``, ``index.bridges``).

Every analyser yields ``(term, start, end)`` so that the same code decides
what matches and what is highlighted. A query is analysed for every language
it could match; passages by their own language.
"""

from __future__ import annotations

from corpus.figures import figure_terms
from corpus.language import fold_accents, hangul_ratio
from corpus.translation import mask_translator_notes
from index.bridges import NAME_PREFIX, korean_name_terms, latin_name_terms
from index.korean import korean_content_terms, korean_tokens
from index.korean import korean_tokens_batch as korean_tokens_batch  # search.annotations and eval use it
from index.latin import all_stopwords, latin_words, raw_latin_terms
from index.latin import english_terms as english_terms  # the search layer's concordance and glossary use them
from index.latin import french_terms as french_terms
from index.term import Term

_PASSAGE_NAME_TAGS = frozenset({"NNP"})
_QUERY_NAME_TAGS = frozenset({"NNP", "NNG"})


# Bump when the terms produced for a text change: the lexical index must be rebuilt.
ANALYZER_VERSION = "10"  # 6: figure terms (corpus/figures.py); 7: name keys across scripts (index/bridges.py);
# 8: name keys in a field of their own (``split_name_keys``), out of the words' BM25; 9: English amounts as figures;
# 10: one-syllable parts of Korean compounds are not terms


def warm_up_korean() -> None:
    """Load Kiwi and its model now (the first analysis otherwise pays for it).

    Never in a thread beside other start-up work: Kiwi holds the GIL while it loads, so a
    background load stalled the imports and the index load instead of overlapping them
    (a one-shot search took 3.6 s with it, 2.9 s without).
    """
    korean_terms("수소 재활용")


def korean_terms(text: str, *, query: bool = False) -> list[Term]:
    """Kiwi content morphemes, compounds kept whole as well as in parts, and name keys (``korean_name_index_terms``)."""
    if not text.strip():
        return []
    return _korean_terms_from_tokens(text, korean_tokens(text), query=query)


def korean_terms_batch(texts: list[str]) -> list[list[Term]]:
    """``korean_terms`` for many texts: Kiwi analyses a list about 10x faster than one by one."""
    analysed = korean_tokens_batch(texts)
    return [_korean_terms_from_tokens(text, tokens) if text.strip() else [] for text, tokens in zip(texts, analysed)]


def _korean_terms_from_tokens(text: str, tokens, *, query: bool = False) -> list[Term]:
    tokens = list(tokens)
    return korean_name_index_terms(tokens, text, query=query) + korean_content_terms(text, tokens)


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
    if any(True for _ in latin_words(text)):
        # Words of one language are stopwords of the other ("des", "what"): both lists apply.
        stops = all_stopwords()
        latin = french_terms(text) + english_terms(text) + raw_latin_terms(text)
        terms += [t.term for t in latin if t.term not in stops]
    terms += [t.term for t in figure_index_terms(text)]
    terms += [t.term for t in latin_name_index_terms(text, query=True)]
    return list(dict.fromkeys(terms))
