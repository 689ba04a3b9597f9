"""The pipeline in a real browser: drag a card to a new stage (desktop, with a mouse) and move
one with the keyboard (desktop and phone); reject an applicant and e-mail them the rejection
template, previewed before it is sent; find a candidate by a word from their résumé. The
board and the application page are checked with axe-core against WCAG 2.1 AA."""

from __future__ import annotations

import re

import pytest
from django_scopes import scope, scopes_disabled
from playwright.sync_api import Locator, Page, expect

from candidates.demo import resume_pdf
from candidates.models import Application, Message, Resume
from candidates.pipeline import application_enter_pipeline
from candidates.search import candidate_search_refresh
from jobs.models import Job
from tests.e2e.steps import log_in
from tests.factories import ApplicationFactory, JobFactory, ResumeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAGGED, REJECTED, MOVED = "Alicia Moreno", "Darius Patel", "Priya Raman"
WORD = "phlebotomy"  # in Priya Raman's résumé only
RESUME_LINES = [MOVED, "priya.raman@example.test | Portland, OR", "", "Experience",
                f"4 years of {WORD} and specimen handling in a hospital outpatient lab.",
                "", "Certifications", "BLS / CPR (American Heart Association)"]
REASON = "Not enough relevant experience"
REJECTION_TEMPLATE = "Not moving forward (Rejection)"


@pytest.fixture
def job(practice) -> Job:
    """A published job with three applicants in its first stage, "Applied"; Priya Raman's
    PDF résumé has been read, and search knows its words."""
    pdf = resume_pdf(RESUME_LINES)
    with scopes_disabled():
        job = JobFactory(practice=practice, title="Phlebotomist", slug="phlebotomist",
                         status=Job.Status.PUBLISHED)
        applications = [
            ApplicationFactory(practice=practice, job=job, candidate__first_name=first,
                               candidate__last_name=last,
                               candidate__email=f"{first}.{last}@example.test".lower())
            for first, last in (name.split() for name in (DRAGGED, REJECTED, MOVED))]
        resume = ResumeFactory(
            practice=practice, application=applications[-1], file__data=pdf,
            file__filename="resume.pdf", original_name="Priya-Raman-resume.pdf",
            content_type="application/pdf", extension="pdf", size=len(pdf),
            text="\n".join(RESUME_LINES), text_status=Resume.TextStatus.DONE)
    with scope(practice=practice):
        for application in applications:
            application_enter_pipeline(application=application)
        candidate_search_refresh(resume.candidate)
    return job


def _assert_accessible(axe, page: Page, where: str) -> None:
    violations = axe(page)
    assert violations == [], f"{where} breaks WCAG 2.1 AA:\n" + "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}: {', '.join(v['nodes'])}"
        for v in violations)


def _column(page: Page, stage: str) -> Locator:
    """A stage's column: a <section> named by its heading."""
    return page.get_by_role("region", name=stage, exact=True)


def _card(page: Page, name: str) -> Locator:
    return page.locator("[data-card]").filter(has=page.get_by_role("link", name=name))


def _stage_of(name: str) -> str:
    first, last = name.split()
    with scopes_disabled():
        return Application.objects.select_related("stage").get(
            candidate__first_name=first, candidate__last_name=last).stage.name


def _no_reload_marker(page: Page) -> None:
    """A mark on the window, gone if the page is loaded again."""
    page.evaluate("window.stillTheSamePage = true")


def _still_the_same_page(page: Page) -> bool:
    return page.evaluate("window.stillTheSamePage === true")


@pytest.mark.parametrize("device", ["desktop"])
def test_owner_drags_a_card_then_rejects_an_applicant_with_an_email(
        page: Page, live_server, practice, owner, job, mailoutbox, axe, page_problems):
    board_url = f"{live_server.url}/app/{practice.slug}/jobs/{job.public_id}/board/"
    log_in(page, live_server.url, owner.email)
    expect(page).to_have_url(f"{live_server.url}/app/{practice.slug}/")

    page.goto(board_url)
    expect(page.get_by_role("heading", name="Phlebotomist", level=1)).to_be_visible()
    applied, interview = _column(page, "Applied"), _column(page, "Interview")
    expect(applied.locator("[data-count]")).to_have_text("3")
    expect(interview.locator("[data-count]")).to_have_text("0")
    _assert_accessible(axe, page, "pipeline board")

    # drag and drop: Playwright's mouse drag fires Chromium's HTML5 drag events. The card is
    # held by its edge, as a person does: its middle is the "Move to" menu, which a press
    # opens instead of starting a drag
    _no_reload_marker(page)
    _card(page, DRAGGED).drag_to(interview, source_position={"x": 5, "y": 5})
    expect(interview.locator("[data-card]")).to_have_count(1)
    expect(interview.locator("[data-count]")).to_have_text("1")
    expect(applied.locator("[data-count]")).to_have_text("2")
    # the aria-live status is written once the server has saved the move
    expect(page.locator("[data-board-status]")).to_have_text(f"{DRAGGED} → Interview")
    expect(page.locator("[data-board-error]")).to_be_hidden()
    assert _still_the_same_page(page)
    page.reload()
    expect(_card(page, DRAGGED)).to_have_count(1)
    expect(interview.get_by_role("link", name=DRAGGED)).to_be_visible()
    expect(interview.get_by_label(f"Move {DRAGGED} to").locator("option:checked")
           ).to_have_text("Interview")
    expect(interview.locator("[data-count]")).to_have_text("1")
    assert _stage_of(DRAGGED) == "Interview"

    # a second drag, then a reject from the moved card without reloading the board
    screen = _column(page, "Phone screen")
    _card(page, REJECTED).drag_to(screen, source_position={"x": 5, "y": 5})
    expect(page.locator("[data-board-status]")).to_have_text(f"{REJECTED} → Phone screen")
    screen.get_by_role("link", name="Reject").click()
    expect(page.get_by_role("heading", name=f"Reject {REJECTED}?", level=1)).to_be_visible()
    expect(page.locator(".page-header")).to_contain_text("Phlebotomist · Phone screen")
    page.get_by_label("Reason").select_option(label=REASON)
    page.get_by_role("button", name="Reject", exact=True).click()
    expect(page).to_have_url(board_url)
    expect(page.get_by_role("status")).to_contain_text(f"{REJECTED} was rejected.")
    expect(_card(page, REJECTED)).to_have_count(0)
    expect(screen.locator("[data-count]")).to_have_text("0")
    page.get_by_text("1 rejected or withdrawn").click()
    ended = page.get_by_role("listitem").filter(has_text=REJECTED)
    expect(ended).to_contain_text(f"Rejected: {REASON}")
    ended.get_by_role("link", name=REJECTED).click()

    # the application page: e-mail them the rejection template, previewed first
    expect(page.get_by_role("heading", name=REJECTED, level=1)).to_be_visible()
    expect(page.locator("#stage")).to_contain_text("Rejected")
    application_url = page.url
    page.get_by_role("link", name="Send an e-mail").click()
    expect(page.get_by_role("heading", name=f"E-mail {REJECTED}", level=1)).to_be_visible()
    page.get_by_label("Start from a template").select_option(label=REJECTION_TEMPLATE)
    page.get_by_role("button", name="Use this template").click()
    subject = f"Your application for Phlebotomist at {practice.name}"
    expect(page.get_by_label("Subject")).to_have_value(
        "Your application for {job_title} at {practice_name}")
    _no_reload_marker(page)
    page.get_by_role("button", name="Preview", exact=True).click()
    page.wait_for_function("window.stillTheSamePage !== true")  # the server's preview
    preview = page.locator("[data-preview]")
    expect(preview.locator("[data-preview-subject]")).to_have_text(subject)
    expect(preview.locator("[data-preview-body]")).to_contain_text("Hi Darius,")
    send = page.get_by_role("button", name="Send", exact=True)
    expect(send).to_be_enabled()
    send.click()

    expect(page).to_have_url(application_url)
    expect(page.get_by_role("status")).to_contain_text(f"Your e-mail to {REJECTED} is on its way.")
    sent = page.locator("#messages").get_by_role("listitem").filter(has_text=subject)
    expect(sent).to_contain_text("Sent")
    expect(page.locator("#stage")).to_contain_text("Rejected")
    [email] = mailoutbox
    assert email.to == ["darius.patel@example.test"]
    assert email.subject == subject
    assert "Hi Darius," in email.body
    assert "move forward with other candidates" in email.body
    with scopes_disabled():
        application = Application.objects.select_related("rejection_reason").get(
            candidate__email="darius.patel@example.test")
        message = Message.objects.get(application=application)
    assert application.status == Application.Status.REJECTED
    assert application.rejection_reason.label == REASON
    assert (message.status, message.sender) == (Message.Status.SENT, owner)
    _assert_accessible(axe, page, "application page")

    assert page_problems == []


def _search_box(page: Page, device: str) -> Locator:
    """In the top bar on a desktop; in the menu (an offcanvas) on a phone."""
    if device == "phone":
        page.get_by_role("button", name="Menu", exact=True).click()
        menu = page.get_by_role("dialog", name="Main")
        expect(menu).to_be_visible()
        return menu.get_by_role("searchbox", name="Search candidates")
    return page.get_by_role("banner").get_by_role("searchbox", name="Search candidates")


def test_owner_moves_a_card_by_keyboard_and_finds_the_candidate_by_a_resume_word(
        page: Page, device, live_server, practice, owner, job, axe, page_problems):
    board_url = f"{live_server.url}/app/{practice.slug}/jobs/{job.public_id}/board/"
    log_in(page, live_server.url, owner.email)
    expect(page).to_have_url(f"{live_server.url}/app/{practice.slug}/")
    page.goto(board_url)
    screen = _column(page, "Phone screen")
    expect(screen.locator("[data-count]")).to_have_text("0")

    # the card's "Move … to" menu, then its "Move" button reached with Tab and pressed with Enter
    _no_reload_marker(page)
    move_to = page.get_by_label(f"Move {MOVED} to")
    move_to.focus()
    expect(move_to).to_be_focused()
    move_to.select_option(label="Phone screen")
    page.keyboard.press("Tab")
    move = _card(page, MOVED).get_by_role("button", name="Move", exact=True)
    expect(move).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("[data-board-status]")).to_have_text(f"{MOVED} → Phone screen")
    expect(screen.get_by_role("link", name=MOVED)).to_be_visible()
    expect(screen.locator("[data-count]")).to_have_text("1")
    expect(_column(page, "Applied").locator("[data-count]")).to_have_text("2")
    expect(move_to).to_be_focused()  # focus stays with the card, in its new column
    assert _still_the_same_page(page), "the move loaded the page again"
    page.reload()
    expect(screen.get_by_role("link", name=MOVED)).to_be_visible()
    expect(screen.locator("[data-count]")).to_have_text("1")
    assert _stage_of(MOVED) == "Phone screen"
    _assert_accessible(axe, page, f"pipeline board on a {device}")

    # search by a word from the résumé
    box = _search_box(page, device)
    box.fill(WORD)
    box.press("Enter")
    expect(page).to_have_url(re.compile(rf"/candidates/search/\?q={WORD}$"))
    expect(page.get_by_role("heading", name="Search candidates", level=1)).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("1 candidate found.")
    hit = page.locator(".search-results > li")
    expect(hit).to_have_count(1)
    expect(hit).to_contain_text("Matched: Résumé")
    expect(hit.locator(".search-snippet mark")).to_have_text(WORD)
    expect(hit.locator(".search-snippet")).to_contain_text("specimen handling")
    _assert_accessible(axe, page, f"search results on a {device}")
    hit.get_by_role("heading").get_by_role("link", name=MOVED).click()

    expect(page.get_by_role("heading", name=MOVED, level=1)).to_be_visible()
    expect(page.locator("#stage")).to_contain_text("Phone screen")
    expect(page.get_by_role("link", name="Priya-Raman-resume.pdf")).to_be_visible()
    _assert_accessible(axe, page, f"application page with a PDF résumé on a {device}")

    assert page_problems == []
