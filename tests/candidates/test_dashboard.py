from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from candidates.models import Application
from candidates.pipeline import application_enter_pipeline
from hiring.models import Membership
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def _application(practice):
    with scopes_disabled():
        application = ApplicationFactory(practice=practice)
    with scope(practice=practice):
        return application_enter_pipeline(application=application)


def test_home_counts_new_applications_since_the_last_visit(owner_client, owner, practice):
    seen = _application(practice)
    Application.objects.with_scopes_disabled().filter(pk=seen.pk).update(
        created_at=timezone.now() - timedelta(days=3))
    Membership.objects.with_scopes_disabled().filter(user=owner).update(
        last_seen_at=timezone.now() - timedelta(days=1))
    fresh = _application(practice)

    body = owner_client.get(f"/app/{practice.slug}/").content.decode()

    assert fresh.candidate.full_name in body
    assert seen.candidate.full_name not in body


def test_home_names_the_stages_where_people_wait_too_long(owner_client, practice):
    stuck = _application(practice)
    Application.objects.with_scopes_disabled().filter(pk=stuck.pk).update(
        stage_changed_at=timezone.now() - timedelta(days=10))
    _application(practice)  # just arrived: not waiting too long

    body = owner_client.get(f"/app/{practice.slug}/").content.decode()

    assert "Medical Assistant · Applied" in body
    assert ">1</span>" in body


def test_an_interviewer_sees_only_news_of_their_jobs(client_for, interviewer, practice):
    other = _application(practice)

    body = client_for(interviewer).get(f"/app/{practice.slug}/").content.decode()

    assert other.candidate.full_name not in body
