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
    demo = ui.build_app(engine)
    _app, url, _share = demo.launch(server_name="127.0.0.1", server_port=free_port(), prevent_thread_lock=True, quiet=True)
    try:
        yield demo, url
    finally:
        demo.close()


@pytest.fixture(scope="module")
def client(server):
    return Client(server[1], verbose=False)


def search_page(client, query, *, lang="all", mode="hybrid", speaker=None, ui_lang="fr"):
    # gradio_client leaves gr.State outputs out: six values come back.
    summary, results, csv_file, json_file, md_file, raw = client.predict(
        query, lang, [], speaker, mode, 10, ui_lang, api_name="/search_page")
    return summary, results, tuple(_file(f) for f in (csv_file, json_file, md_file)), raw


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
    assert semantic["results"] and all("goyang" in (r["section"] + r["speaker"]).casefold() or "고양" in r["section"]
                                       for r in semantic["results"])


@pytest.mark.parametrize("query", ["", "   \n "])
def test_empty_query_is_a_friendly_message_not_an_exception(client, query):
    response = client.predict(query, api_name="/search")
    assert response["results"] == [] and "empty query" in response["error"]
    summary, results, files, raw = search_page(client, query)
    assert "Tapez un mot ou une question" in summary and results == ""
    assert files == (None, None, None)


def test_invalid_option_is_reported_in_the_json(client):
    response = client.predict("hydrogène", "de", 5, "hybrid", [], "", True, api_name="/search")
    assert "invalid language 'de'" in response["error"]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
@pytest.mark.parametrize("mode", ["hybrid", "lexical"])
def test_markup_in_queries_comes_back_escaped(client, payload, mode):
    summary, results, _files, raw = search_page(client, payload, mode=mode)
    assert raw["query"] == payload  # the JSON keeps the text as typed
    for html in (summary, results):
        assert "<script" not in html and "<img" not in html and "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
    assert "&lt;" in summary + results  # the query is shown, as text


def test_search_page_renders_cards_with_counterparts_and_translation_badges(client):
    summary, results, _files, _raw = search_page(client, "재활용", lang="fr")
    assert "재활용 → recyclage" in summary
    assert results.count('class="ss-card"') == 10
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
    rows = list(csv.DictReader(Path(csv_file).read_text(encoding="utf-8-sig").splitlines()))
    assert [row["id"] for row in rows] == [r["id"] for r in raw["results"]]
    assert json.loads(Path(json_file).read_text(encoding="utf-8")) == raw
    briefing = Path(md_file).read_text(encoding="utf-8")
    assert briefing.startswith("# Briefing: 재활용") and "## Sources" in briefing


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
    assert "error" in client.predict("no-such-chunk", api_name="/context")[0]
    documents = {d["id"]: d for d in client.predict(api_name="/documents")}
    assert documents.keys() == engine.data.documents.keys()
    korean = next(d for d in documents.values() if d["translation_of"])
    assert korean["chunks"].get("ko", 0) > 0


def test_reader_opens_a_document_beside_its_translation(client, engine):
    doc_id = next(d for d, stored in engine.data.documents.items() if not stored.meta.translation_of)
    _doc, _sections, html = client.predict(doc_id, "fr", api_name="/reader_page")
    assert html.count("<tr id=\"chunk-") == sum(1 for c in engine.chunks if c.doc == doc_id)
    assert HANGUL.search(html) and "traduction de travail" in html


def test_queue_runs_several_events_at_once(server):
    demo, _url = server
    assert {fn.concurrency_limit for fn in demo.fns.values() if fn.queue} == {"default"}
    assert demo._queue.default_concurrency_limit == ui.CONCURRENCY_LIMIT > 1  # Gradio's own default is 1


def test_launch_binds_loopback_without_share_and_passes_auth(monkeypatch, engine):
    captured = {}
    monkeypatch.setattr(ui.gr.Blocks, "launch", lambda self, **kwargs: captured.update(kwargs))
    ui.launch(engine, auth=("cuf", "secret"))
    assert captured["server_name"] == "127.0.0.1" and captured["share"] is False and captured["auth"] == ("cuf", "secret")
    assert os.environ["GRADIO_ANALYTICS_ENABLED"] == "False"


def test_script_rejects_a_malformed_auth(capsys):
    assert ui.main(["--auth", "no-colon"]) == 2
    assert "USER:PASSWORD" in capsys.readouterr().err
