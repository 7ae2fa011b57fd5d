"""Terminology look-up: glossary entries with their attestations (KWIC) in both languages,
and the glossary exported as CSV or TBX for interpreters' tools."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass, field
from xml.etree import ElementTree as ET

from corpus.chunk import Chunk
from corpus.errors import InvalidOptionError, InvalidQueryError
from index.analysis import french_terms, english_terms
from search.glossary import GlossaryEntry

CONTEXT_CHARS = 60
EXPORT_FORMATS = ("csv", "tbx")
TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True, slots=True)
class Attestation:
    """One occurrence of a term: a concordance line and where it comes from."""

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


@dataclass(frozen=True, slots=True)
class TermEntry:
    entry: GlossaryEntry
    attestations: list[Attestation] = field(default_factory=list)

    def to_dict(self) -> dict:
        data = self.entry.to_dict()
        data["attestations"] = [asdict(a) | {"aligned": list(a.aligned)} for a in self.attestations]
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
    return TermLookup(term, [TermEntry(entry, concordance(engine, entry, max_lines)) for entry in entries])


def concordance(engine, entry: GlossaryEntry, max_lines: int = 30) -> list[Attestation]:
    """KWIC lines of the entry's variants: French originals first, then Korean translations."""
    lines: list[Attestation] = []
    analysed = engine.__dict__.setdefault("_concordance_cache", {})  # chunk texts never change in a loaded index
    for chunk in engine.chunks:
        lang = chunk.lang if chunk.lang in ("fr", "ko", "en") else engine.data.documents[chunk.doc].meta.language
        if lang not in ("fr", "ko", "en"):
            continue
        if lang != "ko" and chunk.id not in analysed:
            analysed[chunk.id] = (french_terms if lang == "fr" else english_terms)(chunk.text)
        for start, end in _occurrences(chunk.text, entry.terms(lang), lang, analysed.get(chunk.id)):
            lines.append(_attestation(engine, chunk, lang, start, end))
    lines.sort(key=lambda a: (a.lang != "fr", a.lang))
    per_lang: dict[str, list[Attestation]] = {}
    for line in lines:
        per_lang.setdefault(line.lang, []).append(line)
    share = max(1, max_lines // max(1, len(per_lang)))
    return [line for group in per_lang.values() for line in group[:share]]


def _occurrences(text: str, variants: tuple[str, ...], lang: str, words=None) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if lang == "ko":
        for variant in variants:
            position = text.find(variant)
            while position >= 0:
                spans.append((position, position + len(variant)))
                position = text.find(variant, position + len(variant))
    else:
        analyse = french_terms if lang == "fr" else english_terms
        words = words if words is not None else analyse(text)
        stems = [w.term for w in words]
        for variant in variants:
            needle = [t.term for t in analyse(variant)]
            for i in range(len(stems) - len(needle) + 1) if needle else ():
                if stems[i : i + len(needle)] == needle:
                    spans.append((words[i].start, words[i + len(needle) - 1].end))
    spans.sort()
    kept: list[tuple[int, int]] = []
    for span in spans:  # overlapping variants ("수소" inside "수소충전소") count once
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def _attestation(engine, chunk: Chunk, lang: str, start: int, end: int) -> Attestation:
    flat = lambda s: " ".join(s.split())  # noqa: E731 - a concordance line is one line
    aligned = tuple(
        {"id": other, "lang": engine.chunk(other).lang, "text": engine.chunk(other).text}
        for other in engine.data.alignment.get(chunk.id, ())
        if engine.chunk(other) is not None
    )
    return Attestation(
        lang=lang, doc=chunk.doc, title=chunk.title, section=chunk.section, speaker=chunk.speaker, chunk_id=chunk.id,
        left=flat(chunk.text[max(0, start - CONTEXT_CHARS) : start]), term=chunk.text[start:end],
        right=flat(chunk.text[end : end + CONTEXT_CHARS]), translated=chunk.translated, aligned=aligned,
    )


def export_glossary(engine, fmt: str) -> str:
    """The whole glossary as CSV or TBX-Basic (TBX v3, ISO 30042:2019), with one attested context per language."""
    if fmt not in EXPORT_FORMATS:
        raise InvalidOptionError("export format", fmt, EXPORT_FORMATS)
    rows = [(entry, _first_contexts(engine, entry)) for entry in engine.glossary.entries]
    return _to_csv(rows) if fmt == "csv" else _to_tbx(rows)


def _first_contexts(engine, entry: GlossaryEntry) -> dict[str, Attestation]:
    contexts: dict[str, Attestation] = {}
    for line in concordance(engine, entry, max_lines=2):
        contexts.setdefault(line.lang, line)
    return contexts


def _context_text(line: Attestation | None) -> str:
    return f"{line.left} {line.term} {line.right}".strip() if line else ""


def _to_csv(rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["fr", "ko", "en", "domain", "notes", "context_fr", "source_fr", "context_ko", "source_ko"])
    for entry, contexts in rows:
        fr, ko = contexts.get("fr"), contexts.get("ko")
        writer.writerow([" | ".join(entry.fr), " | ".join(entry.ko), " | ".join(entry.en), entry.domain, entry.notes,
                         _context_text(fr), fr.doc if fr else "", _context_text(ko), ko.doc if ko else ""])
    return buffer.getvalue()


def _to_tbx(rows) -> str:
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
    for number, (entry, contexts) in enumerate(rows, start=1):
        concept = ET.SubElement(body, q("conceptEntry"), {"id": f"c{number}"})
        ET.SubElement(concept, q("descrip"), {"type": "subjectField"}).text = entry.domain
        if entry.notes:
            ET.SubElement(concept, q("note")).text = entry.notes
        for lang in ("fr", "ko", "en"):
            terms = entry.terms(lang)
            if not terms:
                continue
            section = ET.SubElement(concept, q("langSec"), {XML_LANG: lang})
            for index, term in enumerate(terms):
                term_section = ET.SubElement(section, q("termSec"))
                ET.SubElement(term_section, q("term")).text = term
                context = contexts.get(lang)
                if index == 0 and context is not None:
                    ET.SubElement(term_section, q("descrip"), {"type": "context"}).text = _context_text(context)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
