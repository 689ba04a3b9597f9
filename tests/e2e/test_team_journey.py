"""A practice's first hour, in a real browser on a desktop and on a phone: sign up, invite a
hiring manager, the teammate accepts from the e-mail, the owner logs out and back in."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django_scopes import scopes_disabled
from playwright.sync_api import Locator, Page, expect

from hiring.models import Membership
from hiring.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PRACTICE = "Maple Grove Pediatrics"
SLUG = "maple-grove-pediatrics"
OWNER_EMAIL = "nora.bishop@maplegrove.test"
OWNER_PASSWORD = "tidal-copper-58-meadow"
TEAMMATE_EMAIL = "sam.okafor@maplegrove.test"
TEAMMATE_PASSWORD = "quiet-harbor-31-lichen"


def _sign_up(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/accounts/signup/")
    page.get_by_label("Practice name").fill(PRACTICE)
    page.get_by_label("Street address").fill("88 Alder Avenue")
    page.get_by_label("City").fill("Madison")
    page.get_by_label("State or region").fill("WI")
    page.get_by_label("Postal code").fill("53703")
    page.get_by_label("Your full name").fill("Nora Bishop")
    page.get_by_label("Your e-mail address").fill(OWNER_EMAIL)
    page.get_by_label("Password").fill(OWNER_PASSWORD)
    page.get_by_role("button", name="Create practice and account").click()


def _sidebar(page: Page, device: str) -> Locator:
    """On a desktop the sidebar is always on screen. On a phone it is an offcanvas that the
    "Menu" button opens; Bootstrap then shows the <nav> as a dialog."""
    menu_button = page.get_by_role("button", name="Menu", exact=True)
    if device == "desktop":
        expect(menu_button).to_be_hidden()
        return page.get_by_role("navigation", name="Main")
    expect(page.get_by_role("link", name="Team", exact=True)).to_be_hidden()
    menu_button.click()
    sidebar = page.get_by_role("dialog", name="Main")
    expect(sidebar).to_be_visible()
    return sidebar


def _invite_teammate(page: Page) -> None:
    form = page.locator("form").filter(has=page.get_by_role("button", name="Send invitation"))
    form.get_by_label("E-mail address").fill(TEAMMATE_EMAIL)
    form.get_by_label("Role").select_option(label="Hiring manager")
    form.get_by_role("button", name="Send invitation").click()


def _accept_link(outbox: list) -> str:
    """The link in the invitation e-mail; SITE_URL is the live server's address here."""
    [message] = outbox
    assert message.to == [TEAMMATE_EMAIL]
    found = re.search(rf"{re.escape(settings.SITE_URL)}/accounts/invitations/\S+", message.body)
    assert found, message.body
    return found.group()


def _log_out(page: Page) -> None:
    # the account menu is named after the user, even where only the initial shows
    page.get_by_role("button", name="Nora Bishop").click()
    page.get_by_role("button", name="Log out").click()


def _log_in(page: Page, email: str, password: str) -> None:
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_owner_signs_up_invites_a_manager_who_joins(
        page: Page, new_context, device, live_server, mailoutbox, tmp_path, page_problems):
    dashboard_url = f"{live_server.url}/app/{SLUG}/"

    _sign_up(page, live_server.url)
    expect(page).to_have_url(dashboard_url)
    expect(page.get_by_role("status")).to_contain_text(f"Welcome to {PRACTICE}")
    expect(page.get_by_role("heading", name="Hello, Nora")).to_be_visible()
    screenshot = page.screenshot(path=tmp_path / f"dashboard-{device}.png", full_page=True)
    assert (tmp_path / f"dashboard-{device}.png").stat().st_size == len(screenshot) > 0

    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "page scrolls sideways"

    _sidebar(page, device).get_by_role("link", name="Team", exact=True).click()
    expect(page).to_have_url(f"{dashboard_url}team/")
    _invite_teammate(page)
    expect(page.get_by_role("status")).to_contain_text(f"Invitation sent to {TEAMMATE_EMAIL}")
    pending = page.get_by_role("row").filter(has_text=TEAMMATE_EMAIL)
    expect(pending).to_contain_text("Hiring manager")

    teammate_page = new_context().new_page()
    teammate_page.goto(_accept_link(mailoutbox))
    expect(teammate_page.get_by_role("heading", name=f"Join {PRACTICE}")).to_be_visible()
    teammate_page.get_by_label("Your full name").fill("Sam Okafor")
    teammate_page.get_by_label("Choose a password").fill(TEAMMATE_PASSWORD)
    teammate_page.get_by_role("button", name="Create my account and join").click()
    expect(teammate_page).to_have_url(dashboard_url)
    expect(teammate_page.get_by_role("status")).to_contain_text(f"You have joined {PRACTICE}")
    expect(teammate_page.get_by_role("main")).to_contain_text(PRACTICE)

    _log_out(page)
    expect(page).to_have_url(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("status")).to_contain_text("You have logged out.")
    _log_in(page, OWNER_EMAIL, OWNER_PASSWORD)
    expect(page).to_have_url(dashboard_url)
    expect(page.get_by_role("main")).to_contain_text(PRACTICE)

    with scopes_disabled():
        joined = Membership.objects.get(practice__slug=SLUG, user__email=TEAMMATE_EMAIL)
    assert joined.role == Role.MANAGER
    assert page_problems == []
