"""E-mail to applicants: merge fields, templates, preview, sending, failures and retry."""

from __future__ import annotations

from smtplib import SMTPRecipientsRefused

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from candidates import messaging
from candidates.models import EmailTemplate, Message
from candidates.selectors import message_list
from candidates.tasks import message_deliver as message_deliver_task
from hiring.models import AuditEvent, OutboxTask
from tests.factories import ApplicationFactory, EmailTemplateFactory, JobFactory, MessageFactory

pytestmark = pytest.mark.django_db

VALUES = {"candidate_first_name": "Avery", "candidate_name": "Avery Chen",
          "job_title": "Medical Assistant", "practice_name": "Riverside Family Practice",
          "practice_phone": "555-0100", "job_url": "https://x.test/j",
          "careers_url": "https://x.test/c"}


class RefusingBackend(BaseEmailBackend):
    """A mail server that turns every message down."""

    def send_messages(self, email_messages):
        raise SMTPRecipientsRefused({"avery@example.test": (550, b"No such user")})


@pytest.fixture
def application(practice):
    with scopes_disabled():
        job = JobFactory(practice=practice, title="Medical Assistant", slug="medical-assistant")
        return ApplicationFactory(practice=practice, job=job, candidate__first_name="Avery",
                                  candidate__last_name="Chen",
                                  candidate__email="avery@example.test")


def _compose_url(application):
    return reverse("candidates-staff:message-compose", kwargs={
        "practice": application.practice.slug, "application_id": application.public_id})


def _send(client, application, subject, body):
    """Preview, then send what the preview showed: the page's two steps."""
    url = _compose_url(application)
    preview = client.post(url, {"subject": subject, "body": body, "action": "preview"})
    token = preview.context["preview"]["token"]
    return client.post(url, {"subject": subject, "body": body, "checked": token,
                             "action": "send"})


# --- Merge fields -----------------------------------------------------------------------------

def test_known_merge_fields_are_filled():
    text = "Hi {candidate_first_name}, about {job_title} at {practice_name}: {job_url}"

    assert messaging.merge(text, VALUES) == (
        "Hi Avery, about Medical Assistant at Riverside Family Practice: https://x.test/j")


def test_an_unknown_merge_field_is_named_with_the_ones_to_use():
    with pytest.raises(ValidationError) as caught:
        messaging.merge_fields_check("Pay: {salary}")

    assert caught.value.messages[0].startswith(
        "{salary} is not a merge field; use one of {candidate_first_name}, {candidate_name},")


def test_doubled_braces_show_a_brace_and_a_lone_one_is_explained():
    assert messaging.merge("Bring {{snacks}} for {candidate_first_name}", VALUES) == (
        "Bring {snacks} for Avery")
    with pytest.raises(ValidationError, match="type it twice"):
        messaging.merge_fields_check("Hi {candidate_first_name")


@pytest.mark.parametrize("text", ["{candidate_name.__class__}", "{candidate_name!r}",
                                  "{candidate_name:>99999999}", "{candidate_name[0]}", "{0}",
                                  "{}"])
def test_nothing_but_a_plain_merge_field_is_evaluated(text):
    with pytest.raises(ValidationError, match="is not a merge field"):
        messaging.merge(text, VALUES)


def test_a_value_with_braces_is_not_merged_again():
    values = {**VALUES, "candidate_name": "{practice_phone} {job_url.__class__}"}

    assert messaging.merge("Dear {candidate_name}", values) == (
        "Dear {practice_phone} {job_url.__class__}")


def test_the_subject_is_one_line():
    rendered = messaging.template_render(subject="Hello\r\nBcc: x@evil.test {job_title}",
                                         body="", values=VALUES)

    assert rendered.subject == "Hello Bcc: x@evil.test Medical Assistant"


def test_merge_values_link_to_the_job_on_the_careers_site(application, settings):
    settings.SITE_URL = "https://hire.example.test"
    with scope(practice=application.practice):
        values = messaging.merge_values(application=application)

    assert values["job_url"] == "https://hire.example.test/careers/riverside/jobs/medical-assistant/"
    assert values["careers_url"] == "https://hire.example.test/careers/riverside/"
    assert values["candidate_name"] == "Avery Chen"


# --- Templates --------------------------------------------------------------------------------

def test_the_practice_gets_a_default_template_for_each_purpose(manager_client, practice):
    page = manager_client.get(reverse("candidates-staff:email-template-list",
                                      kwargs={"practice": practice.slug}))

    assert page.status_code == 200
    with scopes_disabled():
        purposes = set(EmailTemplate.objects.filter(practice=practice)
                       .values_list("purpose", flat=True))
        templates = list(EmailTemplate.objects.filter(practice=practice))
    assert purposes == set(EmailTemplate.Purpose.values)
    for template in templates:
        messaging.merge_fields_check(template.subject)
        messaging.merge_fields_check(template.body)
    assert "Application received" in page.content.decode()


def test_a_manager_creates_a_template(manager_client, practice):
    response = manager_client.post(reverse("candidates-staff:email-template-create",
                                           kwargs={"practice": practice.slug}), {
        "name": "Reference check", "purpose": "custom", "is_active": "on",
        "subject": "References for {job_title}", "body": "Hi {candidate_first_name}"})

    assert response.status_code == 302
    with scopes_disabled():
        template = EmailTemplate.objects.get(name="Reference check")
    assert template.subject == "References for {job_title}"
    assert AuditEvent.objects.filter(action="candidates.email_template.created").exists()


def test_a_template_with_an_unknown_field_is_not_saved(manager_client, practice):
    response = manager_client.post(reverse("candidates-staff:email-template-create",
                                           kwargs={"practice": practice.slug}), {
        "name": "Pay", "purpose": "offer", "subject": "Offer",
        "body": "We offer {salary} a year."})

    assert response.status_code == 200
    assert "{salary} is not a merge field" in response.content.decode()
    with scopes_disabled():
        assert not EmailTemplate.objects.filter(name="Pay").exists()


def test_editing_shows_a_preview_for_a_sample_candidate(manager_client, practice):
    with scopes_disabled():
        template = EmailTemplateFactory(practice=practice)
    url = reverse("candidates-staff:email-template-edit", kwargs={
        "practice": practice.slug, "emailtemplate_id": template.public_id})

    response = manager_client.post(url, {
        "name": template.name, "purpose": "custom", "is_active": "on",
        "subject": "Hello {candidate_name}", "body": "From {practice_name}",
        "action": "preview"})

    assert response.status_code == 200
    assert response.context["preview"]["subject"] == "Hello Jordan Rivera"
    assert response.context["preview"]["body"] == "From Riverside Family Practice"
    template.refresh_from_db()
    assert template.subject != "Hello {candidate_name}"  # a preview saves nothing


def test_a_template_is_edited_and_deleted(manager_client, practice):
    with scopes_disabled():
        template = EmailTemplateFactory(practice=practice)
    kwargs = {"practice": practice.slug, "emailtemplate_id": template.public_id}

    manager_client.post(reverse("candidates-staff:email-template-edit", kwargs=kwargs), {
        "name": "Renamed", "purpose": "invite", "subject": "S", "body": "B"})
    template.refresh_from_db()
    assert (template.name, template.purpose, template.is_active) == ("Renamed", "invite", False)

    response = manager_client.post(reverse("candidates-staff:email-template-delete",
                                           kwargs=kwargs))

    assert response.status_code == 302
    with scopes_disabled():
        assert not EmailTemplate.objects.filter(pk=template.pk).exists()


def test_the_live_preview_answers_json_and_names_unknown_fields(manager_client, application):
    url = reverse("candidates-staff:message-preview",
                  kwargs={"practice": application.practice.slug})

    good = manager_client.post(url, {"subject": "Hi {candidate_first_name}", "body": "{job_url}",
                                     "application": str(application.public_id)})
    bad = manager_client.post(url, {"subject": "Hi", "body": "{candidate_name.__class__}"})

    assert good.json()["subject"] == "Hi Avery"
    assert good.json()["body"].endswith("/careers/riverside/jobs/medical-assistant/")
    assert bad.json()["ok"] is False
    assert bad.json()["errors"]["body"][0].startswith(
        "{candidate_name.__class__} is not a merge field")


# --- Sending ----------------------------------------------------------------------------------

def test_the_compose_page_starts_from_a_template_and_previews_it(manager_client, application):
    with scopes_disabled():
        template = EmailTemplateFactory(practice=application.practice)

    page = manager_client.get(_compose_url(application) + f"?template={template.public_id}")

    assert page.status_code == 200
    assert page.context["preview"]["subject"] == "About your application for Medical Assistant"
    assert "Hi Avery," in page.context["preview"]["body"]


def test_a_sent_email_is_merged_queued_and_delivered_once_with_reply_to_the_sender(
        manager_client, manager, application, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _send(manager_client, application, "Your interview, {candidate_first_name}",
                         "See you at {practice_name}.\nPrice: {{free}}")

    assert response.status_code == 302
    [email] = mail.outbox
    assert email.to == ["avery@example.test"]
    assert email.subject == "Your interview, Avery"
    assert email.body == "See you at Riverside Family Practice.\nPrice: {free}"
    assert email.reply_to == [manager.email]
    assert email.from_email == "Riverside Family Practice <hiring@localhost>"
    with scopes_disabled():
        message = Message.objects.get()
    assert (message.status, message.sender, message.error) == ("sent", manager, "")
    assert message.sent_at is not None
    assert OutboxTask.objects.get().status == OutboxTask.Status.DONE


def test_send_without_a_current_preview_is_refused(manager_client, application):
    response = manager_client.post(_compose_url(application), {
        "subject": "Hi", "body": "Changed after the preview", "checked": "stale",
        "action": "send"})

    assert response.status_code == 200
    assert "changed since the preview" in response.content.decode()
    with scopes_disabled():
        assert not Message.objects.exists()


def test_a_candidate_without_an_email_address_gets_nothing_queued(manager_client, application):
    with scopes_disabled():
        application.candidate.email = ""
        application.candidate.save()

    response = _send(manager_client, application, "Hi", "Hello {candidate_first_name}")

    assert response.status_code == 200
    assert "has no e-mail address on file, so nothing was sent" in response.content.decode()
    with scopes_disabled():
        assert not Message.objects.exists()
    assert not OutboxTask.objects.exists()


def test_a_refused_send_is_shown_failed_and_a_retry_delivers_it(
        manager_client, application, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        _send(manager_client, application, "Hi", "Hello {candidate_first_name}")
    with scopes_disabled():
        message = Message.objects.get()
    assert message.status == Message.Status.FAILED
    assert "SMTPRecipientsRefused" in message.error
    page = manager_client.get(reverse("candidates-staff:application-detail", kwargs={
        "practice": application.practice.slug, "application_id": application.public_id}))
    assert "Retry" in page.content.decode()
    assert "SMTPRecipientsRefused" in page.content.decode()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(reverse("candidates-staff:message-retry", kwargs={
            "practice": application.practice.slug, "message_id": message.public_id}))

    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.status, message.error) == (Message.Status.SENT, "")
    assert [m.to for m in mail.outbox] == [["avery@example.test"]]


def test_only_a_failed_message_can_be_retried(manager_client, practice):
    with scopes_disabled():
        message = MessageFactory(practice=practice, status=Message.Status.SENT)

    response = manager_client.post(reverse("candidates-staff:message-retry", kwargs={
        "practice": practice.slug, "message_id": message.public_id}), follow=True)

    assert "This e-mail is sent, so there is nothing to retry." in response.content.decode()
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert not OutboxTask.objects.exists()


def test_the_task_is_at_most_once(practice):
    with scopes_disabled():
        message = MessageFactory(practice=practice)

    message_deliver_task.delay(practice.pk, message_id=message.pk)
    message_deliver_task.delay(practice.pk, message_id=message.pk)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].reply_to == ["hiring@localhost"]  # nobody to answer: our address
    message.refresh_from_db()
    assert message.status == Message.Status.SENT


def test_an_unreachable_mail_server_leaves_the_message_queued_for_a_retry(practice, monkeypatch):
    with scopes_disabled():
        message = MessageFactory(practice=practice)

    def refuse(self):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.open", refuse,
                        raising=False)
    with scope(practice=practice), pytest.raises(ConnectionRefusedError):
        messaging.message_deliver(message=message)

    message.refresh_from_db()
    assert message.status == Message.Status.QUEUED
    assert "mail server down" in message.error
    assert mail.outbox == []


def test_the_application_page_lists_its_messages_with_their_state(manager_client, application):
    with scopes_disabled():
        MessageFactory(practice=application.practice, application=application,
                       subject="Interview on Friday", status=Message.Status.SENT)
        other = ApplicationFactory(practice=application.practice,
                                   candidate=application.candidate)
        MessageFactory(practice=application.practice, application=other,
                       subject="About another job")

    body = manager_client.get(reverse("candidates-staff:application-detail", kwargs={
        "practice": application.practice.slug, "application_id": application.public_id}
    )).content.decode()

    assert "Interview on Friday" in body
    assert "Send an e-mail" in body
    assert "About another job" not in body.split('id="messages"')[1].split('id="')[0]
    with scope(practice=application.practice):
        assert len(message_list(application.candidate)) == 2


def test_replies_go_to_the_practice_address_when_it_has_one(
        manager_client, practice, application, django_capture_on_commit_callbacks):
    practice.email = "office@riverside.test"
    practice.save()

    with django_capture_on_commit_callbacks(execute=True):
        _send(manager_client, application, "Hello {candidate_first_name}", "Thanks.")

    assert mail.outbox[0].reply_to == ["office@riverside.test"]
