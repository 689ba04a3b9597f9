"""Public URLs of the onboarding app (private links), under /careers/<practice>/."""

from __future__ import annotations

from django.urls import path

from onboarding import offer_public_views, portal_views

app_name = "onboarding-public"

urlpatterns: list = [
    # offers: the candidate's private link
    path("offers/<str:token>/", offer_public_views.offer_view, name="offer"),
    path("offers/<str:token>/<str:file>", offer_public_views.offer_download_view,
         name="offer-download"),
    # the new hire's portal: one private link to the packet's checklist
    path("onboarding/<str:token>/", portal_views.portal_view, name="portal"),
    path("onboarding/<str:token>/consent/", portal_views.portal_consent_view,
         name="portal-consent"),
    path("onboarding/<str:token>/consent/disclosure.txt", portal_views.portal_disclosure_view,
         name="portal-disclosure"),
    path("onboarding/<str:token>/items/<uuid:item_id>/", portal_views.portal_item_view,
         name="portal-item"),
    path("onboarding/<str:token>/items/<uuid:item_id>/document.docx",
         portal_views.portal_document_view, name="portal-document"),
    path("onboarding/<str:token>/items/<uuid:item_id>/signed.docx",
         portal_views.portal_document_view, {"signed": True}, name="portal-signed"),
]
