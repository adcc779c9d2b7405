"""Appending to the audit log. Every change and every view of personal data comes through here."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from django.db import transaction
from django.utils import timezone

from rahai.audit.models import AuditEntry, AuditHead
from rahai.core import crypto
from rahai.core.clientip import client_ip  # noqa: F401 (re-exported for callers)

GENESIS = "0" * 64


def _canonical(entry: AuditEntry) -> bytes:
    payload = {
        "seq": entry.seq,
        "at": entry.at.isoformat(),
        "actor": entry.actor_id,
        "actor_label": entry.actor_label,
        "organisation": entry.organisation_id,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "case": entry.case_id,
        "person": entry.person_id,
        "fields": list(entry.fields or []),
        "details": entry.details,
        "ip": entry.ip_address,
        "prev": entry.prev_digest,
    }
    return json.dumps(payload, sort_keys=True, ensure_ascii=True, separators=(",", ":")).encode()


def entry_digest(entry: AuditEntry) -> str:
    """Keyed digest over the entry's content (details in clear, so key rotation keeps the chain)."""
    return hmac.new(crypto.audit_key(), _canonical(entry), hashlib.sha256).hexdigest()


def audit_record(
    *,
    actor=None,
    action: str,
    object_type: str = "",
    object_id: Any = "",
    case_id: int | None = None,
    person_id: int | None = None,
    fields: list[str] | None = None,
    details: dict | None = None,
    actor_label: str = "",
    ip_address: str = "",
) -> AuditEntry:
    """Append one entry to the chain, inside the caller's transaction when there is one."""
    with transaction.atomic():
        head, _created = AuditHead.objects.select_for_update().get_or_create(pk=1)
        entry = AuditEntry(
            seq=head.seq + 1,
            at=timezone.now(),
            actor=actor if _is_user(actor) else None,
            actor_label=actor_label or (actor.get_username() if _is_user(actor) else ""),
            organisation_id=getattr(actor, "organisation_id", None) if actor is not None else None,
            action=action,
            object_type=object_type,
            object_id=str(object_id or ""),
            case_id=case_id,
            person_id=person_id,
            fields=sorted(fields or []),
            ip_address=ip_address[:45],
            prev_digest=head.digest,
            details=details,
        )
        entry.digest = entry_digest(entry)
        entry.save(force_insert=True)
        head.seq = entry.seq
        head.digest = entry.digest
        head.save(update_fields=["seq", "digest"])
    return entry


def _is_user(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)
