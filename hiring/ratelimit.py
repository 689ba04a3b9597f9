"""A fixed-window rate limit in the cache, for public forms that must not need a CAPTCHA."""

from __future__ import annotations

import hashlib
import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)


def allow(*, scope: str, key: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt; False once `limit` attempts were made within the window. When the
    cache is down, let people through rather than turn applicants away."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]  # no raw IPs in cache keys
    name = f"ratelimit:{scope}:{digest}"
    try:
        cache.add(name, 0, timeout=window_seconds)
        count = cache.incr(name)
    except Exception as exc:  # Redis down or hung (1 s timeouts in settings)
        logger.warning("Rate limit %s not checked, the cache is unavailable (%s); allowed",
                       scope, type(exc).__name__)
        return True
    return count <= limit
