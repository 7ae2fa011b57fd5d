"""``eval``: retrieval quality on a query set."""

from __future__ import annotations

from pathlib import Path

from app.commands import add_glossary_option, open_engine
from app.terminal import for_terminal, json_for_terminal


def register(sub, common) -> None:
    evaluate = sub.add_parser("eval", parents=[common], help="retrieval quality on a query set",
                              epilog="Example:\n  seminar-search eval eval/dev.jsonl --lang fr")
    evaluate.add_argument("file", type=Path, metavar="FILE", help="JSON Lines query set")
    evaluate.add_argument("--lang", default="fr", help="passage language: all, fr, ko or en (default fr)")
    evaluate.add_argument("--mode", default="hybrid", help="hybrid (default), dense or lexical")
    evaluate.add_argument("--no-expand", action="store_true", help="no cross-language glossary expansion")
    evaluate.add_argument("--json", action="store_true", help="print the full report as JSON")
    add_glossary_option(evaluate)
    evaluate.set_defaults(run=run_eval)


def run_eval(args) -> int:
    from search.engine import SearchOptions
    from search.evaluate import evaluate, format_report, read_queries

    queries = read_queries(args.file)
    engine = open_engine(args)
    report = evaluate(engine, queries, SearchOptions(lang=args.lang, mode=args.mode, expand=not args.no_expand))
    if args.json:
        print(json_for_terminal(report, indent=1))
    else:
        print(for_terminal(format_report(report)))
    return 0
