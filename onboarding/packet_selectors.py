"""Reads for the staff pages of packets and packet templates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet

from candidates.models import Application
from hiring.models import Practice
from onboarding.field_crypto import mask
from onboarding.models import (
    Offer,
    Packet,
    PacketItem,
    PacketTemplate,
    PacketTemplateItem,
    SignableDocument,
)

TODO, DONE = PacketItem.Status.TODO, PacketItem.Status.DONE
# the list's filter: open packets unless asked otherwise
LIST_FILTERS = ("open", "complete", "cancelled", "all")


def packet_list(*, practice: Practice, today: date, status: str = "open") -> QuerySet[Packet]:
    """Packets with their progress and how many steps are overdue, in one query."""
    packets = Packet.objects.filter(practice=practice)
    if status != "all":
        packets = packets.filter(status=status)
    return (packets.select_related("application__candidate", "application__job")
            .annotate(item_count=Count("items"),
                      done_count=Count("items", filter=Q(items__status=DONE)),
                      overdue_count=Count("items", filter=Q(items__status=TODO,
                                                            items__due_date__lt=today)))
            .order_by("start_date", "-created_at"))


def packet_get(*, practice: Practice) -> QuerySet[Packet]:
    return Packet.objects.filter(practice=practice).select_related(
        "application__candidate", "application__job", "created_by", "practice")


def packet_item_get(*, practice: Practice) -> QuerySet[PacketItem]:
    return PacketItem.objects.filter(practice=practice).select_related(
        "packet__application__candidate", "packet__practice", "signature__document",
        "document")


@dataclass
class ItemRow:
    """One step of a packet as the detail page and the archive's summary show it."""

    item: PacketItem
    overdue: bool
    answers: list[tuple[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # integrity warnings of its signature


def _label(key: str) -> str:
    return key.replace("_", " ").strip().capitalize()


def _answers(item: PacketItem) -> list[tuple[str, str]]:
    """Form answers to show: plain ones as given, sensitive ones only masked (they are
    never decrypted for a page or a download)."""
    plain = [(_label(k), str(v)) for k, v in (item.data or {}).items()
             if v not in ("", None) and not isinstance(v, dict | list)]
    hidden = [(_label(s.field), mask(s.last4)) for s in item.secrets.all()]
    return plain + hidden


def packet_rows(*, packet: Packet, today: date) -> list[ItemRow]:
    items = (packet.items.select_related("document", "signature__document", "completed_by")
             .prefetch_related("secrets"))
    return [ItemRow(item=item, overdue=item.status == TODO and item.due_date < today,
                    answers=_answers(item)) for item in items]


def offer_awaiting_packet(application: Application) -> Offer | None:
    """The application's accepted offer that no packet has followed yet, if any."""
    return (Offer.objects.filter(application=application, status=Offer.Status.ACCEPTED,
                                 packet__isnull=True)
            .select_related("signature__document").order_by("-responded_at").first())


def template_list(*, practice: Practice) -> QuerySet[PacketTemplate]:
    return PacketTemplate.objects.filter(practice=practice).annotate(
        item_count=Count("items"))


def document_versions(step: PacketTemplateItem) -> QuerySet[SignableDocument]:
    """Every version of a step's document, newest first, with how many signed each: a
    changed text makes a new version and the signed ones stay as they were."""
    return (SignableDocument.objects.filter(practice=step.practice,
                                            key=f"packet-template-item:{step.public_id}")
            .annotate(signed=Count("signatures")).order_by("-version"))
