"""The page's components, built tab by tab; ``ui.py`` assembles and wires them.

Each tab returns a frozen record of its components, so wiring and relabelling
name them plainly; ``relabel`` gives every label in one interface language.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape

import gradio as gr

from app.documents_html import documents_html, reader_html, section_choices
from app.dossier_html import FACETS_CSS
from app.dossier_tab import entity_choices
from app.html import ACTION_JS, ASSETS, CSS
from app.page import DEFAULT_UI_LANGUAGE, EXPORT_FORMATS
from app.text import UI_LANGUAGES, t
from search.engine import MAX_K

UI = DEFAULT_UI_LANGUAGE  # the language the page is built in, before the browser's is known
EXAMPLE_QUERIES = ("hydrogène", "재활용", "탄소중립", "urban farming", "gestion des déchets")
EXAMPLE_TERMS = ("수소", "recyclage", "neutralité carbone", "urban farming", "미세먼지")


@dataclass(frozen=True)
class SearchTab:
    query: gr.Textbox
    button: gr.Button
    examples_label: gr.Markdown
    examples: list
    filters: gr.Accordion
    lang: gr.Radio
    mode: gr.Radio
    k: gr.Slider
    docs: gr.Dropdown
    speaker: gr.Dropdown
    summary: gr.HTML
    export_label: gr.Markdown
    downloads: list
    results: gr.HTML
    entity: gr.Dropdown  # the entity filter (app.dossier_tab has the entities)
    facets: gr.HTML  # entity facets with counts, beside the results
    all_matches: gr.Checkbox | None = None  # "show weaker results": the candidates below the relevance floor


@dataclass(frozen=True)
class TermsTab:
    term: gr.Textbox
    button: gr.Button
    examples_label: gr.Markdown
    examples: list
    glossary_label: gr.Markdown
    glossary_csv: gr.DownloadButton
    glossary_xlsx: gr.DownloadButton
    glossary_tbx: gr.DownloadButton
    terms: gr.HTML


@dataclass(frozen=True)
class DocsTab:
    title: gr.Markdown
    documents: gr.HTML
    reader_title: gr.Markdown
    reader_doc: gr.Dropdown
    reader_section: gr.Dropdown
    reader: gr.HTML


@dataclass(frozen=True)
class Page:
    header: gr.HTML
    ui: gr.Radio
    tabs: gr.Tabs
    tab_labels: dict  # tab → label key
    search: SearchTab
    terms: TermsTab
    docs: DocsTab
    response: gr.State
    lookup: gr.State
    reader_state: gr.State
    action: gr.State


def _html(elem_id: str, value: str = "", *, clickable: bool = False) -> gr.HTML:
    # gr.HTML's default script turns any click into an event: only the clickable panels keep one.
    return gr.HTML(value, elem_id=elem_id, css_template=CSS, js_on_load=ACTION_JS if clickable else None)


def language_js() -> str:
    """The page's script for what Gradio draws itself (its own strings, the "⋯" tabs menu), given the language.

    ``assets/language.js``, with the menu's name in every interface language written in.
    """
    labels = json.dumps({lang: t(lang, "more_tabs") for lang in UI_LANGUAGES}, ensure_ascii=False)
    return (ASSETS / "language.js").read_text(encoding="utf-8").replace("MORE_TABS_LABELS", labels)


def header_html(ui: str) -> str:
    return (f'<div class="ss-header"><div style="font-size:1.7em;font-weight:700;line-height:1.2">'
            f'{escape(t(ui, "app_title"))}</div>'
            f'<div style="margin:.3em 0 0;opacity:.8">{escape(t(ui, "app_subtitle"))}</div></div>')


def _documents(engine) -> list[tuple[str, str]]:
    return [(document.meta.title or doc_id, doc_id) for doc_id, document in engine.data.documents.items()]


# Emptying the box and pressing Enter picks the first choice: it must be "no filter", in every interface language.
SPEAKER_ANY = ("Tous · 전체 · All", "")


def _speaker_choices(engine) -> list[tuple[str, str]]:
    speakers = sorted({c.speaker for c in engine.chunks if c.speaker})
    names = speakers + sorted({c.section for c in engine.chunks if c.section} - set(speakers))
    return [SPEAKER_ANY] + [(name, name) for name in names]


def _lang_choices(ui: str) -> list[tuple[str, str]]:
    return [(t(ui, "lang_all"), "all"), (t(ui, "lang_fr"), "fr"), (t(ui, "lang_ko"), "ko")]


def _mode_choices(ui: str) -> list[tuple[str, str]]:
    return [(t(ui, "mode_hybrid"), "hybrid"), (t(ui, "mode_dense"), "dense"), (t(ui, "mode_lexical"), "lexical")]


def search_tab(engine) -> SearchTab:
    with gr.Row(equal_height=True):
        query = gr.Textbox(label=t(UI, "query_label"), placeholder=t(UI, "query_placeholder"), elem_id="query",
                           scale=5, max_lines=1, autofocus=True)
        button = gr.Button(t(UI, "search_button"), variant="primary", elem_id="search-button", scale=1)
    with gr.Row(equal_height=True, elem_id="examples-row"):
        examples_label = gr.Markdown(t(UI, "examples"), elem_id="examples-label")
        examples = [gr.Button(example, size="sm", elem_id=f"example-{n}", min_width=80)
                    for n, example in enumerate(EXAMPLE_QUERIES)]
    with gr.Accordion(t(UI, "filters"), open=False, elem_id="filters") as filters:
        with gr.Row():
            lang = gr.Radio(_lang_choices(UI), value="all", label=t(UI, "lang_filter"), elem_id="lang-filter")
            mode = gr.Radio(_mode_choices(UI), value="hybrid", label=t(UI, "mode_label"), elem_id="mode")
            k = gr.Slider(1, MAX_K, value=10, step=1, label=t(UI, "k_label"), elem_id="k")
        with gr.Row():
            docs = gr.Dropdown(_documents(engine), value=[], multiselect=True, label=t(UI, "doc_filter"),
                               info=t(UI, "doc_filter_info"), elem_id="doc-filter")
            speaker = gr.Dropdown(_speaker_choices(engine), value="", allow_custom_value=True,
                                  label=t(UI, "speaker_filter"), info=t(UI, "speaker_info"), elem_id="speaker-filter")
            entity = gr.Dropdown(entity_choices(engine, UI), value=None, allow_custom_value=True, filterable=True,
                                 label=t(UI, "entity_filter"), info=t(UI, "entity_info"), elem_id="entity-filter")
        all_matches = gr.Checkbox(False, label=t(UI, "show_weaker"), elem_id="all-matches")
    summary = _html("summary", clickable=True)  # its filter chips clear a filter
    with gr.Row(equal_height=True):
        export_label = gr.Markdown(t(UI, "export_title"), elem_id="export-label")
        downloads = [gr.DownloadButton(t(UI, f"download_{fmt}"), interactive=False, size="sm",
                                       elem_id=f"download-{fmt}")
                     for fmt in EXPORT_FORMATS]
    with gr.Row():
        with gr.Column(scale=4):
            results = _html("results", clickable=True)
        with gr.Column(scale=1, min_width=200):
            facets = gr.HTML("", elem_id="facets", css_template=CSS + FACETS_CSS, js_on_load=ACTION_JS)
    return SearchTab(query, button, examples_label, examples, filters, lang, mode, k, docs, speaker, summary,
                     export_label, downloads, results, entity, facets, all_matches=all_matches)


def terms_tab() -> TermsTab:
    with gr.Row(equal_height=True):
        term = gr.Textbox(label=t(UI, "term_label"), placeholder=t(UI, "term_placeholder"), elem_id="term-query",
                          scale=5, max_lines=1)
        button = gr.Button(t(UI, "term_button"), variant="primary", elem_id="term-button", scale=1)
    with gr.Row(equal_height=True, elem_id="term-examples-row"):
        examples_label = gr.Markdown(t(UI, "examples"), elem_id="term-examples-label")
        examples = [gr.Button(example, size="sm", elem_id=f"term-example-{n}", min_width=80)
                    for n, example in enumerate(EXAMPLE_TERMS)]
    with gr.Row(equal_height=True):
        glossary_label = gr.Markdown(t(UI, "glossary_download"))
        csv = gr.DownloadButton(t(UI, "glossary_preparing"), interactive=False, size="sm", elem_id="glossary-csv")
        xlsx = gr.DownloadButton(t(UI, "glossary_preparing"), interactive=False, size="sm", elem_id="glossary-xlsx")
        tbx = gr.DownloadButton(t(UI, "glossary_preparing"), interactive=False, size="sm", elem_id="glossary-tbx")
    return TermsTab(term, button, examples_label, examples, glossary_label, csv, xlsx, tbx,
                    _html("terms", clickable=True))


def docs_tab(engine) -> DocsTab:
    first = engine.document_ids[0]
    title = gr.Markdown(f"### {t(UI, 'doc_list')}")
    documents = _html("documents", documents_html(engine, UI))
    reader_title = gr.Markdown(f"### {t(UI, 'reader_title')}")
    with gr.Row():
        reader_doc = gr.Dropdown(_documents(engine), value=first, label=t(UI, "reader_doc"), elem_id="reader-doc")
        reader_section = gr.Dropdown(section_choices(engine, first, UI), value=None,
                                     label=t(UI, "reader_section"), elem_id="reader-section")
    return DocsTab(title, documents, reader_title, reader_doc, reader_section,
                   _html("reader", reader_html(engine, first, UI)))


def relabel(page: Page, ui: str, glossary_ready: bool = False) -> dict:
    """Every label of the page in interface language ``ui``."""
    s, w, d = page.search, page.terms, page.docs
    glossary = "glossary_{}" if glossary_ready else "glossary_preparing"
    updates = {page.header: header_html(ui), page.ui: gr.update(label=t(ui, "ui_language")),
               s.query: gr.update(label=t(ui, "query_label"), placeholder=t(ui, "query_placeholder")),
               s.button: gr.update(value=t(ui, "search_button")), s.examples_label: t(ui, "examples"),
               s.filters: gr.update(label=t(ui, "filters")), s.k: gr.update(label=t(ui, "k_label")),
               s.lang: gr.update(label=t(ui, "lang_filter"), choices=_lang_choices(ui)),
               s.mode: gr.update(label=t(ui, "mode_label"), choices=_mode_choices(ui)),
               s.docs: gr.update(label=t(ui, "doc_filter"), info=t(ui, "doc_filter_info")),
               s.speaker: gr.update(label=t(ui, "speaker_filter"), info=t(ui, "speaker_info")),
               s.all_matches: gr.update(label=t(ui, "show_weaker")),
               s.entity: gr.update(label=t(ui, "entity_filter"), info=t(ui, "entity_info")),
               s.export_label: t(ui, "export_title"),
               w.term: gr.update(label=t(ui, "term_label"), placeholder=t(ui, "term_placeholder")),
               w.button: gr.update(value=t(ui, "term_button")), w.examples_label: t(ui, "examples"),
               w.glossary_label: t(ui, "glossary_download"),
               w.glossary_csv: gr.update(label=t(ui, glossary.format("csv"))),
               w.glossary_xlsx: gr.update(label=t(ui, glossary.format("xlsx"))),
               w.glossary_tbx: gr.update(label=t(ui, glossary.format("tbx"))),
               d.title: f"### {t(ui, 'doc_list')}", d.reader_title: f"### {t(ui, 'reader_title')}",
               d.reader_doc: gr.update(label=t(ui, "reader_doc")),
               d.reader_section: gr.update(label=t(ui, "reader_section"))}
    updates.update({button: gr.update(label=t(ui, f"download_{fmt}"))
                    for button, fmt in zip(s.downloads, EXPORT_FORMATS)})
    updates.update({tab: gr.update(label=t(ui, key)) for tab, key in page.tab_labels.items()})
    return updates


def glossary_buttons(page: Page) -> list:
    """The Terminology tab's glossary downloads, in the order of ``app.page.GLOSSARY_FORMATS``."""
    return [page.terms.glossary_csv, page.terms.glossary_xlsx, page.terms.glossary_tbx]
