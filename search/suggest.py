""""Did you mean": a misspelt query word replaced by the nearest word of the archive or the glossary.

    Suggester(chunks, glossary).suggest("recylage", known)  →  "recyclage"

Only words the index does not know are corrected (``known`` says which), so a
correct query never gets a suggestion; the nearest candidate must be close
(rapidfuzz ratio ≥ ``MIN_SIMILARITY``) and share the first letter, which is
rarely the one mistyped.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

from search.glossary import Glossary

MIN_SIMILARITY = 80  # rapidfuzz ratio (0–100): "recylage"/"recyclage" 94, "recyclage"/"recycler" 71
MIN_WORD_CHARS = {"latin": 4, "hangul": 2}  # shorter words have too many near neighbours
_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*[^\W\d_]|[^\W\d_]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


class Suggester:
    """Candidate words: every word of the indexed passages and of the glossary's terms, casefolded."""

    def __init__(self, texts: Iterable[str], glossary: Glossary):
        words: dict[str, None] = {}
        for text in texts:
            words.update(dict.fromkeys(w.casefold() for w in _WORD.findall(text)))
        for entry in glossary.entries:
            for lang in ("fr", "ko", "en"):
                for variant in entry.terms(lang):
                    words.update(dict.fromkeys(w.casefold() for w in _WORD.findall(variant)))
        self._known = {w for w in words if len(w) >= 2}
        self._by_first: dict[str, list[str]] = {}
        for w in sorted(self._known):  # sorted: ties between candidates resolve the same way every run
            self._by_first.setdefault(w[0], []).append(w)

    def suggest(self, query: str, is_known: Callable[[str], bool]) -> str:
        """``query`` with its unknown words replaced by their nearest candidates, or "" if nothing changes.

        Args:
            query: the searched text (phrases and exclusions already removed).
            is_known: whether the index has a match for a word (e.g. its stem is in the BM25 vocabulary).
        """
        from rapidfuzz import fuzz, process

        changed = False
        pieces: list[str] = []
        position = 0
        for match in _WORD.finditer(query):
            word = match.group(0)
            replacement = None
            if self._worth_correcting(word) and not is_known(word):
                best = process.extractOne(word.casefold(), self._candidates(word), scorer=fuzz.ratio,
                                          score_cutoff=MIN_SIMILARITY)
                replacement = best[0] if best else None
            pieces.append(query[position : match.start()])
            pieces.append(replacement or word)
            changed |= bool(replacement) and replacement != word.casefold()
            position = match.end()
        pieces.append(query[position:])
        return "".join(pieces) if changed else ""

    def _worth_correcting(self, word: str) -> bool:
        script = "hangul" if _HANGUL.search(word) else "latin"
        return len(word) >= MIN_WORD_CHARS[script] and word.casefold() not in self._known

    def _candidates(self, word: str) -> list[str]:
        return [w for w in self._by_first.get(word.casefold()[0], ()) if abs(len(w) - len(word)) <= 2]


KNOWN_WORDS_CACHE = 4096  # query words remembered as known or not to the index


class DidYouMean:
    """Suggestions for one index: the candidates are gathered on the first unknown word, most queries never need it.

    ``is_known(term)`` says whether an index term is in the index; a word is known when one of its
    terms is (remembered per word: analysing a word needs Kiwi or Snowball).
    """

    def __init__(self, texts: Callable[[], Iterable[str]], glossary: Glossary, is_known: Callable[[str], bool],
                 analyze: Callable[[str], list[str]]):
        self._texts, self._glossary, self._is_known, self._analyze = texts, glossary, is_known, analyze
        self._suggester: Suggester | None = None
        self._known_words: dict[str, bool] = {}

    def __call__(self, text: str, terms: list[str] | None = None) -> str:
        """``text`` with words the index does not know replaced by the nearest known ones, or "".

        ``terms``: the query's terms, if analysed already; when the index knows every one of
        them, no word needs correcting and none is analysed again.
        """
        if terms and all(self._is_known(term) for term in terms):
            return ""
        if all(self.known(word) for word in text.split()):
            return ""
        if self._suggester is None:  # a race only gathers the candidates twice
            self._suggester = Suggester(self._texts(), self._glossary)
        return self._suggester.suggest(text, self.known)

    def known(self, word: str) -> bool:
        known = self._known_words.get(word)
        if known is None:
            known = any(self._is_known(term) for term in self._analyze(word))
            if len(self._known_words) >= KNOWN_WORDS_CACHE:
                self._known_words.clear()
            self._known_words[word] = known
        return known
