"""The web page in a real headless Chromium (fixtures in conftest.py, helpers in browser.py).

Screenshots go to $ARTIFACTS_DIR (default artifacts/screenshots, ignored by git) for a person to look at;
UPDATE_SCREENSHOTS=1 also refreshes the README's copies in docs/screenshots.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

from tests.app.browser import (  # noqa: E402  (after the skip: the helpers import playwright)
    DESKTOP,
    HANGUL,
    PHONE,
    new_page,
    open_filters,
    open_page,
    search,
    serve,
    shot,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

XSS_PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "${alert(1)}",  # gr.HTML renders through a JS template: no expression may be evaluated
    "{{constructor.constructor('alert(1)')()}}",
)


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory, encoder):
    """A server over one document whose title, headings and text are markup attacks."""
    from index.builder import build_index
    from search.engine import SearchEngine

    folder = tmp_path_factory.mktemp("hostile-docs")
    (folder / "hostile.md").write_text(
        "# <img src=x onerror=alert('section')> Déchets\n\n"
        "Le recyclage des déchets <script>alert('text')</script> à Suwon.\n\n"
        "La collecte <img src=x onerror=alert('text')> des biodéchets ${alert(2)} progresse.\n",
        encoding="utf-8",
    )
    meta = {
        "id": "hostile",
        "title": "<script>alert('title')</script> Rapport",
        "language": "fr",
        "date": "2024-01",
        "event": "<b onmouseover=alert(1)>Séminaire</b>",
        "place": "Suwon",
    }
    (folder / "hostile.md.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("hostile-index")
    build_index([folder], index_dir, encoder=encoder)
    running = serve(SearchEngine.open(index_dir, encoder=encoder))
    try:
        yield running.url
    finally:
        running.close()


def test_korean_query_then_korean_filter(page, url):
    open_page(page, url)
    search(page, "재활용")
    first = page.locator("#results .ss-card").first
    expect(first).to_contain_text(re.compile("recycl", re.IGNORECASE))  # in the passage or its French counterpart
    expect(first).to_contain_text(HANGUL)
    expect(page.locator("#summary")).to_contain_text("재활용 → recyclage")
    shot(page, "search")
    open_filters(page)
    page.locator("#lang-filter").get_by_text("Coréen", exact=True).click()
    # The first card was Korean already: wait for the new search, not for the badge.
    expect(page.locator("#search-filters")).to_contain_text("Langue des passages : Coréen", timeout=30_000)
    expect(first.locator(".ss-badge").first).to_have_text("KO", timeout=30_000)
    expect(first.locator(".ss-passage").first).to_contain_text(HANGUL)
    expect(first).to_contain_text("traduction de travail")
    assert all(
        badge == "KO" for badge in page.locator("#results .ss-card header .ss-badge:first-of-type").all_inner_texts()
    )
    shot(page, "search-ko")


def test_context_and_reader(page, url):
    open_page(page, url)
    search(page, "hydrogène")
    card = page.locator("#results .ss-card").first
    card.locator("details.ss-context summary").click()
    expect(card.locator(".ss-neighbour").first).to_be_visible()
    chunk_id = card.get_attribute("data-chunk")
    card.get_by_role("button", name="Ouvrir dans le lecteur").click()
    hit = page.locator("#reader tr.ss-hit")
    expect(hit).to_be_visible(timeout=30_000)
    assert hit.get_attribute("data-chunk") == chunk_id
    expect(hit).to_be_in_viewport(timeout=10_000)  # the page scrolled to the passage
    expect(page.locator("#reader thead")).to_contain_text("traduction de travail")
    page.wait_for_timeout(600)  # let the smooth scroll finish before the screenshot
    shot(page, "reader")


def test_terminology_lookup_and_concordance(page, url):
    open_page(page, url)
    page.get_by_role("tab", name="Terminologie").click()
    box = page.locator("#term-query input, #term-query textarea").first
    box.fill("수소")
    box.press("Enter")
    entry = page.locator("#terms .ss-entry").first
    expect(entry).to_contain_text("hydrogène", timeout=30_000)
    expect(entry).to_contain_text("수소")
    lines = page.locator("#terms tr.ss-line")
    expect(lines.first).to_be_visible()
    terms = {text.strip() for text in page.locator("#terms td.ss-term").all_inner_texts()}
    assert "hydrogène" in {t.casefold() for t in terms} and any(HANGUL.search(t) for t in terms)
    shot(page, "terms")
    page.locator("#terms tr.ss-line-source").first.get_by_role("button").click()
    expect(page.locator("#reader tr.ss-hit")).to_be_visible(timeout=30_000)


def test_no_result_offers_glossary_terms_that_search_when_clicked(page, url):
    open_page(page, url)
    open_filters(page)
    page.locator("#mode").get_by_text("mots-clés", exact=True).click()
    search(page, "recylage")
    expect(page.locator("#results")).to_contain_text("Aucun passage trouvé")
    page.locator("#results .ss-suggestions").get_by_role("button", name="recyclage", exact=True).click()
    expect(page.locator("#summary")).to_contain_text("« recyclage »", timeout=30_000)
    expect(page.locator("#query input, #query textarea").first).to_have_value("recyclage")
    expect(page.locator("#results .ss-card").first).to_contain_text("recyclage")


def test_markup_typed_in_queries_is_shown_as_text(page, url):
    open_page(page, url)
    for payload in XSS_PAYLOADS:
        search(page, payload)
    page.get_by_role("tab", name="Terminologie").click()
    box = page.locator("#term-query input, #term-query textarea").first
    for payload in XSS_PAYLOADS:
        box.fill(payload)
        box.press("Enter")
        expect(page.locator("#terms")).to_contain_text(payload, timeout=30_000)
    page.wait_for_timeout(500)  # an onerror handler would fire after the image fails
    assert page.locator('img[src="x"]').count() == 0
    assert page.recorder.dialogs == []
    shot(page, "xss-terms")


def test_markup_inside_documents_is_shown_as_text(page, hostile_url):
    open_page(page, hostile_url)
    search(page, "recyclage des déchets")
    results = page.locator("#results")
    expect(results).to_contain_text("<script>alert('title')</script> Rapport")
    expect(results).to_contain_text("<script>alert('text')</script>")
    page.get_by_role("tab", name="Documents").click()
    expect(page.locator("#documents")).to_contain_text("<b onmouseover=alert(1)>Séminaire</b>")
    expect(page.locator("#reader")).to_contain_text("<img src=x onerror=alert('text')>")
    page.wait_for_timeout(500)
    assert page.locator('img[src="x"], #documents b').count() == 0
    assert page.recorder.dialogs == []
    shot(page, "xss-document")


def test_interface_switches_to_korean(page, url):
    open_page(page, url)
    page.locator("#ui-lang").get_by_text("한국어").click()
    expect(page.get_by_role("tab", name="검색", exact=True)).to_be_visible(timeout=30_000)
    expect(page.locator("#search-button")).to_have_text("검색")
    expect(page.locator("#query")).to_contain_text("검색어")
    open_filters(page)
    expect(page.locator("#lang-filter")).to_contain_text("구절 언어")
    search(page, "neutralité carbone")
    expect(page.locator("#summary")).to_contain_text("검색어 언어")
    expect(page.locator("#results")).to_contain_text("작업 번역")
    shot(page, "interface-ko")


def test_browser_language_chooses_the_interface_language(browser, url):
    context, page, recorder = new_page(browser, locale="ko-KR")
    try:
        page.goto(url)
        expect(page.get_by_role("tab", name="용어", exact=True)).to_be_visible(timeout=30_000)
        expect(page.locator("#search-button")).to_have_text("검색")
    finally:
        context.close()
    assert recorder.outside_requests() == []


def test_exports_and_glossary_download_locally(page, url):
    open_page(page, url)
    search(page, "탄소중립")
    with page.expect_download() as download:
        page.locator("#download-md").click()
    briefing = Path(download.value.path()).read_text(encoding="utf-8")
    # The page opens in French: the briefing speaks the interface language.
    assert briefing.startswith("# Note de briefing : 탄소중립") and "## Sources" in briefing
    page.get_by_role("tab", name="Terminologie").click()
    button = page.locator("#glossary-tbx")
    expect(button).to_be_enabled(timeout=120_000)  # built in the background on the first page load
    with page.expect_download() as download:
        button.click()
    assert "<tbx" in Path(download.value.path()).read_text(encoding="utf-8")
    with page.expect_download() as download:
        page.locator("#glossary-xlsx").click()
    from openpyxl import load_workbook

    # The download has no file extension, which openpyxl insists on: read it as bytes.
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()), read_only=True).active
    header = next(sheet.iter_rows(max_row=1, values_only=True))
    assert header[:3] == ("fr", "ko", "en") and sheet.max_row > 500  # every glossary entry, for term tools
    assert page.recorder.requests and page.recorder.outside_requests() == []


def test_first_result_is_near_the_top_with_the_filters_closed(page, url):
    open_page(page, url)
    assert not page.locator("#lang-filter").is_visible()
    search(page, "hydrogène")
    top = page.locator("#results .ss-card").first.bounding_box()["y"]
    assert top < 600, top  # it was ~700 px down with the filters open


def test_enter_in_the_results_number_box_searches_again(page, url):
    open_page(page, url)
    search(page, "recyclage des déchets")
    expect(page.locator("#results .ss-card").nth(3)).to_be_visible()  # more than three
    open_filters(page)
    box = page.locator("#k input[type=number]")
    box.fill("3")
    box.press("Enter")
    expect(page.locator("#results .ss-card")).to_have_count(3, timeout=30_000)


def test_page_has_no_raw_json_panel_nor_raw_scores(page, url):
    open_page(page, url)
    search(page, "재활용")
    assert page.locator("#raw-json, #raw-json-box").count() == 0
    assert not re.search(r"\b0\.0\d{3}\b", page.locator("#results").inner_text())


@pytest.mark.parametrize(("name", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_screenshots_for_people_to_look_at(browser, url, name, viewport):
    """search-*.png and documents-*.png in $ARTIFACTS_DIR (docs/screenshots too with UPDATE_SCREENSHOTS=1)."""
    context, page, recorder = new_page(browser, viewport=viewport)
    try:
        open_page(page, url)
        search(page, "재활용")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"] + 1, f"the page scrolls sideways: {width} px"
        shot(page, f"search-{name}")
        # On a phone the Documents tab sits in Gradio's overflow menu: "open in reader" goes there too.
        page.locator("#results .ss-card").first.locator("[data-action=open]").last.click()
        expect(page.locator("#documents table")).to_be_visible(timeout=30_000)
        page.locator("#documents table").scroll_into_view_if_needed()
        table = page.locator("#documents table").bounding_box()
        assert table["x"] >= 0 and table["x"] + table["width"] <= viewport["width"] + 1, table
        shot(page, f"documents-{name}")
    finally:
        context.close()
    assert recorder.outside_requests() == []
