"""The applications list across jobs: filters, sorting and saved views."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Avg, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from candidates.models import Application, CandidateTag, Stage
from candidates.selectors import application_visible
from hiring.models import Membership
from hiring.roles import Perm
from jobs.models import ApplicationQuestion
from jobs.selectors import job_visible

SORTS = {
    "newest": ("-created_at", _("Newest first")),
    "oldest": ("created_at", _("Oldest first")),
    "name": ("candidate__last_name", _("Name")),
    "rating": ("-average_rating", _("Best rated")),
}


class ApplicationFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or e-mail"), required=False)
    job = forms.ChoiceField(label=_("Job"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, initial="active", choices=[
        ("active", _("In the pipeline")), ("rejected", _("Rejected")),
        ("withdrawn", _("Withdrawn")), ("all", _("All"))])
    source = forms.CharField(label=_("Source"), required=False)
    min_rating = forms.TypedChoiceField(label=_("Rating at least"), required=False, coerce=int,
                                        empty_value=None, choices=[("", _("Any"))] + [
                                            (n, "★" * n) for n in range(1, 6)])
    applied_from = forms.DateField(label=_("Applied from"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}))
    applied_to = forms.DateField(label=_("Applied to"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))
    flagged = forms.BooleanField(label=_("Knock-out answers only"), required=False)
    tag = forms.ChoiceField(label=_("Tag"), required=False)
    question = forms.ChoiceField(label=_("Question"), required=False)
    answer = forms.CharField(label=_("Answer"), required=False)
    sort = forms.ChoiceField(label=_("Sort"), required=False, initial="newest",
                             choices=[(k, label) for k, (_f, label) in SORTS.items()])

    def __init__(self, *args: Any, membership: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        practice = membership.practice
        jobs = list(job_visible(membership=membership).values_list("public_id", "title"))
        self.fields["job"].choices = [("", _("All jobs"))] + [(str(p), t) for p, t in jobs]
        names = sorted(set(Stage.objects.filter(practice=practice).values_list("name",
                                                                             flat=True)))
        self.fields["stage"].choices = [("", _("Any stage"))] + [(n, n) for n in names]
        self.fields["tag"].choices = [("", _("Any tag"))] + [
            (str(p), n) for p, n in practice.tags.values_list("public_id", "name")]
        if not membership.can(Perm.MANAGE_CANDIDATES):
            # interviewers score blind: filtering or sorting by the team's stars would tell
            # them what the rows do not show
            del self.fields["min_rating"]
            self.fields["sort"].choices = [c for c in self.fields["sort"].choices
                                           if c[0] != "rating"]
        questions = ApplicationQuestion.objects.filter(
            practice=practice, kind__in=ApplicationQuestion.KNOCKOUT_KINDS).select_related("job")
        self.fields["question"].choices = [("", _("Any question"))] + [
            (str(q.public_id), f"{q.job.title}: {q.label}") for q in questions]


def application_list(*, membership: Membership, filters: dict[str, Any]) -> QuerySet[Application]:
    """Visible applications matching the filters, with what the rows show; a fixed number
    of queries for any page size."""
    rows = (application_visible(membership=membership)
            .select_related("candidate", "job", "stage")
            .annotate(average_rating=Avg("ratings__stars"))
            .prefetch_related(Prefetch("candidate__candidate_tags",
                                       queryset=CandidateTag.objects.select_related("tag"))))
    status = filters.get("status") or "active"
    if status != "all":
        rows = rows.filter(status=status)
    if q := filters.get("q"):
        rows = rows.filter(Q(candidate__first_name__icontains=q)
                           | Q(candidate__last_name__icontains=q)
                           | Q(candidate__email__icontains=q))
    if job := filters.get("job"):
        rows = rows.filter(job__public_id=job)
    if stage := filters.get("stage"):
        rows = rows.filter(stage__name=stage)
    if source := filters.get("source"):
        rows = rows.filter(source__iexact=source)
    scores_visible = membership.can(Perm.MANAGE_CANDIDATES)  # see ApplicationFilterForm
    if (stars := filters.get("min_rating")) is not None and scores_visible:
        rows = rows.filter(average_rating__gte=stars)
    if start := filters.get("applied_from"):
        rows = rows.filter(created_at__date__gte=start)
    if end := filters.get("applied_to"):
        rows = rows.filter(created_at__date__lte=end)
    if filters.get("flagged"):
        rows = rows.filter(is_knocked_out=True)
    if tag := filters.get("tag"):
        rows = rows.filter(candidate__candidate_tags__tag__public_id=tag)
    if (question := filters.get("question")) and (answer := filters.get("answer")):
        rows = rows.filter(Q(answers__question__public_id=question)
                           & (Q(answers__value=answer) | Q(answers__value__contains=[answer])))
    sort = filters.get("sort") or "newest"
    if sort == "rating" and not scores_visible:
        sort = "newest"
    order = SORTS.get(sort, SORTS["newest"])[0]
    return rows.order_by(order, "-id").distinct()
