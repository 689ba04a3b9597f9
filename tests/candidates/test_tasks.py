from __future__ import annotations

import os
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from candidates.models import Resume, StagedUpload
from candidates.services import resume_text_extract, staged_upload_create
from candidates.tasks import resume_extract_text, staged_uploads_purge
from hiring.celery import app
from hiring.tasks import practices_fan_out
from tests.candidates.files import docx_bytes, pdf_upload, upload
from tests.factories import PracticeFactory, ResumeFactory

pytestmark = pytest.mark.django_db


def test_stale_staged_uploads_are_purged_with_their_files(practice):
    with scope(practice=practice):
        staged = staged_upload_create(practice=practice, upload=pdf_upload())
    path = staged.file.path

    with time_machine.travel(timezone.now() + timedelta(days=2)):
        assert staged_uploads_purge.delay(practice.pk).get() == 1

    with scopes_disabled():
        assert not StagedUpload.objects.exists()
    assert not os.path.exists(path)


def test_fan_out_runs_a_task_for_each_active_practice(monkeypatch, practice):
    with scopes_disabled():
        PracticeFactory(is_active=False)
    sent = []
    monkeypatch.setattr(app, "send_task", lambda name, args: sent.append((name, args)))

    assert practices_fan_out("candidates.tasks.staged_uploads_purge") == 1
    assert sent == [("candidates.tasks.staged_uploads_purge", [practice.pk])]


def test_docx_resume_text_is_read_and_a_second_run_does_nothing(practice):
    with scopes_disabled():
        resume = ResumeFactory(practice=practice, extension="docx",
                               file=upload("cv.docx", docx_bytes("Triage and phlebotomy")))

    resume_extract_text.delay(practice.pk, resume_id=resume.pk)
    resume.refresh_from_db()
    Resume.objects.with_scopes_disabled().filter(pk=resume.pk).update(text="kept")
    with scope(practice=practice):
        resume_text_extract(resume=Resume.objects.get(pk=resume.pk))

    assert resume.text_status == Resume.TextStatus.DONE
    assert "phlebotomy" in resume.text
    resume.refresh_from_db()
    assert resume.text == "kept"


def test_an_old_word_file_is_kept_but_not_read(practice):
    with scopes_disabled():
        resume = ResumeFactory(practice=practice, extension="doc")

    resume_extract_text.delay(practice.pk, resume_id=resume.pk)

    resume.refresh_from_db()
    assert resume.text_status == Resume.TextStatus.UNSUPPORTED
