"""API URLs of the interviews app, under /api/v1/practices/<practice>/."""

from __future__ import annotations

from django.urls import path

from interviews import api

app_name = "api-interviews"

urlpatterns = [
    path("interviews/mine/", api.MyInterviewsView.as_view(), name="my-interviews"),
    path("interviews/<uuid:interview_id>/scorecard/", api.MyScorecardView.as_view(),
         name="my-scorecard"),
    path("applications/<uuid:application_id>/scorecards/",
         api.CandidateScorecardsView.as_view(), name="candidate-scorecards"),
]
