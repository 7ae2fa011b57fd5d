"""``seminar-search``: index, search, look up terms, evaluate, serve.

This module assembles the parser from ``app.commands`` (one module per command,
each registering its own subparser), converts domain errors into one line on
stderr and exit code 2, and runs the command. Heavy imports happen inside the
commands so that ``--help`` is instant.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from app import commands
from app.env import offline_environment
from corpus.errors import SeminarSearchError

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in one line, like the domain errors, and keeps examples on their lines."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)
        self.command_names: list[str] = []  # filled by build_parser, for "did you mean"

    def error(self, message: str):  # noqa: D401 - argparse API
        self.exit(EXIT_USAGE, f"seminar-search: error: {message} (see --help)\n")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser()
    if argv and not argv[0].startswith("-") and argv[0] not in parser.command_names:
        print(
            f"seminar-search: error: unknown command {argv[0]!r}{_did_you_mean(argv[0], parser)} (see --help)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_request:  # --help, or a usage error already printed in one line
        return int(exit_request.code or 0)
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        print("seminar-search: error: no command given", file=sys.stderr)
        return EXIT_USAGE
    offline_environment()
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        return args.run(args) or 0
    except SeminarSearchError as error:
        from app.terminal import for_terminal

        print(f"seminar-search: error: {for_terminal(error)}", file=sys.stderr)  # messages quote queries and paths
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("seminar-search: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `seminar-search search … | head`
        return 0


def build_parser() -> _Parser:
    parser = _Parser(
        prog="seminar-search",
        description="Bilingual French/Korean search over the Franco-Korean local-government seminar archive.",
        epilog="Examples:\n  seminar-search search 수소 --lang fr\n  seminar-search serve",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--index-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="index location (default: $SEMINAR_SEARCH_INDEX or your user data folder)",
    )
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    for module in commands.modules():
        module.register(sub, common)
    parser.command_names = list(sub.choices)
    return parser


def _did_you_mean(word: str, parser: _Parser) -> str:
    close = difflib.get_close_matches(word, parser.command_names, n=1, cutoff=0.6)
    return f": did you mean {close[0]!r}?" if close else ""


if __name__ == "__main__":
    sys.exit(main())
