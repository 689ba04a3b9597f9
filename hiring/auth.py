"""Log in with an e-mail address; record every sign-in and every failed attempt."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from hiring.http import client_ip
from hiring.models import User, normalize_email


class EmailBackend(ModelBackend):
    """ModelBackend that matches the e-mail address without regard to case."""

    def authenticate(self, request: HttpRequest | None, username: str | None = None,
                     password: str | None = None, **kwargs: Any) -> User | None:
        email = kwargs.get("email", username)
        if email is None or password is None:
            return None
        return super().authenticate(request, username=normalize_email(email),
                                    password=password)


@receiver(user_logged_in)
def _audit_login(sender: Any, request: HttpRequest | None, user: User, **_: Any) -> None:
    from hiring.services import audit_log

    audit_log(action="hiring.user.logged_in", actor=user, obj=user,
              ip_address=client_ip(request) if request else None)


@receiver(user_login_failed)
def _audit_login_failed(sender: Any, credentials: dict[str, Any],
                        request: HttpRequest | None = None, **_: Any) -> None:
    from hiring.services import audit_log

    # the target account, when there is one, but never the typed address or password
    email = credentials.get("username") or credentials.get("email") or ""
    target = User.objects.filter(email=normalize_email(email)).first() if email else None
    audit_log(action="hiring.user.login_failed", obj=target,
              data={"known_account": target is not None},
              ip_address=client_ip(request) if request else None)
