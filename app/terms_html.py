"""HTML of the Terminology tab: glossary entries (FR/KO/EN, domain, notes) and their KWIC concordance lines."""

from __future__ import annotations

from html import escape

from app.html import action_button, lang_badge, message_html, suggestions_html, translated_badge
from app.text import t
from search.highlight import mark_terms


def terms_html(lookup, ui: str) -> str:
    """Glossary entries (FR/KO/EN, domain, notes) with their KWIC concordance lines."""
    if not lookup.entries:
        lines = [message_html(t(ui, "term_not_found", query=lookup.query))]
        if lookup.suggestions:
            lines.append(suggestions_html(ui, "term", lookup.suggestions))
        return "".join(lines)
    return "".join(_entry(entry, ui) for entry in lookup.entries)


def _entry(term_entry, ui: str) -> str:
    entry = term_entry.entry
    rows = "".join(
        f"<span>{lang_badge(lang)}</span><span>{escape(' | '.join(entry.terms(lang)) or '—')}</span>"
        for lang in ("fr", "ko", "en")
    )
    lang = ui if ui in ("fr", "ko", "en") else "fr"  # as ``t`` does: French for an unknown interface language
    note = entry.note(lang)  # the English note where the glossary has none in that language
    notes = f'<div class="ss-notes">{escape(t(ui, "notes"))}: {escape(note)}</div>' if note else ""
    domain = entry.domain_label(lang)
    variants = {lang: entry.terms(lang) for lang in ("fr", "ko", "en")}
    return (
        f'<section class="ss-entry"><div class="ss-meta">{escape(t(ui, "domain"))}: {escape(domain)}</div>'
        f'<div class="ss-terms">{rows}</div>{notes}<h4>{escape(t(ui, "concordance"))}</h4>'
        + _kwic(term_entry.attestations, variants, ui)
        + "</section>"
    )


def _kwic(attestations, variants: dict, ui: str) -> str:
    """Two rows per occurrence: the concordance line, then where it comes from and its translation.

    A table, so that every keyword of an entry stands in one column; ``panels.css`` keeps each line on one
    row on a wide screen (the contexts clipped) and lets it flow as a sentence on a phone.
    """
    if not attestations:
        return f'<p class="ss-meta">{escape(t(ui, "no_attestation"))}</p>'
    rows = []
    for line in attestations:
        other_terms = [v for lang, terms in variants.items() if lang != line.lang for v in terms]
        # The left cell is right-to-left so that its ellipsis falls at its start; the text itself stays left-to-right.
        rows.append(
            f'<tr class="ss-line" data-chunk="{escape(line.chunk_id)}" lang="{escape(line.lang)}">'
            f'<td class="ss-left"><span dir="ltr">{escape(line.left)}</span></td>'
            f'<td class="ss-term"><mark>{escape(line.term)}</mark></td>'
            f'<td class="ss-right">{escape(line.right)}</td></tr>'
            f'<tr class="ss-line-source"><td colspan="3">{_source(line, ui)}{_translation(line, other_terms, ui)}'
            "</td></tr>"
        )
    return f'<table class="ss-kwic"><tbody>{"".join(rows)}</tbody></table>'


def _source(line, ui: str) -> str:
    source = " · ".join(escape(part) for part in (line.title, line.section, line.speaker) if part)
    badges = lang_badge(line.lang) + (" " + translated_badge(ui) if line.translated else "")
    button = action_button(ui, "open", line.chunk_id, "open_passage")
    return f'{badges} <span class="ss-source">{source}</span> {button}'


def _translation(line, other_terms: list[str], ui: str) -> str:
    """The aligned sentence holding the equivalent (shown at once), then the whole aligned passage (folded)."""
    aligned = "\n".join(mark_terms(a["text"], other_terms) for a in line.aligned)
    translation = (
        f'<details class="ss-context"><summary>{escape(t(ui, "aligned"))}</summary>'
        f'<div class="ss-neighbour ss-self">{aligned}</div></details>'
        if aligned
        else ""
    )
    if getattr(line, "aligned_context", ""):
        translation = (
            f'<div class="ss-neighbour ss-self" lang="{escape(line.aligned_lang)}">'
            f"{mark_terms(line.aligned_context, other_terms)}</div>" + translation
        )
    return translation
