"""The team roster: hires become employees of the practice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Min, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hiring.models import Practice, User
from hiring.services import audit_log
from jobs.services import practice_today
from onboarding.models import Credential, Employee, Packet, Signature


@transaction.atomic
def employee_from_packet(*, packet: Packet) -> Employee:
    """The employee a packet's hire became, made the first time (idempotent)."""
    existing = Employee.objects.filter(packet=packet).first()
    if existing:
        return existing
    application = packet.application
    candidate = application.candidate
    offer = packet.offer
    return Employee.objects.create(
        practice=packet.practice, application=application, packet=packet,
        full_name=candidate.full_name, email=candidate.email, phone=candidate.phone,
        role_title=offer.position_title if offer else application.job.title,
        start_date=packet.start_date)


# --- By hand: employees and their credentials ---------------------------------------------------

EMPLOYEE_FIELDS = ("full_name", "email", "phone", "role_title", "start_date")
CREDENTIAL_FIELDS = ("name", "number", "issuer", "expires_on")


def _clean_text(fields: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    return {name: " ".join(str(value).split()) if isinstance(value, str) else value
            for name, value in fields.items() if name in names}


def _check_email_free(*, practice: Practice, email: str, exclude: Employee | None) -> None:
    if not email:
        return
    others = Employee.objects.filter(practice=practice, email__iexact=email)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise ValidationError({"email": _("Someone on the roster already has this e-mail "
                                          "address.")})


def _employee_validate(employee: Employee) -> None:
    errors: dict[str, list[str]] = {}
    if not employee.full_name:
        errors["full_name"] = [_("Enter the employee's name.")]
    if not employee.role_title:
        errors["role_title"] = [_("Enter the employee's role, e.g. Medical assistant.")]
    if errors:
        raise ValidationError(errors)
    employee.full_clean(exclude=["application", "packet"])


@transaction.atomic
def employee_create(*, practice: Practice, actor: User | None, fields: dict[str, Any]
                    ) -> Employee:
    """Put someone on the roster by hand (people hired before the app, or off the app)."""
    employee = Employee(practice=practice, **_clean_text(fields, EMPLOYEE_FIELDS))
    employee.email = employee.email.lower()
    _employee_validate(employee)
    _check_email_free(practice=practice, email=employee.email, exclude=None)
    employee.save()
    audit_log(action="onboarding.employee.created", actor=actor, obj=employee)
    return employee


@transaction.atomic
def employee_update(*, employee: Employee, actor: User | None, fields: dict[str, Any]
                    ) -> Employee:
    """Change an employee's contacts, role or start date."""
    changes = _clean_text(fields, EMPLOYEE_FIELDS)
    if "email" in changes and changes["email"].lower() != employee.email.lower():
        changes["email"] = changes["email"].lower()
    else:
        changes.pop("email", None)  # the same address, however it is capitalized
    changed = [name for name, value in changes.items() if getattr(employee, name) != value]
    for name in changed:
        setattr(employee, name, changes[name])
    _employee_validate(employee)
    if "email" in changed:  # a hire from a packet may share an address added by hand
        _check_email_free(practice=employee.practice, email=employee.email, exclude=employee)
    if changed:
        employee.save(update_fields=changed)
        audit_log(action="onboarding.employee.updated", actor=actor, obj=employee,
                  data={"fields": changed})
    return employee


def employee_set_status(*, employee: Employee, status: str, actor: User | None) -> Employee:
    """Mark an employee as left (or back at work). Left employees get no more reminders."""
    if status not in Employee.Status.values:
        raise ValidationError(_("Unknown status."))
    if Employee.objects.filter(pk=employee.pk).exclude(status=status).update(status=status):
        audit_log(action=f"onboarding.employee.{status}", actor=actor, obj=employee)
    employee.status = status
    return employee


@transaction.atomic
def credential_save(*, employee: Employee, actor: User | None, fields: dict[str, Any],
                    credential: Credential | None = None) -> Credential:
    """Add or change a licence or certification. A new expiry date re-arms its reminder."""
    if credential is not None and credential.employee_id != employee.pk:
        raise ValidationError(_("This credential belongs to someone else."))
    credential = credential or Credential(practice=employee.practice, employee=employee)
    old_expiry = credential.expires_on if credential.pk else None
    for name, value in _clean_text(fields, CREDENTIAL_FIELDS).items():
        setattr(credential, name, value)
    if not credential.name:
        raise ValidationError({"name": _("Enter the licence or certification, e.g. "
                                         "RN licence or BLS.")})
    if credential.expires_on != old_expiry:
        credential.reminded_at = None  # a renewed licence is reminded of again before it ends
    credential.full_clean(exclude=["employee", "file"])
    created = credential.pk is None
    credential.save()
    audit_log(action="onboarding.credential.added" if created else "onboarding.credential.changed",
              actor=actor, obj=credential, data={"employee": str(employee.public_id)})
    return credential


@transaction.atomic
def credential_delete(*, credential: Credential, actor: User | None) -> None:
    """Remove a credential (and its stored copy, once the removal is committed)."""
    audit_log(action="onboarding.credential.removed", actor=actor, obj=credential,
              data={"employee": str(credential.employee.public_id)})
    stored = credential.file
    credential.delete()
    if stored:
        transaction.on_commit(lambda: stored.storage.delete(stored.name))


# --- Reads for the roster pages -------------------------------------------------------------------

# the reminder goes out this many days before; the pages flag the same window
REMIND_WITHIN_DAYS = 30

@dataclass(frozen=True)
class Expiry:
    """How soon a date passes, in words, and how loudly to say it."""

    text: str
    tone: str  # a Bootstrap colour: danger, warning, secondary

    @classmethod
    def of(cls, expires_on: date | None, today: date) -> Expiry | None:
        if expires_on is None:
            return None
        days = (expires_on - today).days
        if days < 0:
            return cls(_("expired"), "danger")
        if days == 0:
            return cls(_("expires today"), "danger")
        text = ngettext("expires in %(n)d day", "expires in %(n)d days", days) % {"n": days}
        return cls(text, "warning" if days <= REMIND_WITHIN_DAYS else "secondary")


def employee_list(*, practice: Practice, status: str = "", today: date) -> list[Employee]:
    """The roster, each with `next_expiry` (the earliest credential expiry, past ones
    included) and its `expiry` in words. One query however many employees."""
    employees = Employee.objects.filter(practice=practice).annotate(
        next_expiry=Min("credentials__expires_on"), credential_count=Count("credentials"))
    if status:
        employees = employees.filter(status=status)
    rows = list(employees.order_by("full_name", "id"))
    for employee in rows:
        employee.expiry = Expiry.of(employee.next_expiry, today)
    return rows


def employee_signatures(employee: Employee) -> list[Signature]:
    """The documents this employee signed: as signer (by e-mail), in their packet, or on
    their offer; each with its `packet_item` or `offer` joined, for the download link."""
    match = Q(pk__in=[])
    if employee.email:
        match |= Q(signer_email__iexact=employee.email)
    if employee.packet_id:
        match |= Q(packet_item__packet=employee.packet_id) | Q(offer__packet=employee.packet_id)
    if employee.application_id:
        match |= Q(offer__application=employee.application_id)
    return list(Signature.objects.filter(match, practice=employee.practice_id)
                .select_related("document", "packet_item", "offer")
                .order_by("-signed_at").distinct())


def credentials_expiring(practice: Practice, within_days: int = 60, *,
                         today: date | None = None) -> QuerySet[Credential]:
    """Credentials of active employees that end within `within_days` (or have ended),
    soonest first."""
    today = today or practice_today(practice)
    return (Credential.objects.filter(
        practice=practice, employee__status=Employee.Status.ACTIVE,
        expires_on__lte=today + timedelta(days=within_days))
        .select_related("employee").order_by("expires_on", "employee__full_name", "id"))
