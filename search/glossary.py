"""The bilingual glossary: French / Korean / English terms of the seminars, and how a text is matched to them.

Matching is tolerant the way a user types: French and English compare by
stems (case, accents, elision and plurals ignored), Korean by the term
written with or without spaces, particles after it allowed. The file format
is ``search.glossary_file``'s.

The API the front ends use: ``entry.note(lang)`` and
``entry.domain_label(lang)`` for ``lang`` in fr / ko / en.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from corpus.errors import GlossaryError
from corpus.language import has_hangul
from index.analysis import english_terms, french_terms
from search.glossary_file import (  # noqa: F401  (re-exported: the glossary's public names live here)
    COLUMNS,
    DOMAIN_LABELS,
    DOMAINS,
    GLOSSARY_PATH,
    LANGS,
    NOTE_COLUMNS,
    QUERY_ONLY,
    GlossaryEntry,
    read_glossary,
)

USER_GLOSSARY_ENV = "SEMINAR_SEARCH_GLOSSARY"  # a user's own glossary file, used beside the bundled one


@dataclass(frozen=True, slots=True)
class GlossaryMatch:
    """A glossary entry found in a text: which variant, in which language."""

    entry: GlossaryEntry
    lang: str
    term: str


def user_glossary_path(given: Path | str | None = None) -> Path | None:
    """The user's glossary file: ``given`` (``--glossary FILE``), else ``$SEMINAR_SEARCH_GLOSSARY``, else none."""
    chosen = given or os.environ.get(USER_GLOSSARY_ENV, "").strip()
    return Path(chosen).expanduser() if chosen else None


def load_glossaries(user: Path | str | None = None) -> "Glossary":
    """The bundled glossary and, after its entries, those of the user's file (see ``user_glossary_path``).

    The bundled glossary stays as curated; the user's file adds entries (from
    ``terms --suggest`` or written by hand) in the same TSV format.

    Raises:
        GlossaryError: the user's file is missing or malformed (file and line named).
    """
    bundled = Glossary.load()
    path = user_glossary_path(user)
    if path is None:
        return bundled
    if not path.is_file():
        raise GlossaryError(f"{path}: no such glossary file (from --glossary or ${USER_GLOSSARY_ENV})")
    return Glossary(bundled.entries + read_glossary(path))


class Glossary:
    """Glossary entries with tolerant look-up in any of the three languages."""

    def __init__(self, entries: list[GlossaryEntry]):
        self.entries = entries
        self._keys = [
            (entry, lang, term, _key(term, lang))
            for entry in entries
            for lang in ("fr", "ko", "en")
            for term in entry.terms(lang)
        ]
        # Latin variants are found through their first stem, Korean ones by substring:
        # a query is checked against a handful of candidates, not the whole glossary.
        self._by_first_stem: dict[tuple[str, str], list[int]] = {}
        for position, (_entry, lang, _term, key) in enumerate(self._keys):
            if lang != "ko" and key:
                self._by_first_stem.setdefault((lang, key[0]), []).append(position)
        self._korean = [
            position for position, (_e, lang, _t, key) in enumerate(self._keys) if lang == "ko" and len(key) >= 2
        ]

    @classmethod
    @lru_cache(maxsize=4)
    def load(cls, path: Path = GLOSSARY_PATH) -> "Glossary":
        return cls(read_glossary(path)) if Path(path).exists() else cls([])

    def __len__(self) -> int:
        return len(self.entries)

    def english_only_words(self) -> frozenset[str]:
        """Words of the English terms that none of the French terms uses ("hydrogen", "rainwater")."""

        def words(lang: str) -> set[str]:
            return {w.casefold() for e in self.entries for term in e.terms(lang) for w in term.split() if w.isalpha()}

        return frozenset(words("en") - words("fr"))

    def find_in(self, text: str) -> list[GlossaryMatch]:
        """Entries with a variant occurring in ``text`` (a query, a passage).

        A variant contained in a longer matched variant of another entry is
        dropped ("énergie" inside "énergies renouvelables").
        """
        text_keys = {lang: _key(text, lang) for lang in ("fr", "ko", "en")}
        candidates = {
            p
            for lang in ("fr", "en")
            for stem in set(text_keys[lang])
            for p in self._by_first_stem.get((lang, stem), ())
        }
        korean_text = "".join(text_keys["ko"])
        candidates.update(p for p in self._korean if "".join(self._keys[p][3]) in korean_text)
        found: list[tuple[GlossaryMatch, tuple]] = []
        for position in sorted(candidates):
            entry, lang, term, key = self._keys[position]
            if _contains(text_keys[lang], key, lang):
                found.append((GlossaryMatch(entry, lang, term), key))
        kept = []
        for match, key in found:
            # Across languages too: in "urban farming" (English), "urban" is not also
            # the French stem of "urbanisme", so the longer variant is compared in the
            # shorter one's language.
            longer = any(
                len(other_key) > len(key) and _contains(other_key, key, match.lang)
                for other_key in ((o_key if other.lang == match.lang else _key(other.term, match.lang))
                                  for other, o_key in found)
                if other_key != key
            )
            if not longer:
                kept.append(match)
        unique: dict[tuple[int, str], GlossaryMatch] = {}
        for match in kept:
            unique.setdefault((match.entry.source, match.entry.line, match.lang), match)
        return list(unique.values())

    def lookup(self, term: str) -> list[GlossaryEntry]:
        """Entries one of whose variants equals ``term`` or contains it, exact matches first."""
        exact, partial = [], []
        for lang in ("fr", "ko", "en"):
            key = _key(term, lang)
            if not key:
                continue
            for entry, entry_lang, _variant, variant_key in self._keys:
                if entry_lang != lang:
                    continue
                if variant_key == key:
                    exact.append(entry)
                elif _contains(variant_key, key, lang) or lang != "ko" and _contains(key, variant_key, lang):
                    partial.append(entry)
        ordered = list(dict.fromkeys(exact + partial))
        return ordered

    def suggest(self, term: str, limit: int = 5) -> list[str]:
        """Nearest glossary terms by spelling, for a look-up that found nothing."""
        import difflib

        lang = "ko" if has_hangul(term) else None
        candidates = [variant for entry, variant_lang, variant, _ in self._keys if lang is None or variant_lang == lang]
        return difflib.get_close_matches(
            term.casefold(), list(dict.fromkeys(c.casefold() for c in candidates)), n=limit, cutoff=0.5
        )


def _key(text: str, lang: str) -> tuple:
    """Comparable form of a text: stems for fr/en, space-free Hangul runs for ko."""
    if lang == "ko":
        # Korean cells may hold Latin acronyms (COP26, NGO): compare them without case.
        return tuple("".join(text.casefold().split()))
    terms = french_terms(text) if lang == "fr" else english_terms(text)
    return tuple(term.term for term in terms)


def _contains(haystack: tuple, needle: tuple, lang: str, min_korean: int = 2) -> bool:
    """Whether ``needle`` occurs in ``haystack`` (keys from ``_key``).

    A one-syllable Korean term (물) occurs inside many words (생물), so matching
    a query needs two characters; attestation checks pass ``min_korean=1``.
    """
    if not needle or len(needle) > len(haystack):
        return False
    if lang == "ko":
        return len(needle) >= min_korean and "".join(needle) in "".join(haystack)
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))
