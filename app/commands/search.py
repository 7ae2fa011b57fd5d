"""``search``: ranked passages for one or more queries, readable or JSON Lines."""

from __future__ import annotations

import sys

from app.commands import add_glossary_option, open_engine
from app.terminal import for_terminal, json_for_terminal, one_line, read_stdin_text, text_argument
from corpus.errors import SeminarSearchError

DEFAULT_K = 10
ALIGNED_WIDTH = 160  # a counterpart is a reminder of the other side's wording, cut at a word boundary


def register(sub, common) -> None:
    search = sub.add_parser(
        "search", parents=[common], help="search the archive",
        description="Search in French, Korean or English; several queries at once or one per line with --stdin.",
        epilog="Examples:\n  seminar-search search hydrogène 재활용 --lang all -k 5\n"
               "  seminar-search search '\"eau de pluie\" -Suwon' --lang fr   # exact phrase, excluded word\n"
               "  printf '수소\\nurban farming\\n' | seminar-search search --stdin --json --lang fr\n"
               "  seminar-search search --entity Suwon --lang ko")
    search.add_argument("queries", nargs="*", metavar="QUERY")
    search.add_argument("--stdin", action="store_true", help="read one query per line from standard input")
    search.add_argument("--lang", default="all", help="passage language: all, fr, ko or en (default all)")
    search.add_argument("-k", type=int, default=DEFAULT_K, help=f"number of results (default {DEFAULT_K})")
    search.add_argument("--mode", default="hybrid", help="hybrid (default), dense or lexical")
    search.add_argument("--doc", action="append", default=[], help="restrict to a document id (repeatable)")
    search.add_argument("--speaker", default="", help="restrict to a speaker or city")
    search.add_argument("--entity", default="", metavar="NAME",
                        help="restrict to the passages of a place, organisation or person "
                             "(without QUERY: list them all)")
    search.add_argument("--no-expand", action="store_true", help="no cross-language glossary expansion")
    search.add_argument("--all-matches", action="store_true",
                        help="also show the weaker candidates (no matching word, low similarity), after the others")
    search.add_argument("--json", action="store_true", help="JSON Lines output, one object per query")
    add_glossary_option(search)
    search.set_defaults(run=run_search)


def run_search(args) -> int:
    from search.engine import SearchOptions

    queries = [text_argument(query, "query") for query in args.queries]
    if args.stdin:
        queries += [line for line in read_stdin_text(sys.stdin).splitlines() if line.strip()]
    speaker = text_argument(args.speaker, "--speaker")
    if not queries and args.entity.strip():
        queries = [""]  # `search --entity Suwon`: every passage of Suwon, in document order
    if not queries:
        raise SeminarSearchError("no query given: pass QUERY arguments or --stdin")
    options = SearchOptions(lang=args.lang, k=args.k, mode=args.mode, docs=tuple(args.doc), speaker=speaker,
                            expand=not args.no_expand, entity=args.entity, all_matches=args.all_matches)
    engine = open_engine(args)
    for query in queries:
        response = engine.search(query, options)
        if not response.results and speaker.strip():
            check_speaker(engine, speaker)  # nothing found: say so if no passage has that speaker at all
        for notice in response.notices:
            print(f"note: {for_terminal(notice)}", file=sys.stderr)
        if args.json:
            print(json_for_terminal(response.to_dict()), flush=True)
        else:
            print(format_response(response, engine.chunk), flush=True)
    return 0


def format_response(response, chunk_of=None) -> str:
    from search.highlight import mark_terms

    # Everything from documents and queries goes through for_terminal: no escape sequence reaches the terminal.
    lines = [for_terminal(f"## {response.query}  [{response.query_lang} → {response.lang}, {response.mode}]"),
             for_terminal("   " + summary_line(response))]
    if response.expansions:
        expanded = "; ".join(f"{source} → {', '.join(targets)}" for source, targets in response.expansion_groups())
        lines.append(for_terminal(f"   expanded: {expanded}"))
    if response.did_you_mean:
        lines.append(for_terminal(f"   did you mean: {response.did_you_mean}"))
    if not response.results:
        lines.append("   no result")
    for result in response.results:
        badge = " (original)" if result.original else " (working translation)"
        parts = (result.section, result.speaker, result.page_label, result.time_code)
        where = " · ".join(part for part in parts if part)
        score = f"  ({result.score:.4f})" if response.mode != "list" else ""  # a listing ranks nothing
        heading = f"{result.rank:>2}. [{result.lang}] {result.title}{badge} — {where}{score}"
        lines.append(for_terminal(heading))
        style = "ansi" if sys.stdout.isatty() else "brackets"
        text = mark_terms(for_terminal(result.text), result.matched, style=style)
        lines.extend("     " + line for line in text.splitlines())
        if result.video_url:
            lines.append(for_terminal(f"     ▶ {result.video_url}"))
        lines.extend(aligned_lines(result, chunk_of))
    return "\n".join(lines) + "\n"


def aligned_lines(result, chunk_of=None) -> list[str]:
    """One line per counterpart of ``result`` (what ``--json`` gives as ``aligned``), on one terminal line.

    ``chunk_of`` (an engine's ``chunk``) finds the counterpart's page or time code. The label says which side is
    the original, so that a reader of the working translation sees the original's wording under it.
    """
    lines = []
    for other in result.aligned:
        badge = "original" if other.get("original") else "working translation"
        chunk = chunk_of(other.get("id", "")) if chunk_of is not None else None
        where = _where(chunk) if chunk is not None else ""
        label = f"{other.get('lang', '?')} ({badge}{', ' + where if where else ''})"
        lines.append(f"     ↳ {for_terminal(label)}: {one_line(other.get('text', ''), ALIGNED_WIDTH)}")
    return lines


def _where(chunk) -> str:
    """"p. 7" or "00:01:05–00:01:16" for a passage whose page or recording time is known, else ""."""
    if getattr(chunk, "time_start", None) is not None:
        end = chunk.time_end if chunk.time_end is not None else chunk.time_start
        return f"{_clock(chunk.time_start)}–{_clock(end)}"
    return f"p. {chunk.page}" if getattr(chunk, "page", None) is not None else ""


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def summary_line(response) -> str:
    """How many passages matched, what is hidden below the relevance floor, and every active filter."""
    counts = f"{response.total} matching passage(s)"
    if response.weaker and len(response.results) > response.total:
        counts += f", {response.weaker} weaker shown after them"
    elif response.weaker:
        counts += f", {response.weaker} weaker hidden (--all-matches shows them)"
    filters = response.filters or {}
    active = [f"language {filters.get('lang', response.lang)}"]
    active += [f"document {doc}" for doc in filters.get("docs") or []]
    active += [f"{name} {filters[name]}" for name in ("speaker", "entity") if filters.get(name)]
    active += [f'phrase "{phrase}"' for phrase in response.phrases] + [f"without {word}" for word in response.excluded]
    return f"{counts} · filters: {', '.join(active)}"


def check_speaker(engine, speaker: str) -> None:
    """``--speaker`` is checked like ``--doc``: a name no passage has is an error with the nearest ones.

    Called only when a search found nothing, so that the engine's own matching (spellings, transcriptions) decides
    first; this only tells an empty answer from a name that is not in the archive.
    """
    import difflib

    from corpus.errors import InvalidOptionError

    wanted = speaker.strip().casefold()
    names = sorted({name for chunk in engine.chunks for name in (chunk.speaker, chunk.section) if name})
    if any(wanted in name.casefold() for name in names):
        return
    nearest = difflib.get_close_matches(speaker.strip(), names, n=5, cutoff=0.3) or names[:5]
    raise InvalidOptionError("speaker or section", speaker, [*nearest, "…"] if len(names) > len(nearest) else nearest)
