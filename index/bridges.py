"""Names across scripts: one language-neutral "name key" for 수원 and Suwon, 뚜르 and Tours.

Korean writers name Korean places in Hangul and French writers in Revised
Romanization (수원 / Suwon, 충남 / Chungnam); Korean writers name French places
and people by transcription (뚜르 or 투르 for Tours, 떼발디 for Tebaldi,
이씨레물리노 for Issy-les-Moulineaux). Both sides are reduced to a coarse
sound key, emitted as an extra index and query term (``NAME_PREFIX + key``):

* Hangul is romanised (``korean-romanizer``, Revised Romanization), the
  epenthetic 으 of transcriptions is dropped (뚜르 "ttureu" → "ttur") and 어/애
  are read as o/e.
* A Latin word is read twice, since it may be a Korean name in Revised
  Romanization (Incheon) or a French one (Tours): once as written, once with
  French spelling rules (silent final letters, ou/eau/ai, soft c and g).
* Both then lose what transcription blurs: voicing (g/k, d/t, b/p, v/f/p),
  r/l, e and doubled letters. 떼발디 and Tebaldi both give "tpalti".

Keys of passages are exact; a query key unknown to the index is matched to the
nearest keys of the index (rapidfuzz), which absorbs the variation exact rules
miss (그르노블 / Grenoble).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, NamedTuple

NAME_PREFIX = "~"  # never produced by the word analysers (they keep letters and digits only)
MIN_KEY_CHARS = 3  # "tni" (Denis / 드니) is the shortest key worth a match
FUZZY_MIN_CHARS = 5  # shorter keys have too many neighbours at one edit
FUZZY_MIN_SCORE = 85  # rapidfuzz ratio: 그르노블 "klnopl" / Grenoble "klnpl" 91, Suwon / Seoul 40
FUZZY_LIMIT = 3

# Administrative suffixes written onto Korean place names: 수원시 → 수원, 충남도 → 충남.
_KOREAN_SUFFIXES = ("특례시", "광역시", "특별시", "시청", "구청", "군청", "도청", "시", "도", "군", "구")
_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")
_LATIN_NAME = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # "d'Issy-les-Moulineaux": the elided d' stays out
_FRENCH_SPELLING = (
    ("eaux", "o"), ("eau", "o"), ("au", "o"), ("ou", "u"), ("oi", "wa"), ("ai", "e"), ("ei", "e"), ("qu", "k"),
    ("ph", "f"), ("gn", "ni"), ("ch", "sh"), ("th", "t"), ("gue", "ge"), ("gui", "gi"),
)  # after the soft c and g: "Guichard" is gi-, not ji-
_SOFT = re.compile(r"c(?=[eiy])")
_SOFT_G = re.compile(r"g(?=[eiy])")
_SILENT_FINAL = "stdxz"
_KOREAN_VOWELS = (("eo", "o"), ("ae", "e"), ("oe", "e"), ("ui", "i"))
_EPENTHETIC = re.compile(r"(?<=[^aeiouy])eu(?=[^aeiouy]|$)")
_MERGES = str.maketrans({"g": "k", "d": "t", "b": "p", "v": "p", "f": "p", "r": "l", "y": "i", "q": "k", "e": None})


class NameTerm(NamedTuple):
    term: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _romanizer():
    try:
        from korean_romanizer.romanizer import Romanizer
    except ImportError as error:  # a declared dependency: only a broken install gets here
        raise ImportError("korean-romanizer is missing: pip install -e . (it is a dependency)") from error
    return Romanizer


@lru_cache(maxsize=20000)
def korean_keys(word: str) -> tuple[str, ...]:
    """Name keys of a Hangul word: "떼발디" → ("tpalti",); with a place suffix, with and without it.

    "뚜르시" is Tours with 시 (city), but "보르도" is Bordeaux, not 보르 with 도
    (province): both readings are kept, the one that meets a Latin name wins.
    """
    stripped = strip_place_suffix(word)
    keys = (korean_key(word),) + ((korean_key(stripped),) if stripped != word else ())
    return tuple(key for key in dict.fromkeys(keys) if len(key) >= MIN_KEY_CHARS)


def _romanize(word: str) -> str:
    """Revised Romanization of ``word``; syllables the library has no table entry for are left out.

    korean-romanizer raises ``KeyError`` on rare final clusters (걶: ㄶ), which real
    text and typos do contain: a name key without that syllable still matches.
    """
    romanizer = _romanizer()
    try:
        return romanizer(word).romanize()
    except (KeyError, IndexError, ValueError):
        parts = []
        for syllable in word:
            try:
                parts.append(romanizer(syllable).romanize())
            except (KeyError, IndexError, ValueError):
                continue
        return "".join(parts)


@lru_cache(maxsize=20000)
def korean_key(word: str) -> str:
    """Name key of a Hangul word as written: "뚜르" → "tul", "떼발디" → "tpalti", "수원" → "suwon"."""
    roman = _romanize(word).casefold()
    for old, new in _KOREAN_VOWELS:
        roman = roman.replace(old, new)
    return _common(_EPENTHETIC.sub("", roman))


@lru_cache(maxsize=20000)
def latin_keys(word: str) -> tuple[str, ...]:
    """Name keys of a Latin word, read as romanised Korean and as French: "Tours" → ("tous", "tul")."""
    from corpus.language import fold_accents

    folded = fold_accents(word.casefold())
    parts = [part for part in re.split(r"[-'’\s]+", folded) if part]
    as_korean = _common(_EPENTHETIC.sub("", "".join(_apply(part, _KOREAN_VOWELS) for part in parts)))
    as_french = _common("".join(_french(part) for part in parts))
    return tuple(dict.fromkeys(key for key in (as_korean, as_french) if len(key) >= MIN_KEY_CHARS))


def strip_place_suffix(word: str) -> str:
    """"수원시" → "수원", "충남도" → "충남"; "서구" and "도시" stay whole."""
    for suffix in _KOREAN_SUFFIXES:
        # Keep two syllables at least: 서구 and 도시 are names or words, not suffixed names.
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            return word[: -len(suffix)]
    return word


def _apply(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    for old, new in pairs:
        text = text.replace(old, new)
    return text


def _french(part: str) -> str:
    # "les", "Tours", "Denis", "Moulineaux": the final consonant is not heard, nor the final e of "Grenoble".
    if len(part) > 2 and part[-1] in _SILENT_FINAL:
        part = part[:-1]
    if len(part) > 3 and part.endswith("e"):
        part = part[:-1]
    part = _SOFT_G.sub("j", _SOFT.sub("s", part))
    part = _apply(part, _FRENCH_SPELLING)
    return part.replace("c", "k").replace("x", "ks")


def _common(text: str) -> str:
    # 샤 "sya" and French "cha" "sha" are one sound; "Issy-les" keeps its y.
    text = re.sub(r"sy(?=[aeiou])", "s", re.sub(r"[^a-z]", "", text).replace("sh", "s"))
    text = text.translate(_MERGES)
    return re.sub(r"(.)\1+", r"\1", text)


def korean_name_terms(tokens: Iterable, text: str, *, tags: frozenset[str] = frozenset({"NNP"})) -> list[NameTerm]:
    """Name terms of Kiwi tokens with one of ``tags`` (proper nouns in passages; queries add common nouns).

    A noun glossed in Latin script, "뚜르(Tours)", is a name whatever its tag: Kiwi
    tags an unknown transcription as a common noun as often as a proper one.
    """
    tokens = list(tokens)
    terms = []
    for i, token in enumerate(tokens):
        glossed = token.tag == "NNG" and i + 2 < len(tokens) and tokens[i + 1].form == "(" and tokens[i + 2].tag == "SL"
        if (token.tag in tags or glossed) and _HANGUL_WORD.fullmatch(token.form):
            end = token.start + token.len
            terms.extend(NameTerm(NAME_PREFIX + key, token.start, end) for key in korean_keys(token.form))
    return terms


def latin_name_terms(text: str, *, capitalised_only: bool = True) -> list[NameTerm]:
    """Name terms of Latin words: capitalised ones in passages (names), every word of a query."""
    terms = []
    for match in _LATIN_NAME.finditer(text):
        word = match.group(0)
        if _HANGUL_WORD.search(word) or capitalised_only and not word[0].isupper():
            continue
        # A hyphenated name is one name (Issy-les-Moulineaux), its parts are words of their own too.
        parts = _LATIN_NAME_PART.finditer(word) if "-" in word else ()
        words = [(word, match.start())] + [(part.group(0), match.start() + part.start()) for part in parts]
        for item, start in words:
            for key in latin_keys(item):
                terms.append(NameTerm(NAME_PREFIX + key, start, start + len(item)))
    return terms


_LATIN_NAME_PART = re.compile(r"[^\W\d_]+")


class NameMatcher:
    """Nearest name keys of an index for the keys of a query (뚜르 → the key of Tours)."""

    def __init__(self, vocabulary: Iterable[str]):
        self._keys = sorted(term[len(NAME_PREFIX):] for term in vocabulary if term.startswith(NAME_PREFIX))

    def expand(self, terms: list[str]) -> list[str]:
        """``terms`` plus, for each name key the index lacks, its nearest keys in the index."""
        from rapidfuzz import fuzz, process

        known = set(self._keys)
        extra = []
        for term in terms:
            key = term[len(NAME_PREFIX):]
            if not term.startswith(NAME_PREFIX) or key in known or len(key) < FUZZY_MIN_CHARS:
                continue
            for match, _score, _ in process.extract(key, self._keys, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE,
                                                    limit=FUZZY_LIMIT):
                extra.append(NAME_PREFIX + match)
        return list(dict.fromkeys(terms + extra))
