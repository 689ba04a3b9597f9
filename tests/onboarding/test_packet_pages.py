"""The staff pages of packets: sending one from the candidate's page, the list with progress
and overdue steps, a packet's page, downloads (one signed document, the whole packet as a
zip with its trail) and who may see any of it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from candidates.models import Stage
from candidates.pipeline import application_enter_pipeline, job_pipeline
from hiring.models import AuditEvent
from onboarding import packets
from onboarding.models import Packet, PacketItem
from tests.factories import PacketFactory, PacketItemFactory
from tests.onboarding.packet_helpers import (
    ACCOUNT_NUMBER,
    fill_direct_deposit,
    item,
    new_application,
    send_packet,
    sign,
)

pytestmark = pytest.mark.django_db


def _url(name: str, practice, **kwargs) -> str:
    return reverse(f"onboarding:{name}", kwargs={"practice": practice.slug, **kwargs})


def _packet_url(name: str, packet: Packet) -> str:
    return _url(name, packet.practice, packet_id=packet.public_id)


def _item_url(name: str, step: PacketItem) -> str:
    return _url(name, step.practice, packet_item_id=step.public_id)


@pytest.fixture
def packet(practice, manager) -> Packet:
    return send_packet(practice, manager)


# --- Sending from the candidate's page ------------------------------------------------------

def test_the_candidate_page_offers_the_packet_once_hired(manager_client, practice):
    application = new_application(practice)
    with scope(practice=practice):
        application_enter_pipeline(application=application)
        hired = next(s for s in job_pipeline(application.job) if s.kind == Stage.Kind.HIRED)
        application.stage = hired
        application.save()

    page = manager_client.get(reverse("candidates-staff:application-detail", kwargs={
        "practice": practice.slug, "application_id": application.public_id})).content.decode()

    assert _url("packet-create", practice, application_id=application.public_id) in page


def test_a_manager_sends_a_packet(manager_client, practice, manager):
    application = new_application(practice)
    start = timezone.localdate() + timedelta(days=20)

    response = manager_client.get(_url("packet-create", practice,
                                       application_id=application.public_id))
    template = response.context["form"].initial["template"]
    response = manager_client.post(
        _url("packet-create", practice, application_id=application.public_id),
        {"start_date": start.isoformat(), "template": template.pk})

    with scopes_disabled():
        packet = Packet.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _packet_url("packet-detail", packet)
    assert (packet.start_date, packet.created_by) == (start, manager)


def test_a_refused_packet_keeps_what_was_typed(manager_client, practice):
    application = new_application(practice)
    page = _url("packet-create", practice, application_id=application.public_id)
    template = manager_client.get(page).context["form"].initial["template"]

    response = manager_client.post(page, {"start_date": "2020-01-06",
                                          "template": template.pk})

    assert response.status_code == 400
    assert "The start date is in the past" in response.content.decode()
    assert 'value="2020-01-06"' in response.content.decode()
    with scopes_disabled():
        assert not Packet.objects.exists()


# --- Who may see packets --------------------------------------------------------------------

@pytest.mark.parametrize(("name", "method"), [
    ("packet-detail", "get"), ("packet-download", "get"), ("packet-cancel", "post")])
def test_an_interviewer_reaches_no_packet(interviewer_client, packet, name, method):
    response = getattr(interviewer_client, method)(_packet_url(name, packet))

    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action__startswith="onboarding.packet.viewed").exists()


def test_an_interviewer_cannot_download_a_signed_document(interviewer_client, packet):
    step = sign(packet, "HIPAA confidentiality agreement")

    assert interviewer_client.get(_item_url("packet-item-signed", step)).status_code == 403


def test_another_practices_packet_is_404(owner_client, practice, other_practice):
    with scopes_disabled():
        foreign = PacketItemFactory(practice=other_practice)

    detail = owner_client.get(_url("packet-detail", practice, packet_id=foreign.packet.public_id))
    tick = owner_client.post(_url("packet-item-complete", practice,
                                  packet_item_id=foreign.public_id))

    assert (detail.status_code, tick.status_code) == (404, 404)
    assert not AuditEvent.objects.filter(action="onboarding.packet.viewed").exists()
    foreign.refresh_from_db()
    assert foreign.status == PacketItem.Status.TODO


# --- The list -------------------------------------------------------------------------------

def test_the_list_shows_progress_and_overdue_steps(manager_client, practice):
    today = packets.practice_today(practice)
    with scopes_disabled():
        packet = PacketFactory(practice=practice)
        PacketItemFactory(practice=practice, packet=packet, due_date=today - timedelta(days=2))
        PacketItemFactory(practice=practice, packet=packet, status=PacketItem.Status.DONE)
        PacketItemFactory(practice=practice, packet=packet, due_date=today)  # due, not late

    page = manager_client.get(_url("packet-list", practice)).content.decode()

    assert packet.application.candidate.full_name in page
    assert "1 of 3" in page
    assert "1 overdue" in page


def test_the_list_filters_complete_packets(manager_client, practice):
    with scopes_disabled():
        open_one = PacketFactory(practice=practice)
        done = PacketFactory(practice=practice, status=Packet.Status.COMPLETE)

    page = manager_client.get(_url("packet-list", practice) + "?status=complete")

    names = [p.application.candidate.full_name for p in page.context["page"].object_list]
    assert names == [done.application.candidate.full_name]
    assert open_one.application.candidate.full_name not in page.content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_takes_the_same_queries_at_any_size(manager_client, practice, count,
                                                     django_assert_num_queries):
    with scopes_disabled():
        for _ in range(count):
            PacketItemFactory(practice=practice, due_date=timezone.localdate() - timedelta(1))
    manager_client.get(_url("packet-list", practice))  # the first visit remembers the practice
    # session, user, membership, the count, my practices (menu), the page of packets with
    # their progress and overdue counts
    with django_assert_num_queries(6):
        response = manager_client.get(_url("packet-list", practice))
    assert len(response.context["page"].object_list) == count


# --- A packet's page ------------------------------------------------------------------------

def test_the_packet_page_lists_steps_and_records_the_view(manager_client, manager, packet):
    with scopes_disabled():
        PacketItem.objects.filter(pk=item(packet, "Personal details").pk).update(
            due_date=timezone.localdate() - timedelta(days=3))

    response = manager_client.get(_packet_url("packet-detail", packet))

    page = response.content.decode()
    assert "Form I-9, section 2" in page
    assert "table-danger" in page  # the overdue step stands out
    assert "Overdue" in page
    event = AuditEvent.objects.get(action="onboarding.packet.viewed")
    assert (event.actor, event.object_id) == (manager, str(packet.public_id))


def test_the_packet_page_shows_sensitive_numbers_only_masked(manager_client, packet):
    fill_direct_deposit(packet)

    page = manager_client.get(_packet_url("packet-detail", packet)).content.decode()

    assert "••••6789" in page
    assert ACCOUNT_NUMBER not in page
    assert "Prairie Savings" in page


def test_a_tampered_signed_copy_is_flagged(manager_client, packet):
    step = sign(packet, "HIPAA confidentiality agreement")
    with step.signature.signed_docx.open("wb") as handle:
        handle.write(b"not what was signed")

    page = manager_client.get(_packet_url("packet-detail", packet)).content.decode()

    assert "Integrity warning" in page
    assert "signed copy no longer matches" in page


def test_a_manager_ticks_off_an_employer_task(manager_client, manager, packet):
    task = item(packet, "Equipment")

    response = manager_client.post(_item_url("packet-item-complete", task))

    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.completed_by) == (PacketItem.Status.DONE, manager)


def test_revoke_and_reissue_from_the_page(manager_client, packet):
    nonce = packet.link_nonce

    manager_client.post(_packet_url("packet-link-revoke", packet))
    packet.refresh_from_db()
    revoked = packet.link_nonce
    assert packet.link_revoked_at is not None
    assert "Revoked" in manager_client.get(_packet_url("packet-detail", packet)).content.decode()

    manager_client.post(_packet_url("packet-link-reissue", packet))
    packet.refresh_from_db()
    assert packet.link_revoked_at is None
    assert len({nonce, revoked, packet.link_nonce}) == 3


# --- Templates ------------------------------------------------------------------------------

def test_the_template_list_writes_the_default_once(manager_client, practice):
    manager_client.get(_url("packet-template-list", practice))
    response = manager_client.get(_url("packet-template-list", practice))

    assert [t.name for t in response.context["templates"]] == ["New hire"]
    assert "18 steps" in response.content.decode()


def test_a_refused_step_keeps_what_was_typed(manager_client, practice):
    manager_client.get(_url("packet-template-list", practice))
    with scopes_disabled():
        template = practice.packet_templates.get()

    response = manager_client.post(
        _url("packet-template-item-create", practice, packet_template_id=template.public_id),
        {"kind": "attestation", "title": "Fire safety drill", "due_days": "5"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Write what the new hire confirms" in page
    assert 'value="Fire safety drill"' in page


def test_a_step_is_added_edited_moved_and_removed(manager_client, practice):
    manager_client.get(_url("packet-template-list", practice))
    with scopes_disabled():
        template = practice.packet_templates.get()
    manager_client.post(
        _url("packet-template-item-create", practice, packet_template_id=template.public_id),
        {"kind": "employer_task", "title": "Order scrubs", "due_days": "-5"})
    with scopes_disabled():
        step = template.items.get(title="Order scrubs")
    step_id = {"packet_template_item_id": step.public_id}

    manager_client.post(_url("packet-template-item-edit", practice, **step_id),
                        {"kind": "employer_task", "title": "Order scrubs and badge",
                         "due_days": "-5", "business_days": "on"})
    manager_client.post(_url("packet-template-item-move", practice, **step_id),
                        {"direction": "up"})

    with scopes_disabled():
        titles = list(template.items.values_list("title", flat=True))
        step.refresh_from_db()
    assert titles[-2] == "Order scrubs and badge"
    assert step.business_days
    manager_client.post(_url("packet-template-item-remove", practice, **step_id))
    with scopes_disabled():
        assert not template.items.filter(pk=step.pk).exists()


def test_the_template_page_says_when_each_step_is_due(manager_client, practice):
    manager_client.get(_url("packet-template-list", practice))
    with scopes_disabled():
        template = practice.packet_templates.get()

    page = manager_client.get(_url("packet-template-detail", practice,
                                   packet_template_id=template.public_id)).content.decode()

    assert "due 3 business days after the start date" in page
    assert "due 3 days before the start date" in page
    assert "the offer's letter" in page
