"""How long a user waits: the load floor, a one-shot search, and `serve` until the REST API answers.

    python benchmarks/startup.py [--rounds 3] [--index-dir DIR]

One run prints, for each round and as medians: (a) the floor, a fresh process
that only loads the encoder (until it can encode) and Kiwi; (b) `seminar-search search 수소 --json`;
(c) `seminar-search serve` until `GET /api/search` answers; and the ratios
b/a (target ≤ 1.5) and c/b (target ≤ 3). Rounds are interleaved so that the
machine's load weighs on all three alike.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The encoder is loaded once it can encode: USE-m3 reads its weights on the first call, not in its constructor.
FLOOR = (
    "from index.encoders import load_encoder; from index.analysis import warm_up_korean; "
    "load_encoder('use-m3').encode_queries(['x']); warm_up_korean()"
)
ENV = {
    **os.environ,
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "NO_PROXY": "127.0.0.1,localhost",
    "PYTHONPATH": str(ROOT),
}
SERVE_TIMEOUT_S = 300


def cli() -> list[str]:
    return [sys.executable, "-m", "app.cli"]


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def serve_until_answer(index_dir: Path) -> float:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/api/search?q=%EC%88%98%EC%86%8C"
    start = time.perf_counter()
    server = subprocess.Popen(
        [*cli(), "serve", "--port", str(port), "--index-dir", str(index_dir)],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while time.perf_counter() - start < SERVE_TIMEOUT_S:
            try:
                with urllib.request.urlopen(url, timeout=5) as answer:
                    if answer.status == 200:
                        return time.perf_counter() - start
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("serve did not answer")
    finally:
        server.terminate()
        server.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--index-dir", type=Path, default=None, help="an index of the bundled corpus (built if absent)")
    args = parser.parse_args(argv)
    index_dir = args.index_dir or Path(tempfile.mkdtemp(prefix="startup-bench-")) / "index"
    if not (index_dir / "CURRENT").exists():
        subprocess.run(
            [*cli(), "index", "--index-dir", str(index_dir)], cwd=ROOT, env=ENV, check=True, stdout=subprocess.DEVNULL
        )
    figures: dict[str, list[float]] = {"floor": [], "search": [], "serve": []}
    for round_number in range(1, args.rounds + 1):
        figures["floor"].append(timed([sys.executable, "-c", FLOOR]))
        figures["search"].append(timed([*cli(), "search", "수소", "--json", "--index-dir", str(index_dir)]))
        figures["serve"].append(serve_until_answer(index_dir))
        print(f"round {round_number}: " + ", ".join(f"{name} {values[-1]:.2f} s" for name, values in figures.items()))
    floor, search, serve = (statistics.median(figures[name]) for name in ("floor", "search", "serve"))
    print(
        f"median: (a) floor {floor:.2f} s  (b) one-shot search {search:.2f} s  "
        f"(c) serve until /api/search {serve:.2f} s"
    )
    print(f"ratios: b/a = {search / floor:.2f} (target ≤ 1.5)   c/b = {serve / search:.2f} (target ≤ 3)")
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
