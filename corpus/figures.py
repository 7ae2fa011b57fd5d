"""Figures in French and Korean text: amounts, percentages, capacities, quantities, dates.

Each figure is normalised to a value and a unit, so that the figure of a
French original and the one of its Korean translation compare equal:
"165 milliards de won" and "1,650억 원" are both ``money:165000000000 KRW``,
"30 000 arbres" and "3만 그루" both ``quantity:30000``, "3 mars 2019" and
"2019년 3월 3일" both ``date:2019-03-03``.

French numbers use a decimal comma and spaces between thousands ("517,1",
"30 000"); Korean (and English) ones a thousands comma ("5,171억") and count
in 만 (10^4), 억 (10^8) and 조 (10^12). ``figure_terms`` turns figures into
language-neutral index terms ("#165000000000krw"), which is how the lexical
index finds "1,650억" in a French passage and "3 GW" in a Korean one.

Not figures: list and section numbers ("1.", "Saison 2"), numbers inside
names ("COP 26", "Covid19", "Golfe 5", "15e arrondissement") and ordinals
("2e Tour", "제2차").
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Iterator

KINDS = ("money", "percent", "capacity", "quantity", "duration", "date", "time", "number")

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_SPACE = r"[ \u00a0\u202f]"
# French: "30 000" (thin, non-breaking or plain spaces; a PDF line break too), "517,1", "18.9".
_FR_NUMBER = rf"\d{{1,3}}(?:(?:{_SPACE}|\n)\d{{3}})+(?:,\d+)?(?!\d)|\d+(?:[,.]\d+)?"
# Korean / English: "1,650", "5,171", "13.4".
_KO_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?"
_START = r"(?<![\w.,^])"  # not inside a word, a name ("Under2", "골프5") or a longer number

_FR_MAGNITUDES = {"milliard": 1e9, "milliards": 1e9, "mds": 1e9, "md": 1e9, "millions": 1e6, "million": 1e6,
                  "m": 1e6, "mille": 1e3, "k": 1e3}
_KO_MAGNITUDES = {"조": 1e12, "억": 1e8, "만": 1e4, "천": 1e3, "백": 1e2}
_CURRENCIES = {"won": "KRW", "wons": "KRW", "krw": "KRW", "₩": "KRW", "원": "KRW", "euro": "EUR", "euros": "EUR",
               "€": "EUR", "eur": "EUR", "유로": "EUR", "dollar": "USD", "dollars": "USD", "$": "USD", "usd": "USD",
               "달러": "USD"}
_POWER = {"w": 1.0, "kw": 1e3, "mw": 1e6, "gw": 1e9, "tw": 1e12}
_MONTHS_FR = {name: number for number, names in enumerate((
    ("janvier",), ("février", "fevrier"), ("mars",), ("avril",), ("mai",), ("juin",), ("juillet",),
    ("août", "aout"), ("septembre",), ("octobre",), ("novembre",), ("décembre", "decembre")), start=1) for name in names}
_NATIVE_KO = {"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10}
_APPROX_FR = {"dizaine": 10, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "centaine": 100}
_SHARES_FR = {"un quart": 25.0, "un tiers": 100 / 3, "la moitié": 50.0, "les trois quarts": 75.0}
_KO_COUNTERS = "명|곳|개국|개|그루|회|번|차례|가지|대|채|가구|세대|건|편"
# Words after a number that are not what it counts.
_NOT_COUNTED_FR = frozenset(
    "et à au aux ou de du des en le la les sur par pour avec h heures heure ans an années année qui que dont où "
    "est sont a ont sera seront".split()
) | frozenset(_MONTHS_FR) | frozenset(_FR_MAGNITUDES) | frozenset(_CURRENCIES)

_FR_MONTH = "|".join(sorted(_MONTHS_FR, key=len, reverse=True))
_YEAR = r"(?:1[89]|20|21)\d\d"
_KO_AMOUNT = rf"(?:(?:{_KO_NUMBER})\s?(?:조|억|천만|백만|만|천)\s?)+(?:\d+(?!\d))?|(?:{_KO_NUMBER})"


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure found in a text.

    ``value``/``upper`` are in the base unit (won, euro, watt, percent, count,
    years; a date's value is its year); ``normal`` is the canonical written
    form ("165000000000 KRW", "2019-03-03", "60000000000–70000000000 KRW"),
    ``context`` a few words of the text saying what the figure measures.
    """

    kind: str
    value: float
    unit: str
    normal: str
    text: str
    start: int
    end: int
    context: str = ""
    upper: float | None = None
    approx: bool = False

    @property
    def key(self) -> str:
        """What a figure and its translation share: kind and normalised value."""
        return f"{self.kind}:{self.normal}"

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Figure":
        return cls(**{name: data[name] for name in cls.__dataclass_fields__ if name in data})


def parse_number(text: str, lang: str) -> float:
    """A written number as a float: "30 000" → 30000, "517,1" (fr) → 517.1, "1,650" (ko) → 1650."""
    text = re.sub(r"\s", "", text)
    if lang == "fr":
        return float(text.replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
        return float(text.replace(",", ""))
    return float(text.replace(",", "."))


def parse_korean_amount(text: str) -> float:
    """"1,650억" → 1.65e11, "1억 2천만" → 1.2e8, "3만" → 3e4, "5,171" → 5171."""
    total, found = 0.0, False
    for number, unit in re.findall(rf"({_KO_NUMBER})\s?(조|억|천만|백만|만|천)?", text):
        value = parse_number(number, "ko")
        if unit:
            value *= _KO_MAGNITUDES[unit[0]] * (_KO_MAGNITUDES[unit[1]] if len(unit) == 2 else 1)
        total += value
        found = True
    if not found:
        raise ValueError(f"not a Korean amount: {text!r}")
    return total


def format_value(value: float) -> str:
    """Shortest exact decimal form: 165000000000.0 → "165000000000", 1.3 → "1.3"."""
    rounded = round(value, 6)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.6f}".rstrip("0").rstrip(".")


def text_language(text: str) -> str:
    """"ko" when the text holds Hangul (Korean number conventions apply), else "fr"."""
    return "ko" if _HANGUL.search(text) else "fr"


def extract_figures(text: str, lang: str | None = None) -> list[Figure]:
    """Every figure of ``text`` in reading order; ``lang`` ("fr", "ko", "en") decides the number conventions.

    Example:
        >>> [f.key for f in extract_figures("budget de 165 milliards de won", "fr")]
        ['money:165000000000 KRW']
        >>> [f.key for f in extract_figures("예산 1,650억 원 투입", "ko")]
        ['money:165000000000 KRW']
    """
    lang = lang if lang in ("fr", "ko", "en") else text_language(text)
    claimed: list[tuple[int, int]] = []
    figures: list[Figure] = []
    for finder in (_times, _korean_figures if lang == "ko" else _french_figures):
        for figure in finder(text, "ko" if lang == "ko" else lang):
            if all(figure.end <= s or figure.start >= e for s, e in claimed):
                claimed.append((figure.start, figure.end))
                figures.append(figure)
    figures.sort(key=lambda f: f.start)
    return [_with_context(text, figure) for figure in figures]


def figure_terms(text: str, lang: str | None = None) -> list[tuple[str, int, int]]:
    """Language-neutral index terms of the figures in ``text``: ``(term, start, end)``.

    A figure gives "#<value><unit>" ("#165000000000krw", "#3000000000w", "#11pct",
    "#d2019-03-03"); an amount written with a magnitude ("1,650억", "165
    milliards") also gives its bare value, so a query without the currency finds it.
    """
    terms: list[tuple[str, int, int]] = []
    for figure in extract_figures(text, lang):
        for term in _terms_of(figure):
            terms.append((term, figure.start, figure.end))
    return terms


def _terms_of(figure: Figure) -> list[str]:
    unit = {"%": "pct", "count": "", "years": "y"}.get(figure.unit, figure.unit.casefold())
    if figure.kind in ("date", "time"):
        normal = figure.normal
        terms = [f"#d{normal}"] if figure.kind == "date" else [f"#t{normal}"]
        if figure.kind == "date" and len(normal) == 10 and "/" not in normal:
            terms.append(f"#d{normal[:7]}")  # "3 mars 2019" also matches "mars 2019"
        return terms
    values = [figure.value] + ([figure.upper] if figure.upper is not None else [])
    terms = [f"#{format_value(v)}{unit}" for v in values]
    if figure.kind == "number":
        return [f"#{format_value(figure.value)}"]
    if figure.kind == "money" or figure.kind == "quantity" and figure.value >= 1e4:
        terms += [f"#{format_value(v)}" for v in values]
    return list(dict.fromkeys(terms))


# -- builders ----------------------------------------------------------------

def _figure(kind, value, unit, match, *, upper=None, approx=False, normal=None, group=0) -> Figure:
    if normal is None:
        shown = format_value(value) if upper is None else f"{format_value(value)}–{format_value(upper)}"
        normal = f"{shown} {unit}" if unit not in ("count", "") else shown
    return Figure(kind, float(value), unit, normal, match.group(group), match.start(group), match.end(group),
                  upper=None if upper is None else float(upper), approx=approx)


def _date(year: int | None, month: int | None = None, day: int | None = None) -> str:
    parts = [f"{month:02d}" if month else "", f"{day:02d}" if day else ""]
    tail = "-".join(part for part in parts if part)
    if not year:
        return f"--{tail}"  # ISO 8601 for a day without its year ("le 22 septembre")
    return f"{year:04d}-{tail}" if tail else f"{year:04d}"


def _times(text: str, lang: str) -> Iterator[Figure]:
    """"14h30 à 16h00", "9h30-11h", "14:30~16:00"."""
    clock = r"(\d{1,2})(?:h|:)(\d{2})?"
    for match in re.finditer(rf"{_START}{clock}(?:\s?(?:à|-|–|~)\s?{clock})?(?![\w:])", text):
        if ":" not in match.group(0) and "h" not in match.group(0):
            continue
        if match.group(3) is None and ":" in match.group(0) and not match.group(2):
            continue
        first = f"{int(match.group(1)):02d}:{match.group(2) or '00'}"
        normal = first if match.group(3) is None else f"{first}–{int(match.group(3)):02d}:{match.group(4) or '00'}"
        yield _figure("time", int(match.group(1)), "time", match, normal=normal)


def _french_figures(text: str, lang: str) -> Iterator[Figure]:
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
    for match in re.finditer(rf"{_START}({_YEAR})\s?[-–]\s?({_YEAR})(?!\d)", text):
        yield _figure("date", int(match.group(1)), "date", match, normal=f"{match.group(1)}/{match.group(2)}",
                      upper=int(match.group(2)))
    for match in re.finditer(rf"{_START}({_YEAR})(?![\d,.]\d|\s?%|\w)", text):
        yield _figure("date", int(match.group(1)), "date", match, normal=match.group(1))


def _french_amounts(text: str, lang: str) -> Iterator[Figure]:
    number = _FR_NUMBER if lang == "fr" else _KO_NUMBER
    magnitude = r"(milliards?|mds?|millions?|mille|m|k)"
    currency = r"(?:\s*(?:de\s+|d['’]\s*)?(won|wons|krw|euros?|eur|€|dollars?|usd|\$))"
    amount = rf"{_START}(?:(?:entre|de)\s+)?({number})(?:\s*(?:et|à|-|–)\s*({number}))?(?:\s+|\s*(?=[mk]\b)){magnitude}?{currency}"
    for match in re.finditer(amount, text, re.IGNORECASE):
        low, high, scale, unit = match.groups()
        factor = _FR_MAGNITUDES[scale.casefold()] if scale else 1.0
        value = parse_number(low, lang) * factor
        upper = parse_number(high, lang) * factor if high else None
        figure = _figure("money", value, _CURRENCIES[unit.casefold()], match, upper=upper)
        if high is None:  # "budget de 165 milliards": the "de" belongs to the sentence, not the figure
            figure = Figure(**{**figure.to_dict(), "start": match.start(1), "text": text[match.start(1):match.end()]})
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
        yield _figure("number", parse_number(match.group(1), lang) * _FR_MAGNITUDES[match.group(2).casefold()], "", match)
    for match in re.finditer(rf"{_START}(\d+)\s*(?:e|ème|eme)\s+anniversaire", text, re.IGNORECASE):
        yield _figure("duration", int(match.group(1)), "years", match)
    for match in re.finditer(rf"{_START}({number})\s+(ans|années)\b", text):
        yield _figure("duration", parse_number(match.group(1), lang), "years", match)
    for match in re.finditer(rf"(?<!\w)une\s+({'|'.join(_APPROX_FR)})\s+(d['’]années|d['’]ans|de\s+\w+|d['’]\w+)", text, re.IGNORECASE):
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


def _korean_figures(text: str, lang: str) -> Iterator[Figure]:
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
    for match in re.finditer(rf"{_START}((?:{_KO_NUMBER})\s?(?:조|억|만)(?:\s?(?:{_KO_NUMBER})\s?(?:억|천만|만|천))*)", text):
        yield _figure("number", parse_korean_amount(match.group(1)), "", match)  # "1,650억" typed alone
    native = "|".join(sorted(_NATIVE_KO, key=len, reverse=True))
    for match in re.finditer(rf"(?<![\w])({native})\s?(가지|곳|명|번|차례)", text):
        yield _figure("quantity", _NATIVE_KO[match.group(1)], "count", match)


def _korean_dates(text: str) -> Iterator[Figure]:
    for match in re.finditer(rf"{_START}(?:({_YEAR})년\s?)?(\d{{1,2}})월\s?(\d{{1,2}})\s?[~∼-]\s?(\d{{1,2}})일", text):
        year, month, first, last = (int(g) if g else None for g in match.groups())  # "5월 30~31일"
        yield _figure("date", year or 0, "date", match, normal=f"{_date(year, month, first)}/{_date(year, month, last)}")
    full = rf"{_START}(?:({_YEAR})년\s?)?(\d{{1,2}})월(?:\s?(\d{{1,2}})일)?"
    for match in re.finditer(full, text):
        year, month, day = match.groups()
        if not year and not day:
            continue  # "11월": a month alone, as in French "en novembre"
        yield _figure("date", int(year) if year else 0, "date", match,
                      normal=_date(int(year) if year else None, int(month), int(day) if day else None))
    for match in re.finditer(rf"{_START}({_YEAR})\s?[~∼\-–]\s?({_YEAR})(?!\d)(년)?", text):
        yield _figure("date", int(match.group(1)), "date", match, normal=f"{match.group(1)}/{match.group(2)}",
                      upper=int(match.group(2)))
    for match in re.finditer(rf"{_START}({_YEAR})(?:년|(?![\d,.]\d|\s?%|[\w~∼\-–]))", text):
        yield _figure("date", int(match.group(1)), "date", match, normal=match.group(1))


def _after_name(text: str, start: int) -> bool:
    """Whether the number at ``start`` follows a word in capitals on the same line ("COP 26", "Golfe 5")."""
    before = re.search(r"([^\W\d_][\w-]*)[ \u00a0]+$", text[max(0, start - 40):start])
    if not before:
        return False
    word = before.group(1)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    if text[line_start: line_end if line_end >= 0 else len(text)].isupper():
        return False  # a heading in capitals: "FOCUS SUR 4 COLLECTIVITÉS"
    first_word = text[line_start:start].split()[:1] == [word]
    return word[0].isupper() and not first_word


# -- context -------------------------------------------------------------------

_CLAUSE_BREAK = re.compile(r"[\n;:()\[\]«»\"“”—•→]|,(?=\s)|\s-\s|^-\s|\.\s")
_CONTEXT_WORDS = 6
# A word of three letters or more, not a number with its unit ("2009년", "11%"): what a context needs.
_SAYS_SOMETHING = re.compile(r"^(?!\d)(?:[^\W\d_]{3,}|[\uac00-\ud7a3]{2,})")
_EDGE_WORDS = frozenset("de d' du des la le les l' à au aux en pour par sur avec et un une of the in for to".split())


def _with_context(text: str, figure: Figure) -> Figure:
    """The figure with a few words of its clause saying what it measures (the words before, else after)."""
    words: list[str] = []
    # The nearest clause before the figure that says something: "(11% en 2009, 35% en 2021" gives
    # 35% the words before the parenthesis, not "11% en 2009".
    for before in reversed(_CLAUSE_BREAK.split(text[max(0, figure.start - 160):figure.start])[-4:]):
        words = [w for w in before.split() if w not in ("-", "–")][-_CONTEXT_WORDS:]
        while words and words[-1].casefold().strip("'’") in _EDGE_WORDS | {"d", "l", "qu"}:
            words.pop()
        if sum(1 for w in words if _SAYS_SOMETHING.search(w) and w.casefold() not in _EDGE_WORDS) >= 1:
            break
        words = []
    if not words:
        after = _CLAUSE_BREAK.split(text[figure.end:figure.end + 120])[0]
        words = after.split()[:_CONTEXT_WORDS]
        while words and words[0].casefold() in _EDGE_WORDS:
            words.pop(0)
    context = " ".join(words).strip(" -–:")
    return Figure(**{**figure.to_dict(), "context": context})
