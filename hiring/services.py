"""Writes of the core: sign-up, practice profile, team invitations and roles, the audit log."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext as _

from hiring import outbox
from hiring.emails import send_templated_email
from hiring.models import AuditEvent, Invitation, Membership, Practice, User, normalize_email
from hiring.roles import Role

INVITATION_SALT = "hiring.invitation"
RESERVED_SLUGS = frozenset({"app", "admin", "api", "accounts", "careers", "feeds", "static",
                            "media", "healthz", "new"})


# --- Audit ----------------------------------------------------------------------------------

def audit_log(*, action: str, actor: User | None = None, obj: models.Model | None = None,
              practice: Practice | None = None, data: dict[str, Any] | None = None,
              ip_address: str | None = None) -> AuditEvent:
    """Record who did what to which object. `data` holds ids and field names, never PII."""
    if practice is None and obj is not None:
        practice = obj if isinstance(obj, Practice) else getattr(obj, "practice", None)
    return AuditEvent.objects.create(
        practice=practice,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(getattr(obj, "public_id", None) or getattr(obj, "pk", "")) if obj else "",
        data=data or {},
        ip_address=ip_address,
    )


# --- Practices and sign-up ------------------------------------------------------------------

def practice_slug_is_free(slug: str) -> bool:
    return slug not in RESERVED_SLUGS and not Practice.objects.filter(slug=slug).exists()


def practice_slug_suggest(base: str) -> str:
    """A free slug close to `base`: base itself, or base-2, base-3, …"""
    root = slugify(base)[:50].strip("-") or "practice"
    candidate, n = root, 1
    while not practice_slug_is_free(candidate):
        n += 1
        candidate = f"{root}-{n}"
    return candidate


@transaction.atomic
def practice_create(*, owner: User, ip_address: str | None = None, **fields: Any) -> Practice:
    """Create a practice with `owner` as its first owner."""
    slug = fields.get("slug") or practice_slug_suggest(fields["name"])
    if not practice_slug_is_free(slug):
        raise ValidationError({"slug": _("This web address is taken. “%(s)s” is free.")
                               % {"s": practice_slug_suggest(slug)}})
    practice = Practice(**{**fields, "slug": slug})
    practice.full_clean()
    try:
        with transaction.atomic():
            practice.save()
    except IntegrityError as exc:  # a concurrent sign-up took the slug a moment ago
        raise ValidationError({"slug": _("This web address was just taken. Try “%(s)s”.")
                               % {"s": practice_slug_suggest(slug)}}) from exc
    Membership.objects.with_scopes_disabled().create(practice=practice, user=owner,
                                                     role=Role.OWNER)
    audit_log(action="hiring.practice.created", actor=owner, obj=practice, ip_address=ip_address)
    return practice


@transaction.atomic
def user_signup(*, full_name: str, email: str, password: str, ip_address: str | None = None,
                **practice_fields: Any) -> tuple[User, Practice]:
    """Create the owner's account and their practice together, or neither."""
    email = normalize_email(email)
    if User.objects.filter(email=email).exists():
        raise ValidationError({"email": _("An account with this e-mail address already exists. "
                                          "Log in to add another practice to it.")})
    user = User.objects.create_user(email=email, password=password, full_name=full_name)
    practice = practice_create(owner=user, ip_address=ip_address, **practice_fields)
    return user, practice


@transaction.atomic
def practice_update(*, practice: Practice, actor: User, ip_address: str | None = None,
                    **fields: Any) -> Practice:
    """Change the practice profile; the audit entry names the changed fields, not values."""
    changed = [name for name, value in fields.items() if getattr(practice, name) != value]
    for name in changed:
        setattr(practice, name, fields[name])
    practice.full_clean()
    practice.save()
    if changed:
        audit_log(action="hiring.practice.updated", actor=actor, obj=practice,
                  data={"fields": sorted(changed)}, ip_address=ip_address)
    return practice


# --- Invitations ----------------------------------------------------------------------------

def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"p": invitation.practice_id, "i": str(invitation.public_id)},
                         salt=INVITATION_SALT, compress=True)


def invitation_url(invitation: Invitation) -> str:
    path = reverse("accounts:invitation-accept", kwargs={
        "practice_slug": invitation.practice.slug, "token": invitation_token(invitation)})
    return f"{settings.SITE_URL}{path}"


class InvitationInvalid(Exception):
    """The link cannot be used; `reason` picks the page shown to the visitor."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def invitation_from_token(*, token: str, practice_slug: str) -> Invitation:
    """The open invitation a link stands for, or InvitationInvalid saying why not."""
    try:
        payload = signing.loads(token, salt=INVITATION_SALT,
                                max_age=settings.INVITATION_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise InvitationInvalid("expired") from exc
    except signing.BadSignature as exc:
        raise InvitationInvalid("tampered") from exc
    invitation = (Invitation.objects.with_scopes_disabled().select_related("practice")
                  .filter(practice_id=payload.get("p"), public_id=payload.get("i")).first())
    if invitation is None:
        raise InvitationInvalid("tampered")
    if invitation.practice.slug != practice_slug:
        raise InvitationInvalid("wrong-practice")
    if invitation.accepted_at is not None:
        raise InvitationInvalid("used")
    if invitation.revoked_at is not None:
        raise InvitationInvalid("revoked")
    if invitation.is_expired:
        raise InvitationInvalid("expired")
    return invitation


@transaction.atomic
def invitation_create(*, practice: Practice, email: str, role: str, invited_by: User,
                      ip_address: str | None = None) -> Invitation:
    """Invite someone by e-mail; the e-mail goes out through the outbox after commit."""
    email = normalize_email(email)
    if practice.memberships.filter(user__email=email).exists():
        raise ValidationError({"email": _("%(e)s is already a member of this practice.")
                               % {"e": email}})
    # an expired invitation should not block a fresh one
    practice.invitations.filter(email__iexact=email, accepted_at=None, revoked_at=None,
                                expires_at__lte=timezone.now()).update(revoked_at=timezone.now())
    if practice.invitations.filter(email__iexact=email, accepted_at=None,
                                   revoked_at=None).exists():
        raise ValidationError({"email": _("%(e)s already has a pending invitation. Use “Resend” "
                                          "in the list below to send it again.") % {"e": email}})
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                practice=practice, email=email, role=Role(role), invited_by=invited_by,
                expires_at=timezone.now() + timedelta(
                    seconds=settings.INVITATION_MAX_AGE))
    except IntegrityError as exc:  # the same form posted twice at once
        raise ValidationError({"email": _("%(e)s already has a pending invitation.")
                               % {"e": email}}) from exc
    _invitation_enqueue(invitation)
    audit_log(action="hiring.invitation.created", actor=invited_by, obj=invitation,
              data={"role": role}, ip_address=ip_address)
    return invitation


def _invitation_enqueue(invitation: Invitation) -> None:
    from hiring.tasks import invitation_send as invitation_send_task

    outbox.enqueue(invitation_send_task, practice=invitation.practice,
                   invitation_id=invitation.pk)


@transaction.atomic
def invitation_resend(*, invitation: Invitation, actor: User,
                      ip_address: str | None = None) -> Invitation:
    """Send an open invitation again, with a fresh expiry."""
    if not invitation.is_open:
        raise ValidationError(_("This invitation was already used or withdrawn."))
    invitation.expires_at = timezone.now() + timedelta(
        seconds=settings.INVITATION_MAX_AGE)
    invitation.sent_at = None
    invitation.save(update_fields=["expires_at", "sent_at"])
    _invitation_enqueue(invitation)
    audit_log(action="hiring.invitation.resent", actor=actor, obj=invitation,
              ip_address=ip_address)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor: User,
                      ip_address: str | None = None) -> Invitation:
    """Withdraw an open invitation so its link stops working."""
    revoked = Invitation.objects.filter(pk=invitation.pk, accepted_at=None,
                                        revoked_at=None).update(revoked_at=timezone.now())
    if revoked != 1:
        raise ValidationError(_("This invitation was already used or withdrawn."))
    invitation.refresh_from_db()
    audit_log(action="hiring.invitation.revoked", actor=actor, obj=invitation,
              ip_address=ip_address)
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User,
                      ip_address: str | None = None) -> Membership:
    """Turn an open invitation into a membership. Single use, even under a double-click."""
    if normalize_email(user.email) != normalize_email(invitation.email):
        raise ValidationError(_("This invitation was sent to another e-mail address."))
    claimed = Invitation.objects.with_scopes_disabled().filter(
        pk=invitation.pk, accepted_at=None, revoked_at=None, expires_at__gt=timezone.now(),
    ).update(accepted_at=timezone.now(), accepted_by=user)
    if claimed != 1:
        raise ValidationError(_("This invitation has already been used."))
    membership, created = Membership.objects.with_scopes_disabled().get_or_create(
        practice=invitation.practice, user=user, defaults={"role": invitation.role})
    audit_log(action="hiring.invitation.accepted", actor=user, obj=invitation,
              practice=invitation.practice, data={"role": membership.role, "new": created},
              ip_address=ip_address)
    return membership


@transaction.atomic
def user_signup_from_invitation(*, invitation: Invitation, full_name: str, password: str,
                                ip_address: str | None = None) -> tuple[User, Membership]:
    """Create the account of someone invited who has none yet, and accept the invitation."""
    if User.objects.filter(email=normalize_email(invitation.email)).exists():
        raise ValidationError(_("An account with this e-mail address exists. Log in first."))
    user = User.objects.create_user(email=invitation.email, password=password,
                                    full_name=full_name)
    return user, invitation_accept(invitation=invitation, user=user, ip_address=ip_address)


def invitation_email_send(*, invitation: Invitation) -> None:
    """Send the invitation e-mail unless it was sent already (at-least-once)."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.sent_at is not None or not locked.is_open:
            return
        send_templated_email(
            template="invitation",
            to=[locked.email],
            context={"invitation": locked, "practice": locked.practice,
                     "inviter": locked.invited_by, "url": invitation_url(locked)},
        )
        locked.sent_at = timezone.now()
        locked.save(update_fields=["sent_at"])


# --- Team -----------------------------------------------------------------------------------

def _owners_locked(practice: Practice) -> int:
    """Lock the practice's owner rows and count them, so two owners demoting each other at
    the same moment cannot both succeed."""
    return len(list(Membership.objects.with_scopes_disabled().select_for_update()
                    .filter(practice=practice, role=Role.OWNER).values_list("pk", flat=True)))


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, actor: User,
                           ip_address: str | None = None) -> Membership:
    """Give a member another role; the practice always keeps at least one owner."""
    role = Role(role)
    if membership.role == role:
        return membership
    if membership.role == Role.OWNER and _owners_locked(membership.practice) <= 1:
        raise ValidationError(_("A practice needs at least one owner. Make someone else an "
                                "owner first."))
    previous = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    audit_log(action="hiring.membership.role_changed", actor=actor, obj=membership,
              data={"from": previous, "to": role, "user": str(membership.user.public_id)},
              ip_address=ip_address)
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, actor: User,
                      ip_address: str | None = None) -> None:
    """Take someone out of the practice; the last owner cannot be removed."""
    if membership.role == Role.OWNER and _owners_locked(membership.practice) <= 1:
        raise ValidationError(_("The last owner cannot be removed. Make someone else an owner "
                                "first."))
    audit_log(action="hiring.membership.removed", actor=actor, obj=membership,
              data={"role": membership.role, "user": str(membership.user.public_id)},
              ip_address=ip_address)
    membership.delete()


# --- Accounts -------------------------------------------------------------------------------

def password_reset_request(*, email: str, ip_address: str | None = None) -> None:
    """Queue a reset e-mail if an active account has this address. Says nothing either way,
    so the page cannot be used to find out who has an account."""
    user = User.objects.filter(email=normalize_email(email), is_active=True).first()
    if user is None or not user.has_usable_password():
        return
    from hiring.tasks import password_reset_send as password_reset_send_task

    with transaction.atomic():
        outbox.enqueue(password_reset_send_task, user_id=user.pk)
        audit_log(action="hiring.user.password_reset_requested", actor=None, obj=user,
                  ip_address=ip_address)


def password_reset_email_send(*, user_id: int) -> None:
    """E-mail a fresh reset link. The token is made here, in the worker, so it never sits
    in the broker or the outbox."""
    user = User.objects.get(pk=user_id)
    path = reverse("accounts:password-reset-confirm", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user)})
    send_templated_email(template="password_reset", to=[user.email],
                         context={"user": user, "url": f"{settings.SITE_URL}{path}",
                                  "valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600})
