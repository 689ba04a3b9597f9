"""The standing cast: two practices, one person of each role in the first, an outsider; and
a real Celery worker on Redis for the tests marked `worker`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django_scopes import scopes_disabled

from hiring.celery import app
from hiring.models import Practice, User
from hiring.roles import Role
from tests.factories import MembershipFactory, PracticeFactory, UserFactory
from tests.s3 import Bucket, s3_server
from tests.workers import celery_worker


@pytest.fixture(scope="session", autouse=True)
def _collected_static():
    """Pages link hashed static files, as in production; build the manifest once."""
    call_command("collectstatic", "--noinput", verbosity=0)


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory) -> Iterator[str]:
    """One S3 server (moto) for the session; each test gets a bucket of its own."""
    with s3_server(tmp_path_factory.mktemp("moto") / "moto.log") as endpoint:
        yield endpoint


@pytest.fixture
def bucket(s3_endpoint) -> Bucket:
    return Bucket(s3_endpoint).create()


@pytest.fixture
def s3_storage(settings, bucket) -> Bucket:
    """This process stores every file in `bucket`, as STORAGE=s3 does."""
    for name, value in bucket.settings().items():
        setattr(settings, name, value)
    return bucket


@pytest.fixture
def practice(db) -> Practice:
    with scopes_disabled():
        return PracticeFactory(slug="riverside", name="Riverside Family Practice")


@pytest.fixture
def other_practice(db) -> Practice:
    with scopes_disabled():
        return PracticeFactory(slug="lakeview", name="Lakeview Dental")


def _member(practice: Practice, role: Role, email: str) -> User:
    with scopes_disabled():
        return MembershipFactory(practice=practice, role=role,
                                 user=UserFactory(email=email)).user


@pytest.fixture
def owner(practice) -> User:
    return _member(practice, Role.OWNER, "owner@riverside.test")


@pytest.fixture
def manager(practice) -> User:
    return _member(practice, Role.MANAGER, "manager@riverside.test")


@pytest.fixture
def interviewer(practice) -> User:
    return _member(practice, Role.INTERVIEWER, "interviewer@riverside.test")


@pytest.fixture
def other_owner(other_practice) -> User:
    return _member(other_practice, Role.OWNER, "owner@lakeview.test")


@pytest.fixture
def outsider(db) -> User:
    with scopes_disabled():
        return UserFactory(email="outsider@example.test")


def _client_for(user: User) -> Client:
    client = Client()
    client.force_login(user, backend="hiring.auth.EmailBackend")
    return client


@pytest.fixture
def owner_client(owner) -> Client:
    return _client_for(owner)


@pytest.fixture
def manager_client(manager) -> Client:
    return _client_for(manager)


@pytest.fixture
def interviewer_client(interviewer) -> Client:
    return _client_for(interviewer)


@pytest.fixture
def outsider_client(outsider) -> Client:
    return _client_for(outsider)


@pytest.fixture
def client_for():
    """Log any user in: `client_for(user)`."""
    return _client_for


@pytest.fixture
def queue_mode() -> Iterator[None]:
    """Publish to the broker instead of running tasks inline, with an empty queue."""
    app.conf.task_always_eager = False
    app.conf.broker_url = settings.CELERY_BROKER_URL
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge("celery")
    yield
    app.conf.task_always_eager = True
    app.conf.broker_url = settings.CELERY_BROKER_URL


@pytest.fixture
def worker(queue_mode) -> Iterator[None]:
    """A real Celery worker on Redis for the length of the test, publishing to it."""
    with celery_worker():
        yield
