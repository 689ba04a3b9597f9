"""The signed webhook of the generic board: what the aggregator receives, how it checks the
signature, and the addresses a practice may not point it at."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest
from django.utils import timezone

from jobs.models import Delivery
from jobs.syndication import http
from jobs.syndication.webhook import webhook_address_problem
from tests.jobs.push.boards import SECRET, delivery, send_in_scope

pytestmark = pytest.mark.django_db
Status = Delivery.Status


def test_the_webhook_is_signed_with_the_practice_secret(server, job):
    row = send_in_scope(delivery(job))

    (seen,) = server.requests
    timestamp, signature = (part.split("=", 1)[1]
                            for part in seen.headers["x-hiring-signature"].split(","))
    expected = hmac.new(SECRET.encode(), f"{timestamp}.".encode() + seen.body,
                        hashlib.sha256).hexdigest()
    assert hmac.compare_digest(signature, expected)
    assert abs(int(timestamp) - timezone.now().timestamp()) < 60
    assert seen.headers["content-type"] == "application/json"
    event = json.loads(seen.body)
    assert event["event"] == "job.updated"
    assert event["id"] == str(row.idempotency_key)
    assert event["practice"] == {"slug": "riverside", "name": "Riverside Family Practice"}
    assert event["job"]["id"] == str(job.public_id)
    assert event["job"]["url"] == f"http://127.0.0.1:8000/careers/riverside/jobs/{job.slug}/"
    assert event["job"]["apply_url"].endswith("?source=jobfeed")
    assert event["job"]["pay"] == "$19.00 \N{EN DASH} $24.50 per hour"


@pytest.mark.parametrize("url", [
    "https://127.0.0.1:8443/hook", "https://localhost/hook", "https://10.1.2.3/hook",
    "https://169.254.169.254/latest", "https://[::1]/hook", "https://[::ffff:192.168.0.1]/",
    "https://100.64.0.1/hook", "http://hooks.example.com/hook",
])
def test_private_and_plain_http_addresses_are_refused(settings, url):
    settings.SYNDICATION_ALLOW_PRIVATE_WEBHOOKS = False

    assert webhook_address_problem(url)


def test_the_call_goes_to_the_checked_address_not_to_a_new_lookup(server):
    # a name that resolves nowhere: only the pinned address can reach the server
    port = server.url.rsplit(":", 1)[1]

    response = http.post(f"http://hooks.invalid:{port}/hook", b"{}", {}, address="127.0.0.1")

    assert response.ok
    assert server.requests[0].headers["host"] == f"hooks.invalid:{port}"


def test_a_refused_address_fails_without_a_call(settings, server, job):
    settings.SYNDICATION_ALLOW_PRIVATE_WEBHOOKS = False

    row = send_in_scope(delivery(job))

    assert row.status == Status.FAILED
    assert "https://" in row.last_error
    assert server.requests == []
