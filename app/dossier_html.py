"""HTML of the dossier tab and of the entity facets beside search results (everything escaped)."""

from __future__ import annotations

from html import escape

from app.briefing import figure_context, figure_rows
from app.briefing_text import format_figure, label, theme_name

FACET_LIMIT = 8
_FACET_TITLES = {
    "place": ("Lieux", "지역", "Places"),
    "organisation": ("Organisations", "기관", "Organisations"),
    "person": ("Personnes", "인물", "People"),
}
_UI = ("fr", "ko", "en")
FACETS_CSS = """
.ss-facets h4 { margin: .6em 0 .2em; font-size: .95em; }
.ss-facets ul { list-style: none; padding: 0; margin: 0; }
.ss-facet { display: flex; justify-content: space-between; gap: .5em; width: 100%; border: 0; background: none;
  padding: .15em .3em; border-radius: 6px; cursor: pointer; text-align: left; color: inherit; font: inherit; }
.ss-facet:hover, .ss-facet.ss-active { background: var(--background-fill-secondary); }
.ss-count { color: var(--body-text-color-subdued); font-variant-numeric: tabular-nums; }
.ss-dossier table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: .4em 0 1em; }
.ss-dossier td, .ss-dossier th { border: 1px solid var(--border-color-primary); padding: .3em .5em; vertical-align: top;
  overflow-wrap: anywhere; white-space: pre-line; }
.ss-dossier .ss-cite { color: var(--body-text-color-subdued); font-size: .85em; white-space: normal; }
.ss-dossier .ss-working { color: #8a4b00; font-weight: 600; }
"""


def facets_html(annotations, ordinals, ui: str, active: str = "") -> str:
    """Entity facets with passage counts: a click filters the search by that entity."""
    groups = annotations.facets(ordinals, FACET_LIMIT)
    parts = ['<div class="ss-facets" role="navigation">']
    for kind, entries in groups.items():
        if not entries:
            continue
        parts.append(f"<h4>{escape(_FACET_TITLES[kind][_UI.index(ui) if ui in _UI else 0])}</h4><ul>")
        for entity, count in entries:
            css = "ss-facet ss-active" if entity.name == active else "ss-facet"
            parts.append(
                f'<li><button class="{css}" data-action="entity" data-value="{escape(entity.name)}">'
                f'<span>{escape(entity.label(ui))}</span><span class="ss-count">{count}</span></button></li>'
            )
        parts.append("</ul>")
    return "".join(parts) + "</div>"


def dossier_html(dossier, documents: dict, ui: str) -> str:
    """One entity's dossier: events, speakers, themes, key figures, partners, passages with counterparts."""
    from app.briefing import citation, event_line, passage_rows, speaker_lines

    entity = dossier.entity
    parts = [
        f'<div class="ss-dossier"><h2>{escape(entity["labels"][ui])} '
        f"<small>({escape(label(ui, entity['type']))})</small></h2>",
        f"<h3>{escape(label(ui, 'events'))}</h3><ul>",
    ]
    parts += [f"<li>{escape(event_line(e, documents, ui))}</li>" for e in dossier.events]
    parts.append(f"</ul><h3>{escape(label(ui, 'speakers'))}</h3>")
    if not dossier.speakers:
        parts.append(f"<p>{escape(label(ui, 'no_speaker'))}</p>")
    parts.append("<ul>")
    parts += [
        f"<li><b>{escape(name)}</b>{escape(f' — {roles}' if roles else '')}"
        f"{escape(f': {topics}' if topics else '')}</li>"
        for name, roles, topics in speaker_lines(dossier, ui)
    ]
    parts.append("</ul>")
    if dossier.themes:
        themes = ", ".join(f"{theme_name(d, ui)} ({n})" for d, n in dossier.themes)
        parts.append(f"<p>{escape(label(ui, 'themes'))}: {escape(themes)}</p>")
    if dossier.partners:
        partners = ", ".join(p["entity"]["name"] for p in dossier.partners)
        parts.append(f"<p>{escape(label(ui, 'partners'))}: {escape(partners)}</p>")
    parts.append(f"<h3>{escape(label(ui, 'figures'))}</h3>")
    parts.append(_figures_table(dossier, ui) if dossier.figures else f"<p>{escape(label(ui, 'no_figures'))}</p>")
    parts.append(
        f"<h3>{escape(label(ui, 'passages'))} ({len(dossier.passages)})</h3><table><thead><tr>"
        f"<th>{escape(label(ui, 'original'))}</th><th>{escape(label(ui, 'translation'))}</th></tr></thead><tbody>"
    )
    for row in passage_rows(dossier):
        left = "".join(_passage(p, documents, ui, False, citation) for p in row.originals)
        right = "".join(_passage(p, documents, ui, True, citation) for p in row.translations)
        parts.append(f"<tr><td>{left}</td><td>{right or escape(label(ui, 'no_translation'))}</td></tr>")
    return "".join(parts) + "</tbody></table></div>"


def _figures_table(dossier, ui: str) -> str:
    head = "".join(f"<th>{escape(label(ui, key))}</th>" for key in ("figure", "measures", "french", "korean"))
    rows = "".join(
        f"<tr><td>{escape(format_figure(figure, ui))}</td><td>{escape(figure_context(figure, ui))}</td>"
        f"<td>{escape(french)}</td><td>{escape(korean)}</td></tr>"
        for figure, french, korean in figure_rows(dossier)
    )
    return f'<table class="ss-figures"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _passage(passage: dict, documents: dict, ui: str, working: bool, citation) -> str:
    mark = f' <span class="ss-working">{escape(label(ui, "working"))}</span>' if working else ""
    return (
        f"<div>{escape(passage['text'])}</div>"
        f'<div class="ss-cite">{escape(citation(passage, documents, ui))}{mark}</div>'
    )
