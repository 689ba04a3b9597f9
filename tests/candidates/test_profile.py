"""The candidate's page: timeline, notes with @mentions, stars, tags, the résumé in place."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from candidates.models import Note, Rating, Resume
from candidates.pipeline import application_enter_pipeline, application_move, job_pipeline
from hiring.models import AuditEvent
from tests.candidates.files import pdf_bytes
from tests.factories import ApplicationFactory, JobFactory, ResumeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(practice):
    with scopes_disabled():
        application = ApplicationFactory(practice=practice)
    with scope(practice=practice):
        return application_enter_pipeline(application=application)


def _url(name, application, **extra):
    return reverse(f"candidates-staff:{name}", kwargs={
        "practice": application.practice.slug, "application_id": application.public_id,
        **extra})


def test_the_timeline_tells_the_story(owner_client, manager, practice, application):
    with scope(practice=practice):
        application_move(application=application, actor=manager,
                         to_stage=job_pipeline(application.job)[1])
    owner_client.post(_url("note-add", application), {"body": "Great phone manner."})

    body = owner_client.get(_url("application-detail", application)).content.decode()

    assert "Applied for Medical Assistant" in body
    assert "Applied → Phone screen" in body
    assert "Great phone manner." in body


def test_a_mention_emails_the_teammate_once(owner_client, manager, practice, application,
                                            django_capture_on_commit_callbacks):
    manager.full_name = "Marcus Reyes"
    manager.save()
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(_url("note-add", application),
                          {"body": "@marcus can you call her back today?"})

    assert [m.to for m in mail.outbox] == [[manager.email]]
    assert "can you call her back" in mail.outbox[0].body
    with scopes_disabled():
        note = Note.objects.get()
        assert list(note.mentions.values_list("user", flat=True)) == [manager.pk]
    from candidates.team_work import note_mentions_notify

    with scope(practice=practice):
        note_mentions_notify(note=note)
    assert len(mail.outbox) == 1


def test_an_empty_note_is_refused(owner_client, application):
    response = owner_client.post(_url("note-add", application), {"body": "  "}, follow=True)

    assert "Write something first." in response.content.decode()
    with scopes_disabled():
        assert not Note.objects.exists()


def test_each_reviewer_rates_once_and_the_average_shows(owner_client, manager_client,
                                                       application):
    owner_client.post(_url("rating-set", application), {"stars": "5"})
    manager_client.post(_url("rating-set", application), {"stars": "2"})
    manager_client.post(_url("rating-set", application), {"stars": "4"})

    with scopes_disabled():
        assert sorted(Rating.objects.values_list("stars", flat=True)) == [4, 5]
    body = owner_client.get(_url("application-detail", application)).content.decode()
    assert "4.5 out of 5 from 2 reviewers" in body


def test_a_rating_out_of_range_is_refused(owner_client, application):
    owner_client.post(_url("rating-set", application), {"stars": "9"})

    with scopes_disabled():
        assert not Rating.objects.exists()


def test_tags_are_added_once_and_removed(owner_client, application):
    owner_client.post(_url("tag-add", application), {"name": "Bilingual"})
    owner_client.post(_url("tag-add", application), {"name": "bilingual"})

    with scopes_disabled():
        [link] = application.candidate.candidate_tags.select_related("tag")
    owner_client.post(_url("tag-remove", application, tag_id=link.tag.public_id))

    with scopes_disabled():
        assert not application.candidate.candidate_tags.exists()


def test_a_pdf_resume_is_shown_in_the_page_and_the_viewing_is_audited(owner_client, owner,
                                                                     practice, application):
    with scopes_disabled():
        resume = ResumeFactory(practice=practice, application=application,
                               candidate=application.candidate, extension="pdf",
                               content_type="application/pdf",
                               file=ContentFile(pdf_bytes(), name="cv.pdf"))

    page = owner_client.get(_url("application-detail", application)).content.decode()
    inline = owner_client.get(reverse("candidates-staff:resume-view", kwargs={
        "practice": practice.slug, "resume_id": resume.public_id}))

    assert "<iframe" in page
    assert inline["Content-Disposition"] == "inline"
    assert inline["X-Frame-Options"] == "SAMEORIGIN"
    assert b"".join(inline.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="candidates.resume.viewed", actor=owner).exists()


def test_a_word_resume_shows_its_text(owner_client, practice, application):
    with scopes_disabled():
        ResumeFactory(practice=practice, application=application,
                      candidate=application.candidate, extension="docx",
                      text="Ten years of front-desk work", text_status=Resume.TextStatus.DONE)

    page = owner_client.get(_url("application-detail", application)).content.decode()

    assert "Ten years of front-desk work" in page


@pytest.mark.parametrize("more", [10, 60])
def test_profile_queries_stay_flat(owner_client, practice, application, more,
                                   django_assert_num_queries):
    owner_client.get(_url("application-detail", application))
    # with its e-mails and interviews; 2 of them the timeline's interviews and scorecards,
    # 1 the times offered to pick (the stage card), 3 the blind-scoring rule (2) and the
    # interviews of the scorecards card, 1 the offers card (members who manage candidates)
    with django_assert_num_queries(26) as few:
        owner_client.get(_url("application-detail", application))
    with scopes_disabled():
        for _ in range(more):
            other = ApplicationFactory(practice=practice, candidate=application.candidate,
                                       job=JobFactory(practice=practice))
            Note.objects.create(practice=practice, candidate=application.candidate,
                                application=other, body="seen")

    with django_assert_num_queries(len(few.captured_queries)):
        owner_client.get(_url("application-detail", application))
