"""Real-browser fixtures: Debian's chromium driven by Playwright against `live_server`.

Playwright's own browser download is not used; the tests need /usr/bin/chromium and fail
(they do not skip) when it is missing, so a CI image without it cannot pass silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    Response,
    sync_playwright,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEVICES: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True},
}
TIMEOUT_MS = 10_000
# axe-core comes from the npm registry (package.json); `make install` puts it here
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 level AA: the level the careers site promises applicants
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_RUN = """tags => axe.run(document, {runOnly: {type: "tag", values: tags}}).then(
    results => results.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(node => node.target.join(" ")),
    })))"""


@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    # Between its calls the sync API leaves its event loop marked as running in this thread,
    # which makes Django refuse ORM calls here (SynchronousOnlyOperation), including the
    # transactional_db flush after each test. Nothing runs concurrently on that loop, so
    # Django's guard may stand down for as long as Playwright is up.
    with pytest.MonkeyPatch.context() as mp, sync_playwright() as pw:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield pw


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium to run the browser tests",
                    pytrace=False)
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                         args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(params=list(DEVICES))
def device(request: pytest.FixtureRequest) -> str:
    """The screen the test runs on: "desktop" or "phone" (375 x 740, touch)."""
    return request.param


@pytest.fixture
def page_problems() -> list[str]:
    """What went wrong in any page of the test: failed requests (a missing stylesheet or
    script leaves the page usable to Playwright but not to people) and script errors."""
    return []


@pytest.fixture
def new_context(browser: Browser, device: str,
                page_problems: list[str]) -> Iterator[Callable[[], BrowserContext]]:
    """Open a fresh browser context (another person, own cookies) on the test's device."""
    contexts: list[BrowserContext] = []

    def record_failure(response: Response) -> None:
        if response.status >= 400:
            page_problems.append(f"{response.status} {response.url}")

    def make() -> BrowserContext:
        context = browser.new_context(**DEVICES[device])
        context.set_default_timeout(TIMEOUT_MS)
        context.on("response", record_failure)
        context.on("weberror", lambda error: page_problems.append(f"script: {error.error}"))
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def context(new_context: Callable[[], BrowserContext]) -> BrowserContext:
    return new_context()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture(autouse=True)
def _live_server_settings(settings, live_server) -> None:
    """The live server speaks plain HTTP: cookies must not be Secure-only, and links in
    e-mails must point at it. It serves static files from the finders, under their source
    names, so pages must link those rather than the hashed names of the manifest."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.SITE_URL = live_server.url
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def axe() -> Callable[[Page], list[dict[str, Any]]]:
    """Check the page as it is now with axe-core: `assert axe(page) == []`. Each violation is
    {id, impact, help, nodes}, nodes being the CSS selectors of the elements that fail.
    Fails (does not skip) when axe-core is not installed, so the check cannot go missing."""
    if not AXE_SCRIPT.is_file():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `make install` (it runs `npm ci`)",
                    pytrace=False)

    def check(page: Page) -> list[dict[str, Any]]:
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.add_script_tag(path=AXE_SCRIPT)
        return page.evaluate(AXE_RUN, AXE_TAGS)

    return check
