"""The patterns that find figures in French and Korean text (``corpus.figures.extract_figures`` runs them).

French: "165 milliards de won", "entre 60 et 70 Mds de won", "3 GW", "1,3 %", "30 000 arbres",
"3 mars 2019", "2009 - 2014", "14h30 à 16h00". Korean: "1,650억 원", "600억~700억 원", "3GW",
"3만 그루", "시민 50명", "세 가지", "2019년 3월 3일", "2009~2014년", "5년간", "4분의 1".
"""

from __future__ import annotations

import re
from typing import Iterator

# The shared primitives of the two modules (one number syntax, one record builder).
from corpus.figures import (  # noqa: F401
    _FR_NUMBER,
    _KO_MAGNITUDES,
    _KO_NUMBER,
    _SPACE,
    _START,
    Figure,
    _date,
    _figure,
    parse_korean_amount,
    parse_number,
)

_FR_MAGNITUDES = {
    "milliard": 1e9,
    "milliards": 1e9,
    "mds": 1e9,
    "md": 1e9,
    "millions": 1e6,
    "million": 1e6,
    "m": 1e6,
    "mille": 1e3,
    "k": 1e3,
}
_CURRENCIES = {
    "won": "KRW",
    "wons": "KRW",
    "krw": "KRW",
    "₩": "KRW",
    "원": "KRW",
    "euro": "EUR",
    "euros": "EUR",
    "€": "EUR",
    "eur": "EUR",
    "유로": "EUR",
    "dollar": "USD",
    "dollars": "USD",
    "$": "USD",
    "usd": "USD",
    "달러": "USD",
}
_POWER = {"w": 1.0, "kw": 1e3, "mw": 1e6, "gw": 1e9, "tw": 1e12}
_MONTHS_FR = {
    name: number
    for number, names in enumerate(
        (
            ("janvier",),
            ("février", "fevrier"),
            ("mars",),
            ("avril",),
            ("mai",),
            ("juin",),
            ("juillet",),
            ("août", "aout"),
            ("septembre",),
            ("octobre",),
            ("novembre",),
            ("décembre", "decembre"),
        ),
        start=1,
    )
    for name in names
}
_NATIVE_KO = {"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10}
_APPROX_FR = {"dizaine": 10, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "centaine": 100}
_SHARES_FR = {"un quart": 25.0, "un tiers": 100 / 3, "la moitié": 50.0, "les trois quarts": 75.0}
_KO_COUNTERS = "명|곳|개국|개|그루|회|번|차례|가지|대|채|가구|세대|건|편"
# Words after a number that are not what it counts.
_NOT_COUNTED_FR = (
    frozenset(
        "et à au aux ou de du des en le la les sur par pour avec h heures heure ans an années année qui que dont où "
        "est sont a ont sera seront".split()
    )
    | frozenset(_MONTHS_FR)
    | frozenset(_FR_MAGNITUDES)
    | frozenset(_CURRENCIES)
)

_FR_MONTH = "|".join(sorted(_MONTHS_FR, key=len, reverse=True))
_YEAR = r"(?:1[89]|20|21)\d\d"
_KO_AMOUNT = rf"(?:(?:{_KO_NUMBER})\s?(?:조|억|천만|백만|만|천)\s?)+(?:\d+(?!\d))?|(?:{_KO_NUMBER})"


def times(text: str, lang: str) -> Iterator[Figure]:
    """ "14h30 à 16h00", "9h30-11h", "14:30~16:00"."""
    clock = r"(\d{1,2})(?:h|:)(\d{2})?"
    for match in re.finditer(rf"{_START}{clock}(?:\s?(?:à|-|–|~)\s?{clock})?(?![\w:])", text):
        if ":" not in match.group(0) and "h" not in match.group(0):
            continue
        if match.group(3) is None and ":" in match.group(0) and not match.group(2):
            continue
        first = f"{int(match.group(1)):02d}:{match.group(2) or '00'}"
        normal = first if match.group(3) is None else f"{first}–{int(match.group(3)):02d}:{match.group(4) or '00'}"
        yield _figure("time", int(match.group(1)), "time", match, normal=normal)


def french_figures(text: str, lang: str) -> Iterator[Figure]:
    yield from _french_dates(text)
    yield from _french_amounts(text, lang)
    yield from _french_counts(text, lang)


def _french_dates(text: str) -> Iterator[Figure]:
    day = r"(?:(1er|\d{1,2})(?:\s+(?:et|au)\s+(\d{1,2}))?\s+)"
    for match in re.finditer(rf"{_START}{day}?({_FR_MONTH})(?:\s+({_YEAR}))?(?!\w)", text, re.IGNORECASE):
        first, second, month, year = match.groups()
        if not first and not year:
            continue  # "en novembre": no figure
        month_number = _MONTHS_FR[month.casefold()]
        days = [int(first.replace("er", "")) if first else None] + ([int(second)] if second else [])
        normal = "/".join(_date(int(year) if year else None, month_number, d) for d in days)
        yield _figure("date", int(year) if year else 0, "date", match, normal=normal)
    yield from _years(text, rf"{_START}({_YEAR})\s?[-–]\s?({_YEAR})(?!\d)",
                      rf"{_START}({_YEAR})(?![\d,.]\d|\s?%|\w)")


def _french_amounts(text: str, lang: str) -> Iterator[Figure]:
    number = _FR_NUMBER if lang == "fr" else _KO_NUMBER
    magnitude = r"(milliards?|mds?|millions?|mille|m|k)"
    currency = r"(?:\s*(?:de\s+|d['’]\s*)?(won|wons|krw|euros?|eur|€|dollars?|usd|\$))"
    amount = (
        rf"{_START}(?:(?:entre|de)\s+)?({number})(?:\s*(?:et|à|-|–)\s*({number}))?"
        rf"(?:\s+|\s*(?=[mk]\b)){magnitude}?{currency}"
    )
    for match in re.finditer(amount, text, re.IGNORECASE):
        low, high, scale, unit = match.groups()
        factor = _FR_MAGNITUDES[scale.casefold()] if scale else 1.0
        value = parse_number(low, lang) * factor
        upper = parse_number(high, lang) * factor if high else None
        figure = _figure("money", value, _CURRENCIES[unit.casefold()], match, upper=upper)
        if high is None:  # "budget de 165 milliards": the "de" belongs to the sentence, not the figure
            figure = Figure(**{**figure.to_dict(), "start": match.start(1), "text": text[match.start(1) : match.end()]})
        yield figure
    for match in re.finditer(rf"{_START}({number})\s?(%|pour\s?cent)", text):
        yield _figure("percent", parse_number(match.group(1), lang), "%", match)
    for match in re.finditer(rf"{_START}({number})\s?([kmgt]?w)(h?)\b", text, re.IGNORECASE):
        value = parse_number(match.group(1), lang) * _POWER[match.group(2).casefold()]
        yield _figure("capacity", value, "Wh" if match.group(3) else "W", match)
    for match in re.finditer(r"(?<!\w)(un quart|un tiers|la moitié|les trois quarts)(?!\w)", text, re.IGNORECASE):
        yield _figure("percent", _SHARES_FR[match.group(1).casefold()], "%", match, approx=True)


def _french_counts(text: str, lang: str) -> Iterator[Figure]:
    number = _FR_NUMBER if lang == "fr" else _KO_NUMBER
    for match in re.finditer(rf"{_START}({number})\s+(milliards?|mds?|millions?)(?!\w)", text, re.IGNORECASE):
        yield _figure(
            "number", parse_number(match.group(1), lang) * _FR_MAGNITUDES[match.group(2).casefold()], "", match
        )
    for match in re.finditer(rf"{_START}(\d+)\s*(?:e|ème|eme)\s+anniversaire", text, re.IGNORECASE):
        yield _figure("duration", int(match.group(1)), "years", match)
    for match in re.finditer(rf"{_START}({number})\s+(ans|années)\b", text):
        yield _figure("duration", parse_number(match.group(1), lang), "years", match)
    for match in re.finditer(
        rf"(?<!\w)une\s+({'|'.join(_APPROX_FR)})\s+(d['’]années|d['’]ans|de\s+\w+|d['’]\w+)", text, re.IGNORECASE
    ):
        kind, unit = ("duration", "years") if re.match(r"d['’](années|ans)", match.group(2)) else ("quantity", "count")
        yield _figure(kind, _APPROX_FR[match.group(1).casefold()], unit, match, approx=True)
    for match in re.finditer(rf"{_START}({number})(?:{_SPACE}+)([^\W\d_][\w’'-]*)", text):
        word = match.group(2).casefold()
        value = parse_number(match.group(1), lang)
        if word in _NOT_COUNTED_FR or re.fullmatch(_YEAR, match.group(1)) or len(word) < 3:
            continue
        if match.group(2)[0].isupper() and not match.group(2).isupper() or _after_name(text, match.start()):
            continue  # "2020 Annonce", "COP 26 qui", "Golfe 5": a name or a heading, not a count
        yield _figure("quantity", value, "count", match)


def korean_figures(text: str, lang: str) -> Iterator[Figure]:
    yield from _korean_dates(text)
    for match in re.finditer(rf"{_START}({_KO_AMOUNT})\s?(?:[~∼-]\s?({_KO_AMOUNT}))?\s?(원|유로|달러)", text):
        low, high, unit = match.group(1), match.group(2), match.group(3)
        upper = parse_korean_amount(high) if high else None
        value = parse_korean_amount(low)
        scale = re.search("(조|억|천만|백만|만|천)\\s?$", high.strip()) if high else None
        if scale and not re.search("[조억만천백]", low):
            value *= parse_korean_amount("1" + scale.group(1))  # "60~70억 원": both ends in 억
        yield _figure("money", value, _CURRENCIES[unit], match, upper=upper)
    yield from _french_amounts(text, "ko")  # %, GW, "(1,320만 유로)" already claimed above
    for match in re.finditer(rf"{_START}(\d+)분의\s?(\d+)", text):
        yield _figure("percent", 100 * int(match.group(2)) / int(match.group(1)), "%", match, approx=True)
    for match in re.finditer(r"(?<![\w])절반", text):
        yield _figure("percent", 50.0, "%", match, approx=True)
    for match in re.finditer(rf"{_START}(\d+)(여)?\s?(?:년간|년\s?전|주년|년마다|년(?=\s|$|[,.)]))", text):
        if re.fullmatch(_YEAR, match.group(1)):
            continue
        yield _figure("duration", int(match.group(1)), "years", match, approx=bool(match.group(2)))
    for match in re.finditer(rf"{_START}({_KO_AMOUNT})(여)?\s?({_KO_COUNTERS})", text):
        yield _figure("quantity", parse_korean_amount(match.group(1)), "count", match, approx=bool(match.group(2)))
    for match in re.finditer(
        rf"{_START}((?:{_KO_NUMBER})\s?(?:조|억|만)(?:\s?(?:{_KO_NUMBER})\s?(?:억|천만|만|천))*)", text
    ):
        yield _figure("number", parse_korean_amount(match.group(1)), "", match)  # "1,650억" typed alone
    native = "|".join(sorted(_NATIVE_KO, key=len, reverse=True))
    for match in re.finditer(rf"(?<![\w])({native})\s?(가지|곳|명|번|차례)", text):
        yield _figure("quantity", _NATIVE_KO[match.group(1)], "count", match)


def _korean_dates(text: str) -> Iterator[Figure]:
    for match in re.finditer(rf"{_START}(?:({_YEAR})년\s?)?(\d{{1,2}})월\s?(\d{{1,2}})\s?[~∼-]\s?(\d{{1,2}})일", text):
        year, month, first, last = (int(g) if g else None for g in match.groups())  # "5월 30~31일"
        yield _figure(
            "date", year or 0, "date", match, normal=f"{_date(year, month, first)}/{_date(year, month, last)}"
        )
    full = rf"{_START}(?:({_YEAR})년\s?)?(\d{{1,2}})월(?:\s?(\d{{1,2}})일)?"
    for match in re.finditer(full, text):
        year, month, day = match.groups()
        if not year and not day:
            continue  # "11월": a month alone, as in French "en novembre"
        yield _figure(
            "date",
            int(year) if year else 0,
            "date",
            match,
            normal=_date(int(year) if year else None, int(month), int(day) if day else None),
        )
    yield from _years(text, rf"{_START}({_YEAR})\s?[~∼\-–]\s?({_YEAR})(?!\d)(년)?",
                      rf"{_START}({_YEAR})(?:년|(?![\d,.]\d|\s?%|[\w~∼\-–]))")


def _years(text: str, span: str, year: str) -> Iterator[Figure]:
    """Year spans ("2019-2021", "2019~2021년") by the ``span`` pattern, then lone years by ``year``.

    Each language writes them its own way; both patterns capture the years as their first groups.
    """
    for match in re.finditer(span, text):
        first, last = match.group(1), match.group(2)
        yield _figure("date", int(first), "date", match, normal=f"{first}/{last}", upper=int(last))
    for match in re.finditer(year, text):
        yield _figure("date", int(match.group(1)), "date", match, normal=match.group(1))


def _after_name(text: str, start: int) -> bool:
    """Whether the number at ``start`` follows a word in capitals on the same line ("COP 26", "Golfe 5")."""
    before = re.search(r"([^\W\d_][\w-]*)[ \u00a0]+$", text[max(0, start - 40) : start])
    if not before:
        return False
    word = before.group(1)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    if text[line_start : line_end if line_end >= 0 else len(text)].isupper():
        return False  # a heading in capitals: "FOCUS SUR 4 COLLECTIVITÉS"
    first_word = text[line_start:start].split()[:1] == [word]
    return word[0].isupper() and not first_word
