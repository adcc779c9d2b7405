"""Coordination committees: District Vigilance Committees under the Bonded Labour System
(Abolition) Acts, and district and provincial anti-trafficking committees and task forces.

A committee has members (organisations and/or named people), meetings with an agenda,
attendance, minutes, decisions and action items assigned to organisations. Committees hold no
victim's personal data: minutes refer to a case by its reference only, and the case's own
access layer decides who may open it. The free texts (minutes, decisions, actions, updates)
are still encrypted at rest, like every other narrative in Rahai.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from rahai.core.fields import EncryptedTextField
from rahai.geo.models import District, Province
from rahai.orgs.models import Organisation


class CommitteeKind(models.TextChoices):
    DVC = "dvc", _("District Vigilance Committee (bonded labour)")
    DISTRICT_TIP = "district_tip", _("District anti-trafficking committee")
    PROVINCIAL_TIP = "provincial_tip", _("Provincial anti-trafficking committee or task force")
    OTHER = "other", _("Other coordination committee")


DISTRICT_KINDS = frozenset({CommitteeKind.DVC, CommitteeKind.DISTRICT_TIP})


class Committee(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    name_ur = models.CharField(_("name (Urdu)"), max_length=200, blank=True)
    kind = models.CharField(_("type"), max_length=16, choices=CommitteeKind.choices)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="+", verbose_name=_("province")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    host = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="committees_hosted",
        verbose_name=_("host organisation"),
        help_text=_(
            "The committee as an organisation in Rahai (a DVC or an anti-trafficking committee)."
        ),
    )
    secretariat = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="committees_served",
        verbose_name=_("secretariat"),
        help_text=_("The organisation whose staff keep the committee's records in Rahai."),
    )
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=300,
        blank=True,
        help_text=_(
            "E.g. 'Bonded Labour System (Abolition) Act 1992, s. 15' or the "
            "notification that set the committee up."
        ),
    )
    quorum = models.PositiveSmallIntegerField(
        _("quorum"),
        null=True,
        blank=True,
        help_text=_(
            "Members who must attend (in person or represented) for a valid meeting. "
            "Empty: more than half of the members."
        ),
    )
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")

    def __str__(self) -> str:
        if self.name_ur and (get_language() or "en").startswith("ur"):
            return self.name_ur
        return self.name

    @property
    def place(self):
        return self.district or self.province


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")
    CO_OPTED = "co_opted", _("Co-opted member")
    OBSERVER = "observer", _("Observer (not counted for the quorum)")


# Only one current holder of each of these roles.
SINGLE_ROLES = frozenset({MemberRole.CHAIR, MemberRole.SECRETARY})


class Constituency(models.TextChoices):
    """Whom a member represents; the Acts name district administration, elected
    representatives, the bar, the press, social services, the labour department, and employers'
    and workers' representatives."""

    DISTRICT_ADMINISTRATION = (
        "district_administration",
        _("District administration (e.g. Deputy Commissioner)"),
    )
    ELECTED = "elected", _("Elected representative")
    LABOUR = "labour", _("Labour department")
    POLICE = "police", _("Police")
    FIA = "fia", _("FIA")
    PROSECUTION = "prosecution", _("Prosecution")
    SOCIAL_WELFARE = "social_welfare", _("Social welfare or child protection")
    BAR = "bar", _("Bar association")
    PRESS = "press", _("Press")
    NGO = "ngo", _("NGO or social service")
    EMPLOYERS = "employers", _("Employers (e.g. brick-kiln owners' association)")
    WORKERS = "workers", _("Workers (e.g. brick-kiln workers' representatives)")
    OTHER = "other", _("Other")


class CommitteeMember(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committee_memberships",
        verbose_name=_("organisation"),
    )
    person_name = models.CharField(_("name"), max_length=200, blank=True)
    designation = models.CharField(
        _("designation"),
        max_length=200,
        blank=True,
        help_text=_("E.g. 'Deputy Commissioner, Kasur' or 'District Officer Labour'."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="committee_memberships",
        verbose_name=_("Rahai user"),
    )
    role = models.CharField(_("role on the committee"), max_length=12, choices=MemberRole.choices)
    represents = models.CharField(
        _("represents"), max_length=32, choices=Constituency.choices, blank=True
    )
    start_on = models.DateField(_("member since"))
    end_on = models.DateField(_("member until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["committee", "id"]
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")

    @property
    def label(self) -> str:
        """Name (or designation), then organisation: 'Deputy Commissioner, Kasur'."""
        who = self.person_name or self.designation
        if who and self.organisation_id:
            return f"{who} ({self.organisation})"
        return who or str(self.organisation)

    def is_current(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.start_on <= on and (self.end_on is None or self.end_on >= on)

    @property
    def counts_for_quorum(self) -> bool:
        return self.role != MemberRole.OBSERVER


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


MEETING_BADGES = {"scheduled": "sent", "held": "completed", "cancelled": "declined"}


class CommitteeMeeting(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("date and time"))
    venue = models.CharField(_("venue"), max_length=300)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=MeetingStatus.choices,
        default=MeetingStatus.SCHEDULED,
    )
    notes = EncryptedTextField(
        _("general minutes"),
        blank=True,
        help_text=_(
            "Opening remarks and anything not under an agenda item. No victims' names: "
            "refer to a case by its reference."
        ),
    )
    cancelled_reason = models.CharField(_("why cancelled"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("committee meeting")
        verbose_name_plural = _("committee meetings")
        indexes = [models.Index(fields=["committee", "starts_at"])]

    @property
    def reference(self) -> str:
        return f"CM-{self.pk:06d}" if self.pk else ""

    @property
    def badge(self) -> str:
        return MEETING_BADGES.get(self.status, "")

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    @property
    def is_held(self) -> bool:
        return self.status == MeetingStatus.HELD

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        CommitteeMeeting, on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField()
    title = models.CharField(_("agenda item"), max_length=300)
    minutes = EncryptedTextField(
        _("minutes"),
        blank=True,
        help_text=_(
            "What was discussed. No victims' names or numbers: refer to a case by its "
            "reference (e.g. PB-LHR-2026-000123)."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting", "position", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="one_agenda_position")
        ]


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    REPRESENTED = "represented", _("Represented by someone else")
    APOLOGY = "apology", _("Sent apologies")
    ABSENT = "absent", _("Absent")


ATTENDING = frozenset({AttendanceStatus.PRESENT, AttendanceStatus.REPRESENTED})


class MeetingAttendance(models.Model):
    meeting = models.ForeignKey(
        CommitteeMeeting, on_delete=models.CASCADE, related_name="attendance"
    )
    member = models.ForeignKey(CommitteeMember, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(_("attendance"), max_length=12, choices=AttendanceStatus.choices)
    represented_by = models.CharField(
        _("represented by"),
        max_length=200,
        blank=True,
        help_text=_("Name and designation of whoever attended in the member's place."),
    )

    class Meta:
        ordering = ["meeting", "member_id"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="one_attendance_per_member")
        ]


class CommitteeDecision(models.Model):
    meeting = models.ForeignKey(
        CommitteeMeeting, on_delete=models.CASCADE, related_name="decisions"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("agenda item"),
    )
    number = models.PositiveSmallIntegerField()
    text = EncryptedTextField(_("decision"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="one_decision_number")
        ]


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_ACTIONS = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS})
ACTION_BADGES = {
    "open": "sent",
    "in_progress": "in_progress",
    "done": "completed",
    "dropped": "declined",
}


class CommitteeAction(models.Model):
    """An action item: what an organisation (optionally a named person in it) is to do, by
    when, as a committee decided."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="actions")
    meeting = models.ForeignKey(CommitteeMeeting, on_delete=models.CASCADE, related_name="actions")
    decision = models.ForeignKey(
        CommitteeDecision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("decision"),
    )
    text = EncryptedTextField(_("action"))
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="committee_actions",
        verbose_name=_("assigned to"),
    )
    assigned_person = models.CharField(
        _("person responsible"),
        max_length=200,
        blank=True,
        help_text=_("Optional: name or designation of the person in that organisation."),
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    # The overdue alert already sent for the current due date (reset when it changes).
    overdue_alerted_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        indexes = [
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["organisation", "status"]),
        ]

    @property
    def reference(self) -> str:
        """A code for notifications and minutes; says nothing about the action."""
        return f"CA-{self.pk:06d}" if self.pk else ""

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ACTIONS

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()

    @property
    def badge(self) -> str:
        return ACTION_BADGES.get(self.status, "")

    @property
    def owner_label(self) -> str:
        if self.assigned_person:
            return f"{self.assigned_person} ({self.organisation})"
        return str(self.organisation)


class CommitteeActionUpdate(models.Model):
    """The history of an action item: each change of status and each progress note."""

    action = models.ForeignKey(CommitteeAction, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices)
    previous_status = models.CharField(max_length=12, choices=ActionStatus.choices, blank=True)
    note = EncryptedTextField(_("note"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("action item update")
        verbose_name_plural = _("action item updates")
