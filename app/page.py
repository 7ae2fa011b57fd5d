"""The functions behind the page's events (``ui.py`` lays the page out and wires them).

One instance per app, shared by every visitor; nothing here keeps per-visitor
state. Domain errors are turned into ``gr.Error`` in one place, ``shows_errors``.
"""

from __future__ import annotations

import functools
import hashlib
import re
import threading
import time
from concurrent.futures import Future
from pathlib import Path

import gradio as gr

from app.documents_html import reader_html, section_choices
from app.html import message_html
from app.results_html import results_html, summary_html
from app.scratch import scratch_folder
from app.service import Service
from app.terms_html import terms_html
from app.text import UI_LANGUAGES, t
from corpus.errors import SeminarSearchError

DEFAULT_UI_LANGUAGE = "fr"  # until the browser says otherwise (Accept-Language, on page load)
EXPORT_MAX_AGE_S = 3600
EXPORT_FORMATS = ("csv", "xlsx", "json", "md")  # the page's download buttons, in order (app.export writes them)
GLOSSARY_FORMATS = ("csv", "xlsx", "tbx")  # the Terminology tab's download buttons, in order
GLOSSARY_TIMEOUT_S = 300


def shows_errors(function):
    """A domain error becomes the one-line ``gr.Error`` the page (or a gradio_client caller) sees."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except SeminarSearchError as error:
            raise gr.Error(str(error), print_exception=False) from None

    return wrapper


class PageResources:
    """What the pages of one server share: an export folder (removed at exit) and the glossary files.

    The glossary export (a concordance line per term) takes seconds: it is built in
    the background when the first page opens; API-only use never pays for it.
    """

    def __init__(self, engine):
        self.engine = engine
        self.folder = scratch_folder()  # removed when the server stops; a killed server's is swept by the next
        self.glossary_files: Future = Future()
        self._started = threading.Lock()

    def start_glossary_export(self) -> Future:
        if self._started.acquire(blocking=False):
            threading.Thread(target=self._export_glossary, name="seminar-search-glossary", daemon=True).start()
        return self.glossary_files

    def _export_glossary(self) -> None:
        try:
            from search.terms import export_glossary_bytes, glossary_rows

            rows = glossary_rows(self.engine)  # the concordance takes seconds: found once for every format
            files = {}
            for fmt in GLOSSARY_FORMATS:
                path = self.folder / f"seminar-search-glossary.{fmt}"
                path.write_bytes(export_glossary_bytes(self.engine, fmt, rows))
                files[fmt] = str(path)
            self.glossary_files.set_result(files)
        except Exception as error:  # noqa: BLE001 - shown as disabled buttons, never raised in a thread
            self.glossary_files.set_exception(error)

    def export(self, response, ui: str = "en") -> dict[str, str]:
        """The export files of a response, named after the query, the briefing in language ``ui``; old ones swept."""
        from app.export import write_export

        folder = self.folder / "exports"
        _sweep(folder, EXPORT_MAX_AGE_S)
        digest = hashlib.sha256(repr((ui, response.to_dict())).encode()).hexdigest()[:8]  # one file per language
        stem = f"seminar-search-{_slug(response.query)}-{digest}"
        documents = self.engine.data.documents
        return {fmt: str(write_export(response, fmt, folder, stem, documents, ui)) for fmt in EXPORT_FORMATS}


class PageCallbacks:
    def __init__(self, engine):
        self.engine = engine
        self.service = Service(engine)
        self.resources = PageResources(engine)

    @shows_errors
    def search_page(self, query, lang, docs, speaker, mode, k, ui, all_matches=False, entity=None):
        """Page outputs: summary, cards, three downloads, response state, entity facets.

        An empty query with an entity lists all the entity's passages, in document order.
        """
        entity = entity.strip() if isinstance(entity, str) else ""
        if (not isinstance(query, str) or not query.strip()) and not entity:
            return message_html(t(ui, "empty_query")), "", *_no_downloads(), None, ""
        response = self.service.search_response(query or "", lang, k, mode, docs, speaker, entity=entity,
                                                all_matches=bool(all_matches))
        files = self.resources.export(response, ui)
        downloads = [gr.update(value=files[fmt], interactive=True) for fmt in EXPORT_FORMATS]
        return (summary_html(response, ui), results_html(response, self.engine, ui), *downloads, response,
                self.facets(response, ui))

    def unfilter(self, action, query, lang, docs, speaker, mode, k, ui, all_matches=False, entity=None):
        """A click on an active filter's chip (``app.results_html``): that filter cleared, the search run again.

        Returns the filter controls (language, documents, speaker, entity), then ``search_page``'s outputs.
        """
        if not action or action.get("action") != "unfilter":
            # the four controls, then summary, cards, downloads, response, facets
            return (gr.skip(),) * (4 + 4 + len(EXPORT_FORMATS))
        clears = action.get("value") or ""
        lang = "all" if clears == "lang" else lang
        docs = [doc for doc in docs or [] if clears != f"doc:{doc}"]
        speaker = "" if clears == "speaker" else speaker
        entity = "" if clears == "entity" else entity
        return (lang, docs, speaker, entity,
                *self.search_page(query, lang, docs, speaker, mode, k, ui, all_matches, entity))

    def facets(self, response, ui):
        """Entity facets of a response's passages (and their counterparts), with counts."""
        from app.dossier_html import facets_html

        if response is None:
            return ""
        ordinals = [self.engine.chunk(r.id).ordinal for r in response.results if self.engine.chunk(r.id)]
        aligned = self.engine.aligned_ordinals()
        ordinals += [o for ordinal in list(ordinals) for o in aligned.get(ordinal, ())]
        return facets_html(self.engine.annotations(), sorted(set(ordinals)), ui, response.filters.get("entity", ""))

    def rerender_search(self, response, ui):
        if response is None:
            return gr.skip(), gr.skip()
        return summary_html(response, ui), results_html(response, self.engine, ui)

    @shows_errors
    def terms_page(self, term, ui):
        from search.terms import lookup_terms

        if not isinstance(term, str) or not term.strip():
            return message_html(t(ui, "empty_term")), None
        lookup = lookup_terms(self.engine, term)
        return terms_html(lookup, ui), lookup

    def glossary_downloads(self, ui):
        try:
            files = self.resources.start_glossary_export().result(timeout=GLOSSARY_TIMEOUT_S)
        except Exception:  # noqa: BLE001 - the buttons stay disabled, the rest of the page works
            return tuple(gr.update(interactive=False) for _fmt in GLOSSARY_FORMATS)
        return tuple(gr.update(value=files[fmt], label=t(ui, f"glossary_{fmt}"), interactive=True)
                     for fmt in GLOSSARY_FORMATS)

    def reader_page(self, doc_id, focus, ui):
        """Reader HTML, section menu and reader state for ``doc_id`` with ``focus`` highlighted."""
        if doc_id not in self.engine.data.documents:
            doc_id = self.engine.document_ids[0]
        sections = section_choices(self.engine, doc_id, ui)
        focused = self.engine.chunk(focus) if focus else None
        section_value = next((first for _, first in sections
                              if focused and self.engine.chunk(first).section == focused.section), None)
        return (gr.update(value=doc_id), gr.update(choices=sections, value=section_value),
                reader_html(self.engine, doc_id, ui, focus), {"doc": doc_id, "focus": focus})

    def open_passage(self, action, ui):
        """A click on "open in reader": the Documents tab, at the passage's row."""
        if not action or action.get("action") != "open" or self.engine.chunk(action.get("value") or "") is None:
            return (gr.skip(),) * 5
        chunk = self.engine.chunk(action["value"])
        return (gr.Tabs(selected="docs"), *self.reader_page(chunk.doc, chunk.id, ui))

    def rerender_reader(self, state, ui):
        state = state or {}
        return self.reader_page(state.get("doc"), state.get("focus"), ui)

    def browser_language(self, request: gr.Request):
        """The first of fr/ko/en in the browser's Accept-Language, else French."""
        header = (request.headers.get("accept-language", "") if request else "") or ""
        for part in header.split(","):
            code = part.split(";")[0].strip().lower()[:2]
            if code in UI_LANGUAGES:
                return code
        return DEFAULT_UI_LANGUAGE


def clicked(event: gr.SelectData) -> dict:
    """What the clicked [data-action] element said (``app.html.ACTION_JS`` sends it as a select event)."""
    return {"action": event.index, "value": event.value}


def _no_downloads():
    return [gr.update(value=None, interactive=False)] * len(EXPORT_FORMATS)


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-")[:40] or "results"


def _sweep(folder: Path, max_age_s: float) -> None:
    """Remove export files older than ``max_age_s``: each search writes three."""
    if not folder.exists():
        return
    cutoff = time.time() - max_age_s
    for path in folder.iterdir():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            pass  # another visitor's sweep removed it first
