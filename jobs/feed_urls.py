"""The deployment's feeds, under /feeds/: each board's feed of every practice posting to it."""

from __future__ import annotations

from django.urls import path

from jobs.models import Feed
from jobs.syndication import feed_views

app_name = "feeds"

urlpatterns = [
    path("indeed.xml", feed_views.deployment_feed_view, {"kind": Feed.Kind.INDEED},
         name="indeed"),
    path("ziprecruiter.xml", feed_views.deployment_feed_view, {"kind": Feed.Kind.ZIPRECRUITER},
         name="ziprecruiter"),
    path("jobs.xml", feed_views.deployment_feed_view, {"kind": Feed.Kind.GENERIC},
         name="generic"),
]
