from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rahai.audit.models import AuditAction, AuditEntry
from rahai.audit.services import audit_record, client_ip
from rahai.core.forms import apply_service_errors
from rahai.core.languages import language_labels
from rahai.linkage import selectors as linkage_selectors
from rahai.linkage.services import can_review
from rahai.people import services
from rahai.people.access import access_person, can_edit_person, person_cases, visible_persons
from rahai.people.forms import PersonForm
from rahai.people.search import matching_person_ids
from rahai.people.validation import format_cnic


@login_required
def person_detail(request, person_id: int):
    person = access_person(request.user, person_id)
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type="person",
        object_id=person.pk,
        person_id=person.pk,
        ip_address=client_ip(request),
    )
    timeline = (
        AuditEntry.objects.filter(person_id=person.pk, object_type="person")
        .exclude(action__in=[AuditAction.VIEW, AuditAction.SEARCH])
        .select_related("actor")[:100]
    )
    reviewer = can_review(request.user)
    related = ("owner", "district__province")
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "cnic": format_cnic(person.cnic) if person.cnic else "",
            "languages": language_labels(person.languages),
            "roles": person_cases(request.user, person),
            "timeline": timeline,
            "can_edit": can_edit_person(request.user, person),
            # Record linkage: only records this user may see (the access layer decides).
            "linked": linkage_selectors.linked_persons(request.user, person).select_related(
                *related
            )[:50],
            "pending": linkage_selectors.pending_for(request.user, person).select_related(
                *(f"person_{side}__{name}" for side in "ab" for name in related)
            )[:20]
            if reviewer
            else [],
            "can_review": reviewer,
        },
    )


@login_required
def person_edit(request, person_id: int):
    person = access_person(request.user, person_id, write=True)
    form = PersonForm(request.POST or None, initial=PersonForm.initial_for(person))
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(user=request.user, person=person, data=form.service_data())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Person saved."))
            return redirect("people:detail", person_id=person.pk)
    return render(request, "people/person_form.html", {"form": form, "person": person})


@login_required
@require_POST
def person_pick(request):
    """htmx partial: persons the user may see who match a name, CNIC or phone."""
    if not request.user.works_cases:
        raise Http404
    # Posted, never in the URL: the words are personal data.
    query = request.POST.get("q", "").strip()
    case_id = request.GET.get("case", "")
    persons = []
    if len(query) >= 2:
        ids = matching_person_ids(query)
        if ids is not None:
            persons = list(visible_persons(request.user).filter(id__in=ids)[:10])
        audit_record(
            actor=request.user,
            action=AuditAction.SEARCH,
            object_type="person",
            details={"query": query},
            ip_address=client_ip(request),
        )
    return render(
        request, "people/person_pick.html", {"persons": persons, "query": query, "case_id": case_id}
    )
