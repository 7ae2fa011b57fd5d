"""An entity's key figures: those of the passages it presents, one row per value in French and Korean.

A passage is the entity's when it is its speaker's or its section's ("VILLE DE GUNSAN"), or, presented by no
place or body, names it: the French Gunsan section that names "la ville de Goyang" by mistake gives Gunsan its
3 GW, not Goyang. "165 milliards de won" and "1,650억 원" are one figure with two sources.
"""

from __future__ import annotations

from dataclasses import dataclass

from search.annotations import Annotations
from search.engine import SearchEngine
from search.figure_labels import figure_label

# Figures worth a table; dates and times are the events' own, bare numbers say nothing alone.
KEY_FIGURE_KINDS = ("money", "percent", "capacity", "quantity")


@dataclass(frozen=True, slots=True)
class FigureSource:
    """Where a figure is written: passage, language, the figure as written and what it measures."""

    id: str
    doc: str
    lang: str
    section: str
    text: str
    context: str
    translated: bool


@dataclass(frozen=True, slots=True)
class KeyFigure:
    key: str
    kind: str
    value: float
    upper: float | None
    unit: str
    normal: str
    context: str
    sources: tuple[FigureSource, ...]

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted({s.lang for s in self.sources}))


def key_figures(engine: SearchEngine, annotations: Annotations, key: str, ordinals: list[int]) -> list[KeyFigure]:
    """Figures of the passages the entity presents, grouped by value: the French one and its Korean one are one row."""
    grouped: dict[str, list] = {}
    aligned = engine.aligned_ordinals()
    for ordinal in ordinals:
        if not _presents(annotations, key, [ordinal, *aligned.get(ordinal, ())]):
            continue
        for found in annotations.figures.get(ordinal, ()):
            if found.figure.kind in KEY_FIGURE_KINDS and not _heading_count(found.figure, engine.chunks[ordinal]):
                grouped.setdefault(found.figure.key, []).append(found)
    figures = []
    for figure_key, found in grouped.items():
        sources = tuple(dict.fromkeys(_figure_source(engine, annotations, f) for f in found))
        first = next((f.figure for f in found if not engine.chunks[f.ordinal].translated), found[0].figure)
        context = next((s.context for s in sources if not s.translated), sources[0].context)
        figures.append(
            KeyFigure(figure_key, first.kind, first.value, first.upper, first.unit, first.normal, context, sources)
        )
    order = {kind: i for i, kind in enumerate(KEY_FIGURE_KINDS)}
    return sorted(figures, key=lambda f: (order[f.kind], min(engine.chunk(s.id).ordinal for s in f.sources)))


def _figure_source(engine: SearchEngine, annotations: Annotations, found) -> FigureSource:
    chunk = engine.chunks[found.ordinal]
    lang = str(engine.passage_language(chunk))
    text = chunk.section if found.in_section else chunk.text
    others = [f.figure for f in annotations.figures.get(found.ordinal, ()) if f.in_section == found.in_section]
    label = figure_label(text, found.figure, others)
    return FigureSource(chunk.id, chunk.doc, lang, chunk.section, found.figure.text, label, chunk.translated)


def _presenters(annotations: Annotations, ordinal: int) -> tuple[set[str], set[str]]:
    """Who presents a passage: (its section's places and bodies with its speaker's, its speaker).

    A speaker stands for the bodies they hold a role in (a mayor's speech is his city's), as in
    ``Annotations.direct_passages``.
    """
    found = annotations.mentions.get(ordinal, ())
    speakers = {m.entity for m in found if m.source == "speaker"}
    bodies = {r.target for r in annotations.relations if r.kind == "role" and r.source in speakers and r.target}
    return {m.entity for m in found if m.source == "section"} | bodies, speakers


def _presents(annotations: Annotations, key: str, group: list[int]) -> bool:
    """Whether the entity presents a passage (with its counterparts): it is the speaker or the section's, or
    the passage, presented by no place or body, names it.

    A figure of Gunsan's section that names Goyang by mistake is Gunsan's, not Goyang's.
    """
    bodies: set[str] = set()
    for ordinal in group:
        others, speakers = _presenters(annotations, ordinal)
        if key in others or key in speakers:
            return True
        bodies |= others
    return not bodies and any(m.entity == key for o in group for m in annotations.mentions.get(o, ()))


def _heading_count(figure, chunk) -> bool:
    """A count in a heading ("FOCUS SUR 4 COLLECTIVITÉS", "4개 지자체 사례") announces a list: it measures nothing.

    A heading is the passage's section title, or a line of the passage written in capitals.
    """
    if figure.unit != "count":
        return False
    if figure.text.casefold() in (chunk.section or "").casefold():
        return True
    text = chunk.text
    if not 0 <= figure.start < len(text) or text[figure.start : figure.end] != figure.text:
        return False
    line = text[text.rfind("\n", 0, figure.start) + 1 : (text.find("\n", figure.end) + 1 or len(text) + 1) - 1]
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)
