"""Briefings for several entities at once, as DOCX (python-docx) and Markdown.

One section per entity, in the interface language: the events and dates,
who spoke on what, a key-figures table (the French figure and its Korean
translation side by side), then the passages as a two-column table
(original | translation, the working translation marked), each cited with
document, section, time code and date. Consecutive originals that share one
translation are one row, so no block repeats; line breaks are kept (Markdown:
``<br>`` inside table cells, the only hard break a table cell accepts).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from app.briefing_text import format_date, format_figure, label, passage_count, theme_name
from corpus.errors import ExportError
from corpus.language import has_hangul

KOREAN_FONT = "NanumGothic"  # Debian's fonts-nanum; Word falls back to Malgun Gothic
LATIN_FONT = "Liberation Sans"


@dataclass(frozen=True, slots=True)
class BriefingRow:
    """One row of the passages table: originals (usually one) and their translation, each with its citation."""

    originals: tuple[dict, ...]
    translations: tuple[dict, ...]


def passage_rows(dossier) -> list[BriefingRow]:
    """The dossier's passages as table rows; consecutive originals aligned to the same translation share a row."""
    rows: list[BriefingRow] = []
    shown: set[str] = set()  # a translation aligned to several originals is printed once
    for passage in dossier.passages:
        if passage["translated"]:
            originals = tuple(a for a in passage["aligned"] if not a.get("translated"))
            translations = (passage,)
        else:
            originals = (passage,)
            translations = tuple(a for a in passage["aligned"] if a.get("translated"))
        ids = {t["id"] for t in translations}
        if rows and ids & {t["id"] for t in rows[-1].translations}:
            merged = rows[-1].translations + tuple(t for t in translations if t["id"] not in shown)
            rows[-1] = BriefingRow(rows[-1].originals + originals, merged)
        else:
            rows.append(BriefingRow(originals, tuple(t for t in translations if t["id"] not in shown)))
        shown |= ids
    return rows


def citation(passage: dict, documents: dict, lang: str) -> str:
    """ "Document, section, time code, date" for a passage (a dict from a search result or its aligned list)."""
    meta = documents.get(passage["doc"])
    title = document_title(passage["doc"], documents, lang)
    if not passage.get("translated"):
        # An original cited under its translation's Korean title is not itself a working translation.
        title = title.removesuffix(f" ({label(lang, 'working')})")
    parts = [title]
    if passage.get("section"):
        parts.append(f"{label(lang, 'section')} « {passage['section']} »" if lang == "fr" else passage["section"])
    if passage.get("time_start") is not None:
        parts.append(_clock(passage["time_start"]))
    date = meta.date if meta else passage.get("date", "")
    if date:
        parts.append(format_date(date, lang))
    return ", ".join(parts)


def document_title(doc: str, documents: dict, lang: str) -> str:
    """The document's title; in a Korean briefing, the title of its Korean translation where there is one."""
    meta = documents.get(doc)
    if lang == "ko" and not (meta and has_hangul(meta.title)):
        translated = next(
            (m.title for m in documents.values() if getattr(m, "translation_of", "") == doc and has_hangul(m.title)), ""
        )
        if translated:
            return translated
    return meta.title if meta else doc


def event_line(event: dict, documents: dict, lang: str) -> str:
    """ "Title — date, place (2 passages)", without the parts a document does not state."""
    where = ", ".join(part for part in (format_date(event["date"], lang), event_place(event, lang)) if part)
    title = document_title(event["doc"], documents, lang)
    return f"{title}" + (f" — {where}" if where else "") + f" ({passage_count(event['passages'], lang)})"


def event_place(event: dict, lang: str) -> str:
    """The place in ``lang``; a rendering is followed by the place as written: "프랑스 투르(Tours, France)"."""
    place = event.get("place", "")
    shown = event.get("place_names", {}).get(lang) or place
    return place if shown == place else f"{shown}({place})" if lang == "ko" else f"{shown} ({place})"


def briefing_markdown(dossiers: list, documents: dict, lang: str) -> str:
    """The briefing as Markdown (GitHub-flavoured tables)."""
    lines = [f"# {label(lang, 'title')}: {', '.join(d.entity['labels'][lang] for d in dossiers)}", ""]
    for dossier in dossiers:
        lines += _markdown_section(dossier, documents, lang)
    return "\n".join(lines).rstrip() + "\n"


def _markdown_section(dossier, documents: dict, lang: str) -> list[str]:
    entity = dossier.entity
    lines = [f"## {_md(entity['labels'][lang])} ({label(lang, entity['type'])})", ""]
    lines += [f"### {label(lang, 'events')}", ""]
    lines += [f"- {_md(event_line(e, documents, lang))}" for e in dossier.events] + [""]
    lines += [f"### {label(lang, 'speakers')}", ""]
    if not dossier.speakers:
        lines.append(label(lang, "no_speaker"))  # a sentence, not a bullet with nothing in it
    for speaker, roles, topics in speaker_lines(dossier, lang):
        lines.append(
            f"- **{_md(speaker)}**" + (f" — {_md(roles)}" if roles else "") + (f": {_md(topics)}" if topics else "")
        )
    if dossier.themes:
        themes = ", ".join(f"{theme_name(d, lang)} ({n})" for d, n in dossier.themes[:6])
        lines += ["", f"{label(lang, 'themes')}: {themes}"]
    lines += ["", f"### {label(lang, 'figures')}", ""]
    if dossier.figures:
        lines += [
            "| " + " | ".join(label(lang, key) for key in ("figure", "measures", "french", "korean")) + " |",
            "|---|---|---|---|",
        ]
        for figure, french, korean in figure_rows(dossier):
            cells = (format_figure(figure, lang), figure_context(figure, lang), french, korean)
            lines.append("| " + " | ".join(_cell(x) for x in cells) + " |")
    else:
        lines.append(label(lang, "no_figures"))
    return lines + [""] + _markdown_passages(dossier, documents, lang)


def _markdown_passages(dossier, documents: dict, lang: str) -> list[str]:
    """The table of passages: each original beside its working translation."""
    lines = [
        f"### {label(lang, 'passages')}",
        "",
        f"| {label(lang, 'original')} | {label(lang, 'translation')} ({label(lang, 'working')}) |",
        "|---|---|",
    ]
    for row in passage_rows(dossier):
        left = "<br><br>".join(_cell(p["text"]) + f"<br>*{_cell(citation(p, documents, lang))}*" for p in row.originals)
        right = "<br><br>".join(
            _cell(p["text"]) + f"<br>*{_cell(citation(p, documents, lang))} — {label(lang, 'working')}*"
            for p in row.translations
        ) or _cell(label(lang, "no_translation"))
        lines.append(f"| {left or label(lang, 'none')} | {right} |")
    return lines + [""]


def speaker_lines(dossier, lang: str) -> list[tuple[str, str, str]]:
    """(name, roles, sections spoken in) for each speaker of the dossier, in the briefing's language."""
    lines = []
    for speaker in dossier.speakers:
        name = speaker.names.get(lang) or speaker.name
        # Roles as the documents state them, in the briefing's language where there is one.
        roles = [r for r in speaker.roles if (lang == "ko") == has_hangul(r)] or list(speaker.roles)
        keys = {speaker.name.casefold(), (speaker.names.get("ko") or "").casefold()} - {""}
        spoken = [p for p in dossier.passages if p["section"] and any(k in p["speaker"].casefold() for k in keys)]
        sections = list(dict.fromkeys(section for p in spoken for section in _sections_read(p, lang)))
        lines.append((name, "; ".join(roles[:2]), "; ".join(sections[:4])))
    return lines


def _sections_read(passage: dict, lang: str) -> list[str]:
    """The passage's section as the reader finds it: in Korean, the heading of its Korean translation."""
    if lang == "ko" and not has_hangul(passage["section"]):
        aligned = passage.get("aligned", ())
        korean = [a["section"] for a in aligned if a.get("section") and has_hangul(a["section"])]
        return korean or [passage["section"]]
    return [passage["section"]]


def figure_context(figure, lang: str) -> str:
    """What the figure measures, in the words of a source in the briefing's language where there is one."""
    korean = next((s.context for s in figure.sources if s.lang == "ko" and s.context), "")
    french = next((s.context for s in figure.sources if s.lang == "fr" and s.context), "")
    return (korean if lang == "ko" else french) or figure.context


def figure_rows(dossier) -> list[tuple]:
    """(figure, French as written, Korean as written) for the key-figures table."""
    rows = []
    for figure in dossier.figures:
        french = "; ".join(dict.fromkeys(s.text for s in figure.sources if s.lang != "ko"))
        korean = "; ".join(dict.fromkeys(s.text for s in figure.sources if s.lang == "ko"))
        rows.append((figure, french or "—", korean or "—"))
    return rows


def write_briefing(dossiers: list, documents: dict, lang: str, path: Path, kind: str = "docx") -> Path:
    """Write the briefing to ``path`` as ``kind`` ("docx" or "md").

    Raises:
        ExportError: an unknown kind, a folder that cannot be written.
    """
    path = Path(path)
    if kind not in ("docx", "md"):
        raise ExportError(f"unknown briefing format {kind!r}: choose docx or md")
    if path.is_dir():
        raise ExportError(f"{path} is a folder: give a file name for the briefing")
    try:
        if kind == "md":
            path.write_text(briefing_markdown(dossiers, documents, lang), encoding="utf-8")
        else:
            from app.briefing_docx import briefing_docx

            briefing_docx(dossiers, documents, lang).save(str(path))
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from None
    return path


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def _md(text: str) -> str:
    """Text outside tables: Markdown's own characters escaped, so a name never turns into markup."""
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in str(text))


def _cell(text: str) -> str:
    """Text inside a table cell: HTML-escaped, pipes escaped, line breaks as <br>."""
    escaped = html.escape(str(text), quote=False).replace("|", "\\|")
    return "<br>".join(line.strip() for line in escaped.splitlines()) if "\n" in escaped else escaped.strip()
