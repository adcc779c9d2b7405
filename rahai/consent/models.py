"""A victim's informed consent, per purpose (HTCDS 2.0 consent), withdrawable at any time."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rahai.core.fields import EncryptedTextField
from rahai.core.languages import Language
from rahai.orgs.models import Organisation, OrganisationKind
from rahai.people.models import Person


class ConsentPurpose(models.TextChoices):
    SHARE_ORGANISATION = "share_organisation", _("Sharing with a named organisation")
    SHARE_KIND = "share_kind", _("Sharing with a type of organisation")
    CONTACT = "contact", _("Being contacted")
    STATISTICS = "statistics", _("Use in statistics")


SHARING_PURPOSES = frozenset({ConsentPurpose.SHARE_ORGANISATION, ConsentPurpose.SHARE_KIND})


class ConsentDecision(models.TextChoices):
    GIVEN = "given", _("Given")
    REFUSED = "refused", _("Refused")


class GivenBy(models.TextChoices):
    SELF = "self", _("The person themself")
    GUARDIAN = "guardian", _("Parent or guardian (for a child)")
    REPRESENTATIVE = "representative", _("Legal representative")


class Consent(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=24, choices=ConsentPurpose.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    organisation_kind = models.CharField(
        _("type of organisation"), max_length=32, choices=OrganisationKind.choices, blank=True
    )
    decision = models.CharField(_("decision"), max_length=8, choices=ConsentDecision.choices)
    given_by = models.CharField(
        _("given by"), max_length=16, choices=GivenBy.choices, default=GivenBy.SELF
    )
    decided_on = models.DateField(_("date"))
    language = models.CharField(
        _("language of the explanation"), max_length=8, choices=Language.choices
    )
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("taken by"),
    )
    taken_by_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    notes = EncryptedTextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawal_note = EncryptedTextField(_("why withdrawn"), blank=True)

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [models.Index(fields=["person", "purpose", "withdrawn_at"])]

    @property
    def is_given(self) -> bool:
        return self.decision == ConsentDecision.GIVEN and self.withdrawn_at is None

    @property
    def scope_label(self) -> str:
        if self.purpose == ConsentPurpose.SHARE_ORGANISATION and self.organisation_id:
            return str(self.organisation)
        if self.purpose == ConsentPurpose.SHARE_KIND and self.organisation_kind:
            return str(self.get_organisation_kind_display())
        return ""
