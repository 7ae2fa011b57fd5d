"""The page's interface text in French, Korean and English, and ``t`` to pick one.

Korean labels are written as Korean local-government officials write them.
"""

from __future__ import annotations

UI_LANGUAGES = ("fr", "ko", "en")
UI_LANGUAGE_CHOICES = [("Français", "fr"), ("한국어", "ko"), ("English", "en")]

# key: (French, Korean, English). Values may hold {placeholders} for str.format.
TEXT: dict[str, tuple[str, str, str]] = {
    "app_title": (
        "Archive des séminaires franco-coréens",
        "한-프 지방정부 세미나 아카이브",  # 한-프: as the Korean documents' metadata and the Korean press write it
        "Franco-Korean seminar archive",
    ),
    "app_subtitle": (
        "Recherche bilingue français / coréen dans les comptes rendus de Cités Unies France (groupe-pays Corée)",
        "프랑스자매도시연합(CUF) 그룹페이꼬레 회의 자료 프랑스어·한국어 이중언어 검색",
        "Bilingual French / Korean search in the Cités Unies France reports (Korea country group)",
    ),
    "ui_language": ("Langue de l'interface", "인터페이스 언어", "Interface language"),
    "tab_search": ("Recherche", "검색", "Search"),
    "tab_terms": ("Terminologie", "용어", "Terminology"),
    "tab_docs": ("Documents", "문서", "Documents"),
    "tab_dossier": ("Dossiers", "브리핑 자료", "Dossiers"),
    "entity_filter": ("Ville, organisation ou personne", "도시·기관·인물", "City, organisation or person"),
    "entity_info": (
        "sans requête : tous ses passages, dans l'ordre",
        "검색어 없이: 관련 발췌문 전체(문서 순서)",
        "without a query: all its passages, in order",
    ),
    "query_label": (
        "Requête (français, coréen ou anglais)",
        "검색어 (프랑스어, 한국어 또는 영어)",
        "Query (French, Korean or English)",
    ),
    "query_placeholder": (
        "ex. hydrogène, 재활용, urban farming — Entrée pour lancer",
        "예: 수소, recyclage, urban farming — Enter 키로 검색",
        "e.g. hydrogène, 재활용, urban farming — press Enter",
    ),
    "search_button": ("Rechercher", "검색", "Search"),
    "examples": ("Exemples :", "예시:", "Examples:"),
    "filters": ("Filtres", "필터", "Filters"),
    "lang_filter": ("Langue des passages", "구절 언어", "Passage language"),
    "lang_all": ("Toutes", "전체", "All"),
    "lang_fr": ("Français", "프랑스어", "French"),
    "lang_ko": ("Coréen", "한국어", "Korean"),
    "doc_filter": ("Documents", "문서", "Documents"),
    "doc_filter_info": (
        "Aucun choisi : tous les documents",
        "선택하지 않으면 전체 문서",
        "None selected: all documents",
    ),
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
    "raw_json": (
        "Réponse brute (JSON de l'API /search)",
        "원본 응답 (API /search JSON)",
        "Raw response (JSON of the /search API)",
    ),
    "empty_query": (
        "Tapez un mot ou une question, en français, en coréen ou en anglais, ou cliquez sur un exemple.",
        "프랑스어, 한국어 또는 영어로 단어나 질문을 입력하거나 예시를 클릭하세요.",
        "Type a word or a question in French, Korean or English, or click an example.",
    ),
    "problem": ("Impossible de chercher : {error}", "검색할 수 없습니다: {error}", "Cannot search: {error}"),
    "no_result": (
        "Aucun passage trouvé pour « {query} ».",
        "「{query}」에 해당하는 구절이 없습니다.",
        "No passage found for “{query}”.",
    ),
    "suggest": ("Termes proches dans le glossaire :", "용어집의 비슷한 용어:", "Close glossary terms:"),
    "no_suggestion": (
        "Essayez un autre mot, une autre langue, ou le mode sémantique.",
        "다른 단어나 언어, 또는 의미 검색을 사용해 보세요.",
        "Try another word, another language, or the semantic mode.",
    ),
    "query_lang": ("Langue de la requête", "검색어 언어", "Query language"),
    "expansions": ("Équivalents du glossaire", "용어집 대응어", "Glossary equivalents"),
    "n_results": ("{n} résultat(s)", "결과 {n}건", "{n} result(s)"),
    "n_matches": ("{n} passage(s) pertinent(s)", "관련 구절 {n}건", "{n} matching passage(s)"),
    "weaker_hidden": (
        "{n} résultat(s) plus faible(s) masqué(s) : cochez « Afficher les résultats plus faibles »",
        "관련성이 낮은 결과 {n}건 숨김: ‘관련성 낮은 결과도 보기’를 선택하세요",
        "{n} weaker result(s) hidden: tick “Show weaker results”",
    ),
    "weaker_shown": (
        "{n} résultat(s) plus faible(s) affiché(s) après les autres",
        "관련성이 낮은 결과 {n}건을 뒤에 표시",
        "{n} weaker result(s) shown after the others",
    ),
    "weaker_beyond_k": (
        "{n} résultat(s) plus faible(s) au-delà du nombre de résultats : augmentez-le pour les voir",
        "관련성이 낮은 결과 {n}건은 결과 수를 넘어 표시되지 않음: 결과 수를 늘리세요",
        "{n} weaker result(s) beyond the number of results: raise it to see them",
    ),
    "show_weaker": ("Afficher les résultats plus faibles", "관련성 낮은 결과도 보기", "Show weaker results"),
    "did_you_mean": ("Vouliez-vous dire :", "이것을 찾으셨나요?", "Did you mean:"),
    "active_filters": ("Filtres", "필터", "Filters"),
    "filter_speaker": ("intervenant ou ville « {value} »", "발표자·도시 「{value}」", "speaker or city “{value}”"),
    "filter_entity": ("entité « {value} »", "개체 「{value}」", "entity “{value}”"),
    "filter_doc": ("document {value}", "문서 {value}", "document {value}"),
    "filter_phrase": ("expression exacte « {value} »", "정확한 구문 「{value}」", "exact phrase “{value}”"),
    "filter_excluded": ("sans « {value} »", "「{value}」 제외", "without “{value}”"),
    "remove_filter": ("Retirer le filtre : {value}", "필터 해제: {value}", "Remove the filter: {value}"),
    "more_tabs": ("Autres onglets", "탭 더 보기", "More tabs"),  # Gradio's "⋯" menu of the tabs that do not fit
    "download_xlsx": ("Tableur (XLSX)", "스프레드시트 (XLSX)", "Spreadsheet (XLSX)"),
    "translated": ("traduction de travail", "작업 번역", "working translation"),
    "translated_hint": (
        "Traduction coréenne faite par le projet, pas un compte rendu original",
        "본 프로젝트의 한국어 작업 번역이며 원본 회의록이 아닙니다",
        "Korean translation made by the project, not an original transcript",
    ),
    "score": ("score", "점수", "score"),
    "context": ("Contexte (passages voisins)", "앞뒤 문맥", "Context (neighbouring passages)"),
    "aligned": ("Passage correspondant", "대응 구절", "Counterpart passage"),
    "no_aligned": (
        "Pas de passage aligné dans l'autre langue.",
        "다른 언어의 대응 구절이 없습니다.",
        "No aligned passage in the other language.",
    ),
    "open_reader": ("Ouvrir dans le lecteur", "문서 보기에서 열기", "Open in the reader"),
    "open_passage": ("Voir le passage", "구절 보기", "Show passage"),
    "term_label": (
        "Terme (français, coréen ou anglais)",
        "용어 (프랑스어, 한국어 또는 영어)",
        "Term (French, Korean or English)",
    ),
    "term_placeholder": (
        "ex. hydrogène, 수소, recycling",
        "예: 수소, hydrogène, recycling",
        "e.g. hydrogène, 수소, recycling",
    ),
    "term_button": ("Chercher le terme", "용어 찾기", "Look up"),
    "empty_term": (
        "Tapez un terme en français, en coréen ou en anglais.",
        "프랑스어, 한국어 또는 영어 용어를 입력하세요.",
        "Type a term in French, Korean or English.",
    ),
    "term_problem": (
        "Impossible de chercher ce terme : {error}",
        "용어를 찾을 수 없습니다: {error}",
        "Cannot look up this term: {error}",
    ),
    "term_not_found": (
        "Aucune entrée du glossaire pour « {query} ».",
        "「{query}」에 해당하는 용어집 항목이 없습니다.",
        "No glossary entry for “{query}”.",
    ),
    "glossary_download": ("Télécharger le glossaire :", "용어집 내려받기:", "Download the glossary:"),
    "glossary_csv": ("Glossaire (CSV)", "용어집 (CSV)", "Glossary (CSV)"),
    "glossary_xlsx": ("Glossaire (XLSX)", "용어집 (XLSX)", "Glossary (XLSX)"),
    "glossary_tbx": ("Glossaire (TBX)", "용어집 (TBX)", "Glossary (TBX)"),
    "glossary_preparing": ("Glossaire en préparation…", "용어집 준비 중…", "Preparing the glossary…"),
    "domain": ("Domaine", "분야", "Domain"),
    "notes": ("Notes", "비고", "Notes"),
    "watch_moment": ("voir ce moment de l'enregistrement", "영상의 이 부분 보기", "watch this moment of the recording"),
    "concordance": ("Concordance", "용례", "Concordance"),
    "no_attestation": (
        "Aucune occurrence dans les documents indexés.",
        "색인된 문서에 용례가 없습니다.",
        "No occurrence in the indexed documents.",
    ),
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

# Gradio's own strings that its tables lack (Gradio 6.x): its status region (role="status", aria-live) would
# announce the key itself, "common.complete", after every search. Same keys and {placeholders} as Gradio's.
GRADIO_STRINGS: dict[str, tuple[str, str, str]] = {
    "common.complete": ("Terminé", "완료", "Complete"),
    "status.queue_position": ("En file d'attente : {position} sur {size}", "대기 순서: {size}명 중 {position}번째",
                              "In queue: {position} of {size}"),
}


def gradio_translations() -> dict[str, dict[str, str]]:
    """``GRADIO_STRINGS`` per locale, as ``gr.I18n`` takes them."""
    return {lang: {key: texts[index] for key, texts in GRADIO_STRINGS.items()}
            for index, lang in enumerate(UI_LANGUAGES)}


def t(ui: str, key: str, **values) -> str:
    """Interface text ``key`` in language ``ui`` ("fr", "ko" or "en"; anything else: French)."""
    variants = TEXT[key]
    index = UI_LANGUAGES.index(ui) if ui in UI_LANGUAGES else 0
    return variants[index].format(**values) if values else variants[index]
