"""What every analyser yields: a term and the characters of the text it comes from.

One record for indexing and highlighting alike, so that the same code decides
what matches and what is highlighted.
"""

from __future__ import annotations

from typing import NamedTuple


class Term(NamedTuple):
    """An index term and the characters of the text it comes from."""

    term: str
    start: int
    end: int
