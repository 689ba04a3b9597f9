"""The candidate's private offer page: links that do not open (expired, revoked, tampered,
another practice's) reveal nothing; consent, then accept with a signature or decline;
refusals leave nothing half-saved."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import docx
import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from candidates.models import Application, Stage
from candidates.pipeline import application_reject
from hiring.models import AuditEvent
from onboarding import esign, links, offers
from onboarding.models import Offer, Signature, SigningEvent
from tests.onboarding.offer_helpers import (
    NAME,
    hide_libreoffice,
    in_offer_stage,
    link_path,
    make_offer,
    send,
)

pytestmark = pytest.mark.django_db
SECRETS = ("Medical Assistant", "24.50", NAME, "Morgan")  # what a dead link must not show


@pytest.fixture(autouse=True)
def _no_pdf(monkeypatch):
    """The letter's PDF is covered in test_offers.py; these pages need the DOCX only."""
    hide_libreoffice(monkeypatch)


@pytest.fixture
def offer(practice, manager, django_capture_on_commit_callbacks):
    application = in_offer_stage(practice, manager)
    return send(make_offer(application, manager), manager, django_capture_on_commit_callbacks)


@pytest.fixture
def path(offer):
    return link_path()


def _reveals_nothing(response) -> None:
    body = response.content.decode()
    for secret in SECRETS:
        assert secret not in body, secret


def _consent(client, path):
    return client.post(path, {"action": "consent", "agreed": "on"})


def _accept(client, path, name=NAME, agreed=True):
    data = {"action": "accept", "typed_name": name} | ({"agreed": "on"} if agreed else {})
    return client.post(path, data)


def _events(offer) -> list[str]:
    with scopes_disabled():
        return list(SigningEvent.objects.filter(subject=f"offer:{offer.public_id}")
                    .order_by("id").values_list("event", flat=True))


# --- Links that do not open ---------------------------------------------------------------------

def test_an_expired_link_says_so_and_reveals_nothing(client, offer, practice):
    with time_machine.travel(timezone.now() - timedelta(days=links.MAX_AGE_DAYS + 1)):
        token = links.make_token(salt=offers.LINK_SALT, public_id=offer.public_id,
                                 nonce=offer.link_nonce)

    response = client.get(f"/careers/{practice.slug}/offers/{token}/")

    assert response.status_code == 404
    assert "This link has expired" in response.content.decode()
    _reveals_nothing(response)


def test_a_tampered_link_says_so_and_reveals_nothing(client, path):
    token = path.rstrip("/").rsplit("/", 1)[-1]
    tampered = path.replace(token, token[:-3] + ("aaa" if token[-3:] != "aaa" else "bbb"))

    response = client.get(tampered)

    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()
    _reveals_nothing(response)


def test_a_revoked_link_says_so_and_reveals_nothing(client, offer, path, manager,
                                                    django_capture_on_commit_callbacks):
    send(offer, manager, django_capture_on_commit_callbacks, again=True)

    response = client.get(path)

    assert response.status_code == 404
    assert "replaced by a newer one" in response.content.decode()
    _reveals_nothing(response)
    assert client.post(path, {"action": "decline"}).status_code == 404
    offer.refresh_from_db()
    assert offer.status == Offer.Status.SENT


def test_another_practices_offer_does_not_open_here(client, practice, other_practice,
                                                    other_owner, offer,
                                                    django_capture_on_commit_callbacks):
    theirs = in_offer_stage(other_practice, other_owner, email="someone@example.test")
    send(make_offer(theirs, other_owner, position_title="Dental Hygienist"), other_owner,
         django_capture_on_commit_callbacks)
    token = link_path().rstrip("/").rsplit("/", 1)[-1]

    response = client.get(f"/careers/{practice.slug}/offers/{token}/")

    assert response.status_code == 404
    assert "This link is not valid" in response.content.decode()
    assert "Dental Hygienist" not in response.content.decode()
    assert client.get(f"/careers/{other_practice.slug}/offers/{token}/").status_code == 200


def test_downloads_of_a_dead_link_are_refused(client, path, offer, manager, practice):
    with scope(practice=practice):
        offers.offer_withdraw(offer=offer, actor=manager)

    assert client.get(f"{path}letter.docx").status_code == 404


# --- Expiry, in the practice's time zone --------------------------------------------------------

def test_the_offer_can_be_answered_until_the_end_of_its_last_day_where_the_practice_is(
        client, offer, path):
    zone = ZoneInfo(offer.practice.timezone)
    last_evening = datetime.combine(offer.expires_on, datetime.min.time(), tzinfo=zone
                                    ) + timedelta(hours=23, minutes=59)

    with time_machine.travel(last_evening):
        assert client.get(path).status_code == 200
    with time_machine.travel(last_evening + timedelta(minutes=1)):
        response = client.get(path)

    assert response.status_code == 410
    assert "This offer expired on" in response.content.decode()
    _reveals_nothing(response)


def test_an_expired_offer_cannot_be_accepted(client, offer, path):
    _consent(client, path)

    with time_machine.travel(offers.offer_expires_at(offer) + timedelta(seconds=1)):
        response = _accept(client, path)
        with pytest.raises(ValidationError, match="expired"), scope(practice=offer.practice):
            offers.offer_accept(offer=offer, typed_name=NAME, agreed=True,
                                viewed_at=timezone.now(), seen=esign.Seen())

    assert response.status_code == 410
    offer.refresh_from_db()
    assert offer.status == Offer.Status.SENT
    assert not Signature.objects.with_scopes_disabled().exists()


# --- Reading, consent, accepting ----------------------------------------------------------------

def test_the_page_shows_the_letter_and_records_one_view_per_visit(client, offer, path):
    body = client.get(path).content.decode()
    client.get(path)

    assert "Dear Morgan Ellis" in body
    assert "$24.50 per hour" in body
    assert "I agree to use electronic records and signatures" in body
    assert _events(offer) == ["link_sent", "viewed"]


def test_the_letter_and_the_disclosure_download(client, offer, path):
    letter = client.get(f"{path}letter.docx")
    disclosure = client.get(f"{path}disclosure.txt")

    assert esign.sha256(b"".join(letter.streaming_content)) == offer.letter.docx_sha256
    assert b"disclosure and consent" in disclosure.content
    assert _events(offer)[-2:] == ["downloaded", "downloaded"]


def test_consent_needs_the_box_ticked(client, offer, path):
    response = client.post(path, {"action": "consent"})

    assert response.status_code == 400
    assert "Tick the box to agree" in response.content.decode()
    assert "consented" not in _events(offer)


def test_accepting_signs_the_letter_and_hires_the_candidate(client, offer, path):
    client.get(path)
    _consent(client, path)

    response = _accept(client, path, name="  morgan   ELLIS ")

    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == Offer.Status.ACCEPTED
    assert offer.responded_at is not None
    with scopes_disabled():
        signature = offer.signature
        with offer.letter.docx.open("rb") as handle:
            assert esign.sha256(handle.read()) == signature.document_sha256
        assert esign.signature_problems(signature) == []
        application = Application.objects.select_related("stage").get(pk=offer.application_id)
        assert AuditEvent.objects.filter(action="onboarding.offer.accepted").exists()
    assert application.stage.kind == Stage.Kind.HIRED
    assert _events(offer) == ["link_sent", "viewed", "consented", "signed"]
    page = client.get(path).content.decode()
    assert "You have accepted this offer" in page


def test_the_candidate_gets_a_signed_copy_and_the_maker_is_told(client, offer, path, manager,
                                                                django_capture_on_commit_callbacks):
    _consent(client, path)
    with django_capture_on_commit_callbacks(execute=True):
        _accept(client, path)

    copy, notice = mail.outbox[-2], mail.outbox[-1]
    assert copy.to == ["morgan.ellis@example.test"]
    filename, content, _type = copy.attachments[0]
    assert filename.endswith(".docx")
    assert "Certificate of electronic signature" in "\n".join(
        p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    assert notice.to == [manager.email]
    assert "accepted" in notice.subject
    assert "opening is now filled" in notice.body  # the job's one opening


def test_a_second_click_finds_the_offer_accepted(client, offer, path):
    _consent(client, path)
    _accept(client, path)

    again = _accept(client, path)

    assert again.status_code == 302
    assert "You have accepted this offer" in client.get(again["Location"]).content.decode()
    assert Signature.objects.with_scopes_disabled().count() == 1


def test_a_wrong_name_is_refused_and_kept_for_correction(client, offer, path):
    _consent(client, path)

    response = _accept(client, path, name="Morgan Elis")

    assert response.status_code == 400
    body = response.content.decode()
    assert "Type your full name as Morgan Ellis" in body
    assert 'value="Morgan Elis"' in body
    offer.refresh_from_db()
    assert offer.status == Offer.Status.SENT


def test_accepting_without_consent_or_intent_is_refused(client, offer, path):
    response = _accept(client, path, agreed=False)

    assert response.status_code == 400
    assert Signature.objects.with_scopes_disabled().count() == 0


def test_a_failed_move_leaves_nothing_half_saved(client, offer, path, monkeypatch):
    _consent(client, path)

    def refuse(**kwargs):
        raise ValidationError("Someone changed this application meanwhile.")
    monkeypatch.setattr(offers, "application_move", refuse)
    response = _accept(client, path)

    assert response.status_code == 400
    offer.refresh_from_db()
    assert offer.status == Offer.Status.SENT
    assert offer.signature_id is None
    assert Signature.objects.with_scopes_disabled().count() == 0
    assert "signed" not in _events(offer)


def test_an_application_ended_meanwhile_cannot_accept(client, offer, path, manager):
    _consent(client, path)
    with scope(practice=offer.practice):
        application_reject(application=offer.application, actor=manager, reason=None)

    response = _accept(client, path)

    assert response.status_code == 400
    assert "This offer is no longer open" in response.content.decode()
    offer.refresh_from_db()
    assert offer.status == Offer.Status.SENT


# --- Declining ----------------------------------------------------------------------------------

def test_declining_keeps_the_reason(client, offer, path, manager,
                                    django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, {"action": "decline",
                                      "reason": "I took a job closer to home."})

    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == Offer.Status.DECLINED
    assert offer.decline_reason == "I took a job closer to home."
    assert _events(offer)[-1] == "declined"
    assert "closer to home" in mail.outbox[-1].body
    assert "You declined this offer" in client.get(path).content.decode()


def test_a_declined_offer_cannot_be_accepted(client, offer, path):
    _consent(client, path)
    client.post(path, {"action": "decline"})

    response = _accept(client, path)
    with pytest.raises(ValidationError, match="You declined this offer"), \
            scope(practice=offer.practice):
        offers.offer_accept(offer=offer, typed_name=NAME, agreed=True,
                            viewed_at=timezone.now(), seen=esign.Seen())

    assert response.status_code == 400
    assert "You declined this offer, so it can no longer be accepted" in \
        response.content.decode()
    offer.refresh_from_db()
    assert offer.status == Offer.Status.DECLINED
    assert Signature.objects.with_scopes_disabled().count() == 0
