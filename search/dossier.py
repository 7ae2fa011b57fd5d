"""One entity's dossier: where it appears, who speaks for it, on what, with which figures.

``build_dossier(engine, "Suwon")`` gathers, for a place, organisation or
person: the events (documents), dates and places (as written, and rendered in Korean and
English through the glossary's names), its speakers and their roles, the
sections, the themes (glossary domains with counts), the key figures with
their French and Korean sources (one figure for both: "165 milliards de won"
= "1,650억 원"), partner entities, and every passage in document order with its
counterpart in the other language.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field

from corpus.language import fold_accents, has_hangul
from search.annotations import Annotations
from search.engine import SearchEngine, SearchOptions
from search.entities import ENTITY_TYPES
from search.key_figures import KeyFigure, key_figures

_NAME_DOMAINS = frozenset({"places", "people", "institutions"})
MAX_NAMED = 12


@dataclass(frozen=True, slots=True)
class Speaker:
    id: str
    name: str
    names: dict
    roles: tuple[str, ...]
    passages: int


@dataclass(frozen=True, slots=True)
class Dossier:
    entity: dict
    events: list[dict] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    sections: list[tuple[str, int]] = field(default_factory=list)
    themes: list[tuple[str, int]] = field(default_factory=list)
    figures: list[KeyFigure] = field(default_factory=list)
    partners: list[dict] = field(default_factory=list)
    named: list[dict] = field(default_factory=list)
    passages: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["sections"] = [{"section": s, "passages": n} for s, n in self.sections]
        data["themes"] = [{"domain": d, "passages": n} for d, n in self.themes]
        for figure, record in zip(self.figures, data["figures"]):
            record["languages"] = list(figure.languages)
        return data


def build_dossier(engine: SearchEngine, name: str) -> Dossier:
    """The dossier of the entity called ``name`` (any of its names, any language).

    Raises:
        UnknownEntityError: no entity has that name.
    """
    annotations = engine.annotations()
    entity = annotations.resolve(name)
    listing = engine.search("", SearchOptions(entity=entity.name, lang="all"))
    passages = [result.to_dict() for result in listing.results]
    ordinals = annotations.passages(entity.id, engine.aligned_ordinals())
    chunks = [engine.chunks[o] for o in ordinals]
    originals = [c for c in chunks if not c.translated] or chunks
    return Dossier(
        entity=entity.to_dict() | {"labels": {lang: entity.label(lang) for lang in ("fr", "ko", "en")}},
        events=_events(engine, originals),
        speakers=_speakers(annotations, entity.id, ordinals),
        sections=Counter(c.section for c in originals if c.section).most_common(),
        themes=_themes(engine, chunks),
        figures=key_figures(engine, annotations, entity.id, ordinals),
        partners=[
            {"entity": other.to_dict(), "evidence": relation.role, "passage": engine.chunks[relation.ordinal].id}
            for other, relation in _unique_partners(annotations.partners(entity.id))
        ],
        named=_also_named(annotations, entity.id, ordinals),
        passages=passages,
    )


def known_entities(engine: SearchEngine) -> list[tuple]:
    """(entity, passages naming it) for every entity of the archive, by type, then most present first."""
    annotations = engine.annotations()
    counts = Counter(key for found in annotations.mentions.values() for key in {m.entity for m in found})
    rank = {kind: i for i, kind in enumerate(ENTITY_TYPES)}
    pairs = [(e, counts.get(e.id, 0)) for e in annotations.entities.values()]
    return sorted(pairs, key=lambda pair: (rank.get(pair[0].type, len(rank)), -pair[1], pair[0].name))


def _events(engine: SearchEngine, chunks) -> list[dict]:
    counts = Counter(c.doc for c in chunks)
    events = []
    for doc, count in counts.items():
        document = engine.data.documents.get(doc)
        meta = document.meta if document else None
        events.append(
            {
                "doc": doc,
                "title": meta.title if meta else doc,
                "event": meta.event if meta else "",
                "date": meta.date if meta else "",
                "place": meta.place if meta else "",
                "place_names": place_names(meta.place if meta else "", engine.glossary),
                "passages": count,
            }
        )
    return sorted(events, key=lambda e: (e["date"], e["doc"]))


def place_names(place: str, glossary) -> dict[str, str]:
    """The event's place in French (as the document states it), Korean and English, part by part.

    Each comma-separated part is looked up among the glossary's names ("Tours" = 투르, "France" = 프랑스);
    a part it does not hold stays as written. Korean writes the larger place first: "프랑스 투르".

    >>> place_names("Tours, France", glossary)["ko"]
    '프랑스 투르'
    """
    if not place:
        return {"fr": "", "ko": "", "en": ""}
    names = _place_lookup(glossary)
    parts = [part.strip() for part in place.split(",") if part.strip()]
    korean = [names.get(_name_key(part), {}).get("ko", part) for part in parts]
    english = [names.get(_name_key(part), {}).get("en", part) for part in parts]
    return {"fr": place, "ko": " ".join(reversed(korean)), "en": ", ".join(english)}


def _place_lookup(glossary) -> dict[str, dict[str, str]]:
    """Folded French or English name → the main Korean (Hangul) and English names of a glossary place or body."""
    lookup: dict[str, dict[str, str]] = {}
    for entry in glossary.entries:
        if entry.domain not in ("places", "institutions"):
            continue
        korean = next((v for v in entry.attested_terms("ko") if has_hangul(v)), "")
        rendering = {"ko": korean} if korean else {}
        rendering |= {"en": entry.en[0]} if entry.en else {}
        for variant in entry.fr + entry.en:
            lookup.setdefault(_name_key(variant), rendering)
    return lookup


def _name_key(name: str) -> str:
    return fold_accents(name).casefold().strip()


def _speakers(annotations: Annotations, key: str, ordinals: list[int]) -> list[Speaker]:
    """People holding a role in the entity, then the speakers of its passages, with their roles."""
    spoken = Counter(m.entity for o in ordinals for m in annotations.mentions.get(o, ()) if m.source == "speaker")
    holders = [r.source for r in annotations.relations if r.kind == "role" and r.target == key]
    people = list(dict.fromkeys(holders + [p for p, _ in spoken.most_common()]))
    if annotations.entities.get(key) and annotations.entities[key].type == "person":
        people = [key] + [p for p in people if p != key]
    speakers = []
    for person in people:
        entity = annotations.entities.get(person)
        if entity is None:
            continue
        roles = tuple(
            dict.fromkeys(
                r.role for r in annotations.roles_of(person) if not r.target or r.target == key or person not in holders
            )
        )
        speakers.append(
            Speaker(
                person,
                entity.name,
                {lang: entity.label(lang) for lang in ("fr", "ko", "en")},
                roles[:6],
                spoken.get(person, 0),
            )
        )
    return speakers


def _themes(engine: SearchEngine, chunks) -> list[tuple[str, int]]:
    counts: Counter = Counter()
    for chunk in chunks:
        counts.update({m.entry.domain for m in engine.glossary.find_in(chunk.text)} - _NAME_DOMAINS)
    # Ties by name: a set's order changes from one run to the next, and two briefings of one archive must not.
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _unique_partners(pairs):
    seen = set()
    for other, relation in pairs:
        if other.id not in seen:
            seen.add(other.id)
            yield other, relation


def _also_named(annotations: Annotations, key: str, ordinals: list[int]) -> list[dict]:
    """Other entities named in the same passages, most often first."""
    counts = Counter(
        m.entity
        for o in ordinals
        for m in {m.entity: m for m in annotations.mentions.get(o, ())}.values()
        if m.entity != key
    )
    return [
        {"entity": annotations.entities[e].to_dict(), "passages": n}
        for e, n in counts.most_common(MAX_NAMED)
        if e in annotations.entities
    ]
