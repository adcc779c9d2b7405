"""Show audit entries in the reader's language: object types and field names as labels."""

from django import template
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

register = template.Library()

OBJECT_MODELS = {
    "case": "cases.Case",
    "case_role": "cases.CaseRole",
    "event": "cases.Event",
    "note": "cases.Note",
    "person": "people.Person",
    "user": "accounts.User",
    "api_token": "accounts.ApiToken",
    "audit_entry": "audit.AuditEntry",
    "referral": "referrals.Referral",
    "case_transfer": "referrals.CaseTransfer",
    "consent": "consent.Consent",
    "support_plan": "support.SupportPlan",
    "planned_service": "support.PlannedService",
    "follow_up": "support.FollowUp",
    "committee": "committees.Committee",
    "committee_member": "committees.CommitteeMember",
    "committee_meeting": "committees.CommitteeMeeting",
    "agenda_item": "committees.AgendaItem",
    "committee_decision": "committees.CommitteeDecision",
    "committee_action": "committees.CommitteeAction",
}
EXTRA_LABELS = {
    "shares": _("sharing"),
    "event": _("route event"),
    "keys": _("encryption keys"),
    "scope": _("data shared"),
}


def _model(object_type: str):
    label = OBJECT_MODELS.get(object_type)
    return apps.get_model(label) if label else None


@register.filter
def audit_object(object_type: str) -> str:
    model = _model(object_type)
    if model is not None:
        return str(model._meta.verbose_name)
    return str(EXTRA_LABELS.get(object_type, object_type))


@register.filter
def audit_fields(entry) -> str:
    labels = [audit_field_label(name, entry.object_type) for name in entry.fields or []]
    return "، ".join(labels) if _is_urdu() else ", ".join(labels)


@register.filter
def audit_field_label(name: str, object_type: str) -> str:
    model = _model(object_type)
    verbose = None
    if model is not None:
        try:
            verbose = getattr(model._meta.get_field(name), "verbose_name", None)
        except FieldDoesNotExist:
            verbose = None
    return str(verbose or EXTRA_LABELS.get(name, name))


def _is_urdu() -> bool:
    from django.utils.translation import get_language

    return (get_language() or "").startswith("ur")
