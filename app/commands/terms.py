"""``terms``: glossary look-up with concordance lines, and glossary export."""

from __future__ import annotations

import sys
from pathlib import Path

from app.commands import add_glossary_option, open_engine
from app.terminal import for_terminal, json_for_terminal, one_line
from corpus.errors import ExportError, SeminarSearchError

CONCORDANCE_WIDTH = 45
ALIGNED_WIDTH = 110


def register(sub, common) -> None:
    terms = sub.add_parser(
        "terms", parents=[common], help="terminology look-up and glossary export",
        description="Glossary entries for a term in any language, with concordance lines from both languages.",
        epilog="Examples:\n  seminar-search terms 수소\n  seminar-search terms --export tbx -o glossaire.tbx\n"
               "  seminar-search terms --export xlsx -o glossaire.xlsx\n"
               "  seminar-search terms --suggest -o my-glossary.tsv   # then: --glossary my-glossary.tsv")
    terms.add_argument("term", nargs="?", help="a French, Korean or English term")
    terms.add_argument("--json", action="store_true", help="print the entries and concordance lines as JSON")
    terms.add_argument("--export", choices=["csv", "xlsx", "tbx"],
                       help="export the whole glossary instead (CSV for Excel: ';'-separated with a BOM; "
                            "XLSX needs -o)")
    terms.add_argument("-o", "--output", type=Path, help="file to write the export to (default: standard output)")
    terms.add_argument("--suggest", action="store_true",
                       help="candidate FR/KO/EN entries mined from the archive (aligned passages, shared names and "
                            "figures), in the glossary's TSV format, for you to check")
    terms.add_argument("--limit", type=int, default=50, help="with --suggest: at most this many (default 50)")
    terms.add_argument("--force", action="store_true", help="with --suggest -o: replace an existing file")
    add_glossary_option(terms)
    terms.set_defaults(run=run_terms)


def run_terms(args) -> int:
    from search.terms import lookup_terms

    if args.suggest:
        from app.commands.terms_suggest import run_suggest

        return run_suggest(args)
    if not args.export and not args.term:
        raise SeminarSearchError("give a TERM to look up, --export csv|xlsx|tbx, or --suggest")
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
    from search.terms import export_glossary, export_glossary_bytes

    if not output:
        if fmt == "xlsx":
            raise SeminarSearchError("an XLSX export is a file: add -o FILE.xlsx")
        sys.stdout.write(export_glossary(engine, fmt))
        return 0
    try:
        output.write_bytes(export_glossary_bytes(engine, fmt))
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
        # The line as the document writes it: no space is added around the term ("[[재활용]]의").
        left = ("…" if len(line.left) > CONCORDANCE_WIDTH else "") + line.left[-CONCORDANCE_WIDTH:]
        right = line.right[:CONCORDANCE_WIDTH] + ("…" if len(line.right) > CONCORDANCE_WIDTH else "")
        # A sentence (or term) the source hard-wraps is printed on one line; the export keeps it verbatim.
        left, term, right = (" ".join(part.split("\n")) for part in (left, line.term, right))
        print(for_terminal(f"  [{line.lang}] {left}[[{term}]]{right}  — {line.section or line.title}{badge}"))
        if line.aligned_context:  # the verbatim sentence, its hard line breaks shown as spaces
            print(f"       ↳ {line.aligned_lang}: {one_line(line.aligned_context, ALIGNED_WIDTH)}")
    print()
