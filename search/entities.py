"""Named entities in passages of both languages: places, organisations, people.

Three sources, strongest first:

* the glossary's names and their variants (domains *places*, *institutions*
  and *people*): "Seogu | Seogu à Incheon" = "서구 | 인천광역시 서구", with the
  romanised forms written inside Korean text ("이재현(Jae Hyun LEE)");
* patterns of the documents: titles before a name ("M. JAE HYUN LEE", "Mme
  Sooyeon KIM"), "représentée par", "Ville de / Mairie de / Province de X",
  embassies ("l'Ambassade de France en Corée" = "주한 프랑스 대사관");
* Kiwi's proper nouns (NNP) whose ending says what they are: 양천구, 서울특별시
  (places), …대사관, …협의회 (organisations).

Latin names match as written or in capitals ("Tours", "VILLE DE TOURS" but not
"le second Tour"); people's names in any case ("JAE HYUN LEE"). Korean names
match at the start of a word, particles after them allowed ("서구청장",
"수원시는").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.language import fold_accents, has_hangul

ENTITY_TYPES = ("place", "organisation", "person")
_DOMAIN_TYPES = {"places": "place", "institutions": "organisation", "people": "person"}
# Glossary rows of those domains that name no one: a degree, a title, a building.
_NOT_NAMES = frozenset({"Master Urban Planning", "HDR", "Hôtel de Ville", "ONG"})
_NAME_GAP = r"[\s-]+"  # between the words of a person's name
# A Latin name ends where Latin letters end: "GAOK의 지원" names GAOK, "France-Corée" and "Tourisme" do not.
_LATIN_START, _LATIN_END = r"(?<![A-Za-z0-9À-ÖØ-öø-ÿ_-])", r"(?![A-Za-z0-9À-ÖØ-öø-ÿ_-])"
# Places above a city's level: not a city's partner nor an official's post, and a modifier in Korean names.
COUNTRIES = frozenset(
    {
        "France",
        "Corée",
        "République de Corée",
        "Corée du Sud",
        "Togo",
        "Chine",
        "Japon",
        "Royaume-Uni",
        "Allemagne",
        "Vietnam",
        "Europe",
    }
)
_KO_DERIVED = ("인", "어", "식", "군")  # 프랑스인, 한국어, 프랑스식, 프랑스군: people, language, style, army
# "프랑스 지자체", "프랑스 측", "한국 정부": the country as an adjective ("collectivités françaises", "côté français",
# which name no country in French either). "주프랑스" ("in France") does name it.
_KO_MODIFIED = re.compile(r"\s?(?:지자체|지방자치단체|지방정부|측|정부|도시|기업|대표단|국민|사회|대학)")


@dataclass(frozen=True, slots=True)
class Entity:
    """A place, organisation or person; ``names`` holds its variants by language."""

    id: str
    type: str
    name: str
    names: tuple[tuple[str, str], ...] = ()

    def label(self, lang: str = "fr") -> str:
        """Its name in ``lang`` (the Korean one for "ko"), else its canonical name."""
        for variant_lang, variant in self.names:
            if variant_lang == lang and (lang != "ko" or has_hangul(variant)):
                return variant
        return self.name

    def to_dict(self) -> dict:
        return {"id": self.id, "type": self.type, "name": self.name, "names": [list(pair) for pair in self.names]}

    @classmethod
    def from_dict(cls, data: dict) -> "Entity":
        return cls(data["id"], data["type"], data["name"], tuple(tuple(pair) for pair in data.get("names", ())))


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity named in a text: ``start``/``end`` into it, and what found it."""

    entity: str
    text: str
    start: int
    end: int
    source: str  # "name", "title", "pattern", "kiwi", "speaker", "section"


def entity_id(kind: str, name: str) -> str:
    """Stable id: "place:seogu", "person:jae-hyun-lee"."""
    slug = re.sub(r"[^\w]+", "-", fold_accents(name).casefold()).strip("-")
    return f"{kind}:{slug}"


@dataclass
class Gazetteer:
    """The known names, compiled into three matchers (case-sensitive Latin, any-case Latin, Hangul)."""

    entities: dict[str, Entity] = field(default_factory=dict)
    _latin: dict[str, str] = field(default_factory=dict)  # folded variant → entity id
    _people: dict[str, str] = field(default_factory=dict)  # casefolded variant → entity id
    _korean: dict[str, str] = field(default_factory=dict)
    _keys: dict[str, str] = field(default_factory=dict)  # any variant, folded and casefolded → entity id
    countries: set[str] = field(default_factory=set)
    # Other glossary names holding a country ("Green New Deal européen", "France relance", "프랑스 지자체
    # 국제교류포럼"): the country only qualifies them. A city inside one ("Festival de Suwon") is still named.
    blockers: list[str] = field(default_factory=list)
    _matchers: tuple | None = None

    @classmethod
    def from_glossary(cls, glossary) -> "Gazetteer":
        gazetteer = cls()
        for entry in glossary.entries:
            kind = _DOMAIN_TYPES.get(entry.domain)
            if kind is None or entry.fr[0] in _NOT_NAMES or not any(ch.isupper() for ch in entry.fr[0]):
                continue  # "mairie", "région": common nouns; "groupe-pays Corée", "parc Montmartre" are names
            names = (
                tuple(("fr", v) for v in entry.fr)
                + tuple(("ko", v) for v in entry.ko)
                + tuple(("en", v) for v in entry.en)
            )
            # "Corée" and "Corée du Sud" are both 한국 in Korean: one place, named by its shortest French form.
            same = [gazetteer._korean.get(v) for v in entry.ko if kind == "place" and has_hangul(v)]
            twin = gazetteer.entities.get(next((key for key in same if key), ""))
            if twin is not None:
                name = min((twin.name, entry.fr[0]), key=len)
                gazetteer.add(Entity(twin.id, kind, name, names))
            else:
                gazetteer.add(Entity(entity_id(kind, entry.fr[0]), kind, entry.fr[0], names))
            if kind == "place" and entry.fr[0] in COUNTRIES:
                gazetteer.countries.add(gazetteer.resolve(entry.fr[0]).id)
        gazetteer.blockers = [
            v
            for e in glossary.entries
            if e.domain not in _DOMAIN_TYPES and _is_proper(e.fr[0])
            for v in e.fr + e.ko
            if gazetteer.find(v)
        ]
        return gazetteer

    def add(self, entity: Entity) -> Entity:
        """Register ``entity`` (or merge its names into the one with the same id)."""
        known = self.entities.get(entity.id)
        if known is not None:
            entity = Entity(known.id, known.type, entity.name, tuple(dict.fromkeys(known.names + entity.names)))
        self.entities[entity.id] = entity
        for _lang, variant in entity.names + (("", entity.name), ("", entity.id.split(":", 1)[1])):
            self._keys.setdefault(_resolve_key(variant), entity.id)
        for lang, variant in entity.names:
            if has_hangul(variant):
                self._korean.setdefault(variant.replace(" ", ""), entity.id)
                self._korean.setdefault(variant, entity.id)
            elif entity.type == "person":
                self._people.setdefault(_person_key(variant), entity.id)
            elif lang != "en" or entity.type != "place" or len(variant) > 3:
                self._latin.setdefault(fold_accents(variant), entity.id)
        self._matchers = None  # recompiled on the next find
        return entity

    def resolve(self, name: str) -> Entity | None:
        """The entity a user's name designates: any variant, any case, with or without accents or spaces."""
        key = self._keys.get(_resolve_key(name))
        return self.entities.get(key) if key else None

    def person(self, name: str) -> Entity | None:
        entity_key = self._people.get(_person_key(name))
        return self.entities.get(entity_key) if entity_key else None

    def _compiled(self):
        if self._matchers is None:
            self._matchers = self._compile()
        return self._matchers

    def _compile(self):
        def alternation(keys, spaces=r"\ "):
            escaped = (re.escape(k).replace(r"\ ", spaces) for k in sorted(keys, key=len, reverse=True))
            return "|".join(escaped) or r"(?!x)x"

        latin = set(self._latin) | {k.upper() for k in self._latin}
        return (
            re.compile(rf"{_LATIN_START}(?:{alternation(latin)}){_LATIN_END}"),
            # "Jae Hyun Lee", "JAE HYUN LEE", "Min-Ho Park", "Min-Ho PARK": people in any case, hyphen or space.
            re.compile(rf"{_LATIN_START}(?:{alternation(self._people, _NAME_GAP)}){_LATIN_END}", re.IGNORECASE),
            re.compile(rf"(?<![\uac00-\ud7a3])(?:{alternation(self._korean)})"),
        )

    def find(self, text: str) -> list[Mention]:
        """Known names in ``text``, longest first where two overlap."""
        folded = fold_accents(text)
        if len(folded) != len(text):  # offsets must stay those of the text
            folded = text
        latin, people, korean = self._compiled()
        found: list[Mention] = []
        for match in latin.finditer(folded):
            key = match.group(0)
            entity = self._latin.get(key) or next((v for k, v in self._latin.items() if k.upper() == key), None)
            found.append(Mention(entity, text[match.start() : match.end()], match.start(), match.end(), "name"))
        for match in people.finditer(folded):
            found.append(
                Mention(
                    self._people[_person_key(match.group(0))],
                    text[match.start() : match.end()],
                    match.start(),
                    match.end(),
                    "name",
                )
            )
        for match in korean.finditer(text):
            found.append(Mention(self._korean[match.group(0)], match.group(0), match.start(), match.end(), "name"))
        return _longest(found)


def recognise(text: str, gazetteer: Gazetteer, *, kiwi_tokens=None) -> list[Mention]:
    """Every entity mention of ``text``: known names, then patterns, then Kiwi's typed proper nouns.

    New names found by patterns (a titled person, a "Ville de X") are added to
    ``gazetteer``, so later passages recognise them by name.
    """
    from search.entity_patterns import (
        country_groups,
        embassies,
        kiwi_names,
        named_places,
        resident_countries,
        split_parentheses,
        titled_people,
    )

    # First in the list, so that "groupes-pays France et Corée" names two groups, not the countries of the same span.
    mentions = country_groups(text, gazetteer) + split_parentheses(gazetteer.find(text), gazetteer)
    mentions += titled_people(text, gazetteer)
    mentions += embassies(text, gazetteer)
    mentions += resident_countries(text, gazetteer)
    mentions += named_places(text, gazetteer)
    if kiwi_tokens is not None:
        mentions += kiwi_names(text, kiwi_tokens, gazetteer)
    return _drop_modifiers(text, _longest(mentions), gazetteer)


def _drop_modifiers(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Leave out a country that only qualifies something else (프랑스인, "프랑스 유럽외교부", a glossary term)."""
    blocked = [(m.start(), m.end()) for term in gazetteer.blockers for m in re.finditer(re.escape(term), text)]
    kept = []
    for index, mention in enumerate(mentions):
        if mention.entity in gazetteer.countries and any(
            s <= mention.start and mention.end <= e and e - s > mention.end - mention.start for s, e in blocked
        ):
            continue
        following = mentions[index + 1] if index + 1 < len(mentions) else None
        if mention.entity in gazetteer.countries and _korean_modifier(text, mention, following, gazetteer):
            continue
        kept.append(mention)
    return kept


def _korean_modifier(text: str, mention: Mention, following: Mention | None, gazetteer: Gazetteer) -> bool:
    """프랑스인, 프랑스 지자체, 프랑스 측, "프랑스 유럽외교부" (an organisation next): the country qualifies a noun."""
    if not has_hangul(mention.text) or text[mention.start - 1 : mention.start] == "주":
        return False
    return bool(
        text[mention.end : mention.end + 1] in _KO_DERIVED
        or _KO_MODIFIED.match(text, mention.end)
        or following is not None
        and following.start == mention.end + 1
        and gazetteer.entities[following.entity].type == "organisation"
    )


def _is_proper(term: str) -> bool:
    return any(ch.isupper() for ch in term)


def _resolve_key(name: str) -> str:
    """ "Seogu à Incheon", "SEOGU À INCHEON", "인천광역시 서구" / "인천광역시서구": one key each."""
    return "".join(fold_accents(name).casefold().replace("-", " ").split())


def _person_key(name: str) -> str:
    return " ".join(fold_accents(name).casefold().replace("-", " ").split())


def _longest(mentions: list[Mention]) -> list[Mention]:
    """Drop mentions inside a longer one; keep reading order."""
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if all(mention.end <= other.start or mention.start >= other.end for other in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def title_case(name: str) -> str:
    """ "JAE HYUN LEE" → "Jae Hyun Lee", "MIN-HO PARK" → "Min-Ho Park"; mixed-case words stay as written."""
    return " ".join("-".join(p.capitalize() for p in w.split("-")) if w.isupper() else w for w in name.split())
