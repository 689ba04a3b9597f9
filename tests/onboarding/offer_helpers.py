"""Helpers of the offer tests: a candidate in the Offer stage, an offer made and sent the way
the pages do it, the private link read back from the e-mail."""

from __future__ import annotations

import re
import shutil
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlsplit

from django.core import mail
from django_scopes import scope, scopes_disabled

from candidates.models import Application, Stage
from candidates.pipeline import application_enter_pipeline, application_move, job_pipeline
from hiring.models import Practice, User
from onboarding import offers
from onboarding.models import Offer
from tests.factories import ApplicationFactory

NAME, EMAIL = "Morgan Ellis", "morgan.ellis@example.test"
LINK = re.compile(r"https?://\S+/offers/[^/\s]+/")


def in_offer_stage(practice: Practice, actor: User, *, email: str = EMAIL,
                   **job: object) -> Application:
    """An active application of `Morgan Ellis`, moved to the job's Offer stage."""
    with scopes_disabled():
        application = ApplicationFactory(
            practice=practice, candidate__first_name="Morgan", candidate__last_name="Ellis",
            candidate__email=email, **{f"job__{k}": v for k, v in job.items()})
    with scope(practice=practice):
        application_enter_pipeline(application=application)
        stage = next(s for s in job_pipeline(application.job) if s.kind == Stage.Kind.OFFER)
        return application_move(application=application, to_stage=stage, actor=actor)


def terms(practice: Practice, actor: User, **changes: object) -> dict[str, object]:
    """What the offer form would pass: a start in two weeks, a week to answer."""
    today = offers.practice_today(practice)
    with scopes_disabled():
        manager = practice.memberships.get(user=actor)
    return {"position_title": "Medical Assistant", "pay_amount": Decimal("24.50"),
            "pay_unit": "hour", "start_date": today + timedelta(days=14), "manager": manager,
            "expires_on": today + timedelta(days=7),
            "notes": "You will work Monday to Thursday at the Main Street office.",
            **changes}


def make_offer(application: Application, actor: User, **changes: object) -> Offer:
    with scope(practice=application.practice):
        return offers.offer_create(application=application, actor=actor,
                                   **terms(application.practice, actor, **changes))


def send(offer: Offer, actor: User, capture: object, *, again: bool = False) -> Offer:
    """Send (or resend) the way the staff page does; the worker runs inline after commit."""
    service = offers.offer_resend if again else offers.offer_send
    with capture(execute=True), scope(practice=offer.practice):  # type: ignore[operator]
        service(offer=offer, actor=actor)
    with scopes_disabled():
        return Offer.objects.select_related("letter", "signature").get(pk=offer.pk)


def link_path(message: mail.EmailMessage | None = None) -> str:
    """The private link's path in the (latest) e-mail."""
    body = (message or mail.outbox[-1]).body
    found = LINK.search(body)
    assert found, body
    return urlsplit(found.group(0)).path


def hide_libreoffice(monkeypatch: object) -> None:
    """As on a server without LibreOffice: the letter is made as a DOCX only."""
    which = shutil.which
    monkeypatch.setattr(shutil, "which",  # type: ignore[attr-defined]
                        lambda name, *a, **k: None if name in {"soffice", "libreoffice"}
                        else which(name, *a, **k))
