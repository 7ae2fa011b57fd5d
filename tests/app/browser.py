"""Helpers of the browser tests: Chromium's launch, the page server, the request recorder, common gestures.

Chromium is Debian's /usr/bin/chromium (never `playwright install`). Imported by the
test files after their ``pytest.importorskip("playwright.sync_api")``, and by
``conftest.py`` inside its fixtures only, so the other tests of ``tests/app`` run without playwright.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import expect

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
DESKTOP = {"width": 1400, "height": 1000}
PHONE = {"width": 390, "height": 844}
HANGUL = re.compile(r"[\uac00-\ud7a3]")
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def serve(engine):
    """The page and its REST API, as `seminar-search serve` builds them, on a free loopback port."""
    import ui
    from app.server import create_server, start_in_thread

    return start_in_thread(create_server(engine, ui.build_app(engine)))


class Recorder:
    """Every request the page makes and every dialog it opens."""

    def __init__(self, page):
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("dialog", self._dialog)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def outside_requests(self) -> list[str]:
        return [
            u
            for u in self.requests
            if urlparse(u).scheme not in ("data", "blob") and urlparse(u).hostname not in LOCAL_HOSTS
        ]


def new_page(browser, locale="fr-FR", viewport=DESKTOP):
    """(context, page, recorder) for a browser set to ``locale``; the caller closes the context."""
    context = browser.new_context(locale=locale, viewport=viewport, accept_downloads=True)
    page = context.new_page()
    return context, page, Recorder(page)


def shot(page, name: str, *, full_page: bool = False) -> None:
    """A screenshot for a person to look at, in $ARTIFACTS_DIR (default artifacts/screenshots, ignored by git).

    With UPDATE_SCREENSHOTS=1 it also replaces the README's copy in docs/screenshots: tests never rewrite
    tracked files otherwise.
    """
    folder = Path(os.environ.get("ARTIFACTS_DIR", "artifacts/screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOCS_SCREENSHOTS / path.name)


def open_page(page, url: str) -> None:
    """Load the page (a French browser) and wait until the search box and the language switch are there."""
    page.goto(url)
    expect(page.locator("#query input, #query textarea").first).to_be_visible(timeout=60_000)
    expect(page.locator("#ui-lang")).to_contain_text("Langue de l'interface")


def open_filters(page) -> None:
    """The Filters panel starts closed, so that the first result is near the top."""
    if not page.locator("#lang-filter").is_visible():
        page.locator("#filters button").first.click()
    expect(page.locator("#lang-filter")).to_be_visible()


def search(page, text: str) -> None:
    """Type ``text`` in the search box, press Enter and wait for the summary of that query."""
    box = page.locator("#query input, #query textarea").first
    box.fill(text)
    box.press("Enter")
    expect(page.locator("#summary")).to_contain_text(f"« {text} »" if text.strip() else "", timeout=30_000)


def choose(page, dropdown: str, text: str) -> None:
    """Type into a Gradio dropdown and pick the first option that matches."""
    box = page.locator(f"{dropdown} input").first
    box.click()
    box.press_sequentially(text, delay=20)  # Gradio filters its options on key events, not on fill()
    page.locator("[role=option]", has_text=text).first.click()
