"""Throttling of the public status page against guessing codes and secrets.

Not django-axes: axes counts failed *logins* through the authentication backend
(its records, lock-out page and admin are about user accounts); a status check is
no login. A counter in the shared cache (``CACHES``: per process in development,
a shared cache in production) per client address and per tracking code: after
``PER_IP`` failed checks from one address, or ``PER_CODE`` on one code, in
``WINDOW`` seconds, every check is refused until the window ends — right or wrong.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache

WINDOW = 15 * 60
PER_IP = 10
PER_CODE = 5


def _keys(ip: str, code: str) -> list[tuple[str, int]]:
    digest = hashlib.sha256(code.encode()).hexdigest()[:24]  # no code in cache keys as typed
    return [(f"advocate:status:ip:{ip}", PER_IP), (f"advocate:status:code:{digest}", PER_CODE)]


def blocked(ip: str, code: str) -> bool:
    return any((cache.get(key) or 0) >= limit for key, limit in _keys(ip, code))


def failed(ip: str, code: str) -> None:
    for key, _limit in _keys(ip, code):
        if not cache.add(key, 1, WINDOW):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, WINDOW)
