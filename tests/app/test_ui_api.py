"""The web interface through its API: a real server on a loopback port, driven by gradio_client."""

from __future__ import annotations

import csv
import json
import os
import re
import socket
from pathlib import Path

import pytest

# gradio_client looks up the Hugging Face hub when it starts unless this is set (see ENVIRONMENT.md).
os.environ["HF_HUB_OFFLINE"] = "1"

from gradio_client import Client  # noqa: E402
from gradio_client.exceptions import AppError  # noqa: E402

import ui  # noqa: E402

pytestmark = pytest.mark.slow

HANGUL = re.compile(r"[\uac00-\ud7a3]")
XSS_PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")
# /search_page inputs: query, passage language, documents, speaker, mode, k, interface language.
PAGE_DEFAULTS = ("all", [], None, "hybrid", 10, "fr")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(engine):
    from app.server import create_server, start_in_thread

    demo = ui.build_app(engine)
    running = start_in_thread(create_server(engine, demo))
    try:
        yield demo, running.url
    finally:
        running.close()


@pytest.fixture(scope="module")
def client(server):
    return Client(server[1], verbose=False)


def search_page(client, query, *, lang="all", mode="hybrid", speaker=None, ui_lang="fr"):
    # gradio_client leaves gr.State outputs out; the JSON download is the raw response. The page's inputs after the
    # interface language: "show weaker results" (off) and the entity filter (none).
    summary, results, csv_file, _xlsx_file, json_file, md_file, *_facets = client.predict(
        query, lang, [], speaker, mode, 10, ui_lang, False, "", api_name="/search_page"
    )
    files = tuple(_file(f) for f in (csv_file, json_file, md_file))
    raw = json.loads(Path(files[1]).read_text(encoding="utf-8")) if files[1] else None
    return summary, results, files, raw


def _file(output):
    """A download button's file path: the client returns the button's update (same machine here)."""
    return output.get("value") if isinstance(output, dict) else output


def test_named_endpoints_are_published(client):
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert {"/search", "/terms", "/context", "/documents"} <= set(endpoints)


def test_search_korean_query_finds_french_passages_on_recycling(client):
    response = client.predict("재활용", "fr", 5, "hybrid", [], "", True, api_name="/search")
    assert response["query_lang"] == "ko"
    assert response["results"], "no result"
    assert all(r["lang"] == "fr" for r in response["results"])
    assert "recycl" in response["results"][0]["text"].casefold()
    assert {"from": "재활용", "to": "recyclage", "lang": "fr"} in response["expansions"]


def test_search_returns_the_cli_json(client, engine):
    from search.engine import SearchOptions

    response = client.predict("hydrogène", "all", 5, "hybrid", [], "", True, api_name="/search")
    assert response == json.loads(json.dumps(engine.search("hydrogène", SearchOptions(k=5)).to_dict()))


def test_language_filter_ko_returns_korean_text(client):
    response = client.predict("recyclage des déchets", "ko", 5, "hybrid", [], "", True, api_name="/search")
    assert response["results"]
    for result in response["results"]:
        assert result["lang"] == "ko" and HANGUL.search(result["text"])
        assert result["translated"] is True


def test_page_names_for_modes_and_filters_are_accepted(client):
    semantic = client.predict("urban farming", "all", 3, "semantic", [], "Goyang", True, api_name="/search")
    assert semantic["mode"] == "dense"
    assert semantic["results"] and all(
        "goyang" in (r["section"] + r["speaker"]).casefold() or "고양" in r["section"] for r in semantic["results"]
    )


@pytest.mark.parametrize("query", ["", "   \n "])
def test_empty_query_is_a_friendly_message_not_an_exception(client, query):
    with pytest.raises(AppError, match="empty query"):
        client.predict(query, api_name="/search")
    summary, results, files, raw = search_page(client, query)
    assert "Tapez un mot ou une question" in summary and results == ""
    assert files == (None, None, None)


def test_invalid_option_is_a_one_line_error(client):
    with pytest.raises(AppError, match="invalid language 'de'"):
        client.predict("hydrogène", "de", 5, "hybrid", [], "", True, api_name="/search")


# Issue 11 item 12: what a client can send through JSON that the page's widgets never would.
BAD_SEARCH_ARGUMENTS = [
    ({"docs": [["a"]]}, "invalid documents"),
    ({"speaker": 123}, "invalid speaker"),
    ({"mode": {"m": 1}}, "invalid mode"),
    ({"k": float("inf")}, "invalid number of results"),
    ({"k": float("nan")}, "invalid number of results"),
    ({"k": "abc"}, "invalid number of results"),
    ({"k": True}, "invalid number of results"),
    ({"lang": ["fr"]}, "invalid language"),
    ({"expand": "yes"}, "invalid expand"),
    ({"all_matches": "yes"}, "invalid all_matches"),
    ({"query": "\ud800 recyclage"}, "invalid query"),
    ({"query": ["hydrogène"]}, "invalid query"),
]


def raw_call(url: str, api_name: str, data: list) -> str:
    """Gradio's HTTP API with JSON that gradio_client cannot send (NaN, Infinity, lone surrogates): the error event."""
    import httpx

    body = json.dumps({"data": data}, allow_nan=True, ensure_ascii=True)
    with httpx.Client(base_url=url, timeout=30) as http:
        event = http.post(f"gradio_api/call/{api_name}", content=body, headers={"content-type": "application/json"})
        stream = http.get(f"gradio_api/call/{api_name}/{event.json()['event_id']}").text
    assert "event: error" in stream, stream
    return stream


@pytest.mark.parametrize(("arguments", "message"), BAD_SEARCH_ARGUMENTS)
def test_search_endpoint_checks_every_argument(server, arguments, message):
    call = {
        "query": "hydrogène",
        "lang": "all",
        "k": 5,
        "mode": "hybrid",
        "docs": [],
        "speaker": "",
        "expand": True,
        "entity": "",
        "all_matches": False,
    }  # the raw HTTP API wants every argument
    call.update(arguments)
    assert message in raw_call(server[1], "search", list(call.values()))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["x", "abc", 1], "invalid before"),
        (["x", float("nan"), 1], "invalid before"),
        (["x", 1, float("inf")], "invalid after"),
        ([["a"], 1, 1], "invalid chunk id"),
        (["x", -1, 1], "invalid before"),
    ],
)
def test_context_endpoint_checks_every_argument(server, arguments, message):
    assert message in raw_call(server[1], "context", arguments)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
@pytest.mark.parametrize("mode", ["hybrid", "lexical"])
def test_markup_in_queries_comes_back_escaped(client, payload, mode):
    summary, results, _files, raw = search_page(client, payload, mode=mode)
    assert raw["query"] == payload  # the JSON keeps the text as typed
    for html in (summary, results):
        assert (
            "<script" not in html
            and "<img" not in html
            and "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
        )
    assert "&lt;" in summary + results  # the query is shown, as text


def test_search_page_renders_cards_with_counterparts_and_translation_badges(client):
    summary, results, _files, _raw = search_page(client, "재활용", lang="fr")
    assert "재활용 → recyclage" in summary
    matching = int(re.search(r"(\d+) passage\(s\) pertinent", summary).group(1))  # above the relevance floor
    assert matching >= 5 and results.count('class="ss-card"') == min(matching, 10)
    assert "<mark>recycl" in results.casefold()
    assert "traduction de travail" in results  # on the Korean counterparts
    assert 'data-action="open"' in results and "<details" in results


def test_search_page_interface_language(client):
    summary, results, _files, _raw = search_page(client, "hydrogène", ui_lang="ko")
    assert "검색어 언어" in summary and "앞뒤 문맥" in results


def test_no_result_suggests_glossary_terms(client):
    summary, results, _files, _raw = search_page(client, "recylage", mode="lexical")
    assert "Aucun passage trouvé" in results
    assert 'data-action="search" data-value="recyclage"' in results


def test_downloads_hold_the_current_results(client):
    _summary, _results, (csv_file, json_file, md_file), raw = search_page(client, "재활용", lang="fr")
    rows = list(csv.DictReader(Path(csv_file).read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert [row["id"] for row in rows] == [r["id"] for r in raw["results"]]
    assert json.loads(Path(json_file).read_text(encoding="utf-8")) == raw
    briefing = Path(md_file).read_text(encoding="utf-8")
    assert briefing.startswith("# Note de briefing : 재활용") and "## Sources" in briefing  # the page is in French


def test_terms_finds_hydrogen_with_attestations_in_both_languages(client):
    lookup = client.predict("수소", api_name="/terms")
    entry = next(e for e in lookup["entries"] if e["fr"] == ["hydrogène"])
    assert "수소" in entry["ko"]
    languages = {a["lang"] for a in entry["attestations"]}
    assert languages == {"fr", "ko"}
    french = next(a for a in entry["attestations"] if a["lang"] == "fr")
    assert french["term"].casefold() == "hydrogène" and french["chunk_id"]


def test_terms_page_shows_entries_and_concordance(client):
    html = client.predict("수소", "fr", api_name="/terms_page")
    assert "hydrogène" in html and "수소" in html and 'class="ss-kwic"' in html
    empty = client.predict("  ", "en", api_name="/terms_page")
    assert "Type a term" in empty


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_terms_escape_markup(client, payload):
    lookup = client.predict(payload, api_name="/terms")
    assert lookup["entries"] == [] and "error" not in lookup
    html = client.predict(payload, "fr", api_name="/terms_page")
    assert "<script" not in html and "<img" not in html and "&lt;" in html


def test_context_and_documents(client, engine):
    chunk = engine.chunks[5]
    context = client.predict(chunk.id, 1, 1, api_name="/context")
    assert [c["id"] for c in context] == [c.id for c in engine.context(chunk.id)]
    with pytest.raises(AppError, match="invalid chunk id 'no-such-chunk'"):
        client.predict("no-such-chunk", api_name="/context")
    documents = {d["id"]: d for d in client.predict(api_name="/documents")}
    assert documents.keys() == engine.data.documents.keys()
    korean = next(d for d in documents.values() if d["translation_of"])
    assert korean["chunks"].get("ko", 0) > 0


def test_reader_opens_a_document_beside_its_translation(client, engine):
    doc_id = next(d for d, stored in engine.data.documents.items() if not stored.meta.translation_of)
    _doc, _sections, html = client.predict(doc_id, "fr", api_name="/reader_page")
    assert html.count('<tr id="chunk-') == sum(1 for c in engine.chunks if c.doc == doc_id)
    assert HANGUL.search(html) and "traduction de travail" in html


def test_queue_runs_several_events_at_once(server):
    demo, _url = server
    assert {fn.concurrency_limit for fn in demo.fns.values() if fn.queue} == {"default"}
    assert demo._queue.default_concurrency_limit == ui.CONCURRENCY_LIMIT > 1  # Gradio's own default is 1


def test_launch_binds_loopback_and_passes_auth(monkeypatch, engine):
    import app.server

    captured = {}
    monkeypatch.setattr(
        app.server, "serve", lambda app, sock, **kwargs: captured.update(app=app, address=sock.getsockname())
    )
    ui.launch(engine, port=free_port(), auth=("cuf", "secret"))
    assert captured["address"][0] == "127.0.0.1"
    assert captured["app"].state.login_check is not None  # the REST routes ask for the same login as the page
    assert os.environ["GRADIO_ANALYTICS_ENABLED"] == "False"


def test_script_rejects_a_malformed_auth(capsys):
    assert ui.main(["--auth", "no-colon"]) == 2
    assert "USER:PASSWORD" in capsys.readouterr().err
