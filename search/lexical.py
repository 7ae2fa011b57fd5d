"""The lexical side of a search: BM25 of the query's words, its name keys and its glossary equivalents.

A query's own words score by their BM25 over the passages' words; its name keys
score in the keys' own field, across scripts only; each glossary entry it contains
adds the BM25 of its best-matching variant in every other language of the archive,
weighted lower, and by the share of the variant's words a passage holds. The words of
such a term in the query score by themselves only on passages of the
term's own language: elsewhere the glossary says how the term is written, and
"waste management" must find "gestion des déchets", not a French participant list's
"Senior Manager".
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from index.analysis import analyze_query, is_name_key, latin_name_index_terms, passage_terms
from index.bridges import NameMatcher
from index.store import IndexData
from search.glossary import Glossary
from search.options import RankingWeights

# Per-term BM25 vectors kept between queries, bounded in bytes so a large archive does not hold them all.
TERM_CACHE_BYTES = 64 * 1024 * 1024
FIGURE_MARK = "#"  # figures are language-neutral terms (corpus/figures.py)


@dataclass(frozen=True, slots=True)
class Expansion:
    """One glossary equivalent of a query term: ``source`` → ``variant`` (in ``lang``), as index ``terms``."""

    source: str
    source_lang: str
    variant: str
    lang: str
    words: tuple[tuple[str, ...], ...]  # the variant's index terms, by word (an accented word has two stems)
    entry: str

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(term for word in self.words for term in word))

    def public(self) -> dict:
        return {"from": self.source, "to": self.variant, "lang": self.lang}


class LexicalScorer:
    """Loaded once with the index; thread-safe, and its caches only ever hold what the index implies."""

    def __init__(self, data: IndexData, glossary: Glossary, weights: RankingWeights, passage_langs: np.ndarray,
                 hangul_passages: np.ndarray):
        self.data, self.glossary, self.weights = data, glossary, weights
        self.vocabulary = data.lexical.vocab_dict
        self.key_vocabulary = data.names.vocab_dict if data.names is not None else {}
        self.names = NameMatcher(self.key_vocabulary)  # 그르노블 → the name key of Grenoble, by similarity
        self._passage_langs = passage_langs  # the language filters see
        self._hangul_passages = hangul_passages
        self._languages = set(passage_langs.tolist())
        self._size = len(data.chunks)
        # Glossary variants, analysed once each.
        self._variant_words: dict[tuple[str, str], tuple[tuple[str, ...], ...]] = {}
        self._sources: dict[str, list[str]] = {}
        self._term_scores: OrderedDict[tuple[int, str], np.ndarray] = OrderedDict()
        self._term_limit = max(1, TERM_CACHE_BYTES // max(1, 4 * self._size))  # float32 per passage
        self._lock = threading.Lock()

    def query_terms(self, text: str) -> list[str]:
        """The query's terms in every language it could match, with the nearest name keys of unknown names."""
        return self.names.expand(analyze_query(text))

    def known(self, term: str) -> bool:
        return term in self.vocabulary or term in self.key_vocabulary

    def expansions(self, query: str) -> list[Expansion]:
        """Glossary equivalents of the query's terms, in the languages the archive holds."""
        expansions = []
        for match in self.glossary.find_in(query):
            for lang in ("fr", "ko", "en"):
                if lang == match.lang or lang not in self._languages:
                    continue
                for variant in match.entry.terms(lang):
                    words = self._analysed_variant(variant, lang)
                    if words:
                        expansions.append(Expansion(match.term, match.lang, variant, lang, words, match.entry.key))
        return expansions

    def scores(self, query_terms: list[str], expansions: list[Expansion], query: str = "") -> np.ndarray:
        """BM25 of the query's own words, plus its name keys and glossary expansions, each weighted.

        Each glossary entry counts once per language, by its best-matching variant:
        an entry with many variants ("Province de Chungnam", "Chungnam") must not
        outweigh one with a single variant, nor pile up its common words.
        """
        words = [t for t in query_terms if t in self.vocabulary and not is_name_key(t)]
        covered = self._covered_by_glossary(words, expansions)
        scores = self.bm25([t for t in words if t not in covered])
        for lang, terms in _by_language(covered).items():
            scores += np.where(self._passage_langs == lang, self.bm25(terms), np.float32(0.0))
        scores += np.float32(self.weights.names) * self.key_scores(query_terms, query)
        best: dict[tuple[str, str], np.ndarray] = {}
        own = set(query_terms)
        for expansion in expansions:
            terms = [t for t in expansion.terms if t in self.vocabulary and t not in own]
            if not terms:
                continue
            key = (expansion.entry, expansion.lang)
            variant_scores = self._coverage(expansion.words) * self.bm25(terms)
            best[key] = np.maximum(best[key], variant_scores) if key in best else variant_scores
        for variant_scores in best.values():
            scores += self.weights.expansion * variant_scores
        return scores

    def _covered_by_glossary(self, words: list[str], expansions: list[Expansion]) -> dict[str, str]:
        """The query's terms that belong to a glossary term it contains, each with that term's language.

        A term its renderings share (an acronym such as "P4G", a figure, a name spelt alike) is the
        same word in every language and stays free.
        """
        shared = {t for e in expansions for t in e.terms}
        covered: dict[str, str] = {}
        for source, lang in dict.fromkeys((e.source, e.source_lang) for e in expansions):
            for term in self._source_terms(source):
                if term in words and term not in shared and not term.startswith(FIGURE_MARK):
                    covered.setdefault(term, lang)
        return covered

    def _source_terms(self, source: str) -> list[str]:
        """``analyze_query`` of a glossary variant found in a query, remembered (the glossary is finite)."""
        terms = self._sources.get(source)
        if terms is None:
            terms = self._sources[source] = analyze_query(source)
        return terms

    def key_scores(self, query_terms: list[str], query: str) -> np.ndarray:
        """BM25 of the query's name keys in the keys' own field, each only on passages of the other script.

        The keys of the query's Latin words reach Hangul passages (Tours → 뚜르) and those of
        its Hangul words Latin ones (뚜르 → Tours): within one script the word already matches
        by its own terms, and counting it twice favoured passages where common words are
        capitalised (participant lists, titles: "Collectivités Territoriales").
        """
        keys = [t for t in query_terms if is_name_key(t) and t in self.key_vocabulary]
        if not keys:
            return np.zeros(self._size, dtype=np.float32)
        latin = set(self.names.expand([t.term for t in latin_name_index_terms(query, query=True)])) if query else set()
        to_hangul = self.bm25([t for t in keys if t in latin], names=True)
        to_latin = self.bm25([t for t in keys if t not in latin], names=True)
        return np.where(self._hangul_passages, to_hangul, to_latin).astype(np.float32)

    def excluded(self, words: tuple[str, ...]) -> np.ndarray:
        """Per passage: whether it holds a term of one of the excluded ``words``."""
        terms = [t for word in words for t in analyze_query(word) if t in self.vocabulary]
        return self.bm25(terms) > 0

    def bm25(self, terms: list[str], *, names: bool = False) -> np.ndarray:
        """Sum of the terms' BM25 (BM25 adds up over query terms), each term's vector computed once."""
        total = np.zeros(self._size, dtype=np.float32)
        for term in terms:
            total += self._term_bm25(term, names)
        return total

    def _term_bm25(self, term: str, names: bool) -> np.ndarray:
        key = (int(names), term)
        with self._lock:
            cached = self._term_scores.get(key)
            if cached is not None:
                self._term_scores.move_to_end(key)
                return cached
        index = self.data.names if names else self.data.lexical
        vector = np.asarray(index.get_scores([term]), dtype=np.float32)
        vector.setflags(write=False)  # shared between queries and threads
        with self._lock:
            self._term_scores[key] = vector
            while len(self._term_scores) > self._term_limit:
                self._term_scores.popitem(last=False)
        return vector

    def _coverage(self, words: tuple[tuple[str, ...], ...]) -> np.ndarray:
        """Per passage: the share of a variant's words it holds (by any of a word's stems), cubed.

        A passage with the whole term ranks above one with a part of it ("déchets" alone for
        "gestion des déchets"), which still counts as a match, less. Cubed: on eval/dev.jsonl and
        eval/xling the square, cube and fourth power rank alike, an all-or-nothing rule ranks one or two
        queries better but loses every partial match, and no factor (as before) ranks worst.
        """
        held = np.zeros(self._size, dtype=np.float32)
        for word in words:
            held += self.bm25([t for t in word if t in self.vocabulary]) > 0
        return (held / np.float32(max(1, len(words)))) ** 3

    def _analysed_variant(self, variant: str, lang: str) -> tuple[tuple[str, ...], ...]:
        """The variant's index terms grouped by the word they come from; name keys are the names field's."""
        key = (variant, lang)
        words = self._variant_words.get(key)
        if words is None:  # a race only analyses a variant twice, to the same terms
            by_span: dict[tuple[int, int], list[str]] = {}
            for term in passage_terms(variant, lang):
                if not is_name_key(term.term):
                    by_span.setdefault((term.start, term.end), []).append(term.term)
            words = tuple(tuple(dict.fromkeys(terms)) for terms in by_span.values())
            self._variant_words[key] = words
        return words


def _by_language(terms: dict[str, str]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for term, lang in terms.items():
        grouped.setdefault(lang, []).append(term)
    return grouped


def public_expansions(expansions: list[Expansion]) -> list[dict]:
    """Expansions as shown: each (term, equivalent, language) once, never a term as its own equivalent."""
    seen: set[tuple[str, str, str]] = set()
    public = []
    for expansion in expansions:
        key = (expansion.source.casefold(), expansion.variant.casefold(), expansion.lang)
        if key[0] == key[1] or key in seen:
            continue
        seen.add(key)
        public.append(expansion.public())
    return public
