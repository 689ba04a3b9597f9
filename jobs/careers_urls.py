"""The public careers site of a practice, under /careers/<practice>/ (no login)."""

from __future__ import annotations

from django.urls import path

from jobs import careers_views
from jobs.models import Feed
from jobs.syndication import feed_views

app_name = "careers"

urlpatterns = [
    path("", careers_views.careers_home_view, name="home"),
    path("jobs/<slug:job_slug>/", careers_views.job_page_view, name="job"),
    # what boards and search engines fetch (jobs/syndication/feed_views.py)
    path("feeds/indeed.xml", feed_views.practice_feed_view, {"kind": Feed.Kind.INDEED},
         name="feed-indeed"),
    path("feeds/ziprecruiter.xml", feed_views.practice_feed_view,
         {"kind": Feed.Kind.ZIPRECRUITER}, name="feed-ziprecruiter"),
    path("feeds/jobs.xml", feed_views.practice_feed_view, {"kind": Feed.Kind.GENERIC},
         name="feed-generic"),
    path("sitemap.xml", feed_views.practice_feed_view, {"kind": Feed.Kind.SITEMAP},
         name="sitemap"),
]
