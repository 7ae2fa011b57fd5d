"""Check the stored FR↔KO alignment with the encoder: aligned pairs should be far
more similar than random pairs.

Run: python eval/alignment_check.py
Prints, per document, the mean cosine of aligned paragraph pairs, of random pairs,
the share of aligned pairs whose Korean side is the French side's nearest Korean
paragraph, and the lowest-scoring pairs to review by hand.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus.translation import FRENCH_DIR, KOREAN_DIR, read_alignment, read_korean  # noqa: E402
from index.encoders import load_encoder  # noqa: E402


def main() -> None:
    encoder = load_encoder("use-m3")
    rng = np.random.default_rng(0)
    for table in sorted(KOREAN_DIR.glob("*.align.tsv")):
        doc = table.name.removesuffix(".ko.align.tsv")
        french = (FRENCH_DIR / f"{doc}.txt").read_text(encoding="utf-8")
        korean = read_korean(KOREAN_DIR / f"{doc}.ko.md")
        pairs = read_alignment(table)
        fr = encoder.encode_passages([" ".join(french[p.fr_start : p.fr_end].split()) for p in pairs])
        ko = encoder.encode_passages([korean[p.ko_start : p.ko_end] for p in pairs])
        similarity = fr @ ko.T
        aligned = np.diag(similarity)
        shuffled = similarity[np.arange(len(pairs)), rng.permutation(len(pairs))]
        nearest = (similarity.argmax(axis=1) == np.arange(len(pairs))).mean()
        print(f"{doc}: {len(pairs)} pairs  aligned cos {aligned.mean():.3f}  random cos {shuffled.mean():.3f}  "
              f"nearest-is-aligned {nearest:.1%}")
        for index in np.argsort(aligned)[:3]:
            pair = pairs[index]
            print(f"   low {aligned[index]:.2f}: {' '.join(french[pair.fr_start:pair.fr_end].split())[:60]!r} ↔ "
                  f"{korean[pair.ko_start:pair.ko_end][:40]!r}")


if __name__ == "__main__":
    main()
