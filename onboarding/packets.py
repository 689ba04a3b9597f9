"""Onboarding packets: their state follows their items."""

from __future__ import annotations

import uuid
import zoneinfo
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.models import Application
from hiring.models import Practice, User
from hiring.services import audit_log
from onboarding import esign, links
from onboarding.business_days import due_date
from onboarding.models import (
    ItemKind,
    ItemOwner,
    Offer,
    Packet,
    PacketItem,
    PacketTemplate,
    PacketTemplateItem,
)
from onboarding.roster import employee_from_packet


@transaction.atomic
def packet_refresh(packet: Packet) -> Packet:
    """Mark the packet complete once every item is done (and the hire joins the roster);
    call after any item changes."""
    locked = Packet.objects.select_for_update().get(pk=packet.pk)
    if locked.status != Packet.Status.OPEN:
        return locked
    if not locked.items.exclude(status=PacketItem.Status.DONE).exists():
        locked.status = Packet.Status.COMPLETE
        locked.completed_at = timezone.now()
        locked.save(update_fields=["status", "completed_at"])
        employee_from_packet(packet=locked)
    return locked


# --- Sending a packet, and the staff side of it -----------------------------------------------

# A link outlives the new hire's last due date by two weeks (late is better than never),
# and is never shorter than two weeks nor longer than a link token itself lives.
LINK_GRACE_DAYS = 14


def practice_today(practice: Practice) -> date:
    """Today where the practice is: due dates are dates on the practice's calendar."""
    return timezone.localdate(timezone=zoneinfo.ZoneInfo(practice.timezone))


def link_expiry(packet: Packet, *, now: datetime | None = None) -> datetime:
    """When a link issued now for this packet should stop working."""
    now = now or timezone.now()
    last_due = max((item.due_date for item in packet.items.all()
                    if item.owner == ItemOwner.NEW_HIRE), default=packet.start_date)
    end = datetime.combine(last_due + timedelta(days=LINK_GRACE_DAYS), time(23, 59),
                           tzinfo=zoneinfo.ZoneInfo(packet.practice.timezone))
    return min(max(end, now + timedelta(days=LINK_GRACE_DAYS)),
               now + timedelta(days=links.MAX_AGE_DAYS))


def packet_link_deliver(packet: Packet) -> None:
    """The one integration point with the new hire's portal: onboarding/portal.py owns the
    e-mail with the private link (its wording, language, enqueue and the trail's
    `link_sent` event, and `link_sent_at`). Called in the transaction that issued the link,
    so a rolled-back packet sends nothing."""
    from onboarding import portal  # the portal builds on this module

    portal.packet_link_send(packet)


def _is_offer_letter(step: PacketTemplateItem) -> bool:
    # a document to sign without text of its own stands for the offer's letter
    return step.kind == ItemKind.SIGN and not step.document_body.strip()


@transaction.atomic
def packet_create(*, application: Application, actor: User | None, start_date: date,
                  template: PacketTemplate | None = None, offer: Offer | None = None
                  ) -> Packet:
    """Send an onboarding packet: copy the template's steps with due dates counted from the
    start date, fix the exact version of every document to sign, and e-mail the new hire
    their link. The offer-letter step is done already when the packet follows an offer
    accepted and signed here; without one it is left out (nothing here to sign)."""
    from onboarding.packet_templates import template_default_ensure  # it imports nothing back

    practice = application.practice
    template = template or template_default_ensure(practice)
    if template.practice_id != practice.pk:
        raise ValidationError({"template": _("Choose one of your practice's templates.")})
    if offer is not None and offer.application_id != application.pk:
        raise ValidationError(_("This offer belongs to another application."))
    # one packet in progress per application, even when two people click at once
    locked = Application.objects.select_for_update().get(pk=application.pk)
    today = practice_today(practice)
    if locked.status != Application.Status.ACTIVE:
        raise ValidationError(_("Only a candidate in the pipeline can be sent an onboarding "
                                "packet. Move them back to the pipeline first."))
    if start_date < today:
        raise ValidationError({"start_date": _(
            "The start date is in the past. Enter the first day of work, today or later.")})
    if locked.packets.filter(status=Packet.Status.OPEN).exists():
        raise ValidationError(_("This candidate already has an onboarding packet in "
                                "progress. Open it from the packets list."))
    if offer is not None and Packet.objects.filter(offer=offer).exists():
        raise ValidationError(_("A packet was already sent for this offer."))
    steps = list(template.items.all())
    if not steps:
        raise ValidationError({"template": _("This template has no steps yet. Add some, "
                                             "or choose another template.")})
    signed = offer.signature if offer is not None and offer.status == Offer.Status.ACCEPTED \
        else None
    packet = Packet.objects.create(practice=practice, application=application, offer=offer,
                                   template=template, start_date=start_date,
                                   created_by=actor)
    items = []
    for step in steps:
        item = PacketItem(
            practice=practice, packet=packet, position=len(items), kind=step.kind,
            form=step.form, title=step.title, description=step.description, owner=step.owner,
            # a step whose rule falls before the packet was sent is due at once, not late
            due_date=max(due_date(start_date, days=step.due_days,
                                  business_days=step.business_days), today))
        if _is_offer_letter(step):
            if signed is None:
                continue
            item.document, item.signature = signed.document, signed
            item.status, item.completed_at = PacketItem.Status.DONE, signed.signed_at
        elif step.kind in {ItemKind.SIGN, ItemKind.ATTESTATION}:
            item.document = esign.document_version(
                practice=practice, key=f"packet-template-item:{step.public_id}",
                title=step.title, body=step.document_body or step.title)
        items.append(item)
    PacketItem.objects.bulk_create(items)
    packet.link_expires_at = link_expiry(packet)
    packet.save(update_fields=["link_expires_at"])
    audit_log(action="onboarding.packet.created", actor=actor, obj=packet,
              data={"application": str(application.public_id),
                    "template": str(template.public_id), "items": len(items),
                    "offer": str(offer.public_id) if offer else None})
    packet = packet_refresh(packet)
    if packet.status == Packet.Status.OPEN:
        packet_link_deliver(packet)
    return packet


@transaction.atomic
def employer_task_complete(*, item: PacketItem, actor: User) -> PacketItem:
    """Tick off one of the practice's own tasks (a second tick changes nothing)."""
    if item.kind != ItemKind.EMPLOYER_TASK:
        raise ValidationError(_("Only the practice's own tasks are ticked off here; the new "
                                "hire completes the other steps in their checklist."))
    ticked = PacketItem.objects.filter(
        pk=item.pk, status=PacketItem.Status.TODO, packet__status=Packet.Status.OPEN
    ).update(status=PacketItem.Status.DONE, completed_at=timezone.now(), completed_by=actor)
    item.refresh_from_db()
    if ticked != 1:
        if item.status == PacketItem.Status.DONE:
            return item  # ticked a moment ago (a second tab, a double click)
        raise ValidationError(_("This packet is no longer in progress."))
    audit_log(action="onboarding.packet_item.completed", actor=actor, obj=item.packet,
              data={"item": str(item.public_id)})
    packet_refresh(item.packet)
    return item


@transaction.atomic
def packet_link_revoke(*, packet: Packet, actor: User) -> Packet:
    """Stop every link sent for this packet from working, at once (a new nonce)."""
    locked = Packet.objects.select_for_update().get(pk=packet.pk)
    if locked.link_revoked_at is None:
        locked.link_nonce, locked.link_revoked_at = uuid.uuid4(), timezone.now()
        locked.save(update_fields=["link_nonce", "link_revoked_at"])
        audit_log(action="onboarding.packet.link_revoked", actor=actor, obj=locked)
    return locked


@transaction.atomic
def packet_link_reissue(*, packet: Packet, actor: User) -> Packet:
    """Replace the new hire's link: earlier links stop working and a new one is e-mailed."""
    locked = Packet.objects.select_for_update().get(pk=packet.pk)
    if locked.status != Packet.Status.OPEN:
        raise ValidationError(_("This packet is no longer in progress, so there is no link "
                                "to send."))
    locked.link_nonce, locked.link_revoked_at, locked.link_sent_at = uuid.uuid4(), None, None
    locked.link_expires_at = link_expiry(locked)
    locked.save(update_fields=["link_nonce", "link_revoked_at", "link_sent_at",
                               "link_expires_at"])
    audit_log(action="onboarding.packet.link_reissued", actor=actor, obj=locked)
    packet_link_deliver(locked)
    return locked


@transaction.atomic
def packet_cancel(*, packet: Packet, actor: User) -> Packet:
    """Cancel a packet in progress (sent by mistake, or the hire fell through): its link
    stops working and no more reminders go out. What was signed stays."""
    cancelled = Packet.objects.filter(pk=packet.pk, status=Packet.Status.OPEN).update(
        status=Packet.Status.CANCELLED, link_nonce=uuid.uuid4(),
        link_revoked_at=timezone.now())
    if cancelled != 1:
        raise ValidationError(_("Only a packet in progress can be cancelled."))
    packet.refresh_from_db()
    audit_log(action="onboarding.packet.cancelled", actor=actor, obj=packet)
    return packet
