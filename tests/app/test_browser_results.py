"""Bilingual results, precise queries and exports in a real headless Chromium (fixtures in conftest.py)."""

from __future__ import annotations

import re

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

from tests.app.browser import HANGUL, choose, open_filters, search  # noqa: E402  (after the skip: they import playwright)

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.usefixtures("opened")]


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


def test_each_active_filter_chip_clears_its_filter_in_one_click(page):
    open_filters(page)
    page.locator("#lang-filter").get_by_text("Coréen", exact=True).click()
    speaker = page.locator("#speaker-filter input").first
    speaker.fill("Suwon")
    speaker.press("Enter")
    search(page, "eau de pluie")
    filters = page.locator("#search-filters")
    expect(filters).to_contain_text("Suwon")
    expect(page.locator("#results .ss-card").first).to_be_visible()
    assert set(first_badges(page)) == {"KO"}
    filters.get_by_role("button", name=re.compile("^Retirer le filtre : intervenant ou ville « .*Suwon")).click()
    expect(filters).not_to_contain_text("Suwon", timeout=30_000)
    expect(speaker).not_to_have_value(re.compile("Suwon"))
    expect(filters).to_contain_text("Langue des passages : Coréen")  # the other filter stays
    filters.get_by_role("button", name="Retirer le filtre : Langue des passages : Coréen").click()
    expect(filters).to_contain_text("Langue des passages : Toutes", timeout=30_000)
    expect(page.locator("#lang-filter input[value=all]")).to_be_checked()
    assert "FR" in first_badges(page)  # searched again over both languages
    assert filters.get_by_role("button").count() == 0  # nothing left to remove
    choose(page, "#doc-filter", "Compte-rendu du point pays")
    chip = filters.get_by_role("button", name="Retirer le filtre : document 2020-09-21-point-pays-coree")
    expect(chip).to_be_visible(timeout=30_000)
    chip.click()
    expect(filters).not_to_contain_text("document", timeout=30_000)
    expect(page.locator("#doc-filter")).not_to_contain_text("Compte-rendu du point pays")
