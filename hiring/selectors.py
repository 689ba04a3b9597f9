"""Reads of the core for screens; each takes the practice (or the user) explicitly."""

from __future__ import annotations

from django.db.models import F, Q, QuerySet

from hiring.models import AuditEvent, Invitation, Membership, Practice, User


def practices_of_user(user: User) -> QuerySet[Practice]:
    """The active practices a user belongs to, for the switcher and for /app/."""
    return Practice.objects.filter(memberships__user=user, is_active=True).order_by("name")


def last_practice_of_user(user: User) -> Practice | None:
    membership = (Membership.objects.with_scopes_disabled().select_related("practice")
                  .filter(user=user, practice__is_active=True)
                  .order_by(F("last_seen_at").desc(nulls_last=True), "created_at").first())
    return membership.practice if membership else None


def member_list(*, practice: Practice) -> QuerySet[Membership]:
    return practice.memberships.select_related("user").order_by("user__full_name")


def invitation_open_list(*, practice: Practice) -> QuerySet[Invitation]:
    return (practice.invitations.filter(accepted_at=None, revoked_at=None)
            .select_related("invited_by").order_by("-created_at"))


def audit_event_list(*, practice: Practice) -> QuerySet[AuditEvent]:
    """Everything done in the practice, plus sign-ins (and failed ones) of its members."""
    members = [str(u) for u in practice.memberships.values_list("user__public_id", flat=True)]
    account_events = Q(practice=None, action__startswith="hiring.user.",
                       object_type="hiring.user", object_id__in=members)
    return (AuditEvent.objects.filter(Q(practice=practice) | account_events)
            .select_related("actor").order_by("-created_at"))
