"""Rate limits and failure counters shared by every server process.

Counters live in the database (``RateCounter``) or, when ``REDIS_URL`` is set, in Redis —
never in one process's memory, so limits hold across gunicorn workers and restarts. Keys are
keyed digests: a counter never stores a reporter's IP address or phone number.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from rahai.core.crypto import blind_index

WINDOW_SECONDS = 15 * 60
MAX_FAILURES = 10


def _digest(scope: str, ident: str) -> str:
    return blind_index(f"{scope}\x00{ident}", purpose="ratelimit")


def _redis():
    from django.core.cache import cache

    return cache if getattr(settings, "REDIS_URL", "") else None


def hit(scope: str, ident: str, *, window: int = WINDOW_SECONDS) -> int:
    """Count one event for (scope, ident) in the current window; return the window's count."""
    key = _digest(scope, ident)
    cache = _redis()
    if cache is not None:
        if cache.add(key, 1, window):
            return 1
        try:
            return cache.incr(key)
        except ValueError:
            cache.add(key, 1, window)
            return 1
    return _db_hit(key, window)


def _db_hit(key: str, window: int) -> int:
    from rahai.core.models import RateCounter

    now = timezone.now()
    for _attempt in range(3):
        try:
            with transaction.atomic():
                updated = RateCounter.objects.filter(
                    key=key, window_start__gt=now - timedelta(seconds=window)
                ).update(count=F("count") + 1)
                if updated:
                    return RateCounter.objects.values_list("count", flat=True).get(key=key)
                # A new window: restart an expired counter, or create the first one.
                if not RateCounter.objects.filter(key=key).update(window_start=now, count=1):
                    RateCounter.objects.create(key=key, window_start=now, count=1)
            if random.random() < 0.01:  # now and then, drop long-expired counters
                RateCounter.objects.filter(window_start__lt=now - timedelta(days=1)).delete()
            return 1
        except IntegrityError:
            continue  # another process created the row first: count again
    return 1


def count(scope: str, ident: str, *, window: int = WINDOW_SECONDS) -> int:
    key = _digest(scope, ident)
    cache = _redis()
    if cache is not None:
        return int(cache.get(key, 0))
    from rahai.core.models import RateCounter

    row = RateCounter.objects.filter(
        key=key, window_start__gt=timezone.now() - timedelta(seconds=window)
    ).first()
    return row.count if row else 0


def exceeded(scope: str, ident: str, *, limit: int, window: int = WINDOW_SECONDS) -> bool:
    return count(scope, ident, window=window) >= limit


def clear(scope: str, ident: str) -> None:
    key = _digest(scope, ident)
    cache = _redis()
    if cache is not None:
        cache.delete(key)
        return
    from rahai.core.models import RateCounter

    RateCounter.objects.filter(key=key).delete()


# Failure counting for sign-in and API tokens.
def record_failure(scope: str, ident: str) -> int:
    return hit(f"fail:{scope}", ident)


def is_blocked(scope: str, ident: str, *, limit: int = MAX_FAILURES) -> bool:
    return exceeded(f"fail:{scope}", ident, limit=limit)
