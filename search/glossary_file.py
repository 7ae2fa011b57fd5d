"""The glossary file: ``corpus/glossary.tsv`` and a user's own file in the same format.

Plain, diff-friendly TSV with the header ``fr ko en domain notes notes_fr notes_ko``:
``notes`` is the English note, ``notes_fr`` and ``notes_ko`` the same note in French
and Korean. A file with only the first five columns (the original format) still
reads; its notes are then English only and the other languages fall back to them.
Variants inside a cell are separated by " | ", the main form first.

A variant written with a leading ``~`` (``~뚜르``) is *query-only*: a spelling
people type (press spellings, older renderings, names used in other Korean
documents) that the bundled corpus does not contain. It finds the entry and
expands queries like any variant; the attestation check (every variant form of
an entry is found in the documents) skips it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from pathlib import Path

from corpus.errors import GlossaryError

GLOSSARY_PATH = Path(__file__).resolve().parent.parent / "corpus" / "glossary.tsv"
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
