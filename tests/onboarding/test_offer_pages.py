"""Offers, the staff pages: "Make an offer" on the candidate page, the form and its refusals,
the offer's page (letter, trail, integrity, downloads, send, resend, withdraw, openings
filled), the letter template; interviewers reach none of it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from candidates.pipeline import application_move, job_pipeline
from hiring.models import AuditEvent
from jobs.models import Job
from onboarding import esign, offers
from onboarding.models import Offer, OfferLetterTemplate
from tests.factories import OfferFactory
from tests.onboarding.offer_helpers import (
    NAME,
    hide_libreoffice,
    in_offer_stage,
    make_offer,
    send,
    terms,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_pdf(monkeypatch):
    """The letter's PDF is covered in test_offers.py; these pages need the DOCX only."""
    hide_libreoffice(monkeypatch)


@pytest.fixture
def application(practice, manager):
    return in_offer_stage(practice, manager)


@pytest.fixture
def offer(application, manager):
    return make_offer(application, manager)


def _accept(offer: Offer) -> Offer:
    seen = esign.Seen(ip="203.0.113.9", user_agent="Test browser")
    with scope(practice=offer.practice):
        offers.offer_consent(offer=offer, agreed=True, seen=seen)
        return offers.offer_accept(offer=offer, typed_name=NAME, agreed=True,
                                   viewed_at=timezone.now(), seen=seen)


def _url(name: str, offer: Offer) -> str:
    return reverse(f"onboarding:{name}", kwargs={"practice": offer.practice.slug,
                                                 "offer_id": offer.public_id})


def _create_url(application) -> str:
    return reverse("onboarding:offer-create", kwargs={
        "practice": application.practice.slug, "application_id": application.public_id})


def _profile_url(application) -> str:
    return reverse("candidates-staff:application-detail", kwargs={
        "practice": application.practice.slug, "application_id": application.public_id})


def _form(practice, manager, **changes) -> dict[str, str]:
    data = terms(practice, manager, **changes)
    data["manager"] = data["manager"].pk
    return {k: str(v) for k, v in data.items()}


# --- Making an offer ----------------------------------------------------------------------------

def test_the_offer_stage_shows_make_an_offer(manager_client, application):
    body = manager_client.get(_profile_url(application)).content.decode()

    assert _create_url(application) in body


def test_other_stages_do_not(manager_client, practice, manager, application):
    with scope(practice=practice):
        application_move(application=application, actor=manager,
                         to_stage=job_pipeline(application.job)[2])

    assert _create_url(application) not in manager_client.get(
        _profile_url(application)).content.decode()


def test_the_form_starts_from_the_job(manager_client, application, practice):
    response = manager_client.get(_create_url(application))

    form = response.context["form"]
    assert form["position_title"].value() == "Medical Assistant"
    assert str(form["pay_amount"].value()) == "19.00"
    assert form["expires_on"].value() == offers.practice_today(practice) + timedelta(days=7)


def test_a_candidate_not_in_the_offer_stage_is_sent_back_with_a_message(manager_client,
                                                                        practice, manager,
                                                                        application):
    with scope(practice=practice):
        application_move(application=application, actor=manager,
                         to_stage=job_pipeline(application.job)[1])

    response = manager_client.get(_create_url(application), follow=True)

    assert response.redirect_chain[-1][0] == _profile_url(application)
    assert "Offers are made from the Offer stage" in response.content.decode()


def test_saving_the_form_makes_a_draft_and_shows_the_letter(manager_client, practice, manager,
                                                            application):
    response = manager_client.post(_create_url(application), _form(practice, manager),
                                   follow=True)

    with scopes_disabled():
        offer = Offer.objects.get()
    assert offer.status == Offer.Status.DRAFT
    assert response.redirect_chain[-1][0] == _url("offer-detail", offer)
    assert f"Dear {NAME}" in response.content.decode()


def test_a_start_date_before_the_offer_date_is_refused_and_nothing_typed_is_lost(
        manager_client, practice, manager, application):
    yesterday = offers.practice_today(practice) - timedelta(days=1)

    response = manager_client.post(_create_url(application),
                                   _form(practice, manager, start_date=yesterday,
                                         notes="Sign-on bonus of $1,000."))

    assert response.status_code == 400
    body = response.content.decode()
    assert "The start date must be after today" in body
    assert "Sign-on bonus of $1,000." in body
    with scopes_disabled():
        assert not Offer.objects.exists()


# --- The offer's page ---------------------------------------------------------------------------

def test_sending_from_the_page_emails_the_candidate(manager_client, offer,
                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(_url("offer-send", offer))

    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == Offer.Status.SENT
    assert [m.to for m in mail.outbox] == [["morgan.ellis@example.test"]]
    page = manager_client.get(_url("offer-detail", offer)).content.decode()
    assert "Link sent" in page


def test_resending_a_draft_is_refused_with_a_message(manager_client, offer):
    response = manager_client.post(_url("offer-resend", offer), follow=True)

    assert "Only an offer waiting for an answer can be sent again" in response.content.decode()


def test_withdrawing_from_the_page(manager_client, offer):
    manager_client.post(_url("offer-withdraw", offer))

    offer.refresh_from_db()
    assert offer.status == Offer.Status.WITHDRAWN


def test_viewing_and_downloading_are_audited(manager_client, offer, manager,
                                             django_capture_on_commit_callbacks):
    _accept(send(offer, manager, django_capture_on_commit_callbacks))

    manager_client.get(_url("offer-detail", offer))
    response = manager_client.get(_url("offer-download", offer))

    assert response["Content-Disposition"].startswith('attachment; filename="signed-offer')
    with scopes_disabled():
        signature = Offer.objects.get(pk=offer.pk).signature
        assert esign.sha256(b"".join(response.streaming_content)) \
            == signature.signed_docx_sha256
        actions = set(AuditEvent.objects.filter(actor=manager)
                      .values_list("action", flat=True))
    assert {"onboarding.offer.viewed", "onboarding.offer.downloaded"} <= actions


def test_an_altered_letter_shows_a_red_warning(manager_client, offer, manager,
                                               django_capture_on_commit_callbacks):
    accepted = _accept(send(offer, manager, django_capture_on_commit_callbacks))
    with scopes_disabled():
        letter = accepted.signature.document
    with letter.docx.open("wb") as handle:
        handle.write(b"not what was signed")

    body = manager_client.get(_url("offer-detail", offer)).content.decode()

    assert "alert-danger" in body
    assert "The original document no longer matches its SHA-256." in body


def test_the_page_shows_the_signing_trail(manager_client, offer, manager,
                                          django_capture_on_commit_callbacks):
    _accept(send(offer, manager, django_capture_on_commit_callbacks))

    body = manager_client.get(_url("offer-detail", offer)).content.decode()

    for expected in ("Link sent", "Consented to e-signing", "Signed", "203.0.113.9",
                     "Unchanged since signing"):
        assert expected in body, expected


# --- Openings -----------------------------------------------------------------------------------

def test_when_all_openings_are_filled_the_page_offers_to_close_the_job(
        manager_client, practice, manager, django_capture_on_commit_callbacks):
    application = in_offer_stage(practice, manager, openings=1)
    offer = _accept(send(make_offer(application, manager), manager,
                         django_capture_on_commit_callbacks))
    close_url = reverse("jobs:job-close", kwargs={"practice": practice.slug,
                                                  "job_id": application.job.public_id})

    body = manager_client.get(_url("offer-detail", offer)).content.decode()
    manager_client.post(close_url)

    assert "The opening is filled — close the job?" in body
    assert f'action="{close_url}"' in body
    application.job.refresh_from_db()
    assert application.job.status == Job.Status.CLOSED


def test_with_openings_left_there_is_no_prompt(manager_client, practice, manager,
                                               django_capture_on_commit_callbacks):
    application = in_offer_stage(practice, manager, openings=2)
    offer = _accept(send(make_offer(application, manager), manager,
                         django_capture_on_commit_callbacks))

    body = manager_client.get(_url("offer-detail", offer)).content.decode()

    assert "1 of 2 openings filled." in body
    assert "close the job?" not in body


# --- The candidate page's offers card -----------------------------------------------------------

def test_the_offers_card_costs_the_same_queries_however_many_offers(
        manager_client, practice, offer, application, django_assert_num_queries):
    manager_client.get(_profile_url(application))  # first-use writes (pipeline) out of the way
    with CaptureQueriesContext(connection) as one:
        manager_client.get(_profile_url(application))
    with scopes_disabled():
        OfferFactory.create_batch(4, practice=practice, application=application,
                                  status=Offer.Status.WITHDRAWN)

    with django_assert_num_queries(len(one.captured_queries)):
        body = manager_client.get(_profile_url(application)).content.decode()

    assert body.count('href="/app/riverside/offers/') == 5


# --- The letter template ------------------------------------------------------------------------

def test_the_owner_edits_the_letter_template(owner_client, practice):
    url = reverse("onboarding:letter-template", kwargs={"practice": practice.slug})

    page = owner_client.get(url).content.decode()
    response = owner_client.post(url, {"body": "Dear {candidate_name},\n\nWelcome aboard."})

    assert "{candidate_name}" in page
    assert "Dear Jordan Rivera" in page  # the preview
    assert response.status_code == 302
    with scopes_disabled():
        assert OfferLetterTemplate.objects.get(practice=practice).version == 2


def test_an_unknown_field_is_refused_and_the_text_kept(owner_client, practice):
    url = reverse("onboarding:letter-template", kwargs={"practice": practice.slug})

    response = owner_client.post(url, {"body": "Dear {candidate_name}, about {bonus}…"})

    assert response.status_code == 400
    body = response.content.decode()
    assert "{bonus} is not a merge field of offer letters" in body
    assert "about {bonus}…" in body


def test_hiring_managers_use_the_template_but_do_not_edit_it(manager_client, practice):
    url = reverse("onboarding:letter-template", kwargs={"practice": practice.slug})

    assert manager_client.post(url, {"body": "Hi"}).status_code == 403


# --- Interviewers reach nothing -----------------------------------------------------------------

def test_an_interviewer_reaches_no_offer_data(interviewer_client, practice, manager, offer,
                                              application):
    with scopes_disabled():
        job = application.job
        job.hiring_team.add(practice.memberships.get(user__email="interviewer@riverside.test"))

    for name in ("offer-detail", "offer-download"):
        assert interviewer_client.get(_url(name, offer)).status_code == 403
    assert interviewer_client.get(_create_url(application)).status_code == 403
    profile = interviewer_client.get(_profile_url(application))
    assert profile.status_code == 200  # the candidate, in the Offer stage, yes; offers, no
    assert "/offers/" not in profile.content.decode()
