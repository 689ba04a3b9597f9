"""The scorecard form: one 1-4 choice and a note per competency of the job, then the
overall recommendation. Completeness is the service's rule (a draft may have gaps)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from interviews.models import Competency, Scorecard
from interviews.scorecards import ScorecardInput


class ScorecardForm(forms.Form):
    recommendation = forms.ChoiceField(
        label=_("Overall recommendation"), required=False, widget=forms.RadioSelect,
        choices=Scorecard.Recommendation.choices)
    note = forms.CharField(label=_("Overall note"), required=False, max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, competencies: list[Competency], scorecard: Scorecard,
                 **kwargs: Any) -> None:
        kwargs.setdefault("initial", self._initial(scorecard))
        super().__init__(*args, **kwargs)
        self.competencies = competencies
        for competency in competencies:
            self.fields[f"rating_{competency.pk}"] = forms.TypedChoiceField(
                label=competency.name, required=False, coerce=int, empty_value=None,
                widget=forms.RadioSelect,
                choices=[(n, f"{n} — {text}") for n, text in competency.anchors],
                help_text=competency.description)
            self.fields[f"note_{competency.pk}"] = forms.CharField(
                label=_("Note on %(name)s") % {"name": competency.name}, required=False,
                max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    @staticmethod
    def _initial(scorecard: Scorecard) -> dict[str, Any]:
        initial: dict[str, Any] = {"recommendation": scorecard.recommendation,
                                   "note": scorecard.note}
        if scorecard.pk:
            for rating in scorecard.ratings.all():
                initial[f"rating_{rating.competency_id}"] = rating.rating
                initial[f"note_{rating.competency_id}"] = rating.note
        return initial

    def rows(self) -> list[tuple[Competency, forms.BoundField, forms.BoundField]]:
        return [(c, self[f"rating_{c.pk}"], self[f"note_{c.pk}"]) for c in self.competencies]

    def to_input(self) -> ScorecardInput:
        data = self.cleaned_data
        return ScorecardInput(
            ratings={c.pk: data.get(f"rating_{c.pk}") for c in self.competencies},
            notes={c.pk: data.get(f"note_{c.pk}", "") for c in self.competencies},
            recommendation=data.get("recommendation", ""), note=data.get("note", ""))
