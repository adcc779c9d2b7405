"""Law and prosecution: the consolidated law (laws and their offences, editable reference data
with citations), and on a case the charges against its suspects, their outcomes in court, and
the court hearings."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rahai.cases.models import Case, CaseRole
from rahai.core.fields import EncryptedTextField
from rahai.geo.models import Province
from rahai.orgs.models import Organisation


class LawTheme(models.TextChoices):
    TRAFFICKING = "trafficking", _("Trafficking in persons")
    SMUGGLING = "smuggling", _("Smuggling of migrants")
    BONDED_LABOUR = "bonded_labour", _("Bonded labour")
    EMIGRATION = "emigration", _("Emigration")
    RELATED = "related", _("Related offences (Pakistan Penal Code)")


class Law(models.Model):
    """An act or code, federal or provincial. Reference data: ``load_reference`` adds the
    missing ones and never changes what an administrator corrected."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    # The shipped row this is (its code as shipped), kept when an administrator changes the
    # code: loading matches on it, so a corrected row is never added again beside itself.
    reference_key = models.CharField(max_length=40, blank=True, editable=False)
    short_name = models.CharField(_("short name"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    citation = models.CharField(
        _("citation"), max_length=120, blank=True, help_text=_("e.g. Act XXXIV of 2018")
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
        help_text=_("Empty for a federal law."),
    )
    theme = models.CharField(_("theme"), max_length=16, choices=LawTheme.choices)
    notes = models.TextField(_("notes"), blank=True)
    needs_verification = models.BooleanField(
        _("to be verified"),
        default=False,
        help_text=_("Sources disagree on some of this law's details; check before relying on it."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "short_name"]
        verbose_name = _("law")
        verbose_name_plural = _("laws")
        constraints = [
            models.UniqueConstraint(
                fields=["reference_key"],
                condition=~models.Q(reference_key=""),
                name="one_law_per_shipped_row",
            )
        ]

    def __str__(self) -> str:
        return self.short_name


class Offence(models.Model):
    """A section of a law that makes something an offence (or says how it is tried)."""

    law = models.ForeignKey(
        Law, on_delete=models.PROTECT, related_name="offences", verbose_name=_("law")
    )
    section = models.CharField(_("section"), max_length=20)
    # The shipped row this is ("psma-2018:3"), kept when an administrator renumbers the section.
    reference_key = models.CharField(max_length=80, blank=True, editable=False)
    title = models.CharField(_("offence"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    penalty = models.CharField(_("penalty"), max_length=300, blank=True)
    min_years = models.DecimalField(
        _("minimum imprisonment (years)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    max_years = models.DecimalField(
        _("maximum imprisonment (years)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Empty for life imprisonment, death, or no imprisonment."),
    )
    max_fine_rs = models.PositiveBigIntegerField(_("maximum fine (Rs)"), null=True, blank=True)
    chargeable = models.BooleanField(
        _("can be charged"),
        default=True,
        help_text=_("Off for a repealed section or one that defines no offence."),
    )
    repealed_note = models.CharField(_("repealed"), max_length=200, blank=True)
    needs_verification = models.BooleanField(_("to be verified"), default=False)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["law__position", "position", "id"]
        verbose_name = _("offence")
        verbose_name_plural = _("offences")
        constraints = [
            models.UniqueConstraint(fields=["law", "section"], name="one_offence_per_section"),
            models.UniqueConstraint(
                fields=["reference_key"],
                condition=~models.Q(reference_key=""),
                name="one_offence_per_shipped_row",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.law.short_name} s.{self.section}"


class ChargeStatus(models.TextChoices):
    FIR = "fir", _("In the FIR")
    INVESTIGATION = "investigation", _("Under investigation")
    CHALLAN = "challan", _("Challan submitted to court")
    TRIAL = "trial", _("On trial")
    DECIDED = "decided", pgettext_lazy("stage of a charge", "Decided")
    DROPPED = "dropped", _("Dropped before trial")


class Outcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    CONVICTED = "convicted", _("Convicted")
    ACQUITTED = "acquitted", _("Acquitted")
    DISCHARGED = "discharged", _("Discharged")
    COMPOUNDED = "compounded", _("Compounded")
    WITHDRAWN = "withdrawn", _("Withdrawn by the prosecution")


class Charge(models.Model):
    """A suspect of a case charged under an offence, and what the court made of it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="charges")
    suspect = models.ForeignKey(
        CaseRole, on_delete=models.PROTECT, related_name="charges", verbose_name=_("suspect")
    )
    offence = models.ForeignKey(
        Offence, on_delete=models.PROTECT, related_name="charges", verbose_name=_("offence")
    )
    status = models.CharField(
        _("stage"), max_length=16, choices=ChargeStatus.choices, default=ChargeStatus.FIR
    )
    charged_on = models.DateField(_("charged on"))
    fir_number = models.CharField(_("FIR number"), max_length=40, blank=True)
    court = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("court"),
    )
    court_case_number = models.CharField(_("court case number"), max_length=60, blank=True)
    special_court = models.BooleanField(
        _("special court or bench"),
        default=False,
        help_text=_("Tried by a court or bench designated for trafficking and smuggling cases."),
    )
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.PENDING
    )
    outcome_on = models.DateField(_("decided on"), null=True, blank=True)
    sentence_years = models.DecimalField(
        _("sentence (years of imprisonment)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    sentence_fine_rs = models.PositiveBigIntegerField(_("fine (Rs)"), null=True, blank=True)
    notes = EncryptedTextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["case", "charged_on", "id"]
        verbose_name = _("charge")
        verbose_name_plural = _("charges")
        constraints = [
            models.UniqueConstraint(
                fields=["suspect", "offence"], name="one_charge_per_suspect_and_offence"
            )
        ]
        indexes = [models.Index(fields=["outcome", "outcome_on"])]


class Hearing(models.Model):
    """A date in court for a case: what happened, and when the court sits next."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="hearings")
    court = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("court"),
    )
    court_case_number = models.CharField(_("court case number"), max_length=60, blank=True)
    held_on = models.DateField(_("date"))
    summary = EncryptedTextField(
        _("what happened"),
        blank=True,
        help_text=_("Victims and witnesses by their role, not by name (PTPA section 11)."),
    )
    next_on = models.DateField(_("next hearing"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["case", "-held_on", "-id"]
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")
        indexes = [models.Index(fields=["next_on"])]
