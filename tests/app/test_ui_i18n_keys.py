"""The page's own words: no raw translation key ("common.complete") shown or announced; the Korean title's names.

Gradio's own strings (status tracker, upload and download buttons, …) are
looked up through its i18n tables: a key without a translation is shown, and
announced by aria-live regions, as the key itself.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

from tests.app.browser import new_page  # noqa: E402  (after the skip: the helpers import playwright)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ANNOUNCE_WAIT_MS = 7000
KOREAN_META = sorted((Path(__file__).resolve().parents[2] / "corpus" / "documents" / "ko").glob("*.meta.json"))
RAW_KEY = re.compile(r"^[a-z]+(\.[a-z_]+)+$")
# Installed before the page's own scripts: every text node and aria attribute the page ever shows, even for a
# moment (a status announced while a search runs), is recorded when it matches a raw key.
RECORD_KEYS = r"""
window.__rawKeys = [];
window.__announced = [];
const rawKey = /^[a-z]+(\.[a-z_]+)+$/;
const note = (where, value, node) => {
  const text = (value || "").trim();
  if (rawKey.test(text)) window.__rawKeys.push(where + ": " + text);
  const element = node && (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement);
  if (text && element && element.closest('[role="status"][aria-live]')) window.__announced.push(text);
};
const scan = (node) => {
  if (node.nodeType === Node.TEXT_NODE) { note("text", node.data, node); return; }
  if (node.nodeType !== Node.ELEMENT_NODE) return;
  for (const attr of node.getAttributeNames()) {
    if (attr.startsWith("aria-") || attr === "title" || attr === "alt" || attr === "placeholder")
      note(attr, node.getAttribute(attr));
  }
  node.childNodes.forEach(scan);
};
new MutationObserver((records) => {
  for (const record of records) {
    if (record.type === "attributes") note(record.attributeName, record.target.getAttribute(record.attributeName));
    else if (record.type === "characterData") note("text", record.target.data, record.target);
    else record.addedNodes.forEach(scan);
  }
}).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
"""


@pytest.mark.parametrize("locale, choice, done", [("ko-KR", "한국어", "완료"), ("fr-FR", "Français", "Terminé"),
                                                  ("en-US", "English", "Complete")])
def test_no_raw_i18n_key_is_shown_or_announced(browser, url, locale, choice, done):
    context, page, _recorder = new_page(browser, locale=locale)
    try:
        page.add_init_script(RECORD_KEYS)
        page.goto(url)
        box = page.locator("#query input, #query textarea").first
        expect(box).to_be_visible(timeout=30_000)
        page.locator("#ui-lang").get_by_text(choice, exact=True).click()
        box.fill("수소")
        box.press("Enter")
        expect(page.locator("#results .ss-card").first).to_be_visible(timeout=30_000)
        # The status region announces "complete" up to 5 s after the previous announcement, for 1 s.
        page.wait_for_timeout(ANNOUNCE_WAIT_MS)
        shown = page.evaluate(
            "() => { const out = []; const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_ALL);"
            " for (let n = walk.currentNode; n; n = walk.nextNode()) {"
            "  if (n.nodeType === 3) out.push(n.data.trim());"
            "  else if (n.nodeType === 1) for (const a of n.getAttributeNames())"
            "   if (a.startsWith('aria-') || ['title', 'alt', 'placeholder'].includes(a)) out.push(n.getAttribute(a).trim());"
            " } return out; }"
        )
        keys = sorted({value for value in shown if RAW_KEY.match(value)} | set(page.evaluate("window.__rawKeys")))
        assert keys == []
        assert done in page.evaluate("window.__announced")  # the status region did speak, in the page's language
    finally:
        context.close()


def test_korean_title_uses_the_names_korean_officials_write(browser, url):
    """한-프, 프랑스자매도시연합(CUF), 그룹페이꼬레: the names of the Korean documents' own metadata."""
    events = [json.loads(path.read_text(encoding="utf-8"))["event"] for path in KOREAN_META]
    context, page, _recorder = new_page(browser, locale="ko-KR")
    try:
        page.goto(url)
        expect(page.locator("#query input, #query textarea").first).to_be_visible(timeout=30_000)
        page.locator("#ui-lang").get_by_text("한국어", exact=True).click()
        header = page.locator(".ss-header")
        expect(header).to_contain_text("한-프 지방정부 세미나 아카이브")
        text = header.inner_text()
        for name in ("한-프", "프랑스자매도시연합(CUF)", "그룹페이꼬레"):
            assert name in text and any(name in event for event in events)
        assert not any(stale in text for stale in ("한불", "프랑스 도시연합", "국가그룹"))
    finally:
        context.close()
