"""Alignment quality of the bundled translations, measured through the glossary.

For every aligned pair (a row of ``corpus/documents/ko/<doc>.ko.align.tsv``)
whose French side contains a glossary term, the Korean side should contain
that entry's Korean term or one of its variants. The agreement rate is the
share of such (pair, term) checks that hold; the same rate over pairs whose
Korean sides are shuffled is the baseline a broken alignment would score.
Translator's notes are left out of the Korean side: what is measured is the
translation itself.

Run: ``python eval/alignment_quality.py`` (add ``--misses`` to list the
checks that fail, for a person to review). Target: ≥ 0.95 on the bundled corpus.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus.clean import URL  # noqa: E402
from corpus.language import fold_accents  # noqa: E402
from corpus.translation import FRENCH_DIR, KOREAN_DIR, mask_translator_notes, read_alignment, read_korean  # noqa: E402
from search.glossary import Glossary, _contains, _key  # noqa: E402

TARGET = 0.95
SHUFFLE_SEED = 0


@dataclass(frozen=True, slots=True)
class Check:
    doc: str
    french: str
    korean: str
    term: str  # the French variant found
    expected: tuple[str, ...]  # the entry's Korean variants
    agrees: bool


@dataclass(frozen=True, slots=True)
class AlignmentQuality:
    checks: tuple[Check, ...]
    baseline: float

    @property
    def rate(self) -> float:
        return sum(c.agrees for c in self.checks) / len(self.checks) if self.checks else 0.0


def aligned_pairs(doc: str) -> list[tuple[str, str]]:
    """``(French, Korean)`` texts of every aligned pair of a bundled translation."""
    french = (FRENCH_DIR / f"{doc}.txt").read_text(encoding="utf-8")
    korean = read_korean(KOREAN_DIR / f"{doc}.ko.md")
    return [
        (french[p.fr_start : p.fr_end], korean[p.ko_start : p.ko_end])
        for p in read_alignment(KOREAN_DIR / f"{doc}.ko.align.tsv")
    ]


def check_pairs(doc: str, pairs: list[tuple[str, str]], glossary: Glossary) -> list[Check]:
    """One check per glossary entry found in each pair's French side.

    A line the slides already showed on an earlier page (a running header: the
    speaker's name and title repeated on each of their slides) is left out of
    the French side: the translation gives it once, where it first appears.
    """
    checks = []
    seen_lines: set[str] = set()
    for french, korean in pairs:
        lines = [" ".join(line.split()) for line in french.splitlines() if line.strip()]
        text = "\n".join(line for line in lines if line not in seen_lines)
        seen_lines.update(lines)
        text = URL.sub(" ", text)  # a link's words ("cites-unies-france") are no term of the text
        korean_key = _key(mask_translator_notes(korean), "ko")
        for match in glossary.find_in(text):
            if match.lang != "fr" or not _written(match.term, text):
                continue
            expected = match.entry.ko
            agrees = any(_contains(korean_key, _key(variant, "ko"), "ko", min_korean=1) for variant in expected)
            checks.append(Check(doc, french, korean, match.term, expected, agrees))
    return checks


def _written(term: str, text: str) -> bool:
    """Whether ``term`` is written as such in ``text`` (case and accents aside), not just a word sharing its stem.

    Stems conflate "mairie" with "maire" and "mise en place" with "places"; the
    check is about the glossary term the French actually uses.
    """
    pattern = r"(?<!\w)" + r"\W+".join(re.escape(word) for word in fold_accents(term.casefold()).split()) + r"(?!\w)"
    return re.search(pattern, fold_accents(text.casefold())) is not None


def measure(docs: list[str] | None = None, glossary: Glossary | None = None) -> AlignmentQuality:
    """Agreement over the bundled translations, and over the same pairs with Korean sides shuffled."""
    glossary = glossary or Glossary.load()
    docs = docs or sorted(path.name.removesuffix(".ko.align.tsv") for path in KOREAN_DIR.glob("*.ko.align.tsv"))
    checks, shuffled = [], []
    rng = random.Random(SHUFFLE_SEED)
    for doc in docs:
        pairs = aligned_pairs(doc)
        checks += check_pairs(doc, pairs, glossary)
        koreans = [korean for _, korean in pairs]
        rng.shuffle(koreans)
        shuffled += check_pairs(doc, [(french, korean) for (french, _), korean in zip(pairs, koreans)], glossary)
    baseline = sum(c.agrees for c in shuffled) / len(shuffled) if shuffled else 0.0
    return AlignmentQuality(tuple(checks), baseline)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", action="store_true", help="list the checks that fail")
    args = parser.parse_args(argv)
    quality = measure()
    pairs = {(c.doc, c.french) for c in quality.checks}
    print(f"aligned pairs with a glossary term: {len(pairs)}; checks: {len(quality.checks)}")
    print(f"agreement {quality.rate:.3f} (target ≥ {TARGET}); shuffled-pairs baseline {quality.baseline:.3f}")
    if args.misses:
        for check in (c for c in quality.checks if not c.agrees):
            korean = " ".join(check.korean.split())[:80]
            print(f"  {check.doc}: {check.term!r} → {' | '.join(check.expected)} not in {korean!r}")
    return 0 if quality.rate >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
