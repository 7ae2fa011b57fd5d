"""``index`` and ``remove``: build, update or shrink the index."""

from __future__ import annotations

import sys
from pathlib import Path

from app.commands import existing_index, index_dir
from app.terminal import for_terminal
from corpus.errors import InvalidOptionError, SeminarSearchError

MIN_CHUNK_SIZE = 50
DENSE_KINDS = ("auto", "flat", "hnsw", "ivf")


def register(sub, common) -> None:
    index = sub.add_parser(
        "index", parents=[common], help="build or update the index",
        description="Index documents. Without PATH: re-read the index's recorded sources (the bundled seminar corpus "
                    "for a new index),\npicking up new, changed and deleted files. With PATH: add those files or "
                    "folders to the sources (--replace: index only them).",
        epilog="Examples:\n  seminar-search index\n  seminar-search index ~/archive/seminaires")
    index.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders to add")
    index.add_argument("--replace", action="store_true", help="index only PATH, forgetting the other sources")
    index.add_argument("--encoder", default=None,
                       help="use-m3 (default, bundled) or st:<model name or path>; default: as before")
    index.add_argument("--chunk-size", type=int, default=None,
                       help="target chunk size in characters (default: as before, or 600)")
    index.add_argument("--dense-index", choices=DENSE_KINDS, default=None,
                       help="FAISS index kind (default: as before, or auto: flat, HNSW above 50,000 passages)")
    index.set_defaults(run=run_index)

    remove = sub.add_parser("remove", parents=[common], help="remove documents from the index",
                            epilog="Example:\n  seminar-search remove 2020-09-21-point-pays-coree.ko")
    remove.add_argument("docs", nargs="+", metavar="DOC", help="document id (see `seminar-search info`)")
    remove.set_defaults(run=run_remove)


def run_index(args) -> int:
    from index.builder import build_index, options_for
    from search.annotations import annotate_chunks

    if args.chunk_size is not None and args.chunk_size < MIN_CHUNK_SIZE:
        raise SeminarSearchError(f"--chunk-size {args.chunk_size} is too small: use {MIN_CHUNK_SIZE} or more")
    location = index_dir(args)
    options = options_for(location, encoder=args.encoder, chunk_size=args.chunk_size, dense_kind=args.dense_index)
    report = build_index(args.paths or None, location, options, progress=sys.stderr.isatty(), add=not args.replace,
                         annotate=annotate_chunks)
    print_build_report(report)
    return 0


def run_remove(args) -> int:
    from index.builder import build_index, options_for
    from index.store import load_index
    from search.annotations import annotate_chunks

    location = existing_index(args, build_if_absent=False)
    data = load_index(location)
    for doc in args.docs:
        if doc not in data.documents:
            raise InvalidOptionError("document", doc, sorted(data.documents))
    report = build_index(None, location, options_for(location), exclude=args.docs, annotate=annotate_chunks)
    print_build_report(report)
    return 0


def print_build_report(report) -> None:
    for line in report.warnings:  # file names and document text can hold escape sequences
        print(f"warning: {for_terminal(line)}", file=sys.stderr)
    for line in report.notes:
        print(f"note: {for_terminal(line)}", file=sys.stderr)
    print(import_summary(report))
    languages = ", ".join(f"{lang} {count}" for lang, count in sorted(report.chunks_by_lang.items()))
    print(f"indexed {report.documents} documents, {sum(report.chunks_by_lang.values())} chunks ({languages}) "
          f"in {report.seconds:.1f} s")
    changes = [f"{label} {len(ids)}" for label, ids in
               (("added", report.added), ("changed", report.changed), ("removed", report.removed)) if ids]
    if changes:
        print(f"documents {', '.join(changes)}; passages encoded {report.encoded}, reused {report.reused}")
    print(f"index: {report.location}")


def import_summary(report) -> str:
    """"read 12 files (pdf 5, hwp 2, png 1); skipped 2 (unreadable 1, needs a package 1); OCR pages 7"."""
    def counts(by: dict) -> str:
        return ", ".join(f"{name} {count}" for name, count in sorted(by.items(), key=lambda item: (-item[1], item[0])))

    line = f"read {sum(report.files_by_kind.values())} files ({counts(report.files_by_kind)})"
    skipped = sum(report.skipped_by_reason.values())
    line += f"; skipped {skipped} ({counts(report.skipped_by_reason)})" if skipped else "; skipped none"
    return line + (f"; OCR pages {report.ocr_pages}" if report.ocr_pages else "")
