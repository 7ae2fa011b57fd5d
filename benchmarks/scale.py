"""How the dense index scales: flat, HNSW and IVF at 10k, 100k and 1M chunks.

Run: python benchmarks/scale.py [--sizes 10000 100000 1000000] [--kinds flat hnsw ivf ivf-sqrt]

For each size a synthetic archive of 512-d L2-normalised float32 vectors is
generated with the structure of sentence embeddings (overlapping topics in a
low-dimensional latent space, see ``synthetic_vectors``), plus 200 queries
drawn the same way; the exact top-10 of each query (flat inner product) is
the reference for recall@10.

Each (size, kind) runs in its own process, so its peak RSS is its own: the
vectors (an index build holds them) plus the index. Reported: build time,
size of the index file (``faiss.write_index``), peak RSS, search latency
p50/p95 over the queries one at a time (``index.dense.search_dense``, query
encoding excluded), recall@10, and the same for a sweep of HNSW efSearch /
IVF nprobe values. Searches run on one OpenMP thread (faiss parallelises over
queries, so one query gains nothing from more); the p50/p95 with all threads,
what a process that never sets the thread count gets, are reported beside.

Kinds: ``flat``, ``hnsw`` and ``ivf`` are built by
``index.dense.build_dense_index`` with its defaults; ``ivf-sqrt`` is the IVF
construction proposed for large archives (sqrt(n) lists, shorter k-means
training), built here the same way but for those two parameters.

Builds that would take longer than ``--max-build-minutes`` (default 5,
estimated from the build time per vector at the previous size) are skipped
and reported as such: by default the 1M HNSW and IVF builds (9 and ~10
minutes on two cores), which keeps a run under 15 minutes; pass
``--max-build-minutes 30`` for everything. Then the bundled corpus is re-indexed after one changed
document and compared with a full rebuild. The table is printed, written to
the "## Scale" section of benchmarks/README.md, and plotted to docs/scale.png.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DIMENSION = 512
LATENT, TOPICS, SPREAD, NOISE = 32, 256, 1.3, 0.15
K = 10
TARGET_P50_MS = 10.0
TARGET_RECALL = 0.95
TARGET_RSS_GB = 8.0
SWEEPS = {
    "hnsw": ("efSearch", (16, 32, 64, 128, 256)),
    "ivf": ("nprobe", (4, 8, 16, 32, 64, 128, 256)),
    "ivf-sqrt": ("nprobe", (4, 8, 16, 32, 64, 128, 256)),
}
KINDS = ("flat", "hnsw", "ivf", "ivf-sqrt")


# --------------------------------------------------------------------------- data


def synthetic_vectors(count: int, seed: int, structure_seed: int = 0) -> np.ndarray:
    """``count`` unit vectors with the neighbourhoods of sentence embeddings.

    Text embeddings have a low intrinsic dimension and topical clusters that
    overlap: here points of a 32-d latent mixture of 256 topics (spread 1.3,
    so topics blend into each other), mapped into 512-d, plus a little
    isotropic noise. A query's nearest passage then has cosine ~0.70 and its
    10th ~0.63, and approximate search has to work for its recall: IVF at one
    probe finds about half of the top-10, not all of it. Topics and the
    mapping come from ``structure_seed``, so that queries (another ``seed``)
    come from the same distribution as the archive.
    """
    structure = np.random.default_rng(structure_seed)
    topics = structure.standard_normal((TOPICS, LATENT)).astype(np.float32)
    basis = np.linalg.qr(structure.standard_normal((DIMENSION, LATENT)))[0].T.astype(np.float32)
    rng = np.random.default_rng(seed)
    out = np.empty((count, DIMENSION), dtype=np.float32)
    for start in range(0, count, 100_000):  # in slices: the noise of 1M vectors at once is another 2 GB
        end = min(count, start + 100_000)
        latent = topics[rng.integers(0, TOPICS, end - start)] + SPREAD * rng.standard_normal(
            (end - start, LATENT), dtype=np.float32
        )
        noise = NOISE / np.sqrt(DIMENSION) * rng.standard_normal((end - start, DIMENSION), dtype=np.float32)
        out[start:end] = _unit(_unit(latent) @ basis + noise)
    return out


def _unit(matrix: np.ndarray) -> np.ndarray:
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def prepare(size: int, queries: int, workdir: Path) -> Path:
    """Write the vectors, the queries and the exact top-k for ``size``; returns the folder."""
    import faiss

    folder = workdir / f"n{size}"
    if (folder / "truth.npy").exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    vectors = synthetic_vectors(size, seed=size)
    query_vectors = synthetic_vectors(queries, seed=1)
    exact = faiss.IndexFlatIP(DIMENSION)
    exact.add(vectors)
    _, truth = exact.search(query_vectors, K)
    np.save(folder / "vectors.npy", vectors)
    np.save(folder / "queries.npy", query_vectors)
    np.save(folder / "truth.npy", truth)
    return folder


# ------------------------------------------------------------- one (size, kind)


def build(kind: str, vectors: np.ndarray):
    """The index of ``kind`` over ``vectors`` (ids 0..n-1)."""
    from index.dense import build_dense_index

    ids = np.arange(len(vectors), dtype=np.int64)
    if kind == "ivf-sqrt":
        return build_ivf_sqrt(vectors, ids)
    return build_dense_index(vectors, ids, kind)


def build_ivf_sqrt(vectors: np.ndarray, ids: np.ndarray):
    """IVF with sqrt(n) lists trained on 40 points per list (faiss warns below 39), 10 k-means iterations.

    ``index.dense`` uses 4·sqrt(n) lists, 64 training points per list and
    faiss' 25 iterations: at 1M vectors that is ~16x more training work, tens
    of minutes on two cores, for a search that is already fast enough here.
    """
    import faiss

    lists = max(1, min(4096, int(np.sqrt(len(vectors)))))
    quantizer = faiss.IndexFlatIP(DIMENSION)
    index = faiss.IndexIVFFlat(quantizer, DIMENSION, lists, faiss.METRIC_INNER_PRODUCT)
    index.cp.niter = 10
    sample = (
        vectors
        if len(vectors) <= lists * 40
        else vectors[np.random.default_rng(0).choice(len(vectors), lists * 40, replace=False)]
    )
    index.train(sample)
    index.nprobe = max(1, lists // 32)
    index.add_with_ids(vectors, ids)
    return index


def set_search_parameter(index, kind: str, value: int) -> None:
    import faiss

    if kind == "hnsw":
        faiss.downcast_index(index.index).hnsw.efSearch = value
    else:
        index.nprobe = min(value, index.nlist)


def current_parameter(index, kind: str) -> int | None:
    import faiss

    if kind == "hnsw":
        return int(faiss.downcast_index(index.index).hnsw.efSearch)
    if kind.startswith("ivf"):
        return int(index.nprobe)
    return None


def measure_search(index, queries: np.ndarray, truth: np.ndarray) -> dict:
    """Latency of one query at a time (warm), and recall@10 against the exact top-10."""
    from index.dense import search_dense

    for query in queries[:10]:  # warm-up: first calls pay page faults and thread start
        search_dense(index, query[None, :], K)
    latencies, hits = [], 0
    for query, expected in zip(queries, truth):
        started = time.perf_counter()
        _, ids = search_dense(index, query[None, :], K)
        latencies.append((time.perf_counter() - started) * 1000)
        hits += len(set(ids[0].tolist()) & set(expected.tolist()))
    ordered = sorted(latencies)
    return {
        "p50_ms": ordered[len(ordered) // 2],
        "p95_ms": ordered[int(len(ordered) * 0.95) - 1],
        "recall": hits / (len(queries) * K),
    }


def run_one(folder: Path, kind: str) -> dict:
    """Build, save and query one index; runs in a child process (see ``main``)."""
    import faiss

    vectors = np.load(folder / "vectors.npy")
    queries, truth = np.load(folder / "queries.npy"), np.load(folder / "truth.npy")
    started = time.perf_counter()
    index = build(kind, vectors)
    build_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        faiss.write_index(index, str(Path(tmp) / "dense.faiss"))
        size_mb = (Path(tmp) / "dense.faiss").stat().st_size / 2**20
    threads = faiss.omp_get_max_threads()
    all_threads = measure_search(index, queries, truth)
    # One query uses one thread anyway (faiss parallelises over queries); with
    # OpenMP threads on a busy 2-core machine it waits for a descheduled one.
    faiss.omp_set_num_threads(1)
    result = {
        "size": len(vectors),
        "kind": kind,
        "build_s": build_s,
        "file_mb": size_mb,
        "parameter": current_parameter(index, kind),
        **measure_search(index, queries, truth),
        "p50_ms_omp": all_threads["p50_ms"],
        "p95_ms_omp": all_threads["p95_ms"],
        "omp_threads": threads,
    }
    sweep = []
    if kind in SWEEPS:
        default = result["parameter"]
        for value in SWEEPS[kind][1]:
            set_search_parameter(index, kind, value)
            sweep.append({"value": value, **measure_search(index, queries, truth)})
        set_search_parameter(index, kind, default)
    result["sweep"] = sweep
    result["peak_rss_mb"] = peak_rss_mb()
    return result


def peak_rss_mb() -> float:
    """This process's peak resident memory.

    Linux keeps ``ru_maxrss`` across fork and exec, so a child would report its
    parent's peak (the 1M ground truth, 4 GB); VmHWM belongs to the process's
    own address space.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ------------------------------------------------------------------ re-indexing


def measure_reindex(runs: int) -> dict:
    """Full build of a copy of the bundled corpus vs. a rebuild after one document changed."""
    from corpus.loader import BUNDLED_CORPUS
    from index.builder import build_index
    from index.encoders import load_encoder

    encoder = load_encoder("use-m3", threads=1)
    full, incremental, counts = [], [], {}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "documents"
        shutil.copytree(BUNDLED_CORPUS, corpus)
        build_index([corpus], Path(tmp) / "warm-up", encoder=encoder)  # model, Kiwi and caches loaded once
        changed = sorted(corpus.glob("fr/*.txt"))[0]
        original = changed.read_text(encoding="utf-8")
        for run in range(runs):
            index_dir = Path(tmp) / f"index-{run}"
            changed.write_text(original, encoding="utf-8")
            started = time.perf_counter()
            report = build_index([corpus], index_dir, encoder=encoder)
            full.append(time.perf_counter() - started)
            counts["chunks"] = report.encoded + report.reused
            changed.write_text(
                original + f"\n\nParagraphe ajouté lors de la révision {run} : la ville publie son bilan.\n",
                encoding="utf-8",
            )
            started = time.perf_counter()
            report = build_index([corpus], index_dir, encoder=encoder)
            incremental.append(time.perf_counter() - started)
            counts.update(encoded=report.encoded, reused=report.reused, changed=report.changed)
    full_s, incremental_s = sorted(full)[len(full) // 2], sorted(incremental)[len(incremental) // 2]
    return {"full_s": full_s, "incremental_s": incremental_s, "ratio": incremental_s / full_s, "runs": runs, **counts}


# ------------------------------------------------------------------- reporting


def best_setting(result: dict) -> dict | None:
    """The cheapest swept setting meeting the recall and latency targets."""
    meeting = [s for s in result.get("sweep", []) if s["recall"] >= TARGET_RECALL and s["p50_ms"] <= TARGET_P50_MS]
    return min(meeting, key=lambda s: s["p50_ms"]) if meeting else None


def format_table(results: list[dict]) -> str:
    lines = [
        "| chunks | kind | build s | file MB | peak RSS MB | setting | p50 ms "
        "| p95 ms | p50/p95 ms, all threads | recall@10 | target met with |",
        "|---:|---|---:|---:|---:|---|---:|---:|---:|---:|---|",
    ]
    for r in results:
        if r.get("skipped"):
            lines.append(f"| {r['size']:,} | {r['kind']} | — | — | — | — | — | — | — | — | skipped: {r['skipped']} |")
            continue
        setting = f"{SWEEPS[r['kind']][0]}={r['parameter']}" if r["kind"] in SWEEPS else "exact"
        best = best_setting(r)
        met = (
            "yes (default)"
            if r["recall"] >= TARGET_RECALL and r["p50_ms"] <= TARGET_P50_MS
            else f"{SWEEPS[r['kind']][0]}={best['value']}: {best['p50_ms']:.2f} ms, recall {best['recall']:.3f}"
            if best
            else "no"
        )
        lines.append(
            f"| {r['size']:,} | {r['kind']} | {r['build_s']:.1f} | "
            f"{r['file_mb']:.0f} | {r['peak_rss_mb']:.0f} | {setting} "
            f"| {r['p50_ms']:.2f} | {r['p95_ms']:.2f} | {r['p50_ms_omp']:.2f} "
            f"/ {r['p95_ms_omp']:.2f} | {r['recall']:.3f} | {met} |"
        )
    return "\n".join(lines)


def format_sweeps(results: list[dict]) -> str:
    lines = []
    for r in results:
        if r.get("sweep"):
            points = ", ".join(f"{s['value']}: {s['p50_ms']:.2f} ms / {s['recall']:.3f}" for s in r["sweep"])
            lines.append(f"- {r['kind']} at {r['size']:,} ({SWEEPS[r['kind']][0]}: p50 / recall@10): {points}")
    return "\n".join(lines)


def plot(results: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (latency, recall) = plt.subplots(1, 2, figsize=(11, 4.2))
    for number, kind in enumerate(KINDS):
        rows = [r for r in results if r["kind"] == kind and not r.get("skipped")]
        if not rows:
            continue
        sizes, colour = [r["size"] for r in rows], f"C{number}"
        latency.plot(sizes, [r["p50_ms"] for r in rows], marker="o", color=colour, label=f"{kind} p50")
        latency.plot(sizes, [r["p95_ms"] for r in rows], marker=".", linestyle=":", color=colour, label=f"{kind} p95")
        recall.plot(sizes, [r["recall"] for r in rows], marker="o", color=colour, label=kind)
    latency.axhline(TARGET_P50_MS, color="grey", linewidth=0.8, linestyle="--")
    recall.axhline(TARGET_RECALL, color="grey", linewidth=0.8, linestyle="--")
    for axis in (latency, recall):
        axis.set_xscale("log")
        axis.set_xlabel("chunks (512-d vectors)")
        axis.grid(alpha=0.3)
        axis.legend(fontsize=8)
    latency.set_yscale("log")
    latency.set_ylabel("search latency, one query (ms)")
    recall.set_ylabel("recall@10 vs exact search")
    latency.set_title("Latency (default settings)")
    recall.set_title("Recall (default settings)")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)


def write_readme(path: Path, section: str) -> None:
    """Replace (or add) the "## Scale" section of the benchmarks README."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    start = text.find("\n## Scale")
    if start >= 0:
        end = text.find("\n## ", start + 1)
        text = text[:start] + text[end:] if end >= 0 else text[:start]
    path.write_text(text.rstrip("\n") + "\n\n" + section.rstrip("\n") + "\n", encoding="utf-8")


# ------------------------------------------------------------------------ main


def child(folder: Path, kind: str, timeout: float) -> dict:
    """Run one (size, kind) in a fresh process: its peak RSS is then its own."""
    command = [sys.executable, __file__, "--child", str(folder), kind]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode:
        raise RuntimeError(f"{kind} at {folder.name} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], epilog="Example: python benchmarks/scale.py --sizes 10000 100000"
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--kinds", nargs="+", default=list(KINDS), choices=KINDS)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--max-build-minutes", type=float, default=5.0, help="skip builds estimated to take longer")
    parser.add_argument("--reindex-runs", type=int, default=3, help="0 skips the re-indexing measurement")
    parser.add_argument(
        "--workdir", type=Path, default=None, help="keep generated vectors here (default: a temporary folder)"
    )
    parser.add_argument("--plot", type=Path, default=ROOT / "docs" / "scale.png")
    parser.add_argument("--readme", type=Path, default=ROOT / "benchmarks" / "README.md")
    parser.add_argument("--json", type=Path, default=None, help="also write all figures as JSON")
    parser.add_argument(
        "--from-json", type=Path, default=None, help="redo the table, README and plot from a --json file"
    )
    parser.add_argument("--child", nargs=2, metavar=("FOLDER", "KIND"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(Path(args.child[0]), args.child[1])))
        return
    if args.from_json:
        saved = json.loads(args.from_json.read_text(encoding="utf-8"))
        args.sizes = saved.get("sizes", args.sizes)
        args.notes = saved.get("notes", [])
        report(saved["results"], saved.get("reindex"), saved.get("elapsed", 0.0), args)
        return

    started = time.perf_counter()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="scale-"))
    results: list[dict] = []
    per_vector: dict[str, float] = {}  # build seconds per vector at the last size, for estimates
    try:
        for size in sorted(args.sizes):
            folder = prepare(size, args.queries, workdir)
            for kind in args.kinds:
                # x2: HNSW insertion and IVF training grow faster than linearly (measured: 100k → 1M is ~20x).
                estimate = 2 * per_vector.get(kind, 0.0) * size / 60
                if estimate > args.max_build_minutes:
                    results.append(
                        {
                            "size": size,
                            "kind": kind,
                            "skipped": f"build estimated at {estimate:.0f} min on this machine",
                        }
                    )
                    print(f"{kind:>8} {size:>9,}  skipped (build estimated at {estimate:.0f} min)", flush=True)
                    continue
                result = child(folder, kind, timeout=max(600, args.max_build_minutes * 60 * 3))
                per_vector[kind] = result["build_s"] / size
                results.append(result)
                print(
                    f"{kind:>8} {size:>9,}  build {result['build_s']:7.1f} s  p50 {result['p50_ms']:6.2f} ms  "
                    f"recall {result['recall']:.3f}  rss {result['peak_rss_mb']:6.0f} MB",
                    flush=True,
                )
            if args.workdir is None:
                shutil.rmtree(folder, ignore_errors=True)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    reindex = measure_reindex(args.reindex_runs) if args.reindex_runs else None
    elapsed = time.perf_counter() - started
    if args.json:
        args.json.write_text(
            json.dumps({"results": results, "reindex": reindex, "elapsed": elapsed, "sizes": args.sizes}, indent=1),
            encoding="utf-8",
        )
    report(results, reindex, elapsed, args)


def report(results: list[dict], reindex: dict | None, elapsed: float, args) -> None:
    """Print the table, write the README section and the plot."""
    table, sweeps = format_table(results), format_sweeps(results)
    print("\n" + table + "\n\n" + sweeps)
    if reindex:
        print(
            "\nre-index after one changed document: "
            f"{reindex['incremental_s']:.2f} s vs full {reindex['full_s']:.2f} s "
            f"(ratio {reindex['ratio']:.2f}; encoded {reindex['encoded']}, reused {reindex['reused']})"
        )
    plot(results, args.plot)
    write_readme(args.readme, readme_section(results, table, sweeps, reindex, elapsed, args))
    print(f"\n{elapsed / 60:.1f} min; plot: {args.plot}; figures: {args.readme}")


def readme_section(results, table, sweeps, reindex, elapsed, args) -> str:
    machine = f"{os.cpu_count()} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GB"
    parts = [
        "## Scale",
        "",
        f"`python benchmarks/scale.py --sizes {' '.join(map(str, args.sizes))} "
        f"--max-build-minutes {args.max_build_minutes:g}` "
        f"on this machine ({machine}), "
        f"{elapsed / 60:.0f} min. Synthetic 512-d unit vectors with "
        "the neighbourhoods of sentence embeddings (32-d latent "
        f"mixture of {TOPICS} overlapping topics; nearest-neighbour cosine ~0.70, 10th ~0.63); {args.queries} queries "
        f"one at a time through `index.dense.search_dense` (query encoding excluded); recall@10 against exact search. "
        f"Peak RSS is the whole build-and-search process, the float32 vectors included. "
        f"Target at 1M: p50 ≤ {TARGET_P50_MS:g} ms at recall@10 ≥ {TARGET_RECALL} within {TARGET_RSS_GB:g} GB.",
        "",
        table,
        "",
        "Search-parameter sweeps (p50 / recall@10):",
        "",
        sweeps,
        "",
        "![latency and recall vs size](../docs/scale.png)",
    ]
    parts += ["", *getattr(args, "notes", [])] if getattr(args, "notes", None) else []
    if reindex:
        parts += [
            "",
            f"Re-indexing the bundled corpus ({reindex['chunks']} "
            f"chunks, USE-m3, median of {reindex['runs']}) after one "
            f"document changed: {reindex['incremental_s']:.2f} s vs {reindex['full_s']:.2f} s for a full rebuild "
            f"(ratio {reindex['ratio']:.2f}; passages encoded {reindex['encoded']}, reused {reindex['reused']}).",
        ]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    main()
