"""Two workers take the same job at once (a redelivered message, a doubled beat): each kind
of file a worker makes ends with one stored file, named by its row, and no second copy.

The storages here overwrite a name written twice, as a bucket can when two runs both find
a name free before either writes it, instead of choosing another name as a local folder
does: a run that loses and deletes "its" copy must not delete the winner's. Each run is a
thread with its own database connection."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django_scopes import scope, scopes_disabled

from candidates import bulk
from candidates.models import BulkAction
from interviews.models import InterviewDocument
from interviews.tasks import interview_document_build
from jobs.models import Board, Feed, JobDocument
from jobs.syndication import feeds
from jobs.tasks import job_document_build
from onboarding import esign, offers
from onboarding.models import Offer, Signature
from tests.factories import (
    ApplicationFactory,
    InterviewDocumentFactory,
    InterviewKitFactory,
    JobDocumentFactory,
    JobFactory,
    KitQuestionFactory,
)
from tests.jobs.feed_helpers import boards_on
from tests.onboarding.offer_helpers import in_offer_stage, make_offer

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def overwriting_storages(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"allow_overwrite": True}},
        "private": {"BACKEND": "hiring.storage.PrivateFileSystemStorage",
                    "OPTIONS": {"allow_overwrite": True}},
    }


def twice_at_once(run: Callable[[], Any]) -> list[Any]:
    """`run()` in two threads started together, each with its own connection; the results
    (an exception in either fails the test)."""
    start = threading.Barrier(2)
    results: list[Any] = []
    errors: list[BaseException] = []

    def target() -> None:
        try:
            start.wait(10)
            with scopes_disabled():
                results.append(run())
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=target) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, errors
    return results


def meeting_halfway(monkeypatch, owner: Any, name: str, *, before: bool = False) -> None:
    """Make both runs finish (or, `before`, reach) `owner.name` before either goes on: the
    worst interleaving."""
    real = getattr(owner, name)
    met = threading.Barrier(2)
    waited = threading.local()

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        first = not getattr(waited, "done", False)  # only the first call of each run waits
        waited.done = True
        if first and before:
            met.wait(60)
        result = real(*args, **kwargs)
        if first and not before:
            met.wait(60)
        return result

    monkeypatch.setattr(owner, name, wrapped)


def files(root: Path, pattern: str) -> list[Path]:
    return sorted(p for p in root.rglob(pattern) if p.is_file())


def private(pattern: str) -> list[Path]:
    return files(Path(django_settings.PRIVATE_MEDIA_ROOT), pattern)


@pytest.fixture
def offer(practice, manager) -> Offer:
    return make_offer(in_offer_stage(practice, manager), manager)


def test_two_runs_make_one_offer_letter_with_one_pdf(offer, monkeypatch):
    meeting_halfway(monkeypatch, offers, "docx_to_pdf")  # both convert, then both store

    def ensure() -> int:
        return offers.letter_ensure(Offer.objects.select_related("letter", "practice")
                                    .get(pk=offer.pk)).pk

    first, second = twice_at_once(ensure)

    with scopes_disabled():
        offer.refresh_from_db()
        letter = offer.letter
    assert first == second == letter.pk
    assert letter.version == 1
    assert [p.name for p in private("offer-*.docx")] == [Path(letter.docx.name).name]
    assert [p.name for p in private("offer-*.pdf")] == [Path(letter.pdf.name).name]
    with letter.pdf.open("rb") as handle:
        assert esign.sha256(handle.read()) == letter.pdf_sha256


def test_two_runs_make_one_signed_pdf_and_keep_it(practice, monkeypatch, queue_mode):
    with scopes_disabled():
        document = esign.document_version(practice=practice, key="handbook", title="Handbook",
                                          body="Wash your hands.")
        consent = esign.consent_give(practice=practice, name="Morgan Ellis",
                                     email="morgan@example.test", subject="t", seen=esign.Seen())
        # the PDF task goes to the broker (queue mode) and waits: the two runs below are it
        signature = esign.sign(document=document, consent=consent, typed_name="Morgan Ellis",
                               expected_name="Morgan Ellis", signer_email=consent.signer_email,
                               agreed=True, viewed_at=consent.consented_at, subject="t",
                               seen=esign.Seen())
    meeting_halfway(monkeypatch, esign, "docx_to_pdf")

    made = twice_at_once(lambda: esign.signed_pdf_make(Signature.objects.get(pk=signature.pk)))

    with scopes_disabled():
        signature.refresh_from_db()
    assert sorted(made) == [False, True]
    assert [p.name for p in private("signed-*.pdf")] == [Path(signature.signed_pdf.name).name]
    with signature.signed_pdf.open("rb") as handle:
        assert esign.sha256(handle.read()) == signature.signed_pdf_sha256
    assert esign.signature_problems(signature) == []


def test_two_runs_make_one_job_document(practice):
    with scopes_disabled():
        document = JobDocumentFactory(practice=practice)

    twice_at_once(lambda: job_document_build(practice.pk, document_id=document.pk))

    with scopes_disabled():
        document.refresh_from_db()
    assert document.status == JobDocument.Status.READY
    assert [p.name for p in private("*.docx")] == [Path(document.file.name).name]


def test_two_runs_make_one_interview_kit_document(practice):
    with scopes_disabled():
        kit = InterviewKitFactory(practice=practice, name="Phone screen")
        KitQuestionFactory(practice=practice, kit=kit, question="Why this clinic?")
        document = InterviewDocumentFactory(practice=practice, kit=kit)

    twice_at_once(lambda: interview_document_build(practice.pk, document_id=document.pk))

    with scopes_disabled():
        document.refresh_from_db()
    assert document.status == InterviewDocument.Status.READY
    assert [p.name for p in private("*.docx")] == [Path(document.file.name).name]


def test_two_runs_of_an_export_write_one_file(practice, manager, monkeypatch, queue_mode,
                                              settings):
    # a local folder this time: an overwriting storage would hide a second file under the
    # first one's name (same job, same day)
    settings.STORAGES = {**settings.STORAGES,
                         "private": {"BACKEND": "hiring.storage.PrivateFileSystemStorage"}}
    with scopes_disabled():
        job = JobFactory(practice=practice)
        applications = [ApplicationFactory(practice=practice, job=job) for _ in range(3)]
        with scope(practice=practice):
            action = bulk.bulk_export_start(job=job, applications=applications, actor=manager)
    meeting_halfway(monkeypatch, bulk, "_export", before=True)  # both start, then write

    twice_at_once(lambda: bulk.bulk_action_run(action=BulkAction.objects.get(pk=action.pk)))

    with scopes_disabled():
        action.refresh_from_db()
    assert action.status == BulkAction.Status.DONE
    assert action.done == action.total == 3
    assert [p.name for p in private("*.csv")] == [Path(action.result_file.name).name]


def test_two_builds_of_a_feed_keep_the_stored_file(practice, queue_mode, monkeypatch):
    boards_on(practice, Board.INDEED)
    with scopes_disabled():
        JobFactory(practice=practice, status="published")
        feed = feeds.feed_get(practice=practice, kind=Feed.Kind.INDEED)
    meeting_halfway(monkeypatch, feeds, "_store")  # both stored the same content, same name

    twice_at_once(lambda: feeds.build(Feed.objects.get(pk=feed.pk)).pk)

    feed.refresh_from_db()
    stored = files(Path(django_settings.MEDIA_ROOT), "indeed-*")
    assert feed.stale_since is None
    assert feed.error == ""
    assert [p.name for p in stored] == sorted([Path(feed.file.name).name,
                                               Path(feeds.gzip_name(feed.file.name)).name])
