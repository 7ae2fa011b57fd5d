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

from corpus.language import has_hangul

KINDS = ("money", "percent", "capacity", "quantity", "duration", "date", "time", "number")

_SPACE = r"[ \u00a0\u202f]"
# French: "30 000" (thin, non-breaking or plain spaces; a PDF line break too), "517,1", "18.9".
_FR_NUMBER = rf"\d{{1,3}}(?:(?:{_SPACE}|\n)\d{{3}})+(?:,\d+)?(?!\d)|\d+(?:[,.]\d+)?"
# Korean / English: "1,650", "5,171", "13.4".
_KO_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?"
_START = r"(?<![\w.,^])"  # not inside a word, a name ("Under2", "골프5") or a longer number

_KO_MAGNITUDES = {"조": 1e12, "억": 1e8, "만": 1e4, "천": 1e3, "백": 1e2}


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
    """ "1,650억" → 1.65e11, "1억 2천만" → 1.2e8, "3만" → 3e4, "5,171" → 5171."""
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
    """ "ko" when the text holds Hangul (Korean number conventions apply), else "fr"."""
    return "ko" if has_hangul(text) else "fr"


def extract_figures(text: str, lang: str | None = None) -> list[Figure]:
    """Every figure of ``text`` in reading order; ``lang`` ("fr", "ko", "en") decides the number conventions.

    Example:
        >>> [f.key for f in extract_figures("budget de 165 milliards de won", "fr")]
        ['money:165000000000 KRW']
        >>> [f.key for f in extract_figures("예산 1,650억 원 투입", "ko")]
        ['money:165000000000 KRW']
    """
    from corpus.figure_patterns import french_figures, korean_figures, times
    from corpus.figure_patterns_en import english_figures

    lang = lang if lang in ("fr", "ko", "en") else text_language(text)
    claimed: list[tuple[int, int]] = []
    figures: list[Figure] = []
    for finder in (times, {"ko": korean_figures, "en": english_figures}.get(lang, french_figures)):
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
    return Figure(
        kind,
        float(value),
        unit,
        normal,
        match.group(group),
        match.start(group),
        match.end(group),
        upper=None if upper is None else float(upper),
        approx=approx,
    )


def _date(year: int | None, month: int | None = None, day: int | None = None) -> str:
    parts = [f"{month:02d}" if month else "", f"{day:02d}" if day else ""]
    tail = "-".join(part for part in parts if part)
    if not year:
        return f"--{tail}"  # ISO 8601 for a day without its year ("le 22 septembre")
    return f"{year:04d}-{tail}" if tail else f"{year:04d}"


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
    for before in reversed(_CLAUSE_BREAK.split(text[max(0, figure.start - 160) : figure.start])[-4:]):
        words = [w for w in before.split() if w not in ("-", "–")][-_CONTEXT_WORDS:]
        while words and words[-1].casefold().strip("'’") in _EDGE_WORDS | {"d", "l", "qu"}:
            words.pop()
        if sum(1 for w in words if _SAYS_SOMETHING.search(w) and w.casefold() not in _EDGE_WORDS) >= 1:
            break
        words = []
    if not words:
        after = _CLAUSE_BREAK.split(text[figure.end : figure.end + 120])[0]
        words = after.split()[:_CONTEXT_WORDS]
        while words and words[0].casefold() in _EDGE_WORDS:
            words.pop(0)
    context = " ".join(words).strip(" -–:")
    return Figure(**{**figure.to_dict(), "context": context})
