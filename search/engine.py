"""Query → ranked bilingual units: dense + lexical rankings of passages, fused by RRF over aligned pairs.

The parts: ``search.options`` (what a search asks for, the weights), ``search.passages``
(the per-passage arrays filters read), ``search.lexical`` (BM25 of words, name keys and
glossary equivalents), ``search.ranking`` (fusion over pairs) and ``search.results``.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import Callable

import numpy as np

from corpus.chunk import Chunk
from corpus.chunker import CHUNKER_VERSION
from corpus.errors import InvalidOptionError
from corpus.language import detect_language, load_language_detector
from index.analysis import ANALYZER_VERSION, analyze_query
from index.encoders import Encoder, load_encoder
from index.store import IndexData, current_generation, default_index_dir, load_index
from search.annotations import Annotations, annotate_chunks, load_annotations
from search.glossary import GLOSSARY_PATH, Glossary, load_glossaries
from search.lexical import Expansion, LexicalScorer, public_expansions
from search.listing import entity_listing
from search.options import LANG_FILTERS, MAX_K, MODES, RankingWeights, SearchOptions
from search.pairs import PairIndex, has_recorded_pairs
from search.passages import PassageTable
from search.query import ParsedQuery, parse_query
from search.ranking import Ranked, Signals, dense_ranking, rank_pairs, top_positive
from search.records import SearchResponse, SearchResult
from search.results import ResultBuilder
from search.suggest import DidYouMean

__all__ = [
    "LANG_FILTERS",
    "MAX_K",
    "MODES",
    "RankingWeights",
    "SearchEngine",
    "SearchOptions",
    "SearchResponse",
    "SearchResult",
]

# Passages analysed in advance by ``warm_up`` (their terms mark what matched in a result): about 1 MB per
# thousand passages, so a large archive analyses the rest as they are shown.
WARM_PASSAGES = 20_000


class SearchEngine:
    """Loaded once, then shared read-only: ``search`` keeps no state between calls (only caches)."""

    def __init__(
        self, data: IndexData, encoder: Encoder, glossary: Glossary, weights: RankingWeights = RankingWeights()
    ):
        import faiss

        # One query at a time gains nothing from OpenMP threads, and on a busy 2-core
        # laptop they contend: a flat search of 200 vectors took 6 ms with them, 0.05 ms without.
        faiss.omp_set_num_threads(1)
        self.data, self.encoder, self.glossary, self.weights = data, encoder, glossary, weights
        self.chunks: list[Chunk] = data.chunks
        self.passages = PassageTable(data)
        self.lexical = LexicalScorer(data, glossary, weights, self.passages.langs, self.passages.hangul)
        self._results = ResultBuilder(self.passages)
        self.pairs = PairIndex(self.chunks, data.alignment)  # anchored on originals
        self._recorded_pairs = has_recorded_pairs(self.chunks)
        self._anchored: dict[str, PairIndex] = {}  # pairs anchored on each language, built on first use
        self._lock = threading.Lock()
        self._english_words = glossary.english_only_words()
        self._did_you_mean = DidYouMean(lambda: (c.text for c in self.chunks), glossary, self.lexical.known,
                                        analyze_query)
        self._annotations: Annotations | None = None  # entities and figures, loaded on first use
        self._annotations_lock = threading.Lock()

    @classmethod
    def open(
        cls,
        index_dir: Path | None = None,
        *,
        encoder: Encoder | None = None,
        glossary_path: Path = GLOSSARY_PATH,
        user_glossary: Path | None = None,
    ) -> "SearchEngine":
        """Load the index at ``index_dir`` (default location if None) with its own encoder.

        The bundled glossary is used with the user's glossary file, if any (``user_glossary``,
        else ``$SEMINAR_SEARCH_GLOSSARY``); another ``glossary_path`` replaces both.
        """
        index_dir = Path(index_dir) if index_dir else default_index_dir()
        if encoder is None:
            encoder = load_encoder(_manifest_encoder(index_dir))
        data = load_index(
            index_dir, encoder_id=encoder.id, chunker_version=CHUNKER_VERSION, analyzer_version=ANALYZER_VERSION
        )
        bundled = Path(glossary_path) == GLOSSARY_PATH
        glossary = load_glossaries(user_glossary) if bundled else Glossary.load(Path(glossary_path))
        return cls(data, encoder, glossary)

    @classmethod
    def open_or_build(
        cls,
        index_dir: Path | None = None,
        *,
        on_build: Callable[[Path], None] | None = None,
        encoder: Encoder | None = None,
        user_glossary: Path | None = None,
    ) -> "SearchEngine":
        """The one way front ends open an engine: the index at ``index_dir``, built from the bundled corpus first
        when none was ever completed there (``on_build(index_dir)`` is told before the build starts)."""
        index_dir = Path(index_dir) if index_dir else default_index_dir()
        if _needs_first_build(index_dir):
            from index.builder import build_index

            if on_build is not None:
                on_build(index_dir)
            build_index(None, index_dir, encoder=encoder, annotate=annotate_chunks)
        return cls.open(index_dir, encoder=encoder, user_glossary=user_glossary)

    # -- public API ---------------------------------------------------------

    def search(self, query: str, options: SearchOptions = SearchOptions(), **overrides) -> SearchResponse:
        """Ranked bilingual units for ``query``: each aligned pair once, the side the filters and the query ask for.

        ``"exact phrase"`` must occur in the unit, ``-word`` must not; units below the
        relevance floor are counted in ``weaker`` and shown only with ``all_matches``.

        Raises:
            InvalidQueryError: empty query, or nothing to search for (no letters or digits).
            InvalidOptionError: unknown mode, language or document; k out of range.
        """
        options = replace(options, **overrides) if overrides else options
        if options.entity.strip() and not (query or "").strip():
            options.validate(self.data.documents)
            return entity_listing(self.annotations(), self.passages, self.pairs, self._results, options)
        parsed = parse_query(query)
        options.validate(self.data.documents)
        text = parsed.text
        query_lang = detect_language(text, default="fr", english_words=self._english_words)
        expansions = self.lexical.expansions(text) if options.expand else []
        query_terms = self.lexical.query_terms(text)
        pairs = self._units(options.lang, query_lang)
        display, candidates = self._candidates(options, parsed, pairs)
        signals = self._signals(text, query_terms, expansions, pairs.chunks_of(candidates), options)
        ranked = rank_pairs(signals, pairs, candidates, display, self.passages, self.weights, options.lang, query_lang)
        highlight = set(query_terms) | {t for e in expansions for t in e.terms}
        return self._response(parsed, query_lang, options, ranked, pairs, highlight, expansions,
                              self._did_you_mean(text, query_terms))

    def _response(self, parsed: ParsedQuery, query_lang: str, options: SearchOptions, ranked: list[Ranked],
                  pairs: PairIndex, highlight: set[str], expansions: list[Expansion],
                  did_you_mean: str) -> SearchResponse:
        """The units above the relevance floor first (the others too with ``all_matches``), as results."""
        strong = [item for item in ranked if item.strong]
        shown = (strong + [item for item in ranked if not item.strong]) if options.all_matches else strong
        results = [
            self._results.result(rank, item, highlight, pairs) for rank, item in enumerate(shown[: options.k], start=1)
        ]
        return SearchResponse(
            parsed.query,
            query_lang,
            options.mode,
            options.lang,
            results,
            public_expansions(expansions),
            list(parsed.notices),
            total=len(strong),
            weaker=len(ranked) - len(strong),
            did_you_mean=did_you_mean,
            phrases=parsed.phrases,
            excluded=parsed.excluded,
            filters=options.public_filters(),
        )

    def context(self, chunk_id: str, before: int = 1, after: int = 1) -> list[Chunk]:
        """The chunk and its neighbours in the same document, in order."""
        chunk = self.passages.by_id.get(chunk_id)
        if chunk is None:
            raise InvalidOptionError("chunk id", chunk_id, ["an id from a search result"])
        # Chunks of a document are stored together, in order: neighbours are adjacent ordinals.
        first = max(0, chunk.ordinal - before)
        window = self.chunks[first : chunk.ordinal + after + 1]
        return [c for c in window if c.doc == chunk.doc]

    def chunk(self, chunk_id: str) -> Chunk | None:
        return self.passages.by_id.get(chunk_id)

    @property
    def document_ids(self) -> list[str]:
        return list(self.data.documents)

    def warm_up(self) -> None:
        """Do now what the first searches would otherwise pay for: Kiwi's load, and the analysis of the passages
        shown as results (up to ``WARM_PASSAGES``, in one batch). A server calls it in the background."""
        self.search("hydrogène")  # a French query with Korean equivalents: Kiwi and the first-call costs
        load_language_detector()
        self._results.prepare(WARM_PASSAGES)

    def passage_language(self, chunk: Chunk) -> str:
        """The language a filter sees: a mixed passage counts as its document's language."""
        return self.passages.language(chunk)

    def aligned_ordinals(self) -> dict[int, list[int]]:
        """Passage ordinal → ordinals of its counterparts in the other language."""
        return self.passages.aligned

    def annotations(self) -> Annotations:
        """Entities, links and figures of the passages: stored with the index, else computed once now."""
        with self._annotations_lock:
            if self._annotations is None:
                self._annotations = load_annotations(self.data.annotations, self.chunks, self.glossary)
            return self._annotations

    # -- retrieval ----------------------------------------------------------

    def _signals(
        self, query: str, query_terms: list[str], expansions: list[Expansion], reach: np.ndarray, options: SearchOptions
    ) -> Signals:
        """Dense and lexical rankings of the passages in ``reach``, with what the relevance floor needs."""
        depth = min(len(self.chunks), max(self.weights.depth, options.k, 1))
        signals = Signals()
        if options.mode in ("hybrid", "dense"):
            ids, scores = dense_ranking(self.data.dense, self.encoder.encode_query(query), depth, reach)
            short = len(query.split()) <= self.weights.short_query_words and options.mode == "hybrid"
            signals.add(ids, self.weights.short_query_dense if short else self.weights.dense)
            signals.dense_scores = dict(zip(ids, scores))
        if options.mode in ("hybrid", "lexical"):
            scores = self.lexical.scores(query_terms, expansions, query)
            ranking = top_positive(np.where(reach, scores, 0.0), depth)
            signals.add(ranking, self.weights.lexical)
            signals.lexical = set(ranking)
        return signals

    def _candidates(
        self, options: SearchOptions, parsed: ParsedQuery, pairs: PairIndex
    ) -> tuple[np.ndarray, np.ndarray]:
        """(passages that may be shown, pairs that may be found), before any ranking (filters never cut a top-k).

        Speaker, phrases and exclusions hold for the unit: the Korean translation of
        Suwon's talk is Suwon's, a French phrase finds its Korean translation, and a
        unit whose original contains an excluded word goes whatever its translation says.
        """
        display = self.passages.allowed(options)
        candidates = pairs.any_member(display)
        if options.speaker.strip():
            candidates &= pairs.any_member(self.passages.spoken_by(options.speaker))
        if options.entity.strip():
            candidates &= pairs.any_member(self._entity_mask(options.entity))
        for phrase in parsed.phrases:
            candidates &= pairs.any_member(self.passages.containing(phrase))
        if parsed.excluded:
            candidates &= ~pairs.any_member(self.lexical.excluded(parsed.excluded))
        return display, candidates

    def _units(self, lang: str, query_lang: str) -> PairIndex:
        """The pairs results are formed of: recorded pair ids, else anchored on the language shown.

        With paragraph-level alignment one Korean passage may translate three French ones:
        anchoring on the language shown keeps every passage of that language a result of its own.
        """
        anchor = lang if lang != "all" else query_lang
        if self._recorded_pairs or anchor not in self.passages.languages:
            return self.pairs
        with self._lock:
            if anchor not in self._anchored:
                self._anchored[anchor] = PairIndex(self.chunks, self.data.alignment, self.passages.langs == anchor)
            return self._anchored[anchor]

    def _entity_mask(self, name: str) -> np.ndarray:
        """Passages of the entity ``name`` (raises ``InvalidOptionError`` for an unknown name)."""
        annotations = self.annotations()
        mask = np.zeros(len(self.chunks), dtype=bool)
        mask[list(annotations.direct_passages(annotations.resolve(name.strip()).id))] = True
        return mask


def _needs_first_build(index_dir: Path) -> bool:
    """Whether ``index_dir`` holds no index yet, so that opening it may build the bundled one.

    The single place that decides it: an index that exists but lost its pointer must never be replaced here.
    """
    return current_generation(index_dir) is None


def _manifest_encoder(index_dir: Path) -> str:
    from corpus.errors import IndexNotFoundError
    from index.store import read_manifest

    manifest = read_manifest(index_dir)
    if manifest is None:
        raise IndexNotFoundError(
            f"no index in {index_dir}: build one with `seminar-search index --index-dir {index_dir}`"
        )
    return manifest.encoder.id
