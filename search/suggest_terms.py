"""Glossary suggestions mined from the archive, for a person to accept into a user glossary.

Three sources of French/Korean pairs:

* **aligned** passages (a translation and its source): a French term and a
  Korean term that keep occurring in the same aligned pairs (Dice coefficient,
  mutual best match) are likely translations of each other;
* **comparable** passages: a French and a Korean passage of documents that are
  not translations of each other but share a name or a figure (뚜르 / Tours,
  1,650억 원 / 165 milliards de won) are treated the same way, at lower trust;
* **names** written in both scripts: a Korean proper noun and a Latin-script
  name with the same name key (index/bridges.py), e.g. 떼발디 / Tebaldi.

Pairs the glossary already holds (either side a known variant) are left out.
Nothing is written into the bundled glossary: ``terms --suggest -o FILE``
writes rows in the glossary's TSV format, to be checked and then used with
``--glossary FILE`` or ``$SEMINAR_SEARCH_GLOSSARY``.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass

from corpus.language import has_hangul
from index.analysis import english_terms, figure_index_terms, french_terms, korean_terms_batch, latin_name_index_terms
from index.bridges import NAME_PREFIX
from search.glossary import COLUMNS, Glossary

MIN_SUPPORT = 2  # a pair seen in one passage pair is chance
MIN_DICE = 0.3
# An anchor shared by more passages than this says nothing about which ones match ("CUF", "2021").
MAX_ANCHOR_SHARE = 0.15
MIN_NAME_KEY = 4
_YEAR_ONLY = re.compile(r"#d\d{4}$")
_PERSON_TITLES = ("시장", "부시장", "회장", "구청장", "군수", "도지사", "교수", "대사", "사무총장", "의원", "위원장")


@dataclass(frozen=True, slots=True)
class TermSuggestion:
    """A candidate glossary entry and the evidence for it."""

    fr: str
    ko: str
    en: str
    domain: str
    kind: str  # "aligned", "comparable" or "name"
    score: float
    support: int  # passage pairs (aligned, comparable) or documents (name) where both sides occur
    example: str  # a passage id where the pair occurs

    def to_dict(self) -> dict:
        return asdict(self)

    def to_row(self) -> list[str]:
        """A row of the glossary's TSV format (``fr ko en domain notes``)."""
        unit = "documents" if self.kind == "name" else "passage pairs"
        note = (f"suggested from {self.kind} text: score {self.score:.2f}, {self.support} {unit}, "
                f"e.g. {self.example}; check before use")
        return [self.fr, self.ko, self.en, self.domain, note]


def suggestions_tsv(suggestions: list[TermSuggestion]) -> str:
    """The suggestions as a glossary file (header and one row each)."""
    lines = ["\t".join(COLUMNS)] + ["\t".join(_cell(c) for c in s.to_row()) for s in suggestions]
    return "\n".join(lines) + "\n"


def suggest_terms(engine, *, limit: int = 50) -> list[TermSuggestion]:
    """Candidate entries from the engine's passages, best first (names, then term pairs by score)."""
    passages = _Passages(engine)
    known = _KnownTerms(engine.glossary)
    names = _name_pairs(passages, known)
    pairs = _term_pairs(passages, passages.aligned_units(), "aligned", known)
    taken = {s.fr.casefold() for s in names + pairs} | {s.ko for s in names + pairs}
    comparable = [s for s in _term_pairs(passages, passages.comparable_units(), "comparable", known, MIN_SUPPORT + 1)
                  if s.fr.casefold() not in taken and s.ko not in taken]
    ranked = names + sorted(pairs + comparable, key=lambda s: (-s.score, s.fr))
    return ranked[:limit]


class _Passages:
    """Terms, anchors and surface forms of every passage, computed once."""

    def __init__(self, engine):
        self.engine = engine
        self.chunks = engine.chunks
        self.langs = [engine.passage_language(chunk) for chunk in self.chunks]
        self.surfaces: dict[str, Counter] = defaultdict(Counter)  # term key → its written forms
        korean_positions = [i for i, lang in enumerate(self.langs) if lang == "ko"]
        korean = dict(zip(korean_positions, korean_terms_batch([self.chunks[i].text for i in korean_positions])))
        # Name keys and figure terms with their spans: the anchors between documents, and the names.
        self.bridges = []
        for i, chunk in enumerate(self.chunks):
            found = korean.get(i, []) + latin_name_index_terms(chunk.text) + figure_index_terms(chunk.text, chunk.lang)
            self.bridges.append([t for t in found if t.term.startswith((NAME_PREFIX, "#"))])
        self.terms = [self._terms(chunk, lang, korean.get(i, []))
                      for i, (chunk, lang) in enumerate(zip(self.chunks, self.langs))]
        self.anchors = [{t.term for t in terms if t.term.startswith(NAME_PREFIX) and len(t.term) > MIN_NAME_KEY
                         or t.term.startswith("#") and not _YEAR_ONLY.match(t.term)} for terms in self.bridges]

    def _terms(self, chunk, lang: str, korean: list) -> set:
        text = chunk.text
        if lang == "ko":
            found = [(t.term, t.start, t.end) for t in korean if has_hangul(t.term) and len(t.term) >= 2
                     and not t.term.startswith(NAME_PREFIX)]
        else:
            stems = french_terms(text) if lang == "fr" else english_terms(text)
            found = [((t.term,), t.start, t.end) for t in stems if len(t.term) >= 3 and not t.term.isdigit()]
            # Two words in a row ("transition juste", "site d'enfouissement") are candidates too.
            found += [((a.term, b.term), a.start, b.end) for a, b in zip(stems, stems[1:])
                      if b.start - a.end <= 4 and not (a.term.isdigit() or b.term.isdigit())]
        for key, start, end in found:
            self.surfaces[key][text[start:end]] += 1
        return {key for key, _, _ in found}

    def aligned_units(self) -> list[tuple[int, int]]:
        by_id = {chunk.id: i for i, chunk in enumerate(self.chunks)}
        units = set()
        for source, targets in self.engine.data.alignment.items():
            for target in targets:
                a, b = by_id.get(source), by_id.get(target)
                if a is not None and b is not None and {self.langs[a], self.langs[b]} == {"fr", "ko"}:
                    units.add((a, b) if self.langs[a] == "fr" else (b, a))
        return sorted(units)

    def comparable_units(self) -> list[tuple[int, int]]:
        """(French, Korean) passages of different documents, not aligned, that share a rare anchor."""
        share = Counter(anchor for anchors in self.anchors for anchor in anchors)
        limit = max(2, int(MAX_ANCHOR_SHARE * len(self.chunks)))
        holders: dict[str, list[int]] = defaultdict(list)
        for i, anchors in enumerate(self.anchors):
            for anchor in anchors:
                if share[anchor] <= limit:
                    holders[anchor].append(i)
        units = set()
        for members in holders.values():
            french = [i for i in members if self.langs[i] == "fr"]
            korean = [i for i in members if self.langs[i] == "ko"]
            units.update((f, k) for f in french for k in korean if self.chunks[f].doc != self.chunks[k].doc)
        return sorted(units - set(self.aligned_units()))

    def surface(self, key) -> str:
        """The most frequent written form, in lower case where the word is also written so (not "Importance")."""
        written = self.surfaces[key].most_common(1)[0][0]
        lower = written[:1].lower() + written[1:]
        return lower if lower in self.surfaces[key] else written


class _KnownTerms:
    """The glossary's variants in comparable form: stems for French, Hangul without spaces for Korean."""

    def __init__(self, glossary: Glossary):
        self.fr = {tuple(t.term for t in french_terms(v)) for e in glossary.entries for v in e.fr}
        self.ko = {"".join(v.split()) for e in glossary.entries for v in e.ko}
        self.latin = {v.casefold() for e in glossary.entries for v in e.fr + e.en}

    def has(self, fr_key: tuple, ko: str) -> bool:
        return fr_key in self.fr or "".join(ko.split()) in self.ko


def _term_pairs(passages: _Passages, units: list[tuple[int, int]], kind: str, known: _KnownTerms,
                min_support: int = MIN_SUPPORT) -> list[TermSuggestion]:
    """Mutually best French/Korean term pairs by the Dice coefficient over ``units``."""
    count_fr, count_ko, count_pair = Counter(), Counter(), Counter()
    example: dict[tuple, int] = {}
    document_pairs: dict[tuple, set] = defaultdict(set)
    for f, k in units:
        fr_terms, ko_terms = passages.terms[f], passages.terms[k]
        count_fr.update(fr_terms)
        count_ko.update(ko_terms)
        for pair in ((a, b) for a in fr_terms for b in ko_terms):
            count_pair[pair] += 1
            example.setdefault(pair, f)
            if kind == "comparable":
                document_pairs[pair].add((passages.chunks[f].doc, passages.chunks[k].doc))
    best_fr: dict[str, tuple[float, tuple]] = {}
    best_ko: dict[tuple, tuple[float, str]] = {}
    scored = []
    for (fr_key, ko), together in count_pair.items():
        if together < min_support or kind == "comparable" and len(document_pairs[(fr_key, ko)]) < MIN_SUPPORT:
            continue  # comparable passages of one pair of documents share much besides the term
        dice = 2 * together / (count_fr[fr_key] + count_ko[ko])
        scored.append((dice, together, fr_key, ko))
        if dice > best_fr.get(ko, (0.0,))[0]:
            best_fr[ko] = (dice, fr_key)
        if dice > best_ko.get(fr_key, (0.0,))[0]:
            best_ko[fr_key] = (dice, ko)
    suggestions = []
    for dice, together, fr_key, ko in scored:
        mutual = best_fr[ko][1] == fr_key and best_ko[fr_key][1] == ko
        if mutual and dice >= MIN_DICE and not known.has(fr_key, ko):
            score = round(dice * math.log2(1 + together), 4)
            chunk = passages.chunks[example[(fr_key, ko)]]
            suggestions.append(TermSuggestion(passages.surface(fr_key), ko, "", _domain(passages, chunk),
                                              kind, score, together, chunk.id))
    return suggestions


def _name_pairs(passages: _Passages, known: _KnownTerms) -> list[TermSuggestion]:
    """Korean proper nouns and Latin-script names with the same name key, found in documents of both scripts."""
    korean: dict[str, Counter] = defaultdict(Counter)
    latin: dict[str, Counter] = defaultdict(Counter)
    docs: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    examples: dict[str, str] = {}
    for chunk, terms in zip(passages.chunks, passages.bridges):
        for term in terms:
            if not term.term.startswith(NAME_PREFIX) or len(term.term) <= MIN_NAME_KEY:
                continue
            written = chunk.text[term.start:term.end]
            script = "ko" if has_hangul(written) else "latin"
            (korean if script == "ko" else latin)[term.term][written] += 1
            docs[term.term][script].add(chunk.doc)
            examples.setdefault(term.term, chunk.id)
    suggestions = []
    people = _people(passages, {korean[key].most_common(1)[0][0] for key in set(korean) & set(latin)})
    for key in sorted(set(korean) & set(latin)):
        if not docs[key]["ko"] - docs[key]["latin"] and not docs[key]["latin"] - docs[key]["ko"]:
            continue  # "뚜르(Tours)" inside one document only: nothing learnt across documents
        ko = korean[key].most_common(1)[0][0]
        name = latin[key].most_common(1)[0][0]
        if known.has(tuple(t.term for t in french_terms(name)), ko) or name.casefold() in known.latin:
            continue
        support = len(docs[key]["ko"] | docs[key]["latin"])
        domain = "people" if ko in people else "places"
        suggestions.append(TermSuggestion(name, ko, name, domain, "name", float(support), support, examples[key]))
    return sorted(suggestions, key=lambda s: (-s.support, s.fr))


def _people(passages: _Passages, names: set[str]) -> set[str]:
    """The names that are people's: followed by a title (드니 시장), or a given name and a surname (제롬 떼발디)."""
    if not names:
        return set()
    alternation = "|".join(sorted((re.escape(name) for name in names), key=len, reverse=True))
    titled = re.compile(rf"({alternation})\s?(?:{'|'.join(_PERSON_TITLES)})")
    paired = re.compile(rf"(?<![\uac00-\ud7a3])({alternation}) ({alternation})(?![\uac00-\ud7a3])")
    people = set()
    for chunk in passages.chunks:
        people.update(match.group(1) for match in titled.finditer(chunk.text))
        for match in paired.finditer(chunk.text):
            people.update(match.groups())
    return people


def _domain(passages: _Passages, chunk) -> str:
    """The domain of the glossary entries found in the passage, most frequent first; else governance."""
    domains = Counter(match.entry.domain for match in passages.engine.glossary.find_in(chunk.text))
    return domains.most_common(1)[0][0] if domains else "governance"


def _cell(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())
