"""Large files: reading, cleaning and chunking speed (MB/s) and peak memory (RSS) for 10 MB and 50 MB files.

Each size runs in its own process, so its peak RSS is its own. The file is one
single line of French text (the worst case for the cleaning offset map, which
works line by line), written by the team for testing from a few sentences
with a counter so that no two passages are the same.

    python benchmarks/large_files.py                  # 10 MB and 50 MB, read + clean + chunk
    python benchmarks/large_files.py --sizes 2 10     # other sizes
    python benchmarks/large_files.py --full --sizes 2 # the whole index build (encoding included)
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCES = (
    "La métropole a présenté son plan climat et la rénovation énergétique des écoles, ",
    "avec des pistes cyclables, la collecte des biodéchets et le recyclage des plastiques ; ",
    "Suwon et Tours échangent sur la gestion de l'eau de pluie et l'agriculture urbaine. ",
)


def write_single_line(path: Path, megabytes: float) -> int:
    """A one-line UTF-8 file of about ``megabytes`` MB; returns its size in bytes."""
    target = int(megabytes * 1_000_000)
    with path.open("w", encoding="utf-8") as handle:
        written, counter = 0, 0
        while written < target:
            piece = f"{SENTENCES[counter % 3]}séance {counter} "
            handle.write(piece)
            written += len(piece.encode("utf-8"))
            counter += 1
        handle.write("\n")
    return path.stat().st_size


def measure(path: Path, full: bool) -> dict:
    """Run in the child: read + chunk (or the full build) and report time and peak RSS."""
    started = time.perf_counter()
    if full:
        from index.builder import build_index
        from index.encoders import load_encoder

        report = build_index([path], path.parent / "index", encoder=load_encoder("use-m3", threads=1))
        chunks = sum(report.chunks_by_lang.values())
    else:
        from corpus.chunker import chunk_document
        from corpus.loader import load_documents

        loaded = load_documents([path])
        chunks = sum(len(chunk_document(document)) for document in loaded.documents)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "chunks": chunks, "peak_rss_mb": peak_rss_mb()}


def peak_rss_mb() -> float:
    """This process's peak resident memory.

    Linux's ``VmHWM`` starts afresh at ``exec``; ``ru_maxrss`` does not: a child
    started by a large process (a test run) would report its parent's size.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux; macOS reports bytes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="+", default=[10, 50], help="file sizes in MB (default 10 50)")
    parser.add_argument("--full", action="store_true", help="time the whole index build, encoding included")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(Path(args.child), args.full)))
        return 0
    stage = "index build" if args.full else "read + clean + chunk"
    print(f"{'size':>8}  {'stage':<22}{'seconds':>9}{'MB/s':>8}{'chunks':>9}{'peak RSS':>11}")
    for megabytes in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "seance-fleuve.txt"
            size = write_single_line(path, megabytes)
            command = [sys.executable, __file__, "--child", str(path)] + (["--full"] if args.full else [])
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            if done.returncode:
                print(done.stderr, file=sys.stderr)
                return 1
            result = json.loads(done.stdout.strip().splitlines()[-1])
            print(
                f"{size / 1e6:>6.1f}MB  {stage:<22}{result['seconds']:>9.1f}{size / 1e6 / result['seconds']:>8.2f}"
                f"{result['chunks']:>9}{result['peak_rss_mb']:>9.0f}MB"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
