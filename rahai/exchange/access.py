"""Who may see and use import mappings and batches: the organisation that owns them, and
within it the staff who may change cases. Everyone else gets a 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from rahai.cases.access import EDIT_ROLES
from rahai.exchange.models import ImportBatch, ImportedRecord, ImportMapping


def can_import(user) -> bool:
    return bool(getattr(user, "works_cases", False) and user.has_role(*EDIT_ROLES))


def can_export(user) -> bool:
    """Exports hold the cases (and their persons) the user may see; an analyst sees none."""
    return bool(getattr(user, "works_cases", False))


def visible_mappings(user) -> QuerySet[ImportMapping]:
    if not can_import(user):
        return ImportMapping.objects.none()
    return ImportMapping.objects.filter(organisation_id=user.organisation_id)


def access_mapping(user, mapping_id) -> ImportMapping:
    try:
        return visible_mappings(user).get(pk=int(mapping_id))
    except (ImportMapping.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def mapping_by_name(user, name: str) -> ImportMapping:
    try:
        return visible_mappings(user).get(name=name)
    except ImportMapping.DoesNotExist:
        raise Http404 from None


def visible_batches(user) -> QuerySet[ImportBatch]:
    if not can_import(user):
        return ImportBatch.objects.none()
    return ImportBatch.objects.filter(organisation_id=user.organisation_id)


def access_batch(user, batch_id) -> ImportBatch:
    try:
        return visible_batches(user).select_related("mapping").get(pk=int(batch_id))
    except (ImportBatch.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def imported_records(organisation_id: int) -> QuerySet[ImportedRecord]:
    """Import keys already used by an organisation (for the importer's idempotency check)."""
    return ImportedRecord.objects.filter(organisation_id=organisation_id)
