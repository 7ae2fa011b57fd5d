"""The project's domain exceptions.

They live in the bottom layer so that every stage (corpus, index, search, CLI,
UI) raises and catches the same types. Messages name the bad value and, where
there is a fixed set, list the valid ones: the CLI prints ``str(error)`` as its
one-line message and the UI shows it in a ``gr.Error``.
"""

from __future__ import annotations


class SeminarSearchError(Exception):
    """Base class: anything a user can cause and fix."""


class InvalidQueryError(SeminarSearchError):
    """Empty or unusable query text."""


class InvalidOptionError(SeminarSearchError):
    """An option outside its set of valid values."""

    def __init__(self, name: str, value: object, valid: list[str] | tuple[str, ...]):
        self.name, self.value, self.valid = name, value, tuple(valid)
        super().__init__(f"invalid {name} {value!r}: choose one of {', '.join(map(str, valid))}")


class UnknownEntityError(InvalidOptionError):
    """No place, organisation or person of the archive has that name; ``valid`` holds the near ones, if any."""

    def __init__(self, value: str, close: list[str] | tuple[str, ...] = (), hint: str = ""):
        self.name, self.value, self.valid = "entity", value, tuple(close)
        message = f"no city, organisation or person named {value!r} in the archive"
        if close:
            message += f"; nearest: {', '.join(close)}"
        SeminarSearchError.__init__(self, message + (f" ({hint})" if hint else ""))


class DocumentError(SeminarSearchError):
    """A document that cannot be read (missing, unreadable, undecodable, corrupt).

    ``kind`` groups the reasons for the summary of an import ("unreadable",
    "needs a package", "no text", …).
    """

    def __init__(self, path: object, reason: str, *, kind: str = "unreadable"):
        self.path, self.reason, self.kind = path, reason, kind
        super().__init__(f"{path}: {reason}")


class IndexNotFoundError(SeminarSearchError):
    """No index at the expected location."""


class IndexMismatchError(SeminarSearchError):
    """The index on disk was built with another encoder, chunker or format."""


class IndexCorruptError(SeminarSearchError):
    """Files of the index are missing or unreadable."""


class IndexLockedError(SeminarSearchError):
    """Another indexer holds the lock on this index directory."""


class EncoderError(SeminarSearchError):
    """An encoder name that cannot be resolved or loaded."""


class GlossaryError(SeminarSearchError):
    """A malformed glossary file; the message names the file and the line."""


class ExportError(SeminarSearchError):
    """An export that cannot be written."""


class IndexWriteError(SeminarSearchError):
    """The index folder cannot be created or written (permissions, a file in the way, disk full)."""


class AlignmentError(SeminarSearchError):
    """A document and its translation that cannot be aligned automatically."""


class IndexChecksumError(IndexCorruptError):
    """One file of an index differs from the size or checksum its manifest records."""

    def __init__(self, path: object, message: str):
        self.path = path
        super().__init__(message)
