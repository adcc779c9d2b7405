from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from rahai.audit.models import AuditAction
from rahai.audit.selectors import audit_entries, can_browse_audit, can_read_audit_values
from rahai.audit.services import audit_record, client_ip
from rahai.core.forms import DateInput


class AuditFilterForm(forms.Form):
    username = forms.CharField(label=_("User"), required=False)
    case = forms.CharField(label=_("Case reference"), required=False)
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", "—"), *AuditAction.choices]
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())


@login_required
def audit_log(request):
    if not can_browse_audit(request.user):
        raise Http404
    form = AuditFilterForm(request.GET or None)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "username": data["username"],
            "case_reference": data["case"],
            "action": data["action"],
            "date_from": data["date_from"],
            "date_to": data["date_to"],
        }
    page = Paginator(audit_entries(request.user, **filters), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "audit/audit_log.html", {"form": form, "page": page, "query": query.urlencode()}
    )


@login_required
def audit_detail(request, seq: int):
    if not can_read_audit_values(request.user):
        raise Http404
    entry = audit_entries(request.user).filter(seq=seq).first()
    if entry is None:
        raise Http404
    audit_record(
        actor=request.user,
        action=AuditAction.VIEW,
        object_type="audit_entry",
        object_id=seq,
        ip_address=client_ip(request),
    )
    return render(request, "audit/audit_detail.html", {"entry": entry})
