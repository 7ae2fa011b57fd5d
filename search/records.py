"""What a search returns: one record per result, one per response (the CLI's and API's JSON)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One bilingual unit: the passage shown (``text``, ``lang``…) and its counterparts in ``aligned``.

    ``original`` says whether the passage shown is the original text (False: the
    project's working translation, with the original in ``aligned``); ``pair``
    names the unit, the same for both of its sides.
    """

    rank: int
    score: float
    id: str
    doc: str
    title: str
    date: str
    lang: str
    section: str
    speaker: str
    text: str
    start: int
    end: int
    translated: bool
    matched: tuple[str, ...] = ()
    aligned: tuple[dict, ...] = ()
    time_start: float | None = None  # seconds, for passages of transcripts
    time_end: float | None = None
    original: bool = True
    pair: str = ""
    page: int | None = None  # page or slide the passage starts on (PDF, DOCX with page breaks, PPTX)
    video_url: str = ""  # the recording at the passage's moment, when the transcript's sidecar gives one

    @property
    def page_label(self) -> str:
        """"p. 7" for a passage of a document with pages, "" otherwise."""
        return f"p. {self.page}" if self.page is not None else ""

    @property
    def time_code(self) -> str:
        """"00:01:05–00:02:10" for a transcript passage, "" otherwise."""
        if self.time_start is None:
            return ""
        return f"{_clock(self.time_start)}–{_clock(self.time_end if self.time_end is not None else self.time_start)}"

    def to_dict(self) -> dict:
        data = asdict(self)
        data["matched"] = list(self.matched)
        data["aligned"] = list(self.aligned)
        return data


@dataclass(frozen=True, slots=True)
class SearchResponse:
    """Results and what was searched.

    ``total`` counts the passages above the relevance floor among the candidates;
    ``weaker`` the candidates below it, shown only with ``all_matches``.
    ``did_you_mean`` is the query with misspelt words corrected ("" when none).
    """

    query: str
    query_lang: str
    mode: str
    lang: str
    results: list[SearchResult]
    expansions: list[dict] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    total: int = 0
    weaker: int = 0
    did_you_mean: str = ""
    phrases: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    filters: dict = field(default_factory=dict)

    def expansion_groups(self) -> list[tuple[str, list[str]]]:
        """Expansions by query term, each equivalent once: [("Tours", ["투르", "투르시"])]."""
        groups: dict[str, list[str]] = {}
        for expansion in self.expansions:
            targets = groups.setdefault(expansion["from"], [])
            if expansion["to"] not in targets:
                targets.append(expansion["to"])
        return list(groups.items())

    def to_dict(self) -> dict:
        return {
            "query": self.query,
            "query_lang": self.query_lang,
            "mode": self.mode,
            "lang": self.lang,
            "filters": self.filters,
            "phrases": list(self.phrases),
            "excluded": list(self.excluded),
            "expansions": self.expansions,
            "notices": self.notices,
            "total": self.total,
            "weaker": self.weaker,
            "did_you_mean": self.did_you_mean,
            "results": [result.to_dict() for result in self.results],
        }


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
