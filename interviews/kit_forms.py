"""Forms of the kit and competency editors."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from interviews.models import Competency, InterviewKit, KitQuestion

LINES_HELP = _("One per line.")


class KitForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80,
                           widget=forms.TextInput(attrs={"placeholder": _("e.g. Phone screen")}))
    copy_from = forms.ModelChoiceField(label=_("Start from"), queryset=None, required=False,
                                       empty_label=_("No questions (start empty)"))

    def __init__(self, *args: Any, job: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["copy_from"].queryset = InterviewKit.objects.filter(job=job)


class KitRenameForm(forms.Form):
    name = forms.CharField(label=_("Kit name"), max_length=80)


class QuestionForm(forms.ModelForm):
    class Meta:
        model = KitQuestion
        fields = ["question", "listen_for", "follow_ups"]
        widgets = {"question": forms.Textarea(attrs={"rows": 2}),
                   "listen_for": forms.Textarea(attrs={"rows": 3}),
                   "follow_ups": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"listen_for": LINES_HELP, "follow_ups": LINES_HELP}


class CompetencyForm(forms.ModelForm):
    class Meta:
        model = Competency
        fields = ["name", "description", "anchor_1", "anchor_2", "anchor_3", "anchor_4"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def anchors(self) -> list[str]:
        return [self.cleaned_data.get(f"anchor_{n}", "") for n in range(1, 5)]
