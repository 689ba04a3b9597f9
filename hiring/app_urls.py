"""Staff URLs of the core, under /app/<practice>/."""

from __future__ import annotations

from django.urls import path

from hiring.views import app, team

app_name = "hiring"

urlpatterns = [
    path("", app.dashboard_view, name="dashboard"),
    path("team/", team.team_view, name="team"),
    path("team/invitations/", team.invitation_create_view, name="invitation-create"),
    path("team/invitations/<uuid:invitation_id>/resend/", team.invitation_resend_view,
         name="invitation-resend"),
    path("team/invitations/<uuid:invitation_id>/revoke/", team.invitation_revoke_view,
         name="invitation-revoke"),
    path("team/members/<uuid:membership_id>/role/", team.member_role_view, name="member-role"),
    path("team/members/<uuid:membership_id>/remove/", team.member_remove_view,
         name="member-remove"),
    path("settings/", app.practice_settings_view, name="practice-settings"),
    path("audit/", app.audit_log_view, name="audit-log"),
]
