"""Staff URLs of the onboarding app, under /app/<practice>/."""

from __future__ import annotations

from django.urls import path

from onboarding import offer_views, packet_views, roster_views

app_name = "onboarding"

urlpatterns: list = [
    # offers
    path("applications/<uuid:application_id>/offers/new/", offer_views.offer_create_view,
         name="offer-create"),
    path("offers/letter-template/", offer_views.letter_template_view, name="letter-template"),
    path("offers/<uuid:offer_id>/", offer_views.offer_detail_view, name="offer-detail"),
    path("offers/<uuid:offer_id>/send/", offer_views.offer_send_view, name="offer-send"),
    path("offers/<uuid:offer_id>/resend/", offer_views.offer_resend_view, name="offer-resend"),
    path("offers/<uuid:offer_id>/withdraw/", offer_views.offer_withdraw_view,
         name="offer-withdraw"),
    path("offers/<uuid:offer_id>/download/", offer_views.offer_download_view,
         name="offer-download"),
    # onboarding packets and their templates
    path("applications/<uuid:application_id>/onboarding-packet/new/",
         packet_views.packet_create_view, name="packet-create"),
    path("onboarding/packets/", packet_views.packet_list_view, name="packet-list"),
    path("onboarding/packets/<uuid:packet_id>/", packet_views.packet_detail_view,
         name="packet-detail"),
    path("onboarding/packets/<uuid:packet_id>/download/", packet_views.packet_download_view,
         name="packet-download"),
    path("onboarding/packets/<uuid:packet_id>/link/revoke/",
         packet_views.packet_link_revoke_view, name="packet-link-revoke"),
    path("onboarding/packets/<uuid:packet_id>/link/reissue/",
         packet_views.packet_link_reissue_view, name="packet-link-reissue"),
    path("onboarding/packets/<uuid:packet_id>/cancel/", packet_views.packet_cancel_view,
         name="packet-cancel"),
    path("onboarding/packet-items/<uuid:packet_item_id>/complete/",
         packet_views.packet_item_complete_view, name="packet-item-complete"),
    path("onboarding/packet-items/<uuid:packet_item_id>/signed/",
         packet_views.packet_item_signed_view, name="packet-item-signed"),
    path("onboarding/packet-items/<uuid:packet_item_id>/file/",
         packet_views.packet_item_upload_view, name="packet-item-upload"),
    path("onboarding/templates/", packet_views.template_list_view,
         name="packet-template-list"),
    path("onboarding/templates/<uuid:packet_template_id>/", packet_views.template_detail_view,
         name="packet-template-detail"),
    path("onboarding/templates/<uuid:packet_template_id>/delete/",
         packet_views.template_delete_view, name="packet-template-delete"),
    path("onboarding/templates/<uuid:packet_template_id>/steps/new/",
         packet_views.template_item_create_view, name="packet-template-item-create"),
    path("onboarding/template-steps/<uuid:packet_template_item_id>/",
         packet_views.template_item_edit_view, name="packet-template-item-edit"),
    path("onboarding/template-steps/<uuid:packet_template_item_id>/move/",
         packet_views.template_item_move_view, name="packet-template-item-move"),
    path("onboarding/template-steps/<uuid:packet_template_item_id>/remove/",
         packet_views.template_item_remove_view, name="packet-template-item-remove"),
    # the team roster
    path("team-roster/", roster_views.employee_list_view, name="employee-list"),
    path("team-roster/new/", roster_views.employee_create_view, name="employee-create"),
    path("team-roster/<uuid:employee_id>/", roster_views.employee_detail_view,
         name="employee-detail"),
    path("team-roster/<uuid:employee_id>/edit/", roster_views.employee_edit_view,
         name="employee-edit"),
    path("team-roster/<uuid:employee_id>/leave/", roster_views.employee_leave_view,
         name="employee-leave"),
    path("team-roster/<uuid:employee_id>/reactivate/", roster_views.employee_reactivate_view,
         name="employee-reactivate"),
    path("team-roster/<uuid:employee_id>/credentials/", roster_views.credential_add_view,
         name="credential-add"),
    path("team-roster/credentials/<uuid:credential_id>/", roster_views.credential_edit_view,
         name="credential-edit"),
    path("team-roster/credentials/<uuid:credential_id>/delete/",
         roster_views.credential_delete_view, name="credential-delete"),
]
