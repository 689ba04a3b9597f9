"""Offers, the services: the letter template and its merge fields, the rules for making an
offer, sending (the DOCX, the PDF by LibreOffice, the e-mail with its link), resending and
withdrawing, and the tasks."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import timedelta

import docx
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from candidates.models import Application
from candidates.pipeline import application_reject
from onboarding import esign, offers
from onboarding.models import Offer, OfferLetterTemplate, SigningEvent
from onboarding.tasks import offer_letter_send
from tests.onboarding.offer_helpers import (
    NAME,
    hide_libreoffice,
    in_offer_stage,
    link_path,
    make_offer,
    send,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(practice, manager):
    return in_offer_stage(practice, manager)


@pytest.fixture
def offer(application, manager):
    return make_offer(application, manager)


def _docx_text(field) -> str:
    with field.open("rb") as handle:
        document = docx.Document(io.BytesIO(handle.read()))
    return "\n".join(p.text for p in document.paragraphs)


# --- The letter template ------------------------------------------------------------------------

def test_the_default_letter_uses_only_known_merge_fields():
    assert set(offers.letter_fields_check(offers.DEFAULT_LETTER)) == set(offers.MERGE_FIELDS)


def test_an_unknown_merge_field_is_refused_by_name():
    with pytest.raises(ValidationError) as refused:
        offers.letter_fields_check("Dear {candidate_name}, your salary is {salary}.")

    assert "{salary} is not a merge field" in refused.value.messages[0]
    assert "{candidate_name}" in refused.value.messages[0]  # and the ones to use


@pytest.mark.parametrize("text", ["{candidate_name.__class__}", "{pay:>30}", "{notes!r}",
                                  "A lone { brace"])
def test_attribute_access_format_specs_and_lone_braces_are_refused(text):
    with pytest.raises(ValidationError):
        offers.letter_fields_check(text)


def test_a_changed_template_raises_the_version_and_an_unchanged_one_does_not(practice, owner):
    with scope(practice=practice):
        first = offers.letter_template_get(practice=practice)
        changed = offers.letter_template_update(practice=practice, actor=owner,
                                                body="Dear {candidate_name},\n\nWelcome.")
        same = offers.letter_template_update(practice=practice, actor=owner,
                                             body="Dear {candidate_name},\n\nWelcome.")

    assert (first.version, changed.version, same.version) == (1, 2, 2)
    assert changed.updated_by == owner


def test_a_template_with_an_unknown_field_is_not_saved(practice, owner):
    with scope(practice=practice), pytest.raises(ValidationError) as refused:
        offers.letter_template_update(practice=practice, actor=owner, body="Hi {first_name}")

    assert "{first_name}" in refused.value.message_dict["body"][0]
    with scopes_disabled():
        assert not OfferLetterTemplate.objects.filter(body__contains="first_name").exists()


def test_the_letter_is_filled_in_and_empty_notes_leave_no_gap(offer, practice):
    offer.notes = ""
    with scope(practice=practice):
        text = offers.letter_render(offer=offer)

    assert f"Dear {NAME}," in text
    assert "Pay: $24.50 per hour" in text
    assert f"Start date: {offers.long_date(offer.start_date)}" in text
    assert "Reports to: " in text
    assert "{" not in text
    assert "\n\n\n" not in text


# --- Making an offer ----------------------------------------------------------------------------

def test_an_offer_is_a_draft_of_the_terms_given(offer, application, manager):
    assert offer.status == Offer.Status.DRAFT
    assert offer.application == application
    assert offer.created_by == manager
    assert str(offer.pay_amount) == "24.50"


def test_an_offer_needs_the_offer_stage(practice, manager, application):
    with scope(practice=practice):
        first_stage = application.job.stages.order_by("position").first()
        Application.objects.filter(pk=application.pk).update(stage=first_stage)
    application.refresh_from_db()

    with pytest.raises(ValidationError, match="Offers are made from the Offer stage"):
        make_offer(application, manager)


def test_an_ended_application_gets_no_offer(practice, manager, application):
    with scope(practice=practice):
        application_reject(application=application, actor=manager, reason=None)

    with pytest.raises(ValidationError, match="no longer in the pipeline"):
        make_offer(application, manager)


@pytest.mark.parametrize(("field", "days", "message"), [
    ("start_date", 0, "The start date must be after today"),
    ("start_date", -3, "The start date must be after today"),
    ("expires_on", 0, "at least until tomorrow"),
    ("expires_on", 20, "on or before the start date"),
])
def test_dates_are_checked_against_the_offer_date(practice, manager, application, field, days,
                                                  message):
    day = offers.practice_today(practice) + timedelta(days=days)

    with pytest.raises(ValidationError) as refused:
        make_offer(application, manager, **{field: day})

    assert message in refused.value.message_dict[field][0]
    with scopes_disabled():
        assert not Offer.objects.exists()  # nothing half-saved


def test_one_open_offer_at_a_time(offer, application, manager):
    with pytest.raises(ValidationError, match="already has an open offer"):
        make_offer(application, manager)


def test_the_manager_must_be_able_to_manage_candidates(practice, manager, interviewer,
                                                       application):
    with scopes_disabled():
        membership = practice.memberships.get(user=interviewer)

    with pytest.raises(ValidationError) as refused:
        make_offer(application, manager, manager=membership)

    assert "manager" in refused.value.message_dict


# --- Sending ------------------------------------------------------------------------------------

def test_sending_makes_the_letter_and_emails_a_working_link(client, offer, manager,
                                                           django_capture_on_commit_callbacks):
    sent = send(offer, manager, django_capture_on_commit_callbacks)

    assert sent.status == Offer.Status.SENT
    assert sent.sent_at is not None
    text = _docx_text(sent.letter.docx)
    for expected in (NAME, "$24.50 per hour", offers.long_date(offer.start_date)):
        assert expected in text, expected
    with sent.letter.docx.open("rb") as handle:
        assert esign.sha256(handle.read()) == sent.letter.docx_sha256
    assert [m.to for m in mail.outbox] == [["morgan.ellis@example.test"]]
    response = client.get(link_path())
    assert response.status_code == 200
    assert "Medical Assistant" in response.content.decode()
    with scopes_disabled():
        assert list(SigningEvent.objects.values_list("event", flat=True))[:1] == ["link_sent"]


def test_the_letter_pdf_is_made_by_libreoffice(offer, manager,
                                               django_capture_on_commit_callbacks, tmp_path):
    sent = send(offer, manager, django_capture_on_commit_callbacks)

    with sent.letter.pdf.open("rb") as handle:
        pdf = handle.read()
    assert pdf.startswith(b"%PDF")
    assert esign.sha256(pdf) == sent.letter.pdf_sha256
    source = tmp_path / "letter.pdf"
    source.write_bytes(pdf)
    text = " ".join(subprocess.run([shutil.which("pdftotext"), "-layout", str(source), "-"],  # noqa: S603
                                   check=True, capture_output=True, text=True).stdout.split())
    for expected in (NAME, "$24.50 per hour", offers.long_date(offer.start_date)):
        assert expected in text, expected


def test_without_libreoffice_only_the_pdf_is_left_out(offer, manager, monkeypatch,
                                                      django_capture_on_commit_callbacks):
    hide_libreoffice(monkeypatch)

    sent = send(offer, manager, django_capture_on_commit_callbacks)

    assert sent.letter.docx
    assert not sent.letter.pdf
    assert len(mail.outbox) == 1


def test_a_bad_template_is_refused_when_sending_not_in_the_worker(offer, manager, practice):
    with scopes_disabled():
        OfferLetterTemplate.objects.create(practice=practice, body="Hi {nickname}")

    with scope(practice=practice), pytest.raises(ValidationError, match="nickname"):
        offers.offer_send(offer=offer, actor=manager)
    offer.refresh_from_db()
    assert offer.status == Offer.Status.DRAFT


def test_a_draft_sent_twice_is_refused(offer, manager, monkeypatch,
                                       django_capture_on_commit_callbacks):
    hide_libreoffice(monkeypatch)
    send(offer, manager, django_capture_on_commit_callbacks)

    with pytest.raises(ValidationError, match="already been sent"):
        send(offer, manager, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_resending_keeps_the_letter_and_revokes_earlier_links(client, offer, manager,
                                                              monkeypatch,
                                                              django_capture_on_commit_callbacks):
    hide_libreoffice(monkeypatch)
    first = send(offer, manager, django_capture_on_commit_callbacks)
    old_link = link_path()

    again = send(offer, manager, django_capture_on_commit_callbacks, again=True)

    assert again.link_nonce != first.link_nonce
    assert again.letter == first.letter
    assert len(mail.outbox) == 2
    assert link_path() != old_link
    assert client.get(old_link).status_code == 404
    assert client.get(link_path()).status_code == 200


def test_withdrawing_stops_the_link(client, offer, manager, practice, monkeypatch,
                                    django_capture_on_commit_callbacks):
    hide_libreoffice(monkeypatch)
    send(offer, manager, django_capture_on_commit_callbacks)

    with scope(practice=practice):
        withdrawn = offers.offer_withdraw(offer=offer, actor=manager)

    assert withdrawn.status == Offer.Status.WITHDRAWN
    response = client.get(link_path())
    assert response.status_code == 404
    assert "Medical Assistant" not in response.content.decode()


def test_the_task_is_a_no_op_the_second_time(offer, manager, practice, monkeypatch,
                                             django_capture_on_commit_callbacks):
    hide_libreoffice(monkeypatch)
    sent = send(offer, manager, django_capture_on_commit_callbacks)

    offer_letter_send.delay(practice.pk, offer_id=sent.pk, nonce=str(sent.link_nonce))

    assert len(mail.outbox) == 1
    with scopes_disabled():
        assert SigningEvent.objects.filter(event="link_sent").count() == 1


def test_the_task_of_a_replaced_link_sends_nothing(offer, manager, practice, monkeypatch,
                                                   django_capture_on_commit_callbacks):
    hide_libreoffice(monkeypatch)
    sent = send(offer, manager, django_capture_on_commit_callbacks)
    old_nonce = str(sent.link_nonce)
    with scope(practice=practice):
        offers.offer_withdraw(offer=sent, actor=manager)

    offer_letter_send.delay(practice.pk, offer_id=sent.pk, nonce=old_nonce)

    assert len(mail.outbox) == 1
