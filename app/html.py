"""HTML for the web interface: result cards, concordances, the bilingual reader.

Every string that comes from a document, a query or the glossary goes through
``html.escape`` or ``mark_terms`` (which escapes before marking) before it is
put into a page; the only markup emitted is written here.

Clickable elements carry ``data-action``/``data-value`` attributes: the page's
script turns a click on them into a Gradio event (see ``ACTION_JS``), so the
HTML itself contains no script and no inline handler.
"""

from __future__ import annotations

import re
from html import escape
from typing import Iterable

from search.highlight import mark_terms

# One delegated listener: a click on [data-action] becomes a Gradio "click" event with its data.
ACTION_JS = """
element.addEventListener('click', (event) => {
  const target = event.target.closest('[data-action]');
  if (!target || !element.contains(target)) return;
  event.preventDefault();
  trigger('select', {index: target.dataset.action, value: target.dataset.value});
});
"""

# Scoped to each HTML component by Gradio; theme variables keep light and dark modes readable.
CSS = """
.ss-message { padding: .8em 1em; border-radius: 8px; background: var(--background-fill-secondary); margin: .4em 0; }
.ss-message.ss-error { border-left: 4px solid #c0392b; }
.ss-summary { display: flex; flex-wrap: wrap; gap: .4em 1.2em; align-items: baseline; margin: .2em 0 .6em; }
.ss-card { border: 1px solid var(--border-color-primary); border-radius: 10px; padding: .8em 1em; margin: .8em 0;
  background: var(--block-background-fill); }
.ss-card header { display: flex; flex-wrap: wrap; gap: .5em; align-items: baseline; }
.ss-rank { font-weight: 700; color: var(--body-text-color-subdued); }
.ss-title { font-weight: 600; }
.ss-where, .ss-meta { color: var(--body-text-color-subdued); font-size: .92em; margin: .2em 0 .5em; }
.ss-score { margin-left: auto; color: var(--body-text-color-subdued); font-size: .85em; font-variant-numeric: tabular-nums; }
.ss-badge { display: inline-block; border-radius: 999px; padding: 0 .6em; font-size: .8em; font-weight: 600;
  border: 1px solid var(--border-color-primary); }
.ss-lang-fr { background: #dbe7ff; color: #12306b; }
.ss-lang-ko { background: #ffe0e3; color: #6b1220; }
.ss-lang-en { background: #e1f5e1; color: #14501a; }
.ss-translated { background: #fff3cd; color: #6b4e00; }
.ss-pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; }
@media (max-width: 800px) { .ss-pair { grid-template-columns: 1fr; } }
.ss-passage { white-space: pre-wrap; line-height: 1.55; }
/* Korean breaks between words (eojeol), never inside one; a long unbroken string may still wrap. */
[lang="ko"] { word-break: keep-all; overflow-wrap: break-word; }
.ss-original { background: #e8f5e9; color: #1b5e20; }
.ss-filters, .ss-weaker { color: var(--body-text-color-subdued); font-size: .92em; }
.ss-didyoumean { margin: .4em 0; }
.ss-counterpart { border-left: 3px solid var(--border-color-primary); padding-left: .8em; }
.ss-counterpart .ss-passage { color: var(--body-text-color); }
.ss-label { font-size: .85em; color: var(--body-text-color-subdued); margin-bottom: .2em; }
mark { background: #ffe066; color: #000; padding: 0 .1em; border-radius: 3px; }
details.ss-context { margin-top: .6em; }
details.ss-context summary { cursor: pointer; color: var(--link-text-color, #2563eb); }
.ss-neighbour { white-space: pre-wrap; color: var(--body-text-color-subdued); margin: .4em 0; }
.ss-neighbour.ss-self { color: var(--body-text-color); border-left: 3px solid #ffe066; padding-left: .6em; }
button.ss-link { cursor: pointer; border: 1px solid var(--border-color-primary); border-radius: 6px; padding: .15em .6em;
  background: var(--button-secondary-background-fill); color: var(--button-secondary-text-color); font-size: .88em; margin-top: .5em; }
button.ss-link:hover { border-color: var(--color-accent); }
.ss-entry { border: 1px solid var(--border-color-primary); border-radius: 10px; padding: .8em 1em; margin: .8em 0; }
.ss-terms { display: grid; grid-template-columns: auto 1fr; gap: .2em .8em; margin: .3em 0 .6em; }
.ss-notes { margin: .3em 0 .6em; }
table.ss-kwic, table.ss-docs, table.ss-reader { width: 100%; border-collapse: collapse; border: 0 !important; margin: .3em 0; }
table.ss-kwic tr, table.ss-docs tr, table.ss-reader tr, table.ss-kwic td, table.ss-docs th, table.ss-docs td,
table.ss-reader td, table.ss-reader th { border: 0; }
table.ss-kwic tr.ss-line td { padding: .45em .3em .05em; border-top: 1px solid var(--border-color-primary); vertical-align: top; }
table.ss-kwic td.ss-left { text-align: right; width: 45%; }
table.ss-kwic td.ss-term { text-align: center; white-space: nowrap; width: 1%; }
table.ss-kwic td.ss-right { width: 45%; }
table.ss-kwic tr.ss-line-source td { padding: 0 .3em .45em; font-size: .85em; }
.ss-source { color: var(--body-text-color-subdued); }
table.ss-kwic button.ss-link { margin: 0 0 0 .4em; }
table.ss-docs th, table.ss-docs td { text-align: left; padding: .4em .5em; border-top: 1px solid var(--border-color-primary);
  vertical-align: top; }
table.ss-reader td { width: 50%; padding: .4em .6em; border-top: 1px solid var(--border-color-primary); vertical-align: top;
  white-space: pre-wrap; line-height: 1.5; }
table.ss-reader tr.ss-section th { text-align: left; padding: .8em .6em .3em; font-size: 1.02em; }
.ss-page { color: var(--body-text-color-subdued); font-size: .85em; margin-right: .3em; }
table.ss-reader tr.ss-hit td { background: rgba(255, 224, 102, .35); }
table.ss-reader thead th { text-align: left; padding: .4em .6em; }
.ss-suggestions button.ss-link { margin-right: .4em; }
"""

# -- interface text ------------------------------------------------------------

UI_LANGUAGES = ("fr", "ko", "en")
UI_LANGUAGE_CHOICES = [("Français", "fr"), ("한국어", "ko"), ("English", "en")]

# key: (French, Korean, English). Values may hold {placeholders} for str.format.
TEXT: dict[str, tuple[str, str, str]] = {
    "app_title": ("Archive des séminaires franco-coréens", "한불 지방정부 세미나 아카이브", "Franco-Korean seminar archive"),
    "app_subtitle": (
        "Recherche bilingue français / coréen dans les comptes rendus de Cités Unies France (groupe-pays Corée)",
        "프랑스자매도시연합(CUF) 그룹페이꼬레 회의록 프랑스어·한국어 이중언어 검색",
        "Bilingual French / Korean search in the Cités Unies France reports (Korea country group)",
    ),
    "ui_language": ("Langue de l'interface", "인터페이스 언어", "Interface language"),
    "tab_search": ("Recherche", "검색", "Search"),
    "tab_terms": ("Terminologie", "용어", "Terminology"),
    "tab_docs": ("Documents", "문서", "Documents"),
    "tab_dossier": ("Dossiers", "브리핑 자료", "Dossiers"),
    "entity_filter": ("Ville, organisation ou personne", "도시·기관·인물", "City, organisation or person"),
    "entity_info": ("sans requête : tous ses passages, dans l'ordre", "검색어 없이: 관련 발췌문 전체(문서 순서)",
                    "without a query: all its passages, in order"),
    "query_label": ("Requête (français, coréen ou anglais)", "검색어 (프랑스어, 한국어 또는 영어)", "Query (French, Korean or English)"),
    "query_placeholder": ("ex. hydrogène, 재활용, urban farming — Entrée pour lancer", "예: 수소, recyclage, urban farming — Enter 키로 검색",
                          "e.g. hydrogène, 재활용, urban farming — press Enter"),
    "search_button": ("Rechercher", "검색", "Search"),
    "examples": ("Exemples :", "예시:", "Examples:"),
    "filters": ("Filtres", "필터", "Filters"),
    "lang_filter": ("Langue des passages", "구절 언어", "Passage language"),
    "lang_all": ("Toutes", "전체", "All"),
    "lang_fr": ("Français", "프랑스어", "French"),
    "lang_ko": ("Coréen", "한국어", "Korean"),
    "doc_filter": ("Documents", "문서", "Documents"),
    "doc_filter_info": ("Aucun choisi : tous les documents", "선택하지 않으면 전체 문서", "None selected: all documents"),
    "speaker_filter": ("Intervenant, ville ou section", "발표자, 도시 또는 섹션", "Speaker, city or section"),
    "speaker_info": (
        "Choisir dans la liste ou taper (ex. Suwon)",
        "목록에서 고르거나 입력 (예: Suwon, 수원)",
        "Pick from the list or type (e.g. Suwon)",
    ),
    "mode_label": ("Mode de recherche", "검색 방식", "Search mode"),
    "mode_hybrid": ("hybride", "혼합", "hybrid"),
    "mode_dense": ("sémantique", "의미 검색", "semantic"),
    "mode_lexical": ("mots-clés", "키워드", "keyword"),
    "k_label": ("Nombre de résultats", "결과 수", "Number of results"),
    "export_title": ("Exporter les résultats :", "결과 내보내기:", "Export the results:"),
    "download_csv": ("Tableau (CSV)", "표 (CSV)", "Table (CSV)"),
    "download_json": ("Données (JSON)", "데이터 (JSON)", "Data (JSON)"),
    "download_md": ("Note de briefing (Markdown)", "브리핑 노트 (Markdown)", "Briefing note (Markdown)"),
    "raw_json": ("Réponse brute (JSON de l'API /search)", "원본 응답 (API /search JSON)", "Raw response (JSON of the /search API)"),
    "empty_query": ("Tapez un mot ou une question, en français, en coréen ou en anglais, ou cliquez sur un exemple.",
                    "프랑스어, 한국어 또는 영어로 단어나 질문을 입력하거나 예시를 클릭하세요.",
                    "Type a word or a question in French, Korean or English, or click an example."),
    "problem": ("Impossible de chercher : {error}", "검색할 수 없습니다: {error}", "Cannot search: {error}"),
    "no_result": ("Aucun passage trouvé pour « {query} ».", "「{query}」에 해당하는 구절이 없습니다.", "No passage found for “{query}”."),
    "suggest": ("Termes proches dans le glossaire :", "용어집의 비슷한 용어:", "Close glossary terms:"),
    "no_suggestion": ("Essayez un autre mot, une autre langue, ou le mode sémantique.", "다른 단어나 언어, 또는 의미 검색을 사용해 보세요.",
                      "Try another word, another language, or the semantic mode."),
    "query_lang": ("Langue de la requête", "검색어 언어", "Query language"),
    "expansions": ("Équivalents du glossaire", "용어집 대응어", "Glossary equivalents"),
    "n_results": ("{n} résultat(s)", "결과 {n}건", "{n} result(s)"),
    "n_matches": ("{n} passage(s) pertinent(s)", "관련 구절 {n}건", "{n} matching passage(s)"),
    "weaker_hidden": ("{n} résultat(s) plus faible(s) masqué(s) : cochez « Afficher les résultats plus faibles »",
                      "관련성이 낮은 결과 {n}건 숨김: ‘관련성 낮은 결과도 보기’를 선택하세요",
                      "{n} weaker result(s) hidden: tick “Show weaker results”"),
    "weaker_shown": ("{n} résultat(s) plus faible(s) affiché(s) après les autres", "관련성이 낮은 결과 {n}건을 뒤에 표시",
                     "{n} weaker result(s) shown after the others"),
    "show_weaker": ("Afficher les résultats plus faibles", "관련성 낮은 결과도 보기", "Show weaker results"),
    "did_you_mean": ("Vouliez-vous dire :", "이것을 찾으셨나요?", "Did you mean:"),
    "active_filters": ("Filtres", "필터", "Filters"),
    "filter_speaker": ("intervenant ou ville « {value} »", "발표자·도시 「{value}」", "speaker or city “{value}”"),
    "filter_entity": ("entité « {value} »", "개체 「{value}」", "entity “{value}”"),
    "filter_doc": ("document {value}", "문서 {value}", "document {value}"),
    "filter_phrase": ("expression exacte « {value} »", "정확한 구문 「{value}」", "exact phrase “{value}”"),
    "filter_excluded": ("sans « {value} »", "「{value}」 제외", "without “{value}”"),
    "download_xlsx": ("Tableur (XLSX)", "스프레드시트 (XLSX)", "Spreadsheet (XLSX)"),
    "translated": ("traduction de travail", "작업 번역", "working translation"),
    "translated_hint": ("Traduction coréenne faite par le projet, pas un compte rendu original",
                        "본 프로젝트의 한국어 작업 번역이며 원본 회의록이 아닙니다",
                        "Korean translation made by the project, not an original transcript"),
    "score": ("score", "점수", "score"),
    "context": ("Contexte (passages voisins)", "앞뒤 문맥", "Context (neighbouring passages)"),
    "aligned": ("Passage correspondant", "대응 구절", "Counterpart passage"),
    "no_aligned": ("Pas de passage aligné dans l'autre langue.", "다른 언어의 대응 구절이 없습니다.", "No aligned passage in the other language."),
    "open_reader": ("Ouvrir dans le lecteur", "문서 보기에서 열기", "Open in the reader"),
    "open_passage": ("Voir le passage", "구절 보기", "Show passage"),
    "term_label": ("Terme (français, coréen ou anglais)", "용어 (프랑스어, 한국어 또는 영어)", "Term (French, Korean or English)"),
    "term_placeholder": ("ex. hydrogène, 수소, recycling", "예: 수소, hydrogène, recycling", "e.g. hydrogène, 수소, recycling"),
    "term_button": ("Chercher le terme", "용어 찾기", "Look up"),
    "empty_term": ("Tapez un terme en français, en coréen ou en anglais.", "프랑스어, 한국어 또는 영어 용어를 입력하세요.",
                   "Type a term in French, Korean or English."),
    "term_problem": ("Impossible de chercher ce terme : {error}", "용어를 찾을 수 없습니다: {error}", "Cannot look up this term: {error}"),
    "term_not_found": ("Aucune entrée du glossaire pour « {query} ».", "「{query}」에 해당하는 용어집 항목이 없습니다.",
                       "No glossary entry for “{query}”."),
    "glossary_download": ("Télécharger le glossaire :", "용어집 내려받기:", "Download the glossary:"),
    "glossary_csv": ("Glossaire (CSV)", "용어집 (CSV)", "Glossary (CSV)"),
    "glossary_tbx": ("Glossaire (TBX)", "용어집 (TBX)", "Glossary (TBX)"),
    "glossary_preparing": ("Glossaire en préparation…", "용어집 준비 중…", "Preparing the glossary…"),
    "domain": ("Domaine", "분야", "Domain"),
    "notes": ("Notes", "비고", "Notes"),
    "watch_moment": ("voir ce moment de l'enregistrement", "영상의 이 부분 보기", "watch this moment of the recording"),
    "concordance": ("Concordance", "용례", "Concordance"),
    "no_attestation": ("Aucune occurrence dans les documents indexés.", "색인된 문서에 용례가 없습니다.", "No occurrence in the indexed documents."),
    "doc_list": ("Documents indexés", "색인된 문서", "Indexed documents"),
    "col_document": ("Document", "문서", "Document"),
    "col_lang": ("Langue", "언어", "Language"),
    "col_date": ("Date", "날짜", "Date"),
    "col_place": ("Lieu", "장소", "Place"),
    "col_chunks": ("Passages", "구절 수", "Passages"),
    "col_status": ("Statut", "구분", "Status"),
    "original": ("original", "원문", "original"),
    "translation_of": ("traduction de travail de {doc}", "{doc}의 작업 번역", "working translation of {doc}"),
    "reader_title": ("Lecteur bilingue", "이중언어 보기", "Bilingual reader"),
    "reader_doc": ("Document", "문서", "Document"),
    "reader_section": ("Aller à la section", "섹션으로 이동", "Go to section"),
    "no_counterpart": ("Pas de traduction indexée", "색인된 번역 없음", "No indexed translation"),
    "start_of_document": ("(début du document)", "(문서 시작)", "(start of the document)"),
}


def t(ui: str, key: str, **values) -> str:
    """Interface text ``key`` in language ``ui`` ("fr", "ko" or "en"; anything else: French)."""
    variants = TEXT[key]
    index = UI_LANGUAGES.index(ui) if ui in UI_LANGUAGES else 0
    return variants[index].format(**values) if values else variants[index]


_ANCHOR_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def anchor(chunk_id: str) -> str:
    """An HTML id for a chunk (its own id holds '#' and '.', awkward in selectors)."""
    return "chunk-" + _ANCHOR_UNSAFE.sub("-", chunk_id)


def message_html(message: str, *, error: bool = False) -> str:
    """A friendly one-paragraph message (escaped)."""
    kind = "ss-message ss-error" if error else "ss-message"
    return f'<div class="{kind}" role="status">{escape(message)}</div>'


def lang_badge(lang: str) -> str:
    return f'<span class="ss-badge ss-lang-{escape(lang)}" lang="en">{escape(lang.upper())}</span>'


def translated_badge(ui: str) -> str:
    return f'<span class="ss-badge ss-translated" title="{escape(t(ui, "translated_hint"))}">{escape(t(ui, "translated"))}</span>'


def action_button(ui: str, action: str, value: str, label_key: str) -> str:
    return f'<button class="ss-link" data-action="{escape(action)}" data-value="{escape(value)}">{escape(t(ui, label_key))}</button>'


# -- search ------------------------------------------------------------------


def summary_html(response, ui: str) -> str:
    """Query language, how many passages matched (and how many weaker ones are hidden), active filters, expansions."""
    parts = [
        f'<span class="ss-title">« {escape(response.query)} »</span>',
        f'<span>{escape(t(ui, "query_lang"))}: {lang_badge(response.query_lang)}</span>',
        f'<span id="search-count">{escape(t(ui, "n_matches", n=response.total))}</span>',
    ]
    if response.weaker:
        key = "weaker_shown" if len(response.results) > response.total else "weaker_hidden"
        parts.append(f'<span class="ss-weaker" id="search-weaker">{escape(t(ui, key, n=response.weaker))}</span>')
    parts.append(f'<span class="ss-filters" id="search-filters">{escape(t(ui, "active_filters"))}: '
                 f'{", ".join(_active_filters(response, ui))}</span>')
    if response.expansions:
        groups = "; ".join(f"{escape(source)} → {escape(', '.join(targets))}" for source, targets in response.expansion_groups())
        parts.append(f'<span id="search-expansions">{escape(t(ui, "expansions"))}: {groups}</span>')
    notices = "".join(message_html(notice) for notice in response.notices)
    return f'<div class="ss-summary" id="search-summary-line">{"".join(parts)}</div>{notices}'


def _active_filters(response, ui: str) -> list[str]:
    """Every filter in force, escaped: passage language always, then documents, speaker, entity, phrases, exclusions."""
    filters = getattr(response, "filters", None) or {}
    lang = filters.get("lang", response.lang)
    language = t(ui, f"lang_{lang}") if f"lang_{lang}" in TEXT else lang
    active = [f"{escape(t(ui, 'lang_filter'))} : {escape(language)}"]
    active += [escape(t(ui, "filter_doc", value=doc)) for doc in filters.get("docs") or []]
    active += [escape(t(ui, f"filter_{name}", value=filters[name])) for name in ("speaker", "entity") if filters.get(name)]
    active += [escape(t(ui, "filter_phrase", value=p)) for p in getattr(response, "phrases", ())]
    active += [escape(t(ui, "filter_excluded", value=w)) for w in getattr(response, "excluded", ())]
    return active


def results_html(response, engine, ui: str) -> str:
    """A "did you mean" line when a word is unknown, then the result cards (or a no-result message)."""
    did_you_mean = ""
    if getattr(response, "did_you_mean", ""):
        did_you_mean = (f'<div class="ss-didyoumean" id="did-you-mean">{escape(t(ui, "did_you_mean"))} <button class="ss-link" '
                        f'data-action="search" data-value="{escape(response.did_you_mean)}">'
                        f'{escape(response.did_you_mean)}</button></div>')
    if not response.results:
        return did_you_mean + no_result_html(response.query, engine.glossary.suggest(response.query), ui)
    counterpart_terms = _counterpart_terms(response)
    return did_you_mean + "".join(_card(result, engine, counterpart_terms, ui) for result in response.results)


def no_result_html(query: str, suggestions: list[str], ui: str) -> str:
    lines = [message_html(t(ui, "no_result", query=query))]
    if suggestions:
        buttons = "".join(
            f'<button class="ss-link" data-action="search" data-value="{escape(s)}">{escape(s)}</button>' for s in suggestions
        )
        lines.append(f'<div class="ss-suggestions">{escape(t(ui, "suggest"))} {buttons}</div>')
    else:
        lines.append(f'<p class="ss-meta">{escape(t(ui, "no_suggestion"))}</p>')
    return "".join(lines)


def _counterpart_terms(response) -> set[str]:
    """Surface forms worth marking in aligned passages: the query's words and their glossary equivalents."""
    terms = {e["from"] for e in response.expansions} | {e["to"] for e in response.expansions}
    terms |= {m for r in response.results for m in r.matched}
    return {term for term in terms if len(term.strip()) >= 2}


def _card(result, engine, counterpart_terms: set[str], ui: str) -> str:
    header = (
        f'<span class="ss-rank">{result.rank}.</span> <span class="ss-title">{escape(result.title)}</span>'
        f' <span class="ss-meta">{escape(result.date)}</span> {lang_badge(result.lang)}'
        + (f" {translated_badge(ui)}" if result.translated else "")
        + (f' <span class="ss-badge ss-original">{escape(t(ui, "original"))}</span>' if getattr(result, "original", False) else "")
    )
    parts = (result.section, result.speaker, result.page_label, result.time_code)
    where = " · ".join(escape(part) for part in parts if part)
    if result.video_url:
        where += (f' <a class="ss-video" href="{escape(result.video_url)}" target="_blank" rel="noopener noreferrer">'
                  f'▶ {escape(t(ui, "watch_moment"))}</a>')
    passage = f'<div class="ss-passage" lang="{escape(result.lang)}">{mark_terms(result.text, result.matched)}</div>'
    return (
        f'<article class="ss-card" id="result-{result.rank}" data-chunk="{escape(result.id)}"><header>{header}</header>'
        + (f'<div class="ss-where">{where}</div>' if where else "")
        + f'<div class="ss-pair">{passage}{_counterparts(result.aligned, counterpart_terms, ui)}</div>'
        + _context(engine, result, ui)
        + action_button(ui, "open", result.id, "open_reader")
        + "</article>"
    )


def _counterparts(aligned: Iterable[dict], terms: set[str], ui: str) -> str:
    aligned = list(aligned)
    if not aligned:
        return f'<div class="ss-counterpart"><div class="ss-label">{escape(t(ui, "no_aligned"))}</div></div>'
    badges = " ".join(dict.fromkeys(lang_badge(a["lang"]) + (" " + translated_badge(ui) if a["translated"] else "") for a in aligned))
    body = "\n".join(mark_terms(a["text"], terms) for a in aligned)
    lang = escape(aligned[0]["lang"])
    return (f'<div class="ss-counterpart"><div class="ss-label">{escape(t(ui, "aligned"))} {badges}</div>'
            f'<div class="ss-passage" lang="{lang}">{body}</div></div>')


def _context(engine, result, ui: str) -> str:
    neighbours = engine.context(result.id, before=1, after=1)
    pieces = []
    for chunk in neighbours:
        own = chunk.id == result.id
        text = mark_terms(chunk.text, result.matched) if own else escape(chunk.text)
        pieces.append(f'<div class="ss-neighbour{" ss-self" if own else ""}">{text}</div>')
    return f'<details class="ss-context"><summary>{escape(t(ui, "context"))}</summary>{"".join(pieces)}</details>'


# -- terminology -------------------------------------------------------------


def terms_html(lookup, ui: str) -> str:
    """Glossary entries (FR/KO/EN, domain, notes) with their KWIC concordance lines."""
    if not lookup.entries:
        lines = [message_html(t(ui, "term_not_found", query=lookup.query))]
        if lookup.suggestions:
            buttons = "".join(
                f'<button class="ss-link" data-action="term" data-value="{escape(s)}">{escape(s)}</button>' for s in lookup.suggestions
            )
            lines.append(f'<div class="ss-suggestions">{escape(t(ui, "suggest"))} {buttons}</div>')
        return "".join(lines)
    return "".join(_entry(entry, ui) for entry in lookup.entries)


def _entry(term_entry, ui: str) -> str:
    entry = term_entry.entry
    rows = "".join(
        f"<span>{lang_badge(lang)}</span><span>{escape(' | '.join(entry.terms(lang)) or '—')}</span>" for lang in ("fr", "ko", "en")
    )
    notes = f'<div class="ss-notes">{escape(t(ui, "notes"))}: {escape(entry.notes)}</div>' if entry.notes else ""
    variants = {lang: entry.terms(lang) for lang in ("fr", "ko", "en")}
    return (
        f'<section class="ss-entry"><div class="ss-meta">{escape(t(ui, "domain"))}: {escape(entry.domain)}</div>'
        f'<div class="ss-terms">{rows}</div>{notes}<h4>{escape(t(ui, "concordance"))}</h4>'
        + _kwic(term_entry.attestations, variants, ui) + "</section>"
    )


def _kwic(attestations, variants: dict, ui: str) -> str:
    """Two rows per occurrence: the concordance line, then where it comes from and its translation."""
    if not attestations:
        return f'<p class="ss-meta">{escape(t(ui, "no_attestation"))}</p>'
    rows = []
    for line in attestations:
        source = " · ".join(escape(part) for part in (line.title, line.section, line.speaker) if part)
        other_terms = [v for lang, terms in variants.items() if lang != line.lang for v in terms]
        aligned = "\n".join(mark_terms(a["text"], other_terms) for a in line.aligned)
        translation = (f'<details class="ss-context"><summary>{escape(t(ui, "aligned"))}</summary>'
                       f'<div class="ss-neighbour ss-self">{aligned}</div></details>') if aligned else ""
        if getattr(line, "aligned_context", ""):  # the aligned sentence holding the equivalent, shown at once
            translation = (f'<div class="ss-neighbour ss-self" lang="{escape(line.aligned_lang)}">'
                           f'{mark_terms(line.aligned_context, other_terms)}</div>' + translation)
        badges = lang_badge(line.lang) + (" " + translated_badge(ui) if line.translated else "")
        rows.append(
            f'<tr class="ss-line" data-chunk="{escape(line.chunk_id)}" lang="{escape(line.lang)}">'
            f'<td class="ss-left">{escape(line.left)}</td>'
            f'<td class="ss-term"><mark>{escape(line.term)}</mark></td><td class="ss-right">{escape(line.right)}</td></tr>'
            f'<tr class="ss-line-source"><td colspan="3">{badges} <span class="ss-source">{source}</span> '
            f'{action_button(ui, "open", line.chunk_id, "open_passage")}{translation}</td></tr>'
        )
    return f'<table class="ss-kwic"><tbody>{"".join(rows)}</tbody></table>'


# -- documents ---------------------------------------------------------------


def documents_html(engine, ui: str) -> str:
    """The indexed documents with their metadata and passage counts per language."""
    counts = passage_counts(engine)
    columns = ("col_document", "col_lang", "col_date", "col_place", "col_chunks", "col_status")
    head = "".join(f"<th>{escape(t(ui, key))}</th>" for key in columns)
    rows = []
    for doc_id, document in engine.data.documents.items():
        meta = document.meta
        chunks = ", ".join(f"{escape(lang.upper())} {n}" for lang, n in sorted(counts.get(doc_id, {}).items()))
        status = (escape(t(ui, "translation_of", doc=meta.translation_of)) + f"<br><span class='ss-meta'>{escape(meta.translator)}</span>"
                  if meta.translation_of else escape(t(ui, "original")))
        rows.append(
            f"<tr><td><strong>{escape(meta.title or doc_id)}</strong><br><code>{escape(doc_id)}</code>"
            f"<div class='ss-meta'>{escape(meta.event)}</div></td><td>{lang_badge(meta.language or '?')}</td>"
            f"<td>{escape(meta.date)}</td><td>{escape(meta.place)}</td><td>{chunks}</td><td>{status}</td></tr>"
        )
    return f'<table class="ss-docs"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def passage_counts(engine) -> dict[str, dict[str, int]]:
    """Document id → language → number of passages."""
    counts: dict[str, dict[str, int]] = {}
    for chunk in engine.chunks:
        per_lang = counts.setdefault(chunk.doc, {})
        lang = effective_lang(engine, chunk)
        per_lang[lang] = per_lang.get(lang, 0) + 1
    return counts


def effective_lang(engine, chunk) -> str:
    """A chunk's language, "mixed" chunks (a list of names) counting as their document's."""
    if chunk.lang in ("fr", "ko", "en"):
        return chunk.lang
    document = engine.data.documents.get(chunk.doc)
    return document.meta.language if document and document.meta.language else chunk.lang


def counterpart_document(engine, doc_id: str) -> str | None:
    """The translation of an original, or the original of a translation."""
    meta = engine.data.documents[doc_id].meta
    if meta.translation_of in engine.data.documents:
        return meta.translation_of
    return next((other for other, d in engine.data.documents.items() if d.meta.translation_of == doc_id), None)


def reader_rows(engine, doc_id: str) -> list[tuple[object, list]]:
    """(chunk of ``doc_id``, its aligned chunks not shown on an earlier row), in document order.

    Several passages of the original often share one translated passage: it is
    shown once, beside the first of them, so the right column reads straight.
    """
    shown: set[str] = set()
    rows = []
    for chunk in (c for c in engine.chunks if c.doc == doc_id):
        aligned = [engine.chunk(i) for i in engine.data.alignment.get(chunk.id, ()) if i not in shown and engine.chunk(i) is not None]
        shown.update(c.id for c in aligned)
        rows.append((chunk, aligned))
    return rows


def reader_html(engine, doc_id: str, ui: str, focus: str | None = None) -> str:
    """A document beside its translation, section by section; ``focus`` (a chunk id) is highlighted."""
    other_id = counterpart_document(engine, doc_id)
    documents = engine.data.documents
    head = "".join(
        f"<th>{lang_badge(documents[d].meta.language)} {escape(documents[d].meta.title)}"
        + (f" {translated_badge(ui)}" if documents[d].meta.translation_of else "") + "</th>"
        for d in (doc_id, other_id) if d
    )
    if not other_id:
        head += f"<th>{escape(t(ui, 'no_counterpart'))}</th>"
    body, section, page = [], None, None
    for chunk, aligned in reader_rows(engine, doc_id):
        if chunk.section != section:
            section = chunk.section
            right = " / ".join(dict.fromkeys(escape(c.section) for c in aligned if c.section))
            body.append(f'<tr class="ss-section"><th>{escape(section)}</th><th>{right}</th></tr>')
        hit = ' class="ss-hit"' if focus == chunk.id or focus in {c.id for c in aligned} else ""
        # The page (or slide) is cited where it changes, as a printed report would be.
        changed = chunk.page is not None and chunk.page != page
        marker = f'<span class="ss-page">p. {chunk.page}</span> ' if changed else ""
        page = chunk.page
        body.append(
            f'<tr id="{anchor(chunk.id)}" data-chunk="{escape(chunk.id)}"{hit}>'
            f'<td lang="{escape(chunk.lang)}">{marker}{escape(chunk.text)}</td>'
            f'<td>{escape(chr(10).join(c.text for c in aligned))}</td></tr>'
        )
    return f'<table class="ss-reader" id="reader-table"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def section_choices(engine, doc_id: str, ui: str) -> list[tuple[str, str]]:
    """(section name, its first chunk id) for the reader's "go to section" menu."""
    first: dict[str, str] = {}
    for chunk in engine.chunks:
        if chunk.doc == doc_id:
            first.setdefault(chunk.section, chunk.id)
    return [(section or t(ui, "start_of_document"), chunk_id) for section, chunk_id in first.items()]
