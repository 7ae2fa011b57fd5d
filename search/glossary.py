"""The bilingual glossary: French / Korean / English terms of the seminars.

``corpus/glossary.tsv`` is plain, diff-friendly TSV with the header
``fr ko en domain notes notes_fr notes_ko``: ``notes`` is the English note,
``notes_fr`` and ``notes_ko`` the same note in French and Korean. A file
with only the first five columns (the original format) still reads; its
notes are then English only and the other languages fall back to them.
Variants inside a cell are separated by " | ", the main form first.

A variant written with a leading ``~`` (``~뚜르``) is *query-only*: a
spelling people type (press spellings, older renderings, names used in
other Korean documents) that the bundled corpus does not contain. It finds
the entry and expands queries like any variant; the attestation check
(every variant form of an entry is found in the documents) skips it.

Matching is tolerant the way a user types: French and English compare by
stems (case, accents, elision and plurals ignored), Korean by the term
written with or without spaces, particles after it allowed.

The API the front ends use: ``entry.note(lang)`` and
``entry.domain_label(lang)`` for ``lang`` in fr / ko / en.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from corpus.errors import GlossaryError
from corpus.language import has_hangul
from index.analysis import english_terms, french_terms

GLOSSARY_PATH = Path(__file__).resolve().parent.parent / "corpus" / "glossary.tsv"
USER_GLOSSARY_ENV = "SEMINAR_SEARCH_GLOSSARY"  # a user's own glossary file, used beside the bundled one
COLUMNS = ("fr", "ko", "en", "domain", "notes")
NOTE_COLUMNS = ("notes_fr", "notes_ko")
QUERY_ONLY = "~"
DOMAINS = (
    "waste",
    "energy",
    "water",
    "mobility",
    "urban planning",
    "climate policy",
    "governance",
    "diplomacy",
    "institutions",
    "places",
    "people",
)
# Domain names in the three languages: glossary data, shown wherever an entry is.
DOMAIN_LABELS = {
    "waste": ("déchets", "폐기물", "waste"),
    "energy": ("énergie", "에너지", "energy"),
    "water": ("eau", "물", "water"),
    "mobility": ("mobilité", "교통·모빌리티", "mobility"),
    "urban planning": ("urbanisme", "도시계획", "urban planning"),
    "climate policy": ("politique climatique", "기후 정책", "climate policy"),
    "governance": ("gouvernance", "거버넌스·행정", "governance"),
    "diplomacy": ("diplomatie", "외교·국제교류", "diplomacy"),
    "institutions": ("institutions", "기관", "institutions"),
    "places": ("lieux", "지명", "places"),
    "people": ("personnes", "인명", "people"),
}
LANGS = ("fr", "ko", "en")


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    fr: tuple[str, ...]
    ko: tuple[str, ...]
    en: tuple[str, ...]
    domain: str
    notes: str
    line: int
    notes_fr: str = ""
    notes_ko: str = ""
    query_only: frozenset[tuple[str, str]] = frozenset()  # (lang, variant) pairs marked "~"
    source: str = ""  # the user glossary file the entry comes from; "" for the bundled glossary

    def terms(self, lang: str) -> tuple[str, ...]:
        return {"fr": self.fr, "ko": self.ko, "en": self.en}[lang]

    def attested_terms(self, lang: str) -> tuple[str, ...]:
        """The variants expected in the documents: all but the query-only ones."""
        return tuple(term for term in self.terms(lang) if (lang, term) not in self.query_only)

    def note(self, lang: str) -> str:
        """The note in ``lang`` (fr / ko / en); the English note where that language has none."""
        _check_lang(lang)
        return {"fr": self.notes_fr, "ko": self.notes_ko}.get(lang) or self.notes

    def domain_label(self, lang: str) -> str:
        """The domain's name in ``lang`` (fr / ko / en)."""
        _check_lang(lang)
        return DOMAIN_LABELS[self.domain][LANGS.index(lang)]

    @property
    def key(self) -> str:
        return self.fr[0]

    def to_dict(self) -> dict:
        return {
            "fr": list(self.fr),
            "ko": list(self.ko),
            "en": list(self.en),
            "domain": self.domain,
            "notes": self.notes,
            "notes_fr": self.notes_fr,
            "notes_ko": self.notes_ko,
            "query_only": {lang: [t for t in self.terms(lang) if (lang, t) in self.query_only] for lang in LANGS},
        }


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise GlossaryError(f"unknown language {lang!r}; valid: {', '.join(LANGS)}")


@dataclass(frozen=True, slots=True)
class GlossaryMatch:
    """A glossary entry found in a text: which variant, in which language."""

    entry: GlossaryEntry
    lang: str
    term: str


def read_glossary(path: Path = GLOSSARY_PATH) -> list[GlossaryEntry]:
    """Parse the glossary; a malformed row raises ``GlossaryError`` naming file and line."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise GlossaryError(f"{path}: cannot read the glossary ({error})") from None
    rows = csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = tuple(h.strip() for h in next(rows, None) or ())
    if header not in (COLUMNS, COLUMNS + NOTE_COLUMNS):
        raise GlossaryError(f"{path}:1: header must be {' '.join(COLUMNS)} [{' '.join(NOTE_COLUMNS)}] (tab-separated)")
    entries = []
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise GlossaryError(f"{path}:{number}: expected {len(header)} tab-separated fields, found {len(row)}")
        entries.append(_entry(dict(zip(header, (cell.strip() for cell in row))), f"{path}:{number}", number))
    if Path(path).resolve() != GLOSSARY_PATH:
        entries = [replace(entry, source=str(path)) for entry in entries]
    return entries


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


def _entry(cells: dict[str, str], where: str, number: int) -> GlossaryEntry:
    variants: dict[str, tuple[str, ...]] = {}
    query_only = set()
    for lang in LANGS:
        terms = []
        for variant in (v.strip() for v in cells[lang].split("|")):
            if variant.startswith(QUERY_ONLY):
                variant = variant[len(QUERY_ONLY) :].strip()
                query_only.add((lang, variant))
            if variant:
                terms.append(variant)
        variants[lang] = tuple(terms)
    if not variants["fr"] or not variants["ko"]:
        raise GlossaryError(f"{where}: the fr and ko fields must not be empty")
    if cells["domain"] not in DOMAINS:
        raise GlossaryError(f"{where}: unknown domain {cells['domain']!r}; valid: {', '.join(DOMAINS)}")
    return GlossaryEntry(
        variants["fr"],
        variants["ko"],
        variants["en"],
        cells["domain"],
        cells["notes"],
        number,
        cells.get("notes_fr", ""),
        cells.get("notes_ko", ""),
        frozenset(query_only),
    )


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
