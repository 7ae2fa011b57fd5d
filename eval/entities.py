"""Entity recognition and figure extraction against hand-labelled sets.

    python eval/entities.py            # precision / recall per entity type, figure recall and pairing

``eval/entities.jsonl``: passages of the 2020 report and of its Korean working
translation, each with the places, organisations and people a reader finds in
it (canonical names: the glossary's first French form). ``eval/figures.jsonl``:
every figure of the two French reports as written, with the Korean translation's
form; recall counts French figures extracted with the right normalised value,
pairing those whose Korean form gives the same key. See eval/README.md.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus.figures import extract_figures  # noqa: E402
from search.entities import ENTITY_TYPES, Gazetteer, recognise  # noqa: E402
from search.glossary import Glossary  # noqa: E402

ENTITIES = ROOT / "eval" / "entities.jsonl"
FIGURES = ROOT / "eval" / "figures.jsonl"


def evaluate_entities(path: Path = ENTITIES) -> dict:
    from index.analysis import korean_tokens_batch

    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    gazetteer = Gazetteer.from_glossary(Glossary.load())
    tokens = korean_tokens_batch([r["text"] for r in records])
    predicted = []
    for record, kiwi in zip(records, tokens):
        mentions = recognise(record["text"], gazetteer, kiwi_tokens=kiwi if record["lang"] == "ko" else None)
        predicted.append({(gazetteer.entities[m.entity].type, gazetteer.entities[m.entity].name) for m in mentions})
    counts = {kind: Counter() for kind in ENTITY_TYPES}
    errors = []
    for record, found in zip(records, predicted):
        gold = {
            (kind, _canonical(gazetteer, kind, name)) for kind, names in record["entities"].items() for name in names
        }
        for kind in ENTITY_TYPES:
            g, p = {e for e in gold if e[0] == kind}, {e for e in found if e[0] == kind}
            counts[kind].update(tp=len(g & p), fp=len(p - g), fn=len(g - p))
        if gold != found:
            errors.append({"id": record["id"], "missed": sorted(gold - found), "extra": sorted(found - gold)})
    report = {kind: _scores(c) for kind, c in counts.items()}
    report["passages"] = len(records)
    report["by_language"] = dict(Counter(r["lang"] for r in records))
    report["errors"] = errors
    return report


def evaluate_figures(path: Path = FIGURES) -> dict:
    """Recall of the French figures and share of them whose Korean translation gives the same key."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    documents = {}
    found = paired = 0
    missed = []
    for record in records:
        for lang in ("fr", "ko"):
            key = (record["doc"], lang)
            if key not in documents:
                folder = "fr" if lang == "fr" else "ko"
                name = record["doc"] + (".txt" if lang == "fr" else ".ko.md")
                text = (ROOT / "corpus" / "documents" / folder / name).read_text(encoding="utf-8")
                documents[key] = Counter(f.key for f in extract_figures(text, lang))
        french, korean = documents[(record["doc"], "fr")], documents[(record["doc"], "ko")]
        if french[record["key"]] > 0:
            found += 1
            if record.get("ko") and korean[record["key"]] > 0:
                paired += 1
            elif record.get("ko"):
                missed.append(
                    {"fr": record["fr"], "ko": record["ko"], "key": record["key"], "why": "Korean form not paired"}
                )
        else:
            missed.append({"fr": record["fr"], "key": record["key"], "why": "not extracted"})
    translated = sum(1 for r in records if r.get("ko"))
    return {
        "figures": len(records),
        "recall": round(found / len(records), 3),
        "paired": round(paired / translated, 3) if translated else None,
        "missed": missed,
    }


def _canonical(gazetteer: Gazetteer, kind: str, name: str) -> str:
    entity = gazetteer.resolve(name)
    return entity.name if entity is not None and entity.type == kind else name


def _scores(counts: Counter) -> dict:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    return {
        "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
        "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0,
        "gold": tp + fn,
        "found": tp + fp,
    }


def main() -> int:
    entities = evaluate_entities()
    figures = evaluate_figures() if FIGURES.exists() else None
    print(json.dumps({"entities": entities, "figures": figures}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
