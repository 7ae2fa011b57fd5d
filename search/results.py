"""A ranked passage as a result: its text, where it comes from, what matched, and its counterparts."""

from __future__ import annotations

from index.analysis import passage_terms, passage_terms_batch
from search.pairs import PairIndex
from search.passages import PassageTable
from search.ranking import Ranked
from search.records import SearchResult
from search.video import moment_url


class ResultBuilder:
    """Builds results for one loaded index; the passages' terms (for what matched) are analysed once each."""

    def __init__(self, table: PassageTable):
        self.table = table
        self._terms: dict[int, list] = {}  # chunk texts never change in a loaded index

    def prepare(self, limit: int) -> None:
        """Analyse the first ``limit`` passages now, in one batch, so that no search pays for it later."""
        ordinals = [o for o in range(min(limit, len(self.table.chunks))) if o not in self._terms]
        chunks = [self.table.chunks[o] for o in ordinals]
        analysed = passage_terms_batch([c.text for c in chunks], [c.lang for c in chunks])
        self._terms.update(zip(ordinals, analysed))

    def result(self, rank: int, item: Ranked, terms: set[str], pairs: PairIndex) -> SearchResult:
        ordinal = item.ordinal
        chunk = self.table.chunks[ordinal]
        return SearchResult(
            rank=rank,
            score=round(float(item.score), 6),
            id=chunk.id,
            doc=chunk.doc,
            title=chunk.title,
            date=chunk.date,
            lang=str(self.table.langs[ordinal]),
            section=chunk.section,
            speaker=chunk.speaker,
            text=chunk.text,
            start=chunk.start,
            end=chunk.end,
            translated=chunk.translated,
            matched=self._matched(ordinal, terms),
            aligned=self._counterparts(ordinal),
            time_start=chunk.time_start,
            time_end=chunk.time_end,
            original=not chunk.translated,
            pair=pairs.keys[item.pair],
            page=chunk.page,
            video_url=self._video_moment(ordinal),
        )

    def _matched(self, ordinal: int, terms: set[str]) -> tuple[str, ...]:
        """The passage's words that carry one of the query's (or its expansions') terms, once each."""
        chunk = self.table.chunks[ordinal]
        if ordinal not in self._terms:
            self._terms[ordinal] = passage_terms(chunk.text, chunk.lang)
        return tuple(dict.fromkeys(chunk.text[t.start : t.end] for t in self._terms[ordinal] if t.term in terms))

    def _counterparts(self, ordinal: int) -> tuple[dict, ...]:
        return tuple(
            {
                "id": other.id,
                "doc": other.doc,
                "lang": str(self.table.langs[other.ordinal]),
                "section": other.section,
                "text": other.text,
                "translated": other.translated,
                "original": not other.translated,
                "start": other.start,
                "end": other.end,
            }
            for other in (self.table.chunks[o] for o in self.table.aligned.get(ordinal, ()))
        )

    def _video_moment(self, ordinal: int) -> str:
        """The link to the moment of the recording a transcript passage comes from, or ""."""
        chunk = self.table.chunks[ordinal]
        document = self.table.data.documents.get(chunk.doc)
        return moment_url(document.meta.video_url, chunk.time_start) if document is not None else ""
