"""Sentences and list items of a French or Korean text, with their offsets.

French by rule (a regex on sentence ends that knows abbreviations such as
"M.", "Mme", "p. ex.", initials, list numbers and decimal numbers "3.5");
Korean by Kiwi's ``split_into_sents``. Lines are rejoined as wrapped text,
except that a blank line, a bullet, a number ("1. ") or a Markdown heading
always starts a new unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_BULLET_LINE = re.compile(r"^\s*(?:[-•–*→▪◦]|\d{1,2}[.)]|#{1,6})\s")
# French puts a (thin) space before "»", "!" and "?": « oui. » ends after the quote.
_FRENCH_END = re.compile(r"[.!?…]+(?:[ \u00a0\u202f]?[\"»”’)\]])*(?=\s)")
# Words after which a period does not end a French sentence ("M. Lee", "p. ex.", "cf.").
_ABBREVIATIONS = frozenset(
    "m mm mme mmes mlle mr mrs ms dr pr sem st ste ex cf p pp n no nº n° vol éd ed etc env art chap fig "
    "av bd min max tel tél réf coll dir trad".split()
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence or list item: ``text == source[start:end]`` (verbatim, stripped of outer spaces)."""

    text: str
    start: int
    end: int


def split_sentences(text: str, lang: str) -> list[Sentence]:
    """Sentences and list items of ``text`` with their offsets.

    A blank line, a line starting with a bullet, a number ("1. ", "2) ") or a
    Markdown heading always starts a new unit; other line breaks are wrapped
    text. French sentences end at ".", "!", "?" or "…" followed by a space,
    except after abbreviations ("M.", "Mme", "p. ex.", "cf."), initials and
    list numbers; "3.5" has no space and is never cut. Korean sentences are
    cut by Kiwi.

    Args:
        text: the text to split (a document or one segment).
        lang: "ko" for Kiwi, anything else for the French rules.

    Returns:
        Sentences in order; ``text[s.start:s.end] == s.text``.

    >>> [s.text for s in split_sentences("M. Lee parle. Il cite 3.5 %.", "fr")]
    ['M. Lee parle.', 'Il cite 3.5 %.']
    """
    cut = _korean_cuts if lang == "ko" else _french_cuts
    sentences: list[Sentence] = []
    for start, end in _blocks(text):
        bounds = [start, *cut(text, start, end), end]
        for left, right in zip(bounds, bounds[1:]):
            piece = text[left:right]
            lead = len(piece) - len(piece.lstrip())
            body = piece.strip()
            if body:
                sentences.append(Sentence(body, left + lead, left + lead + len(body)))
    return sentences


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraphs and list items: ranges that a sentence never crosses."""
    blocks: list[tuple[int, int]] = []
    start = position = 0
    for line in text.splitlines(keepends=True):
        if not line.strip() or _BULLET_LINE.match(line):
            if text[start:position].strip():
                blocks.append((start, position))
            start = position if line.strip() else position + len(line)
        position += len(line)
    if text[start:].strip():
        blocks.append((start, len(text)))
    return blocks


def _french_cuts(text: str, start: int, end: int) -> list[int]:
    cuts = []
    for match in _FRENCH_END.finditer(text, start, end):
        if match.group(0).startswith(".") and _after_abbreviation(text, match.start(), start):
            continue
        following = text[match.end() : end].lstrip()
        # A lower-case word after the period continues the sentence ("env. 30 km", "etc. et").
        if following[:1].islower():
            continue
        cuts.append(match.end())
    return cuts


def _after_abbreviation(text: str, period: int, floor: int) -> bool:
    word = re.search(r"([^\s(«\"'’]+)$", text[max(floor, period - 32) : period])
    if not word:
        return False
    token = word.group(1).casefold()
    # "p. ex" leaves "p. ex" → last word "ex"; "2." is a list number, "J." an initial.
    last = token.rsplit(".", 1)[-1]
    return last in _ABBREVIATIONS or (last.isdigit() and len(last) <= 2 and len(token) == len(last)) or (
        len(last) == 1 and last.isalpha()
    )


@lru_cache(maxsize=1)
def _kiwi():
    from kiwipiepy import Kiwi

    # The typo and multi-word dictionaries are not needed to find sentence ends.
    return Kiwi(load_typo_dict=False, load_multi_dict=False)


def _korean_cuts(text: str, start: int, end: int) -> list[int]:
    return [start + sentence.end for sentence in _kiwi().split_into_sents(text[start:end])][:-1]
