"""Evaluation harness: hit@k, MRR@10 and nDCG@10 per query→passage language direction.

A query set is JSON Lines: ``{"id", "query", "lang", "kind", "relevant": [...]}``
where ``relevant`` holds short verbatim substrings of the French source
documents. Judgments are spans of the source, not chunk ids, so they survive
re-chunking: a passage is relevant when it overlaps a relevant span. Korean
passages are judged through the stored alignment (a Korean passage is relevant
when it translates a relevant French one).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from corpus.errors import DocumentError, InvalidOptionError
from search.engine import SearchEngine, SearchOptions

CUTOFFS = (1, 5, 10)


@dataclass(frozen=True, slots=True)
class EvalQuery:
    id: str
    query: str
    lang: str
    kind: str
    relevant: tuple[str, ...]


def read_queries(path: Path) -> list[EvalQuery]:
    """Read a query set; a malformed line raises ``DocumentError`` naming file and line."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise DocumentError(path, "no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise DocumentError(path, f"cannot be read ({error})") from None
    queries = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            queries.append(
                EvalQuery(
                    str(record["id"]),
                    record["query"],
                    record["lang"],
                    record.get("kind", ""),
                    tuple(record["relevant"]),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise DocumentError(f"{path}:{number}", f"not a query record ({type(error).__name__}: {error})") from None
    if not queries:
        raise DocumentError(path, "no queries in the file")
    return queries


def relevant_chunk_ids(engine: SearchEngine, query: EvalQuery) -> set[str]:
    """Chunks overlapping a relevant source span, plus their aligned translations."""
    spans: list[tuple[str, int, int]] = []
    for needle in query.relevant:
        for doc_id, document in engine.data.documents.items():
            if document.meta.translation_of:
                continue
            start = document.text.find(needle)
            while start >= 0:
                spans.append((doc_id, start, start + len(needle)))
                start = document.text.find(needle, start + 1)
    source = {c.id for c in engine.chunks for doc, s, e in spans if c.doc == doc and c.start < e and s < c.end}
    translated = {t for chunk_id in source for t in engine.data.alignment.get(chunk_id, ())}
    return source | translated


def evaluate(engine: SearchEngine, queries: list[EvalQuery], options: SearchOptions = SearchOptions(lang="fr")) -> dict:
    """Run every query and aggregate the metrics overall and per direction.

    Returns:
        ``{"overall": metrics, "directions": {"KO→FR": metrics, …}, "by_kind": …, "per_query": [...]}``
        where metrics = ``{"n", "hit@1", "hit@5", "hit@10", "mrr@10", "ndcg@10"}``.
    """
    if options.lang not in ("fr", "ko", "en", "all"):
        raise InvalidOptionError("language", options.lang, ["fr", "ko", "en", "all"])
    per_query = []
    searchable = {c.id for c in engine.chunks if options.lang == "all" or engine.passage_language(c) == options.lang}
    for query in queries:
        # Only passages the language filter lets through can be found (nDCG's ideal ranking).
        relevant = relevant_chunk_ids(engine, query) & searchable
        response = engine.search(query.query, options, k=max(10, options.k))
        ranked = [result.id for result in response.results]
        direction = f"{query.lang.upper()}→{options.lang.upper()}"
        per_query.append(
            {
                "id": query.id,
                "query": query.query,
                "direction": direction,
                "kind": query.kind,
                "relevant": len(relevant),
                **_metrics(ranked, relevant),
                "first_hit": next((i + 1 for i, r in enumerate(ranked) if r in relevant), None),
            }
        )
    return {
        "overall": _aggregate(per_query),
        "directions": {name: _aggregate(rows) for name, rows in sorted(_group(per_query, "direction").items())},
        "by_kind": {name: _aggregate(rows) for name, rows in sorted(_group(per_query, "kind").items())},
        "per_query": per_query,
    }


def _metrics(ranked: list[str], relevant: set[str]) -> dict:
    hits = [r in relevant for r in ranked[:10]]
    first = next((i for i, hit in enumerate(hits) if hit), None)
    dcg = sum(1.0 / math.log2(i + 2) for i, hit in enumerate(hits) if hit)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(10, len(relevant))))
    metrics = {f"hit@{k}": float(any(hits[:k])) for k in CUTOFFS}
    metrics["mrr@10"] = 0.0 if first is None else 1.0 / (first + 1)
    metrics["ndcg@10"] = dcg / ideal if ideal else 0.0
    return metrics


def _group(rows: list[dict], key: str) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        groups[row[key]].append(row)
    return groups


def _aggregate(rows: list[dict]) -> dict:
    names = [f"hit@{k}" for k in CUTOFFS] + ["mrr@10", "ndcg@10"]
    if not rows:
        return {"n": 0, **{name: 0.0 for name in names}}
    return {"n": len(rows), **{name: round(sum(row[name] for row in rows) / len(rows), 4) for name in names}}


def format_report(report: dict) -> str:
    """A plain-text table of the overall and per-direction figures."""
    header = f"{'':<12}{'n':>5}{'hit@1':>8}{'hit@5':>8}{'hit@10':>8}{'MRR@10':>8}{'nDCG@10':>9}"
    lines = [header]
    for name, metrics in [
        ("overall", report["overall"]),
        *report["directions"].items(),
        *(("  " + k, v) for k, v in report["by_kind"].items()),
    ]:
        lines.append(
            f"{name:<12}{metrics['n']:>5}{metrics['hit@1']:>8.3f}{metrics['hit@5']:>8.3f}{metrics['hit@10']:>8.3f}"
            f"{metrics['mrr@10']:>8.3f}{metrics['ndcg@10']:>9.3f}"
        )
    return "\n".join(lines)
