"""Google's Indexing API against a local server: the service account's token (JWT-bearer
grant), the notification, Google's answers, and the daily quota."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from urllib.parse import parse_qs

import pytest
import time_machine
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from jobs.models import Board, Delivery, DeliveryAttempt
from jobs.syndication.deliveries import send
from jobs.syndication.google_indexing import next_pacific_midnight
from tests.jobs.push.boards import (
    BoardServer,
    Reply,
    delivery,
    fast,
    make_due,
    ok,
    published_job,
)

SCOPE = "https://indexing.example.test/auth/indexing"
pytestmark = pytest.mark.django_db
Status = Delivery.Status
TOKEN = {"access_token": "ya29.local-test-token", "expires_in": 3599, "token_type": "Bearer"}


@pytest.fixture(scope="module")
def key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def server():
    with BoardServer() as board:
        yield board


@pytest.fixture(autouse=True)
def google(settings, tmp_path, key, server):
    """A service account whose token endpoint, like the Indexing API, is the local server."""
    fast(settings)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode()
    credentials = tmp_path / "service-account.json"
    credentials.write_text(json.dumps({
        "type": "service_account", "client_email": "indexer@clinic-jobs.iam.gserviceaccount.com",
        "private_key_id": "key-1", "private_key": pem, "token_uri": f"{server.url}/token"}))
    settings.GOOGLE_INDEXING_CREDENTIALS = str(credentials)
    settings.GOOGLE_INDEXING_URL = f"{server.url}/index"
    settings.GOOGLE_INDEXING_SCOPE = SCOPE
    server.default("/token", ok(TOKEN))


def _send(row: Delivery) -> Delivery:
    with scope(practice=row.practice):
        return send(row)


def _google(practice, **fields) -> Delivery:
    return delivery(published_job(practice), board=Board.GOOGLE, **fields)


def _unb64(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def test_google_is_told_with_a_token_of_the_service_account(server, key, practice):
    row = _send(_google(practice))

    assert row.status == Status.SUCCEEDED
    assert server.paths() == ["/token", "/index"]
    token_request, notification = server.requests
    form = parse_qs(token_request.body.decode())
    assert form["grant_type"] == ["urn:ietf:params:oauth:grant-type:jwt-bearer"]
    header, claims, signature = form["assertion"][0].split(".")
    key.public_key().verify(_unb64(signature), f"{header}.{claims}".encode(),
                            padding.PKCS1v15(), hashes.SHA256())  # raises if it does not
    assert json.loads(_unb64(header)) == {"alg": "RS256", "typ": "JWT", "kid": "key-1"}
    claims = json.loads(_unb64(claims))
    assert claims["iss"] == "indexer@clinic-jobs.iam.gserviceaccount.com"
    assert claims["scope"] == SCOPE
    assert claims["aud"] == f"{server.url}/token"
    assert claims["exp"] - claims["iat"] == 3600
    assert abs(claims["iat"] - timezone.now().timestamp()) < 60
    assert notification.headers["authorization"] == "Bearer ya29.local-test-token"
    assert notification.json() == {"url": row.url, "type": "URL_UPDATED"}


def test_the_token_is_kept_until_shortly_before_it_expires(server, practice):
    _send(_google(practice))
    _send(_google(practice))

    assert server.paths() == ["/token", "/index", "/index"]


def test_a_closed_job_is_removed_with_url_deleted(server, practice):
    _send(_google(practice, action=Delivery.Action.DELETED))

    assert server.requests[-1].json()["type"] == "URL_DELETED"


def test_a_success_without_json_is_retried(server, practice):
    server.script("/index", Reply(200, b"<html>OK</html>"))

    row = _send(_google(practice))

    assert row.status == Status.RETRYING
    assert row.last_error == "Google answered HTTP 200 without JSON"


def test_a_refused_service_account_fails_with_googles_reason(server, practice):
    server.script("/token", Reply(400, b'{"error": "invalid_grant", '
                                       b'"error_description": "Invalid JWT Signature."}'))

    row = _send(_google(practice))

    assert row.status == Status.FAILED
    assert row.last_error == ("Google token request: HTTP 400 Bad Request "
                              "Invalid JWT Signature.")
    assert server.paths() == ["/token"]


def test_a_rejected_token_is_fetched_again_on_the_next_attempt(server, practice):
    server.script("/index", Reply(401))
    row = _google(practice)

    assert _send(row).status == Status.RETRYING
    make_due(row)
    assert _send(row).status == Status.SUCCEEDED
    assert server.paths() == ["/token", "/index", "/token", "/index"]


def test_a_site_the_account_does_not_own_is_explained(server, practice):
    server.script("/index", Reply(403, b'{"error": {"code": 403, "message": '
                                       b'"Permission denied. Failed to verify the URL '
                                       b'ownership."}}'))

    row = _send(_google(practice))

    assert row.status == Status.FAILED
    assert "Failed to verify the URL ownership" in row.last_error
    assert "owner of the site in Search Console" in row.last_error


def test_an_unreadable_key_file_fails_without_a_call(settings, server, practice, tmp_path):
    settings.GOOGLE_INDEXING_CREDENTIALS = str(tmp_path / "missing.json")

    row = _send(_google(practice))

    assert row.status == Status.FAILED
    assert row.last_error.startswith("GOOGLE_INDEXING_CREDENTIALS is not a usable")
    assert server.requests == []


# --- The daily quota ------------------------------------------------------------------------

LATE_EVENING_PACIFIC = datetime(2025, 7, 1, 6, 30, tzinfo=UTC)  # June 30, 23:30 in California


@pytest.fixture
def quota_of_two(settings):
    settings.GOOGLE_INDEXING_DAILY_QUOTA = 2


def test_a_spent_quota_postpones_to_midnight_pacific_without_an_attempt(quota_of_two, server,
                                                                          practice):
    rows = [_google(practice) for _ in range(3)]

    with time_machine.travel(LATE_EVENING_PACIFIC):
        states = [_send(row).status for row in rows]

    last = rows[-1]
    assert states == [Status.SUCCEEDED, Status.SUCCEEDED, Status.PENDING]
    assert last.attempts == 0
    assert last.next_attempt_at == datetime(2025, 7, 1, 7, 0, tzinfo=UTC)
    assert "daily quota of 2" in last.last_error
    with scopes_disabled():
        assert not DeliveryAttempt.objects.filter(delivery=last).exists()
    assert server.paths().count("/index") == 2


def test_the_quota_is_new_after_midnight_pacific(quota_of_two, server, practice):
    rows = [_google(practice) for _ in range(3)]
    with time_machine.travel(LATE_EVENING_PACIFIC):
        for row in rows:
            _send(row)

    with time_machine.travel(next_pacific_midnight(LATE_EVENING_PACIFIC)):
        assert _send(rows[-1]).status == Status.SUCCEEDED


def test_deletes_get_the_last_of_the_quota_before_updates(settings, server, practice):
    settings.GOOGLE_INDEXING_DAILY_QUOTA = 1
    update = _google(practice)
    delete = _google(practice, action=Delivery.Action.DELETED)

    assert _send(update).status == Status.PENDING  # the waiting delete keeps the last call
    assert _send(delete).status == Status.SUCCEEDED
    assert [seen.json()["type"] for seen in server.requests if seen.path == "/index"] == [
        "URL_DELETED"]
