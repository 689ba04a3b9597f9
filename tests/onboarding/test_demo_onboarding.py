"""The demo practice's hire: the office manager job's leading candidate accepted an offer with
an e-signature and has the onboarding packet half done; nobody is e-mailed, and seeding again
adds nothing."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django_scopes import scopes_disabled

from candidates.demo import seed_applicants
from candidates.models import Application, Stage
from candidates.pipeline import application_reject
from hiring.models import OutboxTask, Practice
from jobs.demo import seed_jobs
from onboarding import esign, offers, portal
from onboarding.demo import seed_hire
from onboarding.models import (
    Consent,
    FormKind,
    ItemKind,
    ItemOwner,
    Offer,
    Packet,
    PacketItem,
    SignableDocument,
    Signature,
    SigningEvent,
)
from tests.onboarding.offer_helpers import hide_libreoffice

pytestmark = pytest.mark.django_db

MODELS = [Offer, Packet, PacketItem, Signature, SignableDocument, SigningEvent, Consent,
          OutboxTask]


@pytest.fixture(autouse=True)
def _no_pdf(monkeypatch):
    hide_libreoffice(monkeypatch)  # the PDF is optional, and LibreOffice slow


@pytest.fixture
def demo(django_capture_on_commit_callbacks) -> Practice:
    """The seed, with what its commit hands to the outbox run inline (eager Celery)."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", password="demo-password-123")
    return Practice.objects.get(slug="demo-clinic")


def _offer(demo: Practice) -> Offer:
    return (Offer.objects.select_related("application__candidate", "application__job",
                                         "application__stage", "letter", "signature",
                                         "manager__user")
            .get(practice=demo))


def _counts() -> dict[str, int]:
    with scopes_disabled():
        return {model.__name__: model.objects.count() for model in MODELS}


def test_the_office_manager_candidate_accepted_a_signed_offer(demo):
    with scopes_disabled():
        offer = _offer(demo)
        application = offer.application

    assert application.job.slug == "medical-office-manager"
    assert application.stage.kind == Stage.Kind.HIRED
    assert offer.status == Offer.Status.ACCEPTED
    assert offer.sent_at is not None
    assert offer.manager.user.email == "manager@demo-clinic.test"
    assert offer.letter.body.startswith(f"Dear {application.candidate.full_name},")
    assert offer.signature.signer_name == application.candidate.full_name
    assert (offer.signature.ip, offer.signature.user_agent) == ("127.0.0.1", "seed_demo")
    assert offer.signature.intent_text == esign.INTENT_TEXT


def test_the_signing_trail_reads_in_order_and_holds(demo):
    with scopes_disabled():
        offer = _offer(demo)
        events = [e.event for e in esign.trail(offers.subject_of(offer))]
        problems = esign.chain_problems(demo)

    E = SigningEvent.Event
    assert events == [E.LINK_SENT, E.VIEWED, E.CONSENTED, E.SIGNED]
    assert problems == []


def test_the_packet_is_half_done_by_the_new_hire_and_not_at_all_by_the_practice(demo):
    with scopes_disabled():
        packet = Packet.objects.get(practice=demo)
        items = list(packet.items.all())
    done = {(i.kind, i.form) for i in items if i.status == PacketItem.Status.DONE}
    mine = [i for i in items if i.owner == ItemOwner.NEW_HIRE]
    signed = [i for i in items if i.kind == ItemKind.SIGN and i.signature_id]

    assert packet.status == Packet.Status.OPEN
    assert packet.offer.application_id == packet.application_id
    assert {(ItemKind.FORM, FormKind.PERSONAL), (ItemKind.FORM, FormKind.EMERGENCY_CONTACT),
            (ItemKind.ATTESTATION, "")} <= done
    assert len(signed) == 2  # the offer letter, and one document of the packet
    assert (ItemKind.FORM, FormKind.DIRECT_DEPOSIT) not in done
    assert all(i.status == PacketItem.Status.TODO for i in items
               if i.kind in {ItemKind.UPLOAD, ItemKind.EMPLOYER_TASK})
    assert 0.3 <= sum(i.status == PacketItem.Status.DONE for i in mine) / len(mine) <= 0.6


def test_the_demo_emails_nobody(demo):
    with scopes_disabled():
        offer = _offer(demo)
        packet = Packet.objects.get(practice=demo)
        rows = list(OutboxTask.objects.filter(practice=demo))
        # the tasks once more, as a sweeper or a second delivery would run them
        offers.offer_letter_send(offer=offer, nonce=str(offer.link_nonce))
        [link] = [r for r in rows if r.task_name.endswith("packet_link_email")]
        sent = portal.packet_link_email(packet=packet, link=link.kwargs["link"],
                                        sent_at=link.kwargs["sent_at"])

    assert mail.outbox == []
    assert sent is False
    assert {r.status for r in rows} == {OutboxTask.Status.DONE}
    assert not [r for r in rows if r.task_name.endswith("offer_response_notify")]


def test_the_new_hire_link_opens_the_checklist_half_done(demo):
    with scopes_disabled():
        packet = Packet.objects.select_related("practice").get(practice=demo)
        link = urlsplit(portal.packet_link(packet)).path
        mine = packet.items.filter(owner=ItemOwner.NEW_HIRE).count()

    response = Client().get(link)

    assert response.status_code == 200
    assert f"5 of {mine} steps done" in response.content.decode()


def test_seeding_again_adds_nothing_and_emails_nobody(demo, capsys,
                                                      django_capture_on_commit_callbacks):
    before = _counts()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")

    assert _counts() == before
    assert "Onboarding: 0 accepted offer(s)" in capsys.readouterr().out
    assert mail.outbox == []


def test_without_a_candidate_in_the_offer_stage_the_furthest_along_is_moved_there(
        practice, owner, manager):
    with scopes_disabled():
        seed_jobs(practice=practice, owner=owner)
        seed_applicants(practice=practice, owner=owner)
        reason = practice.rejection_reasons.first()
        for application in Application.objects.filter(
                practice=practice, job__slug="medical-office-manager",
                stage__kind=Stage.Kind.OFFER):
            application_reject(application=application, actor=owner, reason=reason)

        made = seed_hire(practice=practice, owner=owner)
        offer = _offer(practice)
        moves = list(offer.application.stage_changes.order_by("id")
                     .values_list("to_stage__kind", flat=True))

    assert made == 1
    assert offer.status == Offer.Status.ACCEPTED
    assert moves[-2:] == [Stage.Kind.OFFER, Stage.Kind.HIRED]
    assert offer.manager.user == manager
