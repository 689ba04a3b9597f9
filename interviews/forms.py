"""Scheduling forms. Dates and times are typed in the practice's time zone."""

from __future__ import annotations

import zoneinfo
from datetime import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hiring.models import Membership
from interviews.kits import kits_ensure
from interviews.models import Interview


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.user.full_name} ({obj.get_role_display().lower()})"


class ScheduleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Interview.Kind.choices,
                             initial=Interview.Kind.ON_SITE)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("Start"), widget=forms.TimeInput(attrs={"type": "time"}))
    duration_minutes = forms.IntegerField(label=_("Minutes"), min_value=10, max_value=480,
                                          initial=45)
    location = forms.CharField(label=_("Place or video link"), required=False, max_length=300)
    interviewers = MemberChoiceField(label=_("Interviewers"), queryset=None,
                                     widget=forms.CheckboxSelectMultiple,
                                     help_text=_("People on this job's hiring team."))
    kit = forms.ModelChoiceField(label=_("Interview kit"), queryset=None, required=False,
                                 empty_label=None,
                                 help_text=_("The questions the interviewers will ask."))
    note_to_candidate = forms.CharField(label=_("Note to the candidate (optional)"),
                                        required=False, max_length=2000,
                                        widget=forms.Textarea(attrs={"rows": 3}))
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, application: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.practice = application.practice
        self.fields["interviewers"].queryset = application.job.hiring_team.select_related(
            "user").order_by("user__full_name")
        kits = kits_ensure(application.job)
        self.fields["kit"].queryset = application.job.interview_kits.all()
        self.fields["kit"].initial = kits[0].pk
        if not self.fields["location"].initial and self.practice.address_line:
            self.fields["location"].initial = self.practice.address_line

    def starts_at(self) -> datetime:
        zone = zoneinfo.ZoneInfo(self.practice.timezone)
        return datetime.combine(self.cleaned_data["date"], self.cleaned_data["start"],
                                tzinfo=zone)


class RescheduleForm(forms.Form):
    date = forms.DateField(label=_("New date"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("New start"),
                            widget=forms.TimeInput(attrs={"type": "time"}))

    def __init__(self, *args: Any, practice: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.practice = practice

    def starts_at(self) -> datetime:
        zone = zoneinfo.ZoneInfo(self.practice.timezone)
        return datetime.combine(self.cleaned_data["date"], self.cleaned_data["start"],
                                tzinfo=zone)
