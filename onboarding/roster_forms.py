"""Forms of the team roster pages. They only shape input; onboarding.roster writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from onboarding.models import Credential, Employee

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EmployeeForm(forms.Form):
    full_name = forms.CharField(label=_("Name"), max_length=200, widget=forms.TextInput(
        attrs={"autocomplete": "off"}))
    role_title = forms.CharField(label=_("Role"), max_length=200,
                                 help_text=_("e.g. Medical assistant, Front desk lead"))
    start_date = forms.DateField(label=_("Start date"), widget=DATE_INPUT)
    email = forms.EmailField(label=_("E-mail"), required=False,
                             help_text=_("Licence reminders go to this address too."))
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False,
                            widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}))

    @classmethod
    def initial_of(cls, employee: Employee) -> dict[str, Any]:
        return {name: getattr(employee, name) for name in cls.base_fields}


class CredentialForm(forms.Form):
    name = forms.CharField(label=_("Licence or certification"), max_length=120,
                           help_text=_("e.g. RN licence, BLS, DEA registration"))
    number = forms.CharField(label=_("Number"), max_length=80, required=False)
    issuer = forms.CharField(label=_("Issued by"), max_length=120, required=False,
                             help_text=_("e.g. Oregon State Board of Nursing"))
    expires_on = forms.DateField(label=_("Expires on"), required=False, widget=DATE_INPUT,
                                 help_text=_("Leave empty if it does not expire. We remind "
                                             "you and the employee 30 days before."))

    @classmethod
    def initial_of(cls, credential: Credential) -> dict[str, Any]:
        return {name: getattr(credential, name) for name in cls.base_fields}


class RosterFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Show"), required=False, choices=[
        ("active", _("Active")), ("left", _("Left")), ("all", _("Everyone"))])

    def status_value(self) -> str:
        """The Employee.Status to list, or "" for everyone (active unless asked)."""
        chosen = self.cleaned_data.get("status") if self.is_valid() else ""
        return {"all": "", "left": Employee.Status.LEFT}.get(chosen or "",
                                                             Employee.Status.ACTIVE)
