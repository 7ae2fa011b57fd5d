"""Terminology look-up: glossary entries with their attestations (KWIC) in both languages,
and the glossary exported as CSV, XLSX or TBX for interpreters' tools.

Every concordance line is cut from its document's text by offsets (see
``search.concordance``): ``left + term + right`` is a substring of the source,
and ``aligned_context`` is the sentence of the aligned passage that holds the
entry's equivalent in the other language ("" when the translation words it
otherwise).
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass, field
from xml.etree import ElementTree as ET

from corpus.chunk import Chunk
from corpus.errors import InvalidOptionError, InvalidQueryError
from search.concordance import Analysed, Span, cut, nearest, occurrences, sentence_around
from search.glossary import GlossaryEntry

EXPORT_FORMATS = ("csv", "xlsx", "tbx")
EXPORT_CONTEXTS = 3  # concordance lines per language in an export
# InterpretBank-style columns: one row per entry; contexts inside a cell separated by a blank line (a context
# itself may hold a line break where the source wraps a term), each with its source line in the same order.
CONTEXT_SEPARATOR = "\n\n"
# One note column per language (the glossary's English note where a language has none), as a bilingual
# booth reads the note in its own language.
GLOSSARY_COLUMNS = ("fr", "ko", "en", "domain", "note_fr", "note_ko", "note_en", "context_fr", "context_ko", "source")
NOTE_LANGS = ("fr", "ko", "en")
CSV_DELIMITER = ";"  # what Excel in a French (or Korean) locale splits columns on
TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_OTHER = {"fr": "ko", "ko": "fr", "en": "fr"}


@dataclass(frozen=True, slots=True)
class Attestation:
    """One occurrence of a term: a verbatim concordance line, where it comes from, its aligned sentence.

    ``start``/``end`` delimit ``left + term + right`` in the document's text.
    """

    lang: str
    doc: str
    title: str
    section: str
    speaker: str
    chunk_id: str
    left: str
    term: str
    right: str
    translated: bool
    aligned: tuple[dict, ...] = ()
    start: int = 0
    end: int = 0
    aligned_context: str = ""
    aligned_lang: str = ""
    aligned_doc: str = ""

    @property
    def context(self) -> str:
        return self.left + self.term + self.right


@dataclass(frozen=True, slots=True)
class TermEntry:
    entry: GlossaryEntry
    attestations: list[Attestation] = field(default_factory=list)

    def to_dict(self) -> dict:
        data = self.entry.to_dict()
        data["attestations"] = [asdict(a) | {"aligned": list(a.aligned), "context": a.context}
                                for a in self.attestations]
        return data


@dataclass(frozen=True, slots=True)
class TermLookup:
    query: str
    entries: list[TermEntry]
    suggestions: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"query": self.query, "entries": [e.to_dict() for e in self.entries], "suggestions": self.suggestions}


def lookup_terms(engine, term: str, *, max_entries: int = 10, max_lines: int = 30) -> TermLookup:
    """Glossary entries matching ``term`` in any language, each with its concordance.

    Tolerant of case, accents, elision, plurals and Korean particles
    ("재활용을" finds 재활용). Nothing found → no entries and spelling suggestions.
    """
    if not isinstance(term, str) or not term.strip():
        raise InvalidQueryError("empty term: type a word in French, Korean or English (e.g. hydrogène, 수소)")
    term = " ".join(term.split())
    glossary = engine.glossary
    entries = glossary.lookup(term) + [match.entry for match in glossary.find_in(term)]
    entries = list(dict.fromkeys(entries))[:max_entries]
    if not entries:
        return TermLookup(term, [], glossary.suggest(term))
    words = _Words(engine)
    return TermLookup(term, [TermEntry(entry, concordance(engine, entry, max_lines, words)) for entry in entries])


class _Words:
    """The analysed words of each French or English passage, computed once for a whole export."""

    def __init__(self, engine):
        self._engine, self._words = engine, {}

    def hits(self, chunk: Chunk, variants: tuple[str, ...], lang: str) -> tuple[str, list[Span]]:
        text = self._engine.data.documents[chunk.doc].text
        if lang == "ko":
            return text, occurrences(text, chunk.start, chunk.end, variants, lang)
        if chunk.id not in self._words:
            self._words[chunk.id] = Analysed.of(text[chunk.start : chunk.end], lang)
        return text, occurrences(text, chunk.start, chunk.end, variants, lang, self._words[chunk.id])


def concordance(engine, entry: GlossaryEntry, max_lines: int = 30, words: _Words | None = None) -> list[Attestation]:
    """KWIC lines of the entry's variants: originals first, then translations, shared out between languages."""
    words = words or _Words(engine)
    per_lang: dict[str, list[Attestation]] = {}
    for chunk in engine.chunks:
        lang = engine.passage_language(chunk)
        if lang not in ("fr", "ko", "en") or not entry.terms(lang):
            continue
        text, hits = words.hits(chunk, entry.terms(lang), lang)
        for hit in hits:
            per_lang.setdefault(lang, []).append(_attestation(engine, entry, chunk, lang, text, hit, words))
    share = max(1, max_lines // max(1, len(per_lang)))
    ordered = sorted(per_lang.items(), key=lambda item: (item[0] != "fr", item[0]))
    return [line for _lang, lines in ordered for line in sorted(lines, key=lambda a: a.translated)[:share]]


def _attestation(engine, entry: GlossaryEntry, chunk: Chunk, lang: str, text: str, hit: Span,
                 words: _Words) -> Attestation:
    sentence = sentence_around(text, hit, chunk.start, chunk.end)
    left, term, right = cut(text, hit, sentence)
    counterparts = [engine.chunk(other) for other in engine.data.alignment.get(chunk.id, ())]
    counterparts = [c for c in counterparts if c is not None]
    aligned = tuple({"id": c.id, "lang": engine.passage_language(c), "text": c.text} for c in counterparts)
    relative = (hit.start - chunk.start) / max(1, chunk.end - chunk.start)
    context, other_lang, other_doc = _aligned_sentence(engine, entry, counterparts, _OTHER[lang], relative, words)
    return Attestation(
        lang=lang, doc=chunk.doc, title=chunk.title, section=chunk.section, speaker=chunk.speaker, chunk_id=chunk.id,
        left=left, term=term, right=right, translated=chunk.translated, aligned=aligned,
        start=hit.start - len(left), end=hit.end + len(right),
        aligned_context=context, aligned_lang=other_lang if context else "", aligned_doc=other_doc if context else "",
    )


def _aligned_sentence(engine, entry: GlossaryEntry, counterparts: list[Chunk], lang: str, relative: float,
                      words: _Words) -> tuple[str, str, str]:
    """The sentence of the aligned passages holding the entry's ``lang`` term nearest the occurrence's place."""
    best: tuple[float, str, str] | None = None
    for chunk in counterparts:
        if engine.passage_language(chunk) != lang:
            continue
        text, hits = words.hits(chunk, entry.terms(lang), lang)
        hit = nearest(hits, relative, chunk.start, chunk.end)
        if hit is None:
            continue
        distance = abs((hit.start - chunk.start) / max(1, chunk.end - chunk.start) - relative)
        left, term, right = cut(text, hit, sentence_around(text, hit, chunk.start, chunk.end))
        if best is None or distance < best[0]:
            best = (distance, left + term + right, chunk.doc)
    return (best[1], lang, best[2]) if best else ("", "", "")


# -- exports -------------------------------------------------------------------


def export_glossary(engine, fmt: str, rows: list | None = None) -> str:
    """The whole glossary as CSV (``;``-separated) or TBX-Basic text, up to three contexts per language.

    ``rows`` (from ``glossary_rows``) lets a caller writing several formats find the contexts once.
    """
    if fmt not in ("csv", "tbx"):
        raise InvalidOptionError("export format", fmt, ("csv", "tbx"))
    rows = glossary_rows(engine) if rows is None else rows
    return _to_csv(rows) if fmt == "csv" else _to_tbx(rows)


def export_glossary_bytes(engine, fmt: str, rows: list | None = None) -> bytes:
    """The file's bytes: CSV with a UTF-8 byte-order mark (so that Excel reads Hangul and accents), XLSX, or TBX.

    Raises:
        InvalidOptionError: a format outside ``EXPORT_FORMATS``.
    """
    if fmt not in EXPORT_FORMATS:
        raise InvalidOptionError("export format", fmt, EXPORT_FORMATS)
    if fmt == "xlsx":
        from search.spreadsheet import xlsx_bytes

        rows = glossary_rows(engine) if rows is None else rows
        return xlsx_bytes("glossary", GLOSSARY_COLUMNS, [_row_values(row) for row in rows])
    return export_glossary(engine, fmt, rows).encode("utf-8-sig" if fmt == "csv" else "utf-8")


@dataclass(frozen=True, slots=True)
class GlossaryRow:
    entry: GlossaryEntry
    contexts: dict[str, list[Attestation]]


def glossary_rows(engine) -> list[GlossaryRow]:
    """Each glossary entry with up to ``EXPORT_CONTEXTS`` attested lines per language, originals first."""
    rows = []
    words = _Words(engine)
    for entry in engine.glossary.entries:
        contexts: dict[str, list[Attestation]] = {}
        for line in concordance(engine, entry, max_lines=2 * EXPORT_CONTEXTS, words=words):
            group = contexts.setdefault(line.lang, [])
            if len(group) < EXPORT_CONTEXTS:
                group.append(line)
        rows.append(GlossaryRow(entry, contexts))
    return rows


def _row_values(row: GlossaryRow) -> list[str]:
    entry, contexts = row.entry, row.contexts
    sources = [f"{lang}: {line.doc}#{line.start}-{line.end}"
               for lang in ("fr", "ko") for line in contexts.get(lang, [])]
    return [" | ".join(entry.fr), " | ".join(entry.ko), " | ".join(entry.en), entry.domain,
            *(entry.note(lang) for lang in NOTE_LANGS),
            CONTEXT_SEPARATOR.join(line.context for line in contexts.get("fr", [])),
            CONTEXT_SEPARATOR.join(line.context for line in contexts.get("ko", [])), "\n".join(sources)]


def _to_csv(rows: list[GlossaryRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(GLOSSARY_COLUMNS)
    for row in rows:
        writer.writerow(_row_values(row))
    return buffer.getvalue()


def _to_tbx(rows: list[GlossaryRow]) -> str:
    ET.register_namespace("", TBX_NAMESPACE)
    q = lambda tag: f"{{{TBX_NAMESPACE}}}{tag}"  # noqa: E731
    root = ET.Element(q("tbx"), {"type": "TBX-Basic", "style": "dca", XML_LANG: "fr"})
    header = ET.SubElement(root, q("tbxHeader"))
    source = ET.SubElement(ET.SubElement(header, q("fileDesc")), q("sourceDesc"))
    ET.SubElement(source, q("p")).text = (
        "Glossary of the Franco-Korean local-government seminars (Cités Unies France, groupe-pays Corée); "
        "Korean contexts come from the project's working translations."
    )
    body = ET.SubElement(ET.SubElement(root, q("text")), q("body"))
    for number, row in enumerate(rows, start=1):
        entry = row.entry
        concept = ET.SubElement(body, q("conceptEntry"), {"id": f"c{number}"})
        ET.SubElement(concept, q("descrip"), {"type": "subjectField"}).text = entry.domain
        for lang in ("fr", "ko", "en"):
            if not entry.terms(lang):
                continue
            section = ET.SubElement(concept, q("langSec"), {XML_LANG: lang})
            if entry.note(lang):  # TBX-Basic: a note at language level is in that language
                ET.SubElement(section, q("note")).text = entry.note(lang)
            for index, term in enumerate(entry.terms(lang)):
                term_section = ET.SubElement(section, q("termSec"))
                ET.SubElement(term_section, q("term")).text = term
                for line in row.contexts.get(lang, []) if index == 0 else []:
                    ET.SubElement(term_section, q("descrip"), {"type": "context"}).text = line.context
                    source = ET.SubElement(term_section, q("admin"), {"type": "source"})
                    source.text = f"{line.doc}#{line.start}-{line.end}"
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
