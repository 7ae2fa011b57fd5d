"""Search results → CSV, XLSX, JSON and a Markdown briefing.

Pure functions over a ``SearchResponse`` (or its ``to_dict()`` form, so a
JSON export read back can be exported again). The web interface offers them as
downloads; the CLI can print them. ``write_export`` is the one function that
touches the disk.

The Markdown briefing is what an organiser pastes into a preparation note:
the query, every passage with its counterpart in the other language, and the
sources. Korean passages of the bundled corpus are the project's working
translations, and the briefing says so next to each one.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Mapping

from app.export_labels import BRIEFING_LANGUAGES, SEARCH_MODES, briefing_label
from corpus.errors import ExportError, InvalidOptionError

EXPORT_FORMATS = ("csv", "xlsx", "json", "md")
TEXT_FORMATS = ("csv", "json", "md")
CSV_COLUMNS = (
    "rank", "score", "lang", "translated", "title", "date", "section", "speaker", "text", "matched",
    "doc", "id", "start", "end", "aligned_lang", "aligned_text", "aligned_ids", "page", "video_url",
    "original", "pair",
)
CSV_DELIMITER = ";"  # Excel in a French (or Korean) locale splits columns on ";", not ","
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection").
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def export_results(response, fmt: str, documents: Mapping | None = None, ui: str = "en") -> str:
    """The results of ``response`` as the text of a ``fmt`` file ("csv", "json" or "md").

    Args:
        response: a ``SearchResponse`` or its ``to_dict()``.
        fmt: one of ``EXPORT_FORMATS``.
        documents: document id → ``DocumentMeta`` (or a stored document with
            ``.meta``), used by the Markdown briefing to name event and place.
        ui: the language of the briefing's labels ("fr", "ko" or "en"): the page's interface language.

    Raises:
        InvalidOptionError: unknown format.
    """
    if fmt == "csv":
        return results_to_csv(response)
    if fmt == "json":
        return results_to_json(response)
    if fmt == "md":
        return results_to_markdown(response, documents, ui)
    raise InvalidOptionError("export format", fmt, TEXT_FORMATS)


def export_bytes(response, fmt: str, documents: Mapping | None = None, ui: str = "en") -> bytes:
    """The bytes of the ``fmt`` file: CSV with a UTF-8 byte-order mark (Excel then reads Hangul), XLSX, JSON, Markdown.

    Raises:
        InvalidOptionError: unknown format.
    """
    if fmt == "xlsx":
        return results_to_xlsx(response)
    if fmt not in TEXT_FORMATS:
        raise InvalidOptionError("export format", fmt, EXPORT_FORMATS)
    return export_results(response, fmt, documents, ui).encode("utf-8-sig" if fmt == "csv" else "utf-8")


def results_to_xlsx(response) -> bytes:
    """The CSV's rows and columns as an XLSX workbook; every cell is text or a number, never a formula."""
    from search.spreadsheet import xlsx_bytes

    return xlsx_bytes("results", CSV_COLUMNS, [_csv_row(result) for result in _as_dict(response)["results"]])


def results_to_csv(response) -> str:
    """One row per result, columns ``CSV_COLUMNS``, ``;``-separated; aligned passages joined by a blank line.

    Cells that a spreadsheet would run as a formula (starting with = + - @)
    are prefixed with an apostrophe, the usual CSV-injection guard; Korean
    bullet lines ("- …") are the common case here.
    """
    data = _as_dict(response)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for result in data["results"]:
        writer.writerow([_spreadsheet_safe(value) for value in _csv_row(result)])
    return buffer.getvalue()


def results_to_json(response) -> str:
    """The JSON the CLI prints (``response.to_dict()``), indented, Hangul kept readable."""
    return json.dumps(_as_dict(response), ensure_ascii=False, indent=1) + "\n"


def results_to_markdown(response, documents: Mapping | None = None, ui: str = "en") -> str:
    """A briefing: the query, each passage beside its translation, then the sources; labels in language ``ui``.

    Text from documents is HTML-escaped (``<`` becomes ``&lt;``), which Markdown
    renders as the original characters but no renderer runs as markup.
    """
    data = _as_dict(response)
    lines = [f"# {briefing_label(ui, 'title', query=_inline(data['query']))}", ""]
    lines += _markdown_header(data, ui)
    if not data["results"]:
        lines += [briefing_label(ui, "no_result"), ""]
    for result in data["results"]:
        lines += _markdown_result(result, ui)
    lines += _markdown_sources(data["results"], documents or {}, ui)
    return "\n".join(lines).rstrip() + "\n"


def write_export(response, fmt: str, folder: Path, stem: str, documents: Mapping | None = None,
                 ui: str = "en") -> Path:
    """Write ``export_results(...)`` to ``folder/stem.fmt`` atomically and return the path.

    CSV gets a UTF-8 byte-order mark so that spreadsheet programs show Hangul
    and accents instead of mojibake.

    Raises:
        ExportError: the file cannot be written.
    """
    content = export_bytes(response, fmt, documents, ui)
    target = Path(folder) / f"{stem}.{fmt}"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{stem}.", suffix=".partial")
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
        os.replace(temporary, target)
    except OSError as error:
        raise ExportError(f"cannot write {target}: {error}") from None
    return target


# -- helpers ---------------------------------------------------------------


def _as_dict(response) -> dict:
    return response if isinstance(response, dict) else response.to_dict()


def _csv_row(result: dict) -> list:
    aligned = result.get("aligned") or []
    return [
        result["rank"], result["score"], result["lang"], "yes" if result.get("translated") else "no",
        result["title"], result["date"], result["section"], result["speaker"], result["text"],
        " | ".join(result.get("matched") or []), result["doc"], result["id"], result["start"], result["end"],
        " ".join(dict.fromkeys(a["lang"] for a in aligned)), "\n\n".join(a["text"] for a in aligned),
        " ".join(a["id"] for a in aligned), "" if result.get("page") is None else result["page"],
        result.get("video_url") or "", "yes" if result.get("original", not result.get("translated")) else "no",
        result.get("pair", ""),
    ]


def _spreadsheet_safe(value):
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


def _markdown_header(data: dict, ui: str) -> list[str]:
    passages = briefing_label(ui, "all_languages") if data["lang"] == "all" else _language(ui, data["lang"])
    lines = [
        f"- {briefing_label(ui, 'query_lang', lang=_language(ui, data['query_lang']))}",
        f"- {briefing_label(ui, 'passages', lang=passages, count=len(data['results']), mode=_mode(ui, data['mode']))}",
    ]
    if data.get("expansions"):
        pairs = ", ".join(f"{_inline(e['from'])} → {_inline(e['to'])} ({e['lang']})" for e in data["expansions"])
        lines.append(f"- {briefing_label(ui, 'expansions', pairs=pairs)}")
    for notice in data.get("notices") or []:  # notices come from the engine, in English
        lines.append(f"- {briefing_label(ui, 'note', text=_inline(notice))}")
    return lines + [""]


def _markdown_result(result: dict, ui: str) -> list[str]:
    page = f"p. {result['page']}" if result.get("page") is not None else ""
    where = " · ".join(_inline(part) for part in (result["section"], result["speaker"], page) if part)
    lines = [f"## {result['rank']}. {_inline(result['title'])} ({_inline(result['date'])})", ""]
    if where:
        lines += [f"*{where}*", ""]
    if result.get("video_url"):
        lines += [f"[{briefing_label(ui, 'recording')}]({_link_destination(result['video_url'])})", ""]
    lines += _markdown_passage(result["lang"], result["text"], result.get("translated", False), ui)
    for aligned in result.get("aligned") or []:
        lines += _markdown_passage(aligned["lang"], aligned["text"], aligned.get("translated", False), ui)
    cited = f", {page}" if page else ""
    lines += [briefing_label(ui, "source", id=f"`{result['id']}`", start=result["start"], end=result["end"],
                             doc=f"`{result['doc']}`", page=cited), ""]
    return lines


def _markdown_passage(lang: str, text: str, translated: bool, ui: str) -> list[str]:
    label = f"**{_language(ui, lang)}**" + (f" ({briefing_label(ui, 'translated')})" if translated else "")
    quoted = [f"> {html.escape(line, quote=False)}".rstrip() for line in text.splitlines() or [""]]
    return [label, ""] + quoted + [""]


def _markdown_sources(results: list[dict], documents: Mapping, ui: str) -> list[str]:
    doc_ids = list(dict.fromkeys(d for r in results for d in [r["doc"], *(a["doc"] for a in r.get("aligned") or [])]))
    if not doc_ids:
        return []
    lines = [f"## {briefing_label(ui, 'sources')}", ""]
    for doc_id in doc_ids:
        lines.append(f"- {_source_line(doc_id, documents.get(doc_id), results, ui)}")
    return lines + [""]


def _source_line(doc_id: str, document, results: list[dict], ui: str) -> str:
    meta = getattr(document, "meta", document)
    if meta is None:
        title = next((r["title"] for r in results if r["doc"] == doc_id), "")
        return f"`{doc_id}`" + (f": {_inline(title)}" if title else "")
    details = [part for part in (meta.event, meta.place, meta.date) if part]
    line = f"`{doc_id}`: {_inline(meta.title)}" + (f" ({_inline(', '.join(details))})" if details else "")
    if meta.translation_of:
        by = briefing_label(ui, "translator", name=_inline(meta.translator)) if meta.translator else ""
        line += f"; {briefing_label(ui, 'translation_of', doc=f'`{meta.translation_of}`', by=by)}"
    return line


def _language(ui: str, code: str) -> str:
    """"French", "français", "프랑스어"; another code ("mixed") as it is."""
    return briefing_label(ui, code) if code in BRIEFING_LANGUAGES else _inline(code)


def _mode(ui: str, mode: str) -> str:
    """"hybrid search", "recherche hybride", "통합 검색"; another mode ("list") as it is."""
    return briefing_label(ui, mode) if mode in SEARCH_MODES else _inline(mode)


def _link_destination(url: str) -> str:
    """A URL as a Markdown link destination: entities decode back to "&", parentheses cannot end it early."""
    return html.escape(url.strip(), quote=True).replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _inline(text: str) -> str:
    """One line of document or query text, safe inside Markdown prose."""
    return html.escape(" ".join(str(text).split()), quote=False)
