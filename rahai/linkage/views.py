"""Record-linkage pages: the review queue, one person's possible matches, the check made while a
person is typed in, and the relink runs.

Every person shown comes through ``rahai.people.access`` (by way of ``rahai.linkage.selectors``):
a pair is only ever shown, or decided, when the user may see both records.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record, client_ip
from rahai.linkage import selectors, services, tasks
from rahai.linkage.forms import DecisionForm, check_record, typed_fields
from rahai.linkage.models import LinkRun, MatchDecision, Verdict
from rahai.people.access import access_person, person_cases

PERSON_RELATED = (
    "person_a__district__province",
    "person_a__owner",
    "person_b__district__province",
    "person_b__owner",
)
ENTRY_LIMIT = 5  # possible matches shown while a person is being entered


@dataclass
class PairRow:
    """Two persons side by side: ``left`` is the one the page is about (if any)."""

    left: object
    right: object
    probability: float | None = None
    evidence: list | None = None
    decision: MatchDecision | None = None
    linked: bool = False

    @property
    def dom_id(self) -> str:
        low, high = sorted([self.left.pk, self.right.pk])
        return f"pair-{low}-{high}"


def _require_reviewer(user) -> None:
    if not user.works_cases:
        raise Http404
    if not services.can_review(user):
        raise PermissionDenied


def _require_relinker(user) -> None:
    if not user.works_cases:
        raise Http404
    if not tasks.can_relink(user):
        raise PermissionDenied


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@login_required
def review(request):
    """Open candidate pairs whose two persons the user may see, most likely first."""
    _require_reviewer(request.user)
    queue = (
        selectors.review_queue(request.user)
        .select_related(*PERSON_RELATED)
        .order_by("-probability", "pk")
    )
    page = Paginator(queue, settings.RAHAI_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [PairRow(c.person_a, c.person_b, c.probability, c.evidence) for c in page.object_list]
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type="match_candidate",
        fields=["list"],
        details={"page": page.number},
        ip_address=client_ip(request),
    )
    return render(
        request,
        "linkage/review.html",
        {
            "page": page,
            "rows": rows,
            "next": request.get_full_path(),
            "can_relink": tasks.can_relink(request.user),
        },
    )


@login_required
def person_review(request, person_id: int):
    """One person's possible matches: the stored candidates and a fresh check now."""
    _require_reviewer(request.user)
    person = access_person(request.user, person_id)
    rows: dict[int, PairRow] = {}
    pending = selectors.pending_for(request.user, person).select_related(*PERSON_RELATED)
    for candidate in pending:
        other = candidate.person_b if candidate.person_a_id == person.pk else candidate.person_a
        rows[other.pk] = PairRow(person, other, candidate.probability, candidate.evidence)
    for match in selectors.possible_matches(request.user, person):
        if match.person.pk not in rows:
            rows[match.person.pk] = PairRow(person, match.person, match.probability, match.evidence)
    decisions = MatchDecision.objects.filter(Q(person_a_id=person.pk) | Q(person_b_id=person.pk))
    for decision in decisions:
        other_id = (
            decision.person_b_id if decision.person_a_id == person.pk else decision.person_a_id
        )
        if other_id in rows:
            rows[other_id].decision = decision
    linked = set(
        selectors.linked_persons(request.user, person)
        .filter(id__in=list(rows))
        .values_list("id", flat=True)
    )
    for other_id in linked:
        rows[other_id].linked = True
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type="person",
        object_id=person.pk,
        person_id=person.pk,
        fields=["possible_matches"],
        ip_address=client_ip(request),
    )
    return render(
        request,
        "linkage/person_review.html",
        {
            "person": person,
            "rows": sorted(rows.values(), key=lambda row: -(row.probability or 0.0)),
            "next": request.get_full_path(),
        },
    )


@login_required
@require_POST
def decide(request):
    """ "Same person" / "different people": an htmx swap of the pair, or a redirect back."""
    _require_reviewer(request.user)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose two persons and a decision."))
    data = form.cleaned_data
    try:
        decision = services.match_decide(
            user=request.user,
            person_a_id=data["a"],
            person_b_id=data["b"],
            verdict=data["verdict"],
        )
    except ValueError:
        return HttpResponseBadRequest(_("Choose two persons and a decision."))
    if request.htmx:
        row = PairRow(
            access_person(request.user, data["a"]),
            access_person(request.user, data["b"]),
            decision=decision,
        )
        return render(
            request, "linkage/pair.html", {"row": row, "next": data["next"], "swapped": True}
        )
    if decision.verdict == Verdict.SAME:
        messages.success(request, _("Marked as the same person."))
    else:
        messages.success(request, _("Marked as different people."))
    return redirect(_safe_next(request, reverse("linkage:review")))


@login_required
@require_POST
def check(request):
    """htmx partial for a person being entered: persons the user may see who may be the same.

    The typed names and numbers are posted, never put in a URL (they are personal data)."""
    if not request.user.works_cases:
        raise Http404
    record = check_record(request.POST)
    matches = []
    if record is not None:
        matches = selectors.possible_matches(request.user, record, limit=ENTRY_LIMIT)
        for match in matches:
            match.roles = list(person_cases(request.user, match.person)[:3])
        audit_record(
            actor=request.user,
            action=AuditAction.SEARCH,
            object_type="person",
            details={
                "kind": "possible_matches",
                "fields": typed_fields(record),
                "found": len(matches),
            },
            ip_address=client_ip(request),
        )
    case_id = request.GET.get("case", "")
    return render(
        request,
        "linkage/check.html",
        {
            "matches": matches,
            "checked": record is not None,
            "case_id": int(case_id) if case_id.isdigit() else None,
        },
    )


@login_required
def runs(request):
    """Relink runs with their progress; the table polls itself every 2 s while one runs."""
    _require_relinker(request.user)
    recent = list(LinkRun.objects.select_related("started_by").order_by("-started_at")[:20])
    active = tasks.running_run()
    context = {
        "runs": recent,
        "running": active is not None,
        "queued": tasks.QUEUED,
    }
    if request.htmx:
        return render(request, "linkage/runs.html#runs", context)
    return render(request, "linkage/runs.html", context)


@login_required
@require_POST
def run_start(request):
    _require_relinker(request.user)
    try:
        run = tasks.start_relink(user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("linkage:runs")
    run.refresh_from_db()
    if run.status == LinkRun.Status.DONE:
        messages.success(
            request,
            _("Relinked %(persons)s persons into %(clusters)s identities; %(pairs)s pairs scored.")
            % {"persons": run.persons, "clusters": run.clusters, "pairs": run.pairs},
        )
    elif run.status == LinkRun.Status.FAILED:
        messages.error(request, _("The relink failed."))
    else:
        messages.success(request, _("Relink started; its progress is shown below."))
    return redirect("linkage:runs")
