"""The patterns that find names the glossary does not hold.

* a title before a name ("M. JAE HYUN LEE", "Mme Sooyeon KIM") or "représentée par X": a person;
* "Ville de / Mairie de / Province de / district de X": a place;
* embassies ("l'Ambassade de France en Corée" = "주한 프랑스 대사관"): one organisation, sender → host;
* Kiwi's proper nouns whose ending types them (양천구, 서울특별시; …대사관, …협의회).
"""

from __future__ import annotations

import re

from search.entities import Entity, Gazetteer, Mention, entity_id, title_case

_LATIN_NAME = r"[A-ZÀ-ÖØ-Þ][\w'’-]*"
_TITLE = r"(?:M\.|MR\.?|Mr\.?|Mme|MME|Mlle|SEM\.?|Dr\.?|Pr\.?)"
_KO_PLACE_ENDINGS = ("특별시", "광역시", "특별자치도", "구", "군")
_KO_ORG_ENDINGS = ("대사관", "협의회", "연합", "위원회", "사무소", "부", "청")
_COUNTRY_ALIASES = {"Séoul": "Corée", "Paris": "France", "République de Corée": "Corée", "Corée du Sud": "Corée"}


def titled_people(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """ "M. JAE HYUN LEE", "Mme Sooyeon KIM", "représentée par Pauline May": people, known or new."""
    mentions = []
    patterns = (
        rf"(?<!\w)(?:{_TITLE}\s+)+({_LATIN_NAME}(?:[ \t]+{_LATIN_NAME}){{1,3}})",
        rf"(?:représentée?|conduite?|présidée?)\s+par\s+(?:{_TITLE}\s+)?({_LATIN_NAME}(?:[ \t]+{_LATIN_NAME}){{1,2}})",
    )
    for pattern in patterns:
        for match in re.finditer(pattern, text):
            name = _strip_trailing_role(match.group(1))
            if not name:
                continue
            entity = gazetteer.person(name) or gazetteer.add(
                Entity(entity_id("person", title_case(name)), "person", title_case(name), (("fr", title_case(name)),))
            )
            start = match.start(1)
            mentions.append(Mention(entity.id, name, start, start + len(name), "title"))
    return mentions


def _strip_trailing_role(name: str) -> str:
    """ "PHILIPPE LEFORT Ambassadeur" → "PHILIPPE LEFORT": a capitalised role word is not part of the name."""
    words = name.split()
    titles = [i for i, word in enumerate(words) if re.fullmatch(_TITLE, word)]
    words = words[: titles[0]] if titles else words  # "DAE JONG YOO SEM. PHILIPPE LEFORT": two people
    while len(words) > 2 and not words[-1].isupper() and words[0].isupper():
        words.pop()
    return " ".join(words) if len(words) >= 2 else ""


def embassies(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """ "l'Ambassade de France en Corée" and "주한 프랑스 대사관": one organisation, named sender → host."""
    mentions = []
    french = (
        r"[Aa]mbassade\s+(?:de\s+la\s+|du\s+|de\s+|d['’])"
        r"([A-ZÉ][\w-]*(?:\s+(?:de|du)\s+[A-ZÉ][\w-]*|\s+[A-ZÉ][\w-]*)?)(?:\s+(?:en|à)\s+([A-ZÉ][\w-]*))?"
    )
    for match in re.finditer(french, text):
        mentions.append(_embassy(gazetteer, match, match.group(1)))
    for match in re.finditer(r"주(한|프랑스|[가-힣]{1,4})\s?([가-힣]{2,6})\s?대사관", text):
        mentions.append(_embassy(gazetteer, match, match.group(2)))
    return mentions


def _embassy(gazetteer: Gazetteer, match, sender: str) -> Mention:
    """The embassy's organisation; France's is in Korea and Korea's in France whatever city the text names."""
    known = gazetteer.resolve(sender)
    sender_name = _COUNTRY_ALIASES.get(known.name if known else sender, known.name if known else sender)
    if sender_name in ("France", "Corée"):
        name = f"Ambassade de {sender_name} en {'Corée' if sender_name == 'France' else 'France'}"
    else:  # a third country's embassy: the French reports leave its host out ("Ambassade du Vietnam")
        name = f"Ambassade ({sender_name})"
    entity = gazetteer.entities.get(entity_id("organisation", name)) or gazetteer.add(
        Entity(entity_id("organisation", name), "organisation", name, (("fr", name),))
    )
    return Mention(entity.id, match.group(0), match.start(), match.end(), "pattern")


def named_places(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """ "Ville de X", "Mairie de X", "Province de X", "district de X": X is a place, known or not."""
    mentions = []
    for match in re.finditer(
        r"(?i:ville|mairie|province|district|commune)\s+(?i:de\s+|d['’]\s*|du\s+)?([A-ZÀ-Þ][\w'’-]+)", text
    ):
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


def kiwi_names(text: str, tokens, gazetteer: Gazetteer) -> list[Mention]:
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
        kind = (
            "place"
            if token.form.endswith(_KO_PLACE_ENDINGS)
            else "organisation"
            if token.form.endswith(_KO_ORG_ENDINGS)
            else None
        )
        if kind is None:
            continue
        if token.form.endswith(("시청", "구청", "군청", "도청")) and gazetteer.resolve(token.form[:-1]):
            # "서초구청", "수원시청": the city hall stands for its city here ("Mairie de Seocho").
            entity = gazetteer.resolve(token.form[:-1])
            mentions.append(Mention(entity.id, token.form, token.start, token.start + token.len - 1, "kiwi"))
            continue
        entity = gazetteer.resolve(token.form) or gazetteer.add(
            Entity(entity_id(kind, token.form), kind, token.form, (("ko", token.form),))
        )
        mentions.append(Mention(entity.id, token.form, token.start, token.start + token.len, "kiwi"))
    return mentions
