"""The pieces every HTML panel of the page shares: its script and CSS, badges, messages, buttons.

The panels themselves are ``app.results_html`` (search summary and result cards),
``app.terms_html`` (glossary entries and concordances), ``app.documents_html``
(documents list and bilingual reader) and ``app.dossier_html``.

Every string that comes from a document, a query or the glossary goes through
``html.escape`` or ``mark_terms`` (which escapes before marking) before it is
put into a page; the only markup emitted is written in these modules.

Clickable elements carry ``data-action``/``data-value`` attributes: the page's
script turns a click on them into a Gradio event (see ``ACTION_JS``), so the
HTML itself contains no script and no inline handler.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from app.text import t

ASSETS = Path(__file__).parent / "assets"
ACTION_JS = (ASSETS / "action.js").read_text(encoding="utf-8")  # the panels' one script (see the module docstring)
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


def original_badge(ui: str) -> str:
    """Says which side of a pair is the source text, on the counterpart as on the result."""
    return f'<span class="ss-badge ss-original">{escape(t(ui, "original"))}</span>'


def action_button(ui: str, action: str, value: str, label_key: str) -> str:
    label = escape(t(ui, label_key))
    return f'<button class="ss-link" data-action="{escape(action)}" data-value="{escape(value)}">{label}</button>'


def suggestions_html(ui: str, action: str, suggestions: list[str]) -> str:
    """"Suggestions:" and one button per suggestion; a click runs ``action`` ("search", "term") with it."""
    buttons = "".join(
        f'<button class="ss-link" data-action="{escape(action)}" data-value="{escape(s)}">{escape(s)}</button>'
        for s in suggestions
    )
    return f'<div class="ss-suggestions">{escape(t(ui, "suggest"))} {buttons}</div>'
