"""Licence and certification reminders, sent daily by Celery beat: a credential of an active
employee that ends within REMIND_WITHIN_DAYS is reported once to the practice's owners and
hiring managers (one e-mail listing them all) and to the employee.

Each credential is claimed with a conditional update on `reminded_at` (and its expiry date)
in the transaction that sends: a repeated run finds it claimed and sends nothing, and a mail
server failing half-way rolls the claims back, so the next run tries again
(at-least-once). Changing the expiry date clears `reminded_at`, so a renewal is reminded of
again before it ends."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hiring.emails import send_templated_email
from hiring.models import Membership, Practice
from hiring.roles import Perm, Role, role_can
from jobs.services import practice_today
from onboarding.models import Credential, Employee
from onboarding.roster import REMIND_WITHIN_DAYS, credentials_expiring

MANAGING_ROLES = [role.value for role in Role if role_can(role, Perm.MANAGE_CANDIDATES)]


def credential_reminders_send(*, practice: Practice, today: date | None = None) -> int:
    """Remind of the credentials that end within REMIND_WITHIN_DAYS and have not been
    reminded of for this expiry date; return how many were reminded of."""
    today = today or practice_today(practice)
    due = list(credentials_expiring(practice, within_days=REMIND_WITHIN_DAYS, today=today)
               .filter(expires_on__gte=today, reminded_at__isnull=True))
    if not due:
        return 0
    return len(_claim_and_send(practice=practice, due=due, today=today))


def _link(practice: Practice, employee: Employee) -> str:
    return settings.SITE_URL + reverse("onboarding:employee-detail", kwargs={
        "practice": practice.slug, "employee_id": employee.public_id})


@transaction.atomic
def _claim_and_send(*, practice: Practice, due: list[Credential], today: date
                    ) -> list[Credential]:
    now = timezone.now()
    claimed = [c for c in due if Credential.objects.filter(
        pk=c.pk, reminded_at__isnull=True, expires_on=c.expires_on,
        employee__status=Employee.Status.ACTIVE).update(reminded_at=now) == 1]
    if not claimed:
        return []
    rows = [{"credential": c, "employee": c.employee, "days": (c.expires_on - today).days,
             "link": _link(practice, c.employee)} for c in claimed]
    managers = (Membership.objects.filter(practice=practice, role__in=MANAGING_ROLES,
                                          user__is_active=True)
                .select_related("user").order_by("user__full_name", "pk"))
    for member in managers:
        send_templated_email(template="credential_expiring", to=[member.user.email],
                             context={"practice": practice, "member": member, "rows": rows,
                                      "within_days": REMIND_WITHIN_DAYS})
    by_employee: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        by_employee[row["employee"].pk].append(row)
    for employee_rows in by_employee.values():
        employee = employee_rows[0]["employee"]
        if employee.email:
            send_templated_email(template="credential_expiring_employee", to=[employee.email],
                                 context={"practice": practice, "employee": employee,
                                          "rows": employee_rows,
                                          "within_days": REMIND_WITHIN_DAYS},
                                 reply_to=[practice.email] if practice.email else None)
    return claimed
