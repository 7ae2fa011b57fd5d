"""Warm search latency of this tree against another checkout (the previous landing), rounds interleaved.

    git worktree add /tmp/previous <commit>
    python benchmarks/warm.py --against /tmp/previous [--rounds 3] [--mode hybrid]

Each tree indexes the bundled corpus with its own code (once, in a temporary folder), then,
in a fresh process per round, loads its engine, warms it up as its server does (Kiwi, the
first-call costs; ``SearchEngine.warm_up`` where it exists) and times the 104 queries of
eval/dev.jsonl: a first pass, where each query is new to the engine (nothing of it is
cached yet), and a second pass of the same queries (what a user re-running a query with
another filter gets). Prints each tree's p50 and the ratio this ÷ other.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "eval" / "dev.jsonl"
WORKER = """
import json, sys, time
from search.engine import SearchEngine
engine = SearchEngine.open(sys.argv[1])
# What each tree's server does before its first user: warm_up() where the engine has it, else one search.
engine.warm_up() if hasattr(engine, "warm_up") else engine.search("hydrogène")
queries = [json.loads(line)["query"] for line in open(sys.argv[2], encoding="utf-8")]
passes = []
for _ in range(2):
    times = []
    for query in queries:
        start = time.perf_counter()
        engine.search(query, mode=sys.argv[3])
        times.append(time.perf_counter() - start)
    passes.append(times)
print(json.dumps(passes))
"""


def environment(tree: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(tree), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


def build(tree: Path, index_dir: Path) -> None:
    subprocess.run([sys.executable, "-m", _cli_module(tree), "index", "--index-dir", str(index_dir)], cwd=tree,
                   env=environment(tree), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _cli_module(tree: Path) -> str:
    return "app.cli" if (tree / "app" / "cli.py").exists() else "search.cli"  # before the front ends moved


def timed_passes(tree: Path, index_dir: Path, mode: str) -> list[list[float]]:
    out = subprocess.run([sys.executable, "-c", WORKER, str(index_dir), str(QUERIES), mode], cwd=tree,
                         env=environment(tree), check=True, capture_output=True, text=True).stdout
    return json.loads(out.splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--against", type=Path, required=True, help="another checkout of the project")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--mode", default="hybrid", choices=("hybrid", "dense", "lexical"))
    args = parser.parse_args(argv)
    trees = {"this": ROOT, "other": args.against.resolve()}
    scratch = Path(tempfile.mkdtemp(prefix="warm-bench-"))
    for name, tree in trees.items():
        build(tree, scratch / name)
    first: dict[str, list[float]] = {name: [] for name in trees}
    again: dict[str, list[float]] = {name: [] for name in trees}
    for round_number in range(1, args.rounds + 1):
        for name, tree in trees.items():
            new, repeated = timed_passes(tree, scratch / name, args.mode)
            first[name] += new
            again[name] += repeated
        print(f"round {round_number}: " + ", ".join(
            f"{name} p50 {statistics.median(first[name]) * 1000:.2f} / {statistics.median(again[name]) * 1000:.2f} ms"
            for name in trees))
    for label, figures in (("queries new to the engine", first), ("the same queries again", again)):
        this, other = (statistics.median(figures[name]) * 1000 for name in ("this", "other"))
        print(f"{args.mode}, {label}: this p50 {this:.2f} ms, other {other:.2f} ms, this ÷ other = {this / other:.2f}")
    print(f"load: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
