"""Dossiers and entities on the page, in a real headless Chromium (Debian's /usr/bin/chromium)."""

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
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(os.environ.get("ARTIFACTS_DIR", Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def url(engine):
    demo = ui.build_app(engine)
    _app, address, _share = demo.launch(
        server_name="127.0.0.1", server_port=free_port(), prevent_thread_lock=True, quiet=True
    )
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
    expect(page.locator("#query textarea, #query input").first).to_be_visible(timeout=60_000)
    yield page
    context.close()


def choose(page, dropdown: str, text: str) -> None:
    """Type into a Gradio dropdown and pick the first option that matches."""
    box = page.locator(f"{dropdown} input").first
    box.click()
    box.press_sequentially(text, delay=20)  # Gradio filters its options on key events, not on fill()
    page.locator("[role=option]", has_text=text).first.click()


def test_dossier_tab_shows_gunsan_s_figures_in_both_languages(page):
    page.locator("#tab-dossier-button, button[role=tab]:has-text('Dossiers')").first.click()
    choose(page, "#dossier-entity", "Gunsan")
    page.locator("#dossier-show").click()
    dossier = page.locator("#dossier")
    expect(dossier).to_contain_text("3 GW", timeout=30_000)
    expect(dossier).to_contain_text("3,200억 원")
    expect(dossier).to_contain_text("517,1 milliards de won")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "dossier-gunsan.png"), full_page=True)


def test_entity_facets_count_and_filter_the_results(page):
    box = page.locator("#query textarea, #query input").first
    box.fill("빗물")
    box.press("Enter")
    facets = page.locator("#facets")
    expect(facets.locator("button[data-value='Suwon']")).to_be_visible(timeout=30_000)
    expect(facets.locator("button[data-value='Suwon'] .ss-count")).to_have_text(re.compile(r"^\d+$"))
    facets.locator("button[data-value='Suwon']").click()
    expect(facets.locator("button.ss-active[data-value='Suwon']")).to_be_visible(timeout=30_000)
    page.locator("#filters").click()
    expect(page.locator("#entity-filter input").first).to_have_value(re.compile("^Suwon"))


def test_an_empty_query_with_an_entity_lists_its_passages(page):
    page.locator("#filters").click()
    choose(page, "#entity-filter", "Seogu")
    results = page.locator("#results")
    expect(results).to_contain_text("JAE HYUN LEE", timeout=30_000)
    expect(results).to_contain_text("165 milliards de won")


def test_the_briefing_downloads_as_docx(page, tmp_path):
    import docx

    page.locator("#tab-dossier-button, button[role=tab]:has-text('Dossiers')").first.click()
    for name in ("Suwon", "Gunsan"):
        choose(page, "#briefing-entities", name)
    page.locator("#briefing-make").click()
    button = page.locator("#briefing-docx")
    expect(button).to_be_enabled(timeout=60_000)
    with page.expect_download() as download:
        button.click()
    target = tmp_path / "briefing.docx"
    download.value.save_as(target)
    headings = [p.text for p in docx.Document(str(target)).paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Suwon (lieu)", "Gunsan (lieu)"]
