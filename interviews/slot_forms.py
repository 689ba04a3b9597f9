"""Forms to offer times for candidates to pick. Times are typed in the practice's time zone."""

from __future__ import annotations

import zoneinfo
from datetime import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from candidates.models import Application
from interviews.forms import ScheduleForm
from interviews.models import SlotOffer

ROWS = 6


class SlotOfferForm(ScheduleForm):
    """The schedule form's kind, people, place and kit, with up to six times instead of one."""

    date = None  # one (date, start) pair per row instead, added in __init__
    start = None
    confirmed = None

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, application=application, **kwargs)
        for row in range(1, ROWS + 1):
            self.fields[f"date_{row}"] = forms.DateField(
                label=_("Date %(n)d") % {"n": row}, required=False,
                widget=forms.DateInput(attrs={"type": "date"}))
            self.fields[f"start_{row}"] = forms.TimeField(
                label=_("Start %(n)d") % {"n": row}, required=False,
                widget=forms.TimeInput(attrs={"type": "time"}))

    def rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"date_{row}"], self[f"start_{row}"]) for row in range(1, ROWS + 1)]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for row in range(1, ROWS + 1):
            day, start = data.get(f"date_{row}"), data.get(f"start_{row}")
            if bool(day) != bool(start) and not self.has_error(f"date_{row}") \
                    and not self.has_error(f"start_{row}"):
                self.add_error(f"start_{row}" if day else f"date_{row}",
                               _("Give both the date and the start."))
        return data

    def starts(self) -> list[datetime]:
        zone = zoneinfo.ZoneInfo(self.practice.timezone)
        pairs = ((self.cleaned_data.get(f"date_{row}"), self.cleaned_data.get(f"start_{row}"))
                 for row in range(1, ROWS + 1))
        return [datetime.combine(day, start, tzinfo=zone) for day, start in pairs
                if day and start]


class CandidateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Application) -> str:
        return obj.candidate.full_name


class SlotInviteForm(forms.Form):
    application = CandidateChoiceField(label=gettext_lazy("Candidate"), queryset=None,
                                       empty_label=None)

    def __init__(self, *args: Any, offer: SlotOffer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # the job's active candidates who do not have these times yet
        self.fields["application"].queryset = (
            offer.job.applications.filter(status=Application.Status.ACTIVE)
            .exclude(slot_invitations__offer=offer).select_related("candidate")
            .order_by("candidate__first_name", "candidate__last_name"))
