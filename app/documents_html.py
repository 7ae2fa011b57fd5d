"""HTML of the Documents tab: the list of indexed documents and the bilingual reader."""

from __future__ import annotations

from html import escape

from app.html import anchor, lang_badge, translated_badge
from app.text import t


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
    """Document id → language (as a filter sees it) → number of passages."""
    counts: dict[str, dict[str, int]] = {}
    for chunk in engine.chunks:
        per_lang = counts.setdefault(chunk.doc, {})
        lang = engine.passage_language(chunk)
        per_lang[lang] = per_lang.get(lang, 0) + 1
    return counts


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
