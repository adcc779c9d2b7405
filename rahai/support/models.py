"""Support plans (HTCDS 2.0 support plan): per victim in a case, the needs assessed, the services
planned and delivered by whom and when, follow-up contacts, and the checklist that closes it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rahai.cases.models import Case
from rahai.core.fields import EncryptedTextField
from rahai.orgs.models import Organisation
from rahai.people.models import Person
from rahai.services_directory.models import ServiceOffering, ServiceType

# The needs a plan assesses: the directory's services a survivor receives (not police work).
NEEDS = [
    ServiceType.SHELTER,
    ServiceType.MEDICAL,
    ServiceType.PSYCHOSOCIAL,
    ServiceType.LEGAL_AID,
    ServiceType.INTERPRETATION,
    ServiceType.REPATRIATION,
    ServiceType.FAMILY_TRACING,
    ServiceType.LIVELIHOOD,
    ServiceType.EDUCATION,
    ServiceType.FINANCIAL,
    ServiceType.BONDED_LABOUR,
]


class PlanStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class SupportPlan(models.Model):
    """One victim's support in one case. A victim has at most one open plan per case; a closed
    plan stays as history (a new one may be opened later)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="support_plans")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("victim")
    )
    status = models.CharField(
        _("status"), max_length=8, choices=PlanStatus.choices, default=PlanStatus.OPEN
    )
    needs = models.JSONField(
        _("needs"), default=list, blank=True, help_text=_("The services the victim needs.")
    )
    goals = EncryptedTextField(_("goals and needs assessment"), blank=True)
    risk_notes = EncryptedTextField(_("risks"), blank=True)
    key_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("key worker"),
    )
    opened_on = models.DateField(_("opened on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closure_note = EncryptedTextField(_("closure note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("support plan")
        verbose_name_plural = _("support plans")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "person"],
                condition=models.Q(status="open"),
                name="one_open_support_plan_per_victim",
            )
        ]

    @property
    def is_open(self) -> bool:
        return self.status == PlanStatus.OPEN

    @property
    def need_labels(self) -> list[str]:
        labels = dict(ServiceType.choices)
        return [str(labels.get(code, code)) for code in self.needs or []]


class ServiceStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled or declined")


# A plan may close only when none of its services is still in one of these.
UNRESOLVED = frozenset({ServiceStatus.PLANNED, ServiceStatus.IN_PROGRESS})


class PlannedService(models.Model):
    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="services")
    service = models.CharField(_("service"), max_length=24, choices=ServiceType.choices)
    provider = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("provider")
    )
    offering = models.ForeignKey(
        ServiceOffering,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("directory entry"),
    )
    referral = models.ForeignKey(
        "referrals.Referral",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("arranged by referral"),
    )
    planned_start = models.DateField(_("planned start"))
    status = models.CharField(
        _("status"), max_length=12, choices=ServiceStatus.choices, default=ServiceStatus.PLANNED
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    outcome = EncryptedTextField(_("outcome"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["planned_start", "id"]
        verbose_name = _("planned service")
        verbose_name_plural = _("planned services")

    @property
    def is_resolved(self) -> bool:
        return self.status not in UNRESOLVED


class ContactMethod(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    WHATSAPP = "whatsapp", _("WhatsApp")
    HOME_VISIT = "home_visit", _("Home visit")


class FollowUp(models.Model):
    """One contact with the survivor after services began; ``next_due`` sets the next one."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="follow_ups")
    contacted_on = models.DateField(_("date"))
    method = models.CharField(_("method"), max_length=12, choices=ContactMethod.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    outcome = EncryptedTextField(_("outcome"))
    next_due = models.DateField(_("next follow-up due"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-contacted_on", "-id"]
        verbose_name = _("follow-up contact")
        verbose_name_plural = _("follow-up contacts")


class ChecklistItem(models.TextChoices):
    SERVICES = "services", _("Every planned service delivered, or declined or cancelled")
    ACCOMMODATION = "accommodation", _("Safe accommodation arranged")
    LEGAL_STATUS = "legal_status", _("Legal case status recorded")
    RETURN_FOLLOW_UP = "return_follow_up", _("Follow-up after return done")
    CONTACT_CONSENT = "contact_consent", _("Consent for further contact recorded")
    SURVIVOR_INFORMED = "survivor_informed", _("Survivor informed about the closure")


class CheckState(models.TextChoices):
    TODO = "todo", _("To do")
    DONE = "done", _("Done")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class ClosureCheck(models.Model):
    """One item of a plan's closure checklist: done, or not applicable with a reason."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="checklist")
    item = models.CharField(_("item"), max_length=20, choices=ChecklistItem.choices)
    state = models.CharField(
        _("state"), max_length=16, choices=CheckState.choices, default=CheckState.TODO
    )
    reason = EncryptedTextField(_("why not applicable"), blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    marked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("closure checklist item")
        verbose_name_plural = _("closure checklist items")
        constraints = [
            models.UniqueConstraint(fields=["plan", "item"], name="unique_plan_checklist_item")
        ]

    @property
    def is_settled(self) -> bool:
        return self.state == CheckState.DONE or (
            self.state == CheckState.NOT_APPLICABLE and bool(self.reason.strip())
        )
