"""The Dossier tab: one entity's dossier on the page, and a briefing of several entities in one click.

``dossier_tab(engine)`` lays the tab out (inside ``gr.Tab``), ``wire_dossier_tab``
connects it; labels follow the interface language (``relabel_dossier_tab``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import gradio as gr

from app.briefing_text import label
from app.dossier_html import FACETS_CSS, dossier_html
from app.page import shows_errors
from app.scratch import scratch_folder

MAX_BRIEFING_ENTITIES = 12
_TAB_LABELS = {
    "entity": ("Ville, organisation ou personne", "도시·기관·인물", "City, organisation or person"),
    "show": ("Afficher le dossier", "자료 보기", "Show the dossier"),
    "briefing": ("Entités du dossier de préparation", "브리핑 대상", "Entities of the briefing"),
    "docx": ("Télécharger le dossier (DOCX)", "브리핑 내려받기 (DOCX)", "Download the briefing (DOCX)"),
    "md": ("Télécharger le dossier (Markdown)", "브리핑 내려받기 (Markdown)", "Download the briefing (Markdown)"),
    "make": ("Préparer le dossier", "브리핑 만들기", "Make the briefing"),
}
_LANGS = ("fr", "ko", "en")


def tab_label(ui: str, key: str) -> str:
    return _TAB_LABELS[key][_LANGS.index(ui) if ui in _LANGS else 0]


@dataclass(frozen=True)
class DossierTab:
    entity: gr.Dropdown
    show: gr.Button
    dossier: gr.HTML
    briefing_entities: gr.Dropdown
    make: gr.Button
    docx: gr.DownloadButton
    md: gr.DownloadButton


def entity_choices(engine, ui: str = "fr") -> list[tuple[str, str]]:
    """(label with passage count, canonical name) of every entity, most present first."""
    annotations = engine.annotations()
    counts = Counter(m.entity for found in annotations.mentions.values() for m in {x.entity: x for x in found}.values())
    ranked = sorted(annotations.entities.values(), key=lambda e: (-counts.get(e.id, 0), e.name))
    return [(f"{e.label(ui)} · {label(ui, e.type)} ({counts.get(e.id, 0)})", e.name) for e in ranked]


def dossier_tab(engine, ui: str) -> DossierTab:
    choices = entity_choices(engine, ui)
    with gr.Row(equal_height=True):
        entity = gr.Dropdown(
            choices,
            value=None,
            label=tab_label(ui, "entity"),
            elem_id="dossier-entity",
            scale=4,
            allow_custom_value=True,
            filterable=True,
        )
        show = gr.Button(tab_label(ui, "show"), variant="primary", elem_id="dossier-show", scale=1)
    with gr.Row(equal_height=True):
        briefing_entities = gr.Dropdown(
            choices,
            value=[],
            multiselect=True,
            max_choices=MAX_BRIEFING_ENTITIES,
            label=tab_label(ui, "briefing"),
            elem_id="briefing-entities",
            scale=4,
        )
        make = gr.Button(tab_label(ui, "make"), elem_id="briefing-make", scale=1)
    with gr.Row(equal_height=True):
        docx = gr.DownloadButton(tab_label(ui, "docx"), interactive=False, size="sm", elem_id="briefing-docx")
        md = gr.DownloadButton(tab_label(ui, "md"), interactive=False, size="sm", elem_id="briefing-md")
    panel = gr.HTML("", elem_id="dossier", css_template=FACETS_CSS)
    return DossierTab(entity, show, panel, briefing_entities, make, docx, md)


class DossierCallbacks:
    def __init__(self, engine):
        self.engine = engine
        self.folder = scratch_folder("briefing")  # removed when the server stops
        self.documents = {doc_id: stored.meta for doc_id, stored in engine.data.documents.items()}

    @shows_errors
    def show(self, name, ui):
        from search.dossier import build_dossier

        if not isinstance(name, str) or not name.strip():
            return ""
        return dossier_html(build_dossier(self.engine, name.strip()), self.documents, ui)

    @shows_errors
    def briefing(self, names, ui):
        """The DOCX and Markdown briefing of the chosen entities, in the interface language."""
        from app.briefing import write_briefing
        from search.dossier import build_dossier

        names = [n for n in (names or []) if isinstance(n, str) and n.strip()][:MAX_BRIEFING_ENTITIES]
        if not names:
            return gr.update(value=None, interactive=False), gr.update(value=None, interactive=False)
        dossiers = [build_dossier(self.engine, name) for name in names]
        stem = "-".join(d.entity["name"] for d in dossiers)[:60].replace("/", "-").replace(" ", "-")
        files = [
            write_briefing(dossiers, self.documents, ui, self.folder / f"briefing-{stem}-{ui}.{kind}", kind)
            for kind in ("docx", "md")
        ]
        return (gr.update(value=str(files[0]), interactive=True), gr.update(value=str(files[1]), interactive=True))


def wire_dossier_tab(tab: DossierTab, ui_radio: gr.Radio, engine) -> None:
    callbacks = DossierCallbacks(engine)
    tab.show.click(callbacks.show, [tab.entity, ui_radio], tab.dossier, api_visibility="private")
    tab.entity.input(callbacks.show, [tab.entity, ui_radio], tab.dossier, api_visibility="private")
    tab.make.click(callbacks.briefing, [tab.briefing_entities, ui_radio], [tab.docx, tab.md], api_visibility="private")

    def relabelled(ui, name):
        choices = entity_choices(engine, ui)
        return (
            gr.update(label=tab_label(ui, "entity"), choices=choices),
            gr.update(value=tab_label(ui, "show")),
            gr.update(label=tab_label(ui, "briefing"), choices=choices),
            gr.update(value=tab_label(ui, "make")),
            gr.update(label=tab_label(ui, "docx")),
            gr.update(label=tab_label(ui, "md")),
            callbacks.show(name, ui) if name else gr.skip(),
        )

    ui_radio.change(
        relabelled,
        [ui_radio, tab.entity],
        [tab.entity, tab.show, tab.briefing_entities, tab.make, tab.docx, tab.md, tab.dossier],
        api_visibility="private",
    )
