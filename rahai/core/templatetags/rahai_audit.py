"""Show audit entries in the reader's language: object types and field names as labels.

Every ``object_type`` written to the audit log has a label here, either the verbose name of
its model (``OBJECT_MODELS``) or a label of its own (``OBJECT_LABELS``);
``rahai/core/tests/test_audit_labels.py`` finds the types in the code and fails on a new one.
"""

from django import template
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from rahai.core.templatetags.rahai_text import join_list

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
    "contact": "hotline.Contact",
    "import_batch": "exchange.ImportBatch",
    "report_run": "reports.ReportRun",
    "link_run": "linkage.LinkRun",
    "match_candidate": "linkage.MatchCandidate",
    "match_decision": "linkage.MatchDecision",
    "charge": "justice.Charge",
    "hearing": "justice.Hearing",
}
# Object types that are no model, or whose model has no translated name.
OBJECT_LABELS = {
    "attachment": _("report attachment"),
    "htcds_export": _("HTCDS export"),
    "insights": _("insights dashboards"),
    "keys": _("encryption keys"),
    "open_data_release": _("open data release"),
    "reports": _("annual report"),
}
# Field names that are no model field, or whose field has no translated name.
EXTRA_LABELS = {
    "shares": _("sharing"),
    "event": _("route event"),
    "keys": _("encryption keys"),
    "scope": _("data shared"),
    "triage": _("triage"),
    "possible_matches": _("possible matches"),
    "journey": _("journey"),
    "list": _("list"),
    "minutes": _("minutes"),
    "import": _("import"),
    "content": _("file"),
    "verdict": _("decision"),
    "revoked_at": _("revoked"),
    "agenda": _("agenda"),
    "attendance": _("attendance"),
    "position": _("order"),
    "charges": _("charges"),
    "hearings": _("court hearings"),
}


def _model(object_type: str):
    label = OBJECT_MODELS.get(object_type)
    return apps.get_model(label) if label else None


@register.filter
def audit_object(object_type: str) -> str:
    if object_type in OBJECT_LABELS:
        return str(OBJECT_LABELS[object_type])
    model = _model(object_type)
    if model is not None:
        return str(model._meta.verbose_name)
    return str(EXTRA_LABELS.get(object_type, object_type))


@register.filter
def audit_fields(entry) -> str:
    return join_list(audit_field_label(name, entry.object_type) for name in entry.fields or [])


@register.filter
def audit_field_label(name: str, object_type: str) -> str:
    model = _model(object_type)
    verbose = None
    if model is not None:
        try:
            verbose = getattr(model._meta.get_field(name), "verbose_name", None)
        except FieldDoesNotExist:
            verbose = None
        if isinstance(verbose, str) and verbose == name.replace("_", " "):
            verbose = None  # Django's default from the field's name: not translated
    return str(verbose or EXTRA_LABELS.get(name, name))
