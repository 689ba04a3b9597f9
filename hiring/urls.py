"""Root URLs. Staff pages live under /app/<practice>/ (PracticeMiddleware resolves it)."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from hiring.api import ApiRootView
from hiring.views import app, health, home, media

# a database outage met outside a view answers the branded 503, anything else Django's 500
handler500 = "hiring.unavailable.server_error"

urlpatterns = [
    path("", home.home_view, name="home"),
    path("healthz", health.healthz_view, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("hiring.account_urls")),
    path("app/", app.app_home_view, name="app-home"),
    path("app/<slug:practice>/", include("hiring.app_urls")),
    path("app/<slug:practice>/", include("jobs.urls")),
    path("app/<slug:practice>/", include("candidates.urls")),
    path("app/<slug:practice>/", include("interviews.urls")),
    path("app/<slug:practice>/", include("onboarding.urls")),
    path("feeds/", include("jobs.feed_urls")),
    path("careers/<slug:practice>/", include("jobs.careers_urls")),
    path("careers/<slug:practice>/", include("candidates.careers_urls")),
    path("careers/<slug:practice>/", include("interviews.careers_urls")),
    path("careers/<slug:practice>/", include("onboarding.careers_urls")),
    path("api/v1/", ApiRootView.as_view(), name="api-root"),
    path("api/v1/practices/<slug:practice>/", include("interviews.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
    # public files (logos, feeds) from whatever storage holds them; MEDIA_URL is /media/
    path("media/<path:name>", media.media_view, name="media"),
]
