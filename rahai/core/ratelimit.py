"""Counting failed attempts per client in the cache (Redis in production via REDIS_URL).

Used to slow down password and token guessing, and to stop a flood of failures from filling
the audit chain: only the first failures in a window are audited one by one.
"""

from __future__ import annotations

from django.core.cache import cache

WINDOW_SECONDS = 15 * 60
MAX_FAILURES = 10


def _key(scope: str, ident: str) -> str:
    return f"rahai:fail:{scope}:{ident}"


def failures(scope: str, ident: str) -> int:
    return int(cache.get(_key(scope, ident), 0))


def record_failure(scope: str, ident: str) -> int:
    key = _key(scope, ident)
    if cache.add(key, 1, WINDOW_SECONDS):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, WINDOW_SECONDS)
        return 1


def is_blocked(scope: str, ident: str, *, limit: int = MAX_FAILURES) -> bool:
    return failures(scope, ident) >= limit


def clear(scope: str, ident: str) -> None:
    cache.delete(_key(scope, ident))
