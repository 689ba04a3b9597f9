"""The team roster: hires become employees of the practice."""

from __future__ import annotations

from django.db import transaction

from onboarding.models import Employee, Packet


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
