"""Korean analysis: Kiwi morphemes, compounds kept whole as well as in parts.

Content morphemes are kept (nouns, verb and adjective stems, roots, foreign
words, numbers); nouns written together give their parts and the whole
("탄소중립" → 탄소, 중립, 탄소중립) and a prefix stays on its noun ("재활용" is
never reduced to 활용).
"""

from __future__ import annotations

import threading
from functools import lru_cache

from index.latin import raw_latin_terms
from index.term import Term

_KOREAN_NOUN_TAGS = {"NNG", "NNP", "XR", "SH"}
_KOREAN_OTHER_TAGS = {"NR", "SN"}
_KOREAN_LIGHT_STEMS = {"하", "되", "있", "없", "이", "위하", "같", "대하", "통하", "받", "주", "않", "보"}

_kiwi_lock = threading.Lock()


@lru_cache(maxsize=1)
def _kiwi():
    from kiwipiepy import Kiwi

    # The typo-correction and multi-word dictionaries double the start-up time and
    # change nothing for analysing well-written archive text and short queries.
    return Kiwi(load_typo_dict=False, load_multi_dict=False)


def korean_tokens(text: str) -> list:
    """Kiwi's tokens (form, tag, start, len) of one text, from the one shared Kiwi."""
    with _kiwi_lock:  # one shared Kiwi; its thread safety is not documented
        return _kiwi().tokenize(text)


def korean_tokens_batch(texts: list[str]) -> list[list]:
    """Kiwi's tokens (form, tag, start, len) of many texts, from the one shared Kiwi."""
    with _kiwi_lock:
        return [list(tokens) for tokens in _kiwi().tokenize([text if text.strip() else " " for text in texts])]


def korean_content_terms(text: str, tokens: list) -> list[Term]:
    """Terms of Kiwi's content morphemes; adjacent nouns (with prefixes and suffixes) also as one compound."""
    terms: list[Term] = []
    run: list = []  # adjacent nouns (with prefixes and suffixes) written without a space
    for token in tokens:
        adjacent = bool(run) and token.start == run[-1].start + run[-1].len
        if token.tag in _KOREAN_NOUN_TAGS or token.tag == "XPN" or token.tag == "XSN" and adjacent:
            if run and not adjacent:
                terms += _compound_terms(run, text)
                run = []
            run.append(token)
            continue
        if run:
            terms += _compound_terms(run, text)
            run = []
        terms += _token_terms(token)
    if run:
        terms += _compound_terms(run, text)
    return terms


def _compound_terms(run: list, text: str) -> list[Term]:
    """A run of nouns written together: its units (a prefix or suffix stays on its noun) and the whole."""
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
    if len(units) <= 1:
        return units
    # A one-syllable part of a compound (집, 수 of 집수) matches inside any word
    # (수원, 수자원): only the whole compound and its longer parts are terms.
    whole = Term(text[units[0].start : units[-1].end], units[0].start, units[-1].end)
    return [unit for unit in units if len(unit.term) > 1] + [whole]


def _token_terms(token) -> list[Term]:
    """Terms of a token outside a noun run: Latin words, longer verb and adjective stems, numbers."""
    end = token.start + token.len
    if token.tag == "SL":
        return [Term(t.term, token.start + t.start, token.start + t.end) for t in raw_latin_terms(token.form)]
    if token.tag in ("VV", "VA"):
        # One-syllable stems are mostly light verbs or misanalysed names.
        if len(token.form) > 1 and token.form not in _KOREAN_LIGHT_STEMS:
            return [Term(token.form, token.start, end)]
        return []
    if token.tag in _KOREAN_OTHER_TAGS:
        return [Term(token.form, token.start, end)]
    return []
