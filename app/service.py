"""The operations both API front ends offer (REST and Gradio's named endpoints), over one engine.

Arguments are checked here (``app.validate``) whatever they came through, and the
answers are the CLI's JSON: ``seminar-search search --json`` for a search,
``terms --json`` for a look-up.
"""

from __future__ import annotations

from app import validate
from search.engine import LANG_FILTERS, MAX_K, MODES, SearchOptions

MODE_ALIASES = {"semantic": "dense", "keyword": "lexical"}  # the page's names for the engine's modes
MAX_CONTEXT = 50  # neighbours on each side of a passage


class Service:
    def __init__(self, engine):
        self.engine = engine

    def search(
        self,
        query: object,
        lang: object = "all",
        k: object = 10,
        mode: object = "hybrid",
        docs: object = None,
        speaker: object = "",
        expand: object = True,
        entity: object = "",
        all_matches: object = False,
    ) -> dict:
        return self.search_response(query, lang, k, mode, docs, speaker, expand, entity, all_matches).to_dict()

    def search_response(
        self, query, lang="all", k=10, mode="hybrid", docs=None, speaker="", expand=True, entity="", all_matches=False
    ):
        mode = MODE_ALIASES.get(mode, mode) if isinstance(mode, str) else mode
        options = SearchOptions(
            lang=validate.choice(lang, "language", LANG_FILTERS, default="all"),
            k=validate.integer(k, "number of results", 1, MAX_K),
            mode=validate.choice(mode, "mode", MODES, default="hybrid"),
            docs=validate.strings(docs, "documents"),
            speaker=validate.text(speaker, "speaker"),
            expand=validate.boolean(expand, "expand"),
            entity=validate.text(entity, "entity"),
            all_matches=all_matches is not None and validate.boolean(all_matches, "all_matches"),
        )
        return self.engine.search(validate.text(query, "query"), options)

    def dossier(self, entity: object) -> dict:
        """The JSON of `seminar-search dossier NAME --json`."""
        from search.dossier import build_dossier

        return build_dossier(self.engine, validate.text(entity, "entity", optional=False)).to_dict()

    def terms(self, term: object) -> dict:
        from search.terms import lookup_terms

        return lookup_terms(self.engine, validate.text(term, "term")).to_dict()

    def context(self, chunk_id: object, before: object = 1, after: object = 1) -> list[dict]:
        chunk_id = validate.text(chunk_id, "chunk id", optional=False)
        before = validate.integer(before, "before", 0, MAX_CONTEXT)
        after = validate.integer(after, "after", 0, MAX_CONTEXT)
        return [chunk.to_dict() for chunk in self.engine.context(chunk_id, before=before, after=after)]

    def documents(self) -> list[dict]:
        from app.documents_html import passage_counts

        counts = passage_counts(self.engine)
        return [
            document.meta.to_dict() | {"chunks": counts.get(doc_id, {})}
            for doc_id, document in self.engine.data.documents.items()
        ]
