"""The records that travel through the pipeline: documents and their chunks."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass


def content_hash(text: str) -> str:
    """Stable short hash of a text (documents, chunks): sha256, 16 hex digits."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What is known about a document, from its sidecar or inferred.

    ``translation_of`` names the document id this one translates, and
    ``translator`` who made the translation: a translation never passes for an
    original transcript.
    """

    id: str
    title: str = ""
    event: str = ""
    date: str = ""
    place: str = ""
    language: str = ""
    original_filename: str = ""
    provenance: str = ""
    translation_of: str = ""
    translator: str = ""
    speakers: tuple[str, ...] = ()
    author: str = ""  # from the file's own properties (HWP, DOCX, PPTX), when it names one
    video_url: str = ""  # recording of a transcript: results link to their moment in it

    @property
    def is_translation(self) -> bool:
        return bool(self.translation_of)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["speakers"] = list(self.speakers)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "DocumentMeta":
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        known["speakers"] = tuple(known.get("speakers", ()))
        return cls(**known)


@dataclass(frozen=True, slots=True)
class Document:
    """A document as read from disk: its full text (offsets point into it) and metadata."""

    meta: DocumentMeta
    text: str
    path: str = ""
    encoding: str = "utf-8"
    links: tuple[tuple[str, str], ...] = ()
    # Transcripts: (start char, end char, start seconds, end seconds) of each cue.
    timeline: tuple[tuple[int, int, float, float], ...] = ()
    # Where each page (or slide) starts in ``text``, page 1 first; empty without pages.
    pages: tuple[int, ...] = ()

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def hash(self) -> str:
        return content_hash(self.text)


@dataclass(frozen=True, slots=True)
class Chunk:
    """One searchable passage.

    ``start``/``end`` are character offsets into the original document text, so
    ``document.text[start:end]`` is the passage as it appears in the source
    (before cleaning); ``text`` is the cleaned passage.
    """

    id: str
    doc: str
    lang: str
    text: str
    start: int
    end: int
    ordinal: int
    section: str = ""
    speaker: str = ""
    title: str = ""
    date: str = ""
    translated: bool = False
    time_start: float | None = None
    time_end: float | None = None
    page: int | None = None  # page (or slide) where the passage starts, for documents with pages
    # Aligned bilingual unit: the original's chunk and its translation's chunk cover the
    # same segments and share this id (the original chunk's id); "" when unpaired.
    pair: str = ""
    # Every spelling of the speaker in the index (accents, hyphens, Hangul transcriptions),
    # when there is more than one; ``speaker`` is the usual one in this chunk's script.
    speaker_aliases: tuple[str, ...] = ()

    @property
    def hash(self) -> str:
        """Hash of everything that goes into the chunk's embedding and lexical entry."""
        return content_hash("\x1f".join((self.lang, self.section, self.speaker, self.text)))

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Chunk":
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        if "speaker_aliases" in known:  # a list once through JSON
            known["speaker_aliases"] = tuple(known["speaker_aliases"])
        return cls(**known)
