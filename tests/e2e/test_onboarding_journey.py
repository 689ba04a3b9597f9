"""From offer to onboarding packet in a real browser. The manager (desktop) makes an offer
from the candidate page, after a start date in the past is refused, and sends it; the
candidate, on a phone (375 px), opens the e-mailed link, agrees to sign electronically,
signs and accepts, and the manager is offered to close the filled job. The manager sends
the onboarding packet from the candidate page; the new hire opens the e-mailed link on the
phone, signs a document (the consent given for the offer still holds), fills in direct
deposit and uploads a licence; the manager downloads the packet as a zip, which holds the
signed documents, the licence and the signing trail, and never the bank account number.
The offer's pages, the signing form and the checklist are checked with axe-core against
WCAG 2.1 AA."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from django.core import mail
from django_scopes import scopes_disabled
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Response, expect

from candidates.demo import resume_pdf
from candidates.models import Application, Stage
from onboarding import offers
from onboarding.models import Packet, PacketItem
from tests.e2e.conftest import DEVICES, TIMEOUT_MS
from tests.e2e.steps import log_in
from tests.e2e.test_pipeline_journey import _assert_accessible
from tests.onboarding.offer_helpers import EMAIL, LINK, NAME, hide_libreoffice, in_offer_stage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PACKET_LINK = re.compile(r"https?://\S+/onboarding/[^/\s]+/")
ROUTING, ACCOUNT = "021000021", "731904468215"
SIGNED_STEP, DEPOSIT_STEP, LICENCE_STEP = (
    "Background check: disclosure and authorization", "Direct deposit",
    "Licence or certification")
LICENCE_PDF = resume_pdf(["State of Illinois", "Registered Nurse licence", NAME,
                          "Licence 041-000000, valid until 2027-05-31"])


@pytest.fixture
def phone(browser: Browser, page_problems: list[str]) -> Iterator[BrowserContext]:
    """The candidate's phone (375 px, touch), whatever screen the test runs on; its failed
    requests and script errors go to `page_problems` like those of `new_context`."""
    context = browser.new_context(**DEVICES["phone"])
    context.set_default_timeout(TIMEOUT_MS)

    def record_failure(response: Response) -> None:
        if response.status >= 400:
            page_problems.append(f"{response.status} {response.url}")

    context.on("response", record_failure)
    context.on("weberror", lambda error: page_problems.append(f"script: {error.error}"))
    yield context
    context.close()


def _link_to(pattern: re.Pattern[str], what: str) -> str:
    """The private link in the latest e-mail to the candidate whose body matches."""
    for message in reversed(mail.outbox):
        found = pattern.search(message.body)
        if message.to == [EMAIL] and found:
            return found.group(0)
    raise AssertionError(f"no e-mail to {EMAIL} with a link to {what}: "
                         + "; ".join(f"{m.to} {m.subject}" for m in mail.outbox))


def _step(page: Page, title: str) -> Locator:
    """A step of the checklist (a <details>), opened."""
    step = page.locator("details.portal-step").filter(
        has=page.locator("summary .portal-step-title", has_text=re.compile(
            f"^{re.escape(title)}$")))
    if step.get_attribute("open") is None:
        step.locator("summary").click()
    expect(step).to_have_attribute("open", "")
    return step


def _contents(data: bytes) -> list[bytes]:
    """A file's bytes, and those of each part when it is itself a zip (a Word document)."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return [data]
    with zipfile.ZipFile(io.BytesIO(data)) as inner:
        return [data] + [inner.read(name) for name in inner.namelist()]


@pytest.mark.parametrize("device", ["desktop"])  # the manager's screen; the candidate's: phone
def test_offer_accepted_on_a_phone_then_packet_completed_and_downloaded(
        new_context: Callable[[], BrowserContext], phone: BrowserContext, live_server,
        practice, manager, axe, page_problems, monkeypatch, tmp_path):
    hide_libreoffice(monkeypatch)  # Word only: the PDFs are covered by the onboarding tests
    application = in_offer_stage(practice, manager)
    base = live_server.url
    today = offers.practice_today(practice)
    candidate_url = f"{base}/app/{practice.slug}/applications/{application.public_id}/"

    # the manager makes the offer from the candidate page; a past start date is refused
    staff: Page = new_context().new_page()
    log_in(staff, base, manager.email)
    staff.goto(candidate_url)
    staff.get_by_role("link", name="Make an offer").click()
    staff.get_by_label("Notes for the letter (optional)").fill("Mondays to Thursdays.")
    staff.get_by_label("Start date").fill((today - timedelta(days=1)).isoformat())
    staff.get_by_role("button", name="Save the offer as a draft").click()
    expect(staff.get_by_text("The start date must be after today")).to_be_visible()
    expect(staff.get_by_label("Notes for the letter (optional)")).to_have_value(
        "Mondays to Thursdays.")
    staff.get_by_label("Start date").fill((today + timedelta(days=14)).isoformat())
    staff.get_by_role("button", name="Save the offer as a draft").click()
    expect(staff.get_by_text(f"Dear {NAME}")).to_be_visible()
    staff.get_by_role("button", name="Send to the candidate").click()
    expect(staff.get_by_text("Sent: the letter is being prepared")).to_be_visible()
    _assert_accessible(axe, staff, "The offer's page")

    # the candidate, on a phone, opens the e-mailed link, agrees to e-signing and accepts
    candidate: Page = phone.new_page()
    candidate.goto(_link_to(LINK, "the offer"))
    expect(candidate.get_by_text(f"Dear {NAME}")).to_be_visible()
    assert candidate.viewport_size == {"width": 375, "height": 740}
    _assert_accessible(axe, candidate, "The candidate's offer page on a phone")
    candidate.get_by_label("I agree to use electronic records and signatures").check()
    candidate.get_by_role("button", name="Agree and continue").click()
    candidate.get_by_label("Type your full name").fill(NAME)
    candidate.get_by_label("By typing my name").check()
    _assert_accessible(axe, candidate, "The candidate's signing form on a phone")
    candidate.get_by_role("button", name="Sign and accept").click()
    expect(candidate.get_by_text("You have accepted this offer")).to_be_visible()

    # the job had one opening: the offer's page offers to close it; the candidate is hired
    staff.reload()
    expect(staff.get_by_text("The opening is filled — close the job?")).to_be_visible()
    with scopes_disabled():
        stage = Application.objects.select_related("stage").get(pk=application.pk).stage
    assert stage.kind == Stage.Kind.HIRED

    # the manager sends the onboarding packet from the candidate page
    staff.goto(candidate_url)
    staff.get_by_role("link", name="Send onboarding packet").click()
    expect(staff.get_by_text("This packet follows the accepted offer")).to_be_visible()
    staff.get_by_role("button", name="Send the packet").click()
    expect(staff.get_by_text("Packet sent; the new hire gets an e-mail")).to_be_visible()
    packet_url = staff.url

    # the new hire opens the e-mailed link on the phone: the offer letter is signed already
    candidate.goto(_link_to(PACKET_LINK, "the packet"))
    expect(candidate.get_by_role("heading", name="Welcome, Morgan")).to_be_visible()
    expect(candidate.get_by_text("1 of 13 steps done")).to_be_visible()
    _assert_accessible(axe, candidate, "The checklist on a phone")

    # a document signed: the consent given for the offer holds, so it is not asked again
    _step(candidate, SIGNED_STEP).get_by_role("link", name="Read and sign").click()
    expect(candidate.get_by_role("heading", name=re.compile(r"\(version \d+\)"))).to_be_visible()
    expect(candidate.get_by_label(re.compile("I agree to receive and sign"))).to_have_count(0)
    candidate.get_by_label("Type your full name").fill(NAME)
    candidate.get_by_label(re.compile("I adopt the typed name")).check()
    candidate.get_by_role("button", name="Sign").click()
    expect(candidate.get_by_text(f"Done: {SIGNED_STEP}.")).to_be_visible()
    expect(candidate.get_by_text("2 of 13 steps done")).to_be_visible()

    # direct deposit, in place; the account number is shown again only masked
    deposit = _step(candidate, DEPOSIT_STEP)
    deposit.get_by_label("Bank name").fill("Prairie State Bank")
    deposit.get_by_label("Checking").check()
    deposit.get_by_label("Routing number").fill(ROUTING)
    deposit.locator("input[name=account_number]").fill(ACCOUNT)
    deposit.get_by_label("Account number again").fill(ACCOUNT)
    deposit.get_by_role("button", name="Save").click()
    expect(candidate.get_by_text(f"Done: {DEPOSIT_STEP}.")).to_be_visible()
    expect(candidate.get_by_text("3 of 13 steps done")).to_be_visible()
    deposit = _step(candidate, DEPOSIT_STEP)
    expect(deposit.get_by_text(f"••••{ACCOUNT[-4:]}")).to_be_visible()
    expect(candidate.locator("body")).not_to_contain_text(ACCOUNT)

    # a licence uploaded, in place
    licence_path = tmp_path / "RN licence.pdf"
    licence_path.write_bytes(LICENCE_PDF)
    licence = _step(candidate, LICENCE_STEP)
    licence.get_by_label("File").set_input_files(licence_path)
    licence.get_by_role("button", name="Upload").click()
    expect(candidate.get_by_text(f"Done: {LICENCE_STEP}.")).to_be_visible()
    expect(candidate.get_by_text("4 of 13 steps done")).to_be_visible()
    expect(_step(candidate, LICENCE_STEP).get_by_text("You uploaded")).to_be_visible()
    _assert_accessible(axe, candidate, "The checklist with steps done, on a phone")

    # the manager sees the steps done and downloads the whole packet
    staff.goto(packet_url)
    expect(staff.get_by_text(f"Signed by {NAME}").first).to_be_visible()
    expect(staff.get_by_text(f"••••{ACCOUNT[-4:]}")).to_be_visible()
    with staff.expect_download() as download_info:
        staff.get_by_role("link", name="Download all (zip)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("onboarding-morgan-ellis-")
    archive_path = tmp_path / download.suggested_filename
    download.save_as(archive_path)
    with zipfile.ZipFile(archive_path) as archive:
        names = archive.namelist()
        files = {name: archive.read(name) for name in names}
    with scopes_disabled():
        packet = Packet.objects.get(application=application)
        items = {item.title: item for item in packet.items.select_related("signature")}
    signed = items[SIGNED_STEP]
    assert signed.status == PacketItem.Status.DONE
    stem = f"{signed.position + 1:02d}-background-check-disclosure-and-authorization"
    assert f"signed/{stem}.docx" in names, names
    assert "signed/01-offer-letter.docx" in names, names  # the offer's signed letter
    uploads = [name for name in names if name.startswith(
        f"uploads/{items[LICENCE_STEP].position + 1:02d}-licence-or-certification-")]
    assert len(uploads) == 1, names
    assert files[uploads[0]] == LICENCE_PDF
    assert "summary.txt" in names, names
    trail = files["trail.csv"].decode()  # the packet's trail and its signatures' events
    assert str(signed.signature.public_id) in trail
    assert f",downloaded,packet:{packet.public_id}," in trail  # this download itself
    assert f"••••{ACCOUNT[-4:]}" in files["summary.txt"].decode()
    for name, data in files.items():
        for part in _contents(data):
            assert ACCOUNT.encode() not in part, f"the account number is in {name}"

    # the one error page was the refused start date
    create_url = f"{candidate_url}offers/new/"
    assert page_problems == [f"400 {create_url}"], page_problems
