"""Scheduling interviews: invites in RFC 5545, updates, cancellations, the candidate's link."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from icalendar import Calendar

from hiring.models import Membership
from interviews.models import Interview
from interviews.services import (
    candidate_link,
    interview_cancel,
    interview_reschedule,
    interview_schedule,
    schedule_warnings,
)
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db
CHICAGO = zoneinfo.ZoneInfo("America/Chicago")  # the practice fixture's zone


@pytest.fixture
def application(practice, interviewer):
    with scopes_disabled():
        application = ApplicationFactory(practice=practice)
        application.job.hiring_team.add(Membership.objects.get(user=interviewer))
    return application


@pytest.fixture
def interviewer_membership(interviewer):
    with scopes_disabled():
        return Membership.objects.get(user=interviewer)


def _next(weekday: int, hour: int, after_days: int = 1) -> datetime:
    day = timezone.localdate(timezone=CHICAGO) + timedelta(days=after_days)
    while day.weekday() != weekday:
        day += timedelta(days=1)
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=CHICAGO)


def _calendar(message) -> Calendar:
    [(name, content, mimetype)] = message.attachments
    assert name == "invite.ics"
    assert mimetype.startswith("text/calendar; method=")
    return Calendar.from_ical(content)


def _event(calendar):
    return next(c for c in calendar.walk("VEVENT"))


def _schedule(practice, application, owner, member, starts_at, capture):
    with capture(execute=True), scope(practice=practice):
        return interview_schedule(application=application, actor=owner, starts_at=starts_at,
                                  interviewers=[member], location="12 Main Street")


def test_invites_go_to_the_candidate_and_each_interviewer_with_a_calendar_request(
        practice, owner, application, interviewer_membership,
        django_capture_on_commit_callbacks):
    starts = _next(weekday=1, hour=9)

    interview = _schedule(practice, application, owner, interviewer_membership, starts,
                          django_capture_on_commit_callbacks)

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [application.candidate.email, interviewer_membership.user.email])
    calendar = _calendar(mail.outbox[0])
    event = _event(calendar)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == interview.uid
    assert int(event["SEQUENCE"]) == 0
    assert event.decoded("DTSTART").astimezone(CHICAGO).hour == 9
    attendees = {str(a).removeprefix("mailto:") for a in event["ATTENDEE"]}
    assert attendees == {application.candidate.email, interviewer_membership.user.email}
    assert "mailto:" in str(event["ORGANIZER"])
    candidate_mail = next(m for m in mail.outbox if m.to == [application.candidate.email])
    assert candidate_link(interview).split("/interviews/")[0] in candidate_mail.body


@pytest.mark.parametrize("month_day", [(3, 7), (3, 9), (11, 1), (11, 3)])
def test_nine_oclock_stays_nine_across_daylight_saving(practice, owner, application,
                                                        interviewer_membership, month_day,
                                                        django_capture_on_commit_callbacks):
    year = timezone.now().year + 1  # always ahead of today
    starts = datetime(year, *month_day, 9, 0, tzinfo=CHICAGO)

    _schedule(practice, application, owner, interviewer_membership, starts,
              django_capture_on_commit_callbacks)

    event = _event(_calendar(mail.outbox[0]))
    assert event.decoded("DTSTART").astimezone(CHICAGO).strftime("%H:%M") == "09:00"


def test_a_new_time_is_the_same_event_with_a_higher_sequence(
        practice, owner, application, interviewer_membership,
        django_capture_on_commit_callbacks):
    interview = _schedule(practice, application, owner, interviewer_membership,
                          _next(1, 9), django_capture_on_commit_callbacks)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True), scope(practice=practice):
        interview_reschedule(interview=interview, actor=owner, starts_at=_next(3, 14))

    event = _event(_calendar(mail.outbox[0]))
    assert str(event["UID"]) == interview.uid
    assert int(event["SEQUENCE"]) == 1
    assert event.decoded("DTSTART").astimezone(CHICAGO).hour == 14
    assert mail.outbox[0].subject.startswith("New time")


def test_a_cancellation_sends_method_cancel(practice, owner, application,
                                            interviewer_membership,
                                            django_capture_on_commit_callbacks):
    interview = _schedule(practice, application, owner, interviewer_membership,
                          _next(1, 9), django_capture_on_commit_callbacks)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True), scope(practice=practice):
        interview_cancel(interview=interview, actor=owner)

    calendar = _calendar(mail.outbox[0])
    assert str(calendar["METHOD"]) == "CANCEL"
    assert int(_event(calendar)["SEQUENCE"]) == 1
    with scope(practice=practice), pytest.raises(ValidationError, match="already cancelled"):
        interview_cancel(interview=interview, actor=owner)


def test_a_second_delivery_of_the_same_invites_sends_nothing(
        practice, owner, application, interviewer_membership,
        django_capture_on_commit_callbacks):
    from interviews.tasks import interview_invites_send

    interview = _schedule(practice, application, owner, interviewer_membership,
                          _next(1, 9), django_capture_on_commit_callbacks)

    interview_invites_send.delay(practice.pk, interview_id=interview.pk, sequence=0)

    assert len(mail.outbox) == 2


def test_a_time_in_the_past_is_refused(practice, owner, application, interviewer_membership):
    with scope(practice=practice), pytest.raises(ValidationError, match="has passed"):
        interview_schedule(application=application, actor=owner,
                           starts_at=timezone.now() - timedelta(hours=1),
                           interviewers=[interviewer_membership])


def test_an_interviewer_off_the_team_is_refused(practice, owner, application, manager):
    with scopes_disabled():
        outsider = Membership.objects.get(user=manager)
    with scope(practice=practice), pytest.raises(ValidationError, match="hiring team"):
        interview_schedule(application=application, actor=owner, starts_at=_next(1, 9),
                           interviewers=[outsider])


def test_overlaps_and_odd_hours_are_warned_about(practice, owner, application,
                                                 interviewer_membership,
                                                 django_capture_on_commit_callbacks):
    _schedule(practice, application, owner, interviewer_membership, _next(1, 9),
              django_capture_on_commit_callbacks)

    with scope(practice=practice):
        overlap = schedule_warnings(practice_timezone=practice.timezone,
                                    starts_at=_next(1, 9) + timedelta(minutes=30),
                                    duration_minutes=45,
                                    interviewers=[interviewer_membership])
        late = schedule_warnings(practice_timezone=practice.timezone, starts_at=_next(2, 21),
                                 duration_minutes=45, interviewers=[interviewer_membership])

    assert any("already has an interview" in w for w in overlap)
    assert any("outside the practice's usual hours" in w for w in late)


def test_the_candidate_confirms_or_asks_for_another_time(
        client, practice, owner, application, interviewer_membership,
        django_capture_on_commit_callbacks):
    interview = _schedule(practice, application, owner, interviewer_membership, _next(1, 9),
                          django_capture_on_commit_callbacks)
    link = candidate_link(interview).split("127.0.0.1:8000")[-1]

    page = client.get(link)
    client.post(link, {"answer": "new_time", "message": "Mornings after 10 please"})

    assert "9:00 AM" in page.content.decode()
    interview.refresh_from_db()
    assert interview.candidate_answer == Interview.Answer.NEW_TIME
    assert interview.candidate_message == "Mornings after 10 please"
    assert client.get(link[:-6] + "abcdef/").status_code == 404


def test_a_manager_schedules_from_the_candidate_page(manager_client, practice, application,
                                                    interviewer_membership):
    url = reverse("interviews:interview-schedule", kwargs={
        "practice": practice.slug, "application_id": application.public_id})
    day = _next(1, 10)
    data = {"kind": "on_site", "date": day.date().isoformat(), "start": "10:00",
            "duration_minutes": "45", "location": "Room 2",
            "interviewers": [interviewer_membership.pk]}

    response = manager_client.post(url, data)

    assert response.status_code == 302
    with scopes_disabled():
        interview = Interview.objects.get()
    assert interview.starts_at.astimezone(CHICAGO).hour == 10
    assert manager_client.get(response["Location"]).status_code == 200


def test_the_invite_email_gives_the_time_in_the_practice_zone(
        practice, owner, application, interviewer_membership,
        django_capture_on_commit_callbacks):
    _schedule(practice, application, owner, interviewer_membership, _next(1, 9),
              django_capture_on_commit_callbacks)

    assert "9:00 AM" in mail.outbox[0].body
    assert "America/Chicago" in mail.outbox[0].body


def test_a_spanish_applicant_gets_the_invite_and_the_page_in_spanish(
        client, practice, owner, application, interviewer_membership,
        django_capture_on_commit_callbacks):
    from candidates.models import Candidate

    Candidate.objects.with_scopes_disabled().filter(pk=application.candidate_id).update(
        language="es")
    interview = _schedule(practice, application, owner, interviewer_membership, _next(1, 9),
                          django_capture_on_commit_callbacks)
    link = candidate_link(interview).split("127.0.0.1:8000")[-1]

    candidate_mail = next(m for m in mail.outbox if m.to == [application.candidate.email])
    page = client.get(link, HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert candidate_mail.subject.startswith("Entrevista para")
    assert "Confirme su asistencia" in candidate_mail.body
    assert "Ahí estaré" in page
    assert "Pedir otro horario" in page
