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
from functools import lru_cache

from corpus.language import fold_accents

ENTITY_TYPES = ("place", "organisation", "person")
_DOMAIN_TYPES = {"places": "place", "institutions": "organisation", "people": "person"}
# Glossary rows of those domains that name no one: a degree, a title, a building.
_NOT_NAMES = frozenset({"Master Urban Planning", "HDR", "Hôtel de Ville", "ONG"})
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LATIN_NAME = r"[A-ZÀ-ÖØ-Þ][\w'’-]*"
_NAME_GAP = r"[\s-]+"  # between the words of a person's name
_TITLE = r"(?:M\.|MR\.?|Mr\.?|Mme|MME|Mlle|SEM\.?|Dr\.?|Pr\.?)"
_KO_PLACE_ENDINGS = ("특별시", "광역시", "특별자치도", "구", "군")
_KO_ORG_ENDINGS = ("대사관", "협의회", "연합", "위원회", "사무소", "부", "청")
_COUNTRY_ALIASES = {"Séoul": "Corée", "Paris": "France", "République de Corée": "Corée", "Corée du Sud": "Corée"}


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
            if variant_lang == lang and (lang != "ko" or _HANGUL.search(variant)):
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

    @classmethod
    def from_glossary(cls, glossary) -> "Gazetteer":
        gazetteer = cls()
        for entry in glossary.entries:
            kind = _DOMAIN_TYPES.get(entry.domain)
            if kind is None or entry.fr[0] in _NOT_NAMES or not entry.fr[0][:1].isupper():
                continue  # "mairie", "région": common nouns of the institutions domain
            names = tuple(("fr", v) for v in entry.fr) + tuple(("ko", v) for v in entry.ko) + tuple(("en", v) for v in entry.en)
            gazetteer.add(Entity(entity_id(kind, entry.fr[0]), kind, entry.fr[0], names))
        return gazetteer

    def add(self, entity: Entity) -> Entity:
        """Register ``entity`` (or merge its names into the one with the same id)."""
        known = self.entities.get(entity.id)
        if known is not None:
            entity = Entity(known.id, known.type, known.name, tuple(dict.fromkeys(known.names + entity.names)))
        self.entities[entity.id] = entity
        for _lang, variant in entity.names + (("", entity.name), ("", entity.id.split(":", 1)[1])):
            self._keys.setdefault(_resolve_key(variant), entity.id)
        for lang, variant in entity.names:
            if _HANGUL.search(variant):
                self._korean.setdefault(variant.replace(" ", ""), entity.id)
                self._korean.setdefault(variant, entity.id)
            elif entity.type == "person":
                self._people.setdefault(_person_key(variant), entity.id)
            elif lang != "en" or entity.type != "place" or len(variant) > 3:
                self._latin.setdefault(fold_accents(variant), entity.id)
        self._compiled.cache_clear()
        return entity

    def resolve(self, name: str) -> Entity | None:
        """The entity a user's name designates: any variant, any case, with or without accents or spaces."""
        key = self._keys.get(_resolve_key(name))
        return self.entities.get(key) if key else None

    def person(self, name: str) -> Entity | None:
        entity_key = self._people.get(_person_key(name))
        return self.entities.get(entity_key) if entity_key else None

    @lru_cache(maxsize=1)
    def _compiled(self):
        def alternation(keys, spaces=r"\ "):
            escaped = (re.escape(k).replace(r"\ ", spaces) for k in sorted(keys, key=len, reverse=True))
            return "|".join(escaped) or r"(?!x)x"

        latin = set(self._latin) | {k.upper() for k in self._latin}
        return (
            re.compile(rf"(?<![\w-])(?:{alternation(latin)})(?![\w-])"),
            # "Jae Hyun Lee", "JAE HYUN LEE", "Min-Ho Park", "Min-Ho PARK": people in any case, hyphen or space.
            re.compile(rf"(?<![\w-])(?:{alternation(self._people, _NAME_GAP)})(?![\w-])", re.IGNORECASE),
            re.compile(rf"(?<![\uac00-\ud7a3])(?:{alternation(self._korean)})"),
        )

    def __hash__(self) -> int:  # one compiled set of matchers per gazetteer object
        return id(self)

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
            found.append(Mention(entity, text[match.start():match.end()], match.start(), match.end(), "name"))
        for match in people.finditer(folded):
            found.append(Mention(self._people[_person_key(match.group(0))], text[match.start():match.end()],
                                 match.start(), match.end(), "name"))
        for match in korean.finditer(text):
            found.append(Mention(self._korean[match.group(0)], match.group(0), match.start(), match.end(), "name"))
        return _longest(found)


def recognise(text: str, gazetteer: Gazetteer, *, kiwi_tokens=None) -> list[Mention]:
    """Every entity mention of ``text``: known names, then patterns, then Kiwi's typed proper nouns.

    New names found by patterns (a titled person, a "Ville de X") are added to
    ``gazetteer``, so later passages recognise them by name.
    """
    mentions = gazetteer.find(text)
    mentions += _titled_people(text, gazetteer)
    mentions += _embassies(text, gazetteer)
    mentions += _named_places(text, gazetteer)
    if kiwi_tokens is not None:
        mentions += _kiwi_names(text, kiwi_tokens, gazetteer)
    return _longest(mentions)


def _resolve_key(name: str) -> str:
    """"Seogu à Incheon", "SEOGU À INCHEON", "인천광역시 서구" / "인천광역시서구": one key each."""
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


def _titled_people(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """"M. JAE HYUN LEE", "Mme Sooyeon KIM", "représentée par Pauline May": people, known or new."""
    mentions = []
    patterns = (rf"(?<!\w)(?:{_TITLE}\s+)+({_LATIN_NAME}(?:[ \t]+{_LATIN_NAME}){{1,3}})",
                rf"(?:représentée?|conduite?|présidée?)\s+par\s+(?:{_TITLE}\s+)?({_LATIN_NAME}(?:[ \t]+{_LATIN_NAME}){{1,2}})")
    for pattern in patterns:
        for match in re.finditer(pattern, text):
            name = _strip_trailing_role(match.group(1))
            if not name:
                continue
            entity = gazetteer.person(name) or gazetteer.add(Entity(entity_id("person", title_case(name)), "person",
                                                                    title_case(name), (("fr", title_case(name)),)))
            start = match.start(1)
            mentions.append(Mention(entity.id, name, start, start + len(name), "title"))
    return mentions


def _strip_trailing_role(name: str) -> str:
    """"PHILIPPE LEFORT Ambassadeur" → "PHILIPPE LEFORT": a capitalised role word is not part of the name."""
    words = name.split()
    titles = [i for i, word in enumerate(words) if re.fullmatch(_TITLE, word)]
    words = words[: titles[0]] if titles else words  # "DAE JONG YOO SEM. PHILIPPE LEFORT": two people
    while len(words) > 2 and not words[-1].isupper() and words[0].isupper():
        words.pop()
    return " ".join(words) if len(words) >= 2 else ""


def title_case(name: str) -> str:
    """"JAE HYUN LEE" → "Jae Hyun Lee", "MIN-HO PARK" → "Min-Ho Park"; mixed-case words stay as written."""
    return " ".join("-".join(p.capitalize() for p in w.split("-")) if w.isupper() else w for w in name.split())


def _embassies(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """"l'Ambassade de France en Corée" and "주한 프랑스 대사관": one organisation, named sender → host."""
    mentions = []
    french = r"[Aa]mbassade\s+(?:de\s+la\s+|du\s+|de\s+|d['’])([A-ZÉ][\w-]*(?:\s+(?:de|du)\s+[A-ZÉ][\w-]*|\s+[A-ZÉ][\w-]*)?)(?:\s+(?:en|à)\s+([A-ZÉ][\w-]*))?"
    for match in re.finditer(french, text):
        mentions.append(_embassy(gazetteer, match, match.group(1), match.group(2)))
    for match in re.finditer(r"주(한|프랑스|[가-힣]{1,4})\s?([가-힣]{2,6})\s?대사관", text):
        mentions.append(_embassy(gazetteer, match, match.group(2), "한국" if match.group(1) == "한" else match.group(1)))
    return [m for m in mentions if m is not None]


def _embassy(gazetteer: Gazetteer, match, sender: str, host: str | None) -> Mention | None:
    def country(name: str | None) -> str | None:
        if not name:
            return None
        entity = gazetteer.resolve(name)
        canonical = entity.name if entity else name
        return _COUNTRY_ALIASES.get(canonical, canonical)

    sender_name, host_name = country(sender), country(host)
    if sender_name is None:
        return None
    if sender_name in ("France", "Corée"):
        name = f"Ambassade de {sender_name} en {'Corée' if sender_name == 'France' else 'France'}"
    else:  # a third country's embassy: the French reports leave its host out ("Ambassade du Vietnam")
        name = f"Ambassade ({sender_name})"
    entity = gazetteer.entities.get(entity_id("organisation", name)) or gazetteer.add(
        Entity(entity_id("organisation", name), "organisation", name, (("fr", name),)))
    return Mention(entity.id, match.group(0), match.start(), match.end(), "pattern")


def _named_places(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """"Ville de X", "Mairie de X", "Province de X", "district de X": X is a place, known or not."""
    mentions = []
    for match in re.finditer(r"(?i:ville|mairie|province|district|commune)\s+(?i:de\s+|d['’]\s*|du\s+)?([A-ZÀ-Þ][\w'’-]+)", text):
        name = match.group(1)
        if name.casefold() in ("la", "le", "les", "l") or len(name) < 3:
            continue  # "Ville de La Roche-sur-Yon": the gazetteer has the whole name
        if name.isupper():
            name = name.capitalize()
        entity = gazetteer.resolve(name)
        if entity is None:
            entity = gazetteer.add(Entity(entity_id("place", name), "place", name, (("fr", name),)))
        if entity.type == "place":
            mentions.append(Mention(entity.id, match.group(1), match.start(1), match.end(1), "pattern"))
    return mentions


def _kiwi_names(text: str, tokens, gazetteer: Gazetteer) -> list[Mention]:
    """Kiwi's proper nouns whose ending types them: ...구/...시 places, ...대사관/...협의회 organisations."""
    mentions = []
    for token in tokens:
        if token.tag != "NNP" or len(token.form) < 3:
            continue
        if token.form.endswith(("시", "도")) and gazetteer.resolve(token.form[:-1]):
            entity = gazetteer.resolve(token.form[:-1])  # "리옹시" is Lyon
            mentions.append(Mention(entity.id, token.form, token.start, token.start + token.len, "kiwi"))
            continue
        # Loanwords end in 시/도 too (애드보커시, 토네이도): only these endings name a new place.
        kind = ("place" if token.form.endswith(_KO_PLACE_ENDINGS) else
                "organisation" if token.form.endswith(_KO_ORG_ENDINGS) else None)
        if kind is None:
            continue
        if token.form.endswith(("시청", "구청", "군청", "도청")) and gazetteer.resolve(token.form[:-1]):
            # "서초구청", "수원시청": the city hall stands for its city here ("Mairie de Seocho").
            entity = gazetteer.resolve(token.form[:-1])
            mentions.append(Mention(entity.id, token.form, token.start, token.start + token.len - 1, "kiwi"))
            continue
        entity = gazetteer.resolve(token.form) or gazetteer.add(
            Entity(entity_id(kind, token.form), kind, token.form, (("ko", token.form),)))
        mentions.append(Mention(entity.id, token.form, token.start, token.start + token.len, "kiwi"))
    return mentions
