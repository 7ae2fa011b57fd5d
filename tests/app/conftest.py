"""Fixtures of the browser tests: one headless Chromium and one page server for the whole session.

The helpers live in ``tests/app/browser.py``; they are imported inside the fixtures so that the
other tests of ``tests/app`` need neither playwright nor a server.
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def url(engine):
    """The URL of the page and REST API over the bundled index."""
    from tests.app.browser import serve

    running = serve(engine)
    try:
        yield running.url
    finally:
        running.close()


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    from tests.app.browser import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium fonts-nanum (never `playwright install`)")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A blank desktop page of a French browser, its requests and dialogs recorded (``page.recorder``)."""
    from tests.app.browser import new_page

    context, page, recorder = new_page(browser)
    page.recorder = recorder
    yield page
    context.close()
    # Every test doubles as an offline check: the page never leaves the machine, never pops a dialog.
    assert recorder.outside_requests() == []
    assert recorder.dialogs == []


@pytest.fixture
def opened(page, url):
    """``page`` with the search page loaded (``pytest.mark.usefixtures("opened")`` for a whole file)."""
    from tests.app.browser import open_page

    open_page(page, url)
    return page
