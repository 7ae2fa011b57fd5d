"""Speed and memory of the command-line search on the bundled corpus.

Run: python benchmarks/bench.py [--runs N]
Prints: index build time (full, and after one changed document), warm query latency
p50/p95 over the dev queries in one process (per mode), cold one-shot
`seminar-search search` time with an existing index, and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="repetitions of each warm query")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    from corpus.loader import BUNDLED_CORPUS
    from index.builder import build_index
    from index.encoders import load_encoder
    from search.engine import SearchEngine, SearchOptions
    from search.evaluate import read_queries

    queries = [q.query for q in read_queries(ROOT / "eval" / "dev.jsonl")]
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        started = time.perf_counter()
        encoder = load_encoder("use-m3")
        build_index(None, scratch / "index", encoder=encoder)
        full_build = time.perf_counter() - started

        corpus_copy = scratch / "corpus"
        shutil.copytree(BUNDLED_CORPUS, corpus_copy)
        build_index([corpus_copy], scratch / "copy-index", encoder=encoder)
        changed = corpus_copy / "fr" / "2020-09-21-point-pays-coree.txt"
        changed.write_text(
            changed.read_text(encoding="utf-8") + "\n\nUne phrase ajoutée pour la mesure.\n", encoding="utf-8"
        )
        started = time.perf_counter()
        report = build_index([corpus_copy], scratch / "copy-index", encoder=encoder)
        incremental = time.perf_counter() - started
        started = time.perf_counter()
        build_index([corpus_copy], scratch / "full-index", encoder=encoder)
        full_copy = time.perf_counter() - started

        engine = SearchEngine.open(scratch / "index", encoder=encoder)
        latencies: dict[str, list[float]] = {}
        for mode in ("hybrid", "dense", "lexical"):
            options = SearchOptions(lang="fr", mode=mode)
            engine.search(queries[0], options)  # warm caches (Kiwi, stemmers)
            timings = []
            for _ in range(args.runs):
                for query in queries:
                    started = time.perf_counter()
                    engine.search(query, options)
                    timings.append((time.perf_counter() - started) * 1000)
            latencies[mode] = timings

        cold = []
        command = [
            shutil.which("seminar-search") or sys.executable,
            *([] if shutil.which("seminar-search") else ["-m", "app.cli"]),
        ]
        for _ in range(5):
            started = time.perf_counter()
            subprocess.run(
                [*command, "search", "수소", "--json", "--lang", "fr", "--index-dir", str(scratch / "index")],
                check=True,
                capture_output=True,
            )
            cold.append(time.perf_counter() - started)

    own_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    figures = {
        "build_full_s": round(full_build, 2),
        "build_after_one_change_s": round(incremental, 2),
        "build_full_same_corpus_s": round(full_copy, 2),
        "incremental_over_full": round(incremental / full_copy, 2),
        "passages_reencoded_after_change": report.encoded,
        "warm_ms": {
            mode: {"p50": round(statistics.median(t), 2), "p95": round(percentile(t, 0.95), 2), "n": len(t)}
            for mode, t in latencies.items()
        },
        "cold_one_shot_s": {"p50": round(statistics.median(cold), 2), "max": round(max(cold), 2)},
        "peak_rss_mb": {"benchmark_process": round(own_rss), "one_shot_cli": round(child_rss)},
        "chunks": len(engine.chunks),
    }
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
