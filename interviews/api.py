"""The interviews part of the staff API: my interviews, my scorecard (read and fill in),
and a candidate's scorecards under the same blind-scoring rule as the pages."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from candidates.selectors import application_visible
from hiring.api import PracticeAPIView
from hiring.roles import Perm
from interviews import scorecards
from interviews.kits import competencies_for
from interviews.models import Competency, Interview, Scorecard

# --- Shapes ---------------------------------------------------------------------------------------


class InterviewSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    candidate = serializers.CharField(source="application.candidate.full_name")
    job = serializers.CharField(source="application.job.title")
    application = serializers.UUIDField(source="application.public_id")
    kind = serializers.CharField()
    starts_at = serializers.DateTimeField()
    duration_minutes = serializers.IntegerField()
    location = serializers.CharField()
    status = serializers.CharField()
    my_scorecard_submitted = serializers.BooleanField()


class MyInterviewsSerializer(serializers.Serializer):
    upcoming = InterviewSerializer(many=True)
    to_score = InterviewSerializer(many=True)


class RatingSerializer(serializers.Serializer):
    competency = serializers.UUIDField(source="competency.public_id")
    competency_name = serializers.CharField(source="competency.name")
    rating = serializers.IntegerField(allow_null=True)
    note = serializers.CharField(allow_blank=True)


class ScorecardSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="public_id")
    interview = serializers.UUIDField(source="interview.public_id")
    interviewer = serializers.CharField(source="interviewer.user.full_name")
    recommendation = serializers.CharField(allow_blank=True)
    note = serializers.CharField(allow_blank=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    ratings = RatingSerializer(many=True)


class RatingInput(serializers.Serializer):
    competency = serializers.UUIDField()
    rating = serializers.IntegerField(allow_null=True, required=False)
    note = serializers.CharField(allow_blank=True, required=False, default="", max_length=2000)


class ScorecardInputSerializer(serializers.Serializer):
    ratings = RatingInput(many=True, required=False, default=list)
    recommendation = serializers.CharField(allow_blank=True, required=False, default="")
    note = serializers.CharField(allow_blank=True, required=False, default="", max_length=5000)
    submit = serializers.BooleanField(required=False, default=False)


class CompetencyScoreSerializer(serializers.Serializer):
    name = serializers.CharField()
    average = serializers.FloatField(allow_null=True)
    spread = serializers.FloatField(allow_null=True)
    lowest = serializers.IntegerField(allow_null=True)
    highest = serializers.IntegerField(allow_null=True)
    count = serializers.IntegerField()


class AggregateSerializer(serializers.Serializer):
    scorecards = serializers.IntegerField()
    recommendations = serializers.DictField(child=serializers.IntegerField())
    competencies = CompetencyScoreSerializer(many=True)


class CandidateScorecardsSerializer(serializers.Serializer):
    blind = serializers.BooleanField()
    aggregate = AggregateSerializer(allow_null=True)
    scorecards = ScorecardSerializer(many=True)


# --- Views ----------------------------------------------------------------------------------------

class MyInterviewsView(PracticeAPIView):
    """Interviews the signed-in member sits on: upcoming first, then those still to score."""

    @extend_schema(responses=MyInterviewsSerializer)
    def get(self, request: Request, practice: str) -> Response:
        membership = request.membership
        submitted = Scorecard.objects.filter(interview=OuterRef("pk"), interviewer=membership,
                                             submitted_at__isnull=False)
        interviews = (Interview.objects.filter(
            interviewers=membership, status=Interview.Status.SCHEDULED,
            application__in=application_visible(membership=membership))
            .annotate(my_scorecard_submitted=Exists(submitted))
            .select_related("application__candidate", "application__job")
            .order_by("starts_at"))
        now = timezone.now()
        upcoming = [i for i in interviews if i.starts_at >= now]
        to_score = [i for i in interviews if i.starts_at < now and not i.my_scorecard_submitted]
        return Response(MyInterviewsSerializer({"upcoming": upcoming,
                                                "to_score": to_score}).data)


class MyScorecardView(PracticeAPIView):
    """The member's own scorecard of an interview they are on. PUT saves it; with
    "submit": true it is submitted (every competency rated, a recommendation chosen)."""

    required_perm = Perm.SCORE_INTERVIEWS

    def _scorecard(self, request: Request, interview_id: UUID) -> Scorecard:
        interview = get_object_or_404(Interview.objects.filter(
            application__in=application_visible(membership=request.membership),
            interviewers=request.membership).select_related("application__job"),
            public_id=interview_id)
        return scorecards.scorecard_for(interview=interview, membership=request.membership)

    def _answer(self, scorecard: Scorecard, code: int = status.HTTP_200_OK) -> Response:
        fresh = scorecards.with_ratings(Scorecard.objects.filter(pk=scorecard.pk)).get()
        return Response(ScorecardSerializer(fresh).data, status=code)

    @extend_schema(responses=ScorecardSerializer)
    def get(self, request: Request, practice: str, interview_id: UUID) -> Response:
        return self._answer(self._scorecard(request, interview_id))

    @extend_schema(request=ScorecardInputSerializer, responses=ScorecardSerializer)
    def put(self, request: Request, practice: str, interview_id: UUID) -> Response:
        scorecard = self._scorecard(request, interview_id)
        payload = ScorecardInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        by_public_id = {c.public_id: c for c in
                        competencies_for(scorecard.interview.application.job)}
        unknown = [str(r["competency"]) for r in data["ratings"]
                   if r["competency"] not in by_public_id]
        if unknown:
            return Response({"ratings": [f"Not a competency of this job: {', '.join(unknown)}"]},
                            status=status.HTTP_400_BAD_REQUEST)
        chosen: dict[int, Competency] = {r["competency"]: by_public_id[r["competency"]]
                                         for r in data["ratings"]}
        given = scorecards.ScorecardInput(
            ratings={chosen[r["competency"]].pk: r.get("rating") for r in data["ratings"]},
            notes={chosen[r["competency"]].pk: r.get("note", "") for r in data["ratings"]},
            recommendation=data["recommendation"], note=data["note"])
        try:
            saved = scorecards.scorecard_save(scorecard=scorecard, data=given,
                                              submit=data["submit"])
        except ValidationError as exc:
            return Response(_errors(exc, by_public_id), status=status.HTTP_400_BAD_REQUEST)
        return self._answer(saved)


def _errors(exc: ValidationError, competencies: dict[UUID, Competency]) -> dict[str, Any]:
    """The service names rating fields by database id; the API speaks public ids."""
    if not hasattr(exc, "error_dict"):
        return {"detail": exc.messages}
    names = {f"rating_{c.pk}": f"rating:{public_id}" for public_id, c in competencies.items()}
    return {names.get(field, "detail" if field == "__all__" else field): messages
            for field, messages in exc.message_dict.items()}


class CandidateScorecardsView(PracticeAPIView):
    """All submitted scorecards of an application and their aggregate, unless the member
    must submit their own first: then only their own scorecards, and "blind": true."""

    @extend_schema(responses=CandidateScorecardsSerializer)
    def get(self, request: Request, practice: str, application_id: UUID) -> Response:
        application = get_object_or_404(application_visible(membership=request.membership),
                                        public_id=application_id)
        blind = scorecards.must_score_first(membership=request.membership,
                                            application=application)
        if blind:
            own = scorecards.with_ratings(Scorecard.objects.filter(
                interview__application=application, interviewer=request.membership))
            body = {"blind": True, "aggregate": None, "scorecards": own}
        else:
            aggregate = scorecards.scorecard_aggregate(application)
            body = {"blind": False,
                    "aggregate": {"scorecards": aggregate.scorecards,
                                  "recommendations": aggregate.recommendations,
                                  "competencies": aggregate.competencies},
                    "scorecards": scorecards.submitted_scorecards(application)}
        return Response(CandidateScorecardsSerializer(body).data)
