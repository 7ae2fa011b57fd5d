"""The REST API under load: one client against the engine's own time, 20 clients, the server's memory.

    python benchmarks/rest.py [--clients 20] [--queries 50] [--rounds 4] [--index-dir DIR]

The server runs `seminar-search serve` in its own process on loopback. One run
prints: one client's p50 of `GET /api/search` and the engine's own p50 for the
same queries in this process (target ≤ 15 ms and ≤ 3×); then ``--rounds`` rounds
of ``--clients`` × ``--queries`` searches (target ≥ 100/s, 0 errors, answers
identical to `seminar-search search --json`), with the server's RSS before and
after each round (it should level off). The 16 queries repeat, so the server's query
vectors are reused; ``--no-query-cache`` encodes each query anew, as for new queries.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.load_ui import QUERIES  # noqa: E402
from benchmarks.startup import ENV, ROOT, cli  # noqa: E402
from index.encoders import base as encoders_base  # noqa: E402
from index.encoders.base import QUERY_CACHE_ENV  # noqa: E402

K = 10
ALONE_REPEATS = 10


def expected_answers(index_dir: Path) -> dict[tuple[str, str], dict]:
    """What the CLI prints for each query: the reference the API must match."""
    answers = {}
    for lang in sorted({lang for _query, lang in QUERIES}):
        queries = [query for query, query_lang in QUERIES if query_lang == lang]
        out = subprocess.run(
            [*cli(), "search", "--stdin", "--json", "--lang", lang, "-k", str(K), "--index-dir", str(index_dir)],
            input="\n".join(queries),
            cwd=ROOT,
            env=ENV,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        answers.update({(line["query"], lang): line for line in map(json.loads, out.splitlines())})
    return answers


def engine_p50(index_dir: Path) -> float:
    from search.engine import SearchEngine, SearchOptions

    engine = SearchEngine.open(index_dir)
    for query, lang in QUERIES:  # warm: Kiwi, caches
        engine.search(query, SearchOptions(lang=lang, k=K))
    times = []
    for _ in range(ALONE_REPEATS):
        for query, lang in QUERIES:
            start = time.perf_counter()
            engine.search(query, SearchOptions(lang=lang, k=K))
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def client_run(url: str, count: int, offset: int, expected: dict) -> tuple[list[float], int, int]:
    times, errors, mismatches = [], 0, 0
    with httpx.Client(base_url=url, timeout=60) as http:
        for n in range(count):
            query, lang = QUERIES[(offset + n) % len(QUERIES)]
            start = time.perf_counter()
            answer = http.get("/api/search", params={"q": query, "lang": lang, "k": K})
            times.append(time.perf_counter() - start)
            if answer.status_code != 200:
                errors += 1
            elif answer.json() != expected[(query, lang)]:
                mismatches += 1
    return times, errors, mismatches


def start_server(index_dir: Path, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [*cli(), "serve", "--port", str(port), "--index-dir", str(index_dir)],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/documents", timeout=5).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("server did not start")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--queries", type=int, default=50, help="queries per client")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--port", type=int, default=7917)
    parser.add_argument("--index-dir", type=Path, required=True, help="an index of the bundled corpus")
    parser.add_argument("--no-query-cache", action="store_true",
                        help="encode every query anew, as if each were new (the queries here repeat)")
    args = parser.parse_args(argv)
    if args.no_query_cache:
        os.environ[QUERY_CACHE_ENV] = ENV[QUERY_CACHE_ENV] = "0"
        encoders_base.QUERY_CACHE_SIZE = 0
    expected = expected_answers(args.index_dir)
    engine = engine_p50(args.index_dir)
    server = start_server(args.index_dir, args.port)
    url = f"http://127.0.0.1:{args.port}"
    failed = 0
    try:
        client_run(url, len(QUERIES), 0, expected)  # the server's own warm-up
        alone, errors, mismatches = client_run(url, len(QUERIES) * ALONE_REPEATS, 0, expected)
        p50 = statistics.median(alone)
        print(
            f"one client: p50 {p50 * 1000:.1f} ms; engine in-process p50 {engine * 1000:.1f} ms; "
            f"ratio {p50 / engine:.1f}× (targets ≤ 15 ms, ≤ 3×); errors {errors}, mismatches {mismatches}"
        )
        failed += errors + mismatches
        print(f"server RSS at start: {rss_mb(server.pid):.0f} MB")
        for round_number in range(1, args.rounds + 1):
            failed += load_round(url, args, expected, round_number, server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"load: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")
    return 1 if failed else 0


def load_round(url, args, expected, round_number: int, pid: int) -> int:
    start = time.perf_counter()
    with ThreadPoolExecutor(args.clients) as pool:
        runs = list(pool.map(lambda n: client_run(url, args.queries, n * 7, expected), range(args.clients)))
    elapsed = time.perf_counter() - start
    times = sorted(t for run in runs for t in run[0])
    errors, mismatches = sum(run[1] for run in runs), sum(run[2] for run in runs)
    print(
        f"round {round_number}: {len(times)} searches in {elapsed:.1f} s = {len(times) / elapsed:.0f}/s "
        "(target ≥ 100); "
        f"p50 {statistics.median(times) * 1000:.0f} ms, p95 {times[int(len(times) * 0.95)] * 1000:.0f} ms; "
        f"errors {errors}, mismatches {mismatches}; server RSS {rss_mb(pid):.0f} MB"
    )
    return errors + mismatches


if __name__ == "__main__":
    sys.exit(main())
