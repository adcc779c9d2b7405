"""Places: Pakistan's provinces and districts, and the world's countries (ISO 3166)."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class LocalisedName(models.Model):
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_ur = models.CharField(_("name (Urdu)"), max_length=120, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if (get_language() or "en").startswith("ur") and self.name_ur:
            return self.name_ur
        return self.name_en


class Province(LocalisedName):
    code = models.CharField(
        _("code"), max_length=2, unique=True, help_text=_("ISO 3166-2:PK suffix")
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=4, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=4, null=True, blank=True
    )

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("province or territory")
        verbose_name_plural = _("provinces and territories")


class District(LocalisedName):
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="districts", verbose_name=_("province")
    )
    code = models.CharField(_("code"), max_length=3, unique=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=4)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=4)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["province__name_en", "name_en"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self) -> str:
        return _("%(district)s, %(province)s") % {
            "district": self.name,
            "province": self.province.name,
        }


class Country(LocalisedName):
    code = models.CharField(_("ISO code"), max_length=2, unique=True)
    alpha3 = models.CharField(_("ISO alpha-3"), max_length=3, unique=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
