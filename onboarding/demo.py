"""Demo onboarding for the demo practice, made through the same services a practice uses:

- the team roster: people already working there, added by hand, with their licences and
  certifications (one RN licence ends within 30 days, so the reminder and the roster's badge
  have something to show);
- a hire: the office manager job's leading candidate gets an offer, accepts it with an
  e-signature, and has the onboarding packet half done (their details and emergency contact
  given, one document signed, one training confirmed; the bank details, the uploads and the
  practice's own tasks still open).

Nobody is e-mailed: the candidates are made up and the team's addresses are the demo's own,
so each e-mail is marked as already sent before the transaction commits (the outbox tasks
then find nothing left to send), and the e-mails about the candidate's answer, which no claim
guards, are taken out of the outbox.

Idempotent: someone already on the roster (by e-mail) is left as they are, and a practice
with an offer gets no other."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from candidates.models import Application, Stage
from candidates.pipeline import application_move, job_pipeline
from hiring.models import Membership, OutboxTask, Practice, User
from hiring.roles import Role
from jobs.models import Job
from jobs.services import practice_today
from onboarding import esign, offers, packets, portal
from onboarding.models import (
    Employee,
    FormKind,
    ItemKind,
    ItemOwner,
    Offer,
    Packet,
    PacketItem,
    SigningEvent,
)
from onboarding.portal_forms import EmergencyContactForm, PersonalForm, PortalForm
from onboarding.roster import credential_save, employee_create
from onboarding.tasks import offer_response_notify as offer_response_notify_task


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


# --- The hire: an accepted offer and a packet half done --------------------------------------

HIRE_JOB = "medical-office-manager"
SEEN = esign.Seen(ip="127.0.0.1", user_agent="seed_demo")  # what the trail records as "where"
OFFER_PAY = Decimal("68000.00")  # a year, within the posting's range
OFFER_NOTES = ("You will work Monday to Friday, 8 a.m. to 5 p.m., at our Harbor Street office. "
               "Your first week includes a day with Dana Whitfield and a day at the front desk.")
PERSONAL = {"street": "2231 NE Alberta Street", "street_2": "Apt 4", "city": "Portland",
            "state": "OR", "postal_code": "97211", "date_of_birth": "1987-09-14"}
EMERGENCY = {"name": "Sam {last_name}", "relationship": "spouse", "phone": "(503) 555-0198"}


def seed_hire(*, practice: Practice, owner: User) -> int:
    """An accepted offer and its packet, half done; skipped when the practice has an offer
    already. Return how many hires were made (0 or 1). Expects scopes disabled."""
    if Offer.objects.filter(practice=practice).exists():
        return 0
    application = _hire_candidate(practice, owner)
    if application is None:
        return 0
    offer = _accepted_offer(application, owner)
    packet = packets.packet_create(application=offer.application, actor=owner,
                                   start_date=offer.start_date, offer=offer)
    _link_claimed(packet)
    _half_done(packet)
    return 1


def _hire_candidate(practice: Practice, owner: User) -> Application | None:
    """The office manager job's candidate in the Offer stage (the one the interviews demo
    rated best: the first there); failing that, the furthest along, moved there."""
    active = (Application.objects.filter(practice=practice, job__slug=HIRE_JOB,
                                         job__status=Job.Status.PUBLISHED,
                                         status=Application.Status.ACTIVE)
              .select_related("practice", "job", "stage", "candidate"))
    chosen = active.filter(stage__kind=Stage.Kind.OFFER).order_by("created_at", "pk").first()
    if chosen is not None:
        return chosen
    chosen = (active.exclude(stage__kind=Stage.Kind.HIRED)
              .order_by("-stage__position", "created_at", "pk").first())
    if chosen is None:
        return None
    stage = next(s for s in job_pipeline(chosen.job) if s.kind == Stage.Kind.OFFER)
    return application_move(application=chosen, to_stage=stage, actor=owner)


def _first_monday_after(day: date, *, days: int) -> date:
    day += timedelta(days=days)
    return day + timedelta(days=(7 - day.weekday()) % 7)


def _accepted_offer(application: Application, owner: User) -> Offer:
    practice = application.practice
    manager = (Membership.objects.filter(practice=practice, role=Role.MANAGER)
               .order_by("created_at", "pk").first())
    today = practice_today(practice)
    offer = offers.offer_create(
        application=application, actor=owner, position_title=application.job.title,
        pay_amount=OFFER_PAY, pay_unit=application.job.pay_unit,
        start_date=_first_monday_after(today, days=21), manager=manager,
        expires_on=today + timedelta(days=offers.DEFAULT_EXPIRY_DAYS), notes=OFFER_NOTES)
    offer = offers.offer_send(offer=offer, actor=owner)
    # the send task's work, done here: the letter (its PDF only where LibreOffice is), then
    # the e-mail claimed as sent without sending it, so the task finds nothing to do
    letter = offers.letter_ensure(offer)
    Offer.objects.filter(pk=offer.pk, sent_at=None).update(sent_at=timezone.now())
    candidate = application.candidate
    esign.record(practice=practice, event=SigningEvent.Event.LINK_SENT,
                 subject=offers.subject_of(offer), signer_email=candidate.email,
                 document=letter, data={"letter_version": letter.version})
    offer.refresh_from_db()
    # the candidate opens the link, agrees to sign electronically and signs
    viewed = offers.offer_viewed(offer=offer, seen=SEEN)
    offers.offer_consent(offer=offer, agreed=True, seen=SEEN)
    offer = offers.offer_accept(offer=offer, typed_name=candidate.full_name, agreed=True,
                                viewed_at=viewed.at, seen=SEEN)
    # the answer's e-mails (the signed copy to the candidate, the news to the team) have no
    # claim to mark as done: take them out of the outbox before it hands them over
    OutboxTask.objects.filter(practice=practice, task_name=offer_response_notify_task.name,
                              kwargs__offer_id=offer.pk,
                              status=OutboxTask.Status.PENDING).delete()
    return offer


def _link_claimed(packet: Packet) -> None:
    """Claim the link's e-mail the way its task does (a newer `link_sent_at` than the one
    queued), so the task sends nothing."""
    queued = Packet.objects.values_list("link_sent_at", flat=True).get(pk=packet.pk)
    if queued is not None:
        Packet.objects.filter(pk=packet.pk, link_sent_at=queued).update(
            link_sent_at=max(timezone.now(), queued + timedelta(microseconds=1)))


def _cleaned(form: PortalForm) -> dict[str, object]:
    if not form.is_valid():  # the demo's own data: a mistake here is a bug
        raise ValueError(f"demo data refused by {type(form).__name__}: {form.errors.as_json()}")
    return form.cleaned_data


def _half_done(packet: Packet) -> None:
    """Through the portal's services: the personal details and the emergency contact, the
    first document to sign and the first training to confirm."""
    candidate = packet.application.candidate
    mine = list(packet.items.filter(owner=ItemOwner.NEW_HIRE, status=PacketItem.Status.TODO)
                .select_related("document").order_by("position", "pk"))

    def first(kind: str, form: str = "") -> PacketItem | None:
        return next((i for i in mine if i.kind == kind and i.form == form), None)

    personal = first(ItemKind.FORM, FormKind.PERSONAL)
    if personal is not None:
        portal.packet_item_fill(packet=packet, item=personal, data=_cleaned(PersonalForm(
            data={**PERSONAL, "legal_name": candidate.full_name, "phone": candidate.phone})))
    contact = first(ItemKind.FORM, FormKind.EMERGENCY_CONTACT)
    if contact is not None:
        portal.packet_item_fill(packet=packet, item=contact, data=_cleaned(EmergencyContactForm(
            data={**EMERGENCY, "name": EMERGENCY["name"].format(
                last_name=candidate.last_name)})))
    document = first(ItemKind.SIGN)
    if document is not None:
        portal.packet_consent_give(packet=packet, agreed=True, seen=SEEN)
        portal.packet_document_viewed(packet=packet, item=document, seen=SEEN)
        portal.packet_item_sign(packet=packet, item=document, typed_name=candidate.full_name,
                                agreed=True, seen=SEEN)
    training = first(ItemKind.ATTESTATION)
    if training is not None:
        portal.packet_item_attest(packet=packet, item=training,
                                  completed_on=practice_today(packet.practice), confirmed=True)
