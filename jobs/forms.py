"""Forms of the jobs app: the job editor, its questions, sites, and the list filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hiring.models import Practice
from jobs.models import SECTIONS, ApplicationQuestion, Job, Location
from jobs.selectors import hiring_team_choices
from jobs.services import JOB_FIELDS, job_slug_suggest, practice_today, question_problems

SECTION_NAMES = [name for name, _heading in SECTIONS]


class RichTextarea(forms.Textarea):
    """A textarea that static/js/rich-text.js turns into a small formatting editor."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"rows": 6, "class": "rich-text", **(attrs or {})})


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.user.full_name} ({obj.get_role_display().lower()})"


class JobForm(forms.ModelForm):
    """The job editor. Pass a fresh copy of the job: validation writes onto the instance."""

    # querysets are set per practice in __init__; a scoped manager cannot be read at import
    location = forms.ModelChoiceField(queryset=Location.objects.none(), required=False,
                                      label=_("Location"))
    hiring_team = MemberChoiceField(queryset=None, required=False,
                                    widget=forms.CheckboxSelectMultiple,
                                    label=_("Hiring team"),
                                    help_text=_("Who sees this job's applicants and "
                                                "interviews for it. Owners and hiring managers "
                                                "see every job."))

    class Meta:
        model = Job
        fields = [*JOB_FIELDS, "hiring_team"]
        widgets = {
            "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{name: RichTextarea() for name in SECTION_NAMES},
        }
        help_texts = {
            "slug": _("The end of the job's address on your careers page. It cannot change "
                      "once the job is published."),
            "closes_on": _("Optional. After this day the job stops taking applications."),
        }

    def __init__(self, *args: Any, practice: Practice, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.practice = practice
        self.fields["location"].queryset = practice.locations.all()
        self.fields["location"].empty_label = _("Practice address (%(a)s)") % {
            "a": practice.address_line or _("not set yet")}
        self.fields["hiring_team"].queryset = hiring_team_choices(practice=practice)
        self.fields["slug"].required = False
        if self.instance.pk and self.instance.slug_is_locked:
            self.fields["slug"].disabled = True
        self.fields["currency"].widget = forms.TextInput(attrs={"maxlength": 3, "size": 4})

    def clean_slug(self) -> str:
        slug = self.cleaned_data.get("slug") or job_slug_suggest(
            practice=self.practice, base=self.data.get(self.add_prefix("title"), "") or "job",
            exclude=self.instance if self.instance.pk else None)
        clash = self.practice.jobs.filter(slug=slug).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(_("Another job already uses this address. “%(s)s” is free.")
                                  % {"s": job_slug_suggest(practice=self.practice, base=slug)})
        return slug

    def clean_currency(self) -> str:
        currency = self.cleaned_data["currency"].strip().upper()
        if len(currency) != 3 or not currency.isalpha():
            raise ValidationError(_("Use a three-letter currency code such as USD."))
        return currency

    def clean_closes_on(self) -> Any:
        closes_on = self.cleaned_data.get("closes_on")
        if closes_on and closes_on < practice_today(self.practice) and (
                "closes_on" in self.changed_data):
            raise ValidationError(_("This date has passed. Choose a later day, or leave it "
                                    "empty."))
        return closes_on

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        low, high = data.get("pay_min"), data.get("pay_max")
        if low is not None and high is not None and high < low:
            self.add_error("pay_max", _("The top of the range (%(high)s) is below the bottom "
                                        "(%(low)s).") % {"high": f"{high:,}", "low": f"{low:,}"})
        return data


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class QuestionForm(forms.Form):
    public_id = forms.UUIDField(required=False, widget=forms.HiddenInput)
    label = forms.CharField(label=_("Question"), max_length=300)
    kind = forms.ChoiceField(label=_("Answer type"), choices=ApplicationQuestion.Kind.choices)
    required = forms.BooleanField(label=_("Required"), required=False, initial=True)
    help_text = forms.CharField(label=_("Hint"), max_length=300, required=False)
    choices = forms.CharField(label=_("Choices"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("For choice questions: one per line."))
    knockout = forms.CharField(label=_("Knock-out answers"), required=False,
                               widget=forms.Textarea(attrs={"rows": 2}),
                               help_text=_("Answers that flag the application: yes or no, or "
                                           "choices copied exactly, one per line."))

    def clean_choices(self) -> list[str]:
        return _lines(self.cleaned_data.get("choices", ""))

    def clean_knockout(self) -> list[str]:
        values = _lines(self.cleaned_data.get("knockout", ""))
        if self.cleaned_data.get("kind") == ApplicationQuestion.Kind.YES_NO:
            return [v.lower() for v in values]
        return values

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.cleaned_data.get("DELETE"):
            return data
        if "kind" in data and "choices" in data and "knockout" in data:
            for field, message in question_problems(data).items():
                self.add_error(field, message)
        return data


class BaseQuestionFormSet(forms.BaseFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["class"] = "form-check-input"

    def questions(self) -> list[dict[str, Any]]:
        """The kept questions, in order, as the service takes them."""
        return [form.cleaned_data for form in self.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")]


QuestionFormSet = forms.formset_factory(QuestionForm, formset=BaseQuestionFormSet, extra=0,
                                        can_delete=True, max_num=30, validate_max=True)


def question_initial(job: Job) -> list[dict[str, Any]]:
    return [{"public_id": q.public_id, "label": q.label, "kind": q.kind,
             "required": q.required, "help_text": q.help_text,
             "choices": "\n".join(q.choices), "knockout": "\n".join(q.knockout)}
            for q in job.questions.all()]


class LocationForm(forms.ModelForm):
    class Meta:
        model = Location
        fields = ["name", "street", "city", "state", "postal_code", "country"]

    def __init__(self, *args: Any, practice: Practice, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.practice = practice

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if self.practice.locations.filter(name__iexact=name).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("You already have a site with this name."))
        return name

    def clean_country(self) -> str:
        return self.cleaned_data["country"].upper()


class JobFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), *Job.Status.choices])
    location = forms.ChoiceField(label=_("Location"), required=False)

    def __init__(self, *args: Any, practice: Practice, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["location"].choices = [
            ("", _("All locations")), ("main", _("Practice address")),
            *[(str(loc.public_id), loc.name) for loc in practice.locations.all()]]
