"""STORAGE=s3: every file goes to the bucket (private files under private/, public ones under
public/), none to local folders; private files are streamed by checked views and never get a
public URL; a bucket that is missing is named by /healthz and costs the applicant nothing."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.urls import reverse
from django_scopes import scopes_disabled

from candidates.models import Application, Candidate, Resume
from hiring.models import OutboxTask
from jobs.models import Job
from tests.candidates.files import pdf_bytes, pdf_upload, upload
from tests.factories import BulkActionFactory, JobFactory
from tests.s3 import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(practice) -> Job:
    with scopes_disabled():
        return JobFactory(practice=practice, title="Medical Assistant",
                          slug="medical-assistant", status=Job.Status.PUBLISHED)


def _apply(client, job, **changes):
    data = {"first_name": "Jordan", "last_name": "Rivera", "email": "jordan@example.test",
            "phone": "555-0100", "resume": pdf_upload(text="Jordan Rivera phlebotomy"),
            "cover_letter": "", "source": "", "consent": "on",
            "submission_key": str(uuid.uuid4()), "website": ""} | changes
    return client.post(reverse("candidates:apply", kwargs={"practice": job.practice.slug,
                                                           "job_slug": job.slug}), data)


def _files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def test_an_application_keeps_its_files_in_the_bucket_and_none_on_disk(
        client, job, s3_storage, settings, django_capture_on_commit_callbacks):
    cover = upload("cover.pdf", pdf_bytes("Dear Riverside"), "application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = _apply(client, job, cover_letter_file=cover)

    assert response.status_code == 302
    keys = s3_storage.object_keys()
    assert [k.split("/")[1] for k in keys] == ["cover-letters", "resumes"]
    assert all(k.startswith("private/") for k in keys)
    assert _files_under(settings.PRIVATE_MEDIA_ROOT) == []
    assert _files_under(settings.MEDIA_ROOT) == []
    with scopes_disabled():
        resume = Resume.objects.get()
    # the text was read back from the bucket, as a worker on another host would
    assert resume.text_status == Resume.TextStatus.DONE
    assert "phlebotomy" in resume.text


def test_staff_download_a_resume_streamed_from_the_bucket(
        client, manager_client, job, s3_storage, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _apply(client, job)
    with scopes_disabled():
        resume = Resume.objects.get()

    response = manager_client.get(reverse("candidates-staff:resume-download", kwargs={
        "practice": job.practice.slug, "resume_id": resume.public_id}))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == s3_storage.read(
        f"private/{resume.file.name}")
    response.close()  # as the WSGI server does; it closes the file read from the bucket


def test_private_files_have_no_public_url(s3_storage):
    name = storages["private"].save("resumes/x/a.pdf", ContentFile(b"%PDF-1.7"))

    url = storages["private"].url(name)

    # signed and short-lived: the bucket refuses it after AWS_S3_SIGNED_URL_SECONDS
    assert "X-Amz-Signature=" in url
    assert "X-Amz-Expires=300" in url


def test_a_logo_is_served_at_media_from_the_bucket(client, practice, s3_storage):
    with scopes_disabled():
        practice.logo.save("logo.png", ContentFile(b"\x89PNG fake"), save=True)

    response = client.get(practice.logo.url)

    assert practice.logo.url.startswith("/media/")
    assert s3_storage.object_keys() == [f"public/{practice.logo.name}"]
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == b"\x89PNG fake"
    response.close()


def test_media_never_reaches_private_files(client, s3_storage):
    name = storages["private"].save("resumes/x/a.pdf", ContentFile(b"%PDF-1.7"))

    assert client.get(f"/media/{name}").status_code == 404
    assert client.get(f"/media/../private/{name}").status_code == 404


def test_a_file_of_another_type_downloads_instead_of_opening(client, s3_storage):
    name = storages["default"].save("practices/x/page.html",
                                    ContentFile(b"<script>1</script>"))

    response = client.get(f"/media/{name}")

    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    response.close()


def test_healthz_names_a_missing_bucket(client, settings, s3_storage):
    settings.AWS_STORAGE_BUCKET_NAME = "no-such-bucket"
    settings.STORAGES = dict(settings.STORAGES)  # storages are made again with the new name

    response = client.get("/healthz")

    assert response.status_code == 503
    storage = response.json()["checks"]["storage"]
    assert storage["ok"] is False
    assert storage["detail"] == "default storage: NoSuchBucket"


def test_applying_while_the_bucket_is_missing_keeps_the_typing_and_saves_nothing(
        client, job, settings, s3_storage):
    settings.AWS_STORAGE_BUCKET_NAME = "no-such-bucket"
    settings.STORAGES = dict(settings.STORAGES)

    response = _apply(client, job, first_name="Jordana")

    assert response.status_code == 503
    page = response.content.decode()
    assert "could not save your files just now" in page
    assert 'value="Jordana"' in page
    with scopes_disabled():
        assert not Application.objects.exists()
        assert not Candidate.objects.exists()
        assert not OutboxTask.objects.exists()


def test_a_staff_download_while_the_storage_is_down_answers_a_clean_503(
        client, manager_client, job, settings, s3_storage, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _apply(client, job)
    with scopes_disabled():
        resume = Resume.objects.get()
    settings.AWS_S3_ENDPOINT_URL = f"http://127.0.0.1:{free_port()}"  # nothing listens
    settings.STORAGES = dict(settings.STORAGES)

    response = manager_client.get(reverse("candidates-staff:resume-download", kwargs={
        "practice": job.practice.slug, "resume_id": resume.public_id}))

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "back in a moment" in response.content.decode()


def test_a_folder_under_media_is_not_found(client, practice):
    with scopes_disabled():
        practice.logo.save("logo.png", ContentFile(b"\x89PNG fake"), save=True)
    folder = practice.logo.name.rsplit("/", 1)[0]

    assert client.get(f"/media/{folder}").status_code == 404
    assert client.get(f"/media/{folder}/").status_code == 404


def test_media_serves_only_what_the_public_storage_is_for(client, s3_storage):
    # e.g. a job document left in the public storage by an older release
    name = storages["default"].save("documents/2026/01/job.docx", ContentFile(b"PK draft"))

    assert client.get(f"/media/{name}").status_code == 404


def test_names_made_for_file_fields_never_collide_in_a_bucket(practice, s3_storage):
    """A bucket cannot create a name only if it is free: every generated name gets a random
    part, while a name given to save() (a restore) is kept exactly."""
    with scopes_disabled():
        first = BulkActionFactory.build(practice=practice)
        second = BulkActionFactory.build(practice=practice)
        first.result_file.save("riverside-applicants.csv", ContentFile(b"a"), save=False)
        second.result_file.save("riverside-applicants.csv", ContentFile(b"b"), save=False)
    kept = storages["private"].save("exports/exact-name.csv", ContentFile(b"c"))

    assert first.result_file.name != second.result_file.name
    assert first.result_file.name.startswith("exports/riverside-applicants-")
    assert kept == "exports/exact-name.csv"
