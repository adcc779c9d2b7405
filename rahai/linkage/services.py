"""Writing linkage results: relinking every person, and reviewers' decisions (audited)."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from rahai.accounts.models import RoleCode
from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record
from rahai.linkage import engine
from rahai.linkage import model as linkage_model
from rahai.linkage.models import LinkRun, MatchCandidate, MatchDecision, PersonIdentity, Verdict
from rahai.people.access import access_person, system_persons

# Who may say that two records are, or are not, one person.
REVIEW_ROLES = (RoleCode.INVESTIGATOR, RoleCode.CASEWORKER, RoleCode.SUPERVISOR)
REVIEW_FLOOR = 0.5  # pairs at or above this go to the review queue
PURPOSE = "record linkage: relink every person"


def person_record(person) -> dict:
    """A person as a linkage record (decrypted in memory only, never written anywhere)."""
    latin = " ".join(p for p in (person.given_name, person.family_name) if p)
    birth_year = ""
    if person.estimated_age is not None and person.age_estimated_on:
        birth_year = str(person.age_estimated_on.year - person.estimated_age)
    return {
        "record_id": str(person.pk),
        "source": str(person.owner_id),
        "given_name": person.given_name if latin else "",
        "family_name": person.family_name if latin else "",
        "full_name": "" if latin else (person.name_urdu or ""),
        "father_name": person.father_name,
        "gender": "" if person.gender == "unknown" else person.gender,
        "birth_date": person.birth_date.isoformat() if person.birth_date else "",
        "birth_year": "" if person.birth_date else birth_year,
        "id_number": person.cnic,
        "phone": ";".join(person.phones or []),
        "address": person.address,
        "district": person.district.name_en if person.district_id else "",
    }


def _ordered(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


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
        persons = system_persons(purpose=PURPOSE).select_related("district")
        total = persons.count()
        records = []
        for index, person in enumerate(persons.iterator(chunk_size=2000)):
            records.append(person_record(person))
            if index % 5000 == 0:
                step(int(40 * index / max(total, 1)), f"read {index:,} of {total:,} persons")
        decisions = list(MatchDecision.objects.values_list("person_a_id", "person_b_id", "verdict"))
        same = [(str(a), str(b)) for a, b, v in decisions if v == Verdict.SAME]
        different = [(str(a), str(b)) for a, b, v in decisions if v == Verdict.DIFFERENT]
        step(40, "scoring candidate pairs")
        result = engine.link(
            records,
            threshold=run.threshold,
            model=saved,
            same=same,
            different=different,
            evidence=True,
        )
        step(80, "saving identities and the review queue")
        decided = {_ordered(a, b) for a, b, _v in decisions}
        with transaction.atomic():
            PersonIdentity.objects.all().delete()
            PersonIdentity.objects.bulk_create(
                [
                    PersonIdentity(
                        person_id=int(rid), identity=min(int(x) for x in [cid, rid]), run=run
                    )
                    for rid, cid in result.clusters.items()
                ],
                batch_size=5000,
            )
            MatchCandidate.objects.all().delete()
            candidates = []
            for (a, b), evidence in result.evidence.items():
                pair = _ordered(int(a), int(b))
                probability = result.scores[engine._ordered(a, b)]
                if probability >= REVIEW_FLOOR and pair not in decided:
                    candidates.append(
                        MatchCandidate(
                            person_a_id=pair[0],
                            person_b_id=pair[1],
                            probability=probability,
                            evidence=evidence,
                            run=run,
                        )
                    )
            MatchCandidate.objects.bulk_create(candidates, batch_size=5000)
            LinkRun.objects.filter(pk=run.pk).update(
                status=LinkRun.Status.DONE,
                progress=100,
                message="done",
                finished_at=timezone.now(),
                persons=len(records),
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
                    "persons": len(records),
                    "pairs": len(result.pairs),
                    "candidates": len(candidates),
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
