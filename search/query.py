"""What a user types → what to search: free words, "exact phrases" and -exclusions.

    gestion "eau de pluie" -Suwon   →  text "gestion eau de pluie", phrase "eau de pluie", excluded "suwon"

Quotes may be straight ("…"), curly (“…”) or French guillemets (« … »); an
unbalanced quote is read as an ordinary character. A word counts as excluded
when a minus sign starts it ("-Suwon"), never inside a word ("Jean-Marc",
"vélo-cargo") or alone (" - ").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.errors import InvalidQueryError

MAX_QUERY_CHARS = 1000
_PHRASE = re.compile(r'"([^"]+)"|“([^”]+)”|«([^»]+)»|„([^“”]+)[“”]')
_EXCLUSION = re.compile(r"(?:(?<=\s)|^)[-−–]([^\W_][^\s]*)")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
# Characters that make a query searchable; emoji, punctuation and zero-width spaces do not.
_SEARCHABLE = re.compile(r"[^\W_]")


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A query split into what is searched, what must occur verbatim and what must not occur.

    Attributes:
        query: the query as typed, whitespace normalised (and truncated if too long).
        text: the words given to the retrievers (phrases included, exclusions left out).
        phrases: phrases each passage (or its aligned counterpart) must contain, normalised by ``normalise``.
        excluded: words whose passages are removed, as typed (casefolded).
        notices: what was changed on the way (a truncation).
    """

    query: str
    text: str
    phrases: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()


def parse_query(query: object) -> ParsedQuery:
    """Split ``query`` into searched text, phrases and exclusions.

    Raises:
        InvalidQueryError: nothing to search for (empty, blank, no letter or digit, or exclusions only).
    """
    if not isinstance(query, str) or not query.strip():
        raise InvalidQueryError("empty query: type a word or a question (e.g. hydrogène, 재활용, urban farming)")
    if not _SEARCHABLE.search(query):
        raise InvalidQueryError("nothing to search for: the query has no letters or digits")
    notices: list[str] = []
    query = " ".join(query.split())
    if len(query) > MAX_QUERY_CHARS:
        notices.append(f"query truncated from {len(query)} to {MAX_QUERY_CHARS} characters")
        query = query[:MAX_QUERY_CHARS]
    phrases = tuple(dict.fromkeys(normalise(next(g for g in m.groups() if g)) for m in _PHRASE.finditer(query)))
    phrases = tuple(p for p in phrases if _SEARCHABLE.search(p))
    unquoted = _PHRASE.sub(lambda m: " " + next(g for g in m.groups() if g) + " ", query)
    excluded = tuple(dict.fromkeys(m.group(1).casefold().strip(".,;:!?") for m in _EXCLUSION.finditer(unquoted)))
    text = " ".join(_EXCLUSION.sub(" ", unquoted).replace('"', " ").split())
    if not _SEARCHABLE.search(text):
        raise InvalidQueryError("nothing to search for: add a word besides the excluded ones (e.g. déchets -Suwon)")
    return ParsedQuery(query, text, phrases, tuple(e for e in excluded if e), tuple(notices))


def normalise(text: str) -> str:
    """The form phrases are compared in: casefolded, one space between words, one kind of apostrophe."""
    return " ".join(text.translate(_APOSTROPHES).casefold().split())
