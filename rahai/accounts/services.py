"""Signing in and out, and API tokens; each is audited."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from rahai.accounts.models import ApiToken, User
from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record


def sign_in_recorded(*, user: User, ip_address: str) -> None:
    audit_record(
        actor=user,
        action=AuditAction.SIGN_IN,
        object_type="user",
        object_id=user.pk,
        ip_address=ip_address,
    )


def sign_in_failed_recorded(*, username: str, ip_address: str) -> None:
    audit_record(
        action=AuditAction.SIGN_IN_FAILED,
        object_type="user",
        actor_label=username[:150],
        ip_address=ip_address,
    )


def sign_out_recorded(*, user: User, ip_address: str) -> None:
    audit_record(
        actor=user,
        action=AuditAction.SIGN_OUT,
        object_type="user",
        object_id=user.pk,
        ip_address=ip_address,
    )


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token; the raw value is returned once and never stored."""
    raw = "rh_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name[:100], digest=token_digest(raw), prefix=raw[:8]
    )
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        object_type="api_token",
        object_id=token.pk,
        fields=["name"],
    )
    return token, raw


def api_token_user(raw: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user", "user__organisation")
        .filter(digest=token_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def api_token_revoke(*, user: User, token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=user,
        action=AuditAction.UPDATE,
        object_type="api_token",
        object_id=token.pk,
        fields=["revoked_at"],
    )
