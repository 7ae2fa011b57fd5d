"""HTML of the search results: the summary line (with its removable filter chips) and the result cards."""

from __future__ import annotations

from html import escape
from typing import Iterable

from app.html import action_button, lang_badge, message_html, original_badge, suggestions_html, translated_badge
from app.text import TEXT, t
from search.highlight import mark_terms


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
        f"{' '.join(_active_filters(response, ui))}</span>"
    )
    if response.expansions:
        groups = "; ".join(
            f"{escape(source)} → {escape(', '.join(targets))}" for source, targets in response.expansion_groups()
        )
        parts.append(f'<span id="search-expansions">{escape(t(ui, "expansions"))}: {groups}</span>')
    notices = "".join(message_html(notice) for notice in response.notices)
    return f'<div class="ss-summary" id="search-summary-line">{"".join(parts)}</div>{notices}'


def _active_filters(response, ui: str) -> list[str]:
    """Every filter in force as a chip: passage language always, then documents, speaker, entity, phrases, exclusions.

    A chip of a filter set in the Filters panel is a button that clears it (``app.page.unfilter``); phrases and
    exclusions are written in the query itself, where they are changed.
    """
    filters = getattr(response, "filters", None) or {}
    lang = filters.get("lang", response.lang)
    language = f"{t(ui, 'lang_filter')} : {t(ui, f'lang_{lang}') if f'lang_{lang}' in TEXT else lang}"
    active = [_chip(ui, language, "lang") if lang != "all" else _chip(ui, language)]
    active += [_chip(ui, t(ui, "filter_doc", value=doc), f"doc:{doc}") for doc in filters.get("docs") or []]
    active += [_chip(ui, t(ui, f"filter_{name}", value=filters[name]), name)
               for name in ("speaker", "entity") if filters.get(name)]
    active += [_chip(ui, t(ui, "filter_phrase", value=p)) for p in getattr(response, "phrases", ())]
    active += [_chip(ui, t(ui, "filter_excluded", value=w)) for w in getattr(response, "excluded", ())]
    return active


def _chip(ui: str, label: str, clears: str = "") -> str:
    """One active filter; with ``clears`` ("lang", "speaker", "entity", "doc:<id>") a button that removes it."""
    if not clears:
        return f'<span class="ss-chip">{escape(label)}</span>'
    hint = escape(t(ui, "remove_filter", value=label))
    return (
        f'<button class="ss-chip ss-removable" data-action="unfilter" data-value="{escape(clears)}" '
        f'title="{hint}" aria-label="{hint}">{escape(label)}<span class="ss-x" aria-hidden="true">×</span></button>'
    )


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
        lines.append(suggestions_html(ui, "search", suggestions))
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
        + (f" {original_badge(ui)}" if result.original else "")
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


def _counterparts(aligned: Iterable[dict], terms: set[str], ui: str) -> str:
    aligned = list(aligned)
    if not aligned:
        return f'<div class="ss-counterpart"><div class="ss-label">{escape(t(ui, "no_aligned"))}</div></div>'
    badges = " ".join(
        dict.fromkeys(lang_badge(a["lang"]) + " " + (translated_badge(ui) if a["translated"] else original_badge(ui))
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
