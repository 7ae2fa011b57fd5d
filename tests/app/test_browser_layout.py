"""The page's layout on a desktop and on a phone, and Gradio's own parts in the interface language.

Real headless Chromium (fixtures in conftest.py, helpers in browser.py); bounding boxes are measured in the page.
"""

from __future__ import annotations

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

from tests.app.browser import new_page, open_page  # noqa: E402  (after the skip: the helpers import playwright)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
# Per concordance line: where the keyword starts, how tall the three cells are, the left context's box and cell's.
KWIC_BOXES = """entry => [...entry.querySelectorAll('tr.ss-line')].map(line => {
  const box = (selector) => line.querySelector(selector).getBoundingClientRect();
  const cell = line.querySelector('.ss-left');
  return {keyword: box('.ss-term mark').left, heights: ['.ss-left', '.ss-term', '.ss-right'].map(s => box(s).height),
          text: box('.ss-left span').toJSON(), cell: box('.ss-left').toJSON(),
          padding: parseFloat(getComputedStyle(cell).paddingRight)};
})"""
# Every rendered element of a card that sticks out of it, left or right.
OUTSIDE_THE_CARD = """card => { const edge = card.getBoundingClientRect();
  return [...card.querySelectorAll('*')].filter(e => e.getClientRects().length).map(e => [e, e.getBoundingClientRect()])
    .filter(([e, box]) => box.width && (box.left < edge.left - 1 || box.right > edge.right + 1))
    .map(([e, box]) => `${e.tagName}.${e.className} ${Math.round(box.left)}-${Math.round(box.right)}`); }"""


# What Gradio's status region announces ("Terminé" / "완료" after an event), recorded from before the page loads.
RECORD_ANNOUNCEMENTS = """window.announced = [];
new MutationObserver(() => document.querySelectorAll('[role="status"][aria-live]').forEach(region => {
  const text = region.innerText.trim();
  if (text && window.announced[window.announced.length - 1] !== text) window.announced.push(text);
})).observe(document, {subtree: true, childList: true, characterData: true});"""


def look_up(page, term: str) -> None:
    page.get_by_role("tab", name="Terminologie").click()
    box = page.locator("#term-query input, #term-query textarea").first
    box.fill(term)
    box.press("Enter")
    expect(page.locator("#terms tr.ss-line").first).to_be_visible(timeout=30_000)


def test_concordance_keeps_every_keyword_in_one_column_on_a_desktop(browser, url):
    context, page, _recorder = new_page(browser, viewport=LAPTOP)
    try:
        open_page(page, url)
        look_up(page, "hydrogène")
        lines = page.locator("#terms .ss-entry").first.evaluate(KWIC_BOXES)
    finally:
        context.close()
    assert len(lines) >= 3
    assert max(line["keyword"] for line in lines) - min(line["keyword"] for line in lines) < 1  # one column
    for line in lines:
        left, term, right = line["heights"]
        assert left <= term + 1 and right <= term + 1, line  # no context wraps under the keyword
        text, cell = line["text"], line["cell"]
        assert abs(text["right"] - (cell["right"] - line["padding"])) < 2, line  # right-aligned against the keyword
    # A long left context is clipped at its start (it runs out of its cell on the left, never on the right).
    assert any(line["text"]["left"] < line["cell"]["left"] for line in lines)


def test_concordance_wraps_inside_its_card_on_a_phone(browser, url):
    context, page, _recorder = new_page(browser, viewport=PHONE)
    try:
        open_page(page, url)
        look_up(page, "hydrogène")
        page.locator("#terms details.ss-context summary").first.click()  # the aligned passage too
        outside = [page.locator("#terms .ss-entry").nth(n).evaluate(OUTSIDE_THE_CARD)
                   for n in range(page.locator("#terms .ss-entry").count())]
        scroll = page.evaluate("() => [document.documentElement.scrollWidth, document.querySelector('#terms')"
                               ".scrollWidth, document.querySelector('#terms').clientWidth]")
        first_line = page.locator("#terms tr.ss-line").first.bounding_box()
    finally:
        context.close()
    assert outside == [[] for _ in outside]
    assert scroll[0] <= PHONE["width"] + 1 and scroll[1] <= scroll[2], scroll  # no sideways scrolling anywhere
    assert first_line["height"] > 30, first_line  # the line wraps instead of being cut


def test_the_tabs_overflow_menu_is_named_in_the_interface_language(browser, url):
    context, page, recorder = new_page(browser, viewport=PHONE)
    try:
        open_page(page, url)
        menu = page.get_by_role("button", name="Autres onglets", exact=True)
        expect(menu).to_be_visible(timeout=10_000)
        menu.click()
        page.locator("#tabs .overflow-dropdown").get_by_role("button", name="Documents").click()
        expect(page.locator("#documents table")).to_be_visible(timeout=30_000)
        page.locator("#ui-lang").get_by_text("한국어").click()
        expect(page.get_by_role("button", name="탭 더 보기", exact=True)).to_be_visible(timeout=30_000)
    finally:
        context.close()
    assert recorder.outside_requests() == []


@pytest.mark.parametrize(
    ("locale", "choice", "before", "after", "done"),
    [("fr-FR", "한국어", "Paramètres", "설정", "완료"), ("ko-KR", "Français", "설정", "Paramètres", "Terminé")],
)
def test_gradio_strings_follow_the_interface_language_not_the_browser(browser, url, locale, choice, before, after,
                                                                      done):
    """Gradio's footer ("Settings") and status words come from its own tables, in the locale the switch sets."""
    context, page, _recorder = new_page(browser, locale=locale)
    try:
        page.add_init_script(RECORD_ANNOUNCEMENTS)
        page.goto(url)
        footer = page.locator("footer")
        expect(footer).to_contain_text(before, timeout=60_000)
        page.locator("#ui-lang").get_by_text(choice, exact=True).click()
        expect(footer).to_contain_text(after, timeout=30_000)
        expect(footer).not_to_contain_text(before)
        box = page.locator("#query input, #query textarea").first
        box.fill("수소")
        box.press("Enter")
        expect(page.locator("#results .ss-card").first).to_be_visible(timeout=30_000)
        # The status region speaks "complete" up to 5 s after its previous announcement.
        page.wait_for_function(f"() => window.announced.includes({done!r})", timeout=15_000)
    finally:
        context.close()
