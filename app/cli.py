"""``seminar-search``: index, search, look up terms, evaluate, serve.

Each subcommand parses, calls the library, prints. Domain errors become one
line on stderr and exit code 2; heavy imports happen inside the commands so
``--help`` is instant.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from corpus.errors import SeminarSearchError

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line, like the domain errors."""

    def error(self, message: str):  # noqa: D401 - argparse API
        self.exit(EXIT_USAGE, f"seminar-search: error: {message} (see --help)\n")


def main(argv: list[str] | None = None) -> int:
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_request:  # --help, or a usage error already printed in one line
        return int(exit_request.code or 0)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    _quiet_libraries()
    try:
        return args.run(args) or 0
    except SeminarSearchError as error:
        print(f"seminar-search: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("seminar-search: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `seminar-search search … | head`
        return 0


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="seminar-search",
        description="Bilingual French/Korean search over the Franco-Korean local-government seminar archive.",
        epilog="Example: seminar-search search 수소 --lang fr",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--index-dir", type=Path, default=None, metavar="DIR",
                        help="index location (default: $SEMINAR_SEARCH_INDEX or your user data folder)")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    index = sub.add_parser("index", parents=[common], help="build or update the index",
                           description="Index documents. Without PATH: re-read the index's recorded sources (the bundled "
                                       "seminar corpus for a new index), picking up new, changed and deleted files. With PATH: "
                                       "add those files or folders to the sources (--replace: index only them).",
                           epilog="Examples: seminar-search index\n          seminar-search index ~/archive/seminaires")
    index.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders to add")
    index.add_argument("--replace", action="store_true", help="index only PATH, forgetting the other sources")
    index.add_argument("--encoder", default=None, help="use-m3 (default, bundled) or st:<model name or path>; default: as before")
    index.add_argument("--chunk-size", type=int, default=None, help="target chunk size in characters (default: as before, or 500)")
    index.add_argument("--dense-index", choices=["auto", "flat", "hnsw", "ivf"], default=None,
                       help="FAISS index kind (default: as before, or auto: flat, HNSW above 50,000 passages)")
    index.set_defaults(run=_cmd_index)

    remove = sub.add_parser("remove", parents=[common], help="remove documents from the index",
                            epilog="Example: seminar-search remove 2020-09-21-point-pays-coree.ko")
    remove.add_argument("docs", nargs="+", metavar="DOC", help="document id (see `seminar-search info`)")
    remove.set_defaults(run=_cmd_remove)

    search = sub.add_parser("search", parents=[common], help="search the archive",
                            description="Search in French, Korean or English; several queries at once or one per line with --stdin.",
                            epilog="Examples: seminar-search search hydrogène 재활용 --lang all -k 5\n"
                                   "          printf '수소\\nurban farming\\n' | seminar-search search --stdin --json --lang fr")
    search.add_argument("queries", nargs="*", metavar="QUERY")
    search.add_argument("--stdin", action="store_true", help="read one query per line from standard input")
    search.add_argument("--lang", default="all", help="passage language: fr, ko, en or all (default)")
    search.add_argument("-k", type=int, default=10, help="number of results (default 10)")
    search.add_argument("--mode", default="hybrid", help="hybrid (default), dense or lexical")
    search.add_argument("--doc", action="append", default=[], help="restrict to a document id (repeatable)")
    search.add_argument("--speaker", default="", help="restrict to a speaker or city")
    search.add_argument("--no-expand", action="store_true", help="no cross-language glossary expansion")
    search.add_argument("--json", action="store_true", help="JSON Lines output, one object per query")
    search.set_defaults(run=_cmd_search)

    info = sub.add_parser("info", parents=[common], help="what is indexed", epilog="Example: seminar-search info")
    info.add_argument("--json", action="store_true")
    info.set_defaults(run=_cmd_info)

    evaluate = sub.add_parser("eval", parents=[common], help="retrieval quality on a query set",
                              epilog="Example: seminar-search eval eval/dev.jsonl --lang fr")
    evaluate.add_argument("file", type=Path, metavar="FILE", help="JSON Lines query set")
    evaluate.add_argument("--lang", default="fr", help="passage language: fr (default), ko, en or all")
    evaluate.add_argument("--mode", default="hybrid")
    evaluate.add_argument("--no-expand", action="store_true")
    evaluate.add_argument("--json", action="store_true", help="print the full report as JSON")
    evaluate.set_defaults(run=_cmd_eval)

    terms = sub.add_parser("terms", parents=[common], help="terminology look-up and glossary export",
                           description="Glossary entries for a term in any language, with concordance lines from both languages.",
                           epilog="Examples: seminar-search terms 수소\n          seminar-search terms --export tbx -o glossaire.tbx")
    terms.add_argument("term", nargs="?", help="a French, Korean or English term")
    terms.add_argument("--json", action="store_true")
    terms.add_argument("--export", choices=["csv", "tbx"], help="export the whole glossary instead")
    terms.add_argument("-o", "--output", type=Path, help="file to write the export to (default: standard output)")
    terms.set_defaults(run=_cmd_terms)

    serve = sub.add_parser("serve", parents=[common], help="start the web interface",
                           description="Serve the Gradio interface (indexes the bundled corpus first if needed).",
                           epilog="Example: seminar-search serve --port 7860")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=7860)
    serve.add_argument("--auth", default=None, metavar="USER:PASSWORD", help="require a login (use it with a non-local --host)")
    serve.add_argument("--open", action="store_true", help="open the page in a browser")
    serve.set_defaults(run=_cmd_serve)
    return parser


def _quiet_libraries() -> None:
    for name, value in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"), ("HF_HUB_DISABLE_TELEMETRY", "1"),
                        ("GRADIO_ANALYTICS_ENABLED", "False"), ("TOKENIZERS_PARALLELISM", "false")):
        os.environ.setdefault(name, value)


def _index_dir(args) -> Path:
    from index.store import default_index_dir

    return args.index_dir or default_index_dir()


def _cmd_index(args) -> int:
    from index.builder import build_index, options_for

    if args.chunk_size is not None and args.chunk_size < 50:
        raise SeminarSearchError(f"--chunk-size {args.chunk_size} is too small: use 50 or more")
    index_dir = _index_dir(args)
    options = options_for(index_dir, encoder=args.encoder, chunk_size=args.chunk_size, dense_kind=args.dense_index)
    report = build_index(args.paths or None, index_dir, options, progress=sys.stderr.isatty(), add=not args.replace)
    _print_build_report(report)
    return 0


def _cmd_remove(args) -> int:
    from corpus.errors import InvalidOptionError
    from index.builder import build_index, options_for
    from index.store import load_index

    index_dir = _index_dir(args)
    data = load_index(index_dir)
    for doc in args.docs:
        if doc not in data.documents:
            raise InvalidOptionError("document", doc, sorted(data.documents))
    report = build_index(None, index_dir, options_for(index_dir), exclude=args.docs)
    _print_build_report(report)
    return 0


def _print_build_report(report) -> None:
    for line in report.warnings:
        print(f"warning: {line}", file=sys.stderr)
    for line in report.notes:
        print(f"note: {line}", file=sys.stderr)
    languages = ", ".join(f"{lang} {count}" for lang, count in sorted(report.chunks_by_lang.items()))
    print(f"indexed {report.documents} documents, {sum(report.chunks_by_lang.values())} chunks ({languages}) in {report.seconds:.1f} s")
    changes = [f"{label} {len(ids)}" for label, ids in (("added", report.added), ("changed", report.changed), ("removed", report.removed)) if ids]
    if changes:
        print(f"documents {', '.join(changes)}; passages encoded {report.encoded}, reused {report.reused}")
    print(f"index: {report.location}")


def _open_engine(args):
    from index.analysis import start_korean_warm_up

    start_korean_warm_up()  # first, so that Kiwi loads while the heavier modules import
    from index.store import current_generation
    from search.engine import SearchEngine

    index_dir = _index_dir(args)
    if current_generation(index_dir) is None:
        from index.builder import build_index

        print(f"no index in {index_dir} yet: indexing the bundled seminar corpus first…", file=sys.stderr)
        build_index(None, index_dir)
    return SearchEngine.open(index_dir)


def _cmd_search(args) -> int:
    from search.engine import SearchOptions

    queries = list(args.queries)
    if args.stdin:
        queries += [line for line in sys.stdin.read().splitlines() if line.strip()]
    if not queries:
        raise SeminarSearchError("no query given: pass QUERY arguments or --stdin")
    options = SearchOptions(lang=args.lang, k=args.k, mode=args.mode, docs=tuple(args.doc), speaker=args.speaker, expand=not args.no_expand)
    engine = _open_engine(args)
    for query in queries:
        response = engine.search(query, options)
        for notice in response.notices:
            print(f"note: {notice}", file=sys.stderr)
        if args.json:
            print(json.dumps(response.to_dict(), ensure_ascii=False), flush=True)
        else:
            print(_format_response(response), flush=True)
    return 0


def _format_response(response) -> str:
    from search.highlight import mark_terms

    lines = [f"## {response.query}  [{response.query_lang} → {response.lang}, {response.mode}]"]
    if response.expansions:
        lines.append("   expanded: " + ", ".join(f"{e['from']} → {e['to']}" for e in response.expansions))
    if not response.results:
        lines.append("   no result")
    for result in response.results:
        badge = " (working translation)" if result.translated else ""
        where = " · ".join(part for part in (result.section, result.speaker, result.time_code) if part)
        lines.append(f"{result.rank:>2}. [{result.lang}] {result.title}{badge} — {where}  ({result.score:.4f})")
        text = mark_terms(result.text, result.matched, style="ansi" if sys.stdout.isatty() else "brackets")
        lines.extend("     " + line for line in text.splitlines())
    return "\n".join(lines) + "\n"


def _cmd_info(args) -> int:
    from index.store import load_index

    data = load_index(_index_dir(args))
    manifest = data.manifest
    if args.json:
        print(json.dumps(manifest, ensure_ascii=False, indent=1))
        return 0
    print(f"index: {data.location}")
    print(f"built: {manifest['built_at']}  encoder: {manifest['encoder']['id']} ({manifest['encoder']['dimension']} d)  "
          f"chunker: v{manifest['chunker_version']}  dense: {manifest['dense']['kind']}")
    for doc_id, doc in manifest["documents"].items():
        translation = f"  [working translation of {doc['translation_of']}]" if doc.get("translation_of") else ""
        links = len(data.documents[doc_id].links)
        link_note = f", {links} links kept as metadata" if links else ""
        print(f"  {doc_id}  ({doc['language']}, {doc['chunks']} chunks{link_note}){translation}\n      {doc['title']}")
    return 0


def _cmd_eval(args) -> int:
    from search.engine import SearchOptions
    from search.evaluate import evaluate, format_report, read_queries

    queries = read_queries(args.file)
    engine = _open_engine(args)
    report = evaluate(engine, queries, SearchOptions(lang=args.lang, mode=args.mode, expand=not args.no_expand))
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print(format_report(report))
    return 0


def _cmd_terms(args) -> int:
    from corpus.errors import ExportError
    from search.terms import export_glossary, lookup_terms

    if not args.export and not args.term:
        raise SeminarSearchError("give a TERM to look up, or --export csv|tbx")
    engine = _open_engine(args)
    if args.export:
        content = export_glossary(engine, args.export)
        if not args.output:
            sys.stdout.write(content)
            return 0
        try:
            args.output.write_text(content, encoding="utf-8")
        except OSError as error:
            raise ExportError(f"cannot write {args.output}: {error.strerror or error}") from None
        print(f"wrote {len(engine.glossary)} entries to {args.output}", file=sys.stderr)
        return 0
    lookup = lookup_terms(engine, args.term)
    if args.json:
        print(json.dumps(lookup.to_dict(), ensure_ascii=False))
        return 0
    if not lookup.entries:
        hint = f" Nearest glossary terms: {', '.join(lookup.suggestions)}." if lookup.suggestions else ""
        print(f"No glossary entry for {args.term!r}.{hint}")
        return 0
    for item in lookup.entries:
        entry = item.entry
        print(f"■ {' | '.join(entry.fr)}  ·  {' | '.join(entry.ko)}  ·  {' | '.join(entry.en)}   [{entry.domain}]")
        if entry.notes:
            print(f"  {entry.notes}")
        for line in item.attestations:
            badge = " (working translation)" if line.translated else ""
            print(f"  [{line.lang}] …{line.left[-45:]} [[{line.term}]] {line.right[:45]}…  — {line.section or line.title}{badge}")
            if line.lang == "fr" and line.aligned:
                print(f"       ↳ ko: {' '.join(line.aligned[0]['text'].split())[:110]}…")
        print()
    return 0


def _cmd_serve(args) -> int:
    import ui

    auth = None
    if args.auth:
        user, _, password = args.auth.partition(":")
        if not user or not password:
            raise SeminarSearchError("--auth must be USER:PASSWORD")
        auth = (user, password)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"warning: serving on {args.host}: other machines on the network can reach this page"
              + ("" if auth else "; consider --auth USER:PASSWORD"), file=sys.stderr)
    engine = _open_engine(args)
    ui.launch(engine, host=args.host, port=args.port, auth=auth, open_browser=args.open)
    return 0


if __name__ == "__main__":
    sys.exit(main())
