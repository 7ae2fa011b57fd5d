"""The commands of ``seminar-search``, one module each (a group of close commands may share one).

Each module has ``register(sub, common)``: it adds its subparser(s) to ``sub``
(with ``parents=[common]`` for the shared ``--index-dir``) and sets
``run=<function(args) -> int>``. To add a command, write its module and add its
name to ``COMMAND_MODULES``; the order is the order of ``--help``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from types import ModuleType

COMMAND_MODULES = ("index", "search", "info", "eval", "terms", "dossier", "serve")


def modules() -> list[ModuleType]:
    return [importlib.import_module(f"{__name__}.{name}") for name in COMMAND_MODULES]


def index_dir(args: argparse.Namespace) -> Path:
    from index.store import default_index_dir

    return args.index_dir or default_index_dir()


def existing_index(args: argparse.Namespace, *, build_if_absent: bool) -> Path:
    """The one check every reading command makes before opening ``--index-dir``.

    A damaged ``CURRENT`` is recovered from the newest complete generation (a
    note says so) or is one error line; it never counts as "no index", so the
    user's index is never rebuilt over. With no index at all: an error naming
    the command to build one, unless ``build_if_absent`` (then the caller builds
    the bundled corpus's index).
    """
    from corpus.errors import IndexNotFoundError
    from index.store import locate_index

    location = index_dir(args)
    located = locate_index(location)
    if located is not None and located.note:
        print(f"note: {located.note}", file=sys.stderr)
    if located is None and not build_if_absent:
        raise IndexNotFoundError(f"no index in {location} yet: build one with "
                                 f"`seminar-search index --index-dir {location}`")
    return location


def add_glossary_option(parser: argparse.ArgumentParser) -> None:
    """``--glossary FILE``: the user's own glossary, used beside the bundled one."""
    parser.add_argument("--glossary", type=Path, default=None, metavar="FILE",
                        help="your glossary file (same TSV format, e.g. from `terms --suggest -o`), used beside the "
                             "bundled glossary (default: $SEMINAR_SEARCH_GLOSSARY)")


def open_engine(args: argparse.Namespace):
    """The engine of ``--index-dir``, building the bundled corpus's index first if there is no index at all."""
    from search.engine import SearchEngine

    def announce(location: Path) -> None:
        print(f"no index in {location} yet: indexing the bundled seminar corpus first…", file=sys.stderr)

    return SearchEngine.open_or_build(existing_index(args, build_if_absent=True), on_build=announce,
                                      user_glossary=getattr(args, "glossary", None))
