"""The briefing's words in French, Korean and English: headings, labels, dates, theme names."""

from __future__ import annotations

import re

BRIEFING_LANGS = ("fr", "ko", "en")

LABELS = {
    "fr": {
        "title": "Dossier de préparation",
        "entities": "Entités",
        "events": "Événements et dates",
        "speakers": "Qui a parlé, sur quoi",
        "figures": "Chiffres clés",
        "passages": "Passages",
        "figure": "Chiffre",
        "measures": "Ce qu'il mesure",
        "french": "Français",
        "korean": "Coréen",
        "original": "Original",
        "translation": "Traduction",
        "working": "traduction de travail",
        "sections": "Sections",
        "themes": "Thèmes",
        "partners": "Partenaires",
        "none": "—",
        "no_speaker": "Aucun intervenant identifié.",
        "document": "Document",
        "section": "section",
        "time": "time code",
        "date": "date",
        "no_figures": "Aucun chiffre relevé.",
        "no_translation": "(pas de traduction alignée)",
        "place": "lieu",
        "organisation": "organisation",
        "person": "personne",
        "role": "rôle",
        "also_named": "Cités avec",
        "source": "source",
    },
    "ko": {
        "title": "브리핑 자료",
        "entities": "대상",
        "events": "행사 및 일자",
        "speakers": "발표자 및 발표 내용",
        "figures": "주요 수치",
        "passages": "관련 발췌문",
        "figure": "수치",
        "measures": "내용",
        "french": "프랑스어",
        "korean": "한국어",
        "original": "원문",
        "translation": "번역문",
        "working": "작업 번역",
        "sections": "항목",
        "themes": "주제",
        "partners": "교류 상대",
        "none": "—",
        "no_speaker": "확인된 발표자 없음.",
        "document": "문서",
        "section": "항목",
        "time": "시간",
        "date": "일자",
        "no_figures": "확인된 수치 없음.",
        "no_translation": "(정렬된 번역 없음)",
        "place": "지역",
        "organisation": "기관",
        "person": "인물",
        "role": "직책",
        "also_named": "함께 언급",
        "source": "출처",
    },
    "en": {
        "title": "Briefing",
        "entities": "Entities",
        "events": "Events and dates",
        "speakers": "Who spoke, on what",
        "figures": "Key figures",
        "passages": "Passages",
        "figure": "Figure",
        "measures": "What it measures",
        "french": "French",
        "korean": "Korean",
        "original": "Original",
        "translation": "Translation",
        "working": "working translation",
        "sections": "Sections",
        "themes": "Themes",
        "partners": "Partners",
        "none": "—",
        "no_speaker": "No identified speaker.",
        "document": "Document",
        "section": "section",
        "time": "time code",
        "date": "date",
        "no_figures": "No figure found.",
        "no_translation": "(no aligned translation)",
        "place": "place",
        "organisation": "organisation",
        "person": "person",
        "role": "role",
        "also_named": "Named with",
        "source": "source",
    },
}

THEMES = {
    "waste": ("déchets", "폐기물", "waste"),
    "energy": ("énergie", "에너지", "energy"),
    "water": ("eau", "물", "water"),
    "mobility": ("mobilité", "교통", "mobility"),
    "urban planning": ("urbanisme", "도시계획", "urban planning"),
    "climate policy": ("politique climatique", "기후 정책", "climate policy"),
    "governance": ("gouvernance", "거버넌스", "governance"),
    "diplomacy": ("diplomatie", "외교", "diplomacy"),
}

_MONTHS = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def label(lang: str, key: str) -> str:
    return LABELS.get(lang, LABELS["en"])[key]


def passage_count(count: int, lang: str) -> str:
    """ "1 passage", "2 passages"; in Korean the counter follows the noun: "발췌문 3개"."""
    if lang == "ko":
        return f"발췌문 {count}개"
    return f"{count} passage" + ("" if count == 1 else "s")


def theme_name(domain: str, lang: str) -> str:
    names = THEMES.get(domain)
    return names[BRIEFING_LANGS.index(lang)] if names else domain


def format_date(date: str, lang: str) -> str:
    """ "2021-10" → "octobre 2021" / "2021년 10월" / "October 2021"; other text is returned as it is."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", date or "")
    if not match:
        return date or ""
    year, month, day = match.group(1), match.group(2), match.group(3)
    if lang == "ko":
        return f"{year}년" + (f" {int(month)}월" if month else "") + (f" {int(day)}일" if day else "")
    if not month:
        return year
    month_name = _MONTHS.get(lang, _MONTHS["en"])[int(month) - 1]
    return f"{int(day)} {month_name} {year}" if day else f"{month_name} {year}"


_SCALES = {
    "fr": ((1e12, "billions"), (1e9, "milliards"), (1e6, "millions")),
    "en": ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")),
}
_CURRENCY_NAMES = {
    "fr": {"KRW": "de won", "EUR": "d'euros", "USD": "de dollars"},
    "en": {"KRW": "won", "EUR": "euros", "USD": "dollars"},
    "ko": {"KRW": "원", "EUR": "유로", "USD": "달러"},
}
_POWERS = ((1e12, "TW"), (1e9, "GW"), (1e6, "MW"), (1e3, "kW"), (1, "W"))


def format_figure(figure, lang: str) -> str:
    """A normalised figure as people write it: "320 milliards de won", "3,200억 원", "320 billion won", "3 GW"."""
    values = [figure.value] + ([figure.upper] if figure.upper is not None else [])
    if figure.kind == "money":
        return _money(values, figure.unit, lang)
    if figure.kind == "capacity":
        scale, name = next((s, n) for s, n in _POWERS if values[0] >= s or s == 1)
        return "–".join(_number(v / scale, lang) for v in values) + f" {name}" + ("h" if figure.unit == "Wh" else "")
    if figure.kind == "percent":
        return "–".join(_number(v, lang) for v in values) + ("\u00a0%" if lang == "fr" else "%")
    return "–".join(_number(v, lang) for v in values)


def _money(values: list[float], unit: str, lang: str) -> str:
    currency = _CURRENCY_NAMES[lang].get(unit, unit)
    if lang == "ko":
        scale, name = next(((s, n) for s, n in ((1e12, "조"), (1e8, "억"), (1e4, "만")) if values[0] >= s), (1, ""))
        return "~".join(f"{_number(v / scale, 'ko')}{name}" for v in values) + f" {currency}"
    scale, name = next(((s, n) for s, n in _SCALES[lang] if values[0] >= s), (1, ""))
    amount = "–".join(_number(v / scale, lang) for v in values)
    return " ".join(part for part in (amount, name, currency) if part)


def _number(value: float, lang: str) -> str:
    """1650 → "1 650" (fr) / "1,650"; 517.1 → "517,1" (fr) / "517.1"."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if lang == "fr":
        return text.replace(",", "\u202f").replace(".", ",")
    return text
