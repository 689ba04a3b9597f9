"""The small forms of the job-board pages: a board switched on or off (for the practice or
one job), its webhook, and which board to resend to."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jobs.models import Board
from jobs.syndication.boards import BOARDS
from jobs.syndication.webhook import webhook_address_problem

ON_OFF = [("1", _("On")), ("0", _("Off"))]


def _on_off() -> forms.TypedChoiceField:
    return forms.TypedChoiceField(choices=ON_OFF, coerce=lambda v: v == "1",
                                  label=_("Posts there"))


class BoardSetForm(forms.Form):
    """A practice's choice for one board. The webhook is changed only when the form sends
    its field (the on/off buttons don't), so switching a board never clears it."""

    board = forms.ChoiceField(choices=Board.choices, widget=forms.HiddenInput)
    enabled = _on_off()
    webhook_url = forms.URLField(label=_("Webhook address"), max_length=500, required=False,
                                 assume_scheme="https", help_text=_(
                                     "Optional: an address of the aggregator called with "
                                     "every change of a job, signed with the secret below."))

    def clean_webhook_url(self) -> str | None:
        if "webhook_url" not in self.data:
            return None
        url = self.cleaned_data["webhook_url"]
        # refused now rather than at the first change of a job, when nobody is looking
        if url and (problem := webhook_address_problem(url)):
            raise forms.ValidationError(problem)
        return url


class JobBoardSetForm(forms.Form):
    """One job kept off a board, or sent there again (boards that allow it per job)."""

    board = forms.ChoiceField(choices=[(b, Board(b).label) for b, info in BOARDS.items()
                                       if info.per_job], widget=forms.HiddenInput)
    enabled = _on_off()


class ResendForm(forms.Form):
    board = forms.ChoiceField(choices=Board.choices, widget=forms.HiddenInput)
