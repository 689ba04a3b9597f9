"""The shipped templates: complete, tailored to the practice, and publishable as they are."""

from __future__ import annotations

import pytest

from jobs.library import LIBRARY
from jobs.models import JobTemplate
from jobs.services import job_create_from_template, job_publish_problems, library_sync
from tests.factories import JobTemplateFactory

pytestmark = pytest.mark.django_db


def test_every_role_of_the_design_ships():
    assert set(LIBRARY) == {"medical-office-manager", "medical-receptionist",
                            "medical-assistant", "medical-biller-coder", "registered-nurse",
                            "dental-assistant"}


@pytest.mark.parametrize("key", sorted(LIBRARY))
def test_a_job_from_each_template_is_ready_to_publish(key, practice, owner, scoped):
    template = JobTemplate.objects.get(practice=None, key=key)

    job = job_create_from_template(practice=practice, template=template, actor=owner)

    assert job_publish_problems(job) == []
    assert job.slug == key
    assert practice.name in job.about_us
    assert "{practice_name}" not in "".join(html for _name, _h, html in job.sections)
    assert job.questions.count() == len(template.application_questions)


@pytest.mark.parametrize("key", sorted(LIBRARY))
def test_each_template_carries_an_interview_kit(key):
    template = LIBRARY[key]

    assert len(template["interview_questions"]) >= 6
    assert all(q["listen_for"] for q in template["interview_questions"])
    assert 5 <= len(template["competencies"]) <= 7


def test_office_manager_covers_the_design(office_manager):
    text = office_manager.responsibilities + office_manager.qualifications + office_manager.skills
    for fact in ("HIPAA", "billing", "inventory", "budget", "training"):
        assert fact.lower() in text.lower()
    names = [c["name"].lower() for c in office_manager.competencies]
    assert len(names) == 7
    assert any("compliance" in n for n in names)
    assert any("data" in n for n in names)


def test_the_practice_careers_intro_leads_who_we_are(practice, owner, office_manager, scoped):
    practice.careers_intro = "We are a small clinic by the river.\nWe close at five."
    practice.save()

    job = job_create_from_template(practice=practice, template=office_manager, actor=owner)

    assert job.about_us.startswith("<p>We are a small clinic by the river.</p>"
                                   "<p>We close at five.</p>")


def test_a_practice_name_with_markup_is_escaped(practice, owner, office_manager, scoped):
    practice.name = "Smith & <b>Jones</b> Dental"
    practice.save()

    job = job_create_from_template(practice=practice, template=office_manager, actor=owner)

    assert "Smith &amp; &lt;b&gt;Jones&lt;/b&gt; Dental" in job.about_us


def test_a_new_release_updates_shipped_templates_only(practice, office_manager, monkeypatch):
    own = JobTemplateFactory(practice=practice, title="Our office manager")
    changed = {**LIBRARY["medical-office-manager"], "version": 99, "summary": "New words."}
    monkeypatch.setitem(LIBRARY, "medical-office-manager", changed)

    assert library_sync() == 1

    office_manager.refresh_from_db()
    own.refresh_from_db()
    assert office_manager.summary == "New words."
    assert office_manager.version == 99
    assert own.title == "Our office manager"


def test_sync_without_a_new_version_changes_nothing(office_manager):
    assert library_sync() == 0


def test_a_template_dropped_from_the_release_leaves_the_gallery(office_manager, monkeypatch):
    monkeypatch.delitem(LIBRARY, "medical-office-manager")

    library_sync()

    office_manager.refresh_from_db()
    assert not office_manager.is_active
