"""The public application form, built from the job's own questions, and the EEO survey."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from candidates.messaging import MERGE_FIELDS, merge_fields_check
from candidates.models import BulkAction, EEOResponse, EmailTemplate
from candidates.uploads import ACCEPT_ATTRIBUTE, check_document
from jobs.models import ApplicationQuestion, Job

SOURCE_CHOICES = [
    ("", _("Choose one (optional)")),
    ("indeed", "Indeed"),
    ("ziprecruiter", "ZipRecruiter"),
    ("google", _("Google search or Google Jobs")),
    ("careers-page", _("Our website")),
    ("referral", _("Someone who works here")),
    ("social", _("Social media")),
    ("school", _("School or training program")),
    ("other", _("Somewhere else")),
]
KNOWN_SOURCES = {value for value, _label in SOURCE_CHOICES if value}
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def source_from(query: dict[str, str]) -> str:
    """Where the applicant came from: `?source=` (our board links) or `utm_source`."""
    raw = (query.get("source") or query.get("utm_source") or "").strip().lower()[:60]
    return raw if raw else ""


class ApplyForm(forms.Form):
    """Contact details, résumé, cover letter, the job's questions, source and consent."""

    first_name = forms.CharField(label=_("First name"), max_length=100, widget=forms.TextInput(
        attrs={"autocomplete": "given-name"}))
    last_name = forms.CharField(label=_("Last name"), max_length=100, widget=forms.TextInput(
        attrs={"autocomplete": "family-name"}))
    email = forms.EmailField(label=_("E-mail address"), widget=forms.EmailInput(
        attrs={"autocomplete": "email"}))
    phone = forms.CharField(label=_("Phone"), max_length=40, widget=forms.TextInput(
        attrs={"autocomplete": "tel", "type": "tel", "inputmode": "tel"}))
    resume = forms.FileField(label=_("Résumé"), required=False, widget=forms.ClearableFileInput(
        attrs={"accept": ACCEPT_ATTRIBUTE}),
        help_text=_("PDF, Word, RTF, OpenDocument or text; up to 10 MB."))
    resume_token = forms.UUIDField(required=False, widget=forms.HiddenInput)
    cover_letter = forms.CharField(label=_("Cover letter (optional)"), required=False,
                                   max_length=10_000, widget=forms.Textarea(attrs={"rows": 5}))
    cover_letter_file = forms.FileField(
        label=_("…or attach it as a file (optional)"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}))
    source = forms.ChoiceField(label=_("Where did you hear about this job?"), required=False,
                               choices=SOURCE_CHOICES)
    consent = forms.BooleanField(label=_("I have read the privacy notice and agree that the "
                                         "practice uses my application to consider me for "
                                         "this job."))
    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    # People never see this field; form-filling robots do, and fill it in.
    website = forms.CharField(label=_("Leave this field empty"), required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off",
                                                            "tabindex": "-1"}))

    def __init__(self, *args: Any, job: Job, staged_name: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.job = job
        self.staged_name = staged_name
        self.question_fields: list[tuple[str, ApplicationQuestion]] = []
        for question in job.questions.all():
            name = f"q_{question.pk}"
            self.fields[name] = _question_field(question)
            self.question_fields.append((name, question))
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())

    def clean_resume(self) -> Any:
        upload = self.cleaned_data.get("resume")
        if upload:
            check_document(upload)
        return upload

    def clean_cover_letter_file(self) -> Any:
        upload = self.cleaned_data.get("cover_letter_file")
        if upload:
            check_document(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("resume") and not self.staged_name and "resume" not in self.errors:
            self.add_error("resume", _("Please attach your résumé."))
        return data

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website"))

    def answers(self) -> dict[int, Any]:
        return {question.pk: self.cleaned_data.get(name)
                for name, question in self.question_fields}

    def question_bound_fields(self) -> list[forms.BoundField]:
        return [self[name] for name, _question in self.question_fields]

    def source_choices_with(self, source: str) -> None:
        """Show an unknown incoming source (a board we don't list) as a choice."""
        if source and source not in KNOWN_SOURCES:
            self.fields["source"].choices = [*SOURCE_CHOICES, (source, source)]


def _question_field(question: ApplicationQuestion) -> forms.Field:
    common = {"label": question.label, "required": question.required,
              "help_text": question.help_text}
    kind = question.kind
    if kind == ApplicationQuestion.Kind.LONG_TEXT:
        return forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 4}),
                               **common)
    if kind == ApplicationQuestion.Kind.YES_NO:
        return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
    if kind == ApplicationQuestion.Kind.SINGLE_CHOICE:
        return forms.ChoiceField(choices=[(c, c) for c in question.choices],
                                 widget=forms.RadioSelect, **common)
    if kind == ApplicationQuestion.Kind.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(choices=[(c, c) for c in question.choices],
                                         widget=forms.CheckboxSelectMultiple, **common)
    if kind == ApplicationQuestion.Kind.NUMBER:
        return forms.DecimalField(min_value=0, max_digits=9, decimal_places=2,
                                  widget=forms.NumberInput(attrs={"inputmode": "decimal"}),
                                  **common)
    return forms.CharField(max_length=300, **common)


class EEOForm(forms.Form):
    """Every question optional; "I do not wish to answer" always offered."""

    sex = forms.ChoiceField(label=_("Sex"), required=False, widget=forms.RadioSelect,
                            choices=EEOResponse.Sex.choices)
    ethnicity = forms.ChoiceField(label=_("Are you Hispanic or Latino?"), required=False,
                                  widget=forms.RadioSelect,
                                  choices=EEOResponse.Ethnicity.choices)
    race = forms.ChoiceField(label=_("Race (if you are not Hispanic or Latino)"),
                             required=False, widget=forms.RadioSelect,
                             choices=EEOResponse.Race.choices)
    veteran = forms.ChoiceField(label=_("Protected veteran status"), required=False,
                                widget=forms.RadioSelect, choices=EEOResponse.Veteran.choices)
    disability = forms.ChoiceField(label=_("Disability status"), required=False,
                                   widget=forms.RadioSelect,
                                   choices=EEOResponse.Disability.choices)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.data.get("skip") and not any(data.values()):
            raise ValidationError(_("Choose at least one answer, or skip this step."))
        return data


class RejectForm(forms.Form):
    reason = forms.ModelChoiceField(label=_("Reason"), queryset=None, required=True,
                                    empty_label=_("Choose a reason"))
    note = forms.CharField(label=_("Note for the team (optional)"), required=False,
                           max_length=150)

    def __init__(self, *args: Any, practice: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].queryset = practice.rejection_reasons.filter(is_active=True)


# --- E-mail to applicants and bulk actions -----------------------------------------------------

def _merge_fields_help() -> str:
    return str(_("Merge fields: %(fields)s. To show a brace itself, type it twice: {{ or }}.")
               ) % {"fields": ", ".join(f"{{{name}}}" for name in MERGE_FIELDS)}


class _MergeFieldsMixin:
    """Subject and body may use only the known merge fields."""

    cleaned_data: dict[str, Any]

    def _checked(self, name: str) -> str:
        value = self.cleaned_data.get(name, "")
        merge_fields_check(value)
        return value

    def clean_subject(self) -> str:
        return self._checked("subject")

    def clean_body(self) -> str:
        return self._checked("body")


class EmailTemplateForm(_MergeFieldsMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80,
                           help_text=_("For your team, e.g. “Rejection after interview”."))
    purpose = forms.ChoiceField(label=_("Used for"), choices=EmailTemplate.Purpose.choices)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), max_length=20_000,
                           widget=forms.Textarea(attrs={"rows": 14}))
    is_active = forms.BooleanField(label=_("Offer this template when writing e-mails"),
                                   required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = _merge_fields_help()


class MessageForm(_MergeFieldsMixin, forms.Form):
    template = forms.ModelChoiceField(label=_("Template"), queryset=None, required=False,
                                      to_field_name="public_id", widget=forms.HiddenInput)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), max_length=20_000,
                           widget=forms.Textarea(attrs={"rows": 14}))
    # the preview this text was checked in (see candidates.messaging.preview_token)
    checked = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, practice: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = EmailTemplate.objects.filter(practice=practice)
        self.fields["body"].help_text = _merge_fields_help()


class BulkActionForm(forms.Form):
    """The bulk bar of a job's applicants list."""

    kind = forms.ChoiceField(label=_("Action"), choices=BulkAction.Kind.choices)
    applications = forms.ModelMultipleChoiceField(
        queryset=None, to_field_name="public_id",
        error_messages={"required": _("Select at least one applicant first.")})
    stage = forms.ModelChoiceField(label=_("Stage"), queryset=None, required=False,
                                   to_field_name="public_id", empty_label=_("Choose a stage"))
    reason = forms.ModelChoiceField(label=_("Reason"), queryset=None, required=False,
                                    to_field_name="public_id", empty_label=_("Choose a reason"))
    email_template = forms.ModelChoiceField(
        label=_("E-mail"), queryset=None, required=False, to_field_name="public_id",
        empty_label=_("Send no e-mail"))
    tag = forms.CharField(label=_("Tag"), max_length=40, required=False)

    def __init__(self, *args: Any, job: Job, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from candidates.pipeline import job_pipeline
        from candidates.selectors import email_template_list

        job_pipeline(job)  # a job's stages (and the practice's reasons) exist from first use
        self.fields["applications"].queryset = job.applications.all()
        self.fields["stage"].queryset = job.stages.all()
        self.fields["reason"].queryset = job.practice.rejection_reasons.filter(is_active=True)
        self.fields["email_template"].queryset = email_template_list(
            practice=job.practice).filter(is_active=True)
        for name in ("kind", "stage", "reason", "email_template"):
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["tag"].widget.attrs.update({"class": "form-control form-control-sm",
                                                "placeholder": _("e.g. bilingual")})

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        needs = {BulkAction.Kind.MOVE: ("stage", _("Choose the stage to move them to.")),
                 BulkAction.Kind.REJECT: ("reason", _("Choose a reason for the rejection.")),
                 BulkAction.Kind.TAG: ("tag", _("Type the tag to add."))}
        field, message = needs.get(data.get("kind"), (None, ""))
        if field and not data.get(field):
            self.add_error(field, message)
        return data
