"""The REST API through HTTP on a real server: the CLI's JSON, 4xx one-line errors, the login and its rate limit."""

from __future__ import annotations

import json
import time

import httpx
import pytest

import ui
from app.cli import main
from app.guard import LoginThrottle
from app.server import create_server, start_in_thread

pytestmark = pytest.mark.slow
AUTH = ("cuf", "séminaire-2024")
THROTTLE_WINDOW_S = 2


@pytest.fixture(scope="module")
def open_server(engine):
    running = start_in_thread(create_server(engine, ui.build_app(engine)))
    try:
        yield running.url
    finally:
        running.close()


@pytest.fixture(scope="module")
def locked_server(engine):
    app = create_server(engine, ui.build_app(engine), auth=AUTH, throttle=LoginThrottle(5, THROTTLE_WINDOW_S))
    running = start_in_thread(app)
    try:
        yield running.url
    finally:
        running.close()


def get(url, path, **kwargs):
    with httpx.Client(base_url=url, timeout=30) as http:
        return http.get(path, **kwargs)


def test_search_answers_the_cli_json(open_server, bundled_index, capsys):
    params = {"q": "재활용", "lang": "fr", "k": 5, "mode": "hybrid"}
    answer = get(open_server, "/api/search", params=params)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/json")
    assert main(["search", "재활용", "--lang", "fr", "-k", "5", "--json", "--index-dir", str(bundled_index)]) == 0
    assert answer.json() == json.loads(capsys.readouterr().out)


def test_filters_reach_the_engine(open_server, engine):
    doc = engine.search("hydrogène").results[-1].doc
    results = get(open_server, "/api/search", params={"q": "hydrogène", "doc": doc, "k": 3}).json()["results"]
    assert results and {r["doc"] for r in results} == {doc}
    lexical = get(open_server, "/api/search", params={"q": "hydrogène", "mode": "lexical", "expand": "false"}).json()
    assert lexical["mode"] == "lexical" and lexical["expansions"] == []


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({}, 422, "invalid q: Field required"),
        ({"q": ""}, 422, "invalid q"),
        ({"q": "x", "k": 0}, 422, "invalid k"),
        ({"q": "x", "k": "Infinity"}, 422, "invalid k"),
        ({"q": "x", "k": 101}, 422, "invalid k"),
        ({"q": "x", "mode": "magic"}, 422, "invalid mode"),
        ({"q": "x", "lang": "de"}, 422, "invalid lang"),
        ({"q": "x", "expand": "maybe"}, 422, "invalid expand"),
        ({"q": "x", "doc": "no-such-document"}, 400, "invalid document 'no-such-document'"),
        ({"q": "   "}, 400, "empty query"),
    ],
)
def test_bad_search_arguments_are_4xx_with_one_line(open_server, params, status, message):
    answer = get(open_server, "/api/search", params=params)
    assert answer.status_code == status
    error = answer.json()["error"]
    assert message in error and "\n" not in error and set(answer.json()) == {"error"}


def test_terms_context_and_documents(open_server, engine):
    lookup = get(open_server, "/api/terms", params={"term": "수소"}).json()
    assert any(entry["fr"] == ["hydrogène"] for entry in lookup["entries"])
    chunk = engine.chunks[5]
    context = get(open_server, "/api/context", params={"id": chunk.id, "before": 2, "after": 0}).json()
    assert [c["id"] for c in context] == [c.id for c in engine.context(chunk.id, before=2, after=0)]
    assert get(open_server, "/api/context", params={"id": "nope"}).status_code == 400
    assert get(open_server, "/api/context", params={"id": chunk.id, "before": "NaN"}).status_code == 422
    documents = get(open_server, "/api/documents").json()
    assert {d["id"] for d in documents} == set(engine.document_ids)


def test_openapi_and_a_documentation_page_that_loads_nothing_external(open_server):
    spec = get(open_server, "/api/openapi.json").json()
    assert {"/api/search", "/api/terms", "/api/context", "/api/documents"} <= set(spec["paths"])
    search = spec["paths"]["/api/search"]["get"]
    assert {p["name"] for p in search["parameters"]} >= {"q", "lang", "k", "mode", "doc", "speaker", "expand"}
    page = get(open_server, "/api/docs").text
    assert "/api/search" in page and "hybrid | dense | lexical" in page
    assert "http://" not in page and "https://" not in page and "<script" not in page
    assert get(open_server, "/docs").status_code != 200 or "swagger" not in get(open_server, "/docs").text.lower()


def test_the_documentation_page_renders_inline_code(open_server):
    from app.apidocs import api_docs_html

    page = get(open_server, "/api/docs").text
    assert "<code>seminar-search dossier NAME --json</code>" in page and "`" not in page
    # Escaped first, then marked up: a description's markup stays text, inside code or not.
    hostile = {"paths": {"/x": {"get": {"summary": "`<b>x</b>`", "description": "<script>`a&b`"}}}}
    html = api_docs_html(hostile)
    assert "<code>&lt;b&gt;x&lt;/b&gt;</code>" in html and "&lt;script&gt;<code>a&amp;b</code>" in html


def test_the_page_and_gradio_endpoints_still_answer(open_server):
    assert get(open_server, "/").status_code == 200
    assert get(open_server, "/gradio_api/info").status_code == 200


@pytest.mark.parametrize("path", ["/api/search?q=hydrogène", "/api/documents", "/api/docs", "/api/openapi.json"])
def test_login_is_required(locked_server, path):
    answer = get(locked_server, path)
    assert answer.status_code == 401 and "login required" in answer.json()["error"]


def test_basic_auth_and_the_page_cookie_both_open_the_api(locked_server):
    assert get(locked_server, "/api/search", params={"q": "수소"}, auth=AUTH).status_code == 200
    with httpx.Client(base_url=locked_server, timeout=30) as http:
        login = http.post("/login", data={"username": AUTH[0], "password": AUTH[1]})
        assert login.status_code == 200
        assert http.get("/api/search", params={"q": "수소"}).status_code == 200


def test_failed_logins_are_rate_limited_then_the_password_works_again(locked_server):
    time.sleep(THROTTLE_WINDOW_S)  # a window of its own, whatever ran before
    with httpx.Client(base_url=locked_server, timeout=30) as http:
        statuses = [
            http.post("/login", data={"username": AUTH[0], "password": f"guess{n}"}).status_code for n in range(5)
        ]
        assert statuses == [400] * 5
        refused = http.post("/login", data={"username": AUTH[0], "password": AUTH[1]})
        assert refused.status_code == 429 and "too many failed logins" in refused.json()["error"]
        assert http.get("/api/documents", auth=AUTH).status_code == 429  # the REST API shares the count
        time.sleep(THROTTLE_WINDOW_S + 0.2)
        assert http.post("/login", data={"username": AUTH[0], "password": AUTH[1]}).status_code == 200


def test_wrong_basic_passwords_count_as_failed_logins(locked_server):
    time.sleep(THROTTLE_WINDOW_S)
    statuses = [get(locked_server, "/api/documents", auth=(AUTH[0], "wrong")).status_code for _ in range(6)]
    assert statuses == [401] * 5 + [429]
    time.sleep(THROTTLE_WINDOW_S + 0.2)
    assert get(locked_server, "/api/documents", auth=AUTH).status_code == 200


@pytest.mark.parametrize("server_name", ["open_server", "locked_server"])
def test_uploads_are_refused(request, server_name):
    url = request.getfixturevalue(server_name)
    with httpx.Client(base_url=url, timeout=30) as http:
        answer = http.post(
            "/gradio_api/upload", files={"files": ("big.txt", b"x" * 1_000_000, "text/plain")}, auth=AUTH
        )
    assert answer.status_code == 403 and "uploads" in answer.json()["error"]
