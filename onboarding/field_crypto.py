"""Encryption of sensitive answers (bank and government id numbers) at rest.

Keys come from FIELD_ENCRYPTION_KEYS (Fernet keys, newest first: older ones still decrypt,
so a key can be rotated). Without it, one key is derived from SECRET_KEY, which is enough
for a demo but ties the data to that secret: production sets its own keys."""

from __future__ import annotations

import base64
import hashlib
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


@cache
def _keys(configured: tuple[str, ...], secret_key: str) -> MultiFernet:
    if configured:
        return MultiFernet([Fernet(key.encode()) for key in configured])
    derived = hashlib.sha256(b"onboarding.field_crypto:" + secret_key.encode()).digest()
    return MultiFernet([Fernet(base64.urlsafe_b64encode(derived))])


def _fernet() -> MultiFernet:
    return _keys(tuple(settings.FIELD_ENCRYPTION_KEYS), settings.SECRET_KEY)


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ValueError("This value cannot be decrypted with the configured keys.") from exc


def mask(last4: str) -> str:
    return f"••••{last4}" if last4 else "••••"
