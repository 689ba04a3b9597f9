"""Self-scheduling: offering times, inviting more candidates, picking one (first come, first
served, also across two database connections), the e-mail with the private link."""

from __future__ import annotations

import re
import threading
import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from candidates.models import Application
from hiring.models import Membership
from interviews.models import Interview, Slot, SlotInvitation
from interviews.services import interview_cancel
from interviews.slots import (
    free_slots,
    invitation_from_link,
    invitation_link,
    slot_invite,
    slot_offer_create,
    slot_pick,
)
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db
CHICAGO = zoneinfo.ZoneInfo("America/Chicago")  # the practice fixture's zone


def at(hour: int, days: int = 3) -> datetime:
    day = timezone.localdate(timezone=CHICAGO) + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=CHICAGO)


@pytest.fixture
def member(interviewer):
    with scopes_disabled():
        return Membership.objects.get(user=interviewer)


@pytest.fixture
def application(practice, member):
    with scopes_disabled():
        application = ApplicationFactory(practice=practice)
        application.job.hiring_team.add(member)
    return application


@pytest.fixture
def second(practice, application):
    """Another candidate of the same job."""
    with scopes_disabled():
        return ApplicationFactory(practice=practice, job=application.job)


def offer(application, owner, member, hours=(9, 11, 14), **extra) -> SlotInvitation:
    with scope(practice=application.practice):
        return slot_offer_create(application=application, actor=owner,
                                 starts=[at(h) for h in hours], interviewers=[member],
                                 location="12 Main Street", **extra)


def slot_at(invitation, hour) -> Slot:
    with scopes_disabled():
        return invitation.offer.slots.get(starts_at=at(hour))


def pick(invitation, slot) -> Interview:
    with scope(practice=invitation.practice):
        return slot_pick(invitation=invitation, slot=slot)


# --- Offering -----------------------------------------------------------------------------------

def test_an_offer_emails_the_candidate_once_a_link_to_its_times(
        practice, owner, member, application, django_capture_on_commit_callbacks):
    from interviews.tasks import slot_invitation_send

    practice.email = "office@riverside.test"
    practice.save()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = offer(application, owner, member)
    slot_invitation_send.delay(practice.pk, invitation_id=invitation.pk)  # delivered twice

    [message] = mail.outbox
    assert message.to == [application.candidate.email]
    assert message.reply_to == ["office@riverside.test"]
    assert "9:00 AM" in message.body
    assert "2:00 PM" in message.body
    [link] = re.findall(r"http\S+/interviews/pick/\S+", message.body)
    assert link.split("/pick/")[0] == invitation_link(invitation).split("/pick/")[0]
    with scope(practice=practice):
        assert invitation_from_link(practice=practice, token=link.split("/")[-2]) == invitation
    with scopes_disabled():
        invitation.refresh_from_db()
        assert invitation.sent_at is not None
        assert invitation.offer.slots.count() == 3


@pytest.mark.parametrize("hours", [(9,), (8, 9, 10, 11, 12, 13, 14, 15, 16)])
def test_fewer_than_two_or_more_than_eight_times_are_refused(owner, member, application, hours):
    with pytest.raises(ValidationError, match="between 2 and 8"):
        offer(application, owner, member, hours=hours)


def test_the_same_time_twice_is_refused(owner, member, application):
    with pytest.raises(ValidationError, match="twice"):
        offer(application, owner, member, hours=(9, 9))


def test_a_time_in_the_past_is_refused(owner, member, application):
    with scope(practice=application.practice), pytest.raises(ValidationError, match="passed"):
        slot_offer_create(application=application, actor=owner, interviewers=[member],
                          starts=[timezone.now() - timedelta(hours=1), at(9)])


def test_an_interviewer_off_the_team_is_refused(owner, manager, application):
    with scopes_disabled():
        off_team = Membership.objects.get(user=manager)

    with pytest.raises(ValidationError, match="hiring team"):
        offer(application, owner, off_team)


def test_an_application_out_of_the_pipeline_gets_no_offer(owner, member, application):
    Application.objects.with_scopes_disabled().filter(pk=application.pk).update(
        status=Application.Status.REJECTED)
    application.status = Application.Status.REJECTED

    with pytest.raises(ValidationError, match="no longer in the pipeline"):
        offer(application, owner, member)


def test_another_candidate_of_the_job_is_invited_once(owner, member, application, second,
                                                      django_capture_on_commit_callbacks):
    first = offer(application, owner, member)

    with django_capture_on_commit_callbacks(execute=True), scope(practice=first.practice):
        invitation = slot_invite(offer=first.offer, application=second, actor=owner)
    with scope(practice=first.practice), pytest.raises(ValidationError, match="already"):
        slot_invite(offer=first.offer, application=second, actor=owner)

    assert invitation.application == second
    assert [m.to for m in mail.outbox] == [[second.candidate.email]]


def test_a_candidate_of_another_job_is_not_invited(practice, owner, member, application):
    first = offer(application, owner, member)
    with scopes_disabled():
        elsewhere = ApplicationFactory(practice=practice)

    with scope(practice=practice), pytest.raises(ValidationError, match="for this job"):
        slot_invite(offer=first.offer, application=elsewhere, actor=owner)


def test_nobody_is_invited_once_every_time_is_taken(owner, member, application, second):
    first = offer(application, owner, member, hours=(9, 11))
    with scopes_disabled():
        first.offer.slots.filter(starts_at=at(9)).update(starts_at=timezone.now()
                                                          - timedelta(hours=1))
    pick(first, slot_at(first, 11))

    with scope(practice=first.practice), pytest.raises(ValidationError, match="taken or past"):
        slot_invite(offer=first.offer, application=second, actor=owner)


# --- Picking ------------------------------------------------------------------------------------

def test_a_pick_books_a_confirmed_interview_and_leaves_the_other_times_free(
        owner, member, application, django_capture_on_commit_callbacks):
    invitation = offer(application, owner, member)

    with django_capture_on_commit_callbacks(execute=True):
        interview = pick(invitation, slot_at(invitation, 11))

    assert interview.starts_at == at(11)
    assert interview.candidate_answer == Interview.Answer.CONFIRMED
    assert interview.location == "12 Main Street"
    with scopes_disabled():
        assert list(interview.interviewers.all()) == [member]
        invitation.refresh_from_db()
        assert invitation.interview == interview
        assert slot_at(invitation, 11).interview == interview
        assert [s.starts_at for s in free_slots(invitation.offer)] == [at(9), at(14)]
    assert application.candidate.email in [m.to[0] for m in mail.outbox]  # the invite


def test_a_link_used_twice_names_the_time_already_chosen(owner, member, application):
    invitation = offer(application, owner, member)
    pick(invitation, slot_at(invitation, 11))

    with pytest.raises(ValidationError, match=r"You already chose .* 11:00 AM") as error:
        pick(invitation, slot_at(invitation, 14))

    assert error.value.code == "already_picked"
    with scopes_disabled():
        assert Interview.objects.count() == 1


def test_a_taken_time_is_refused_with_the_times_still_free(owner, member, application,
                                                           second):
    invitation = offer(application, owner, member)
    with scope(practice=invitation.practice):
        other = slot_invite(offer=invitation.offer, application=second, actor=owner)
    pick(invitation, slot_at(invitation, 11))

    with pytest.raises(ValidationError) as error:
        pick(other, slot_at(invitation, 11))

    taken, still_free = error.value.messages[0].split("Still free:")
    assert "11:00 AM" in taken
    assert "9:00 AM" in still_free
    assert "2:00 PM" in still_free
    assert "11:00 AM" not in still_free


def test_a_past_time_cannot_be_picked(owner, member, application):
    invitation = offer(application, owner, member)
    slot = slot_at(invitation, 9)
    with scopes_disabled():
        Slot.objects.filter(pk=slot.pk).update(starts_at=timezone.now() - timedelta(minutes=5))
        slot.refresh_from_db()

    with pytest.raises(ValidationError, match="passed"):
        pick(invitation, slot)


def test_cancelling_a_picked_interview_frees_its_time(owner, member, application):
    invitation = offer(application, owner, member)
    interview = pick(invitation, slot_at(invitation, 11))

    with scope(practice=invitation.practice):
        interview_cancel(interview=interview, actor=owner)

    assert slot_at(invitation, 11).interview is None
    with scopes_disabled():
        assert free_slots(invitation.offer).count() == 3


@pytest.mark.django_db(transaction=True)
def test_two_candidates_picking_the_same_time_at_once_book_it_once(practice, owner, member,
                                                                   application, second):
    first = offer(application, owner, member)
    with scope(practice=practice):
        other = slot_invite(offer=first.offer, application=second, actor=owner)
    slot = slot_at(first, 11)
    barrier = threading.Barrier(2)
    won: list[Interview] = []
    refused: list[ValidationError] = []

    def attempt(invitation_id: int) -> None:
        try:
            with scope(practice=practice):
                invitation = SlotInvitation.objects.get(pk=invitation_id)
                mine = Slot.objects.get(pk=slot.pk)
                barrier.wait()
                won.append(slot_pick(invitation=invitation, slot=mine))
        except ValidationError as exc:
            refused.append(exc)
        finally:
            connection.close()  # each thread has its own database connection

    threads = [threading.Thread(target=attempt, args=(i,)) for i in (first.pk, other.pk)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(won) == 1
    assert len(refused) == 1
    assert refused[0].code == "taken"
    assert "9:00 AM" in refused[0].messages[0].split("Still free:")[1]
    with scopes_disabled():
        assert Interview.objects.count() == 1
        assert Slot.objects.get(pk=slot.pk).interview_id == won[0].pk
        assert SlotInvitation.objects.filter(interview__isnull=False).count() == 1
