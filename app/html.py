"""HTML for the web interface: result cards, concordances, the bilingual reader.

Every string that comes from a document, a query or the glossary goes through
``html.escape`` or ``mark_terms`` (which escapes before marking) before it is
put into a page; the only markup emitted is written here.

Clickable elements carry ``data-action``/``data-value`` attributes: the page's
script turns a click on them into a Gradio event (see ``ACTION_JS``), so the
HTML itself contains no script and no inline handler.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import Iterable

from app.text import TEXT, UI_LANGUAGE_CHOICES, UI_LANGUAGES, t  # noqa: F401  (re-exported for the page)
from search.highlight import mark_terms

ASSETS = Path(__file__).parent / "assets"
ACTION_JS = (ASSETS / "action.js").read_text(encoding="utf-8")  # the page's one script (see the module docstring)
CSS = (ASSETS / "panels.css").read_text(encoding="utf-8")  # scoped to each HTML panel by Gradio

_ANCHOR_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def anchor(chunk_id: str) -> str:
    """An HTML id for a chunk (its own id holds '#' and '.', awkward in selectors)."""
    return "chunk-" + _ANCHOR_UNSAFE.sub("-", chunk_id)


def message_html(message: str, *, error: bool = False) -> str:
    """A friendly one-paragraph message (escaped)."""
    kind = "ss-message ss-error" if error else "ss-message"
    return f'<div class="{kind}" role="status">{escape(message)}</div>'


def lang_badge(lang: str) -> str:
    return f'<span class="ss-badge ss-lang-{escape(lang)}" lang="en">{escape(lang.upper())}</span>'


def translated_badge(ui: str) -> str:
    hint = escape(t(ui, "translated_hint"))
    return f'<span class="ss-badge ss-translated" title="{hint}">{escape(t(ui, "translated"))}</span>'


def action_button(ui: str, action: str, value: str, label_key: str) -> str:
    label = escape(t(ui, label_key))
    return f'<button class="ss-link" data-action="{escape(action)}" data-value="{escape(value)}">{label}</button>'


# -- search ------------------------------------------------------------------


def summary_html(response, ui: str) -> str:
    """Query language, how many passages matched (and how many weaker ones are hidden), active filters, expansions."""
    parts = [
        f'<span class="ss-title">« {escape(response.query)} »</span>',
        f"<span>{escape(t(ui, 'query_lang'))}: {lang_badge(response.query_lang)}</span>",
        f'<span id="search-count">{escape(t(ui, "n_matches", n=response.total))}</span>',
    ]
    if response.weaker:
        if not (getattr(response, "filters", None) or {}).get("all_matches"):
            key = "weaker_hidden"
        else:  # asked for, but the number of results stops before them
            key = "weaker_shown" if len(response.results) > response.total else "weaker_beyond_k"
        parts.append(f'<span class="ss-weaker" id="search-weaker">{escape(t(ui, key, n=response.weaker))}</span>')
    parts.append(
        f'<span class="ss-filters" id="search-filters">{escape(t(ui, "active_filters"))}: '
        f"{', '.join(_active_filters(response, ui))}</span>"
    )
    if response.expansions:
        groups = "; ".join(
            f"{escape(source)} → {escape(', '.join(targets))}" for source, targets in response.expansion_groups()
        )
        parts.append(f'<span id="search-expansions">{escape(t(ui, "expansions"))}: {groups}</span>')
    notices = "".join(message_html(notice) for notice in response.notices)
    return f'<div class="ss-summary" id="search-summary-line">{"".join(parts)}</div>{notices}'


def _active_filters(response, ui: str) -> list[str]:
    """Every filter in force, escaped: passage language always, then documents, speaker, entity, phrases, exclusions."""
    filters = getattr(response, "filters", None) or {}
    lang = filters.get("lang", response.lang)
    language = t(ui, f"lang_{lang}") if f"lang_{lang}" in TEXT else lang
    active = [f"{escape(t(ui, 'lang_filter'))} : {escape(language)}"]
    active += [escape(t(ui, "filter_doc", value=doc)) for doc in filters.get("docs") or []]
    active += [
        escape(t(ui, f"filter_{name}", value=filters[name])) for name in ("speaker", "entity") if filters.get(name)
    ]
    active += [escape(t(ui, "filter_phrase", value=p)) for p in getattr(response, "phrases", ())]
    active += [escape(t(ui, "filter_excluded", value=w)) for w in getattr(response, "excluded", ())]
    return active


def results_html(response, engine, ui: str) -> str:
    """A "did you mean" line when a word is unknown, then the result cards (or a no-result message)."""
    did_you_mean = ""
    if getattr(response, "did_you_mean", ""):
        did_you_mean = (
            f'<div class="ss-didyoumean" id="did-you-mean">{escape(t(ui, "did_you_mean"))} <button class="ss-link" '
            f'data-action="search" data-value="{escape(response.did_you_mean)}">'
            f"{escape(response.did_you_mean)}</button></div>"
        )
    if not response.results:
        return did_you_mean + no_result_html(response.query, engine.glossary.suggest(response.query), ui)
    counterpart_terms = _counterpart_terms(response)
    return did_you_mean + "".join(_card(result, engine, counterpart_terms, ui) for result in response.results)


def no_result_html(query: str, suggestions: list[str], ui: str) -> str:
    lines = [message_html(t(ui, "no_result", query=query))]
    if suggestions:
        buttons = "".join(
            f'<button class="ss-link" data-action="search" data-value="{escape(s)}">{escape(s)}</button>'
            for s in suggestions
        )
        lines.append(f'<div class="ss-suggestions">{escape(t(ui, "suggest"))} {buttons}</div>')
    else:
        lines.append(f'<p class="ss-meta">{escape(t(ui, "no_suggestion"))}</p>')
    return "".join(lines)


def _counterpart_terms(response) -> set[str]:
    """Surface forms worth marking in aligned passages: the query's words and their glossary equivalents."""
    terms = {e["from"] for e in response.expansions} | {e["to"] for e in response.expansions}
    terms |= {m for r in response.results for m in r.matched}
    return {term for term in terms if len(term.strip()) >= 2}


def _card(result, engine, counterpart_terms: set[str], ui: str) -> str:
    header = (
        f'<span class="ss-rank">{result.rank}.</span> <span class="ss-title">{escape(result.title)}</span>'
        f' <span class="ss-meta">{escape(result.date)}</span> {lang_badge(result.lang)}'
        + (f" {translated_badge(ui)}" if result.translated else "")
        + (f" {_original_badge(ui)}" if result.original else "")
    )
    parts = (result.section, result.speaker, result.page_label, result.time_code)
    where = " · ".join(escape(part) for part in parts if part)
    if result.video_url:
        where += (
            f' <a class="ss-video" href="{escape(result.video_url)}" target="_blank" rel="noopener noreferrer">'
            f"▶ {escape(t(ui, 'watch_moment'))}</a>"
        )
    passage = f'<div class="ss-passage" lang="{escape(result.lang)}">{mark_terms(result.text, result.matched)}</div>'
    return (
        f'<article class="ss-card" id="result-{result.rank}" data-chunk="{escape(result.id)}"><header>{header}</header>'
        + (f'<div class="ss-where">{where}</div>' if where else "")
        + f'<div class="ss-pair">{passage}{_counterparts(result.aligned, counterpart_terms, ui)}</div>'
        + _context(engine, result, ui)
        + action_button(ui, "open", result.id, "open_reader")
        + "</article>"
    )


def _original_badge(ui: str) -> str:
    """Says which side of a pair is the source text, on the counterpart as on the result."""
    return f'<span class="ss-badge ss-original">{escape(t(ui, "original"))}</span>'


def _counterparts(aligned: Iterable[dict], terms: set[str], ui: str) -> str:
    aligned = list(aligned)
    if not aligned:
        return f'<div class="ss-counterpart"><div class="ss-label">{escape(t(ui, "no_aligned"))}</div></div>'
    badges = " ".join(
        dict.fromkeys(lang_badge(a["lang"]) + " " + (translated_badge(ui) if a["translated"] else _original_badge(ui))
                      for a in aligned)
    )
    body = "\n".join(mark_terms(a["text"], terms) for a in aligned)
    lang = escape(aligned[0]["lang"])
    return (
        f'<div class="ss-counterpart"><div class="ss-label">{escape(t(ui, "aligned"))} {badges}</div>'
        f'<div class="ss-passage" lang="{lang}">{body}</div></div>'
    )


def _context(engine, result, ui: str) -> str:
    neighbours = engine.context(result.id, before=1, after=1)
    pieces = []
    for chunk in neighbours:
        own = chunk.id == result.id
        text = mark_terms(chunk.text, result.matched) if own else escape(chunk.text)
        pieces.append(f'<div class="ss-neighbour{" ss-self" if own else ""}">{text}</div>')
    return f'<details class="ss-context"><summary>{escape(t(ui, "context"))}</summary>{"".join(pieces)}</details>'


# -- terminology -------------------------------------------------------------


def terms_html(lookup, ui: str) -> str:
    """Glossary entries (FR/KO/EN, domain, notes) with their KWIC concordance lines."""
    if not lookup.entries:
        lines = [message_html(t(ui, "term_not_found", query=lookup.query))]
        if lookup.suggestions:
            buttons = "".join(
                f'<button class="ss-link" data-action="term" data-value="{escape(s)}">{escape(s)}</button>'
                for s in lookup.suggestions
            )
            lines.append(f'<div class="ss-suggestions">{escape(t(ui, "suggest"))} {buttons}</div>')
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
    """Two rows per occurrence: the concordance line, then where it comes from and its translation."""
    if not attestations:
        return f'<p class="ss-meta">{escape(t(ui, "no_attestation"))}</p>'
    rows = []
    for line in attestations:
        source = " · ".join(escape(part) for part in (line.title, line.section, line.speaker) if part)
        other_terms = [v for lang, terms in variants.items() if lang != line.lang for v in terms]
        aligned = "\n".join(mark_terms(a["text"], other_terms) for a in line.aligned)
        translation = (
            (
                f'<details class="ss-context"><summary>{escape(t(ui, "aligned"))}</summary>'
                f'<div class="ss-neighbour ss-self">{aligned}</div></details>'
            )
            if aligned
            else ""
        )
        if getattr(line, "aligned_context", ""):  # the aligned sentence holding the equivalent, shown at once
            translation = (
                f'<div class="ss-neighbour ss-self" lang="{escape(line.aligned_lang)}">'
                f"{mark_terms(line.aligned_context, other_terms)}</div>" + translation
            )
        badges = lang_badge(line.lang) + (" " + translated_badge(ui) if line.translated else "")
        rows.append(
            f'<tr class="ss-line" data-chunk="{escape(line.chunk_id)}" lang="{escape(line.lang)}">'
            f'<td class="ss-left">{escape(line.left)}</td>'
            f'<td class="ss-term"><mark>{escape(line.term)}</mark></td>'
            f'<td class="ss-right">{escape(line.right)}</td></tr>'
            f'<tr class="ss-line-source"><td colspan="3">{badges} <span class="ss-source">{source}</span> '
            f"{action_button(ui, 'open', line.chunk_id, 'open_passage')}{translation}</td></tr>"
        )
    return f'<table class="ss-kwic"><tbody>{"".join(rows)}</tbody></table>'


# -- documents ---------------------------------------------------------------


def documents_html(engine, ui: str) -> str:
    """The indexed documents with their metadata and passage counts per language."""
    counts = passage_counts(engine)
    columns = ("col_document", "col_lang", "col_date", "col_place", "col_chunks", "col_status")
    head = "".join(f"<th>{escape(t(ui, key))}</th>" for key in columns)
    rows = []
    for doc_id, document in engine.data.documents.items():
        meta = document.meta
        chunks = ", ".join(f"{escape(lang.upper())} {n}" for lang, n in sorted(counts.get(doc_id, {}).items()))
        status = (
            escape(t(ui, "translation_of", doc=meta.translation_of))
            + f"<br><span class='ss-meta'>{escape(meta.translator)}</span>"
            if meta.translation_of
            else escape(t(ui, "original"))
        )
        rows.append(
            f"<tr><td><strong>{escape(meta.title or doc_id)}</strong><br><code>{escape(doc_id)}</code>"
            f"<div class='ss-meta'>{escape(meta.event)}</div></td><td>{lang_badge(meta.language or '?')}</td>"
            f"<td>{escape(meta.date)}</td><td>{escape(meta.place)}</td><td>{chunks}</td><td>{status}</td></tr>"
        )
    return f'<table class="ss-docs"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def passage_counts(engine) -> dict[str, dict[str, int]]:
    """Document id → language → number of passages."""
    counts: dict[str, dict[str, int]] = {}
    for chunk in engine.chunks:
        per_lang = counts.setdefault(chunk.doc, {})
        lang = effective_lang(engine, chunk)
        per_lang[lang] = per_lang.get(lang, 0) + 1
    return counts


def effective_lang(engine, chunk) -> str:
    """A chunk's language, "mixed" chunks (a list of names) counting as their document's."""
    if chunk.lang in ("fr", "ko", "en"):
        return chunk.lang
    document = engine.data.documents.get(chunk.doc)
    return document.meta.language if document and document.meta.language else chunk.lang


def counterpart_document(engine, doc_id: str) -> str | None:
    """The translation of an original, or the original of a translation."""
    meta = engine.data.documents[doc_id].meta
    if meta.translation_of in engine.data.documents:
        return meta.translation_of
    return next((other for other, d in engine.data.documents.items() if d.meta.translation_of == doc_id), None)


def reader_rows(engine, doc_id: str) -> list[tuple[object, list]]:
    """(chunk of ``doc_id``, its aligned chunks not shown on an earlier row), in document order.

    Several passages of the original often share one translated passage: it is
    shown once, beside the first of them, so the right column reads straight.
    """
    shown: set[str] = set()
    rows = []
    for chunk in (c for c in engine.chunks if c.doc == doc_id):
        aligned = [
            engine.chunk(i)
            for i in engine.data.alignment.get(chunk.id, ())
            if i not in shown and engine.chunk(i) is not None
        ]
        shown.update(c.id for c in aligned)
        rows.append((chunk, aligned))
    return rows


def reader_html(engine, doc_id: str, ui: str, focus: str | None = None) -> str:
    """A document beside its translation, section by section; ``focus`` (a chunk id) is highlighted."""
    other_id = counterpart_document(engine, doc_id)
    documents = engine.data.documents
    head = "".join(
        f"<th>{lang_badge(documents[d].meta.language)} {escape(documents[d].meta.title)}"
        + (f" {translated_badge(ui)}" if documents[d].meta.translation_of else "")
        + "</th>"
        for d in (doc_id, other_id)
        if d
    )
    if not other_id:
        head += f"<th>{escape(t(ui, 'no_counterpart'))}</th>"
    body, section, page = [], None, None
    for chunk, aligned in reader_rows(engine, doc_id):
        if chunk.section != section:
            section = chunk.section
            right = " / ".join(dict.fromkeys(escape(c.section) for c in aligned if c.section))
            body.append(f'<tr class="ss-section"><th>{escape(section)}</th><th>{right}</th></tr>')
        hit = ' class="ss-hit"' if focus == chunk.id or focus in {c.id for c in aligned} else ""
        # The page (or slide) is cited where it changes, as a printed report would be.
        changed = chunk.page is not None and chunk.page != page
        marker = f'<span class="ss-page">p. {chunk.page}</span> ' if changed else ""
        page = chunk.page
        body.append(
            f'<tr id="{anchor(chunk.id)}" data-chunk="{escape(chunk.id)}"{hit}>'
            f'<td lang="{escape(chunk.lang)}">{marker}{escape(chunk.text)}</td>'
            f"<td>{escape(chr(10).join(c.text for c in aligned))}</td></tr>"
        )
    rows = "".join(body)
    return f'<table class="ss-reader" id="reader-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def section_choices(engine, doc_id: str, ui: str) -> list[tuple[str, str]]:
    """(section name, its first chunk id) for the reader's "go to section" menu."""
    first: dict[str, str] = {}
    for chunk in engine.chunks:
        if chunk.doc == doc_id:
            first.setdefault(chunk.section, chunk.id)
    return [(section or t(ui, "start_of_document"), chunk_id) for section, chunk_id in first.items()]
