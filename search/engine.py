"""Query → ranked passages: dense + lexical + translation pivot, fused by RRF."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np

from corpus.chunk import Chunk
from corpus.chunker import CHUNKER_VERSION
from corpus.errors import InvalidOptionError, InvalidQueryError
from corpus.language import detect_language
from index.analysis import ANALYZER_VERSION, analyze_query, passage_terms, start_korean_warm_up
from index.dense import search_dense
from index.encoders import Encoder, load_encoder
from index.store import IndexData, current_generation, default_index_dir, load_index
from search.fusion import reciprocal_rank_fusion
from search.glossary import GLOSSARY_PATH, Glossary

MODES = ("hybrid", "dense", "lexical")
LANG_FILTERS = ("all", "fr", "ko", "en")
MAX_QUERY_CHARS = 1000
MAX_K = 100


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchOptions:
    """What to search and how.

    Args:
        lang: passage language: "all", "fr", "ko" or "en".
        k: number of results.
        mode: "hybrid" (default), "dense" or "lexical".
        docs: restrict to these document ids (empty: all).
        speaker: restrict to passages whose speaker or section contains this text.
        expand: expand the query across languages through the glossary.
    """

    lang: str = "all"
    k: int = 10
    mode: str = "hybrid"
    docs: tuple[str, ...] = ()
    speaker: str = ""
    expand: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class RankingWeights:
    """Weights of the fused rankings; measured with the evaluation harness."""

    dense: float = 1.0
    lexical: float = 1.0
    pivot: float = 1.5
    expansion: float = 0.5  # lexical weight of glossary expansions relative to the query's own terms
    depth: int = 60  # candidates taken from each ranking before fusion
    # A sentence encoder places a lone term or name poorly ("충청남도" lands near any
    # list of provinces), so for one- or two-word queries the dense ranking counts less.
    short_query_dense: float = 0.5
    short_query_words: int = 2


@dataclass(frozen=True, slots=True)
class SearchResult:
    rank: int
    score: float
    id: str
    doc: str
    title: str
    date: str
    lang: str
    section: str
    speaker: str
    text: str
    start: int
    end: int
    translated: bool
    matched: tuple[str, ...] = ()
    aligned: tuple[dict, ...] = ()
    time_start: float | None = None  # seconds, for passages of transcripts
    time_end: float | None = None

    @property
    def time_code(self) -> str:
        """"00:01:05–00:02:10" for a transcript passage, "" otherwise."""
        if self.time_start is None:
            return ""
        return f"{_clock(self.time_start)}–{_clock(self.time_end if self.time_end is not None else self.time_start)}"

    def to_dict(self) -> dict:
        data = asdict(self)
        data["matched"] = list(self.matched)
        data["aligned"] = list(self.aligned)
        return data


@dataclass(frozen=True, slots=True)
class SearchResponse:
    query: str
    query_lang: str
    mode: str
    lang: str
    results: list[SearchResult]
    expansions: list[dict] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "query": self.query,
            "query_lang": self.query_lang,
            "mode": self.mode,
            "lang": self.lang,
            "expansions": self.expansions,
            "notices": self.notices,
            "results": [result.to_dict() for result in self.results],
        }


class SearchEngine:
    """Loaded once, then shared read-only: ``search`` keeps no state between calls."""

    def __init__(self, data: IndexData, encoder: Encoder, glossary: Glossary, weights: RankingWeights = RankingWeights()):
        import faiss

        # One query at a time gains nothing from OpenMP threads, and on a busy 2-core
        # laptop they contend: a flat search of 200 vectors took 6 ms with them, 0.05 ms without.
        faiss.omp_set_num_threads(1)
        self.data, self.encoder, self.glossary, self.weights = data, encoder, glossary, weights
        self._terms_cache: dict[int, list] = {}
        start_korean_warm_up()
        self.chunks: list[Chunk] = data.chunks
        self._by_id = {chunk.id: chunk for chunk in self.chunks}
        self._langs = np.array([self.passage_language(chunk) for chunk in self.chunks])
        self._docs = np.array([chunk.doc for chunk in self.chunks])
        self._passage_languages = set(self._langs.tolist())
        # Speaker and section of each passage, for the "speaker or city" filter.
        self._who = np.array([f"{chunk.speaker}\x1f{chunk.section}".casefold() for chunk in self.chunks])
        self._vocabulary = data.lexical.vocab_dict
        self._aligned_ordinals = {
            self._by_id[source].ordinal: [self._by_id[t].ordinal for t in targets if t in self._by_id]
            for source, targets in data.alignment.items()
            if source in self._by_id
        }

    @classmethod
    def open(cls, index_dir: Path | None = None, *, encoder: Encoder | None = None, glossary_path: Path = GLOSSARY_PATH) -> "SearchEngine":
        """Load the index at ``index_dir`` (default location if None) with its own encoder."""
        start_korean_warm_up()
        index_dir = Path(index_dir) if index_dir else default_index_dir()
        if encoder is None:
            encoder = load_encoder(_manifest_encoder(index_dir))
        data = load_index(index_dir, encoder_id=encoder.id, chunker_version=CHUNKER_VERSION, analyzer_version=ANALYZER_VERSION)
        return cls(data, encoder, Glossary.load(Path(glossary_path)))

    # -- public API ---------------------------------------------------------

    def search(self, query: str, options: SearchOptions = SearchOptions(), **overrides) -> SearchResponse:
        """Ranked passages for ``query``.

        Raises:
            InvalidQueryError: empty or blank query.
            InvalidOptionError: unknown mode, language or document; k out of range.
        """
        options = replace(options, **overrides) if overrides else options
        query, notices = _clean_query(query)
        self._validate(options)
        query_lang = detect_language(query, default="fr")
        allowed = self._allowed(options)
        expansions = self._expansions(query) if options.expand else []
        query_terms = analyze_query(query)
        expansion_terms = [t for e in expansions for t in e["terms"] if t not in query_terms]
        rankings, weights = self._rankings(query, query_lang, query_terms, expansions, allowed, options.mode)
        fused = reciprocal_rank_fusion(rankings, weights)[: options.k]
        highlight_terms = set(query_terms) | set(expansion_terms)
        results = [self._result(rank, ordinal, score, highlight_terms) for rank, (ordinal, score) in enumerate(fused, start=1)]
        public_expansions = [{key: e[key] for key in ("from", "to", "lang")} for e in expansions]
        return SearchResponse(query, query_lang, options.mode, options.lang, results, public_expansions, notices)

    def context(self, chunk_id: str, before: int = 1, after: int = 1) -> list[Chunk]:
        """The chunk and its neighbours in the same document, in order."""
        chunk = self._by_id.get(chunk_id)
        if chunk is None:
            raise InvalidOptionError("chunk id", chunk_id, ["an id from a search result"])
        # Chunks of a document are stored together, in order: neighbours are adjacent ordinals.
        first = max(0, chunk.ordinal - before)
        window = self.chunks[first : chunk.ordinal + after + 1]
        return [c for c in window if c.doc == chunk.doc]

    def chunk(self, chunk_id: str) -> Chunk | None:
        return self._by_id.get(chunk_id)

    @property
    def document_ids(self) -> list[str]:
        return list(self.data.documents)

    # -- retrieval ----------------------------------------------------------

    def _rankings(self, query, query_lang, query_terms, expansions, allowed, mode):
        depth = min(len(self.chunks), max(self.weights.depth, 1))
        rankings: list[list[int]] = []
        weights: list[float] = []
        dense_all: list[int] = []
        lexical_all: list[int] = []
        if mode in ("hybrid", "dense"):
            vector = self.encoder.encode_queries([query])
            rankings.append(self._dense(vector, depth, allowed))
            short = len(query.split()) <= self.weights.short_query_words and mode == "hybrid"
            weights.append(self.weights.short_query_dense if short else self.weights.dense)
            if mode == "hybrid":
                dense_all = self._dense(vector, depth, None)
        if mode in ("hybrid", "lexical"):
            scores = self._lexical_scores(query_terms, expansions)
            rankings.append(_top_positive(np.where(allowed, scores, 0.0), depth))
            weights.append(self.weights.lexical)
            lexical_all = _top_positive(scores, depth)
        if mode == "hybrid" and self._aligned_ordinals:
            same_language = self._langs == query_lang
            if same_language.any():
                # Retrieval is strongest in the query's own language: follow those hits to
                # their aligned counterparts (a Korean query finds the Korean translation,
                # whose French source then ranks too).
                dense_own = [i for i in dense_all if same_language[i]]
                lexical_own = [i for i in lexical_all if same_language[i]]
                rankings.append(self._pivot(dense_own, lexical_own, allowed, depth))
                weights.append(self.weights.pivot)
        return rankings, weights

    def _dense(self, vector: np.ndarray, depth: int, allowed: np.ndarray | None) -> list[int]:
        allowed_ids = None if allowed is None else np.flatnonzero(allowed)
        if allowed_ids is not None and len(allowed_ids) == 0:
            return []
        _scores, ids = search_dense(self.data.dense, vector, depth, allowed_ids)
        return [int(i) for i in ids[0] if i >= 0]

    def _lexical_scores(self, query_terms: list[str], expansions: list[dict]) -> np.ndarray:
        """BM25 of the query's own terms, plus glossary expansions at a lower weight.

        Each glossary entry counts once per language, by its best-matching variant:
        an entry with many variants ("Province de Chungnam", "Chungnam") must not
        outweigh one with a single variant, nor pile up its common words.
        """
        scores = self._bm25([t for t in query_terms if t in self._vocabulary])
        best: dict[tuple[str, str], np.ndarray] = {}
        own = set(query_terms)
        for expansion in expansions:
            terms = [t for t in expansion["terms"] if t in self._vocabulary and t not in own]
            if not terms:
                continue
            key = (expansion["entry"], expansion["lang"])
            variant_scores = self._bm25(terms)
            best[key] = np.maximum(best[key], variant_scores) if key in best else variant_scores
        for variant_scores in best.values():
            scores += self.weights.expansion * variant_scores
        return scores

    def _bm25(self, terms: list[str]) -> np.ndarray:
        if not terms:
            return np.zeros(len(self.chunks), dtype=np.float32)
        return np.asarray(self.data.lexical.get_scores(terms), dtype=np.float32)

    def _pivot(self, dense_all: list[int], lexical_all: list[int], allowed: np.ndarray, depth: int) -> list[int]:
        """Passages reached through their aligned translation (KO hit → its FR source, and back)."""
        ranking: list[int] = []
        seen: set[int] = set()
        for ordinal, _score in reciprocal_rank_fusion([dense_all, lexical_all])[:depth]:
            for target in self._aligned_ordinals.get(ordinal, ()):
                if allowed[target] and target not in seen:
                    seen.add(target)
                    ranking.append(target)
        return ranking

    def _expansions(self, query: str) -> list[dict]:
        """Glossary equivalents of the query's terms, in the languages the archive holds."""
        expansions = []
        for match in self.glossary.find_in(query):
            for lang in ("fr", "ko", "en"):
                if lang == match.lang or lang not in self._passage_languages:
                    continue
                for variant in match.entry.terms(lang):
                    terms = [t.term for t in passage_terms(variant, lang)]
                    if terms:
                        expansions.append({"from": match.term, "to": variant, "lang": lang, "terms": terms, "entry": match.entry.key})
        return expansions

    # -- helpers ------------------------------------------------------------

    def _validate(self, options: SearchOptions) -> None:
        if options.mode not in MODES:
            raise InvalidOptionError("mode", options.mode, MODES)
        if options.lang not in LANG_FILTERS:
            raise InvalidOptionError("language", options.lang, LANG_FILTERS)
        if not isinstance(options.k, int) or not 1 <= options.k <= MAX_K:
            raise InvalidOptionError("number of results", options.k, [f"1 to {MAX_K}"])
        for doc in options.docs:
            if doc not in self.data.documents:
                raise InvalidOptionError("document", doc, sorted(self.data.documents))

    def _allowed(self, options: SearchOptions) -> np.ndarray:
        allowed = np.ones(len(self.chunks), dtype=bool)
        if options.lang != "all":
            allowed &= self._langs == options.lang
        if options.docs:
            allowed &= np.isin(self._docs, list(options.docs))
        if options.speaker.strip():
            allowed &= np.char.find(self._who, options.speaker.strip().casefold()) >= 0
        return allowed

    def passage_language(self, chunk: Chunk) -> str:
        """The language a filter sees: a mixed passage counts as its document's language."""
        if chunk.lang in ("fr", "ko", "en"):
            return chunk.lang
        document = self.data.documents.get(chunk.doc)
        return document.meta.language if document else chunk.lang

    def _result(self, rank: int, ordinal: int, score: float, terms: set[str]) -> SearchResult:
        chunk = self.chunks[ordinal]
        if ordinal not in self._terms_cache:  # chunk texts never change in a loaded index
            self._terms_cache[ordinal] = passage_terms(chunk.text, chunk.lang)
        matched = tuple(dict.fromkeys(chunk.text[t.start : t.end] for t in self._terms_cache[ordinal] if t.term in terms))
        aligned = tuple(
            {"id": other.id, "doc": other.doc, "lang": self._langs[other.ordinal], "section": other.section,
             "text": other.text, "translated": other.translated, "start": other.start, "end": other.end}
            for other in (self.chunks[o] for o in self._aligned_ordinals.get(ordinal, ()))
        )
        return SearchResult(
            rank=rank, score=round(float(score), 6), id=chunk.id, doc=chunk.doc, title=chunk.title, date=chunk.date,
            lang=str(self._langs[ordinal]), section=chunk.section, speaker=chunk.speaker, text=chunk.text,
            start=chunk.start, end=chunk.end, translated=chunk.translated, matched=matched, aligned=aligned,
            time_start=chunk.time_start, time_end=chunk.time_end,
        )


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def _clean_query(query: str) -> tuple[str, list[str]]:
    if not isinstance(query, str) or not query.strip():
        raise InvalidQueryError("empty query: type a word or a question (e.g. hydrogène, 재활용, urban farming)")
    query = " ".join(query.split())
    notices = []
    if len(query) > MAX_QUERY_CHARS:
        notices.append(f"query truncated from {len(query)} to {MAX_QUERY_CHARS} characters")
        query = query[:MAX_QUERY_CHARS]
    return query, notices


def _top_positive(scores: np.ndarray, depth: int) -> list[int]:
    """Ids of the best positive scores: a lexical score of 0 is no match and never ranks."""
    positive = np.flatnonzero(scores > 0)
    if len(positive) == 0:
        return []
    order = positive[np.argsort(-scores[positive], kind="stable")]
    return [int(i) for i in order[:depth]]


def _manifest_encoder(index_dir: Path) -> str:
    import json

    from corpus.errors import IndexCorruptError, IndexNotFoundError

    generation = current_generation(index_dir)
    if generation is None:
        raise IndexNotFoundError(f"no index in {index_dir}: build one with `seminar-search index`")
    try:
        return json.loads((generation / "manifest.json").read_text(encoding="utf-8"))["encoder"]["id"]
    except (OSError, ValueError, KeyError):
        raise IndexCorruptError(f"index in {index_dir} is damaged: rebuild it with `seminar-search index`") from None
