"""Labels of the Markdown briefing in the interface languages (French, Korean, English).

The briefing is pasted into a preparation note in the reader's language: the page
passes its interface language, the CLI and REST default to English. Kept apart
from ``app.text`` (the page's labels) because the briefing is a document with its
own wording ("Note de briefing", "브리핑 노트"), not page chrome.
"""

from __future__ import annotations

BRIEFING_LANGUAGES = ("fr", "ko", "en")
SEARCH_MODES = ("hybrid", "dense", "lexical")

_LABELS = {
    "title": ("Note de briefing : {query}", "브리핑 노트: {query}", "Briefing: {query}"),
    "query_lang": ("Langue de la requête : {lang}", "검색어 언어: {lang}", "Query language: {lang}"),
    "passages": ("Passages : {lang}, {count} résultat(s), {mode}", "검색 범위: {lang}, 결과 {count}건, {mode}",
                 "Passages: {lang}, {count} result(s), {mode}"),
    "all_languages": ("toutes les langues", "모든 언어", "all languages"),
    "hybrid": ("recherche hybride", "통합 검색", "hybrid search"),
    "dense": ("recherche sémantique", "의미 검색", "dense search"),
    "lexical": ("recherche lexicale", "키워드 검색", "lexical search"),
    "expansions": ("Équivalents du glossaire recherchés aussi : {pairs}", "함께 검색한 용어집 대응어: {pairs}",
                   "Glossary equivalents searched too: {pairs}"),
    "note": ("Remarque : {text}", "참고: {text}", "Note: {text}"),
    "no_result": ("Aucun passage trouvé pour cette requête.", "이 검색어에 해당하는 구절이 없습니다.",
                  "No passage found for this query."),
    "recording": ("Enregistrement à ce moment", "해당 시점의 녹화 영상", "Recording at this moment"),
    "translated": ("traduction de travail, pas une transcription originale",
                   "작업 번역본이며 원본 회의록이 아닙니다", "working translation, not an original transcript"),
    "source": ("Source : {id}, caractères {start}–{end} de {doc}{page}",
               "출처: {doc}의 {start}–{end}번째 문자 ({id}){page}",
               "Source: {id}, characters {start}–{end} of {doc}{page}"),
    "sources": ("Sources", "출처", "Sources"),
    "translation_of": ("traduction de travail de {doc}{by}", "{doc}의 작업 번역{by}",
                       "working translation of {doc}{by}"),
    "translator": (" par {name}", " (번역: {name})", " by {name}"),
    "fr": ("français", "프랑스어", "French"),
    "ko": ("coréen", "한국어", "Korean"),
    "en": ("anglais", "영어", "English"),
}


def briefing_label(ui: str, key: str, **values) -> str:
    """The ``key`` label in interface language ``ui`` (unknown languages: English), with ``values`` filled in."""
    texts = _LABELS.get(key)
    if texts is None:  # a language code or search mode the table does not name is shown as it is
        return key
    index = BRIEFING_LANGUAGES.index(ui) if ui in BRIEFING_LANGUAGES else BRIEFING_LANGUAGES.index("en")
    return texts[index].format(**values)
