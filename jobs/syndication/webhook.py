"""The signed webhook adapter (the generic board): the practice names an address, and every
change of a job posted there is sent to it as a signed JSON event.

POST to the practice's BoardAccount.webhook_url a JSON event:
    {"event": "job.updated"|"job.deleted", "id": "<idempotency key>",
     "practice": {"slug", "name"}, "job": {...}, "sent_at": "<ISO 8601>"}
with the headers `Idempotency-Key: <id>` (the same on every attempt of one event) and
`X-Hiring-Signature: t=<unix seconds>,v1=<hex>`. A receiver checks a call like this:
    1. split the header on "," and "=" to get t and v1;
    2. compute hex(HMAC-SHA256(key=<webhook secret as UTF-8 text>,
                               msg=<t> + "." + <raw request body bytes>));
    3. accept only if it equals v1 (compare in constant time, e.g. hmac.compare_digest)
       and t is within a few minutes of its clock (refuses replays of old calls);
    4. answer 2xx, and ignore an Idempotency-Key it has already processed: a call whose
       answer got lost is sent again, identical but for t and the signature.
Because the practice types the address, only https:// URLs resolving to public addresses are
called (unless SYNDICATION_ALLOW_PRIVATE_WEBHOOKS), and the connection goes to the address
that was checked.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import socket
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from hiring.models import Practice
from jobs.models import Board, BoardAccount, Delivery
from jobs.pay import pay_text
from jobs.syndication import http
from jobs.syndication.adapters import USER_AGENT, Adapter, Answer, job_apply_url
from jobs.syndication.http import Outcome


class Unsendable(Exception):
    def __init__(self, answer: Answer) -> None:
        super().__init__(answer.error)
        self.answer = answer


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone (fe80::1%eth0)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def webhook_address(url: str) -> str | None:
    """The checked IP address to call for `url` (None: private addresses are allowed, call
    the name). Raises Unsendable for an address we must not call."""
    if settings.SYNDICATION_ALLOW_PRIVATE_WEBHOOKS:
        return None
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise Unsendable(Answer.final("The webhook address must start with https:// (calls "
                                      "carry job data and are signed)."))
    try:
        found = socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise Unsendable(Answer.retry(f"Could not look up {parts.hostname}")) from None
    addresses = [str(info[4][0]) for info in found]
    if refused := [a for a in addresses if not _is_public(a)]:
        # all must be public: a name with one private address could be steered to it
        raise Unsendable(Answer.final(
            f"The webhook address {parts.hostname} resolves to {refused[0]}, a private, "
            f"local or reserved network address; only public addresses are called."))
    return addresses[0]


def webhook_address_problem(url: str) -> str:
    """Why this webhook address would be refused ("" when it would be called): for forms."""
    try:
        webhook_address(url)
    except Unsendable as exc:
        return exc.answer.error if exc.answer.outcome is Outcome.FINAL else ""
    return ""


def signature(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def webhook_payload(delivery: Delivery, *, sent_at: datetime) -> dict[str, Any]:
    job, practice = delivery.job, delivery.practice
    place = job.site
    updated = delivery.action == Delivery.Action.UPDATED
    return {
        "event": f"job.{delivery.action}",
        "id": str(delivery.idempotency_key),
        "practice": {"slug": practice.slug, "name": practice.name},
        "job": {
            "id": str(job.public_id),
            "title": job.title,
            "url": delivery.url,
            "apply_url": job_apply_url(job, Board.GENERIC) if updated else None,
            "status": job.status,
            "employment_type": job.employment_type,
            "department": job.department,
            "location": {"street": place.street, "city": place.city, "state": place.state,
                         "postal_code": place.postal_code, "country": place.country,
                         "remote": job.is_remote},
            "pay": pay_text(job.pay_min, job.pay_max, job.pay_unit, job.currency),
            "closes_on": job.closes_on.isoformat() if job.closes_on else None,
        },
        "sent_at": sent_at.isoformat(),
    }


class GenericWebhook(Adapter):
    board = Board.GENERIC
    pushes = True

    def _account(self, practice: Practice) -> BoardAccount | None:
        return (BoardAccount.objects.filter(practice=practice, board=Board.GENERIC)
                .exclude(webhook_url="").first())

    def configured(self, practice: Practice) -> bool:
        # an address is enough, even with the board off: the aggregator must hear of
        # withdrawals after the practice stops posting there
        return self._account(practice) is not None

    def send(self, delivery: Delivery) -> Answer:
        account = self._account(delivery.practice)
        if account is None:
            return Answer.final("The practice removed its webhook address.")
        if not account.webhook_secret:
            return Answer.final("The webhook has no signing secret; save the address again.")
        try:
            address = webhook_address(account.webhook_url)
        except Unsendable as exc:
            return exc.answer
        now = timezone.now()
        body = json.dumps(webhook_payload(delivery, sent_at=now),
                          separators=(",", ":")).encode()
        response = http.post(account.webhook_url, body, {
            "Content-Type": "application/json", "User-Agent": USER_AGENT,
            "Idempotency-Key": str(delivery.idempotency_key),
            "X-Hiring-Signature": signature(account.webhook_secret, int(now.timestamp()),
                                            body),
        }, address=address)
        return Answer.of(response)
