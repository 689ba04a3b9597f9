"""Demo data: the practice demo-clinic, its team, and jobs made from the shipped templates
(the office manager published at /careers/demo-clinic/jobs/medical-office-manager/), with
applicants, interviews, the team roster, and a hire: an accepted offer and a packet half
done. Nobody is e-mailed.

It lives in the last stage of the pipeline because it may use every earlier one.

Idempotent: running it again changes nothing but the passwords, when one is given."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django_scopes import scopes_disabled

from candidates.demo import seed_applicants
from hiring.models import Membership, Practice, User
from hiring.roles import Role
from interviews.demo import seed_interviews
from jobs.demo import seed_jobs
from onboarding.demo import seed_hire, seed_roster

DEMO_SLUG = "demo-clinic"
DEMO_PRACTICE = {
    "name": "Demo Family Clinic",
    "street": "1200 Harbor Street, Suite 300",
    "city": "Portland",
    "state": "OR",
    "postal_code": "97209",
    "country": "US",
    "timezone": "America/Los_Angeles",
    "phone": "(503) 555-0142",
    "website": "https://demo-clinic.example.com",
    "brand_color": "#1d4ed8",
    "careers_intro": (
        "We are a family practice of four physicians and a team of twenty who care for "
        "patients from newborns to grandparents. We keep our schedule humane, our office "
        "friendly and our standards high, and we invest in the people who make that happen."
    ),
}
DEMO_PEOPLE = [
    ("owner@demo-clinic.test", "Dana Whitfield", Role.OWNER),
    ("manager@demo-clinic.test", "Marcus Reyes", Role.MANAGER),
    ("interviewer@demo-clinic.test", "Dr. Priya Natarajan", Role.INTERVIEWER),
]


class Command(BaseCommand):
    help = "Create (or refresh) the demo practice 'demo-clinic' and its team."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--password", help="Password for every demo login "
                                               "(default: a random one, printed once).")

    @transaction.atomic
    def handle(self, *args: Any, password: str | None = None, **options: Any) -> None:
        with scopes_disabled():
            practice, created = Practice.objects.get_or_create(slug=DEMO_SLUG,
                                                               defaults=DEMO_PRACTICE)
            chosen = password or secrets.token_urlsafe(12)
            new_logins = []
            for email, name, role in DEMO_PEOPLE:
                user = User.objects.filter(email=email).first()
                if user is None:
                    user = User.objects.create_user(email=email, password=chosen,
                                                    full_name=name)
                    new_logins.append(email)
                elif password:
                    user.set_password(password)
                    user.save(update_fields=["password"])
                Membership.objects.get_or_create(practice=practice, user=user,
                                                 defaults={"role": role})
            owner = User.objects.get(email=DEMO_PEOPLE[0][0])
            jobs_made = seed_jobs(practice=practice, owner=owner)
            applicants_made = seed_applicants(practice=practice, owner=owner)
            interviews_made = seed_interviews(practice=practice, owner=owner)
            employees_made = seed_roster(practice=practice, owner=owner)
            hires_made = seed_hire(practice=practice, owner=owner)
        state = "created" if created else "already there"
        self.stdout.write(f"Demo practice '{DEMO_SLUG}' {state}; {jobs_made} job(s), "
                          f"{applicants_made} applicant(s) and {interviews_made} "
                          f"interview(s) added.")
        self.stdout.write(f"Team roster: {employees_made} employee(s) added.")
        self.stdout.write(f"Onboarding: {hires_made} accepted offer(s) with a packet "
                          "half done added.")
        if new_logins or password:
            self.stdout.write(self.style.SUCCESS(
                f"Log in at /accounts/login/ as {DEMO_PEOPLE[0][0]} with password: {chosen}"))
            self.stdout.write("Also: manager@demo-clinic.test and interviewer@demo-clinic.test "
                              "(same password).")
        else:
            self.stdout.write("Logins unchanged; pass --password to set a new one.")
