"""Referrals of a victim (or a case) to another organisation for a service, and transfers of a
case's ownership. HTCDS 2.0: the case's incoming/outgoing referrals."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rahai.cases.models import Case, Note
from rahai.core.fields import EncryptedTextField
from rahai.geo.models import District
from rahai.orgs.models import Organisation
from rahai.people.models import Gender, Person
from rahai.services_directory.models import ServiceOffering, ServiceType


class Urgency(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency: answer within 4 hours")
    HIGH = "high", _("High: answer within 24 hours")
    NORMAL = "normal", _("Normal: answer within 3 days")
    LOW = "low", _("Low: answer within 7 days")


# The SLA clock: how long the receiver has to accept, decline or ask for more information.
RESPONSE_TIME = {
    Urgency.EMERGENCY: timedelta(hours=4),
    Urgency.HIGH: timedelta(hours=24),
    Urgency.NORMAL: timedelta(days=3),
    Urgency.LOW: timedelta(days=7),
}


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Waiting for an answer")
    INFO_REQUESTED = "info_requested", _("More information asked for")
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    DECLINED = "declined", _("Declined")
    REVOKED = "revoked", _("Revoked")


AWAITING_ANSWER = frozenset({ReferralStatus.SENT, ReferralStatus.INFO_REQUESTED})
# While a referral is in one of these, the receiver sees its scope of personal data.
SHARING = frozenset({ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS})
ENDED = frozenset({ReferralStatus.COMPLETED, ReferralStatus.DECLINED, ReferralStatus.REVOKED})


class DeclineReason(models.TextChoices):
    NO_CAPACITY = "no_capacity", _("No capacity now")
    OUTSIDE_AREA = "outside_area", _("Outside our area")
    NOT_OFFERED = "not_offered", _("We do not offer this service")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible (age, gender, situation)")
    OTHER = "other", _("Other")


class AgeBand(models.TextChoices):
    """Coarse bands (as CTDC's ageBroad): enough to decide, too coarse to identify."""

    UNDER_9 = "0-8", _("Child, 0–8")
    CHILD = "9-17", _("Child, 9–17")
    YOUNG_ADULT = "18-29", _("Adult, 18–29")
    ADULT = "30-47", _("Adult, 30–47")
    OLDER = "48+", _("Adult, 48 or older")
    UNKNOWN = "unknown", _("Age unknown")


class Referral(models.Model):
    reference = models.CharField(_("reference"), max_length=20, unique=True, null=True)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="referrals")
    # An onward referral: the receiver of ``parent`` passes the victim on to a third
    # organisation, sharing at most what ``parent`` shared with it.
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="onward",
        verbose_name=_("referred on from"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("victim referred"),
        help_text=_("Empty: the case as a whole is referred, without anyone's identity."),
    )
    from_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="referrals_sent"
    )
    to_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="referrals_received",
        verbose_name=_("referred to"),
    )
    service = models.CharField(_("service"), max_length=24, choices=ServiceType.choices)
    offering = models.ForeignKey(
        ServiceOffering, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    urgency = models.CharField(
        _("urgency"), max_length=12, choices=Urgency.choices, default=Urgency.NORMAL
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    # What the receiver sees before accepting: no names, no places, no numbers.
    need = EncryptedTextField(_("what is needed"))
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    subject_gender = models.CharField(
        _("gender"), max_length=16, choices=Gender.choices, blank=True
    )
    subject_age_band = models.CharField(
        _("age band"), max_length=8, choices=AgeBand.choices, blank=True
    )
    victims_count = models.PositiveSmallIntegerField(_("victims in the case"), default=0)
    # Shared once accepted, while the referral is accepted or in progress.
    reason = EncryptedTextField(_("reason and background"), blank=True)
    share_identity = models.BooleanField(_("share the victim's identity"), default=True)
    share_contact = models.BooleanField(_("share the victim's contact details"), default=False)
    shared_notes = models.ManyToManyField(
        Note, blank=True, related_name="+", verbose_name=_("notes shared")
    )
    due_on = models.DateField(_("service due by"), null=True, blank=True)
    respond_by = models.DateTimeField(_("answer due by"))
    # Consent, or the emergency override that stands in for it until a supervisor reviews it.
    consent_required = models.BooleanField(default=True)
    consent = models.ForeignKey(
        "consent.Consent", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    consent_overridden = models.BooleanField(_("sent without consent (emergency)"), default=False)
    override_reason = EncryptedTextField(_("why consent could not be obtained"), blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    override_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    override_reviewed_at = models.DateTimeField(null=True, blank=True)
    override_justified = models.BooleanField(null=True, blank=True)
    override_review_note = EncryptedTextField(blank=True)
    # Outcome.
    decline_reason = models.CharField(
        _("reason for declining"), max_length=16, choices=DeclineReason.choices, blank=True
    )
    outcome = EncryptedTextField(_("outcome"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # SLA alerts already sent (reset whenever the clock restarts): one alert per breach.
    response_alerted_at = models.DateTimeField(null=True, blank=True)
    due_alerted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [
            models.Index(fields=["to_organisation", "status"]),
            models.Index(fields=["status", "respond_by"]),
            models.Index(fields=["status", "due_on"]),
        ]

    def __str__(self) -> str:
        return self.reference or f"referral {self.pk}"

    def save(self, *args, **kwargs):
        if getattr(self, "_redacted", False):
            # A receiver's copy has blanked texts: saving it would erase them.
            raise RuntimeError("a redacted referral cannot be saved; use lock_referral()")
        super().save(*args, **kwargs)

    @property
    def is_sharing(self) -> bool:
        return self.status in SHARING

    @property
    def is_ended(self) -> bool:
        return self.status in ENDED

    @property
    def override_awaits_review(self) -> bool:
        return self.consent_overridden and self.override_reviewed_at is None


class ReferralAction(models.TextChoices):
    SENT = "sent", _("Sent")
    INFO_REQUESTED = "info_requested", _("Asked for more information")
    INFO_GIVEN = "info_given", _("Gave more information")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    STARTED = "started", _("Service started")
    COMPLETED = "completed", _("Completed")
    REVOKED = "revoked", _("Revoked")
    REASSIGNED = "reassigned", _("Reassigned")
    OVERRIDE_REVIEWED = "override_reviewed", _("Emergency override reviewed")
    ONWARD = "onward", _("Referred onward")
    DUE_CHANGED = "due_changed", _("Due date changed")
    SLA_RESPONSE = "sla_response", _("Answer overdue")
    SLA_DUE = "sla_due", _("Service overdue")


class ReferralEvent(models.Model):
    """The referral's history. ``receiver`` is the organisation the referral was with then;
    only its staff see the event's text (questions, answers, reasons for declining)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=ReferralAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, related_name="+"
    )
    receiver = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    text_for_receiver = models.BooleanField(default=False)
    text = EncryptedTextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]


class TransferStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for acceptance")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class CaseTransfer(models.Model):
    """Moving a case's ownership to another organisation, e.g. a police station to an FIA
    circle once a case turns out to be transnational."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="transfers")
    from_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="transfers_out"
    )
    to_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="transfers_in",
        verbose_name=_("transfer to"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=TransferStatus.choices,
        default=TransferStatus.REQUESTED,
    )
    # Shown to the receiving organisation before it accepts: no names.
    reason = EncryptedTextField(_("why transfer"))
    keep_access = models.BooleanField(
        _("keep read access after the transfer"),
        default=True,
        help_text=_("The case stays shared with your organisation (read and add notes)."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = EncryptedTextField(_("note"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("case transfer")
        verbose_name_plural = _("case transfers")
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="requested"),
                name="one_pending_transfer_per_case",
            )
        ]

    @property
    def reference(self) -> str:
        """A code that does not reveal the case (the receiver sees it before accepting)."""
        return f"TR-{self.pk:06d}" if self.pk else ""

    @property
    def is_pending(self) -> bool:
        return self.status == TransferStatus.REQUESTED
