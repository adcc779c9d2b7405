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


def claim_batch(batch_id: int, now) -> bool:
    """Take a batch for one commit, inside the caller's transaction: set its ``committed_at``
    if it is empty and no other transaction holds the row (PostgreSQL: skipped, not waited
    for). False when another commit has it or had it. A rolled-back commit releases it."""
    free = ImportBatch.objects.filter(pk=batch_id, committed_at__isnull=True)
    if not list(free.select_for_update(skip_locked=True).values_list("pk", flat=True)):
        return False
    return bool(free.update(committed_at=now))


def stored_status(batch_id: int) -> str | None:
    """The batch's status as committed in the database (not as a request loaded it)."""
    return ImportBatch.objects.filter(pk=batch_id).values_list("status", flat=True).first()


def record_check(batch_id: int, report: dict) -> bool:
    """Store a dry run's report unless the batch has been imported (or is being imported)
    since the request loaded it; False then."""
    return bool(ImportBatch.objects.filter(pk=batch_id, committed_at__isnull=True).update(**report))
