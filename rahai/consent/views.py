"""Recording and withdrawing consent from the person page. Rules in ``consent.services``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rahai.consent import services
from rahai.consent.access import access_consent
from rahai.consent.forms import ConsentForm, WithdrawForm
from rahai.people.access import access_person


def _errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


@login_required
@require_POST
def consent_record(request, person_id: int):
    person = access_person(request.user, person_id, write=True)
    form = ConsentForm(request.POST)
    if form.is_valid():
        try:
            services.consent_record(user=request.user, person=person, data=form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Consent recorded."))
    else:
        messages.error(request, _errors(form))
    return redirect("people:detail", person_id=person.pk)


@login_required
@require_POST
def consent_withdraw(request, consent_id: int):
    consent = access_consent(request.user, consent_id, write=True)
    form = WithdrawForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.consent_withdraw(user=request.user, consent=consent, note=note)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Consent withdrawn."))
    return redirect("people:detail", person_id=consent.person_id)
