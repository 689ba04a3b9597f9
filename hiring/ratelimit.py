"""A fixed-window rate limit in the cache, for public forms that must not need a CAPTCHA."""

from __future__ import annotations

import hashlib

from django.core.cache import cache


def allow(*, scope: str, key: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt; False once `limit` attempts were made within the window. When the
    cache is down, let people through rather than turn applicants away."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]  # no raw IPs in cache keys
    name = f"ratelimit:{scope}:{digest}"
    try:
        cache.add(name, 0, timeout=window_seconds)
        count = cache.incr(name)
    except Exception:
        return True
    return count <= limit
