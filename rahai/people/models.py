"""Persons: victims, suspects, witnesses and reporters, with their personal data encrypted."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rahai.core.fields import EncryptedJSONField, EncryptedTextField
from rahai.geo.models import Country, District
from rahai.orgs.models import Organisation


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    TRANSGENDER = "transgender", _("Transgender")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class Education(models.TextChoices):
    """ISCED 2011 levels, as HTCDS uses them."""

    NONE = "none", _("No schooling")
    PRIMARY = "isced1", _("Primary")
    LOWER_SECONDARY = "isced2", _("Lower secondary (middle)")
    UPPER_SECONDARY = "isced3", _("Upper secondary (matric / intermediate)")
    POST_SECONDARY = "isced4", _("Post-secondary, non-tertiary")
    TERTIARY = "isced5plus", _("Tertiary")
    RELIGIOUS = "religious", _("Religious school (madrassa) only")
    UNKNOWN = "unknown", _("Unknown")


class MaritalStatus(models.TextChoices):
    SINGLE = "single", _("Single")
    MARRIED = "married", _("Married")
    DIVORCED = "divorced", _("Divorced")
    WIDOWED = "widowed", _("Widowed")
    UNKNOWN = "unknown", _("Unknown")


class Person(models.Model):
    # Encrypted personal data.
    given_name = EncryptedTextField(_("given name"), blank=True)
    family_name = EncryptedTextField(_("family name"), blank=True)
    father_name = EncryptedTextField(_("father's or husband's name"), blank=True)
    name_urdu = EncryptedTextField(_("name in Urdu script"), blank=True)
    aliases = EncryptedJSONField(_("aliases"), default=list, blank=True)
    cnic = EncryptedTextField(_("CNIC"), blank=True)
    passport_number = EncryptedTextField(_("passport number"), blank=True)
    phones = EncryptedJSONField(_("phones"), default=list, blank=True)
    address = EncryptedTextField(_("address"), blank=True)
    # Not identifying on their own; kept in clear for statistics.
    gender = models.CharField(
        _("gender"), max_length=16, choices=Gender.choices, default=Gender.UNKNOWN
    )
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    estimated_age = models.PositiveSmallIntegerField(_("estimated age"), null=True, blank=True)
    age_estimated_on = models.DateField(_("age estimated on"), null=True, blank=True)
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    citizenship = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("citizenship"),
    )
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("ISO 639 codes")
    )
    education = models.CharField(
        _("education"), max_length=16, choices=Education.choices, default=Education.UNKNOWN
    )
    marital_status = models.CharField(
        _("marital status"),
        max_length=16,
        choices=MaritalStatus.choices,
        default=MaritalStatus.UNKNOWN,
    )
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="persons",
        verbose_name=_("recorded by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return _("Person %(id)s") % {"id": self.pk}

    @property
    def display_name(self) -> str:
        latin = " ".join(part for part in [self.given_name, self.family_name] if part)
        return latin or self.name_urdu or str(self)


class SearchKeyKind(models.TextChoices):
    NAME = "name", _("Name")
    FATHER = "father", _("Father's or husband's name")
    CNIC = "cnic", _("CNIC")
    PHONE = "phone", _("Phone")
    PASSPORT = "passport", _("Passport")


class PersonSearchKey(models.Model):
    """Keyed blind index rows: HMAC digests of normalised identifiers and name keys."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="search_keys")
    kind = models.CharField(max_length=16, choices=SearchKeyKind.choices)
    digest = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind", "digest"], name="unique_person_search_key"
            )
        ]
        # person_id in the index: searches read the matching ids from the index alone.
        indexes = [models.Index(fields=["kind", "digest", "person"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.digest[:8]}…"
