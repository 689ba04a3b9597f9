"""The Google Indexing API adapter: Google is told at once when a job page changes or goes.

POST GOOGLE_INDEXING_URL with {"url": <job page>, "type": "URL_UPDATED"|"URL_DELETED"} and a
Bearer token of the service account whose JSON key file GOOGLE_INDEXING_CREDENTIALS names
(OAuth 2 JWT-bearer grant, token cached until shortly before it expires). Without that file
Google still reads the job pages and the sitemap; it is just not told at once.
GOOGLE_INDEXING_DAILY_QUOTA calls a day, for the whole deployment, counted per Pacific day as
Google does; when it is spent, deletes still waiting are served first tomorrow.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time
import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django_scopes import scopes_disabled

from hiring.models import Practice
from jobs.models import Board, Delivery
from jobs.syndication import http
from jobs.syndication.adapters import USER_AGENT, Adapter, Answer, Hold

JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
TOKEN_LIFETIME = 3600  # the longest Google grants
TOKEN_MARGIN = 300  # fetch a new token this long before the old one runs out
PACIFIC = zoneinfo.ZoneInfo("America/Los_Angeles")  # Google's quota day
NOTIFICATION_TYPES = {Delivery.Action.UPDATED: "URL_UPDATED",
                      Delivery.Action.DELETED: "URL_DELETED"}


class CredentialsError(Exception):
    """The service-account file is missing or unusable: a setup problem, not a passing one."""


@dataclass(frozen=True)
class ServiceAccount:
    client_email: str
    private_key: rsa.RSAPrivateKey
    key_id: str
    token_uri: str


def service_account(path: str) -> ServiceAccount:
    """Read a Google service-account JSON key file."""
    try:
        info = json.loads(Path(path).read_text())
        key = serialization.load_pem_private_key(info["private_key"].encode(), password=None)
        account = ServiceAccount(info["client_email"], key,  # type: ignore[arg-type]
                                 info.get("private_key_id", ""), info["token_uri"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        # never echo the file's content: it holds the private key
        raise CredentialsError(f"GOOGLE_INDEXING_CREDENTIALS is not a usable service-account "
                               f"key file ({type(exc).__name__})") from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise CredentialsError("The service account's key is not an RSA key")
    return account


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt_assertion(account: ServiceAccount, now: int) -> str:
    """The signed JWT (RS256) that the token endpoint trades for an access token."""
    header = {"alg": "RS256", "typ": "JWT"}
    if account.key_id:
        header["kid"] = account.key_id
    claims = {"iss": account.client_email, "scope": settings.GOOGLE_INDEXING_SCOPE,
              "aud": account.token_uri, "iat": now, "exp": now + TOKEN_LIFETIME}
    signing_input = ".".join(_b64url(json.dumps(part, separators=(",", ":")).encode())
                             for part in (header, claims))
    signature = account.private_key.sign(signing_input.encode(), padding.PKCS1v15(),
                                         hashes.SHA256())
    return f"{signing_input}.{_b64url(signature)}"


def _token_cache_key(account: ServiceAccount) -> str:
    who = hashlib.sha256(f"{account.client_email} {account.token_uri}".encode()).hexdigest()
    return f"syndication:google-token:{who[:24]}"


def _json(body: bytes) -> dict[str, Any] | None:
    try:
        data = json.loads(body)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def access_token(account: ServiceAccount) -> str | Answer:
    """A cached access token, or a fresh one from the token endpoint; an Answer when the
    endpoint would not give one."""
    key = _token_cache_key(account)
    if token := cache.get(key):
        return token
    body = urlencode({"grant_type": JWT_BEARER,
                      "assertion": jwt_assertion(account, int(time.time()))}).encode()
    response = http.post(account.token_uri, body, {
        "Content-Type": "application/x-www-form-urlencoded", "User-Agent": USER_AGENT})
    data = _json(response.body) or {}
    if not response.ok:
        reason = data.get("error_description") or data.get("error") or ""
        return Answer(response.outcome, response.status,
                      f"Google token request: {response.error} {reason}".strip()[:500])
    token = data.get("access_token")
    if not isinstance(token, str) or not token:
        return Answer.retry("Google token request: the answer held no access token",
                            response.status)
    try:
        lifetime = int(data.get("expires_in", TOKEN_LIFETIME))
    except (TypeError, ValueError):
        lifetime = 0
    if lifetime > TOKEN_MARGIN:
        cache.set(key, token, timeout=lifetime - TOKEN_MARGIN)
    return token


def _quota_day(now: datetime) -> date:
    return timezone.localtime(now, PACIFIC).date()


def next_pacific_midnight(now: datetime) -> datetime:
    return datetime.combine(_quota_day(now) + timedelta(days=1), clock(0), tzinfo=PACIFIC)


def _deletes_waiting(other_than: Delivery, now: datetime) -> int:
    """Google deletes due now, in every practice: the quota is the deployment's."""
    with scopes_disabled():
        return (Delivery.objects.filter(board=Board.GOOGLE, action=Delivery.Action.DELETED,
                                        status__in=[Delivery.Status.PENDING,
                                                    Delivery.Status.RETRYING])
                .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
                .exclude(pk=other_than.pk).count())


class GoogleIndexing(Adapter):
    board = Board.GOOGLE
    pushes = True

    def configured(self, practice: Practice) -> bool:
        # deployment-wide: Google is told of every practice's jobs by one service account,
        # at the endpoint and scope the operator names (nothing calls Google unless all are
        # set)
        return bool(settings.GOOGLE_INDEXING_CREDENTIALS and settings.GOOGLE_INDEXING_URL
                    and settings.GOOGLE_INDEXING_SCOPE)

    def admit(self, delivery: Delivery) -> Hold | None:
        now = timezone.now()
        quota = settings.GOOGLE_INDEXING_DAILY_QUOTA
        key = f"syndication:google-quota:{_quota_day(now).isoformat()}"
        limit = quota
        if delivery.action == Delivery.Action.UPDATED:
            limit -= _deletes_waiting(delivery, now)  # deletes go first
        cache.add(key, 0, timeout=2 * 24 * 3600)
        try:
            used = cache.incr(key)
        except ValueError:  # evicted between add and incr: start the day again
            cache.add(key, 1, timeout=2 * 24 * 3600)
            used = 1
        if used <= limit:
            return None
        cache.decr(key)  # this call is not made: give its share back
        until = next_pacific_midnight(now)
        return Hold(until, f"Google's daily quota of {quota} notifications is used up; "
                           f"waiting until midnight Pacific time "
                           f"({until.astimezone(zoneinfo.ZoneInfo('UTC')):%Y-%m-%d %H:%M} "
                           f"UTC).")

    def send(self, delivery: Delivery) -> Answer:
        if not self.configured(delivery.practice):
            return Answer.final("This server is no longer set up to notify Google "
                                "(GOOGLE_INDEXING_CREDENTIALS, GOOGLE_INDEXING_URL or "
                                "GOOGLE_INDEXING_SCOPE is empty).")
        try:
            account = service_account(settings.GOOGLE_INDEXING_CREDENTIALS)
        except CredentialsError as exc:
            return Answer.final(str(exc))
        token = access_token(account)
        if isinstance(token, Answer):
            return token
        body = json.dumps({"url": delivery.url,
                           "type": NOTIFICATION_TYPES[delivery.action]}).encode()
        response = http.post(settings.GOOGLE_INDEXING_URL, body, {
            "Content-Type": "application/json", "Authorization": f"Bearer {token}",
            "User-Agent": USER_AGENT})
        return self._answer(response, account)

    def _answer(self, response: http.Response, account: ServiceAccount) -> Answer:
        data = _json(response.body)
        if response.status == 401:
            # the token was revoked or ran out early: the next attempt fetches a new one
            cache.delete(_token_cache_key(account))
            return Answer.retry("Google refused the access token (HTTP 401)", 401)
        if response.ok:
            if data is None:
                return Answer.retry(f"Google answered HTTP {response.status} without JSON",
                                    response.status)
            return Answer.of(response)
        message = (data or {}).get("error", {})
        message = message.get("message", "") if isinstance(message, dict) else ""
        hint = (" (the service account must be an owner of the site in Search Console)"
                if response.status == 403 else "")
        return Answer(response.outcome, response.status,
                      f"{response.error}: {message}{hint}".strip(": ")[:500])
