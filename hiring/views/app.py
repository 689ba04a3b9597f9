"""The staff app shell: the way in, the dashboard, practice settings, the audit log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from hiring import dashboard
from hiring.decorators import requires
from hiring.forms import PracticeProfileForm
from hiring.http import PracticeRequest, client_ip
from hiring.roles import Perm
from hiring.selectors import audit_event_list, invitation_open_list, last_practice_of_user
from hiring.services import practice_update


@login_required
def app_home_view(request: HttpRequest) -> HttpResponse:
    """/app/ sends people to the practice they used last."""
    practice = last_practice_of_user(request.user)
    if practice is None:
        return redirect("accounts:no-practice")
    return redirect("hiring:dashboard", practice=practice.slug)


@requires(Perm.VIEW_DASHBOARD)
def dashboard_view(request: PracticeRequest, practice: str) -> HttpResponse:
    context = {
        "panels": dashboard.panels(request),
        "member_count": request.practice.memberships.count(),
        "open_invitations": invitation_open_list(practice=request.practice).count(),
        "profile_complete": bool(request.practice.city and request.practice.careers_intro),
    }
    return render(request, "hiring/dashboard.html", context)


@requires(Perm.MANAGE_PRACTICE)
@require_http_methods(["GET", "POST"])
def practice_settings_view(request: PracticeRequest, practice: str) -> HttpResponse:
    current = request.practice
    # the form edits a copy, so a rejected change never shows up in the page's own chrome
    form = PracticeProfileForm(request.POST or None, request.FILES or None,
                               instance=type(current).objects.get(pk=current.pk))
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        if changes.get("logo") is False:  # "clear" ticked on the file input
            changes["logo"] = ""
        try:
            practice_update(practice=current, actor=request.user,
                            ip_address=client_ip(request), **changes)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("Practice settings saved."))
            return redirect("hiring:practice-settings", practice=current.slug)
    return render(request, "hiring/practice_settings.html", {"form": form})


@requires(Perm.VIEW_AUDIT)
def audit_log_view(request: PracticeRequest, practice: str) -> HttpResponse:
    page = Paginator(audit_event_list(practice=request.practice), 50).get_page(
        request.GET.get("page"))
    return render(request, "hiring/audit_log.html", {"page": page})
