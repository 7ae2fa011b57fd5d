"""Re-cut aligned translation segments at sentence level: ``python -m corpus.resegment``.

Each segment of ``corpus/translations/<doc>.jsonl`` is split into French
sentences and list items (verbatim substrings of its ``fr``, in order) and
Korean ones; equal counts pair 1:1, otherwise the sentence aligner of
``corpus.align`` pairs them monotonically over the encoder's vectors. A
French or Korean sentence left alone (a 1-0 or 0-1 bead) joins its
neighbour, so no text is lost and every new segment still has both sides.
The segment's ``section`` and ``speaker`` go on its first new segment.

Kept whole: headings, repeated page headers, links, and segments whose
Korean reorders the French (a list with its main clause), since splitting
them would pair a French sentence with the wrong Korean one.

The command rewrites the files and prints every pair it is not sure of
(an n-m bead or a low confidence) for a person to read; run it once, review,
then ``python -m corpus.translation`` to render.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass

from corpus.sentences import Sentence, split_sentences
from corpus.translation import TRANSLATIONS_DIR, _heading_kind, mask_translator_notes, read_segments

# Below this aligner confidence a pair is listed for review (a good translation scores above 0.4).
REVIEW_CONFIDENCE = 0.35
# A segment marked so in the JSONL ("whole": true) is never split.
WHOLE = "whole"


@dataclass(frozen=True, slots=True)
class Pair:
    fr: str
    ko: str
    confidence: float  # 1.0 for a 1:1 pairing by count
    kind: str


def sentences(text: str, lang: str) -> list[Sentence]:
    """Sentences of ``text``; a translator's note stays with the sentence it follows."""
    masked = mask_translator_notes(text) if lang == "ko" else text
    found = [Sentence(text[s.start : s.end], s.start, s.end) for s in split_sentences(masked, lang)]
    merged: list[Sentence] = []
    for sentence in found:
        if merged and (not mask_translator_notes(sentence.text).strip() or sentence.text.lstrip().startswith("[역주:")):
            previous = merged.pop()
            sentence = Sentence(text[previous.start : sentence.end], previous.start, sentence.end)
        merged.append(sentence)
    return merged


def split_segment(segment: dict, encoder) -> list[Pair]:
    """The sentence-level pairs of one segment (one pair when it is kept whole)."""
    whole = [Pair(segment["fr"], segment["ko"], 1.0, "whole")]
    if segment.get(WHOLE) or _heading_kind(segment["fr"]) or "http" in segment["fr"] or not segment["ko"].strip():
        return whole
    fr, ko = sentences(segment["fr"], "fr"), sentences(segment["ko"], "ko")
    if len(fr) <= 1 and len(ko) <= 1:
        return whole
    if len(fr) == len(ko):
        return [Pair(f.text, k.text, 1.0, "1-1") for f, k in zip(fr, ko)]
    from corpus.align import align_sentences

    beads = _absorb_singles(align_sentences(fr, ko, encoder))
    return [
        Pair(
            segment["fr"][fr[b.fr[0]].start : fr[b.fr[-1]].end],
            segment["ko"][ko[b.ko[0]].start : ko[b.ko[-1]].end],
            b.confidence,
            f"{len(b.fr)}-{len(b.ko)}",
        )
        for b in beads
    ]


def _absorb_singles(beads: list) -> list:
    """Beads with both sides: a lone French or Korean sentence joins the bead before it (or after, at the start)."""
    from corpus.align import Bead

    out: list = []
    pending_fr: tuple[int, ...] = ()
    pending_ko: tuple[int, ...] = ()
    for bead in beads:
        if bead.fr and bead.ko:
            out.append(Bead(pending_fr + bead.fr, pending_ko + bead.ko, bead.confidence))
            pending_fr, pending_ko = (), ()
        elif out:
            last = out.pop()
            out.append(Bead(last.fr + bead.fr, last.ko + bead.ko, min(last.confidence, 0.0)))
        else:
            pending_fr, pending_ko = pending_fr + bead.fr, pending_ko + bead.ko
    if pending_fr or pending_ko:  # nothing had both sides: one bead of everything
        out.append(Bead(pending_fr, pending_ko, 0.0))
    return out


def resegment(segments: list[dict], encoder) -> tuple[list[dict], list[Pair]]:
    """New segments, and the pairs to review."""
    out: list[dict] = []
    review: list[Pair] = []
    for segment in segments:
        pairs = split_segment(segment, encoder)
        for number, pair in enumerate(pairs):
            new = {"fr": pair.fr, "ko": pair.ko}
            if number == 0:
                new.update({key: segment[key] for key in ("section", "speaker", WHOLE) if key in segment})
            out.append(new)
            if pair.kind not in ("whole", "1-1") or pair.confidence < REVIEW_CONFIDENCE:
                review.append(pair)
    return out, review


def main() -> None:
    from index.encoders import load_encoder

    encoder = load_encoder("use-m3", threads=1)
    for path in sorted(TRANSLATIONS_DIR.glob("*.jsonl")):
        before = read_segments(path)
        after, review = resegment(before, encoder)
        path.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in after), encoding="utf-8")
        print(f"{path.name}: {len(before)} → {len(after)} segments; {len(review)} pairs to review")
        for pair in review:
            french, korean = " ".join(pair.fr.split())[:90], " ".join(pair.ko.split())[:70]
            print(f"  [{pair.kind} {pair.confidence:.2f}] {french!r}\n      ↔ {korean!r}")


if __name__ == "__main__":
    sys.exit(main())
