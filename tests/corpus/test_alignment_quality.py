"""The alignment-quality figure (eval/alignment_quality.py) gates the bundled translations."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from search.glossary import Glossary, read_glossary

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("alignment_quality", ROOT / "eval" / "alignment_quality.py")
alignment_quality = importlib.util.module_from_spec(_spec)
sys.modules["alignment_quality"] = alignment_quality  # its dataclasses look their module up there
_spec.loader.exec_module(alignment_quality)


def test_glossary_terms_agree_across_aligned_pairs_far_above_the_shuffled_baseline():
    quality = alignment_quality.measure()
    assert len(quality.checks) >= 500
    assert quality.rate >= alignment_quality.TARGET
    assert quality.baseline < 0.2 and quality.rate - quality.baseline > 0.7


def test_a_pair_whose_korean_misses_the_term_fails_its_check(tmp_path):
    glossary_file = tmp_path / "g.tsv"
    glossary_file.write_text(
        "fr\tko\ten\tdomain\tnotes\nhydrogène\t수소\thydrogen\tenergy\t\nmairie\t시청\ttown hall\tinstitutions\t\n",
        encoding="utf-8",
    )
    glossary = Glossary(read_glossary(glossary_file))
    pairs = [
        ("l'énergie du futur : l'hydrogène", "미래 에너지인 수소"),
        ("une station à hydrogène", "충전소 [역주: 수소]"),  # a translator's note does not count
        ("La Ville a intégré https://example.org/hydrogene", "시는 참여함"),  # nor does a link's text
        ("Le maire de Tours", "투르 시장"),
    ]  # "maire" shares its stem with "mairie" but is not it
    checks = alignment_quality.check_pairs("test", pairs, glossary)
    assert [(c.term, c.agrees) for c in checks] == [("hydrogène", True), ("hydrogène", False)]


def test_running_headers_are_checked_where_they_first_appear():
    glossary = Glossary(read_glossary(ROOT / "corpus" / "glossary.tsv"))
    header = "SEM. PHILIPPE LEFORT\n Ambassadeur de France"
    pairs = [(header, "필리프 르포르 주한 프랑스 대사"), (header + "\nRemerciements.", "감사드립니다.")]
    checks = alignment_quality.check_pairs("test", pairs, glossary)
    assert checks and all(c.french == pairs[0][0] for c in checks if c.term == "Philippe Lefort")
