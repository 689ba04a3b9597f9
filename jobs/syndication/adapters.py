"""One small interface for every job board: what it needs of a job (`needs`), whether and
how it is notified of a change (`pushes`, `configured`, `admit`, `send`), and what came
back (`Answer`, which jobs.syndication.deliveries records).

Pull boards (Indeed, ZipRecruiter) read our XML feeds and are never called. Two boards take
pushes; their endpoints and credentials come from settings (or, for the webhook, from the
practice's own choice), never from code:

Google Indexing API
    POST GOOGLE_INDEXING_URL with {"url": <job page>, "type": "URL_UPDATED"|"URL_DELETED"}
    and a Bearer token of the service account whose JSON key file GOOGLE_INDEXING_CREDENTIALS
    names (OAuth 2 JWT-bearer grant, token cached until shortly before it expires). Without
    that file Google still reads the job pages and the sitemap; it is just not told at once.
    GOOGLE_INDEXING_DAILY_QUOTA calls a day, for the whole deployment, counted per Pacific
    day as Google does; when it is spent, deletes still waiting are served first tomorrow.

Signed webhook (the generic board)
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
    Because the practice types the address, only https:// URLs resolving to public
    addresses are called (unless SYNDICATION_ALLOW_PRIVATE_WEBHOOKS), and the connection
    goes to the address that was checked.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import socket
import time
import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlencode, urlsplit

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from hiring.models import Practice
from jobs.models import Board, BoardAccount, Delivery, Job, WorkplaceType
from jobs.pay import pay_text
from jobs.structured_data import absolute_url
from jobs.syndication import http
from jobs.syndication.boards import source_for
from jobs.syndication.http import Outcome

if TYPE_CHECKING:
    from jobs.services import Problem

USER_AGENT = "HiringATS-Syndication/1.0"


@dataclass(frozen=True)
class Answer:
    """What a board said to one call: accepted, try again later, or refused for good."""

    outcome: Outcome
    status_code: int | None = None
    error: str = ""

    @classmethod
    def of(cls, response: http.Response) -> Answer:
        return cls(response.outcome, response.status, response.error)

    @classmethod
    def retry(cls, error: str, status_code: int | None = None) -> Answer:
        return cls(Outcome.RETRY, status_code, error)

    @classmethod
    def final(cls, error: str, status_code: int | None = None) -> Answer:
        return cls(Outcome.FINAL, status_code, error)


@dataclass(frozen=True)
class Hold:
    """Not now, and not the board's fault (a quota): wait until `until` without counting an
    attempt."""

    until: datetime
    reason: str


class Adapter:
    """A board. Pull boards keep the defaults; push boards override the notification part."""

    board: ClassVar[str]
    pushes: ClassVar[bool] = False

    def configured(self, practice: Practice) -> bool:
        """Whether a notification to this board is possible for this practice."""
        return False

    def needs(self, job: Job) -> list[Problem]:
        """What the board needs of the job that it lacks."""
        from jobs.syndication.checks import board_problems  # written alongside; read late

        return board_problems(job, self.board)

    def admit(self, delivery: Delivery) -> Hold | None:
        """Take what one call spends (a quota), or say how long to wait for it."""
        return None

    def send(self, delivery: Delivery) -> Answer:
        raise NotImplementedError(f"{self.board} reads our feeds; it is never called")


class PullBoard(Adapter):
    def __init__(self, board: str) -> None:
        self.board = board  # type: ignore[misc]


# --- Links ----------------------------------------------------------------------------------

def job_page_url(job: Job) -> str:
    """The job's public page: what Google is told about and what webhooks link to."""
    return absolute_url(reverse("careers:job", kwargs={"practice": job.practice.slug,
                                                       "job_slug": job.slug}))


def job_apply_url(job: Job, board: str) -> str:
    path = reverse("candidates:apply", kwargs={"practice": job.practice.slug,
                                               "job_slug": job.slug})
    return absolute_url(f"{path}?{urlencode({'source': source_for(board)})}")


# --- Google Indexing API --------------------------------------------------------------------

INDEXING_SCOPE = "https://www.googleapis.com/auth/indexing"
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
    claims = {"iss": account.client_email, "scope": INDEXING_SCOPE, "aud": account.token_uri,
              "iat": now, "exp": now + TOKEN_LIFETIME}
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
        # deployment-wide: Google is told of every practice's jobs by one service account
        return bool(settings.GOOGLE_INDEXING_CREDENTIALS)

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
        if not settings.GOOGLE_INDEXING_CREDENTIALS:
            return Answer.final("This server is no longer set up to notify Google "
                                "(GOOGLE_INDEXING_CREDENTIALS is empty).")
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


# --- Signed webhook (generic board) ---------------------------------------------------------

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
    place = job.location or practice
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
                         "remote": job.workplace_type == WorkplaceType.REMOTE},
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


# --- Registry -------------------------------------------------------------------------------

ADAPTERS: dict[str, Adapter] = {
    Board.INDEED: PullBoard(Board.INDEED),
    Board.ZIPRECRUITER: PullBoard(Board.ZIPRECRUITER),
    Board.GOOGLE: GoogleIndexing(),
    Board.GENERIC: GenericWebhook(),
}


def adapter_for(board: str) -> Adapter:
    return ADAPTERS[board]


def push_adapters() -> list[Adapter]:
    return [adapter for adapter in ADAPTERS.values() if adapter.pushes]
