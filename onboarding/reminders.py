"""Reminders of overdue packet steps, sent by Celery beat: one e-mail a day to the new hire
for their overdue steps, and one to the practice for its own overdue tasks.

Beat runs every hour; a practice is reminded from REMIND_FROM_HOUR in its own time zone,
once per local day. Each reminder is claimed with a conditional update (the packet's
`reminded_at` for the new hire, each task's `reminded_at` for the practice) in the
transaction that sends it: a repeated run finds it claimed and sends nothing, and a mail
server failing half-way rolls the claim back, so the next run tries again
(at-least-once)."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, time

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from hiring.emails import send_templated_email
from hiring.models import Membership, Practice
from hiring.roles import Perm, Role, role_can
from onboarding.models import ItemOwner, Packet, PacketItem
from onboarding.portal import packet_link

# the practice's morning, not its midnight
REMIND_FROM_HOUR = 8
MANAGING_ROLES = [role.value for role in Role if role_can(role, Perm.MANAGE_CANDIDATES)]
OPEN, TODO = Packet.Status.OPEN, PacketItem.Status.TODO


def _not_reminded_since(day_start: datetime) -> Q:
    return Q(reminded_at__isnull=True) | Q(reminded_at__lt=day_start)


def packet_reminders_send(*, practice: Practice, now: datetime | None = None) -> int:
    """Remind of every open packet's overdue steps; return how many e-mails were sent
    (none before REMIND_FROM_HOUR in the practice's time zone)."""
    now = now or timezone.now()
    zone = zoneinfo.ZoneInfo(practice.timezone)
    local = now.astimezone(zone)
    if local.hour < REMIND_FROM_HOUR:
        return 0
    today = local.date()
    day_start = datetime.combine(today, time.min, tzinfo=zone)
    late = PacketItem.objects.filter(practice=practice, packet__status=OPEN, status=TODO,
                                     due_date__lt=today)
    packets = (Packet.objects.filter(pk__in=late.values("packet_id"))
               .select_related("application__candidate", "application__job", "practice"))
    sent = 0
    for packet in packets:
        sent += new_hire_reminder_send(packet=packet, now=now, day_start=day_start)
        sent += employer_reminder_send(packet=packet, now=now, day_start=day_start)
    return sent


def _link_works(packet: Packet, now: datetime) -> bool:
    return packet.link_revoked_at is None and (packet.link_expires_at is None
                                               or packet.link_expires_at > now)


@transaction.atomic
def new_hire_reminder_send(*, packet: Packet, now: datetime, day_start: datetime) -> int:
    """E-mail the new hire their overdue steps, in their language, at most once a day
    (claimed on the packet's reminded_at). With their link while it works; else they are
    asked to contact the practice for a new one."""
    today = day_start.date()
    items = list(packet.items.filter(owner=ItemOwner.NEW_HIRE, status=TODO,
                                     due_date__lt=today))
    if not items:
        return 0
    claimed = Packet.objects.filter(_not_reminded_since(day_start), pk=packet.pk,
                                    status=OPEN).update(reminded_at=now)
    if claimed != 1:
        return 0
    PacketItem.objects.filter(pk__in=[item.pk for item in items]).update(reminded_at=now)
    practice, candidate = packet.practice, packet.application.candidate
    with translation.override(candidate.language):
        send_templated_email(template="packet_reminder", to=[candidate.email], context={
            "practice": practice, "candidate": candidate, "items": items,
            "start_date": packet.start_date,
            "link": packet_link(packet) if _link_works(packet, now) else ""},
            reply_to=[practice.email] if practice.email else None)
    return 1


def packet_managers(packet: Packet) -> list[Membership]:
    """Who answers for the practice's tasks: the packet's sender while they may still
    manage candidates, else every owner and hiring manager."""
    managing = Membership.objects.filter(practice=packet.practice_id, role__in=MANAGING_ROLES,
                                         user__is_active=True).select_related("user")
    sender = [m for m in managing if packet.created_by_id and m.user_id == packet.created_by_id]
    return sender or list(managing)


@transaction.atomic
def employer_reminder_send(*, packet: Packet, now: datetime, day_start: datetime) -> int:
    """E-mail the practice the packet's overdue tasks of its own, each at most once a day
    (claimed on the task's reminded_at)."""
    late = packet.items.filter(_not_reminded_since(day_start), owner=ItemOwner.EMPLOYER,
                               status=TODO, due_date__lt=day_start.date())
    items = [item for item in late
             if PacketItem.objects.filter(_not_reminded_since(day_start), pk=item.pk,
                                          status=TODO).update(reminded_at=now) == 1]
    recipients = packet_managers(packet) if items else []
    if not recipients:
        return 0
    link = settings.SITE_URL + reverse("onboarding:packet-detail", kwargs={
        "practice": packet.practice.slug, "packet_id": packet.public_id})
    context = {"practice": packet.practice, "candidate": packet.application.candidate,
               "job": packet.application.job, "items": items,
               "start_date": packet.start_date, "link": link}
    for member in recipients:
        send_templated_email(template="packet_overdue", to=[member.user.email],
                             context={**context, "member": member})
    return len(recipients)
