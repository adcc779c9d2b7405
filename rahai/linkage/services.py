"""Writing linkage results: relinking every person, and reviewers' decisions (audited)."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Iterator

import pyarrow as pa
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone

from rahai.accounts.models import RoleCode
from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record
from rahai.linkage import engine
from rahai.linkage import model as linkage_model
from rahai.linkage.frequencies import term_frequency_rows
from rahai.linkage.models import (
    LinkRun,
    MatchCandidate,
    MatchDecision,
    NameFrequency,
    PersonIdentity,
    Verdict,
)
from rahai.linkage.records import features
from rahai.people.access import access_person, system_persons

# Who may say that two records are, or are not, one person.
REVIEW_ROLES = (RoleCode.INVESTIGATOR, RoleCode.CASEWORKER, RoleCode.SUPERVISOR)
REVIEW_FLOOR = 0.5  # pairs at or above this go to the review queue
PURPOSE = "record linkage: relink every person"


def person_record(person) -> dict:
    """A person as a linkage record (decrypted in memory only, never written anywhere)."""
    return _record(
        person.pk,
        person.owner_id,
        person.given_name,
        person.family_name,
        person.name_urdu,
        person.father_name,
        person.gender,
        person.birth_date,
        person.estimated_age,
        person.age_estimated_on,
        person.cnic,
        person.phones,
        person.address,
        person.district.name_en if person.district_id else "",
    )


# The columns ``_record`` needs, read in this order (``values_list``: decrypted, no model
# instances; aliases and passport numbers are not read at all).
RECORD_FIELDS = (
    "pk",
    "owner_id",
    "given_name",
    "family_name",
    "name_urdu",
    "father_name",
    "gender",
    "birth_date",
    "estimated_age",
    "age_estimated_on",
    "cnic",
    "phones",
    "address",
    "district__name_en",
)


def _record(
    pk,
    owner_id,
    given_name,
    family_name,
    name_urdu,
    father_name,
    gender,
    birth_date,
    estimated_age,
    age_estimated_on,
    cnic,
    phones,
    address,
    district,
) -> dict:
    latin = " ".join(p for p in (given_name, family_name) if p)
    birth_year = ""
    if estimated_age is not None and age_estimated_on:
        birth_year = str(age_estimated_on.year - estimated_age)
    return {
        "record_id": str(pk),
        "source": str(owner_id),
        "given_name": given_name if latin else "",
        "family_name": family_name if latin else "",
        "full_name": "" if latin else (name_urdu or ""),
        "father_name": father_name,
        "gender": "" if gender == "unknown" else gender,
        "birth_date": birth_date.isoformat() if birth_date else "",
        "birth_year": "" if birth_date else birth_year,
        "id_number": cnic,
        "phone": ";".join(phones or []),
        "address": address,
        "district": district or "",
    }


def _ordered(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


READ_CHUNK = 5000  # rows per database fetch
FOLD_CHUNK = 20_000  # records folded to features at a time (then only the features are kept)
WRITE_CHUNK = 10_000  # rows per insert


def read_features(*, step: Callable[[int, str], None] = lambda p, m: None) -> pa.Table:
    """Every person as linkage features, streamed: rows are decrypted a chunk at a time and
    folded at once, so only the (much smaller) feature table of everyone is ever held."""
    persons = system_persons(purpose=PURPOSE)
    total = persons.count()
    tables, chunk = [], []
    rows = persons.order_by().values_list(*RECORD_FIELDS).iterator(chunk_size=READ_CHUNK)
    for index, row in enumerate(rows, 1):
        chunk.append(_record(*row))
        if len(chunk) == FOLD_CHUNK:
            tables.append(features(chunk))
            chunk = []
            step(int(40 * index / max(total, 1)), f"read {index:,} of {total:,} persons")
    tables.append(features(chunk))
    return pa.concat_tables(tables)


def identities(clusters: dict[str, str]) -> dict[int, int]:
    """person id → identity: the smallest person id of its cluster, as a number (a cluster's
    own id is the smallest record id as a string: "10" comes before "9")."""
    low: dict[str, int] = {}
    for rid, cid in clusters.items():
        value = int(rid)
        if value < low.get(cid, value + 1):
            low[cid] = value
    return {int(rid): low[cid] for rid, cid in clusters.items()}


def _batched(rows: Iterable, size: int) -> Iterator[list]:
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _insert(model, columns: tuple[str, ...], rows: Iterable[tuple]) -> int:
    """Insert many rows of plain values: ``COPY`` on PostgreSQL, batched ``INSERT`` elsewhere
    (no model instance per row). Returns the number of rows."""
    table = model._meta.db_table
    names = [model._meta.get_field(c).column for c in columns]
    n = 0
    if connection.vendor == "postgresql":
        from psycopg import sql

        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, names))
        )
        with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
                n += 1
        return n
    quoted = ", ".join(connection.ops.quote_name(c) for c in names)
    marks = ", ".join(["%s"] * len(names))
    statement = f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        for batch in _batched(rows, WRITE_CHUNK):
            cursor.executemany(statement, batch)
            n += len(batch)
    return n


def relink_all(
    *,
    user=None,
    threshold: float | None = None,
    progress: Callable[[int, str], None] | None = None,
    run: LinkRun | None = None,
) -> LinkRun:
    """Relink every person, keeping to every review decision; progress goes into the run
    (``run``: one already created and queued by ``rahai.linkage.tasks.start_relink``)."""
    saved = linkage_model.load()
    if run is None:
        run = LinkRun.objects.create(
            started_by=user if getattr(user, "pk", None) else None,
            model_version=saved["version"],
            threshold=saved["default_threshold"] if threshold is None else threshold,
        )
    else:
        run.model_version = saved["version"]
        if threshold is not None:
            run.threshold = threshold
        run.status, run.progress, run.message = LinkRun.Status.RUNNING, 0, "started"
        run.save(update_fields=["model_version", "threshold", "status", "progress", "message"])

    def step(percent: int, message: str) -> None:
        LinkRun.objects.filter(pk=run.pk).update(progress=percent, message=message[:200])
        if progress:
            progress(percent, message)

    try:
        table = read_features(step=step)
        decisions = list(MatchDecision.objects.values_list("person_a_id", "person_b_id", "verdict"))
        same = [(str(a), str(b)) for a, b, v in decisions if v == Verdict.SAME]
        different = [(str(a), str(b)) for a, b, v in decisions if v == Verdict.DIFFERENT]
        step(40, "scoring candidate pairs")
        result = engine.link(
            table,
            threshold=run.threshold,
            model=saved,
            same=same,
            different=different,
            evidence=True,
        )
        n_persons = table.num_rows
        frequencies = term_frequency_rows(table, saved)
        del table
        step(80, "saving identities and the review queue")
        decided = {_ordered(a, b) for a, b, _v in decisions}
        now = MatchCandidate._meta.get_field("updated_at").get_db_prep_value(
            timezone.now(), connection
        )
        with transaction.atomic():
            PersonIdentity.objects.all().delete()
            _insert(
                PersonIdentity,
                ("person", "identity", "run"),
                ((pid, identity, run.pk) for pid, identity in identities(result.clusters).items()),
            )
            MatchCandidate.objects.all().delete()
            candidates = _insert(
                MatchCandidate,
                ("person_a", "person_b", "probability", "evidence", "run", "updated_at"),
                (
                    (*pair, probability, json.dumps(evidence), run.pk, now)
                    for pair, probability, evidence in (
                        (_ordered(int(a), int(b)), p, ev)
                        for a, b, p, ev in result.evidence_rows(floor=REVIEW_FLOOR)
                    )
                    if pair not in decided
                ),
            )
            NameFrequency.objects.all().delete()
            _insert(NameFrequency, ("column", "digest", "count"), frequencies)
            LinkRun.objects.filter(pk=run.pk).update(
                status=LinkRun.Status.DONE,
                progress=100,
                message="done",
                finished_at=timezone.now(),
                persons=n_persons,
                pairs=len(result.pairs),
                clusters=len(set(result.clusters.values())),
            )
            audit_record(
                actor=user,
                actor_label="" if user else "rahai link --db",
                action=AuditAction.SYSTEM,
                object_type="link_run",
                object_id=run.pk,
                details={
                    "persons": n_persons,
                    "pairs": len(result.pairs),
                    "candidates": candidates,
                },
            )
    except Exception:
        LinkRun.objects.filter(pk=run.pk).update(
            status=LinkRun.Status.FAILED, message="failed", finished_at=timezone.now()
        )
        raise
    run.refresh_from_db()
    if progress:
        progress(100, "done")
    return run


def can_review(user) -> bool:
    return getattr(user, "works_cases", False) and user.has_role(*REVIEW_ROLES)


def match_decide(*, user, person_a_id: int, person_b_id: int, verdict: str) -> MatchDecision:
    """Record "same person" or "different people" for two persons the user may both see."""
    if verdict not in Verdict.values:
        raise ValueError("verdict must be 'same' or 'different'")
    if not can_review(user):
        raise PermissionDenied
    first, second = (
        access_person(user, pid) for pid in _ordered(int(person_a_id), int(person_b_id))
    )
    if first.pk == second.pk:
        raise ValueError("a person cannot be matched with themselves")
    with transaction.atomic():
        decision, created = MatchDecision.objects.update_or_create(
            person_a=first, person_b=second, defaults={"verdict": verdict, "decided_by": user}
        )
        MatchCandidate.objects.filter(person_a=first, person_b=second).delete()
        if verdict == Verdict.SAME:
            _join_identities(first.pk, second.pk)
        audit_record(
            actor=user,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            object_type="match_decision",
            object_id=decision.pk,
            person_id=first.pk,
            fields=["verdict"],
            details={"other_person": second.pk, "verdict": verdict},
        )
    return decision


def _join_identities(a: int, b: int) -> None:
    """A "same person" decision joins the two identities at once (the next run keeps it);
    a "different people" decision takes effect on the identities at the next run, and
    ``selectors.linked_persons`` already leaves the pair apart until then."""
    current = dict(
        PersonIdentity.objects.filter(person_id__in=[a, b]).values_list("person_id", "identity")
    )
    first, second = current.get(a, a), current.get(b, b)
    target = min(first, second)
    PersonIdentity.objects.filter(identity__in={first, second} - {target}).update(identity=target)
    for pid in (a, b):
        if pid not in current:
            PersonIdentity.objects.create(person_id=pid, identity=target)
