"""Every passage of an entity (a place, an organisation, a person), in document order."""

from __future__ import annotations

from corpus.language import detect_language
from search.annotations import Annotations
from search.options import SearchOptions
from search.pairs import PairIndex
from search.passages import PassageTable
from search.ranking import Ranked
from search.records import SearchResponse
from search.results import ResultBuilder


def entity_listing(annotations: Annotations, table: PassageTable, pairs: PairIndex, results: ResultBuilder,
                   options: SearchOptions) -> SearchResponse:
    """All passages of ``options.entity``: originals with their translation, or those of the filtered language.

    Raises:
        UnknownEntityError: no entity of that name.
    """
    entity = annotations.resolve(options.entity.strip())
    display = table.allowed(options)
    ordinals = [o for o in annotations.passages(entity.id, table.aligned) if display[o]]
    if options.lang == "all":  # each unit once: by its original when both sides are listed
        listed = set(ordinals)
        ordinals = [o for o in ordinals if not _listed_by_original(table, o, listed)]
    listed_results = [
        results.result(rank, Ranked(_pair_of(pairs, o), o, 0.0, True), set(), pairs)
        for rank, o in enumerate(ordinals, start=1)
    ]
    return SearchResponse(
        entity.name,
        detect_language(entity.name, default="fr"),
        "list",
        options.lang,
        listed_results,
        total=len(listed_results),
        filters={"lang": options.lang, "docs": list(options.docs), "entity": entity.name},
    )


def _listed_by_original(table: PassageTable, ordinal: int, listed: set[int]) -> bool:
    """Whether a translated passage's original is listed too (the unit is then listed by its original)."""
    chunks = table.chunks
    return chunks[ordinal].translated and any(
        t in listed and not chunks[t].translated for t in table.aligned.get(ordinal, ())
    )


def _pair_of(pairs: PairIndex, ordinal: int) -> int:
    of_chunk = pairs.of_chunk(ordinal)
    return of_chunk[0] if of_chunk else 0
