"""Sentence units → chunks: sentence-aware, never across a section or a speaker."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import groupby

from corpus.chunk import Chunk, Document
from corpus.clean import Span, join_spans
from corpus.language import detect_language
from corpus.structure import Unit, parse_units

# Bump when chunk boundaries or texts change: an index built by another
# version is refused at load time and must be rebuilt.
CHUNKER_VERSION = "6"  # 6: numbered items stating figures or clauses stay content; 5: default chunk size 600


@dataclass(frozen=True, slots=True, kw_only=True)
class ChunkingOptions:
    """Chunk size, in characters of cleaned text.

    Args:
        target_chars: a chunk grows sentence by sentence up to this size.
        min_chars: a last chunk of a section shorter than this joins the previous one.
    """

    # 600 rather than 500 since originals and translations are cut into 1:1 pairs:
    # packed by the mean of both sides, 500 cut list headings and a question's context
    # away from what follows (dev set sweep, FR→FR MRR@10: 420 .755, 500 .753, 600 .793, 700 .780).
    target_chars: int = 600
    min_chars: int = 120


def chunk_document(document: Document, options: ChunkingOptions = ChunkingOptions()) -> list[Chunk]:
    """Cut a document into chunks carrying section, speaker and source offsets."""
    return chunk_document_with_links(document, options)[0]


def chunk_document_with_links(
    document: Document, options: ChunkingOptions = ChunkingOptions()
) -> tuple[list[Chunk], list[tuple[str, str]]]:
    """``chunk_document`` plus the ``(label, url)`` links kept out of the searchable text."""
    units, links = parse_units(document.text)
    chunks: list[Chunk] = []
    # A chunk never crosses a section, a speaker or a page: each passage cites one page
    # (and a scanned French page next to a Korean one gives two passages, not one mixed).
    def place(unit: Unit) -> tuple:
        return unit.section, unit.speaker, _page(document.pages, unit.span.start)

    for _key, group in groupby(units, key=place):
        for pieces in pack_units(list(group), options):
            chunks.append(make_chunk(document, pieces, len(chunks)))
    return chunks, links


def make_chunk(document: Document, pieces: list[Unit], number: int, pair: str = "") -> Chunk:
    """The chunk made of consecutive units of ``document``; its id is the document id and ``number``."""
    span = join_spans([unit.span for unit in pieces], ["\n" if unit.hard_break else " " for unit in pieces[1:]])
    return Chunk(
        id=f"{document.id}#{number:04d}",
        doc=document.id,
        lang=detect_language(span.text, default=document.meta.language or "fr"),
        text=span.text,
        start=span.start,
        end=span.end,
        ordinal=number,
        section=pieces[0].section,
        speaker=pieces[0].speaker,
        title=document.meta.title,
        date=document.meta.date,
        translated=document.meta.is_translation,
        page=_page(document.pages, span.start),
        pair=pair,
        **_times(document, span.start, span.end),
    )


def _page(pages: tuple[int, ...], offset: int) -> int | None:
    """The page (1-based) an offset falls on, by bisection over the page start offsets."""
    return (bisect_right(pages, offset) or 1) if pages else None


def _times(document: Document, start: int, end: int) -> dict:
    """Start and end time of a transcript chunk, from the cues it overlaps."""
    cues = [cue for cue in document.timeline if cue[0] < end and start < cue[1]]
    if not cues:
        return {}
    return {"time_start": min(cue[2] for cue in cues), "time_end": max(cue[3] for cue in cues)}


def pack_units(units: list[Unit], options: ChunkingOptions) -> list[list[Unit]]:
    """Consecutive units grouped up to the target size (units longer than it are cut first)."""
    groups: list[list[Unit]] = []
    current: list[Unit] = []
    size = 0
    for unit in _split_long(units, options.target_chars):
        length = weight(unit.span.text) + 1
        if current and size + length > options.target_chars:
            groups.append(current)
            current, size = [], 0
        current.append(unit)
        size += length
    if current:
        groups.append(current)
    if len(groups) > 1 and sum(weight(u.span.text) for u in groups[-1]) < options.min_chars:
        groups[-2].extend(groups.pop())
    return groups


def weight(text: str) -> int:
    """Size of a text in French-equivalent characters.

    A Hangul syllable carries about as much as two Latin letters, so Korean
    chunks of the same weight say about as much as French ones.
    """
    return len(text) + sum(1 for ch in text if "\uac00" <= ch <= "\ud7a3")


def _split_long(units: list[Unit], limit: int) -> list[Unit]:
    """A sentence longer than the chunk size is cut at spaces (or anywhere, for text without spaces)."""
    result: list[Unit] = []
    for unit in units:
        text = unit.span.text
        if len(text) <= limit:
            result.append(unit)
            continue
        start = 0
        while start < len(text):
            end = min(len(text), start + limit)
            if end < len(text):
                space = text.rfind(" ", start + limit // 2, end)
                end = space if space > start else end
            piece: Span = unit.span.slice(start, end).strip()
            if piece.text:
                result.append(Unit(piece, unit.section, unit.speaker, unit.hard_break and start == 0))
            start = end
    return result
