"""``terms --suggest``: glossary candidates mined from the archive, written for a person to check."""

from __future__ import annotations

import json
import sys

from app.commands import open_engine
from corpus.errors import ExportError, InvalidOptionError, SeminarSearchError

MAX_SUGGESTIONS = 1000


def run_suggest(args) -> int:
    from search.suggest_terms import suggest_terms, suggestions_tsv

    if args.term or args.export:
        raise SeminarSearchError("--suggest takes no TERM and no --export")
    if not 1 <= args.limit <= MAX_SUGGESTIONS:
        raise InvalidOptionError("--limit", args.limit, [f"1 to {MAX_SUGGESTIONS}"])
    if args.output and args.output.exists() and not args.force:
        # The file may be the user's glossary, already checked by hand: never replaced implicitly.
        raise ExportError(f"{args.output} already exists: choose another file or add --force to replace it")
    suggestions = suggest_terms(open_engine(args), limit=args.limit)
    if args.json:
        content = "".join(json.dumps(s.to_dict(), ensure_ascii=False) + "\n" for s in suggestions)
    else:
        content = suggestions_tsv(suggestions)
    if not args.output:
        sys.stdout.write(content)
        return 0
    try:
        args.output.write_text(content, encoding="utf-8")
    except OSError as error:
        raise ExportError(f"cannot write {args.output}: {error.strerror or error}") from None
    print(f"wrote {len(suggestions)} suggestions to {args.output}: check them, then use --glossary {args.output} "
          f"or $SEMINAR_SEARCH_GLOSSARY", file=sys.stderr)
    return 0
