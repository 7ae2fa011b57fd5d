"""Dossiers and entities on the page, in a real headless Chromium (fixtures in conftest.py)."""

from __future__ import annotations

import re

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

from tests.app.browser import choose, shot  # noqa: E402  (after the skip: the helpers import playwright)

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.usefixtures("opened")]


def test_dossier_tab_shows_gunsan_s_figures_in_both_languages(page):
    page.locator("#tab-dossier-button, button[role=tab]:has-text('Dossiers')").first.click()
    choose(page, "#dossier-entity", "Gunsan")
    page.locator("#dossier-show").click()
    dossier = page.locator("#dossier")
    expect(dossier).to_contain_text("3 GW", timeout=30_000)
    expect(dossier).to_contain_text("3,200억 원")
    expect(dossier).to_contain_text("517,1 milliards de won")
    shot(page, "dossier-gunsan", full_page=True)


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
    entity = page.locator("#entity-filter input").first
    expect(entity).to_have_value(re.compile("^Suwon"))
    # The active filter's chip above the results removes it in one click.
    page.locator("#search-filters").get_by_role("button", name=re.compile("Suwon")).click()
    expect(page.locator("#search-filters")).not_to_contain_text("Suwon", timeout=30_000)
    expect(entity).to_have_value("")
    expect(facets.locator("button.ss-active")).to_have_count(0)


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
