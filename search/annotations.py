"""Entities, their links and the figures of every passage, computed once per index.

``Annotations.build`` reads the chunks (text, speaker, section) with the
glossary; ``to_json``/``from_json`` store it beside the index
(``annotations.json``), versioned by ``ANNOTATIONS_VERSION`` and by the
glossary it was built with, so an edited glossary is taken into account.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass

from corpus.chunk import Chunk, content_hash
from corpus.errors import UnknownEntityError
from corpus.figures import Figure, extract_figures
from search.entities import ENTITY_TYPES, Entity, Gazetteer, Mention, entity_id, recognise, title_case
from search.entity_links import Relation, partner_relations, role_relations

# Bump when recognition, linking or figure extraction change what is stored.
ANNOTATIONS_VERSION = "2"


@dataclass(frozen=True, slots=True)
class PassageFigure:
    """A figure of a passage; ``in_section`` when it was read in the passage's section title."""

    ordinal: int
    figure: Figure
    in_section: bool = False


def annotate_chunks(chunks: list[Chunk]) -> dict:
    """What an index build stores as ``annotations.json`` (``build_index(..., annotate=annotate_chunks)``)."""
    from search.glossary import Glossary

    return Annotations.build(chunks, Glossary.load()).to_json()


def load_annotations(stored: dict | None, chunks: list[Chunk], glossary) -> "Annotations":
    """The stored annotations when they are of this version and this glossary, else built from the chunks."""
    if (
        stored
        and stored.get("version") == ANNOTATIONS_VERSION
        and stored.get("glossary") == glossary_fingerprint(glossary)
    ):
        try:
            return Annotations.from_json(stored)
        except (KeyError, TypeError, ValueError):
            pass  # an older or hand-edited file: recompute rather than fail the search
    return Annotations.build(chunks, glossary)


def glossary_fingerprint(glossary) -> str:
    """Hash of the glossary's entries: stored annotations are stale when it changes."""
    return content_hash(json.dumps([entry.to_dict() for entry in glossary.entries], ensure_ascii=False))


class Annotations:
    """Entities, mentions by passage ordinal, relations, and figures by passage ordinal."""

    def __init__(
        self,
        entities: dict[str, Entity],
        mentions: dict[int, list[Mention]],
        relations: list[Relation],
        figures: dict[int, list[PassageFigure]],
        fingerprint: str = "",
    ):
        self.entities, self.mentions, self.relations, self.figures = entities, mentions, relations, figures
        self.fingerprint = fingerprint
        self._gazetteer = Gazetteer()
        for entity in entities.values():
            self._gazetteer.add(entity)

    # -- building -----------------------------------------------------------

    @classmethod
    def build(cls, chunks: list[Chunk], glossary) -> "Annotations":
        from index.analysis import korean_tokens_batch

        gazetteer = Gazetteer.from_glossary(glossary)
        korean = [c for c in chunks if c.lang in ("ko", "mixed")]
        tokens = dict(zip((c.ordinal for c in korean), korean_tokens_batch([c.text for c in korean])))
        mentions: dict[int, list[Mention]] = {}
        relations: list[Relation] = []
        for chunk in chunks:
            found = recognise(chunk.text, gazetteer, kiwi_tokens=tokens.get(chunk.ordinal))
            relations += role_relations(chunk.text, chunk.ordinal, found, gazetteer)
            mentions[chunk.ordinal] = found + _speaker_mentions(chunk, gazetteer) + _section_mentions(chunk, gazetteer)
        roles = _speaker_cities(relations, gazetteer)
        for chunk in chunks:
            own = roles.get(_speaker_of(mentions[chunk.ordinal]), "")
            relations += partner_relations(chunk.text, chunk.ordinal, mentions[chunk.ordinal], gazetteer, own)
        used = {m.entity for found in mentions.values() for m in found} | {r.target for r in relations if r.target}
        entities = {key: entity for key, entity in gazetteer.entities.items() if key in used}
        return cls(entities, mentions, _unique(relations), _figures(chunks), glossary_fingerprint(glossary))

    # -- persistence --------------------------------------------------------

    def to_json(self) -> dict:
        return {
            "version": ANNOTATIONS_VERSION,
            "glossary": self.fingerprint,
            "entities": [entity.to_dict() for entity in self.entities.values()],
            "mentions": {
                str(o): [[m.entity, m.text, m.start, m.end, m.source] for m in found]
                for o, found in self.mentions.items()
            },
            "relations": [relation.to_dict() for relation in self.relations],
            "figures": {
                str(o): [[f.figure.to_dict(), f.in_section] for f in found]
                for o, found in self.figures.items()
                if found
            },
        }

    @classmethod
    def from_json(cls, data: dict) -> "Annotations":
        return cls(
            {e["id"]: Entity.from_dict(e) for e in data["entities"]},
            {int(o): [Mention(*m) for m in found] for o, found in data["mentions"].items()},
            [Relation.from_dict(r) for r in data["relations"]],
            {
                int(o): [PassageFigure(int(o), Figure.from_dict(f), bool(s)) for f, s in found]
                for o, found in data["figures"].items()
            },
            data.get("glossary", ""),
        )

    def is_current(self, glossary) -> bool:
        return self.fingerprint == glossary_fingerprint(glossary)

    # -- queries ------------------------------------------------------------

    def resolve(self, name: str) -> Entity:
        """The entity named ``name`` (any language, case, accents).

        Raises:
            UnknownEntityError: no entity has that name (the message suggests near ones).
        """
        entity = self._gazetteer.resolve(name)
        if entity is None:
            raise UnknownEntityError(name, self.near_names(name))
        return entity

    def near_names(self, name: str, limit: int = 5) -> list[str]:
        """Canonical names of the entities with a name (any variant) close to ``name``, closest first."""
        from rapidfuzz import fuzz, process, utils

        variants: dict[str, str] = {}
        for entity in self.entities.values():
            for variant in {entity.name, *(v for _, v in entity.names)}:
                variants.setdefault(variant, entity.name)
        # 75 on the 0–100 edit-distance ratio: "Suwn", "Gunsn", "Goyan" are found, "Nowhere" finds nothing.
        found = process.extract(
            name, list(variants), scorer=fuzz.ratio, processor=utils.default_process, score_cutoff=75, limit=limit * 3
        )
        return list(dict.fromkeys(variants[match] for match, _, _ in found))[:limit]

    def direct_passages(self, key: str) -> set[int]:
        """Passages that name the entity, or whose speaker holds a role in it (a mayor's speech is his city's)."""
        direct = {o for o, found in self.mentions.items() if any(m.entity == key for m in found)}
        people = {r.source for r in self.relations if r.kind == "role" and r.target == key}
        spoken = {
            o for o, found in self.mentions.items() if any(m.source == "speaker" and m.entity in people for m in found)
        }
        return direct | spoken

    def passages(self, key: str, aligned: dict[int, list[int]]) -> list[int]:
        """``direct_passages`` and their aligned counterparts, by ordinal (document order)."""
        direct = self.direct_passages(key)
        return sorted(direct | {t for o in direct for t in aligned.get(o, ())})

    def facets(self, ordinals, limit: int = 10) -> dict[str, list[tuple[Entity, int]]]:
        """For each entity type, the entities named in ``ordinals`` with their passage counts, most frequent first."""
        counts: Counter = Counter()
        for ordinal in ordinals:
            counts.update({m.entity for m in self.mentions.get(ordinal, ())})
        facets: dict[str, list[tuple[Entity, int]]] = {kind: [] for kind in ENTITY_TYPES}
        for key, count in sorted(counts.items(), key=lambda item: (-item[1], self.entities[item[0]].name)):
            entity = self.entities[key]
            if len(facets[entity.type]) < limit:
                facets[entity.type].append((entity, count))
        return facets

    def roles_of(self, person: str) -> list[Relation]:
        return [r for r in self.relations if r.kind == "role" and r.source == person]

    def partners(self, key: str) -> list[tuple[Entity, Relation]]:
        found = []
        for relation in self.relations:
            if relation.kind == "partner" and key in (relation.source, relation.target):
                other = relation.target if relation.source == key else relation.source
                if other in self.entities:
                    found.append((self.entities[other], relation))
        return found


def _speaker_mentions(chunk: Chunk, gazetteer: Gazetteer) -> list[Mention]:
    """The chunk's speaker as a person: known by name or romanised form, else a new person."""
    speaker = chunk.speaker.strip()
    if not speaker or speaker in ("-", "—"):
        return []
    people = [m for m in recognise(speaker, gazetteer) if gazetteer.entities[m.entity].type == "person"]
    if people:
        return [Mention(people[0].entity, speaker, -1, -1, "speaker")]
    roman = re.search(r"\(([^)]+)\)", speaker)
    name = title_case(roman.group(1) if roman else speaker)
    entity = gazetteer.add(
        Entity(
            entity_id("person", name),
            "person",
            name,
            (("fr", name),) + ((("ko", speaker.split("(")[0].strip()),) if roman else ()),
        )
    )
    return [Mention(entity.id, speaker, -1, -1, "speaker")]


def _section_mentions(chunk: Chunk, gazetteer: Gazetteer) -> list[Mention]:
    """Places and organisations of the section title ("VILLE DE SEOGU À INCHEON › Clean Seogu")."""
    found = recognise(chunk.section, gazetteer) if chunk.section else []
    kept = {m.entity: m for m in found if gazetteer.entities[m.entity].type != "person"}
    return [Mention(key, m.text, -1, -1, "section") for key, m in kept.items()]


def _speaker_of(mentions: list[Mention]) -> str:
    return next((m.entity for m in mentions if m.source == "speaker"), "")


def _speaker_cities(relations: list[Relation], gazetteer: Gazetteer) -> dict[str, str]:
    """Each person's first city by role (Moowon Kang → Changwon), for sentences that say "la ville"."""
    cities: dict[str, str] = {}
    for relation in relations:
        target = gazetteer.entities.get(relation.target)
        if relation.kind == "role" and target is not None and target.type == "place":
            cities.setdefault(relation.source, relation.target)
    return cities


def _unique(relations: list[Relation]) -> list[Relation]:
    seen, kept = set(), []
    for relation in relations:
        key = (relation.kind, relation.source, relation.target, relation.role)
        if key not in seen:
            seen.add(key)
            kept.append(relation)
    return kept


def _figures(chunks: list[Chunk]) -> dict[int, list[PassageFigure]]:
    """Figures of each passage; a section title's figures are given to its first passage only."""
    figures: dict[int, list[PassageFigure]] = {}
    seen_sections: set[tuple[str, str]] = set()
    for chunk in chunks:
        lang = "ko" if chunk.lang in ("ko", "mixed") else chunk.lang
        found = [PassageFigure(chunk.ordinal, f) for f in extract_figures(chunk.text, lang)]
        if chunk.section and (chunk.doc, chunk.section) not in seen_sections:
            seen_sections.add((chunk.doc, chunk.section))
            found = [PassageFigure(chunk.ordinal, f, True) for f in extract_figures(chunk.section, lang)] + found
        figures[chunk.ordinal] = found
    return figures
