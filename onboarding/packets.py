"""Onboarding packets: their state follows their items."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from onboarding.models import Packet, PacketItem
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
