"""Forms of the new hire's portal. They shape and check what was typed; the services in
onboarding/portal.py write it. Bank numbers are never written back into the page."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onboarding import esign
from onboarding.models import FormKind
from onboarding.portal import account_number_is_valid, routing_number_is_valid
from onboarding.uploads import ACCEPT_ATTRIBUTE, check_upload

US_STATES = ("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL",
             "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE",
             "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD",
             "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "AS", "GU", "MP", "PR", "VI")


class NoEchoInput(forms.TextInput):
    """A text input that never writes a value into the page: what was typed stays in the
    browser that typed it, and a page with errors asks for it again."""

    def format_value(self, value: Any) -> None:
        return None


def _digits(value: str) -> str:
    # people copy numbers with spaces or dashes from a cheque or their bank's app
    return re.sub(r"[\s-]", "", value or "")


def _phone(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10:
        raise ValidationError(_("Enter a US phone number with its area code, e.g. "
                                "(217) 555-0100."))
    return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"


class PortalForm(forms.Form):
    """A step's form; the view gives it ids of its own item, so several share a page."""


class PersonalForm(PortalForm):
    legal_name = forms.CharField(
        label=_("Full legal name"), max_length=200, widget=forms.TextInput(
            attrs={"autocomplete": "name"}),
        help_text=_("As on your Social Security card or passport."))
    street = forms.CharField(label=_("Street address"), max_length=200, widget=forms.TextInput(
        attrs={"autocomplete": "address-line1"}))
    street_2 = forms.CharField(label=_("Apartment, suite (optional)"), max_length=100,
                               required=False, widget=forms.TextInput(
                                   attrs={"autocomplete": "address-line2"}))
    city = forms.CharField(label=_("City"), max_length=100, widget=forms.TextInput(
        attrs={"autocomplete": "address-level2"}))
    state = forms.ChoiceField(label=_("State"), choices=[("", "—")] + [(s, s) for s in US_STATES],
                              widget=forms.Select(attrs={"autocomplete": "address-level1"}))
    postal_code = forms.RegexField(
        label=_("ZIP code"), regex=r"^\d{5}(-\d{4})?$", max_length=10,
        error_messages={"invalid": _("Enter a 5-digit ZIP code, e.g. 62701.")},
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}))
    phone = forms.CharField(label=_("Phone"), max_length=40, widget=forms.TextInput(
        attrs={"autocomplete": "tel", "type": "tel", "inputmode": "tel"}))
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=forms.DateInput(
        attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"))

    def clean_phone(self) -> str:
        return _phone(self.cleaned_data["phone"])

    def clean_date_of_birth(self) -> date:
        born = self.cleaned_data["date_of_birth"]
        if born >= timezone.localdate() or born.year < 1900:
            raise ValidationError(_("Enter your date of birth, e.g. 1990-04-21."))
        return born


class EmergencyContactForm(PortalForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    relationship = forms.CharField(label=_("Relationship to you"), max_length=80,
                                   help_text=_("e.g. spouse, parent, friend"))
    phone = forms.CharField(label=_("Phone"), max_length=40, widget=forms.TextInput(
        attrs={"type": "tel", "inputmode": "tel"}))

    def clean_phone(self) -> str:
        return _phone(self.cleaned_data["phone"])


class DirectDepositForm(PortalForm):
    bank_name = forms.CharField(label=_("Bank name"), max_length=120)
    account_type = forms.ChoiceField(label=_("Account type"), widget=forms.RadioSelect,
                                     choices=[("checking", _("Checking")),
                                              ("savings", _("Savings"))])
    routing_number = forms.CharField(
        label=_("Routing number"), max_length=20,
        help_text=_("The 9 digits at the bottom left of a check."),
        widget=NoEchoInput(attrs={"inputmode": "numeric", "autocomplete": "off",
                                  "spellcheck": "false"}))
    account_number = forms.CharField(
        label=_("Account number"), max_length=30, help_text=_("4 to 17 digits."),
        widget=NoEchoInput(attrs={"inputmode": "numeric", "autocomplete": "off",
                                  "spellcheck": "false"}))
    account_number_confirm = forms.CharField(
        label=_("Account number again"), max_length=30,
        help_text=_("Type it a second time, so that a typing mistake shows."),
        widget=NoEchoInput(attrs={"inputmode": "numeric", "autocomplete": "off",
                                  "spellcheck": "false"}))

    def clean_routing_number(self) -> str:
        number = _digits(self.cleaned_data["routing_number"])
        if not routing_number_is_valid(number):
            raise ValidationError(_("This is not a valid routing number. Check the 9 digits "
                                    "and type them again."))
        return number

    def clean_account_number(self) -> str:
        number = _digits(self.cleaned_data["account_number"])
        if not account_number_is_valid(number):
            raise ValidationError(_("An account number has 4 to 17 digits. Type it again."))
        return number

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        number = cleaned.get("account_number")
        again = _digits(cleaned.get("account_number_confirm", ""))
        if number and again != number:
            self.add_error("account_number_confirm", _(
                "The two account numbers differ. Type both again."))
        return cleaned


FORMS: dict[str, type[PortalForm]] = {
    FormKind.PERSONAL: PersonalForm,
    FormKind.EMERGENCY_CONTACT: EmergencyContactForm,
    FormKind.DIRECT_DEPOSIT: DirectDepositForm,
}


class UploadForm(PortalForm):
    file = forms.FileField(
        label=_("File"), help_text=_("A PDF, or a photo (JPEG or PNG); up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        check_upload(upload)
        return upload


class AttestationForm(PortalForm):
    completed_on = forms.DateField(label=_("I completed this training on"),
                                   widget=forms.DateInput(attrs={"type": "date"},
                                                          format="%Y-%m-%d"))
    confirmed = forms.BooleanField(
        label=_("I confirm that I completed this training on the date above."),
        required=False)


class SignForm(PortalForm):
    typed_name = forms.CharField(label=_("Type your full name"), max_length=200,
                                 widget=forms.TextInput(attrs={"autocomplete": "name"}))
    agreed = forms.BooleanField(label=esign.INTENT_LABEL, required=False)


class ConsentForm(PortalForm):
    agreed = forms.BooleanField(
        label=_("I have read the disclosure above, I can open it, and I agree to receive and "
                "sign my documents electronically."), required=False)
