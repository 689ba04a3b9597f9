"""Steps several browser journeys take: logging in, finding the sidebar, checking a page fits
a phone's width."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from tests.factories import PASSWORD


def log_in(page: Page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def sidebar(page: Page, device: str) -> Locator:
    """Always on screen on a desktop; behind the "Menu" button (an offcanvas) on a phone."""
    if device == "desktop":
        return page.get_by_role("navigation", name="Main")
    page.get_by_role("button", name="Menu", exact=True).click()
    main = page.get_by_role("dialog", name="Main")
    expect(main).to_be_visible()
    return main


def no_sideways_scroll(page: Page, where: str) -> None:
    width = page.viewport_size["width"]
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"the {where} scrolls sideways ({scroll_width} > {width} px)"
