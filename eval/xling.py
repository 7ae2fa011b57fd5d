"""Cross-lingual development set: documents that are not translations of each other.

Builds an index of ``eval/xling/documents`` only (in ``--index-dir``, never the
user's index), runs ``eval/xling/queries.jsonl`` and reports, at document level,
hit@1, hit@5 and MRR@10 per direction (KO→FR, FR→KO, …) and for same-language
and cross-lingual pairs.

A query is judged per document (``relevant`` holds document ids). It is run once
for each language that holds a relevant document, with the passage-language
filter set to that language: "KO→FR" is a Korean query looking for the French
documents about its subject. A document's rank is the rank of its best passage.

Run: python eval/xling.py --index-dir /tmp/xling-index [--json] [--without names,figures]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus.errors import DocumentError, SeminarSearchError  # noqa: E402

XLING_DIR = ROOT / "eval" / "xling"
DOCUMENTS = XLING_DIR / "documents"
QUERIES = XLING_DIR / "queries.jsonl"
CUTOFFS = (1, 5)
MRR_DEPTH = 10
# A document ranks by its best passage: take every passage the filter allows
# (the set holds about a hundred), so that no document is cut off before ranking.
PASSAGE_DEPTH = 100


@dataclass(frozen=True, slots=True)
class XlingQuery:
    id: str
    query: str
    lang: str
    relevant: tuple[str, ...]


def read_xling_queries(path: Path = QUERIES) -> list[XlingQuery]:
    """Queries judged per document; a malformed line raises ``DocumentError`` naming file and line."""
    queries = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise DocumentError(path, f"cannot be read ({error})") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            queries.append(XlingQuery(str(record["id"]), record["query"], record["lang"], tuple(record["relevant"])))
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise DocumentError(f"{path}:{number}", f"not a query record ({type(error).__name__}: {error})") from None
    return queries


def build(index_dir: Path, encoder=None):
    """Index the development documents alone into ``index_dir``."""
    from index.builder import build_index

    return build_index([DOCUMENTS], Path(index_dir), encoder=encoder)


def ranked_documents(engine, query: str, lang: str, mode: str = "hybrid", expand: bool = True) -> list[str]:
    """Document ids in the order of their best passage, passages filtered to ``lang``."""
    from search.engine import MAX_K, SearchOptions

    k = min(PASSAGE_DEPTH, MAX_K, len(engine.chunks))
    response = engine.search(query, SearchOptions(lang=lang, k=k, mode=mode, expand=expand))
    return list(dict.fromkeys(result.doc for result in response.results))


def evaluate_documents(engine, queries: list[XlingQuery], mode: str = "hybrid", expand: bool = True) -> dict:
    """Per-(query, target language) metrics, aggregated per direction and same/cross-lingual.

    Raises:
        SeminarSearchError: a judged document id the index does not hold.
    """
    languages = {doc_id: engine.data.documents[doc_id].meta.language for doc_id in engine.data.documents}
    rows = []
    for query in queries:
        unknown = [doc for doc in query.relevant if doc not in languages]
        if unknown:
            raise SeminarSearchError(f"query {query.id}: unknown document {', '.join(unknown)}")
        by_lang: dict[str, set[str]] = defaultdict(set)
        for doc in query.relevant:
            by_lang[languages[doc]].add(doc)
        for lang, relevant in sorted(by_lang.items()):
            ranked = ranked_documents(engine, query.query, lang, mode, expand)
            first = next((rank for rank, doc in enumerate(ranked, start=1) if doc in relevant), None)
            rows.append({
                "id": query.id, "query": query.query, "direction": f"{query.lang.upper()}→{lang.upper()}",
                "pair": "same-language" if lang == query.lang else "cross-lingual", "first_hit": first,
                "top": ranked[:3],
                **{f"hit@{k}": float(first is not None and first <= k) for k in CUTOFFS},
                "mrr@10": 1.0 / first if first is not None and first <= MRR_DEPTH else 0.0,
            })
    return {
        "pairs": {name: _aggregate(group) for name, group in sorted(_group(rows, "pair").items())},
        "directions": {name: _aggregate(group) for name, group in sorted(_group(rows, "direction").items())},
        "per_query": rows,
    }


def _group(rows: list[dict], key: str) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        groups[row[key]].append(row)
    return groups


def _aggregate(rows: list[dict]) -> dict:
    names = [f"hit@{k}" for k in CUTOFFS] + ["mrr@10"]
    return {"n": len(rows), **{name: round(sum(row[name] for row in rows) / len(rows), 4) for name in names}}


def format_report(report: dict) -> str:
    lines = [f"{'':<15}{'n':>4}{'hit@1':>8}{'hit@5':>8}{'MRR@10':>8}"]
    for name, metrics in [*report["pairs"].items(), *report["directions"].items()]:
        lines.append(f"{name:<15}{metrics['n']:>4}{metrics['hit@1']:>8.3f}{metrics['hit@5']:>8.3f}{metrics['mrr@10']:>8.3f}")
    return "\n".join(lines)


# Bridge → the analysis functions that produce its terms ("fuzzy": the query-time name matching alone).
BRIDGES = {
    "figures": ("figure_index_terms",),
    "names": ("korean_name_index_terms", "latin_name_index_terms"),
    "fuzzy": (),
}


def switch_off(bridges: list[str]) -> None:
    """For ablations only: analyse without the named bridges, in this process (index and queries alike)."""
    import index.analysis

    for name in bridges:
        if name not in BRIDGES:
            raise SeminarSearchError(f"unknown bridge {name!r}; valid: {', '.join(BRIDGES)}")
        if name == "fuzzy":
            import index.bridges

            index.bridges.NameMatcher.expand = lambda self, terms: terms
        for function in BRIDGES[name]:
            setattr(index.analysis, function, lambda *args, **kwargs: [])


def dev_report(index_dir: Path, mode: str, expand: bool) -> str:
    """hit@5 / MRR@10 per direction of eval/dev.jsonl on the bundled corpus, indexed into ``index_dir``."""
    from index.builder import build_index
    from search.engine import SearchEngine, SearchOptions
    from search.evaluate import evaluate, read_queries

    build_index(None, Path(index_dir))
    engine, queries = SearchEngine.open(index_dir), read_queries(ROOT / "eval" / "dev.jsonl")
    cells = []
    for lang in ("fr", "ko"):
        report = evaluate(engine, queries, SearchOptions(lang=lang, mode=mode, expand=expand))
        cells += [f"{name} {m['hit@5']:.3f}/{m['mrr@10']:.3f}" for name, m in report["directions"].items()]
    return "  ".join(cells)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Cross-lingual development set (eval/xling).")
    parser.add_argument("--index-dir", type=Path, required=True, help="where to build the set's own index")
    parser.add_argument("--mode", default="hybrid", choices=("hybrid", "dense", "lexical"))
    parser.add_argument("--without", default="", help="bridges to switch off, comma-separated: names,fuzzy,figures")
    parser.add_argument("--no-expand", action="store_true", help="no glossary expansion (the bridges alone)")
    parser.add_argument("--glossary", type=Path, default=None, metavar="FILE",
                        help="a user glossary used beside the bundled one (e.g. from `terms --suggest`)")
    parser.add_argument("--dev", action="store_true",
                        help="instead: the bundled corpus and eval/dev.jsonl, same bridges off (regression check)")
    parser.add_argument("--json", action="store_true", help="the full report, per query, as JSON")
    parser.add_argument("--misses", action="store_true", help="list the pairs not found at rank 1")
    args = parser.parse_args(argv)
    try:
        from search.engine import SearchEngine

        switch_off([name.strip() for name in args.without.split(",") if name.strip()])
        if args.dev:
            print(dev_report(args.index_dir, args.mode, not args.no_expand))
            return 0
        build(args.index_dir)
        engine = SearchEngine.open(args.index_dir, user_glossary=args.glossary)
        report = evaluate_documents(engine, read_xling_queries(), args.mode, not args.no_expand)
    except SeminarSearchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    print(format_report(report))
    if args.misses:
        for row in report["per_query"]:
            if row["first_hit"] != 1:
                print(f"{row['id']} {row['direction']} rank {row['first_hit']}: {row['query']}  top={row['top']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
