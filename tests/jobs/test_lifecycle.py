"""Draft → published → paused → closed, reopening, and who sees which job."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from hiring.models import AuditEvent, Membership
from jobs.models import Job, JobTemplate
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db


def _job(practice, **fields) -> Job:
    with scopes_disabled():
        return JobFactory(practice=practice, **fields)


def _post(client, name, job, **data):
    return client.post(reverse(name, kwargs={"practice": job.practice.slug,
                                             "job_id": job.public_id}), data, follow=True)


def test_publish_pause_resume_close_reopen(manager_client, practice):
    job = _job(practice)
    steps = [("jobs:job-publish", Job.Status.PUBLISHED), ("jobs:job-pause", Job.Status.PAUSED),
             ("jobs:job-publish", Job.Status.PUBLISHED), ("jobs:job-close", Job.Status.CLOSED),
             ("jobs:job-publish", Job.Status.PUBLISHED)]

    for name, status in steps:
        _post(manager_client, name, job)
        job.refresh_from_db()
        assert job.status == status, name

    assert job.closed_at is None
    assert AuditEvent.objects.filter(action="jobs.job.closed").count() == 1


def test_first_publication_date_is_kept_when_reopened(manager_client, practice):
    job = _job(practice)
    _post(manager_client, "jobs:job-publish", job)
    job.refresh_from_db()
    first = job.first_published_at
    _post(manager_client, "jobs:job-close", job)

    _post(manager_client, "jobs:job-publish", job)

    job.refresh_from_db()
    assert job.first_published_at == first
    assert job.published_at > first


def test_pausing_a_draft_says_why_not(manager_client, practice):
    job = _job(practice)

    response = _post(manager_client, "jobs:job-pause", job)

    job.refresh_from_db()
    assert job.status == Job.Status.DRAFT
    assert "not possible now" in response.content.decode()


def test_an_incomplete_job_cannot_be_published_from_the_detail_page(manager_client, practice):
    job = _job(practice, pay_min=None, pay_max=None)

    response = _post(manager_client, "jobs:job-publish", job)

    job.refresh_from_db()
    assert job.status == Job.Status.DRAFT
    assert "not ready to publish" in response.content.decode()


def test_interviewer_sees_only_the_jobs_of_their_team(client_for, practice, interviewer):
    mine, other = _job(practice, title="Scribe"), _job(practice, title="Biller")
    with scopes_disabled():
        mine.hiring_team.add(Membership.objects.get(user=interviewer))
    client = client_for(interviewer)

    listing = client.get(reverse("jobs:job-list", kwargs={"practice": practice.slug}))
    detail = client.get(reverse("jobs:job-detail", kwargs={"practice": practice.slug,
                                                          "job_id": mine.public_id}))

    assert "Scribe" in listing.content.decode()
    assert "Biller" not in listing.content.decode()
    assert detail.status_code == 200
    assert "Edit" not in detail.content.decode()
    assert other.pk


def test_duplicate_makes_a_draft_copy(manager_client, practice):
    job = _job(practice, status=Job.Status.PUBLISHED, slug="scribe")
    with scopes_disabled():
        job.questions.create(practice=practice, label="Shift?", kind="short_text")

    _post(manager_client, "jobs:job-duplicate", job)

    with scopes_disabled():
        copy = Job.objects.exclude(pk=job.pk).get()
        assert copy.questions.count() == 1
    assert copy.status == Job.Status.DRAFT
    assert copy.slug == "scribe-2"


def test_save_as_template_keeps_it_for_the_practice(manager_client, practice, other_practice):
    job = _job(practice, title="Night Receptionist")

    _post(manager_client, "jobs:job-save-template", job)

    template = JobTemplate.objects.get(practice=practice)
    assert template.title == "Night Receptionist"
    assert template.responsibilities == job.responsibilities
    gallery = manager_client.get(reverse("jobs:template-gallery",
                                         kwargs={"practice": practice.slug}))
    assert "Night Receptionist" in gallery.content.decode()


def test_jobs_list_filters_and_searches(manager_client, practice):
    _job(practice, title="Scribe", status=Job.Status.PUBLISHED)
    _job(practice, title="Biller", department="Billing")
    url = reverse("jobs:job-list", kwargs={"practice": practice.slug})

    published = manager_client.get(url, {"status": "published"}).content.decode()
    searched = manager_client.get(url, {"q": "billing"}).content.decode()

    assert "Scribe" in published
    assert "Biller" not in published
    assert "Biller" in searched
    assert "Scribe" not in searched


def test_jobs_list_queries_do_not_grow_with_jobs(manager_client, practice,
                                                 django_assert_num_queries):
    url = reverse("jobs:job-list", kwargs={"practice": practice.slug})
    for _ in range(3):
        _job(practice)
    manager_client.get(url)
    with django_assert_num_queries(6) as few:
        manager_client.get(url)
    for _ in range(12):
        _job(practice)

    # session, user, membership, practice switcher, sites (filter), jobs
    with django_assert_num_queries(len(few.captured_queries)):
        response = manager_client.get(url)
    assert response.content.decode().count("Medical Assistant") == 15
