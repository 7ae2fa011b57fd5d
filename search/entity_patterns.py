"""The patterns that find names the glossary does not hold.

* a title before a name ("M. JAE HYUN LEE", "Mme Sooyeon KIM") or "représentée par X": a person;
* "Ville de / Mairie de / Province de / district de X": a place;
* embassies ("l'Ambassade de France en Corée" = "주한 프랑스 대사관"): one organisation, sender → host;
* 주 + a country ("주프랑스"): the country; "groupes-pays France et Corée": one country group each;
* a known place in parentheses inside a glossary name ("Golfe 5 (Togo)"): that place as well;
* Kiwi's proper nouns whose ending types them (양천구, 서울특별시; …대사관, …협의회).
"""

from __future__ import annotations

import re

from corpus.language import has_hangul
from search.entities import Entity, Gazetteer, Mention, entity_id, title_case

_LATIN_NAME = r"[A-ZÀ-ÖØ-Þ][\w'’-]*"
_TITLE = r"(?:M\.|MR\.?|Mr\.?|Mme|MME|Mlle|SEM\.?|Dr\.?|Pr\.?)"
_KO_PLACE_ENDINGS = ("특별시", "광역시", "특별자치도", "구", "군")
_KO_ORG_ENDINGS = ("대사관", "협의회", "연합", "위원회", "사무소", "부", "청")
# The embassies' names as Korean officials write them (the glossary's diplomacy entries).
_KO_EMBASSIES = {"France": "주한 프랑스 대사관", "Corée": "주프랑스 대한민국 대사관"}
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
    hosts = "|".join(["한", *_country_names(gazetteer, korean=True)])
    # The sender may be left out: "주프랑스 대사관", written in Korean, is Korea's embassy in France.
    for match in re.finditer(rf"(?<![가-힣])주({hosts}|[가-힣]{{1,4}})\s?(?:([가-힣]{{2,6}})\s?)?대사관", text):
        host = gazetteer.resolve(match.group(1))
        sender = match.group(2) or ("Corée" if host is not None and host.name == "France" else "")
        if sender:
            mentions.append(_embassy(gazetteer, match, sender))
    return mentions


def resident_countries(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """ "주프랑스 한국 대표단", "주베트남": 주 + a country reads "in France", "in Vietnam": the country is named."""
    mentions = []
    names = _country_names(gazetteer, korean=True)
    for match in re.finditer(rf"(?<![가-힣])주({'|'.join(names)}|한(?=\s))", text) if names else ():
        country = gazetteer.resolve("한국" if match.group(1) == "한" else match.group(1))
        if country is not None:
            mentions.append(Mention(country.id, match.group(1), match.start(1), match.end(1), "pattern"))
    return mentions


def country_groups(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """ "groupes-pays France et Corée", "groupe-pays Japon": one Cités Unies France group per country named."""
    names = _country_names(gazetteer, korean=False)
    if not names:
        return []
    country = "|".join(names)
    mentions = []
    pattern = rf"(?<![\w-])[Gg]roupes?[- ][Pp]ays\s+(?:{country})(?:(?:\s*,\s*|\s+et\s+)(?:{country}))*(?![\w-])"
    for match in re.finditer(pattern, text):
        for number, found in enumerate(re.finditer(country, match.group(0))):
            start = match.start() if number == 0 else match.start() + found.start()
            end = match.start() + found.end()
            entity = _country_group(gazetteer, found.group(0))
            mentions.append(Mention(entity.id, text[start:end], start, end, "pattern"))
    return mentions


def _country_group(gazetteer: Gazetteer, country: str) -> Entity:
    """The glossary's group for ``country`` ("groupe-pays France" is the one of Korea's French partners)."""
    canonical = gazetteer.resolve(country)
    for name in dict.fromkeys((country, canonical.name if canonical else country)):
        known = gazetteer.resolve(f"groupe-pays {name}")
        if known is not None and known.type == "organisation":
            return known
    name = f"groupe-pays {canonical.name if canonical else country}"
    return gazetteer.add(Entity(entity_id("organisation", name), "organisation", name, (("fr", name),)))


def split_parentheses(mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """ "Golfe 5 (Togo)": a glossary variant ending in a known place in parentheses names that place too."""
    kept = []
    for mention in mentions:
        match = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", mention.text)
        inner = gazetteer.resolve(match.group(2)) if match else None
        if inner is None or inner.type != "place" or inner.id == mention.entity:
            kept.append(mention)
            continue
        outer_end = mention.start + match.end(1)
        kept.append(Mention(mention.entity, match.group(1), mention.start, outer_end, mention.source))
        start = mention.start + match.start(2)
        kept.append(Mention(inner.id, match.group(2), start, start + len(match.group(2)), mention.source))
    return kept


def _country_names(gazetteer: Gazetteer, *, korean: bool) -> list[str]:
    """The countries' Korean or Latin names as regex parts, longest first ("대한민국" before "한국")."""
    names = {
        variant
        for key in gazetteer.countries
        if key in gazetteer.entities
        for _lang, variant in gazetteer.entities[key].names
        if (has_hangul(variant) if korean else variant[:1].isupper() and not has_hangul(variant))
    }
    return [re.escape(name) for name in sorted(names, key=len, reverse=True)]


def _embassy(gazetteer: Gazetteer, match, sender: str) -> Mention:
    """The embassy's organisation; France's is in Korea and Korea's in France whatever city the text names."""
    known = gazetteer.resolve(sender)
    sender_name = _COUNTRY_ALIASES.get(known.name if known else sender, known.name if known else sender)
    if sender_name in ("France", "Corée"):
        name = f"Ambassade de {sender_name} en {'Corée' if sender_name == 'France' else 'France'}"
        korean = _KO_EMBASSIES[sender_name]
    else:  # a third country's embassy: the French reports leave its host out ("Ambassade du Vietnam")
        name = f"Ambassade ({sender_name})"
        country = gazetteer.resolve(sender_name)
        korean = f"{country.label('ko')} 대사관" if country and has_hangul(country.label("ko")) else ""
    names = (("fr", name),) + ((("ko", korean),) if korean else ())
    entity = gazetteer.entities.get(entity_id("organisation", name)) or gazetteer.add(
        Entity(entity_id("organisation", name), "organisation", name, names)
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
