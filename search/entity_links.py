"""Links between entities: person → role → city or organisation, city ↔ partner city.

A role is read where a person is introduced: the rest of the line after the
name ("M. JAE HYUN LEE" / "Maire de Seogu à Incheon"; "이재현(Jae Hyun LEE)
인천광역시 서구청장"), when it starts with a role word or holds a Korean title
(…청장, …시장, 대사, 사무총장…). The places and organisations named in it are
the role's targets. An ambassador's role targets the embassy.

Partner cities are read from sentences that speak of a partnership
("Suwon (Ville partenaire de Tours)", "수원시 … (투르시 교류도시)",
"partenariat entre la ville d'Issy-les-Moulineaux avec le district de Guro");
a sentence naming one city only ("la ville est en coopération avec celle de
Montpellier") pairs it with the passage's own city (its speaker's).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from search.entities import COUNTRIES, Gazetteer, Mention, recognise

_FR_ROLE = re.compile(
    r"^(?:maire|président|présidente|directeur|directrice|ambassadeur|ambassadrice|secrétaire|chargée?|conseill(?:er|ère)|"
    r"adjointe?|élue?|déléguée?|maître|head|senior|responsable|chef|interprète|co-fondat)",
    re.IGNORECASE,
)
_KO_ROLE = re.compile(
    r"(구청장|부시장|시장|청장|도지사|대사|사무총장|회장|과장|주무관|담당관|부국장|국장|시의원|부교수|서기관|참사관|소장|매니저|통역사|담당|대표|위원장|박사)"
)
_FR_PARTNER = re.compile(r"partenaire|partenariat|jumel|en contact avec|en coopération avec|coopère", re.IGNORECASE)
_KO_PARTNER = re.compile(r"교류도시|자매도시|우호도시|파트너 도시|교류 관계|교류 중|협력 중")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n")
_MAX_ROLE_CHARS = 120
_SHORT_AFFILIATION = 40  # "Dr. DIVYA LEDUCQ, Polytech Tours": an organisation alone after the name


@dataclass(frozen=True, slots=True)
class Relation:
    """``source`` —kind→ ``target``; ``role`` is the words that say so; ``ordinal`` the passage read."""

    kind: str  # "role" or "partner"
    source: str
    target: str
    role: str
    ordinal: int

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Relation":
        return cls(**{name: data[name] for name in cls.__dataclass_fields__ if name in data})


def role_relations(text: str, ordinal: int, mentions: list[Mention], gazetteer: Gazetteer) -> list[Relation]:
    """Roles read after each person mention of ``text``."""
    relations = []
    for mention in mentions:
        entity = gazetteer.entities.get(mention.entity)
        if entity is None or entity.type != "person" or mention.start < 0:
            continue
        # Two names on one line ("SEM. DAE JONG YOO SEM. PHILIPPE LEFORT", a two-column PDF): the next
        # line's role is not known to be this person's.
        role = _role_window(text, mention.end, next_line=not _shares_line(text, mention, mentions, gazetteer))
        targets = _role_targets(role, gazetteer) if role else []
        if not role or not (_is_role(role) or targets and len(role) <= _SHORT_AFFILIATION):
            continue  # "Jérôme Tebaldi a rappelé que…": a sentence, not a role
        for target in targets or [""]:
            relations.append(Relation("role", entity.id, target, role, ordinal))
    return relations


def _shares_line(text: str, mention: Mention, mentions: list[Mention], gazetteer: Gazetteer) -> bool:
    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.end)
    line_end = len(text) if line_end < 0 else line_end
    return any(
        other is not mention
        and line_start <= other.start
        and other.end <= line_end
        and getattr(gazetteer.entities.get(other.entity), "type", "") == "person"
        for other in mentions
    )


def _role_window(text: str, end: int, next_line: bool = True) -> str:
    """The words after a name that may state a role: the rest of its line, or the next line."""
    rest = re.sub(r"^\)?[\s,:–-]*", "", text[end:].split("\n", 1)[0])
    if not rest.strip(" \t)") and next_line:
        following = [line.strip() for line in text[end:].split("\n")[1:3] if line.strip()]
        rest = following[0] if following else ""
        # A PDF line break inside the role: "Secrétaire Général de la" / "GAOK".
        if re.search(r"\b(?:de|du|de la|des|d')\s*$", rest) and len(following) > 1:
            rest = f"{rest} {following[1]}"
    rest = re.split(r"\s[—(]|\(|:\s", rest)[0].strip(" ,;:")[:_MAX_ROLE_CHARS]
    korean_title = _KO_ROLE.search(rest) if _has_hangul(rest) else None
    # Korean puts the title last ("인천광역시 서구청장"); what follows it is the sentence.
    return rest[: korean_title.end()] if korean_title else rest


def _is_role(words: str) -> bool:
    return bool(_FR_ROLE.match(words) or _KO_ROLE.search(words) and _has_hangul(words))


def _role_targets(role: str, gazetteer: Gazetteer) -> list[str]:
    """Places and organisations a role names (an ambassador's: the embassy), countries left out."""
    readable = re.sub(r"[Aa]mbassad(?:eur|rice)", "Ambassade", role)
    readable = re.sub(r"대사(?!관)", "대사관", readable)
    targets = []
    for mention in recognise(readable, gazetteer):
        entity = gazetteer.entities.get(mention.entity)
        if entity is None or entity.type == "person" or entity.name in COUNTRIES:
            continue
        targets.append(entity.id)
    return list(dict.fromkeys(targets))


def partner_relations(
    text: str, ordinal: int, mentions: list[Mention], gazetteer: Gazetteer, own_city: str = ""
) -> list[Relation]:
    """City ↔ city partnerships stated in the sentences of ``text``."""
    relations = []
    position = 0
    for sentence in _SENTENCE.split(text):
        start = text.find(sentence, position)
        position = start + len(sentence)
        if not (_FR_PARTNER.search(sentence) or _KO_PARTNER.search(sentence)):
            continue
        cities = list(
            dict.fromkeys(m.entity for m in mentions if start <= m.start < position and _is_city(gazetteer, m.entity))
        )
        if len(cities) == 1 and own_city and own_city != cities[0]:
            cities.insert(0, own_city)
        for first, second in zip(cities, cities[1:]):
            relations.append(Relation("partner", first, second, sentence.strip()[:_MAX_ROLE_CHARS], ordinal))
    return relations


def _is_city(gazetteer: Gazetteer, entity_id: str) -> bool:
    entity = gazetteer.entities.get(entity_id)
    return entity is not None and entity.type == "place" and entity.name not in COUNTRIES


def _has_hangul(text: str) -> bool:
    return re.search(r"[\uac00-\ud7a3]", text) is not None
