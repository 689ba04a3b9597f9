"""Sign-up, sign-in, passwords, and accepting an invitation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hiring.form_errors import add_service_errors
from hiring.forms import (
    AccountForm,
    NewPasswordForm,
    PasswordResetRequestForm,
    PracticeCreateForm,
)
from hiring.http import client_ip
from hiring.models import User
from hiring.services import (
    InvitationInvalid,
    invitation_accept,
    invitation_from_token,
    password_reset_request,
    practice_create,
    user_signup,
    user_signup_from_invitation,
)

AUTH_BACKEND = "hiring.auth.EmailBackend"


@require_http_methods(["GET", "POST"])
def signup_view(request: HttpRequest) -> HttpResponse:
    """A new practice and its owner's account, or, for someone logged in, another practice."""
    logged_in = request.user.is_authenticated
    practice_form = PracticeCreateForm(request.POST or None, request.FILES or None,
                                       prefix="practice")
    account_form = None if logged_in else AccountForm(request.POST or None, prefix="account")
    if request.method == "POST" and practice_form.is_valid() and (
            account_form is None or account_form.is_valid()):
        fields = {k: v for k, v in practice_form.cleaned_data.items() if v not in (None, "")}
        try:
            if logged_in:
                practice = practice_create(owner=request.user, ip_address=client_ip(request),
                                           **fields)
            else:
                user, practice = user_signup(ip_address=client_ip(request),
                                             **account_form.cleaned_data, **fields)
                login(request, user, backend=AUTH_BACKEND)
        except ValidationError as exc:
            add_service_errors(exc, practice_form, *([account_form] if account_form else []))
        else:
            messages.success(request, _("Welcome to %(name)s. Invite your team to start hiring.")
                             % {"name": practice.name})
            return redirect("hiring:dashboard", practice=practice.slug)
    return render(request, "accounts/signup.html",
                  {"practice_form": practice_form, "account_form": account_form})


@require_http_methods(["GET", "POST"])
def password_reset_view(request: HttpRequest) -> HttpResponse:
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        password_reset_request(email=form.cleaned_data["email"], ip_address=client_ip(request))
        return redirect("accounts:password-reset-done")
    return render(request, "accounts/password_reset.html", {"form": form})


INVITATION_PROBLEMS = {
    "expired": _("This invitation has expired. Ask the practice to send you a new one."),
    "used": _("This invitation has already been used. If it was you, just log in."),
    "revoked": _("This invitation was withdrawn by the practice."),
    "tampered": _("This link is not valid. Copy the whole link from the e-mail, or ask the "
                  "practice to send a new invitation."),
    "wrong-practice": _("This invitation is for another practice. Use the link exactly as it "
                        "arrived in the e-mail."),
}


@require_http_methods(["GET", "POST"])
def invitation_accept_view(request: HttpRequest, practice_slug: str, token: str) -> HttpResponse:
    try:
        invitation = invitation_from_token(token=token, practice_slug=practice_slug)
    except InvitationInvalid as problem:
        return render(request, "accounts/invitation_invalid.html",
                      {"problem": INVITATION_PROBLEMS[problem.reason]}, status=410
                      if problem.reason in {"expired", "used", "revoked"} else 400)
    existing = User.objects.filter(email=invitation.email).first()
    user = request.user
    if user.is_authenticated and user.email != invitation.email:
        return render(request, "accounts/invitation_other_user.html",
                      {"invitation": invitation}, status=403)
    if existing is not None and not user.is_authenticated:
        messages.info(request, _("Log in as %(email)s to join %(practice)s.")
                      % {"email": invitation.email, "practice": invitation.practice.name})
        return redirect(f"{reverse('accounts:login')}?next={request.path}")

    form = None if existing else NewPasswordForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            if form is None:
                invitation_accept(invitation=invitation, user=user, ip_address=client_ip(request))
            else:
                user, _membership = user_signup_from_invitation(
                    invitation=invitation, ip_address=client_ip(request), **form.cleaned_data)
                login(request, user, backend=AUTH_BACKEND)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
            return redirect("accounts:login")
        messages.success(request, _("You have joined %(practice)s.")
                         % {"practice": invitation.practice.name})
        return redirect("hiring:dashboard", practice=invitation.practice.slug)
    return render(request, "accounts/invitation_accept.html",
                  {"invitation": invitation, "form": form})


@login_required
def no_practice_view(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/no_practice.html")


@require_http_methods(["POST"])
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("You have logged out."))
    return redirect("accounts:login")
