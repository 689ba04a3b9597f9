"""The new hire's way through their onboarding checklist, in a real browser on a desktop and
on a phone (375 px): the link from the e-mail, a step completed in place, a bank number
refused and not shown again, a document signed after consent. Each page is checked with
axe-core against WCAG 2.1 AA."""

from __future__ import annotations

import re

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import Page, expect

from onboarding import portal
from onboarding.models import FormKind, ItemKind
from tests.e2e.test_apply_journey import _assert_accessible
from tests.onboarding.test_portal import make_packet, step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_new_hire_completes_steps_in_place_and_signs(page: Page, axe, practice,
                                                       page_problems):
    packet = make_packet(practice)
    with scopes_disabled():
        link = portal.packet_link(packet)
    deposit_step = step(packet, ItemKind.FORM, FormKind.DIRECT_DEPOSIT)

    page.goto(link)
    expect(page.get_by_text("0 of 6 steps done")).to_be_visible()
    _assert_accessible(axe, page, "the checklist")
    handbook = page.locator(f"#item-{step(packet, ItemKind.SIGN).public_id}")
    expect(handbook).to_have_attribute("open", "")  # the first step to do

    # another step opens with a tap and is completed in place
    contact_step = step(packet, ItemKind.FORM, FormKind.EMERGENCY_CONTACT)
    emergency = page.locator(f"#item-{contact_step.public_id}")
    emergency.locator("summary").click()
    emergency.get_by_label("Name").fill("Alex Ellis")
    emergency.get_by_label("Relationship to you").fill("spouse")
    emergency.get_by_label("Phone").fill("217 555 0123")
    emergency.get_by_role("button", name="Save").click()
    expect(page.get_by_text("1 of 6 steps done")).to_be_visible()

    deposit = page.locator(f"#item-{deposit_step.public_id}")
    deposit.locator("summary").click()
    deposit.get_by_label("Bank name").fill("Prairie State Bank")
    deposit.get_by_label("Checking").check()
    deposit.get_by_label("Routing number").fill("021000022")
    deposit.locator("input[name=account_number]").fill("000123456789")
    deposit.get_by_label("Account number again").fill("000123456789")
    deposit.get_by_role("button", name="Save").click()
    expect(page.get_by_text("This is not a valid routing number")).to_be_visible()
    expect(deposit.get_by_label("Routing number")).to_have_value("")
    expect(deposit.get_by_label("Bank name")).to_have_value("Prairie State Bank")
    _assert_accessible(axe, page, "the checklist with an error")

    handbook.locator("summary").click()  # the page with the error opened the bank step
    handbook.get_by_role("link", name="Read and sign").click()
    _assert_accessible(axe, page, "the consent")
    page.get_by_label(re.compile("I agree to receive and sign")).check()
    page.get_by_role("button", name="I agree").click()
    expect(page.get_by_text("Be kind to patients").first).to_be_visible()
    _assert_accessible(axe, page, "the document to sign")
    page.get_by_label("Type your full name").fill("Morgan Ellis")
    page.get_by_label(re.compile("I adopt the typed name")).check()
    page.get_by_role("button", name="Sign").click()
    expect(page.get_by_text("2 of 6 steps done")).to_be_visible()
    expect(page.get_by_text("Done: Employee handbook.")).to_be_visible()
    # the one error page was the refused bank number
    assert page_problems == [f"400 {link}items/{deposit_step.public_id}/"]
