"""Organisations that record into Rahai, and named teams for restricted cases."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from rahai.geo.models import District, Province


class OrganisationKind(models.TextChoices):
    POLICE_STATION = "police_station", _("Police station")
    FIA_AHTC = "fia_ahtc", _("FIA Anti-Human Trafficking Circle")
    PROSECUTION = "prosecution", _("Prosecution")
    COURT = "court", _("Court")
    NGO = "ngo", _("NGO")
    SHELTER = "shelter", _("Shelter")
    LEGAL_AID = "legal_aid", _("Legal aid")
    LABOUR_DEPARTMENT = "labour_department", _("Labour department")
    DVC = "dvc", _("District Vigilance Committee")
    TIP_COMMITTEE = "tip_committee", _("District or provincial anti-trafficking committee")
    HOTLINE = "hotline", _("Hotline")
    EMBASSY = "embassy", _("Embassy or consulate")
    HEALTH = "health", _("Health facility")


class JurisdictionLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    name_ur = models.CharField(_("name (Urdu)"), max_length=200, blank=True)
    kind = models.CharField(_("type"), max_length=32, choices=OrganisationKind.choices)
    jurisdiction_level = models.CharField(
        _("jurisdiction"),
        max_length=16,
        choices=JurisdictionLevel.choices,
        default=JurisdictionLevel.DISTRICT,
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("province"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("district"),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        if self.name_ur and (get_language() or "en").startswith("ur"):
            return self.name_ur
        return self.name


class Team(models.Model):
    """A named group of users, across organisations, that alone may see a restricted case."""

    name = models.CharField(_("name"), max_length=120)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="teams", verbose_name=_("organisation")
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="teams", blank=True, verbose_name=_("members")
    )

    class Meta:
        ordering = ["organisation__name", "name"]
        unique_together = [("organisation", "name")]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"
