"""The practice's team: members, roles and invitations."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hiring.decorators import requires
from hiring.form_errors import add_service_errors
from hiring.forms import InvitationForm, RoleForm
from hiring.http import PracticeRequest, client_ip
from hiring.roles import Perm, Role
from hiring.selectors import invitation_open_list, member_list
from hiring.services import (
    invitation_create,
    invitation_resend,
    invitation_revoke,
    membership_change_role,
    membership_remove,
)


def _team_page(request: PracticeRequest, form: InvitationForm, status: int = 200) -> HttpResponse:
    return render(request, "hiring/team.html", {
        "members": member_list(practice=request.practice),
        "invitations": invitation_open_list(practice=request.practice),
        "invite_form": form,
        "roles": Role.choices,
        "can_manage": request.membership.can(Perm.MANAGE_TEAM),
    }, status=status)


@requires(Perm.VIEW_TEAM)
def team_view(request: PracticeRequest, practice: str) -> HttpResponse:
    return _team_page(request, InvitationForm())


@requires(Perm.MANAGE_TEAM)
@require_POST
def invitation_create_view(request: PracticeRequest, practice: str) -> HttpResponse:
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = invitation_create(practice=request.practice, invited_by=request.user,
                                           ip_address=client_ip(request), **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("Invitation sent to %(email)s.")
                             % {"email": invitation.email})
            return redirect("hiring:team", practice=practice)
    return _team_page(request, form, status=400)


@requires(Perm.MANAGE_TEAM)
@require_POST
def invitation_resend_view(request: PracticeRequest, practice: str,
                           invitation_id: UUID) -> HttpResponse:
    invitation = get_object_or_404(request.practice.invitations, public_id=invitation_id)
    try:
        invitation_resend(invitation=invitation, actor=request.user, ip_address=client_ip(request))
        messages.success(request, _("Invitation sent again to %(email)s.")
                         % {"email": invitation.email})
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("hiring:team", practice=practice)


@requires(Perm.MANAGE_TEAM)
@require_POST
def invitation_revoke_view(request: PracticeRequest, practice: str,
                           invitation_id: UUID) -> HttpResponse:
    invitation = get_object_or_404(request.practice.invitations, public_id=invitation_id)
    try:
        invitation_revoke(invitation=invitation, actor=request.user, ip_address=client_ip(request))
        messages.success(request, _("Invitation withdrawn."))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("hiring:team", practice=practice)


@requires(Perm.MANAGE_TEAM)
@require_POST
def member_role_view(request: PracticeRequest, practice: str, membership_id: UUID) -> HttpResponse:
    membership = get_object_or_404(request.practice.memberships.select_related("user"),
                                   public_id=membership_id)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles."))
    else:
        try:
            membership_change_role(membership=membership, role=form.cleaned_data["role"],
                                   actor=request.user, ip_address=client_ip(request))
            messages.success(request, _("%(name)s is now %(role)s.") % {
                "name": membership.user, "role": membership.get_role_display()})
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
    return redirect("hiring:team", practice=practice)


@requires(Perm.MANAGE_TEAM)
@require_http_methods(["GET", "POST"])
def member_remove_view(request: PracticeRequest, practice: str,
                       membership_id: UUID) -> HttpResponse:
    membership = get_object_or_404(request.practice.memberships.select_related("user"),
                                   public_id=membership_id)
    if request.method == "POST":
        try:
            membership_remove(membership=membership, actor=request.user,
                              ip_address=client_ip(request))
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("%(name)s was removed from the practice.")
                             % {"name": membership.user})
            if membership.user_id == request.user.pk:
                return redirect("app-home")
        return redirect("hiring:team", practice=practice)
    return render(request, "hiring/member_remove.html", {"member": membership})
