"""Web interface of seminar-search (Gradio): search, terminology, documents.

    seminar-search serve            # or: python ui.py --port 7860

The engine is loaded once and shared read-only by every visitor; ``search``
keeps no state between calls, so the queue can run several events at once.
Everything that comes from documents or queries is escaped in ``app.html``.

Named API endpoints (``gradio_client.Client(url).predict(..., api_name=...)``):
``/search`` (the CLI's JSON), ``/terms``, ``/context``, ``/documents``.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
import tempfile
import threading
import time
import weakref
from concurrent.futures import Future
from html import escape
from pathlib import Path


def _offline_environment() -> None:
    """Must run before gradio is imported: it phones home at import and launch otherwise."""
    for name, value in (("GRADIO_ANALYTICS_ENABLED", "False"), ("HF_HUB_OFFLINE", "1"), ("HF_HUB_DISABLE_TELEMETRY", "1"),
                        ("TRANSFORMERS_OFFLINE", "1"), ("TOKENIZERS_PARALLELISM", "false")):
        os.environ.setdefault(name, value)
    # With a proxy set, launch()'s self-check of the local URL would go through the proxy and fail.
    if any(os.environ.get(v) for v in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")):
        for name in ("NO_PROXY", "no_proxy"):
            present = [h for h in os.environ.get(name, "").split(",") if h]
            os.environ[name] = ",".join(dict.fromkeys(present + ["127.0.0.1", "localhost"]))


_offline_environment()

import gradio as gr  # noqa: E402  (after the environment above)

from corpus.errors import InvalidOptionError, InvalidQueryError, SeminarSearchError  # noqa: E402
from app import html as render  # noqa: E402
from search.engine import SearchOptions  # noqa: E402
from app.export import write_export  # noqa: E402
from app.html import t  # noqa: E402

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860
DEFAULT_UI_LANGUAGE = "fr"  # until the browser says otherwise (Accept-Language, on page load)
CONCURRENCY_LIMIT = 8  # Gradio runs one event of a kind at a time by default; a search takes ~50 ms of CPU
EXAMPLE_QUERIES = ("hydrogène", "재활용", "탄소중립", "urban farming", "gestion des déchets")
EXAMPLE_TERMS = ("수소", "recyclage", "neutralité carbone", "urban farming", "미세먼지")
MODE_ALIASES = {"semantic": "dense", "keyword": "lexical"}  # the page's names for the engine's modes
EXPORT_MAX_AGE_S = 3600
SCROLL_TO_HIT_JS = """() => { setTimeout(() => {
  const hit = document.querySelector('#reader .ss-hit');
  if (hit) hit.scrollIntoView({block: 'center', behavior: 'smooth'});
}, 400); }"""

_shared_resources: "weakref.WeakKeyDictionary[object, _Resources]" = weakref.WeakKeyDictionary()


class _Resources:
    """What one engine's pages share: a warmed-up engine, an export folder, the glossary files.

    The glossary export (with a concordance line per term) takes seconds, so it
    is built in the background when the first page opens, and the download
    buttons are enabled when it is ready; API-only use never pays for it.
    """

    def __init__(self, engine):
        self._engine = weakref.ref(engine)  # the cache is keyed weakly by the engine: do not keep it alive
        self.folder = Path(tempfile.mkdtemp(prefix="seminar-search-"))
        self.glossary_files: Future = Future()
        self._started = threading.Lock()
        engine.search("hydrogène")  # loads Kiwi and the encoder once, not during a visitor's first query

    def start_glossary_export(self) -> Future:
        if self._started.acquire(blocking=False):
            threading.Thread(target=self._export_glossary, name="seminar-search-glossary", daemon=True).start()
        return self.glossary_files

    def _export_glossary(self) -> None:
        try:
            from search.terms import export_glossary

            files = {}
            for fmt in ("csv", "tbx"):
                path = self.folder / f"seminar-search-glossary.{fmt}"
                path.write_text(export_glossary(self._engine(), fmt), encoding="utf-8-sig" if fmt == "csv" else "utf-8")
                files[fmt] = str(path)
            self.glossary_files.set_result(files)
        except Exception as error:  # noqa: BLE001 - shown as disabled buttons, never raised in a thread
            self.glossary_files.set_exception(error)


def _resources(engine) -> _Resources:
    if engine not in _shared_resources:
        _shared_resources[engine] = _Resources(engine)
    return _shared_resources[engine]


# -- callbacks ---------------------------------------------------------------


class _Callbacks:
    """The functions behind the page's events; one instance per app, shared by all visitors."""

    def __init__(self, engine):
        self.engine = engine
        self.resources = _resources(engine)

    # search

    def search_api(self, query: str, lang: str = "all", k: int = 10, mode: str = "hybrid", docs: list[str] | None = None,
                   speaker: str = "", expand: bool = True) -> dict:
        """Search the archive; returns the CLI's JSON (``seminar-search search --json``), or {"error": …}."""
        try:
            return self._search(query, lang, docs, speaker, mode, k, expand).to_dict()
        except SeminarSearchError as error:
            return {"query": query, "error": str(error), "results": [], "expansions": [], "notices": []}

    def _search(self, query, lang, docs, speaker, mode, k, expand=True):
        try:
            k = int(k)
        except (TypeError, ValueError):
            raise InvalidOptionError("number of results", k, ["1 to 100"]) from None
        options = SearchOptions(lang=lang or "all", k=k, mode=MODE_ALIASES.get(mode, mode or "hybrid"),
                                docs=tuple(docs or ()), speaker=speaker or "", expand=bool(expand))
        return self.engine.search(query or "", options)

    def search_page(self, query, lang, docs, speaker, mode, k, ui):
        """Page outputs: summary, cards, three downloads, raw JSON, response state."""
        try:
            response = self._search(query, lang, docs, speaker, mode, k)
        except InvalidQueryError:
            return self._search_message(t(ui, "empty_query"), query)
        except SeminarSearchError as error:
            return self._search_message(t(ui, "problem", error=str(error)), query, error=True)
        files = self._export(response)
        downloads = [gr.update(value=files[fmt], interactive=True) for fmt in ("csv", "json", "md")]
        return (render.summary_html(response, ui), render.results_html(response, self.engine, ui), *downloads,
                response.to_dict(), response)

    def _search_message(self, message, query, error=False):
        downloads = [gr.update(value=None, interactive=False)] * 3
        payload = {"query": query or "", "error": message, "results": []}
        return render.message_html(message, error=error), "", *downloads, payload, None

    def rerender_search(self, response, ui):
        if response is None:
            return gr.skip(), gr.skip()
        return render.summary_html(response, ui), render.results_html(response, self.engine, ui)

    def _export(self, response) -> dict[str, str]:
        """The three export files of a response, named after the query; old ones are swept."""
        folder = self.resources.folder / "exports"
        _sweep(folder, EXPORT_MAX_AGE_S)
        digest = hashlib.sha256(repr(response.to_dict()).encode()).hexdigest()[:8]
        stem = f"seminar-search-{_slug(response.query)}-{digest}"
        return {fmt: str(write_export(response, fmt, folder, stem, self.engine.data.documents)) for fmt in ("csv", "json", "md")}

    # terminology

    def terms_api(self, term: str) -> dict:
        """Glossary entries and concordance for ``term`` (``lookup_terms(...).to_dict()``), or {"error": …}."""
        from search.terms import lookup_terms

        try:
            return lookup_terms(self.engine, term).to_dict()
        except SeminarSearchError as error:
            return {"query": term, "error": str(error), "entries": [], "suggestions": []}

    def terms_page(self, term, ui):
        from search.terms import lookup_terms

        try:
            lookup = lookup_terms(self.engine, term or "")
        except InvalidQueryError:
            return render.message_html(t(ui, "empty_term")), None
        except SeminarSearchError as error:
            return render.message_html(t(ui, "term_problem", error=str(error)), error=True), None
        return render.terms_html(lookup, ui), lookup

    def glossary_downloads(self, ui):
        try:
            files = self.resources.start_glossary_export().result(timeout=300)
        except Exception:  # noqa: BLE001 - the buttons stay disabled, the rest of the page works
            return gr.update(interactive=False), gr.update(interactive=False)
        return (gr.update(value=files["csv"], label=t(ui, "glossary_csv"), interactive=True),
                gr.update(value=files["tbx"], label=t(ui, "glossary_tbx"), interactive=True))

    # documents

    def documents_api(self) -> list[dict]:
        """Indexed documents: metadata and passage counts per language."""
        counts = render.passage_counts(self.engine)
        return [document.meta.to_dict() | {"chunks": counts.get(doc_id, {})} for doc_id, document in self.engine.data.documents.items()]

    def context_api(self, chunk_id: str, before: int = 1, after: int = 1) -> list[dict]:
        """A passage and its neighbours in the same document, in order, or [{"error": …}]."""
        try:
            return [chunk.to_dict() for chunk in self.engine.context(chunk_id, before=int(before), after=int(after))]
        except SeminarSearchError as error:
            return [{"error": str(error)}]

    def reader_page(self, doc_id, focus, ui):
        """Reader HTML, section menu and reader state for ``doc_id`` with ``focus`` highlighted."""
        if doc_id not in self.engine.data.documents:
            doc_id = self.engine.document_ids[0]
        sections = render.section_choices(self.engine, doc_id, ui)
        focused = self.engine.chunk(focus) if focus else None
        section_value = next((first for _, first in sections if focused and self.engine.chunk(first).section == focused.section), None)
        return (gr.update(value=doc_id), gr.update(choices=sections, value=section_value),
                render.reader_html(self.engine, doc_id, ui, focus), {"doc": doc_id, "focus": focus})

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
            if code in render.UI_LANGUAGES:
                return code
        return DEFAULT_UI_LANGUAGE


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


# -- layout ------------------------------------------------------------------


class _Widgets:
    """The page's components by name, so that relabelling and wiring read plainly."""


def _html(elem_id: str, value: str = "", *, clickable: bool = False) -> gr.HTML:
    # gr.HTML's default script turns any click into an event: only the clickable panels keep one.
    return gr.HTML(value, elem_id=elem_id, css_template=render.CSS, js_on_load=render.ACTION_JS if clickable else None)


def _header_html(ui: str) -> str:
    return (f'<div class="ss-header"><div style="font-size:1.7em;font-weight:700;line-height:1.2">{escape(t(ui, "app_title"))}</div>'
            f'<div style="margin:.3em 0 0;opacity:.8">{escape(t(ui, "app_subtitle"))}</div></div>')


def _speaker_choices(engine) -> list[str]:
    speakers = sorted({c.speaker for c in engine.chunks if c.speaker})
    sections = sorted({c.section for c in engine.chunks if c.section} - set(speakers))
    return speakers + sections


def _search_tab(w: _Widgets, engine) -> None:
    ui = DEFAULT_UI_LANGUAGE
    with gr.Row(equal_height=True):
        w.query = gr.Textbox(label=t(ui, "query_label"), placeholder=t(ui, "query_placeholder"), elem_id="query",
                             scale=5, max_lines=1, autofocus=True)
        w.search_button = gr.Button(t(ui, "search_button"), variant="primary", elem_id="search-button", scale=1)
    with gr.Row(equal_height=True):
        w.examples_label = gr.Markdown(t(ui, "examples"), elem_id="examples-label")
        w.example_buttons = [gr.Button(example, size="sm", elem_id=f"example-{n}", min_width=80)
                             for n, example in enumerate(EXAMPLE_QUERIES)]
    with gr.Accordion(t(ui, "filters"), open=True, elem_id="filters") as w.filters:
        with gr.Row():
            w.lang = gr.Radio(_lang_choices(ui), value="all", label=t(ui, "lang_filter"), elem_id="lang-filter")
            w.mode = gr.Radio(_mode_choices(ui), value="hybrid", label=t(ui, "mode_label"), elem_id="mode")
            w.k = gr.Slider(1, 50, value=10, step=1, label=t(ui, "k_label"), elem_id="k")
        with gr.Row():
            w.docs = gr.Dropdown([(d.meta.title or i, i) for i, d in engine.data.documents.items()], value=[], multiselect=True,
                                 label=t(ui, "doc_filter"), info=t(ui, "doc_filter_info"), elem_id="doc-filter")
            w.speaker = gr.Dropdown(_speaker_choices(engine), value=None, allow_custom_value=True, label=t(ui, "speaker_filter"),
                                    info=t(ui, "speaker_info"), elem_id="speaker-filter")
    w.summary = _html("summary")
    with gr.Row(equal_height=True):
        w.export_label = gr.Markdown(t(ui, "export_title"), elem_id="export-label")
        w.download_csv = gr.DownloadButton(t(ui, "download_csv"), interactive=False, size="sm", elem_id="download-csv")
        w.download_json = gr.DownloadButton(t(ui, "download_json"), interactive=False, size="sm", elem_id="download-json")
        w.download_md = gr.DownloadButton(t(ui, "download_md"), interactive=False, size="sm", elem_id="download-md")
    w.results = _html("results", clickable=True)
    with gr.Accordion(t(ui, "raw_json"), open=False, elem_id="raw-json-box") as w.raw_json_box:
        w.raw_json = gr.JSON(elem_id="raw-json", show_label=False)


def _terms_tab(w: _Widgets) -> None:
    ui = DEFAULT_UI_LANGUAGE
    with gr.Row(equal_height=True):
        w.term = gr.Textbox(label=t(ui, "term_label"), placeholder=t(ui, "term_placeholder"), elem_id="term-query", scale=5, max_lines=1)
        w.term_button = gr.Button(t(ui, "term_button"), variant="primary", elem_id="term-button", scale=1)
    with gr.Row(equal_height=True):
        w.term_examples_label = gr.Markdown(t(ui, "examples"))
        w.term_example_buttons = [gr.Button(example, size="sm", elem_id=f"term-example-{n}", min_width=80)
                                  for n, example in enumerate(EXAMPLE_TERMS)]
    with gr.Row(equal_height=True):
        w.glossary_label = gr.Markdown(t(ui, "glossary_download"))
        w.glossary_csv = gr.DownloadButton(t(ui, "glossary_preparing"), interactive=False, size="sm", elem_id="glossary-csv")
        w.glossary_tbx = gr.DownloadButton(t(ui, "glossary_preparing"), interactive=False, size="sm", elem_id="glossary-tbx")
    w.terms = _html("terms", clickable=True)


def _docs_tab(w: _Widgets, engine) -> None:
    ui = DEFAULT_UI_LANGUAGE
    first = engine.document_ids[0]
    w.docs_title = gr.Markdown(f"### {t(ui, 'doc_list')}")
    w.documents = _html("documents", render.documents_html(engine, ui))
    w.reader_title = gr.Markdown(f"### {t(ui, 'reader_title')}")
    with gr.Row():
        w.reader_doc = gr.Dropdown([(d.meta.title or i, i) for i, d in engine.data.documents.items()], value=first,
                                   label=t(ui, "reader_doc"), elem_id="reader-doc")
        w.reader_section = gr.Dropdown(render.section_choices(engine, first, ui), value=None, label=t(ui, "reader_section"),
                                       elem_id="reader-section")
    w.reader = _html("reader", render.reader_html(engine, first, ui))


def _lang_choices(ui: str) -> list[tuple[str, str]]:
    return [(t(ui, "lang_all"), "all"), (t(ui, "lang_fr"), "fr"), (t(ui, "lang_ko"), "ko")]


def _mode_choices(ui: str) -> list[tuple[str, str]]:
    return [(t(ui, "mode_hybrid"), "hybrid"), (t(ui, "mode_dense"), "dense"), (t(ui, "mode_lexical"), "lexical")]


def _relabel(w: _Widgets, ui: str, glossary_ready: bool = False) -> dict:
    """Every label of the page in interface language ``ui``."""
    updates = {
        w.header: _header_html(ui), w.ui: gr.update(label=t(ui, "ui_language")),
        w.tab_search: gr.update(label=t(ui, "tab_search")), w.tab_terms: gr.update(label=t(ui, "tab_terms")),
        w.tab_docs: gr.update(label=t(ui, "tab_docs")),
        w.query: gr.update(label=t(ui, "query_label"), placeholder=t(ui, "query_placeholder")),
        w.search_button: gr.update(value=t(ui, "search_button")), w.examples_label: t(ui, "examples"),
        w.filters: gr.update(label=t(ui, "filters")),
        w.lang: gr.update(label=t(ui, "lang_filter"), choices=_lang_choices(ui)),
        w.mode: gr.update(label=t(ui, "mode_label"), choices=_mode_choices(ui)),
        w.k: gr.update(label=t(ui, "k_label")),
        w.docs: gr.update(label=t(ui, "doc_filter"), info=t(ui, "doc_filter_info")),
        w.speaker: gr.update(label=t(ui, "speaker_filter"), info=t(ui, "speaker_info")),
        w.export_label: t(ui, "export_title"), w.download_csv: gr.update(label=t(ui, "download_csv")),
        w.download_json: gr.update(label=t(ui, "download_json")), w.download_md: gr.update(label=t(ui, "download_md")),
        w.raw_json_box: gr.update(label=t(ui, "raw_json")),
        w.term: gr.update(label=t(ui, "term_label"), placeholder=t(ui, "term_placeholder")),
        w.term_button: gr.update(value=t(ui, "term_button")), w.term_examples_label: t(ui, "examples"),
        w.glossary_label: t(ui, "glossary_download"),
        w.glossary_csv: gr.update(label=t(ui, "glossary_csv" if glossary_ready else "glossary_preparing")),
        w.glossary_tbx: gr.update(label=t(ui, "glossary_tbx" if glossary_ready else "glossary_preparing")),
        w.docs_title: f"### {t(ui, 'doc_list')}", w.reader_title: f"### {t(ui, 'reader_title')}",
        w.reader_doc: gr.update(label=t(ui, "reader_doc")), w.reader_section: gr.update(label=t(ui, "reader_section")),
    }
    return updates


def _event_data(event: gr.EventData) -> dict:
    """What the clicked [data-action] element said (see render.ACTION_JS)."""
    data = getattr(event, "_data", None)
    return data if isinstance(data, dict) else {}


def build_app(engine) -> gr.Blocks:
    """The whole page for ``engine``, queue configured; call ``.launch(...)`` on it."""
    callbacks = _Callbacks(engine)
    w = _Widgets()
    with gr.Blocks(title="seminar-search", analytics_enabled=False, delete_cache=(3600, 7200)) as demo:
        w.response, w.lookup, w.reader_state, w.action = gr.State(None), gr.State(None), gr.State(None), gr.State(None)
        with gr.Row(equal_height=True):
            w.header = gr.HTML(_header_html(DEFAULT_UI_LANGUAGE), elem_id="app-header", js_on_load=None)
            w.ui = gr.Radio(render.UI_LANGUAGE_CHOICES, value=DEFAULT_UI_LANGUAGE, label=t(DEFAULT_UI_LANGUAGE, "ui_language"),
                            elem_id="ui-lang", scale=0, min_width=340)
        with gr.Tabs(elem_id="tabs") as w.tabs:
            with gr.Tab(t(DEFAULT_UI_LANGUAGE, "tab_search"), id="search", elem_id="tab-search") as w.tab_search:
                _search_tab(w, engine)
            with gr.Tab(t(DEFAULT_UI_LANGUAGE, "tab_terms"), id="terms", elem_id="tab-terms") as w.tab_terms:
                _terms_tab(w)
            with gr.Tab(t(DEFAULT_UI_LANGUAGE, "tab_docs"), id="docs", elem_id="tab-docs") as w.tab_docs:
                _docs_tab(w, engine)
        _wire_search(w, callbacks)
        _wire_terms(w, callbacks)
        _wire_reader(w, callbacks)
        _wire_interface_language(w, callbacks, engine)
        _wire_page_load(demo, w, callbacks)
        _wire_api(callbacks)
    demo.queue(default_concurrency_limit=CONCURRENCY_LIMIT)
    return demo


def _wire_search(w: _Widgets, callbacks: _Callbacks) -> None:
    inputs = [w.query, w.lang, w.docs, w.speaker, w.mode, w.k, w.ui]
    outputs = [w.summary, w.results, w.download_csv, w.download_json, w.download_md, w.raw_json, w.response]
    w.query.submit(callbacks.search_page, inputs, outputs, api_name="search_page", api_visibility="undocumented")
    w.search_button.click(callbacks.search_page, inputs, outputs, api_visibility="private")

    def refilter(query, *rest):
        # A filter changed: redo the current search, but say nothing while the query box is empty.
        return callbacks.search_page(query, *rest) if (query or "").strip() else (gr.skip(),) * len(outputs)

    for control, event in ((w.lang, "input"), (w.mode, "input"), (w.docs, "input"), (w.speaker, "input"), (w.k, "release")):
        getattr(control, event)(refilter, inputs, outputs, api_visibility="private")
    for button, example in zip(w.example_buttons, EXAMPLE_QUERIES):
        button.click(lambda example=example: example, None, w.query, api_visibility="private", queue=False).then(
            callbacks.search_page, inputs, outputs, api_visibility="private")

    def suggested_search(action, *rest):
        if not action or action.get("action") != "search":
            return (gr.skip(),) * (len(outputs) + 1)
        return (action["value"], *callbacks.search_page(action["value"], *rest))

    w.results.click(_event_data, None, w.action, api_visibility="private", queue=False).then(
        callbacks.open_passage, [w.action, w.ui], [w.tabs, w.reader_doc, w.reader_section, w.reader, w.reader_state],
        api_visibility="private").then(None, js=SCROLL_TO_HIT_JS).then(
        suggested_search, [w.action, *inputs[1:]], [w.query, *outputs], api_visibility="private")


def _wire_terms(w: _Widgets, callbacks: _Callbacks) -> None:
    w.term.submit(callbacks.terms_page, [w.term, w.ui], [w.terms, w.lookup], api_name="terms_page", api_visibility="undocumented")
    w.term_button.click(callbacks.terms_page, [w.term, w.ui], [w.terms, w.lookup], api_visibility="private")
    for button, example in zip(w.term_example_buttons, EXAMPLE_TERMS):
        button.click(lambda example=example: example, None, w.term, api_visibility="private", queue=False).then(
            callbacks.terms_page, [w.term, w.ui], [w.terms, w.lookup], api_visibility="private")

    def suggested_term(action, ui):
        if not action or action.get("action") != "term":
            return gr.skip(), gr.skip(), gr.skip()
        return (action["value"], *callbacks.terms_page(action["value"], ui))

    w.terms.click(_event_data, None, w.action, api_visibility="private", queue=False).then(
        callbacks.open_passage, [w.action, w.ui], [w.tabs, w.reader_doc, w.reader_section, w.reader, w.reader_state],
        api_visibility="private").then(None, js=SCROLL_TO_HIT_JS).then(
        suggested_term, [w.action, w.ui], [w.term, w.terms, w.lookup], api_visibility="private")


def _wire_reader(w: _Widgets, callbacks: _Callbacks) -> None:
    outputs = [w.reader_doc, w.reader_section, w.reader, w.reader_state]
    w.reader_doc.input(lambda doc, ui: callbacks.reader_page(doc, None, ui), [w.reader_doc, w.ui], outputs,
                       api_name="reader_page", api_visibility="undocumented")
    w.reader_section.input(callbacks.reader_page, [w.reader_doc, w.reader_section, w.ui], outputs,
                           api_visibility="private").then(None, js=SCROLL_TO_HIT_JS)


def _wire_interface_language(w: _Widgets, callbacks: _Callbacks, engine) -> None:
    relabelled = list(_relabel(w, DEFAULT_UI_LANGUAGE))

    def relabel(ui, response, lookup, reader_state):
        updates = _relabel(w, ui, callbacks.resources.glossary_files.done())
        updates[w.documents] = render.documents_html(engine, ui)
        updates[w.summary], updates[w.results] = callbacks.rerender_search(response, ui)
        updates[w.terms] = render.terms_html(lookup, ui) if lookup is not None else gr.skip()
        sections, updates[w.reader] = callbacks.rerender_reader(reader_state, ui)[1:3]
        updates[w.reader_section] = {**sections, **updates[w.reader_section]}  # new choices and new label
        return updates

    w.ui.change(relabel, [w.ui, w.response, w.lookup, w.reader_state],
                relabelled + [w.documents, w.summary, w.results, w.terms, w.reader],
                api_visibility="private").then(
        callbacks.glossary_downloads, [w.ui], [w.glossary_csv, w.glossary_tbx], api_visibility="private")


def _wire_page_load(demo: gr.Blocks, w: _Widgets, callbacks: _Callbacks) -> None:
    demo.load(callbacks.browser_language, None, w.ui, api_visibility="private", queue=False)
    demo.load(callbacks.glossary_downloads, [w.ui], [w.glossary_csv, w.glossary_tbx], api_visibility="private")


def _wire_api(callbacks: _Callbacks) -> None:
    """Endpoints for scripts (gradio_client); they return plain JSON, never HTML."""

    def search(query: str, lang: str = "all", k: int = 10, mode: str = "hybrid", docs: list[str] | None = None,
               speaker: str = "", expand: bool = True) -> dict:
        """Search the archive: the JSON of `seminar-search search --json` (or {"error": ...})."""
        return callbacks.search_api(query, lang, k, mode, docs, speaker, expand)

    def terms(term: str) -> dict:
        """Glossary entries for a French, Korean or English term, with concordance lines in both languages."""
        return callbacks.terms_api(term)

    def context(chunk_id: str, before: int = 1, after: int = 1) -> list[dict]:
        """A passage (id from a search result) and its neighbours in the same document."""
        return callbacks.context_api(chunk_id, before, after)

    def documents() -> list[dict]:
        """The indexed documents: metadata and passage counts per language."""
        return callbacks.documents_api()

    for function in (search, terms, context, documents):
        gr.api(function, api_name=function.__name__)


# -- running -----------------------------------------------------------------


def launch(engine, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, auth: tuple[str, str] | None = None,
           open_browser: bool = False) -> None:
    """Serve the interface for ``engine`` until interrupted (what `seminar-search serve` calls).

    Args:
        host: address to bind; the default 127.0.0.1 keeps the page on this machine.
        port: TCP port.
        auth: (user, password) required to open the page, or None.
        open_browser: open the page in the default browser once it is up.
    """
    from corpus.errors import SeminarSearchError

    demo = build_app(engine)
    try:
        # No share link: the archive stays on this machine (or the network given by host).
        demo.launch(server_name=host, server_port=port, auth=auth, inbrowser=open_browser, share=False,
                    footer_links=["api", "settings"], show_error=False, quiet=True, prevent_thread_lock=True)
    except OSError as error:  # port taken, address not available
        raise SeminarSearchError(f"cannot serve on {host}:{port}: {error}") from None
    print(f"seminar-search: serving on http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/ (Ctrl+C to stop)",
          flush=True)
    try:
        demo.block_thread()
    except KeyboardInterrupt:
        pass
    finally:
        demo.close()


def main(argv: list[str] | None = None) -> int:
    """``python ui.py [--host H] [--port P] [--index-dir DIR] [--auth USER:PASSWORD] [--open]``."""
    parser = argparse.ArgumentParser(prog="ui.py", description="Serve the seminar-search web interface.",
                                     epilog="Example: python ui.py --port 7860")
    parser.add_argument("--host", default=DEFAULT_HOST, help="address to bind (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--index-dir", type=Path, default=None, metavar="DIR",
                        help="index location (built from the bundled corpus if empty)")
    parser.add_argument("--auth", default=None, metavar="USER:PASSWORD", help="require a login")
    parser.add_argument("--open", action="store_true", help="open the page in a browser")
    args = parser.parse_args(argv)
    from app.cli import _open_engine

    try:
        auth = _parse_auth(args.auth)
        engine = _open_engine(args)
    except SeminarSearchError as error:
        print(f"ui.py: error: {error}", file=sys.stderr)
        return 2
    launch(engine, host=args.host, port=args.port, auth=auth, open_browser=args.open)
    return 0


def _parse_auth(value: str | None) -> tuple[str, str] | None:
    if not value:
        return None
    user, _, password = value.partition(":")
    if not user or not password:
        raise SeminarSearchError("--auth must be USER:PASSWORD")
    return user, password


if __name__ == "__main__":
    sys.exit(main())
