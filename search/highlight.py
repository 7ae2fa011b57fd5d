"""Marking matched terms in a passage, safely.

HTML output escapes the passage first and marks afterwards, so nothing from a
document or a query ever reaches a page unescaped.
"""

from __future__ import annotations

import html
import re
from typing import Iterable, Literal

Style = Literal["html", "ansi", "brackets"]
_OPEN_CLOSE = {"html": ("<mark>", "</mark>"), "ansi": ("\033[1;33m", "\033[0m"), "brackets": ("[[", "]]")}


def mark_terms(text: str, terms: Iterable[str], style: Style = "html") -> str:
    """``text`` with every occurrence of ``terms`` wrapped (longest first, case-insensitive).

    With ``style="html"`` the result is safe to insert into a page: the text is
    escaped and only ``<mark>`` tags are added.
    """
    opening, closing = _OPEN_CLOSE[style]
    escape = html.escape if style == "html" else (lambda s: s)
    wanted = sorted({t for t in terms if t and t.strip()}, key=len, reverse=True)
    if not wanted:
        return escape(text)
    pattern = re.compile("|".join(re.escape(term) for term in wanted), re.IGNORECASE)
    pieces, position = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(opening + escape(match.group(0)) + closing)
        position = match.end()
    pieces.append(escape(text[position:]))
    return "".join(pieces)
