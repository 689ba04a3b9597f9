from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from hiring.forms import EmailAuthenticationForm
from hiring.views import accounts

app_name = "accounts"

urlpatterns = [
    path("signup/", accounts.signup_view, name="signup"),
    path("login/", auth_views.LoginView.as_view(
        template_name="accounts/login.html", authentication_form=EmailAuthenticationForm,
        redirect_authenticated_user=True), name="login"),
    path("logout/", accounts.logout_view, name="logout"),
    path("password/reset/", accounts.password_reset_view, name="password-reset"),
    path("password/reset/sent/", auth_views.PasswordResetDoneView.as_view(
        template_name="accounts/password_reset_done.html"), name="password-reset-done"),
    path("password/reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:password-reset-complete")),
        name="password-reset-confirm"),
    path("password/reset/done/", auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"), name="password-reset-complete"),
    path("password/change/", auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change.html",
        success_url=reverse_lazy("accounts:password-change-done")), name="password-change"),
    path("password/change/done/", auth_views.PasswordChangeDoneView.as_view(
        template_name="accounts/password_change_done.html"), name="password-change-done"),
    path("invitations/<slug:practice_slug>/<str:token>/", accounts.invitation_accept_view,
         name="invitation-accept"),
    path("no-practice/", accounts.no_practice_view, name="no-practice"),
]
