"""Exchange writes and audited reads: HTCDS exports, import mappings, uploads, dry runs and the
all-or-nothing, idempotent commit of an import."""

from __future__ import annotations

import base64
import hashlib
import logging
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record
from rahai.cases import selectors as case_selectors
from rahai.cases import services as case_services
from rahai.cases.access import access_case, case_has_role
from rahai.cases.models import EventType, RoleKind
from rahai.core import crypto
from rahai.exchange import export, importer, reading
from rahai.exchange.access import (
    can_export,
    can_import,
    claim_batch,
    imported_records,
    record_check,
    stored_status,
)
from rahai.exchange.models import (
    ImportBatch,
    ImportedRecord,
    ImportKind,
    ImportMapping,
    ImportStatus,
)
from rahai.linkage.models import MatchCandidate, MatchDecision
from rahai.linkage.selectors import possible_matches
from rahai.linkage.services import REVIEW_FLOOR
from rahai.people import services as people_services
from rahai.people.access import visible_persons

logger = logging.getLogger(__name__)

HTCDS_SOURCE = "htcds"


# --- export ----------------------------------------------------------------------------------


@dataclass
class ExportFile:
    content: bytes
    content_type: str
    filename: str
    cases: int
    persons: int


def export_htcds(
    *,
    user,
    fmt: str,
    filters: case_selectors.CaseFilters | None = None,
    personal: bool = True,
    ip_address: str = "",
) -> ExportFile:
    """The cases ``user`` may see (narrowed by ``filters``) as an HTCDS 2.0 file; audited."""
    if not can_export(user):
        raise PermissionDenied
    if fmt not in export.FORMATS:
        raise ValidationError({"format": [_("Choose JSON, XLSX or CSV.")]})
    filters = filters or case_selectors.CaseFilters()
    cases = case_selectors.case_list(user, filters)
    doc = export.build(user, cases, personal=personal)
    writer, content_type, extension = export.FORMATS[fmt]
    content = writer(doc)
    numbers = export.counts(doc)
    audit_record(
        actor=user,
        action=AuditAction.EXPORT,
        object_type="htcds_export",
        fields=[fmt, "personal" if personal else "no_personal"],
        details={
            "format": fmt,
            "personal_data": personal,
            **numbers,
            "case_references": [c["cas_Id"] for c in doc["case"]],
            "filters": {k: str(v) for k, v in vars(filters).items() if v},
        },
        ip_address=ip_address,
    )
    stamp = timezone.localdate().isoformat()
    return ExportFile(
        content,
        content_type,
        f"rahai-htcds-{stamp}.{extension}",
        numbers["cases"],
        numbers["persons"],
    )


# --- mappings --------------------------------------------------------------------------------


def clean_mapping(columns: dict, value_maps: dict) -> tuple[dict, dict]:
    errors = {}
    columns = {str(k).strip(): str(v).strip() for k, v in (columns or {}).items() if str(v).strip()}
    unknown = [v for v in columns.values() if v not in importer.FIELDS]
    if unknown:
        errors["columns"] = [_("Map columns only to Rahai's import fields.")]
    mapped = list(columns.values())
    if len(mapped) != len(set(mapped)):
        errors["columns"] = [_("Map each Rahai field from one column only.")]
    cleaned_maps: dict[str, dict[str, str]] = {}
    for name, mapping in (value_maps or {}).items():
        if name not in importer.FIELDS or importer.FIELDS[name][1] not in (
            importer.CHOICE,
            importer.MULTI,
        ):
            errors["value_maps"] = [_("Value maps are only for fields with a list of values.")]
            continue
        allowed = set(importer._choices_for(name).values())
        for raw, code in (mapping or {}).items():
            if code not in allowed:
                errors["value_maps"] = [
                    _("“%(code)s” is not a code of %(field)s.")
                    % {"code": importer._echo(str(code)), "field": importer.FIELDS[name][0]}
                ]
            cleaned_maps.setdefault(name, {})[str(raw).strip()] = code
    if errors:
        raise ValidationError(errors)
    return columns, cleaned_maps


@transaction.atomic
def mapping_save(
    *, user, name: str, source: str, columns: dict, value_maps: dict, mapping=None
) -> ImportMapping:
    if not can_import(user):
        raise PermissionDenied
    name, source = (name or "").strip(), (source or "").strip()
    errors = {}
    if not name:
        errors["name"] = [_("Give the mapping a name.")]
    if not source:
        errors["source"] = [_("Name the source of the files (an agency or system).")]
    if errors:
        raise ValidationError(errors)
    columns, value_maps = clean_mapping(columns, value_maps)
    if mapping is None:
        mapping = ImportMapping(organisation_id=user.organisation_id, created_by=user)
    mapping.name, mapping.source, mapping.columns, mapping.value_maps = (
        name,
        source,
        columns,
        value_maps,
    )
    try:
        with transaction.atomic():
            mapping.save()
    except IntegrityError:
        raise ValidationError(
            {"name": [_("Your organisation has a mapping of this name.")]}
        ) from None
    return mapping


# --- imports ---------------------------------------------------------------------------------


def _read(kind: str, data: bytes, filename: str):
    if kind == ImportKind.HTCDS:
        return reading.read_htcds(data)
    return reading.read_spreadsheet(data, filename)


@transaction.atomic
def import_upload(
    *, user, data: bytes, filename: str, mapping: ImportMapping | None = None
) -> ImportBatch:
    """Keep an uploaded file (encrypted) for checking; raises ``FileProblem`` for a bad file."""
    if not can_import(user):
        raise PermissionDenied
    kind = ImportKind.HTCDS if filename.lower().endswith(".json") else ImportKind.SPREADSHEET
    header, rows = _read(kind, data, filename)
    batch = ImportBatch(
        organisation_id=user.organisation_id,
        created_by=user,
        mapping=mapping if kind == ImportKind.SPREADSHEET else None,
        kind=kind,
        filename=filename[:200],
        content=base64.b64encode(data).decode("ascii"),
        digest=crypto.blind_index(hashlib.sha256(data).hexdigest(), purpose="import-file"),
        rows_total=sum(1 for row in rows if row is not None),
    )
    batch.save()
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        object_type="import_batch",
        object_id=batch.pk,
        fields=["content"],
        details={"kind": kind, "rows": batch.rows_total},
    )
    return batch


def batch_header(batch: ImportBatch) -> list[str]:
    header, _rows = _read(batch.kind, base64.b64decode(batch.content), batch.filename)
    return header


def _mapping_of(batch: ImportBatch) -> tuple[dict, dict, str]:
    if batch.kind == ImportKind.HTCDS:
        return importer.HTCDS_MAPPING, {}, HTCDS_SOURCE
    if batch.mapping is None:
        raise ValidationError({"mapping": [_("Choose or save a column mapping first.")]})
    return batch.mapping.columns, batch.mapping.value_maps, batch.mapping.source


def _check(batch: ImportBatch) -> importer.Checked:
    if not batch.content:
        raise ValidationError(_("This file has been imported; upload it again to re-check it."))
    header, rows = _read(batch.kind, base64.b64decode(batch.content), batch.filename)
    columns, value_maps, source = _mapping_of(batch)
    checked = importer.check(
        rows,
        columns=columns,
        value_maps=value_maps,
        source=source,
        organisation_id=batch.organisation_id,
        first_row=2 if batch.kind == ImportKind.SPREADSHEET else 1,
    )
    records = imported_records(batch.organisation_id)
    persons_of_rows = dict(
        records.filter(
            kind=ImportedRecord.Kind.ROW, key__in=[p.row_key for p in checked.rows]
        ).values_list("key", "person_id")
    )
    checked.already = set(persons_of_rows)
    _find_legacy_rows(checked, records, persons_of_rows)
    _find_imported_persons(checked, records, persons_of_rows)
    return checked


def _find_legacy_rows(checked: importer.Checked, records, persons_of_rows: dict) -> None:
    """Rows without a person id but with a case id were keyed by their content alone before;
    one imported that way into the same case counts as imported before."""
    rows = [row for row in checked.rows if row.legacy_key]
    if not rows:
        return
    found = list(
        records.filter(
            kind=ImportedRecord.Kind.ROW, key__in=[row.legacy_key for row in rows]
        ).values_list("key", "case_id", "person_id")
    )
    if not found:
        return
    cases = dict(
        records.filter(
            kind=ImportedRecord.Kind.CASE, key__in=[row.case_key for row in rows]
        ).values_list("key", "case_id")
    )
    for key, case_id, person_id in found:
        for row in rows:
            if row.legacy_key == key and case_id and cases.get(row.case_key) == case_id:
                checked.already.add(row.row_key)
                persons_of_rows[row.row_key] = person_id


def _find_imported_persons(checked: importer.Checked, records, persons_of_rows: dict) -> None:
    """A person of the file with a row imported before is that row's person: their other rows
    join them, never a second person. A row whose role that person already has in the case
    (the row was imported before under another key) counts as imported before."""
    for row in checked.rows:
        person_id = persons_of_rows.get(row.row_key)
        if person_id is not None:
            checked.imported_persons.setdefault(row.person_row, person_id)
    waiting = [
        row
        for row in checked.rows
        if row.row_key not in checked.already and row.person_row in checked.imported_persons
    ]
    if not waiting:
        return
    cases = dict(
        records.filter(
            kind=ImportedRecord.Kind.CASE, key__in=[row.case_key for row in waiting]
        ).values_list("key", "case_id")
    )
    for row in waiting:
        case_id = cases.get(row.case_key)
        if case_id and case_has_role(
            case_id=case_id,
            person_id=checked.imported_persons[row.person_row],
            role=row.role_data["role"],
        ):
            checked.already.add(row.row_key)


CHECK_FIELDS = (
    "status",
    "problems",
    "conflicts",
    "rows_total",
    "rows_invalid",
    "rows_skipped",
    "persons_total",
    "checked_at",
)


def _note_check(batch: ImportBatch, checked: importer.Checked) -> None:
    batch.status = ImportStatus.CHECKED
    batch.problems = [p.as_dict() for p in checked.problems]
    batch.conflicts = [p.as_dict() for p in checked.conflicts]
    batch.rows_total = checked.total
    batch.persons_total = checked.distinct_persons
    batch.rows_invalid = checked.invalid_rows
    batch.rows_skipped = len(checked.already)
    batch.checked_at = timezone.now()


def import_check(*, user, batch: ImportBatch) -> importer.Checked:
    """The dry run: every problem by row and column; nothing but the report is written, and
    not over a batch another request has imported meanwhile."""
    if not can_import(user):
        raise PermissionDenied
    checked = _check(batch)
    _note_check(batch, checked)
    if not record_check(batch.pk, {name: getattr(batch, name) for name in CHECK_FIELDS}):
        raise ValidationError(_("This file has been imported; upload it again to re-check it."))
    return checked


def _claim(batch: ImportBatch) -> None:
    """Take the batch for this commit, inside the caller's transaction, or say why not.

    The claim is the batch's ``committed_at``, set only while it is empty: a second commit of
    the same batch (another tab, a second click) finds it set, or on PostgreSQL finds the row
    locked by the first and does not wait for it. A rolled-back commit releases the claim."""
    if not claim_batch(batch.pk, timezone.now()):
        if stored_status(batch.pk) == ImportStatus.COMMITTED:
            raise ValidationError(_("This file has been imported; upload it again to re-check it."))
        raise ValidationError(
            _(
                "This file is being imported by another request (another tab or a second "
                "click); reload the page in a moment to see the result."
            )
        )
    batch.refresh_from_db()  # the file as it is now, not as another request loaded it


def import_commit(*, user, batch: ImportBatch) -> ImportBatch:
    """Import the whole file or nothing. Rows imported before (same import key) are skipped,
    so importing a file again creates nothing new. A person with rows in several cases of the
    file (the same person id or CNIC) is created once and takes a role in each. New persons are
    then checked by record linkage and possible matches are stored for review; nothing is
    merged.

    Two commits at the same time: of the same batch, the second is refused with a message
    (``_claim``); of two batches of one file, the one that finds its rows taken under it keeps
    nothing and is told to check again. Either way a ``ValidationError``, never a half import."""
    if not can_import(user):
        raise PermissionDenied
    try:
        with transaction.atomic():
            _claim(batch)
            created, skipped = _commit_rows(user, batch)
    except IntegrityError:
        logger.info("import batch %s met rows committed at the same time", batch.pk)
        batch.refresh_from_db()
        raise ValidationError(
            _(
                "Another import committed some of these rows at the same time, so nothing of "
                "this file was imported. Check the file again: rows imported since are skipped."
            )
        ) from None
    if created is None:
        return batch
    # Two persons of one file may find each other: a pair is counted once.
    batch.candidates = len(set().union(*(store_possible_matches(user, p) for p in created)))
    batch.save(update_fields=["candidates"])
    return batch


def _commit_rows(user, batch: ImportBatch) -> tuple[list | None, int]:
    """Within the claimed batch's transaction: check again, then write every row or none.
    Returns the persons created (``None`` when the check found problems) and the rows skipped."""
    checked = _check(batch)
    _note_check(batch, checked)
    batch.save(update_fields=CHECK_FIELDS)
    if checked.problems:
        batch.status = ImportStatus.FAILED
        batch.committed_at = None
        batch.save(update_fields=["status", "committed_at"])
        return None, 0
    created: list = []  # the persons created
    persons: dict[int, Any] = {}  # the file's persons, by their first row
    rows_created = 0
    roles: dict[str, int] = {}  # rows created per role: victims, perpetrators, witnesses…
    skipped = 0
    records = imported_records(batch.organisation_id)
    used_rows = set(checked.already)
    cases = {
        key: case_id
        for key, case_id in records.filter(kind=ImportedRecord.Kind.CASE).values_list(
            "key", "case_id"
        )
    }
    for row in checked.rows:
        if row.row_key in used_rows:
            skipped += 1
            continue
        case_id = cases.get(row.case_key)
        case = access_case(user, case_id, write=True) if case_id else None
        if case is None:
            case = case_services.case_create(user=user, data=row.case_data)
            ImportedRecord(
                organisation_id=batch.organisation_id,
                kind=ImportedRecord.Kind.CASE,
                key=row.case_key,
                batch=batch,
                case=case,
            ).save()
            cases[row.case_key] = case.pk
        person = persons.get(row.person_row)
        if person is None:
            earlier = checked.imported_persons.get(row.person_row)
            person = visible_persons(user).filter(pk=earlier).first() if earlier else None
            if person is None:
                person = people_services.person_create(
                    user=user, data=checked.persons[row.person_row]
                )
                created.append(person)
            persons[row.person_row] = person
        case_services.case_role_add(user=user, case=case, person=person, data=row.role_data)
        if row.exploitation_country is not None:
            country = row.exploitation_country
            data: dict[str, Any] = {"event_type": EventType.EXPLOITATION, "person": person}
            if country.code == "PK":
                data["district"] = case.district
            else:
                data["country"] = country
            case_services.event_create(user=user, case=case, data=data)
        ImportedRecord(
            organisation_id=batch.organisation_id,
            kind=ImportedRecord.Kind.ROW,
            key=row.row_key,
            batch=batch,
            case=case,
            person=person,
        ).save()
        used_rows.add(row.row_key)
        rows_created += 1
        roles[row.role_data["role"]] = roles.get(row.role_data["role"], 0) + 1
    batch.status = ImportStatus.COMMITTED
    batch.rows_created = rows_created
    batch.rows_skipped = skipped
    batch.persons_created = len(created)
    batch.content = ""  # the file's personal data now lives only in the records
    batch.committed_at = timezone.now()
    batch.save(
        update_fields=[
            "status",
            "rows_created",
            "rows_skipped",
            "persons_created",
            "content",
            "committed_at",
        ]
    )
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        object_type="import_batch",
        object_id=batch.pk,
        fields=["import"],
        details={
            "created": rows_created,
            "skipped": skipped,
            "kind": batch.kind,
            "victims": roles.get(RoleKind.VICTIM, 0),
            "perpetrators": roles.get(RoleKind.SUSPECT, 0),
            "witnesses": roles.get(RoleKind.WITNESS, 0),
            "reporters": roles.get(RoleKind.REPORTER, 0),
            "persons": len(checked.persons),
            "persons_created": len(created),
            "conflicts": len(checked.conflicts),
        },
    )
    return created, skipped


def store_possible_matches(user, person) -> set[tuple[int, int]]:
    """The entry check of record linkage, kept as candidates in the review queue; returns the
    pairs stored."""
    try:
        matches = possible_matches(user, person, floor=REVIEW_FLOOR)
    except Exception:  # the person is imported; a failed check must not undo that
        logger.exception("possible matches check failed for an imported person")
        return set()
    stored = set()
    for match in matches:
        a, b = sorted((person.pk, match.person.pk))
        if MatchDecision.objects.filter(person_a_id=a, person_b_id=b).exists():
            continue
        MatchCandidate.objects.update_or_create(
            person_a_id=a,
            person_b_id=b,
            defaults={"probability": match.probability, "evidence": match.evidence},
        )
        stored.add((a, b))
    return stored
