"""Benchmarks of deciding (run with `make bench`): the aggregates the database computes
against the same figures computed in Python from every rating row, and the comparison
page for a small and a large job. Ratios from one run, so the machine's speed cancels out."""

from __future__ import annotations

import statistics
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from candidates.models import Application
from hiring.models import Membership
from hiring.roles import Role
from interviews.models import CompetencyRating, Interview, Scorecard
from interviews.scorecards import scorecard_aggregate
from tests.factories import (
    ApplicationFactory,
    CompetencyFactory,
    InterviewFactory,
    JobFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db
COMPETENCIES = 7  # the office manager's scorecard


def _timed(fn, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def _scored_job(practice, *, candidates: int, panel: int):
    """A job whose candidates each have one interview scored by `panel` interviewers."""
    job = JobFactory(practice=practice)
    competencies = [CompetencyFactory(practice=practice, job=job, position=i)
                    for i in range(COMPETENCIES)]
    members = [MembershipFactory(practice=practice, role=Role.MANAGER) for _ in range(panel)]
    past = timezone.now() - timedelta(days=1)
    for n in range(candidates):
        application = ApplicationFactory(practice=practice, job=job)
        interview = InterviewFactory(practice=practice, application=application,
                                     starts_at=past)
        interview.interviewers.set(members)
        cards = Scorecard.objects.bulk_create(
            Scorecard(practice=practice, interview=interview, interviewer=m,
                      recommendation="yes", submitted_at=past) for m in members)
        CompetencyRating.objects.bulk_create(
            CompetencyRating(practice=practice, scorecard=card, competency=c,
                             rating=1 + (n + i + j) % 4)
            for i, card in enumerate(cards) for j, c in enumerate(competencies))
    return job


def _in_python(application: Application) -> dict[int, tuple[float, float]]:
    """The naive way: fetch every rating, group and compute in Python."""
    by_competency: dict[int, list[int]] = {}
    for card in Scorecard.objects.filter(interview__application=application,
                                         submitted_at__isnull=False):
        for rating in card.ratings.all():
            by_competency.setdefault(rating.competency_id, []).append(rating.rating)
    return {k: (statistics.mean(v), statistics.pstdev(v)) for k, v in by_competency.items()}


def test_aggregates_in_the_database_against_python(practice):
    with scopes_disabled():
        job = _scored_job(practice, candidates=1, panel=40)
        application = job.applications.get()
        in_db = _timed(lambda: scorecard_aggregate(application))
        in_python = _timed(lambda: _in_python(application))
        with CaptureQueriesContext(connection) as naive:
            _in_python(application)
    print(f"\naggregate of 40 scorecards x {COMPETENCIES} competencies: database "
          f"{in_db * 1000:.1f} ms (2 queries), Python {in_python * 1000:.1f} ms "
          f"({len(naive)} queries), ratio {in_python / in_db:.1f}x")


def test_comparison_page_small_and_large_job(practice, owner_client):
    with scopes_disabled():
        small = _scored_job(practice, candidates=5, panel=3)
        large = _scored_job(practice, candidates=200, panel=3)
        assert Membership.objects.filter(practice=practice).exists()

    def page(job):
        url = reverse("interviews:job-comparison", kwargs={"practice": practice.slug,
                                                           "job_id": job.public_id})

        def get() -> None:
            response = owner_client.get(url)
            assert response.status_code == 200
        return get

    # first visits note the login and write each job's kit from its template
    page(small)()
    page(large)()
    # a capture reads the connection's query log when asked: count before the next request
    with CaptureQueriesContext(connection) as capture:
        page(small)()
    few = len(capture)
    with CaptureQueriesContext(connection) as capture:
        page(large)()
    many = len(capture)
    small_time, large_time = _timed(page(small)), _timed(page(large))
    print(f"\ncomparison page: 5 candidates {small_time * 1000:.0f} ms "
          f"({few} queries), 200 candidates {large_time * 1000:.0f} ms "
          f"({many} queries), ratio {large_time / small_time:.1f}x for 40x the rows")
    assert few == many
    assert Interview.objects.with_scopes_disabled().count() == 205
