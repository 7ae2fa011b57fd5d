"""Ablations and sweeps on the dev set: the measurements behind the defaults.

Run: python eval/experiments.py [--quick]
Prints hit@5 / MRR@10 per direction for each variant, with FR and KO passages.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus.chunker import ChunkingOptions  # noqa: E402
from index.builder import BuildOptions, build_index  # noqa: E402
from index.encoders import load_encoder  # noqa: E402
from search.engine import SearchEngine, SearchOptions  # noqa: E402
from search.evaluate import evaluate, read_queries  # noqa: E402

DIRECTIONS = ("KO→FR", "FR→FR", "EN→FR", "KO→KO", "FR→KO", "EN→KO")


def row(engine: SearchEngine, queries, label: str, **search) -> str:
    cells = []
    for lang in ("fr", "ko"):
        report = evaluate(engine, queries, SearchOptions(lang=lang, **search))
        for name, metrics in report["directions"].items():
            cells.append((name, metrics["hit@5"], metrics["mrr@10"]))
    cells.sort(key=lambda cell: DIRECTIONS.index(cell[0]))
    return f"{label:<34}" + "".join(f"{h:>6.2f}/{m:.2f}" for _, h, m in cells)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--queries", type=Path, default=ROOT / "eval" / "dev.jsonl")
    parser.add_argument("--quick", action="store_true", help="weights and modes only, default chunking")
    args = parser.parse_args()
    queries = read_queries(args.queries)
    encoder = load_encoder("use-m3", threads=1)
    print(f"{'variant':<34}" + "".join(f"{d:>12}" for d in DIRECTIONS) + "   (hit@5/MRR@10)")
    with tempfile.TemporaryDirectory() as scratch:
        base_dir = Path(scratch) / "base"
        build_index(None, base_dir, BuildOptions(), encoder=encoder)
        engine = SearchEngine.open(base_dir, encoder=encoder)
        base = engine.weights
        print(row(engine, queries, "hybrid (default)"))
        print(row(engine, queries, "dense only", mode="dense"))
        print(row(engine, queries, "lexical only", mode="lexical"))
        print(row(engine, queries, "hybrid, no glossary expansion", expand=False))
        for label, weights in (
            ("no pivot", replace(base, pivot=0.0)),
            ("pivot 0.5", replace(base, pivot=0.5)),
            ("pivot 1.2", replace(base, pivot=1.2)),
            ("expansion 0.3", replace(base, expansion=0.3)),
            ("expansion 1.0", replace(base, expansion=1.0)),
            ("dense 0.7", replace(base, dense=0.7)),
            ("lexical 0.7", replace(base, lexical=0.7)),
            ("depth 30", replace(base, depth=30)),
            ("short-query dense 1.0 (off)", replace(base, short_query_dense=1.0)),
            ("short-query dense 0.3", replace(base, short_query_dense=0.3)),
        ):
            engine.weights = weights
            print(row(engine, queries, label))
        engine.weights = base
        if args.quick:
            return
        for size in (250, 350, 500, 700, 900):
            for context in (True, False):
                folder = Path(scratch) / f"s{size}{context}"
                build_index(
                    None,
                    folder,
                    BuildOptions(chunking=ChunkingOptions(target_chars=size), context_in_embedding=context),
                    encoder=encoder,
                )
                sized = SearchEngine.open(folder, encoder=encoder)
                print(row(sized, queries, f"chunks {size}, context {'on' if context else 'off'} ({len(sized.chunks)})"))


if __name__ == "__main__":
    main()
