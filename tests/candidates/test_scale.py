"""The board, the list and the candidate's page cost the same number of queries with 10 and
with 1,000 applications (rows are bulk-inserted so the test stays quick)."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from candidates.models import Application, Candidate, Note, StageChange
from candidates.pipeline import job_pipeline
from tests.factories import JobFactory

pytestmark = pytest.mark.django_db


def _bulk_applications(practice, job, n, start=0):
    stages = job_pipeline(job)
    candidates = Candidate.objects.bulk_create(
        Candidate(practice=practice, first_name="Pat", last_name=f"Lee{start + i}",
                  email=f"pat{start + i}@example.test", phone="555-0100") for i in range(n))
    applications = Application.objects.bulk_create(
        Application(practice=practice, candidate=c, job=job, stage=stages[i % len(stages)],
                    stage_changed_at=timezone.now(), submission_key=uuid.uuid4(),
                    consented_at=timezone.now())
        for i, c in enumerate(candidates))
    StageChange.objects.bulk_create(
        StageChange(practice=practice, application=a, to_stage=a.stage, from_status="active",
                    to_status="active", to_stage_name=a.stage.name) for a in applications)
    return applications


@pytest.fixture
def job(practice):
    with scopes_disabled():
        return JobFactory(practice=practice)


def test_board_and_list_stay_flat_up_to_1000(owner_client, practice, job,
                                             django_assert_max_num_queries,
                                             django_assert_num_queries):
    board = reverse("candidates-staff:job-board", kwargs={"practice": practice.slug,
                                                          "job_id": job.public_id})
    listing = reverse("candidates-staff:application-list", kwargs={"practice": practice.slug})
    with scopes_disabled():
        _bulk_applications(practice, job, 10)
    few = {url: _queries(owner_client, url, django_assert_max_num_queries)
           for url in (board, listing)}
    with scopes_disabled():
        _bulk_applications(practice, job, 990, start=10)

    for url, count in few.items():
        with django_assert_num_queries(count):
            assert owner_client.get(url).status_code == 200


def test_the_candidate_page_stays_flat_with_1000_notes_and_applications(
        owner_client, practice, job, django_assert_max_num_queries, django_assert_num_queries):
    with scopes_disabled():
        [first] = _bulk_applications(practice, job, 1)
    url = reverse("candidates-staff:application-detail", kwargs={
        "practice": practice.slug, "application_id": first.public_id})
    count = _queries(owner_client, url, django_assert_max_num_queries)
    with scopes_disabled():
        jobs = JobFactory.create_batch(20, practice=practice)
        Application.objects.bulk_create(
            Application(practice=practice, candidate=first.candidate, job=other,
                        submission_key=uuid.uuid4(), consented_at=timezone.now())
            for other in jobs)
        Note.objects.bulk_create(Note(practice=practice, candidate=first.candidate,
                                      application=first, body=f"note {i}")
                                 for i in range(1000))

    with django_assert_num_queries(count):
        assert owner_client.get(url).status_code == 200


def _queries(client, url, django_assert_max_num_queries) -> int:
    client.get(url)  # first visit writes last-seen; measure a steady page
    with django_assert_max_num_queries(40) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)
