"""Self-scheduling pages: the candidate's pick page, and the staff's offer pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from hiring.models import Membership
from interviews.models import Interview, SlotInvitation, SlotOffer
from interviews.services import candidate_link
from interviews.slots import invitation_link, slot_invite
from tests.factories import ApplicationFactory
from tests.interviews.test_slots import CHICAGO, at, offer, pick, slot_at

pytestmark = pytest.mark.django_db


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


def path_of(invitation) -> str:
    return invitation_link(invitation).split("127.0.0.1:8000")[-1]


# --- The candidate's page -----------------------------------------------------------------------

def test_the_candidate_sees_the_free_times_as_choices_in_the_practice_zone(
        client, owner, member, application):
    invitation = offer(application, owner, member)
    passed = slot_at(invitation, 9)
    with scopes_disabled():
        passed.starts_at = timezone.now() - timedelta(hours=1)  # no longer offered
        passed.save()

    page = client.get(path_of(invitation)).content.decode()

    assert page.count('type="radio" name="slot"') == 2
    assert "11:00 AM" in page
    assert "2:00 PM" in page
    assert '<label class="list-group-item d-flex align-items-center gap-3 py-3" for="slot-1">' \
        in page


def test_a_pick_books_the_time_and_leads_to_the_interview_page(client, owner, member,
                                                               application):
    invitation = offer(application, owner, member)
    slot = slot_at(invitation, 14)

    response = client.post(path_of(invitation), {"slot": str(slot.public_id)})

    with scopes_disabled():
        interview = Interview.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith("/careers/riverside/interviews/")
    assert "/pick/" not in response["Location"]
    assert interview.starts_at == at(14)
    page = client.get(response["Location"]).content.decode()
    assert "you have confirmed" in page


def test_a_time_someone_just_took_shows_what_is_still_free(client, practice, owner, member,
                                                          application):
    invitation = offer(application, owner, member)
    with scopes_disabled():
        second = ApplicationFactory(practice=practice, job=application.job)
    with scope(practice=practice):
        other = slot_invite(offer=invitation.offer, application=second, actor=owner)
    pick(invitation, slot_at(invitation, 11))

    response = client.post(path_of(other), {"slot": str(slot_at(invitation, 11).public_id)})

    page = response.content.decode()
    assert response.status_code == 400
    assert "Someone else took" in page
    assert page.count('type="radio" name="slot"') == 2
    assert "11:00 AM</span>" not in page


def test_the_link_used_again_shows_the_time_chosen_and_the_interview_page(
        client, owner, member, application):
    invitation = offer(application, owner, member)
    pick(invitation, slot_at(invitation, 11))

    response = client.post(path_of(invitation), {"slot": str(slot_at(invitation, 9).public_id)})

    page = response.content.decode()
    assert response.status_code == 400
    assert "You already chose" in page
    assert "11:00 AM" in page
    assert 'href="/careers/riverside/interviews/' in page  # to confirm or ask another time
    assert 'name="slot"' not in page


@pytest.mark.parametrize("kind", ["tampered", "interview link", "expired"])
def test_a_bad_link_is_404(client, owner, member, application, kind):
    invitation = offer(application, owner, member)
    path = path_of(invitation)
    if kind == "tampered":
        path = path[:-6] + "abcde/"
    elif kind == "interview link":  # a token of the other salt opens nothing here
        interview = pick(invitation, slot_at(invitation, 9))
        token = candidate_link(interview).split("/")[-2]
        path = reverse("interviews-public:slot-pick", kwargs={"practice": "riverside",
                                                              "token": token})

    with time_machine.travel(timezone.now() + timedelta(days=31 if kind == "expired" else 0)):
        response = client.get(path)

    assert response.status_code == 404
    assert "We can't open this link" in response.content.decode()


# --- Staff pages ----------------------------------------------------------------------------------

def test_a_manager_offers_times_from_the_candidate_page(manager_client, practice, member,
                                                       application):
    url = reverse("interviews:slot-offer-create", kwargs={
        "practice": practice.slug, "application_id": application.public_id})
    day = at(10).date().isoformat()
    data = {"kind": "video", "duration_minutes": "30", "location": "https://meet.example",
            "interviewers": [member.pk], "date_1": day, "start_1": "10:00",
            "date_2": day, "start_2": "15:30"}

    response = manager_client.post(url, data)

    assert response.status_code == 302
    with scopes_disabled():
        offered = SlotOffer.objects.get()
        assert [s.starts_at.astimezone(CHICAGO).strftime("%H:%M")
                for s in offered.slots.all()] == ["10:00", "15:30"]
        assert SlotInvitation.objects.get().application == application
    page = manager_client.get(response["Location"]).content.decode()
    assert application.candidate.full_name in page
    assert "E-mail on its way" in page  # sent after commit, which this test never reaches


def test_one_time_only_or_half_a_row_is_refused(manager_client, practice, member, application):
    url = reverse("interviews:slot-offer-create", kwargs={
        "practice": practice.slug, "application_id": application.public_id})
    day = at(10).date().isoformat()
    data = {"kind": "on_site", "duration_minutes": "45", "interviewers": [member.pk],
            "date_1": day, "start_1": "10:00"}

    one = manager_client.post(url, data).content.decode()
    half = manager_client.post(url, {**data, "date_2": day}).content.decode()

    assert "Offer between 2 and 8 times." in one
    assert "Give both the date and the start." in half
    with scopes_disabled():
        assert not SlotOffer.objects.exists()


def test_the_offer_page_shows_who_took_what_and_invites_another(manager_client, practice,
                                                                owner, member, application):
    invitation = offer(application, owner, member)
    pick(invitation, slot_at(invitation, 11))
    with scopes_disabled():
        second = ApplicationFactory(practice=practice, job=application.job)
    url = reverse("interviews:slot-offer-detail", kwargs={
        "practice": practice.slug, "slot_offer_id": invitation.offer.public_id})

    page = manager_client.get(url).content.decode()
    response = manager_client.post(url, {"application": second.pk})

    assert f"Taken by {application.candidate.full_name}" in page
    assert second.candidate.full_name in page  # offered in the invite form
    assert response.status_code == 302
    with scopes_disabled():
        assert SlotInvitation.objects.filter(application=second).exists()


def test_the_candidate_page_links_to_offering_times_and_the_open_offer(
        manager_client, practice, owner, member, application):
    invitation = offer(application, owner, member)

    page = manager_client.get(reverse("candidates-staff:application-detail", kwargs={
        "practice": practice.slug, "application_id": application.public_id})).content.decode()

    assert reverse("interviews:slot-offer-create", kwargs={
        "practice": practice.slug, "application_id": application.public_id}) in page
    assert reverse("interviews:slot-offer-detail", kwargs={
        "practice": practice.slug, "slot_offer_id": invitation.offer.public_id}) in page
