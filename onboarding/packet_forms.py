"""Forms of the packet pages and the packet template editor. They validate only; the views
pass cleaned data to the services in packets.py and packet_templates.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hiring.models import Practice
from onboarding.models import ItemKind, PacketTemplate, PacketTemplateItem


class PacketCreateForm(forms.Form):
    start_date = forms.DateField(label=_("Start date"), widget=forms.DateInput(
        attrs={"type": "date"}), help_text=_("The first day of work. Due dates count from it."))
    template = forms.ModelChoiceField(label=_("Packet template"), queryset=None,
                                      empty_label=None)

    def __init__(self, *args: Any, practice: Practice, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = PacketTemplate.objects.filter(practice=practice)


class TemplateCreateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120, widget=forms.TextInput(
        attrs={"placeholder": _("e.g. Front desk, part time")}))
    copy_from = forms.ModelChoiceField(label=_("Start from"), queryset=None, required=False,
                                       empty_label=_("The built-in steps for a medical "
                                                     "practice"))

    def __init__(self, *args: Any, practice: Practice, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["copy_from"].queryset = PacketTemplate.objects.filter(practice=practice)


class TemplateRenameForm(forms.Form):
    name = forms.CharField(label=_("Template name"), max_length=120)


class TemplateItemForm(forms.ModelForm):
    class Meta:
        model = PacketTemplateItem
        fields = ["kind", "form", "title", "description", "document_body", "due_days",
                  "business_days"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2}),
                   "document_body": forms.Textarea(attrs={"rows": 14})}
        help_texts = {
            "kind": _("Employer tasks are ticked off by your team; every other step is done "
                      "by the new hire in their checklist."),
            "form": _("Only for \u201cFill in a form\u201d."),
            "document_body": _(
                "For documents to sign and attestations; separate paragraphs with an empty "
                "line. Packets already sent keep the version they were sent with. Leave it "
                "empty on a document to sign to stand for the offer letter: it is the "
                "letter signed with the offer."),
            "due_days": _("Negative: before the start date. 0: on the start date."),
            "business_days": _("Skip weekends and US federal holidays, as for the I-9's "
                               "section 2 (three business days)."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["form"].required = False
        self.fields["kind"].choices = ItemKind.choices
