"""A failing file storage is told apart from a missing file, costs the applicant nothing
half-saved, and leaves background work to try again rather than give up."""

from __future__ import annotations

import errno
import uuid

import pytest
from botocore.exceptions import ClientError, EndpointConnectionError
from django.db import DatabaseError
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from candidates import services
from candidates.models import Application, Resume, StagedUpload
from hiring.storage import StorageUnavailable, storage_is_down
from tests.candidates.files import pdf_upload
from tests.factories import ResumeFactory

pytestmark = pytest.mark.django_db


def _client_error(status: int, code: str) -> ClientError:
    return ClientError({"Error": {"Code": code},
                        "ResponseMetadata": {"HTTPStatusCode": status}}, "GetObject")


@pytest.mark.parametrize(("exc", "down"), [
    (EndpointConnectionError(endpoint_url="http://127.0.0.1:1"), True),
    (_client_error(403, "InvalidAccessKeyId"), True),
    (_client_error(404, "NoSuchBucket"), True),
    (_client_error(404, "NoSuchKey"), False),
    (OSError(errno.ENOSPC, "No space left on device"), True),
    (OSError(errno.EROFS, "Read-only file system"), True),
    (FileNotFoundError(errno.ENOENT, "No such file"), False),
    (StorageUnavailable(), True),
    (ValueError("a bug"), False),
])
def test_an_outage_is_told_from_a_missing_file(exc, down):
    assert storage_is_down(exc) is down


def _apply(client, job, questions, **changes):
    data = {f"q_{questions[0].pk}": "yes", f"q_{questions[1].pk}": "Mornings",
            "first_name": "Jordan", "last_name": "Rivera", "email": "jordan@example.test",
            "phone": "555-0100", "resume": pdf_upload(), "cover_letter": "", "source": "",
            "consent": "on", "submission_key": str(uuid.uuid4()), "website": ""} | changes
    return client.post(reverse("candidates:apply", kwargs={"practice": job.practice.slug,
                                                           "job_slug": job.slug}),
                       {k: v for k, v in data.items() if v is not None})


def test_a_failure_after_the_files_were_saved_removes_them_and_keeps_the_staged_resume(
        client, open_job, questions, settings, monkeypatch):
    client.post(reverse("candidates:apply", kwargs={"practice": open_job.practice.slug,
                                                    "job_slug": open_job.slug}),
                {"first_name": "Jordan", "resume": pdf_upload()})
    with scopes_disabled():
        staged = StagedUpload.objects.get()

    def broken(*args, **kwargs):
        raise DatabaseError("the database went away mid-way")

    monkeypatch.setattr(services, "_answers_save", broken)
    with pytest.raises(DatabaseError):
        _apply(client, open_job, questions, resume=None, resume_token=str(staged.token))

    with scopes_disabled():
        assert not Application.objects.exists()
        assert not Resume.objects.exists()
        staged.refresh_from_db()  # the next try still has the résumé the applicant chose
        assert staged.file.storage.exists(staged.file.name)
    files = [p.name for p in settings.PRIVATE_MEDIA_ROOT.rglob("*") if p.is_file()]
    assert files == [staged.file.name.rsplit("/", 1)[-1]]  # the copy was removed again


def test_a_full_disk_answers_a_clean_503_on_a_download(manager_client, practice, monkeypatch):
    with scopes_disabled():
        resume = ResumeFactory(practice=practice)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(type(resume.file.storage._wrapped), "open", full)
    response = manager_client.get(reverse("candidates-staff:resume-download", kwargs={
        "practice": practice.slug, "resume_id": resume.public_id}))

    assert response.status_code == 503
    assert "back in a moment" in response.content.decode()


def test_resume_reading_waits_out_a_storage_outage(practice, monkeypatch):
    with scopes_disabled():
        resume = ResumeFactory(practice=practice)

    def down(*args, **kwargs):
        raise EndpointConnectionError(endpoint_url="http://127.0.0.1:1")

    monkeypatch.setattr(type(resume.file.storage._wrapped), "open", down)
    with scope(practice=practice), pytest.raises(EndpointConnectionError):
        services.resume_text_extract(resume=resume)

    resume.refresh_from_db()
    assert resume.text_status == Resume.TextStatus.PENDING  # not marked unreadable
