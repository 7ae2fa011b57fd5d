"""Web page of seminar-search (Gradio): search, terminology, documents; layout and wiring only.

    seminar-search serve            # or: python ui.py --port 7860

The callbacks are in ``app.page``, the HTML in ``app.*_html``; the server that also
carries the REST API is ``app.server``. Named Gradio endpoints for scripts
(``gradio_client.Client(url).predict(..., api_name=...)``): ``/search`` (the CLI's
JSON), ``/terms``, ``/context``, ``/documents``; every argument is checked.
"""

from __future__ import annotations

import sys
import threading

from app.env import offline_environment

offline_environment()  # before gradio is imported: it phones home at import and launch otherwise

import gradio as gr  # noqa: E402  (after the environment above)

from app.documents_html import documents_html  # noqa: E402
from app.dossier_tab import dossier_tab, wire_dossier_tab  # noqa: E402
from app.layout import (  # noqa: E402
    EXAMPLE_QUERIES,
    EXAMPLE_TERMS,
    UI,
    Page,
    docs_tab,
    glossary_buttons,
    header_html,
    language_js,
    relabel,
    search_tab,
    terms_tab,
)
from app.page import PageCallbacks, clicked, shows_errors  # noqa: E402
from app.terms_html import terms_html  # noqa: E402
from app.text import UI_LANGUAGE_CHOICES, t  # noqa: E402

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860
CONCURRENCY_LIMIT = 8  # Gradio runs one event of a kind at a time by default; a search takes ~50 ms of CPU
SCROLL_TO_HIT_JS = """() => { setTimeout(() => {
  const hit = document.querySelector('#reader .ss-hit');
  if (hit) hit.scrollIntoView({block: 'center', behavior: 'smooth'});
}, 400); }"""


def build_app(engine) -> gr.Blocks:
    """The whole page for ``engine``, queue configured (``app.server.create_server`` serves it)."""
    callbacks = PageCallbacks(engine)
    with gr.Blocks(title="seminar-search", analytics_enabled=False, delete_cache=(3600, 7200)) as demo:
        states = [gr.State(None) for _ in range(4)]
        with gr.Row(equal_height=True):
            header = gr.HTML(header_html(UI), elem_id="app-header", js_on_load=None)
            ui = gr.Radio(UI_LANGUAGE_CHOICES, value=UI, label=t(UI, "ui_language"), elem_id="ui-lang", scale=0,
                          min_width=340)
        with gr.Tabs(elem_id="tabs") as tabs:
            with gr.Tab(t(UI, "tab_search"), id="search", elem_id="tab-search") as tab_search:
                search = search_tab(engine)
            with gr.Tab(t(UI, "tab_terms"), id="terms", elem_id="tab-terms") as tab_terms:
                terms = terms_tab()
            with gr.Tab(t(UI, "tab_docs"), id="docs", elem_id="tab-docs") as tab_docs:
                docs = docs_tab(engine)
            with gr.Tab(t(UI, "tab_dossier"), id="dossier", elem_id="tab-dossier") as tab_dossier:
                dossier = dossier_tab(engine, UI)
        labels = {tab_search: "tab_search", tab_terms: "tab_terms", tab_docs: "tab_docs", tab_dossier: "tab_dossier"}
        page = Page(header, ui, tabs, labels, search, terms, docs, *states)
        for wire in (_wire_search, _wire_terms, _wire_reader, _wire_interface_language, _wire_page_load):
            wire(demo, page, callbacks)
        wire_dossier_tab(dossier, ui, engine)
        _wire_api(callbacks)
    demo.queue(default_concurrency_limit=CONCURRENCY_LIMIT)
    return demo


def _open_from(panel: gr.HTML, page: Page, callbacks: PageCallbacks):
    """A click in ``panel``: open the passage in the reader if it asked to; the caller chains what else it asked."""
    d = page.docs
    return panel.select(clicked, None, page.action, api_visibility="private", queue=False).then(
        callbacks.open_passage, [page.action, page.ui], [page.tabs, d.reader_doc, d.reader_section, d.reader,
                                                         page.reader_state], api_visibility="private").then(
        None, js=SCROLL_TO_HIT_JS)


def _wire_search(_demo, page: Page, callbacks: PageCallbacks) -> None:
    s = page.search
    inputs = [s.query, s.lang, s.docs, s.speaker, s.mode, s.k, page.ui, s.all_matches, s.entity]
    outputs = [s.summary, s.results, *s.downloads, page.response, s.facets]
    s.query.submit(callbacks.search_page, inputs, outputs, api_name="search_page", api_visibility="undocumented")
    s.button.click(callbacks.search_page, inputs, outputs, api_visibility="private")

    def refilter(query, *rest):
        # A filter changed: redo the current search, but say nothing while the query box (and entity) is empty.
        return callbacks.search_page(query, *rest) if (query or "").strip() or rest[-1] else (gr.skip(),) * len(outputs)

    for control, event in ((s.lang, "input"), (s.mode, "input"), (s.docs, "input"), (s.speaker, "input"),
                           (s.entity, "input"), (s.all_matches, "input")):
        getattr(control, event)(refilter, inputs, outputs, api_visibility="private")
    # "change" also fires for a number typed in the box and Enter; while dragging, only the last value runs.
    s.k.change(refilter, inputs, outputs, api_visibility="private", trigger_mode="always_last")
    for button, example in zip(s.examples, EXAMPLE_QUERIES):
        button.click(lambda example=example: example, None, s.query, api_visibility="private", queue=False).then(
            callbacks.search_page, inputs, outputs, api_visibility="private")

    def suggested_search(action, *rest):
        if not action or action.get("action") != "search":
            return (gr.skip(),) * (len(outputs) + 1)
        return (action["value"], *callbacks.search_page(action["value"], *rest))

    _open_from(s.results, page, callbacks).then(suggested_search, [page.action, *inputs[1:]], [s.query, *outputs],
                                                api_visibility="private")

    def facet_filter(action, query, *rest):
        # A click on a facet: filter by that entity (a second click on the active one removes the filter).
        if not action or action.get("action") != "entity":
            return (gr.skip(),) * (len(outputs) + 1)
        entity = "" if action["value"] == (rest[-1] or "") else action["value"]
        return (entity, *callbacks.search_page(query, *rest[:-1], entity))

    s.facets.select(clicked, None, page.action, api_visibility="private", queue=False).then(
        facet_filter, [page.action, *inputs], [s.entity, *outputs], api_visibility="private")
    s.summary.select(clicked, None, page.action, api_visibility="private", queue=False).then(
        callbacks.unfilter, [page.action, *inputs], [s.lang, s.docs, s.speaker, s.entity, *outputs],
        api_visibility="private")


def _wire_terms(_demo, page: Page, callbacks: PageCallbacks) -> None:
    w = page.terms
    io = ([w.term, page.ui], [w.terms, page.lookup])
    w.term.submit(callbacks.terms_page, *io, api_name="terms_page", api_visibility="undocumented")
    w.button.click(callbacks.terms_page, *io, api_visibility="private")
    for button, example in zip(w.examples, EXAMPLE_TERMS):
        button.click(lambda example=example: example, None, w.term, api_visibility="private", queue=False).then(
            callbacks.terms_page, *io, api_visibility="private")

    def suggested_term(action, ui):
        if not action or action.get("action") != "term":
            return gr.skip(), gr.skip(), gr.skip()
        return (action["value"], *callbacks.terms_page(action["value"], ui))

    _open_from(w.terms, page, callbacks).then(suggested_term, [page.action, page.ui], [w.term, w.terms, page.lookup],
                                              api_visibility="private")


def _wire_reader(_demo, page: Page, callbacks: PageCallbacks) -> None:
    d = page.docs
    outputs = [d.reader_doc, d.reader_section, d.reader, page.reader_state]
    d.reader_doc.input(lambda doc, ui: callbacks.reader_page(doc, None, ui), [d.reader_doc, page.ui], outputs,
                       api_name="reader_page", api_visibility="undocumented")
    d.reader_section.input(callbacks.reader_page, [d.reader_doc, d.reader_section, page.ui], outputs,
                           api_visibility="private").then(None, js=SCROLL_TO_HIT_JS)


def _wire_interface_language(_demo, page: Page, callbacks: PageCallbacks) -> None:
    s, d = page.search, page.docs

    def relabelled(ui, response, lookup, reader_state):
        updates = relabel(page, ui, callbacks.resources.glossary_files.done())
        updates[d.documents] = documents_html(callbacks.engine, ui)
        updates[s.summary], updates[s.results] = callbacks.rerender_search(response, ui)
        updates[page.terms.terms] = terms_html(lookup, ui) if lookup is not None else gr.skip()
        sections, updates[d.reader] = callbacks.rerender_reader(reader_state, ui)[1:3]
        updates[d.reader_section] = {**sections, **updates[d.reader_section]}  # new choices and new label
        return updates

    outputs = [*relabel(page, UI), d.documents, s.summary, s.results, page.terms.terms, d.reader]
    # A click on the switch; the page's first language is set after its load, below.
    page.ui.input(None, [page.ui], None, js=language_js(), api_visibility="private", queue=False)
    page.ui.change(relabelled, [page.ui, page.response, page.lookup, page.reader_state], outputs,
                   api_visibility="private").then(
        callbacks.glossary_downloads, [page.ui], glossary_buttons(page),
        api_visibility="private")


def _wire_page_load(demo: gr.Blocks, page: Page, callbacks: PageCallbacks) -> None:
    demo.load(callbacks.browser_language, None, page.ui, api_visibility="private", queue=False).then(
        None, [page.ui], None, js=language_js(), api_visibility="private", queue=False)
    demo.load(callbacks.glossary_downloads, [page.ui], glossary_buttons(page),
              api_visibility="private")


def _wire_api(callbacks: PageCallbacks) -> None:
    """Endpoints for scripts (gradio_client): plain JSON; a bad argument is a one-line error."""
    service = callbacks.service

    def search(query: str, lang: str = "all", k: int = 10, mode: str = "hybrid", docs: list[str] | None = None,
               speaker: str = "", expand: bool = True, entity: str = "", all_matches: bool = False) -> dict:
        """Search the archive: the JSON of `seminar-search search --json` (all_matches: also the weaker candidates)."""
        return service.search(query, lang, k, mode, docs, speaker, expand, entity, all_matches)

    def terms(term: str) -> dict:
        """Glossary entries for a French, Korean or English term, with concordance lines in both languages."""
        return service.terms(term)

    def context(chunk_id: str, before: int = 1, after: int = 1) -> list[dict]:
        """A passage (id from a search result) and its neighbours in the same document."""
        return service.context(chunk_id, before, after)

    def documents() -> list[dict]:
        """The indexed documents: metadata and passage counts per language."""
        return service.documents()

    def dossier(entity: str) -> dict:
        """A place's, organisation's or person's dossier: the JSON of `seminar-search dossier NAME --json`."""
        return service.dossier(entity)

    for function in (search, terms, context, documents, dossier):
        gr.api(shows_errors(function), api_name=function.__name__)


def launch(engine, *, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, auth: tuple[str, str] | None = None,
           open_browser: bool = False) -> None:
    """Serve the page and the REST API for ``engine`` until interrupted (what `seminar-search serve` calls).

    ``auth``: (user, password) required by the page and the API; ``host`` 127.0.0.1 keeps both on this machine.
    """
    from app.server import bind, create_server, serve

    sock = bind(host, port)  # before anything heavy: a taken port is one line at once
    app = create_server(engine, build_app(engine), auth=auth)
    warm_up(engine)
    serve(app, sock, open_browser=open_browser)


def warm_up(engine) -> threading.Thread:
    """Load Kiwi, run one search and analyse the passages in the background: the page answers meanwhile."""
    thread = threading.Thread(target=engine.warm_up, name="seminar-search-warm-up", daemon=True)
    thread.start()
    return thread


def main(argv: list[str] | None = None) -> int:
    """``python ui.py [serve options]``: the same as ``seminar-search serve``."""
    from app.cli import main as cli_main

    return cli_main(["serve", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
