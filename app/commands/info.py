"""``info``: what is indexed."""

from __future__ import annotations

from app.commands import existing_index
from app.terminal import for_terminal, json_for_terminal


def register(sub, common) -> None:
    info = sub.add_parser("info", parents=[common], help="what is indexed", epilog="Example:\n  seminar-search info")
    info.add_argument("--json", action="store_true", help="print the index's manifest as JSON")
    info.set_defaults(run=run_info)


def run_info(args) -> int:
    """What is indexed; with no index at all, one line saying how to build one (exit 2): ``info`` only reads."""
    from index.store import load_index

    data = load_index(existing_index(args, build_if_absent=False))
    manifest = data.manifest
    if args.json:
        print(json_for_terminal(manifest.to_json(), indent=1))
        return 0
    print(f"index: {data.location}")
    print(f"built: {manifest.built_at}  encoder: {manifest.encoder.id} ({manifest.encoder.dimension} d)  "
          f"chunker: v{manifest.chunker_version}  dense: {manifest.dense.kind}")
    for doc_id, doc in manifest.documents.items():
        translation = f"  [working translation of {doc.translation_of}]" if doc.translation_of else ""
        links = len(data.documents[doc_id].links)
        link_note = f", {links} links kept as metadata" if links else ""
        print(for_terminal(f"  {doc_id}  ({doc.language}, {doc.chunks} chunks{link_note}){translation}"))
        print(for_terminal(f"      {doc.title}"))
    return 0
