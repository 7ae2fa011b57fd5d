"""What a search may ask for, and the weights its rankings are fused with: plain records, no index needed."""

from __future__ import annotations

from dataclasses import dataclass

from corpus.errors import InvalidOptionError

MODES = ("hybrid", "dense", "lexical")
LANG_FILTERS = ("all", "fr", "ko", "en")
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
        all_matches: also show the candidates below the relevance floor (after the others).
        entity: restrict to the passages of this place, organisation or person (any of its names);
            with an empty query, list all of them in document order.
    """

    lang: str = "all"
    k: int = 10
    mode: str = "hybrid"
    docs: tuple[str, ...] = ()
    speaker: str = ""
    expand: bool = True
    all_matches: bool = False
    entity: str = ""

    def validate(self, documents) -> None:
        """Raises ``InvalidOptionError``: unknown mode, language or document (of ``documents``), k out of range."""
        if self.mode not in MODES:
            raise InvalidOptionError("mode", self.mode, MODES)
        if self.lang not in LANG_FILTERS:
            raise InvalidOptionError("language", self.lang, LANG_FILTERS)
        if not isinstance(self.k, int) or not 1 <= self.k <= MAX_K:
            raise InvalidOptionError("number of results", self.k, [f"1 to {MAX_K}"])
        for doc in self.docs:
            if doc not in documents:
                raise InvalidOptionError("document", doc, sorted(documents))

    def public_filters(self) -> dict:
        """The filters a response records, as the front ends show them."""
        return {
            "lang": self.lang,
            "docs": list(self.docs),
            "speaker": self.speaker.strip(),
            "mode": self.mode,
            "entity": self.entity.strip(),
            "all_matches": self.all_matches,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class RankingWeights:
    """Weights of the fused rankings; measured with the evaluation harness."""

    dense: float = 1.0
    lexical: float = 1.0
    # Within a pair, the side in the query's language counts more: retrieval is strongest there
    # (a Korean query finds the Korean translation, which then ranks its French original).
    own_language: float = 1.5
    # A counterpart's evidence (the French original of a Korean result, under a language
    # filter) counts less than the side shown: translations are freer than their originals.
    counterpart: float = 0.7
    expansion: float = 0.75  # lexical weight of glossary expansions relative to the query's own terms
    # BM25 of the name keys (a field of their own, index/bridges.py) added to the words' BM25, across scripts
    # only; swept 0.25 to 3 on eval/dev.jsonl and eval/xling: 1.0 best on FR→FR and FR→KO, xling flat.
    names: float = 1.0
    depth: int = 60  # candidates taken from each ranking before fusion
    # A sentence encoder places a lone term or name poorly ("충청남도" lands near any
    # list of provinces), so for one- or two-word queries the dense ranking counts less.
    short_query_dense: float = 0.5
    short_query_words: int = 2
    # Relevance floor: a unit without any lexical match is shown only if a side's cosine
    # similarity reaches this (USE-m3; measured on eval/dev.jsonl so that no judged hit
    # in the top 10 is lost: hit@5, hit@10 and MRR@10 are the same from 0.05 to 0.40).
    dense_floor: float = 0.25
