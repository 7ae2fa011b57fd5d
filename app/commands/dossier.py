"""``dossier``: everything about one or more places, organisations or people; a DOCX or Markdown briefing."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from app.briefing_text import passage_count
from app.commands import add_glossary_option
from corpus.errors import InvalidQueryError, UnknownEntityError


def register(sub, common) -> None:
    from app.briefing_text import BRIEFING_LANGS

    dossier = sub.add_parser(
        "dossier",
        parents=[common],
        help="dossier of a city, organisation or person; briefings",
        description="For each entity: events and dates, speakers and roles, sections, themes, key figures with their "
        "French and Korean sources,\npartners, and every passage with its counterpart in document order. "
        "--docx/--md write one briefing for all of them.",
        epilog="Examples:\n  seminar-search dossier Suwon\n  seminar-search dossier 군산 --json\n"
        "  seminar-search dossier Suwon Goyang Gunsan Chungnam Seogu --docx briefing.docx --lang fr\n"
        "  seminar-search dossier --list",
    )
    dossier.add_argument("entities", nargs="*", metavar="NAME", help="a place, organisation or person, in any language")
    dossier.add_argument(
        "--list", action="store_true", help="list the known places, organisations and people with their passage counts"
    )
    dossier.add_argument("--json", action="store_true", help="JSON output (one object per line and entity)")
    dossier.add_argument("--docx", type=Path, default=None, metavar="FILE", help="write a Word briefing")
    dossier.add_argument("--md", type=Path, default=None, metavar="FILE", help="write a Markdown briefing")
    dossier.add_argument("--lang", default="fr", choices=BRIEFING_LANGS, help="language of the briefing (default fr)")
    add_glossary_option(dossier)
    dossier.set_defaults(run=run_dossier)


def run_dossier(args) -> int:
    from app.briefing import write_briefing
    from app.commands import open_engine

    if not args.entities and not args.list:
        raise InvalidQueryError("give at least one name, or --list to see the known ones")
    engine = open_engine(args)
    if args.list:
        return list_entities(engine, args.json)
    dossiers = _build_dossiers(engine, args.entities)
    documents = {doc_id: stored.meta for doc_id, stored in engine.data.documents.items()}
    for path, kind in ((args.docx, "docx"), (args.md, "md")):
        if path is not None:
            written = write_briefing(dossiers, documents, args.lang, path, kind)
            print(f"briefing: {written}", file=sys.stderr)
    if args.json:
        for dossier in dossiers:
            print(json.dumps(dossier.to_dict(), ensure_ascii=False))
    elif args.docx is None and args.md is None:
        for dossier in dossiers:
            print(format_dossier(dossier))
    return 0


def _build_dossiers(engine, names: list[str]) -> list:
    from search.dossier import build_dossier

    try:
        return [build_dossier(engine, name) for name in dict.fromkeys(names)]
    except UnknownEntityError as error:  # the same error, with the way to see every name
        raise UnknownEntityError(error.value, error.valid, "list them with: seminar-search dossier --list") from None


def list_entities(engine, as_json: bool) -> int:
    """The known entities by type, most present first: text, or one JSON object per line."""
    from app.terminal import for_terminal
    from search.dossier import known_entities

    pairs = known_entities(engine)
    if as_json:
        for entity, count in pairs:
            labels = {lang: entity.label(lang) for lang in ("fr", "ko", "en")}
            record = {"type": entity.type, "name": entity.name, "labels": labels, "passages": count}
            print(json.dumps(record, ensure_ascii=False))
        return 0
    lines, kind = [], None
    for entity, count in pairs:
        if entity.type != kind:
            kind = entity.type
            lines += ([""] if lines else []) + [f"# {kind}"]
        korean = entity.label("ko")
        shown = entity.name + (f" / {korean}" if korean != entity.name else "")
        lines.append(for_terminal(f"  {shown} — {passage_count(count, 'en')}"))
    print("\n".join(lines))
    return 0


def format_dossier(dossier) -> str:
    """A readable summary: what the JSON holds, passages cut to one line."""
    entity = dossier.entity
    lines = [
        f"# {entity['name']} ({entity['type']})  "
        + " / ".join(sorted(set(entity["labels"].values()) - {entity["name"]}))
    ]
    lines += [
        f"event: {e['title']} — {e['date']}, {e['place']} ({passage_count(e['passages'], 'en')})"
        for e in dossier.events
    ]
    for speaker in dossier.speakers:
        lines.append(f"speaker: {speaker.name}" + (f" — {'; '.join(speaker.roles[:2])}" if speaker.roles else ""))
    if dossier.themes:
        lines.append("themes: " + ", ".join(f"{d} ({n})" for d, n in dossier.themes))
    for figure in dossier.figures:
        written = " = ".join(dict.fromkeys(s.text.replace("\n", " ") for s in figure.sources))
        lines.append(f"figure: {figure.normal} [{', '.join(figure.languages)}] {written} — {figure.context}")
    for partner in dossier.partners:
        lines.append(f"partner: {partner['entity']['name']}")
    lines.append(f"passages: {len(dossier.passages)}")
    for passage in dossier.passages:
        text = " ".join(passage["text"].split())
        lines.append(f"  [{passage['lang']}] {passage['doc']} · {passage['section'][:40]} · {text[:90]}")
    return "\n".join(lines) + "\n"
