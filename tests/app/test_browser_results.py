"""Bilingual results, precise queries and exports in a real headless Chromium (never `playwright install`)."""

from __future__ import annotations

import os
import re
import socket
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"

import ui  # noqa: E402

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def url(engine):
    demo = ui.build_app(engine)
    _app, address, _share = demo.launch(server_name="127.0.0.1", server_port=free_port(), prevent_thread_lock=True,
                                        quiet=True)
    try:
        yield address
    finally:
        demo.close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium fonts-nanum (never `playwright install`)")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, url):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.goto(url)
    expect(page.locator("#query input, #query textarea").first).to_be_visible(timeout=30_000)
    yield page
    context.close()


def search(page, text: str) -> None:
    box = page.locator("#query input, #query textarea").first
    box.fill(text)
    box.press("Enter")
    expect(page.locator("#summary")).to_contain_text(f"« {text} »", timeout=30_000)


def open_filters(page) -> None:
    if not page.locator("#lang-filter").is_visible():
        page.locator("#filters button").first.click()
    expect(page.locator("#lang-filter")).to_be_visible()


def first_badges(page) -> list[str]:
    """The language badge of each result card, in order."""
    return page.locator("#results .ss-card header").evaluate_all(
        "headers => headers.map(h => h.querySelector('.ss-badge').innerText)")


def test_french_query_shows_french_originals_once_each_with_the_korean_beside(page):
    search(page, "gestion des déchets")
    first = page.locator("#results .ss-card").first
    expect(first.locator("header .ss-badge").first).to_have_text("FR")
    expect(first.locator("header .ss-original")).to_have_text("original")
    expect(first.locator(".ss-counterpart")).to_contain_text(HANGUL)
    assert first_badges(page)[:5].count("FR") >= 3
    chunks = [card.get_attribute("data-chunk") for card in page.locator("#results .ss-card").all()]
    assert len(chunks) == len(set(chunks))
    expect(page.locator("#search-filters")).to_contain_text("Langue des passages : Toutes")
    expect(page.locator("#search-count")).to_contain_text("passage(s) pertinent(s)")


def test_korean_query_shows_the_korean_with_the_french_original_beside(page):
    search(page, "폐기물 관리")
    first = page.locator("#results .ss-card").first
    expect(first.locator("header .ss-badge").first).to_have_text("KO")
    expect(first).to_contain_text("traduction de travail")
    expect(first.locator(".ss-counterpart .ss-label")).to_contain_text("FR")
    word_break = first.locator(".ss-passage").first.evaluate("e => getComputedStyle(e).wordBreak")
    assert word_break == "keep-all"  # Korean never breaks inside a word


def test_phrase_and_exclusion_are_shown_and_applied(page):
    search(page, '"eau de pluie"')
    expect(page.locator("#search-filters")).to_contain_text("expression exacte « eau de pluie »")
    cards = page.locator("#results .ss-card")
    expect(cards.first).to_be_visible()
    for card in cards.all():
        assert "eau de pluie" in card.inner_text().casefold()
    search(page, "déchets -Séoul")
    expect(page.locator("#search-filters")).to_contain_text("sans « séoul »")
    passages = page.locator("#results .ss-card .ss-passage").all()
    assert passages and all("séoul" not in passage.inner_text().casefold() for passage in passages)


def test_misspelling_offers_did_you_mean_and_the_click_searches_it(page):
    search(page, "recylage")
    suggestion = page.locator("#did-you-mean button")
    expect(suggestion).to_have_text("recyclage")
    suggestion.click()
    expect(page.locator("#summary")).to_contain_text("« recyclage »", timeout=30_000)
    expect(page.locator("#results .ss-card").first).to_contain_text(re.compile("recycl", re.IGNORECASE))


def test_weaker_results_on_request_and_speaker_filter_cleared(page):
    open_filters(page)
    speaker = page.locator("#speaker-filter input").first
    speaker.fill("Suwon")
    speaker.press("Enter")
    search(page, "hydrogène")
    expect(page.locator("#search-filters")).to_contain_text("Suwon")
    expect(page.locator("#search-weaker")).to_contain_text("masqué")
    shown = page.locator("#results .ss-card").count()
    page.locator("#all-matches input").check()
    expect(page.locator("#search-weaker")).to_contain_text("affiché", timeout=30_000)
    assert page.locator("#results .ss-card").count() > shown
    speaker.fill("")
    speaker.press("Enter")
    search(page, "hydrogène")
    expect(page.locator("#search-filters")).not_to_contain_text("Suwon", timeout=30_000)
    assert "Christine" not in page.locator("#search-filters").inner_text()


def test_no_letters_is_a_message_and_results_download_as_xlsx(page, tmp_path):
    box = page.locator("#query input, #query textarea").first
    box.fill("🙂 ?!")
    box.press("Enter")
    expect(page.get_by_text(re.compile("nothing to search for"))).to_be_visible(timeout=30_000)
    search(page, "hydrogène")
    button = page.locator("#download-xlsx")
    expect(button).to_be_enabled(timeout=30_000)
    with page.expect_download() as download:
        button.click()
    assert download.value.suggested_filename.endswith(".xlsx")
    target = tmp_path / download.value.suggested_filename
    download.value.save_as(target)
    from openpyxl import load_workbook

    sheet = load_workbook(target).active
    assert sheet.cell(row=1, column=1).value == "rank" and sheet.max_row > 1
