"""``terms``: glossary look-up with concordance lines, and glossary export."""

from __future__ import annotations

import sys
from pathlib import Path

from app.commands import open_engine
from app.terminal import for_terminal, json_for_terminal
from corpus.errors import ExportError, SeminarSearchError

CONCORDANCE_WIDTH = 45
ALIGNED_WIDTH = 110


def register(sub, common) -> None:
    terms = sub.add_parser(
        "terms", parents=[common], help="terminology look-up and glossary export",
        description="Glossary entries for a term in any language, with concordance lines from both languages.",
        epilog="Examples:\n  seminar-search terms 수소\n  seminar-search terms --export tbx -o glossaire.tbx")
    terms.add_argument("term", nargs="?", help="a French, Korean or English term")
    terms.add_argument("--json", action="store_true", help="print the entries and concordance lines as JSON")
    terms.add_argument("--export", choices=["csv", "tbx"], help="export the whole glossary instead")
    terms.add_argument("-o", "--output", type=Path, help="file to write the export to (default: standard output)")
    terms.set_defaults(run=run_terms)


def run_terms(args) -> int:
    from search.terms import lookup_terms

    if not args.export and not args.term:
        raise SeminarSearchError("give a TERM to look up, or --export csv|tbx")
    engine = open_engine(args)
    if args.export:
        return _export(engine, args.export, args.output)
    lookup = lookup_terms(engine, args.term)
    if args.json:
        print(json_for_terminal(lookup.to_dict()))
    elif not lookup.entries:
        hint = f" Nearest glossary terms: {', '.join(lookup.suggestions)}." if lookup.suggestions else ""
        print(for_terminal(f"No glossary entry for {args.term!r}.{hint}"))
    else:
        for item in lookup.entries:
            _print_entry(item)
    return 0


def _export(engine, fmt: str, output: Path | None) -> int:
    from search.terms import export_glossary

    content = export_glossary(engine, fmt)
    if not output:
        sys.stdout.write(content)
        return 0
    try:
        output.write_text(content, encoding="utf-8")
    except OSError as error:
        raise ExportError(f"cannot write {output}: {error.strerror or error}") from None
    print(f"wrote {len(engine.glossary)} entries to {output}", file=sys.stderr)
    return 0


def _print_entry(item) -> None:
    entry = item.entry
    names = "  ·  ".join(" | ".join(names) for names in (entry.fr, entry.ko, entry.en))
    print(for_terminal(f"■ {names}   [{entry.domain}]"))
    if entry.notes:
        print(for_terminal(f"  {entry.notes}"))
    for line in item.attestations:
        badge = " (working translation)" if line.translated else ""
        context = f"…{line.left[-CONCORDANCE_WIDTH:]} [[{line.term}]] {line.right[:CONCORDANCE_WIDTH]}…"
        print(for_terminal(f"  [{line.lang}] {context}  — {line.section or line.title}{badge}"))
        if line.lang == "fr" and line.aligned:
            print(for_terminal(f"       ↳ ko: {' '.join(line.aligned[0]['text'].split())[:ALIGNED_WIDTH]}…"))
    print()
