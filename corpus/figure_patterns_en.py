"""The patterns that find figures in English text: "165 billion won", "€30 billion", "KRW 165 billion",
"between 60 and 70 billion won", "1.2 million", "3 GW", "11%".

English writes numbers with a thousands comma and a decimal point ("1,650", "1.2"),
counts in thousands, millions, billions (10^9, not the French "billion" of 10^12)
and trillions, and puts a currency symbol or code before the number as often as a
word after it. Percentages, capacities and the rest follow the French patterns
run with these number conventions.
"""

from __future__ import annotations

import re
from typing import Iterator

from corpus.figure_patterns import _CURRENCIES, french_figures
from corpus.figures import _KO_NUMBER, _START, Figure, _figure, parse_number

_EN_MAGNITUDES = {
    "trillion": 1e12,
    "billion": 1e9,
    "bn": 1e9,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "thousand": 1e3,
    "k": 1e3,
}
_MAGNITUDE = r"(trillions?|billions?|bn|millions?|mn|m|thousands?|k)"
_NUMBER = _KO_NUMBER  # "1,650", "13.4": the thousands comma and decimal point Korean uses too
_RANGE = rf"(?:(?:between|from)\s+)?({_NUMBER})(?:\s*(?:and|to|-|–)\s*({_NUMBER}))?"
_WORD_CURRENCY = r"(won|krw|euros?|eur|dollars?|usd)"
_SIGN = r"(₩|€|\$|KRW|EUR|USD|US\$)"


def english_figures(text: str, lang: str = "en") -> Iterator[Figure]:
    """English amounts and large counts first, then what the French patterns find with English numbers."""
    yield from _amounts_after(text)
    yield from _amounts_before(text)
    # Counts only with a magnitude word: "3 m" is more often metres than millions outside an amount.
    for match in re.finditer(rf"{_START}({_NUMBER})\s?(trillions?|billions?|bn|millions?)(?!\w)", text, re.IGNORECASE):
        yield _figure("number", parse_number(match.group(1), "en") * _scale(match.group(2)), "", match)
    yield from french_figures(text, "en")


def _scale(word: str | None) -> float:
    if not word:
        return 1.0
    word = word.casefold()
    return _EN_MAGNITUDES.get(word, _EN_MAGNITUDES.get(word.rstrip("s"), 1.0))


def _amounts_after(text: str) -> Iterator[Figure]:
    """ "165 billion won", "between 60 and 70 billion won", "30 million euros", "2 bn KRW"."""
    pattern = rf"{_START}{_RANGE}(?:\s*{_MAGNITUDE})?\s+(?:of\s+)?{_WORD_CURRENCY}(?!\w)"
    for match in re.finditer(pattern, text, re.IGNORECASE):
        low, high, scale, unit = match.groups()
        yield _money(match, low, high, _scale(scale), _CURRENCIES[unit.casefold()])


def _amounts_before(text: str) -> Iterator[Figure]:
    """ "€30 billion", "KRW 165 billion", "$5 million", "₩1,650 billion"."""
    pattern = rf"(?<![\w$€₩]){_SIGN}\s?{_RANGE}(?:\s?{_MAGNITUDE}(?!\w))?"
    for match in re.finditer(pattern, text, re.IGNORECASE):
        sign, low, high, scale = match.groups()
        code = "USD" if sign.upper() == "US$" else _CURRENCIES[sign.casefold()]
        yield _money(match, low, high, _scale(scale), code)


def _money(match: re.Match, low: str, high: str | None, factor: float, unit: str) -> Figure:
    value = parse_number(low, "en") * factor
    upper = parse_number(high, "en") * factor if high else None
    return _figure("money", value, unit, match, upper=upper)
