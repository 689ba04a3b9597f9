"""Structured interviews in a real browser: a manager schedules an interview with the job's
kit; once it has taken place the interviewer opens the kit and submits a scorecard (after a
refused attempt with a rating missing); the manager then compares the job's candidates.
The scorecard and comparison pages are checked with axe-core against WCAG 2.1 AA."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from playwright.sync_api import BrowserContext, Page, expect

from candidates.pipeline import application_enter_pipeline
from hiring.models import Membership
from interviews.kits import competencies_for, kits_ensure
from interviews.models import Interview, Scorecard
from jobs.models import Job, JobTemplate
from jobs.services import job_create_from_template
from tests.e2e.steps import log_in
from tests.e2e.test_pipeline_journey import _assert_accessible
from tests.factories import ApplicationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CANDIDATE = "Morgan Ellis"


@pytest.fixture
def application(practice, owner, manager, interviewer):
    with scopes_disabled():
        template = JobTemplate.objects.get(key="medical-office-manager", practice=None)
    with scope(practice=practice):
        job = job_create_from_template(practice=practice, template=template, actor=owner)
        Job.objects.filter(pk=job.pk).update(status=Job.Status.PUBLISHED)
        job.hiring_team.add(*Membership.objects.filter(user__in=[manager, interviewer]))
        kits_ensure(job)
        application = ApplicationFactory(practice=practice, job=job,
                                         candidate__first_name="Morgan",
                                         candidate__last_name="Ellis")
        return application_enter_pipeline(application=application)


def _next_weekday(practice) -> str:
    day = timezone.localdate(timezone=zoneinfo.ZoneInfo(practice.timezone)) + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day.isoformat()


def test_schedule_score_and_compare(new_context: Callable[[], BrowserContext], live_server,
                                    practice, manager, interviewer, application, axe,
                                    page_problems):
    base = live_server.url
    with scopes_disabled():
        kit = application.job.interview_kits.get()
    candidate_url = (f"{base}/app/{practice.slug}/applications/{application.public_id}/")

    # the manager schedules the interview from the candidate page
    manager_page: Page = new_context().new_page()
    log_in(manager_page, base, manager.email)
    manager_page.goto(candidate_url)
    manager_page.get_by_role("link", name="Schedule an interview").click()
    manager_page.locator("#id_date").fill(_next_weekday(practice))
    manager_page.locator("#id_start").fill("10:00")
    manager_page.get_by_label(f"{interviewer.full_name} (interviewer)").check()
    expect(manager_page.get_by_label("Interview kit")).to_have_value(
        str(kit.pk))
    manager_page.get_by_role("button", name="Schedule and send invites").click()
    expect(manager_page.get_by_text("Interview scheduled; the invites")).to_be_visible()

    # the week calendar shows it (on a phone as a list)
    manager_page.goto(f"{base}/app/{practice.slug}/interviews/calendar/"
                      f"?week={_next_weekday(practice)}")
    expect(manager_page.get_by_text(CANDIDATE).locator("visible=true").first).to_be_visible()
    _assert_accessible(axe, manager_page, "The interview calendar")

    with scopes_disabled():
        interview = Interview.objects.get(application=application)
        # the day comes: the interview has taken place
        Interview.objects.filter(pk=interview.pk).update(
            starts_at=timezone.now() - timedelta(hours=1))
        competencies = competencies_for(application.job)
        first_question = interview.kit.questions.first().question

    # the interviewer opens the kit and scorecard from the candidate page
    page: Page = new_context().new_page()
    log_in(page, base, interviewer.email)
    page.goto(candidate_url)
    expect(page.get_by_text("Blind scoring")).to_be_visible()
    page.goto(f"{base}/app/{practice.slug}/interviews/mine/")
    expect(page.get_by_text(CANDIDATE).locator("visible=true").first).to_be_visible()
    _assert_accessible(axe, page, "My interviews")
    page.goto(candidate_url)
    page.get_by_role("link", name="Your kit and scorecard").click()
    expect(page.get_by_text(first_question)).to_be_visible()
    for competency in competencies[:-1]:
        page.get_by_role("group", name=competency.name, exact=True).get_by_label(
            "3 — ", exact=False).check()
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("Overall note").fill("Calm, organised, knows HIPAA well.")
    page.get_by_role("button", name="Submit scorecard").click()
    last = competencies[-1].name
    expect(page.get_by_text(f"Rate {last} before submitting.")).to_be_visible()
    expect(page.get_by_label("Overall note")).to_have_value("Calm, organised, knows HIPAA well.")
    _assert_accessible(axe, page, "The scorecard with an error")
    page.get_by_role("group", name=last, exact=True).get_by_label("4 — ", exact=False).check()
    page.get_by_role("button", name="Submit scorecard").click()
    expect(page.get_by_text("Scorecard submitted")).to_be_visible()
    with scopes_disabled():
        scorecard = Scorecard.objects.get(interview=interview)
    assert scorecard.is_submitted
    assert scorecard.recommendation == "yes"

    # the manager compares the job's candidates
    manager_page.goto(f"{base}/app/{practice.slug}/jobs/{application.job.public_id}/board/")
    manager_page.get_by_role("link", name="Compare candidates").click()
    row = manager_page.get_by_role("row").filter(has_text=CANDIDATE)
    expect(row).to_contain_text("Yes: 1")
    expect(row).to_contain_text("4.00")
    _assert_accessible(axe, manager_page, "The comparison")
    # the one refused submit answers 400 by design; nothing else failed
    scorecard_url = f"{base}/app/{practice.slug}/interviews/{interview.public_id}/scorecard/"
    assert page_problems == [f"400 {scorecard_url}"]
