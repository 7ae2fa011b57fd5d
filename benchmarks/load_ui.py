"""Load test of the web interface: concurrent gradio_client users on the /search endpoint.

    python benchmarks/load_ui.py                      # 20 clients x 50 queries
    python benchmarks/load_ui.py --clients 5 --queries 10 --index-dir /tmp/index

Starts the server (``python ui.py``, its own process, so that the clients'
threads do not share its interpreter lock) on a free loopback port, measures
one client alone, then runs the clients in threads, prints latency percentiles
(p50/p95 of the round trip as a client sees it), the error count, and how many
answers differ from the same search run directly on the engine (the engine is
deterministic, so any difference is a concurrency bug), then stops the server.
Timings are noisy on shared machines: compare runs made on the same machine,
side by side.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # gradio_client looks up the hub otherwise
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = (
    ("hydrogène", "all"),
    ("재활용", "fr"),
    ("탄소중립", "all"),
    ("urban farming", "all"),
    ("gestion des déchets", "ko"),
    ("neutralité carbone", "fr"),
    ("미세먼지 저감", "all"),
    ("coopération décentralisée", "all"),
    ("빗물", "fr"),
    ("smart city", "ko"),
    ("agriculture urbaine à Goyang", "all"),
    ("수소 충전소", "all"),
    ("climate crisis", "fr"),
    ("végétalisation de la ville", "all"),
    ("산업구조 재편", "all"),
    ("waste sorting robots", "all"),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--queries", type=int, default=50, help="queries per client")
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument(
        "--index-dir", type=Path, default=None, help="index to serve (default: the usual location; built if empty)"
    )
    args = parser.parse_args(argv)

    from gradio_client import Client

    from index.store import default_index_dir
    from search.engine import SearchEngine

    args.index_dir = args.index_dir or default_index_dir()
    engine = SearchEngine.open_or_build(args.index_dir)  # builds the bundled index first if there is none
    expected = {(q, lang): engine.search(q, lang=lang, k=args.k).to_dict() for q, lang in QUERIES}
    direct = _direct_latency(engine, args.k)
    with _server(args.index_dir) as url:
        alone = _run(Client, url, SimpleNamespace(clients=1, queries=len(QUERIES), k=args.k), expected)
        report = _run(Client, url, args, expected)
    print(f"engine.search in-process: mean {direct * 1000:.0f} ms per query")
    print(f"one client alone: p50 {_percentile(sorted(alone['latencies']), 50) * 1000:.0f} ms")
    _print(report, args)
    return 1 if report["errors"] or report["mismatches"] or alone["errors"] else 0


class _server:
    """``python ui.py`` on a free loopback port, stopped on exit."""

    def __init__(self, index_dir: Path):
        self.port = _free_port()
        self.index_dir = index_dir

    def __enter__(self) -> str:
        command = [
            sys.executable,
            str(ROOT / "ui.py"),
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--index-dir",
            str(self.index_dir),
        ]
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        url = f"http://127.0.0.1:{self.port}/"
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the server stopped: {self.process.stderr.read()[-2000:]}")
            try:
                with urllib.request.urlopen(url + "config", timeout=2):
                    return url
            except OSError:
                time.sleep(0.5)
        self.__exit__()
        raise SystemExit("the server did not answer within 180 s")

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _direct_latency(engine, k: int) -> float:
    started = time.perf_counter()
    for query, lang in QUERIES:
        engine.search(query, lang=lang, k=k)
    return (time.perf_counter() - started) / len(QUERIES)


def _run(client_class, url: str, args, expected: dict) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    mismatches = [0]
    lock = threading.Lock()
    ready = threading.Barrier(args.clients)  # connect everyone first: connecting is not searching
    window: list[float] = []

    def user(number: int) -> None:
        client = client_class(url, verbose=False)
        ready.wait()
        with lock:
            window.append(time.perf_counter())
        for i in range(args.queries):
            query, lang = QUERIES[(number * 7 + i) % len(QUERIES)]  # users start at different queries
            started = time.perf_counter()
            try:
                answer = client.predict(query, lang, args.k, "hybrid", [], "", True, api_name="/search")
            except Exception as error:  # noqa: BLE001 - counted and reported, the run goes on
                with lock:
                    errors.append(f"{type(error).__name__}: {error}")
                continue
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                mismatches[0] += answer != expected[(query, lang)]
        with lock:
            window.append(time.perf_counter())

    with ThreadPoolExecutor(max_workers=args.clients) as pool:
        list(pool.map(user, range(args.clients)))
    return {"latencies": latencies, "errors": errors, "mismatches": mismatches[0], "seconds": max(window) - min(window)}


def _print(report: dict, args) -> None:
    latencies = sorted(report["latencies"])
    total = args.clients * args.queries
    print(
        f"{args.clients} clients x {args.queries} queries = {total} searches in {report['seconds']:.1f} s "
        f"({len(latencies) / report['seconds']:.1f} searches/s)"
    )
    if latencies:
        print(
            f"latency  p50 {_percentile(latencies, 50) * 1000:.0f} "
            f"ms   p95 {_percentile(latencies, 95) * 1000:.0f} ms   "
            f"max {latencies[-1] * 1000:.0f} ms   mean {statistics.fmean(latencies) * 1000:.0f} ms"
        )
    print(f"errors {len(report['errors'])}   answers differing from a direct engine.search: {report['mismatches']}")
    for line in sorted(set(report["errors"]))[:5]:
        print(f"  {line}")


def _percentile(ordered: list[float], percent: float) -> float:
    index = min(len(ordered) - 1, max(0, round(percent / 100 * len(ordered)) - 1))
    return ordered[index]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


if __name__ == "__main__":
    sys.exit(main())
