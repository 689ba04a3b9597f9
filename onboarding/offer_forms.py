"""Forms of offers: the staff's offer and letter template, the candidate's answer. They only
shape input; the rules (dates, stage, merge fields, signatures) live in onboarding.offers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hiring.models import Membership, Practice
from jobs.models import PayUnit
from onboarding import esign
from onboarding.offers import offer_managers


class ManagerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.user.full_name} ({obj.get_role_display().lower()})"


class OfferForm(forms.Form):
    position_title = forms.CharField(label=_("Position"), max_length=200)
    pay_amount = forms.DecimalField(label=_("Pay"), max_digits=10, decimal_places=2,
                                    min_value=Decimal("0.01"))
    pay_unit = forms.ChoiceField(label=_("Per"), choices=PayUnit.choices)
    start_date = forms.DateField(label=_("Start date"),
                                 widget=forms.DateInput(attrs={"type": "date"}),
                                 help_text=_("After today."))
    manager = ManagerChoiceField(label=_("Reports to"), queryset=None,
                                 help_text=_("Members who manage candidates."))
    expires_on = forms.DateField(label=_("Offer expires on"),
                                 widget=forms.DateInput(attrs={"type": "date"}),
                                 help_text=_("The last day to accept, in the practice's time "
                                             "zone; on or before the start date."))
    notes = forms.CharField(label=_("Notes for the letter (optional)"), required=False,
                            max_length=5000, widget=forms.Textarea(attrs={"rows": 4}),
                            help_text=_("Shown in the letter where the template has "
                                        "{notes}: schedule, location, a sign-on bonus…"))

    def __init__(self, *args: Any, practice: Practice, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["manager"].queryset = offer_managers(practice)


class LetterTemplateForm(forms.Form):
    body = forms.CharField(label=_("Letter text"), max_length=20000,
                           widget=forms.Textarea(attrs={"rows": 24}), strip=False,
                           help_text=_("A blank line starts a new paragraph. Merge fields "
                                       "such as {candidate_name} are filled in for each "
                                       "offer."))


# --- The candidate's page -----------------------------------------------------------------------

class ConsentForm(forms.Form):
    agreed = forms.BooleanField(label=_("I agree to use electronic records and signatures"),
                                required=False)


class AcceptForm(forms.Form):
    typed_name = forms.CharField(label=_("Type your full name"), max_length=200,
                                 required=False,
                                 widget=forms.TextInput(attrs={"autocomplete": "name"}))
    agreed = forms.BooleanField(label=esign.INTENT_LABEL, required=False)


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Would you tell us why? (optional)"), required=False,
                             max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
