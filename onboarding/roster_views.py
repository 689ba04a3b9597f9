"""Staff pages of the team roster, under /app/<practice>/team-roster/. Owners and hiring
managers only (Perm.MANAGE_CANDIDATES): interviewers reach no onboarding data."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hiring.decorators import requires
from hiring.form_errors import add_service_errors
from hiring.http import PracticeRequest
from hiring.roles import Perm
from jobs.services import practice_today
from onboarding import roster
from onboarding.models import Credential, Employee
from onboarding.roster_forms import CredentialForm, EmployeeForm, RosterFilterForm


def _employee(request: PracticeRequest, employee_id: UUID) -> Employee:
    return get_object_or_404(request.practice.employees.select_related("packet", "application"),
                             public_id=employee_id)


def _credential(request: PracticeRequest, credential_id: UUID) -> Credential:
    return get_object_or_404(Credential.objects.filter(practice=request.practice)
                             .select_related("employee"), public_id=credential_id)


def _to_detail(request: PracticeRequest, employee: Employee) -> HttpResponse:
    return redirect("onboarding:employee-detail", practice=request.practice.slug,
                    employee_id=employee.public_id)


@requires(Perm.MANAGE_CANDIDATES)
@require_GET
def employee_list_view(request: PracticeRequest, practice: str) -> HttpResponse:
    form = RosterFilterForm(request.GET or None)
    status = form.status_value()
    return render(request, "onboarding/employee_list.html", {
        "employees": roster.employee_list(practice=request.practice, status=status,
                                          today=practice_today(request.practice)),
        "filter_form": form, "status": status})


@requires(Perm.MANAGE_CANDIDATES)
@require_http_methods(["GET", "POST"])
def employee_create_view(request: PracticeRequest, practice: str) -> HttpResponse:
    form = EmployeeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            employee = roster.employee_create(practice=request.practice, actor=request.user,
                                              fields=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("%(name)s is on the roster.")
                             % {"name": employee.full_name})
            return _to_detail(request, employee)
    return render(request, "onboarding/employee_form.html", {"form": form, "employee": None},
                  status=400 if form.errors else 200)


def _render_detail(request: PracticeRequest, employee: Employee, *,
                   credential_form: CredentialForm | None = None, status: int = 200
                   ) -> HttpResponse:
    today = practice_today(request.practice)
    credentials = [(c, roster.Expiry.of(c.expires_on, today))
                   for c in employee.credentials.order_by("expires_on", "name", "id")]
    return render(request, "onboarding/employee_detail.html", {
        "employee": employee, "credentials": credentials,
        "signatures": roster.employee_signatures(employee),
        "credential_form": credential_form or CredentialForm(prefix="credential")},
        status=status)


@requires(Perm.MANAGE_CANDIDATES)
@require_GET
def employee_detail_view(request: PracticeRequest, practice: str, employee_id: UUID
                         ) -> HttpResponse:
    return _render_detail(request, _employee(request, employee_id))


@requires(Perm.MANAGE_CANDIDATES)
@require_http_methods(["GET", "POST"])
def employee_edit_view(request: PracticeRequest, practice: str, employee_id: UUID
                       ) -> HttpResponse:
    employee = _employee(request, employee_id)
    form = EmployeeForm(request.POST or None, initial=EmployeeForm.initial_of(employee))
    if request.method == "POST" and form.is_valid():
        try:
            roster.employee_update(employee=employee, actor=request.user,
                                   fields=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("Saved."))
            return _to_detail(request, employee)
    return render(request, "onboarding/employee_form.html", {"form": form, "employee": employee},
                  status=400 if form.errors else 200)


@requires(Perm.MANAGE_CANDIDATES)
@require_POST
def employee_leave_view(request: PracticeRequest, practice: str, employee_id: UUID
                        ) -> HttpResponse:
    employee = roster.employee_set_status(employee=_employee(request, employee_id),
                                          status=Employee.Status.LEFT, actor=request.user)
    messages.success(request, _("%(name)s is marked as left; their licences are no longer "
                                "reminded of.") % {"name": employee.full_name})
    return _to_detail(request, employee)


@requires(Perm.MANAGE_CANDIDATES)
@require_POST
def employee_reactivate_view(request: PracticeRequest, practice: str, employee_id: UUID
                             ) -> HttpResponse:
    employee = roster.employee_set_status(employee=_employee(request, employee_id),
                                          status=Employee.Status.ACTIVE, actor=request.user)
    messages.success(request, _("%(name)s is active again.") % {"name": employee.full_name})
    return _to_detail(request, employee)


@requires(Perm.MANAGE_CANDIDATES)
@require_POST
def credential_add_view(request: PracticeRequest, practice: str, employee_id: UUID
                        ) -> HttpResponse:
    employee = _employee(request, employee_id)
    form = CredentialForm(request.POST, prefix="credential")
    if form.is_valid():
        try:
            roster.credential_save(employee=employee, actor=request.user,
                                   fields=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("Credential added."))
            return _to_detail(request, employee)
    return _render_detail(request, employee, credential_form=form, status=400)


@requires(Perm.MANAGE_CANDIDATES)
@require_http_methods(["GET", "POST"])
def credential_edit_view(request: PracticeRequest, practice: str, credential_id: UUID
                         ) -> HttpResponse:
    credential = _credential(request, credential_id)
    form = CredentialForm(request.POST or None, prefix="credential",
                          initial=CredentialForm.initial_of(credential))
    if request.method == "POST" and form.is_valid():
        try:
            roster.credential_save(employee=credential.employee, credential=credential,
                                   actor=request.user, fields=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("Credential saved."))
            return _to_detail(request, credential.employee)
    return render(request, "onboarding/credential_form.html", {
        "form": form, "credential": credential, "employee": credential.employee},
        status=400 if form.errors else 200)


@requires(Perm.MANAGE_CANDIDATES)
@require_POST
def credential_delete_view(request: PracticeRequest, practice: str, credential_id: UUID
                           ) -> HttpResponse:
    credential = _credential(request, credential_id)
    roster.credential_delete(credential=credential, actor=request.user)
    messages.success(request, _("Credential removed."))
    return _to_detail(request, credential.employee)
