from __future__ import annotations

from django.urls import path

from interviews import careers_views

app_name = "interviews-public"

urlpatterns = [
    path("interviews/pick/<str:token>/", careers_views.slot_pick_view, name="slot-pick"),
    path("interviews/<str:token>/", careers_views.respond_view, name="respond"),
]
