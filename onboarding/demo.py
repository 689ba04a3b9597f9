"""Demo team roster for the demo practice: people already working there, added by hand, with
their licences and certifications (one RN licence ends within 30 days, so the reminder and
the roster's badge have something to show). Made through the same services a practice uses.

The accepted offer and the half-done onboarding packet are added by the offers and packets
demo, not here.

Idempotent: someone already on the roster (by e-mail) is left as they are."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from hiring.models import Practice, User
from jobs.services import practice_today
from onboarding.models import Employee
from onboarding.roster import credential_save, employee_create


@dataclass(frozen=True)
class DemoCredential:
    name: str
    number: str
    issuer: str
    expires_in_days: int | None  # from the day of seeding; None: does not expire


@dataclass(frozen=True)
class DemoEmployee:
    full_name: str
    email: str
    phone: str
    role_title: str
    started_days_ago: int
    credentials: tuple[DemoCredential, ...]


ROSTER = (
    DemoEmployee("Renee Alvarez", "renee.alvarez@demo-clinic.test", "(503) 555-0187",
                 "Registered nurse", 3 * 365, (
                     DemoCredential("RN licence", "OR-RN-094417",
                                    "Oregon State Board of Nursing", 21),
                     DemoCredential("BLS", "BLS-7781203", "American Heart Association", 420),
                 )),
    DemoEmployee("Jamal Turner", "jamal.turner@demo-clinic.test", "(503) 555-0163",
                 "Certified medical assistant", 400, (
                     DemoCredential("CMA (AAMA)", "CMA-2231907",
                                    "American Association of Medical Assistants", 270),
                     DemoCredential("BLS", "BLS-7790415", "American Heart Association", 190),
                 )),
    DemoEmployee("Lena Kowalski", "lena.kowalski@demo-clinic.test", "(503) 555-0121",
                 "Front desk coordinator", 2 * 365, (
                     DemoCredential("HIPAA privacy training", "", "Demo Family Clinic", None),
                 )),
)


def seed_roster(*, practice: Practice, owner: User) -> int:
    """Put the demo team on the roster; return how many employees were added."""
    today = practice_today(practice)
    known = set(Employee.objects.filter(practice=practice).values_list("email", flat=True))
    added = 0
    for person in ROSTER:
        if person.email in known:
            continue
        employee = employee_create(practice=practice, actor=owner, fields={
            "full_name": person.full_name, "email": person.email, "phone": person.phone,
            "role_title": person.role_title,
            "start_date": today - timedelta(days=person.started_days_ago)})
        for credential in person.credentials:
            expires_on = (None if credential.expires_in_days is None
                          else today + timedelta(days=credential.expires_in_days))
            credential_save(employee=employee, actor=owner, fields={
                "name": credential.name, "number": credential.number,
                "issuer": credential.issuer, "expires_on": expires_on})
        added += 1
    return added
