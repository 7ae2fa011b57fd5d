"""Per-passage facts a search filters on, computed once when an index is loaded."""

from __future__ import annotations

import numpy as np

from corpus.chunk import Chunk
from index.store import IndexData
from search.options import SearchOptions
from search.query import normalise


class PassageTable:
    """The passages of a loaded index as arrays (language, document, speaker…), in ordinal order."""

    def __init__(self, data: IndexData):
        self.data = data
        self.chunks: list[Chunk] = data.chunks
        self.by_id = {chunk.id: chunk for chunk in self.chunks}
        self.langs = np.array([self.language(chunk) for chunk in self.chunks])
        self.docs = np.array([chunk.doc for chunk in self.chunks])
        self.languages = set(self.langs.tolist())
        # Speaker and section of each passage, for the "speaker or city" filter.
        # Every spelling of the speaker counts: "Elise Pereira Nunes" finds "Élise Pereira-Nunes".
        self.who = np.array(
            [
                "\x1f".join((chunk.speaker, *getattr(chunk, "speaker_aliases", ()), chunk.section)).casefold()
                for chunk in self.chunks
            ]
        )
        self.hangul = np.array([chunk.lang in ("ko", "mixed") for chunk in self.chunks], dtype=bool)
        self.translated = np.array([chunk.translated for chunk in self.chunks], dtype=bool)
        self.aligned = {
            self.by_id[source].ordinal: [self.by_id[t].ordinal for t in targets if t in self.by_id]
            for source, targets in data.alignment.items()
            if source in self.by_id
        }
        self._normalised: np.ndarray | None = None  # passage texts for phrase matching, built on the first phrase

    def language(self, chunk: Chunk) -> str:
        """The language a filter sees: a mixed passage counts as its document's language."""
        if chunk.lang in ("fr", "ko", "en"):
            return chunk.lang
        document = self.data.documents.get(chunk.doc)
        return document.meta.language if document else chunk.lang

    def allowed(self, options: SearchOptions) -> np.ndarray:
        """Passages that may be shown: in the filtered language and documents."""
        allowed = np.ones(len(self.chunks), dtype=bool)
        if options.lang != "all":
            allowed &= self.langs == options.lang
        if options.docs:
            allowed &= np.isin(self.docs, list(options.docs))
        return allowed

    def spoken_by(self, speaker: str) -> np.ndarray:
        """Passages whose speaker (any spelling) or section contains ``speaker``, ignoring case."""
        return np.char.find(self.who, speaker.strip().casefold()) >= 0

    def containing(self, phrase: str) -> np.ndarray:
        """Passages whose normalised text contains the normalised ``phrase``."""
        if self._normalised is None:  # texts never change in a loaded index; a race only builds it twice
            self._normalised = np.array([normalise(chunk.text) for chunk in self.chunks])
        return np.char.find(self._normalised, phrase) >= 0
