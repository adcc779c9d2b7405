"""The services each organisation provides to survivors, where, when and in which languages.

Reference data kept by administrators (Django admin); no personal data of victims here. The
``public`` flag marks what the hotline may read out to callers and show on the public page.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from rahai.core.languages import language_labels
from rahai.geo.models import District, Province
from rahai.orgs.models import Organisation


class ServiceType(models.TextChoices):
    SHELTER = "shelter", _("Shelter")
    MEDICAL = "medical", _("Medical care")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial support")
    LEGAL_AID = "legal_aid", _("Legal aid")
    INTERPRETATION = "interpretation", _("Interpretation")
    REPATRIATION = "repatriation", _("Repatriation and return")
    FAMILY_TRACING = "family_tracing", _("Family tracing")
    LIVELIHOOD = "livelihood", _("Livelihood and skills")
    EDUCATION = "education", _("Education")
    FINANCIAL = "financial", _("Financial assistance")
    BONDED_LABOUR = "bonded_labour", _("Bonded-labour release and rehabilitation")
    INVESTIGATION = "investigation", _("Investigation and protection (police, FIA)")
    OTHER = "other", _("Other")


class ServiceOffering(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="service_offerings",
        verbose_name=_("organisation"),
    )
    service = models.CharField(_("service"), max_length=24, choices=ServiceType.choices)
    description = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_("What is offered and to whom, e.g. 'Women and children under 18'."),
    )
    nationwide = models.BooleanField(_("serves all of Pakistan"), default=False)
    provinces = models.ManyToManyField(
        Province, blank=True, related_name="+", verbose_name=_("whole provinces served")
    )
    districts = models.ManyToManyField(
        District, blank=True, related_name="+", verbose_name=_("districts served")
    )
    hours = models.CharField(
        _("hours"), max_length=120, blank=True, help_text=_("e.g. '24/7' or 'Mon–Sat 9:00–17:00'")
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Beds or places; leave empty if none.")
    )
    places_free = models.PositiveIntegerField(
        _("places free now"), null=True, blank=True, help_text=_("As last reported.")
    )
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("ISO 639 codes, e.g. ur, pa, ps")
    )
    contact_name = models.CharField(_("contact person or desk"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_(
            "May be read out to callers and shown on the public page (never a shelter's "
            "address: the public page shows service, area, hours, languages and phone only)."
        ),
    )
    active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__name", "service"]
        verbose_name = _("service offering")
        verbose_name_plural = _("service offerings")
        indexes = [models.Index(fields=["service", "active"])]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.get_service_display()}"

    @property
    def language_labels(self) -> list[str]:
        return language_labels(self.languages)
