"""An applicant's way in, in a real browser on a desktop and on a phone: from the careers page
(a job board's link, ?source=indeed) to the job, the form sent once with a mistake and again,
the voluntary survey skipped, the thank-you page; then the practice's owner finds the
application. Each public page is checked with axe-core against WCAG 2.1 AA."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import Locator, Page, expect

from candidates.careers_views import STEP_SALT
from candidates.models import Application
from jobs.models import ApplicationQuestion, Job
from tests.candidates import conftest as candidates_fixtures
from tests.candidates.files import pdf_bytes
from tests.e2e.steps import log_in
from tests.factories import ApplicationFactory, JobFactory, LocationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# a published job with a yes/no knock-out question and an optional choice question; the
# fixtures of tests/candidates/conftest.py are not seen from here
open_job = candidates_fixtures.open_job

EMAIL = "jordan.rivera@example.test"
# the error summary's link to a field leaves its #id in the address, and a redirect keeps it
FRAGMENT = r"(#[\w-]+)?"
AUTHORIZED = "Are you authorized to work in the US?"
SHIFT = "Which shift suits you?"


def _visible(locator: Locator) -> Locator:
    """The one of several matches on screen (the job page repeats "Apply now" in the bar
    that stays in reach at the bottom; on a phone only that one shows)."""
    return locator.filter(visible=True).first


def _assert_accessible(axe, page: Page, where: str) -> None:
    """No violation of WCAG 2.1 AA that axe-core can find, each one named if there are."""
    violations = axe(page)
    assert violations == [], f"{where} breaks WCAG 2.1 AA:\n" + "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}: {', '.join(v['nodes'])}"
        for v in violations)


def _fill_application(page: Page, resume_path) -> None:
    page.get_by_label("First name").fill("Jordan")
    page.get_by_label("Last name").fill("Rivera")
    page.get_by_label("Phone").fill("608-555-0142")
    page.get_by_label("Résumé", exact=True).set_input_files(resume_path)
    page.get_by_role("group", name=AUTHORIZED).get_by_label("Yes").check()
    page.get_by_role("group", name=SHIFT).get_by_label("Evenings").check()
    page.get_by_label("I have read the privacy notice").check()


def test_applicant_applies_from_a_job_board_and_the_owner_finds_them(
        page: Page, new_context, device, live_server, practice, owner, open_job, axe,
        tmp_path, page_problems):
    careers_url = f"{live_server.url}/careers/{practice.slug}/"
    job_url = f"{careers_url}jobs/{open_job.slug}/"
    apply_url = f"{job_url}apply/?source=indeed"
    step_url = re.escape(f"{careers_url}apply/")  # the survey's and thank-you page's
    resume_path = tmp_path / "resume.pdf"
    resume_path.write_bytes(pdf_bytes())

    # the careers page, reached from the board's link
    page.goto(f"{careers_url}?source=indeed")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Work with us at {practice.name}")
    expect(page.get_by_role("status")).to_have_text("1 open position")
    _assert_accessible(axe, page, "careers page")
    page.get_by_role("link", name="Medical Assistant").click()

    # the job's page keeps the board's credit in the link to the form
    expect(page).to_have_url(f"{job_url}?source=indeed")
    expect(page.get_by_role("heading", name="Medical Assistant", level=1)).to_be_visible()
    _assert_accessible(axe, page, "job page")
    _visible(page.get_by_role("link", name="Apply now")).click()

    # the form, sent without an e-mail address
    expect(page).to_have_url(apply_url)
    expect(page.get_by_label("Where did you hear about this job?")).to_have_value("indeed")
    _fill_application(page, resume_path)
    page.get_by_role("button", name="Send my application").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Please check these and send again:")
    expect(summary.get_by_role("link", name="E-mail address")).to_be_visible()
    expect(summary).to_contain_text("E-mail address: This field is required.")
    email = page.get_by_label("E-mail address")
    expect(email).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(page.locator("#div_id_email")).to_contain_text("This field is required.")
    expect(email).to_have_accessible_description(re.compile("This field is required."))
    # what was typed and chosen is still there, and the résumé is kept
    expect(page.get_by_label("First name")).to_have_value("Jordan")
    expect(page.get_by_role("group", name=AUTHORIZED).get_by_label("Yes")).to_be_checked()
    expect(page.get_by_label("I have read the privacy notice")).to_be_checked()
    expect(page.get_by_text("Attached: resume.pdf")).to_be_visible()
    _assert_accessible(axe, page, "apply form with errors")

    summary.get_by_role("link", name="E-mail address").click()
    expect(email).to_be_focused()
    email.fill(EMAIL)
    page.get_by_role("button", name="Send my application").click()

    # the voluntary survey, skipped
    expect(page).to_have_url(re.compile(rf"{step_url}survey/[^/]+/{FRAGMENT}$"))
    expect(page.get_by_role("status")).to_contain_text(
        "Your application for Medical Assistant is in. Thank you!")
    expect(page.get_by_role("heading", name="Voluntary self-identification")).to_be_visible()
    _assert_accessible(axe, page, "survey page")
    page.get_by_role("button", name="Skip this step").click()

    expect(page).to_have_url(re.compile(rf"{step_url}thanks/[^/]+/{FRAGMENT}$"))
    expect(page.get_by_role("heading", name="Thank you for applying")).to_be_visible()
    expect(page.get_by_role("heading", name="What happens next")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(f"We sent a confirmation to {EMAIL}")
    _assert_accessible(axe, page, "thank-you page")

    with scopes_disabled():
        application = Application.objects.select_related("candidate").get(job=open_job)
    assert (application.candidate.email, application.source) == (EMAIL, "indeed")

    # the owner, in a browser of their own
    staff = new_context().new_page()
    log_in(staff, live_server.url, owner.email)
    expect(staff).to_have_url(f"{live_server.url}/app/{practice.slug}/")
    staff.goto(f"{live_server.url}/app/{practice.slug}/jobs/{open_job.public_id}/applicants/")
    expect(staff.get_by_role("heading", name="Applicants", level=1)).to_be_visible()
    row = staff.get_by_role("row").filter(has_text="Jordan Rivera")
    expect(row).to_contain_text("indeed")
    row.get_by_role("link", name="Jordan Rivera").click()

    expect(staff.get_by_role("heading", name="Jordan Rivera", level=1)).to_be_visible()
    answers = staff.locator(".card").filter(has_text="Answers")
    expect(answers.locator("dt").filter(has_text=AUTHORIZED)).to_be_visible()
    expect(answers.locator("dt:has-text('authorized') + dd")).to_have_text("Yes")
    expect(answers.locator("dt:has-text('shift') + dd")).to_have_text("Evenings")
    expect(staff.get_by_role("link", name="resume.pdf")).to_be_visible()
    expect(staff.get_by_text("Heard of the job through: indeed")).to_be_visible()

    # the one failed request was the form sent without an e-mail address (400)
    assert page_problems == [f"400 {apply_url}"]


@pytest.fixture
def busy_practice(practice) -> dict[str, Job | Application]:
    """The careers site with everything on it: a light brand colour (darkened to stay
    readable), an introduction, enough jobs for the search box and filters, a closed job, and
    a job asking every kind of question."""
    kinds = ApplicationQuestion.Kind
    with scopes_disabled():
        practice.brand_color = "#38bdf8"
        practice.careers_intro = "A family practice on the east side.\n\nWe train our people."
        practice.phone = "608 555 0100"
        practice.website = "https://riverside.example.test"
        practice.save()
        clinic = LocationFactory(practice=practice, name="Eastside clinic")
        for n, (employment, workplace) in enumerate([
                ("full_time", "on_site"), ("part_time", "on_site"), ("per_diem", "hybrid"),
                ("contract", "remote"), ("full_time", "hybrid"), ("temporary", "on_site")]):
            JobFactory(practice=practice, title=f"Registered Nurse {n}", slug=f"nurse-{n}",
                       department="Nursing" if n % 2 else "", employment_type=employment,
                       workplace_type=workplace, location=clinic if n % 3 else None,
                       closes_on=timezone.now().date() + timedelta(days=30) if n == 1 else None,
                       status=Job.Status.PUBLISHED)
        closed = JobFactory(practice=practice, title="Front Desk Lead", slug="front-desk",
                            status=Job.Status.CLOSED)
        every = JobFactory(practice=practice, title="Dental Hygienist", slug="hygienist",
                           status=Job.Status.PUBLISHED)
        for position, (kind, choices) in enumerate([
                (kinds.SHORT_TEXT, []), (kinds.LONG_TEXT, []), (kinds.YES_NO, []),
                (kinds.SINGLE_CHOICE, ["Mornings", "Evenings"]),
                (kinds.MULTIPLE_CHOICE, ["X-rays", "Sealants", "Whitening"]),
                (kinds.NUMBER, [])]):
            every.questions.create(practice=practice, position=position, kind=kind,
                                   label=f"Question {position + 1} ({kind.label})",
                                   help_text="Tell us briefly.", choices=choices)
        application = ApplicationFactory(practice=practice, job=every)
    return {"closed": closed, "every": every, "application": application}


def _step(application: Application, *, again: bool = False) -> str:
    """The signed address part of the survey and thank-you pages, as the form makes it."""
    return signing.dumps({"a": str(application.public_id), "new": True, "again": again},
                         salt=STEP_SALT)


def test_careers_pages_in_their_other_states_meet_wcag_21_aa(
        page: Page, live_server, practice, other_practice, busy_practice, axe, page_problems):
    careers_url = f"{live_server.url}/careers/{practice.slug}/"

    # a light brand colour, the filters and the search box (with its placeholder)
    page.goto(careers_url)
    expect(page.get_by_role("search", name="Filter the open positions")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("7 open positions")
    _assert_accessible(axe, page, "careers page with filters")

    # no job matches
    page.get_by_label("Search").fill("Veterinarian")
    page.get_by_role("button", name="Show jobs").click()
    expect(page.get_by_role("status")).to_contain_text("No job matches your filters.")
    _assert_accessible(axe, page, "careers page with no match")

    # no open job at all, with the practice's phone and website
    with scopes_disabled():
        other_practice.phone = "608 555 0199"
        other_practice.website = "https://lakeview.example.test"
        other_practice.save()
    page.goto(f"{live_server.url}/careers/{other_practice.slug}/")
    expect(page.get_by_role("link", name="Call 608 555 0199")).to_be_visible()
    _assert_accessible(axe, page, "careers page without jobs")

    # a closed job's page, and its form's address
    page.goto(f"{careers_url}jobs/front-desk/")
    expect(page.get_by_text("This job is no longer taking applications.")).to_be_visible()
    _assert_accessible(axe, page, "closed job page")
    page.goto(f"{careers_url}jobs/front-desk/apply/")
    expect(page.get_by_role("link", name="See our open jobs")).to_be_visible()
    _assert_accessible(axe, page, "closed job's form")

    # every kind of question unanswered, from a board we do not list
    page.goto(f"{careers_url}jobs/hygienist/apply/?source=craigslist")
    expect(page.get_by_label("Where did you hear about this job?")).to_have_value("craigslist")
    page.get_by_role("button", name="Send my application").click()
    summary = page.get_by_role("alert")
    expect(summary.get_by_role("listitem")).to_have_count(12)
    _assert_accessible(axe, page, "apply form with every error")
    # each error in the summary leads to its field, a group of choices to its first choice
    summary.get_by_role("link", name="Question 3 (Yes / no)").click()
    expect(page.get_by_role("group", name="Question 3 (Yes / no)").get_by_label("Yes")
           ).to_be_focused()
    summary.get_by_role("link", name="Question 5 (Several choices)").click()
    expect(page.get_by_role("group", name="Question 5 (Several choices)").get_by_label("X-rays")
           ).to_be_focused()

    # the survey sent without an answer, and a second application's thank-you page
    page.goto(f"{careers_url}apply/survey/{_step(busy_practice['application'])}/")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose at least one answer")
    _assert_accessible(axe, page, "survey with an error")
    page.goto(f"{careers_url}apply/thanks/{_step(busy_practice['application'], again=True)}/")
    expect(page.get_by_role("main")).to_contain_text("You had already applied for")
    _assert_accessible(axe, page, "thank-you page of a second application")
    page.goto(f"{careers_url}privacy/")
    _assert_accessible(axe, page, "privacy notice")

    assert page_problems == [f"410 {careers_url}jobs/front-desk/apply/",
                             f"400 {careers_url}jobs/hygienist/apply/?source=craigslist"]
