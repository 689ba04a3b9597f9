"""The new hire's portal: one private link opens their packet's checklist, and each step is
completed there (SPECS §4).

The link is signed (tampering shows), expires, and is revoked by rotating the packet's
nonce. Documents are signed only after consent to the electronic record disclosure, by
typing the full name with a statement of intent. Bank numbers go only into
`SensitiveValue`, encrypted; the item's JSON, the logs and the e-mails never see them."""

from __future__ import annotations

import hashlib
import uuid
import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from hiring import outbox
from hiring.emails import send_templated_email
from hiring.models import Practice
from hiring.services import audit_log
from onboarding import esign, field_crypto
from onboarding.links import LinkProblem, make_token, read_token
from onboarding.models import (
    Consent,
    FormKind,
    ItemKind,
    ItemOwner,
    Packet,
    PacketItem,
    SensitiveValue,
    SigningEvent,
)
from onboarding.packets import link_expiry, packet_refresh, practice_today
from onboarding.tasks import packet_link_email as packet_link_email_task
from onboarding.uploads import check_upload

LINK_SALT = "onboarding.packet"
ROUTING_NUMBER, ACCOUNT_NUMBER = "routing_number", "account_number"
ACCOUNT_DIGITS = (4, 17)


def packet_subject(packet: Packet) -> str:
    """How the signing trail names this packet."""
    return f"packet:{packet.public_id}"


def _link_id(nonce: uuid.UUID | str) -> str:
    # the trail and the outbox name a link by this, never by the nonce itself
    return hashlib.sha256(f"packet-link:{nonce}".encode()).hexdigest()[:16]


def _zone(packet: Packet) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(packet.practice.timezone)


# --- The private link -------------------------------------------------------------------------

def packet_link(packet: Packet) -> str:
    """The new hire's link to their checklist (absolute, for e-mails)."""
    token = make_token(salt=LINK_SALT, public_id=packet.public_id, nonce=packet.link_nonce)
    path = reverse("onboarding-public:portal", kwargs={"practice": packet.practice.slug,
                                                        "token": token})
    return f"{settings.SITE_URL}{path}"


def packet_from_link(*, practice: Practice, token: str) -> Packet:
    """The packet a genuine, current link opens; LinkProblem (saying nothing about any
    packet) for a tampered, expired, revoked or replaced link, another practice's packet
    or a cancelled one."""
    public_id, nonce = read_token(salt=LINK_SALT, token=token)
    not_valid = LinkProblem(_("This link is not valid or no longer works. Ask the practice "
                              "for a new one."))
    try:
        public_id = uuid.UUID(public_id)
    except ValueError as exc:
        raise not_valid from exc
    packet = (Packet.objects.select_related("practice", "application__candidate",
                                            "application__job", "offer")
              .filter(practice=practice, public_id=public_id).first())
    if packet is None or str(packet.link_nonce) != nonce or packet.link_revoked_at is not None \
            or packet.status == Packet.Status.CANCELLED:
        raise not_valid
    if packet.link_expires_at is not None and packet.link_expires_at <= timezone.now():
        raise LinkProblem(_("This link has expired. Ask the practice for a new one."))
    return packet


@transaction.atomic
def packet_link_send(packet: Packet) -> Packet:
    """Set the link's expiry and e-mail the new hire their link (after commit, through the
    outbox). At most once per link: a second call for the same nonce sends nothing, so
    re-issue (`packets.packet_link_reissue`, a new nonce) to send a new one."""
    locked = Packet.objects.select_for_update().get(pk=packet.pk)
    if locked.status != Packet.Status.OPEN:
        raise ValidationError(_("Only a packet in progress can be sent to the new hire."))
    if locked.link_revoked_at is not None:
        raise ValidationError(_("This link was revoked. Issue a new link instead."))
    subject, link = packet_subject(locked), _link_id(locked.link_nonce)
    if SigningEvent.objects.filter(practice_id=locked.practice_id, subject=subject,
                                   event=SigningEvent.Event.LINK_SENT,
                                   data__link=link).exists():
        return locked
    now = timezone.now()
    locked.link_sent_at = now
    locked.link_expires_at = link_expiry(locked, now=now)
    locked.save(update_fields=["link_sent_at", "link_expires_at"])
    esign.record(practice=locked.practice, event=SigningEvent.Event.LINK_SENT, subject=subject,
                 signer_email=locked.application.candidate.email,
                 data={"link": link, "expires_at": locked.link_expires_at.isoformat()}, at=now)
    outbox.enqueue(packet_link_email_task, practice=locked.practice, packet_id=locked.pk,
                   link=link, sent_at=now.isoformat())
    return locked


def packet_link_email(*, packet: Packet, link: str, sent_at: str) -> bool:
    """E-mail the new hire their link, in their language; False when nothing was sent.
    At-most-once: the send claims `link_sent_at` as it was queued, so a second delivery of
    the task, or one for a link replaced or revoked since, sends nothing."""
    current = Packet.objects.select_related("practice", "application__candidate",
                                            "application__job", "offer").get(pk=packet.pk)
    if _link_id(current.link_nonce) != link:
        return False
    queued_at, claimed_at = datetime.fromisoformat(sent_at), timezone.now()
    claimed = Packet.objects.filter(
        pk=current.pk, link_nonce=current.link_nonce, status=Packet.Status.OPEN,
        link_revoked_at=None, link_sent_at=queued_at,
    ).update(link_sent_at=claimed_at)
    if claimed != 1:
        return False
    practice, candidate = current.practice, current.application.candidate
    try:
        with translation.override(candidate.language):
            expires = timezone.localtime(current.link_expires_at, _zone(current))
            send_templated_email(template="packet_link", to=[candidate.email], context={
                "practice": practice, "candidate": candidate, "link": packet_link(current),
                "role": current.offer.position_title if current.offer else
                current.application.job.title,
                "start_date": current.start_date, "expires_on": expires.date(),
            }, reply_to=[practice.email] if practice.email else None)
    except Exception:
        # nothing went out: hand the claim back so that the task's retry can send it
        Packet.objects.filter(pk=current.pk, link_sent_at=claimed_at).update(
            link_sent_at=queued_at)
        raise
    return True


# --- What the checklist shows -----------------------------------------------------------------

@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    employer_open: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


@dataclass
class ChecklistRow:
    item: PacketItem
    is_mine: bool
    is_done: bool
    is_overdue: bool
    masked: dict[str, str] = field(default_factory=dict)
    # filled in by the page: whether the step shows open, its form, a finished form's lines
    is_open: bool = False
    form: object = None
    summary: list[tuple[str, str]] = field(default_factory=list)


def packet_checklist(packet: Packet) -> tuple[list[ChecklistRow], Progress]:
    """The packet's steps in order, with what is overdue (by the practice's calendar) and
    the masked numbers of a direct deposit; the progress counts the new hire's steps."""
    today = practice_today(packet.practice)
    items = list(packet.items.select_related("document", "signature")
                 .prefetch_related("secrets").order_by("position", "id"))
    rows = []
    for item in items:
        done = item.status == PacketItem.Status.DONE
        rows.append(ChecklistRow(
            item=item, is_mine=item.owner == ItemOwner.NEW_HIRE, is_done=done,
            is_overdue=not done and item.due_date < today,
            masked={s.field: field_crypto.mask(s.last4) for s in item.secrets.all()}))
    mine = [r for r in rows if r.is_mine]
    return rows, Progress(done=sum(r.is_done for r in mine), total=len(mine),
                          employer_open=sum(not r.is_mine and not r.is_done for r in rows))


def packet_consent(packet: Packet) -> Consent | None:
    candidate = packet.application.candidate
    return esign.active_consent(practice=packet.practice, email=candidate.email)


def routing_number_is_valid(number: str) -> bool:
    """Nine digits with the ABA check digit: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) is a
    multiple of ten (all zeros passes the sum but is no bank)."""
    if len(number) != 9 or not number.isdigit() or set(number) == {"0"}:
        return False
    d = [int(c) for c in number]
    return (3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + d[8]) % 10 == 0


def account_number_is_valid(number: str) -> bool:
    return number.isdigit() and ACCOUNT_DIGITS[0] <= len(number) <= ACCOUNT_DIGITS[1]


# --- Consent and viewing ----------------------------------------------------------------------

def packet_consent_give(*, packet: Packet, agreed: bool, seen: esign.Seen) -> Consent:
    """Agree to do business electronically (the current ERSD); the existing consent if
    there is one."""
    if not agreed:
        raise ValidationError({"agreed": _("Tick the box to agree, or ask the practice for "
                                           "paper copies instead.")})
    existing = packet_consent(packet)
    if existing is not None:
        return existing
    candidate = packet.application.candidate
    return esign.consent_give(practice=packet.practice, name=candidate.full_name,
                              email=candidate.email, subject=packet_subject(packet), seen=seen)


def packet_consent_withdraw(*, packet: Packet, seen: esign.Seen) -> Consent | None:
    """Withdraw the consent: what is signed stays signed, the rest goes on paper."""
    consent = packet_consent(packet)
    if consent is None:
        return None
    esign.consent_withdraw(consent=consent, subject=packet_subject(packet), seen=seen)
    audit_log(action="onboarding.consent.withdrawn", obj=packet)
    return consent


def packet_document_viewed(*, packet: Packet, item: PacketItem, seen: esign.Seen) -> None:
    """Record that the new hire opened a document to sign (the trail's VIEWED)."""
    if item.document is not None:
        esign.record(practice=packet.practice, event=SigningEvent.Event.VIEWED,
                     subject=packet_subject(packet), seen=seen, document=item.document,
                     signer_email=packet.application.candidate.email)


def packet_document_downloaded(*, packet: Packet, item: PacketItem, seen: esign.Seen,
                               signed: bool = False) -> None:
    esign.record(practice=packet.practice, event=SigningEvent.Event.DOWNLOADED,
                 subject=packet_subject(packet), seen=seen, document=item.document,
                 signature=item.signature if signed else None,
                 signer_email=packet.application.candidate.email,
                 data={"copy": "signed" if signed else "original"})


# --- Completing steps -------------------------------------------------------------------------

def _claim(packet: Packet, item: PacketItem, kind: str, *, done_message: str = ""
           ) -> tuple[Packet, PacketItem]:
    # the packet's lock first, then the item's: one order for every writer, no deadlock
    locked = Packet.objects.select_for_update().get(pk=packet.pk)
    if locked.status != Packet.Status.OPEN:
        raise ValidationError(_("This packet is closed; nothing more can be changed here."))
    row = PacketItem.objects.select_for_update().get(pk=item.pk, packet=locked)
    if row.kind != kind or row.owner != ItemOwner.NEW_HIRE:
        raise ValidationError(_("This step is not one for you to complete."))
    if row.status == PacketItem.Status.DONE:
        raise ValidationError(done_message or _("This step is already done."))
    return locked, row


def _done(packet: Packet, item: PacketItem, fields: list[str]) -> PacketItem:
    item.status = PacketItem.Status.DONE
    item.completed_at = timezone.now()
    item.save(update_fields=[*fields, "status", "completed_at"])
    audit_log(action="onboarding.packet_item.completed", obj=item,
              data={"kind": item.kind, "form": item.form})
    packet_refresh(packet)
    return item


@transaction.atomic
def packet_item_sign(*, packet: Packet, item: PacketItem, typed_name: str, agreed: bool,
                     seen: esign.Seen) -> PacketItem:
    """Sign the item's document with the typed name. Refused without consent, before the
    document was opened, or a second time."""
    locked, row = _claim(packet, item, ItemKind.SIGN,
                         done_message=_("You have already signed this document."))
    document = row.document
    if document is None:
        raise ValidationError(_("This document is not ready yet. Please contact the "
                                "practice."))
    subject, candidate = packet_subject(locked), packet.application.candidate
    viewed = (SigningEvent.objects
              .filter(practice_id=locked.practice_id, subject=subject, document=document,
                      event=SigningEvent.Event.VIEWED).order_by("-at", "-id").first())
    if viewed is None:
        raise ValidationError(_("Open the document and read it before you sign."))
    row.signature = esign.sign(
        document=document, consent=packet_consent(packet), typed_name=typed_name,
        expected_name=candidate.full_name, signer_email=candidate.email, agreed=agreed,
        viewed_at=viewed.at, subject=subject, seen=seen)
    return _done(locked, row, ["signature"])


@transaction.atomic
def packet_item_fill(*, packet: Packet, item: PacketItem, data: dict[str, object]
                     ) -> PacketItem:
    """Save the answers of a personal-details or emergency-contact form."""
    locked, row = _claim(packet, item, ItemKind.FORM)
    if row.form not in (FormKind.PERSONAL, FormKind.EMERGENCY_CONTACT):
        raise ValidationError(_("This step is not one for you to complete."))
    row.data = {key: value.isoformat() if isinstance(value, date) else value
                for key, value in data.items()}
    return _done(locked, row, ["data"])


@transaction.atomic
def packet_item_direct_deposit(*, packet: Packet, item: PacketItem, bank_name: str,
                               account_type: str, routing_number: str, account_number: str
                               ) -> PacketItem:
    """Save the bank details: the numbers encrypted in SensitiveValue (last four kept for
    showing), only the bank's name and the account type in the item's data."""
    locked, row = _claim(packet, item, ItemKind.FORM)
    if row.form != FormKind.DIRECT_DEPOSIT:
        raise ValidationError(_("This step is not one for you to complete."))
    errors = {}
    if not routing_number_is_valid(routing_number):
        errors[ROUTING_NUMBER] = [_("This is not a valid routing number.")]
    if not account_number_is_valid(account_number):
        errors[ACCOUNT_NUMBER] = [_("An account number has 4 to 17 digits.")]
    if errors:
        raise ValidationError(errors)
    for name, value in ((ROUTING_NUMBER, routing_number), (ACCOUNT_NUMBER, account_number)):
        SensitiveValue.objects.update_or_create(
            item=row, field=name, defaults={"practice": row.practice, "last4": value[-4:],
                                            "ciphertext": field_crypto.encrypt(value)})
    row.data = {"bank_name": bank_name, "account_type": account_type}
    return _done(locked, row, ["data"])


@transaction.atomic
def packet_item_upload(*, packet: Packet, item: PacketItem, upload: UploadedFile
                       ) -> PacketItem:
    """Keep the file (PDF, JPEG or PNG by content, up to 10 MB) in private storage, under
    a name of our own."""
    checked = check_upload(upload)
    locked, row = _claim(packet, item, ItemKind.UPLOAD)
    row.upload.save(f"{row.public_id.hex}.{checked.kind.extension}", upload, save=False)
    row.upload_name = checked.original_name
    row.data = {"size": checked.size, "sha256": checked.sha256,
                "content_type": checked.kind.content_type}
    return _done(locked, row, ["upload", "upload_name", "data"])


@transaction.atomic
def packet_item_attest(*, packet: Packet, item: PacketItem, completed_on: date,
                       confirmed: bool) -> PacketItem:
    """Record that the new hire completed a training, and on which day."""
    locked, row = _claim(packet, item, ItemKind.ATTESTATION)
    if not confirmed:
        raise ValidationError({"confirmed": _("Tick the box to confirm that you completed "
                                              "this training.")})
    if completed_on > practice_today(locked.practice):
        raise ValidationError({"completed_on": _("The date cannot be in the future.")})
    row.data = {
        "completed_on": completed_on.isoformat(),
        "statement": attestation_statement(completed_on),
        "document_sha256": row.document.docx_sha256 if row.document else "",
    }
    return _done(locked, row, ["data"])


def attestation_statement(completed_on: date) -> str:
    return _("I completed this training on %(date)s.") % {
        "date": formats.date_format(completed_on, "DATE_FORMAT")}
