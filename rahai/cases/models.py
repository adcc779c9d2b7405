"""Cases, the roles persons play in them, their routes and notes (HTCDS 2.0 aligned)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rahai.core.fields import EncryptedTextField
from rahai.core.text import join_list
from rahai.geo.models import Country, District
from rahai.orgs.models import Organisation, Team
from rahai.people.models import Person


class CaseType(models.TextChoices):
    TRAFFICKING_INTERNAL = "trafficking_internal", _("Trafficking (internal)")
    TRAFFICKING_TRANSNATIONAL = "trafficking_transnational", _("Trafficking (transnational)")
    SMUGGLING = "smuggling", _("Smuggling of migrants")
    BONDED_LABOUR = "bonded_labour", _("Bonded labour")


CASE_TYPE_FIELDS = {
    CaseType.TRAFFICKING_INTERNAL: "is_trafficking_internal",
    CaseType.TRAFFICKING_TRANSNATIONAL: "is_trafficking_transnational",
    CaseType.SMUGGLING: "is_smuggling",
    CaseType.BONDED_LABOUR: "is_bonded_labour",
}


class CaseStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    FOLLOW_UP = "follow_up", _("Follow-up")
    CLOSED = "closed", _("Closed")
    CLOSED_REFERRED = "closed_referred", _("Closed (referred)")


CLOSED_STATUSES = frozenset({CaseStatus.CLOSED, CaseStatus.CLOSED_REFERRED})


class ClosureReason(models.TextChoices):
    SERVICES_COMPLETED = "services_completed", _("Services completed")
    REFERRED = "referred", _("Referred to another organisation")
    CONVICTION = "conviction", _("Prosecution concluded")
    VICTIM_DECLINED = "victim_declined", _("Victim declined further support")
    LOST_CONTACT = "lost_contact", _("Lost contact")
    NOT_TRAFFICKING = "not_trafficking", _("Not trafficking, smuggling or bonded labour")
    DUPLICATE = "duplicate", _("Duplicate of another case")
    DECEASED = "deceased", _("Victim deceased")
    OTHER = "other", _("Other")


class Sensitivity(models.TextChoices):
    NORMAL = "normal", _("Normal")
    RESTRICTED = "restricted", _("Restricted (named team only)")


class Case(models.Model):
    reference = models.CharField(_("reference"), max_length=32, unique=True)
    is_trafficking_internal = models.BooleanField(_("trafficking (internal)"), default=False)
    is_trafficking_transnational = models.BooleanField(
        _("trafficking (transnational)"), default=False
    )
    is_smuggling = models.BooleanField(_("smuggling of migrants"), default=False)
    is_bonded_labour = models.BooleanField(_("bonded labour"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.ACTIVE
    )
    closure_reason = models.CharField(
        _("closure reason"), max_length=32, choices=ClosureReason.choices, blank=True
    )
    owner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="owned_cases",
        verbose_name=_("owning organisation"),
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="cases", verbose_name=_("district")
    )
    sensitivity = models.CharField(
        _("sensitivity"), max_length=16, choices=Sensitivity.choices, default=Sensitivity.NORMAL
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("restricted to team"),
    )
    title = models.CharField(
        _("short title"),
        max_length=140,
        blank=True,
        help_text=_("No names: e.g. 'Brick kiln family, 6 persons'"),
    )
    summary = EncryptedTextField(_("summary"), blank=True)
    opened_on = models.DateField(_("opened on"))
    fir_number = models.CharField(_("FIR number"), max_length=40, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["owner", "status"]),
            models.Index(fields=["district", "opened_on"]),
            models.Index(fields=["opened_on"]),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def case_types(self) -> list[str]:
        return [code for code, field in CASE_TYPE_FIELDS.items() if getattr(self, field)]

    def get_case_types_display(self) -> list[str]:
        return [str(CaseType(code).label) for code in self.case_types]

    @property
    def is_restricted(self) -> bool:
        return self.sensitivity == Sensitivity.RESTRICTED


class CaseShare(models.Model):
    """Another organisation may see (and add notes to) a case while the share is active."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="shares")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="shared_cases"
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["organisation", "revoked_at"])]


class CaseReferenceCounter(models.Model):
    prefix = models.CharField(max_length=16)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="unique_case_counter")
        ]


class RoleKind(models.TextChoices):
    VICTIM = "victim", _("Victim / survivor")
    SUSPECT = "suspect", _("Suspect / perpetrator")
    WITNESS = "witness", _("Witness")
    REPORTER = "reporter", _("Reporter")


class TraffickingStatus(models.TextChoices):
    POSSIBLE = "possible", _("Possible")
    ACTUAL = "actual", _("Actual (identified)")
    NOT = "not", _("Not trafficked")


class ExploitationType(models.TextChoices):
    FORCED_LABOUR = "forced_labour", _("Forced labour")
    SEXUAL = "sexual", _("Sexual exploitation")
    CHILD_LABOUR = "child_labour", _("Child labour")
    FORCED_MARRIAGE = "forced_marriage", _("Forced marriage")
    SERVITUDE = "servitude", _("Domestic servitude")
    FORCED_MILITARY = "forced_military", _("Forced military service")
    ORGAN_REMOVAL = "organ_removal", _("Organ removal")
    FORCED_BEGGING = "forced_begging", _("Forced begging")
    FORCED_ADOPTION = "forced_adoption", _("Forced adoption")
    SURROGACY = "surrogacy", _("Surrogacy")
    BONDED_LABOUR = "bonded_labour", _("Bonded labour (peshgi)")
    OTHER = "other", _("Other")


class MeansOfControl(models.TextChoices):
    DEBT_BONDAGE = "debt_bondage", _("Debt bondage")
    TAKES_EARNINGS = "takes_earnings", _("Takes earnings")
    RESTRICTS_FINANCIAL = "restricts_financial", _("Restricts financial access")
    THREATS = "threats", _("Threats")
    PSYCHOLOGICAL_ABUSE = "psychological_abuse", _("Psychological abuse")
    PHYSICAL_ABUSE = "physical_abuse", _("Physical abuse")
    SEXUAL_ABUSE = "sexual_abuse", _("Sexual abuse")
    FALSE_PROMISES = "false_promises", _("False promises")
    PSYCHOACTIVE_SUBSTANCES = "psychoactive_substances", _("Psychoactive substances")
    RESTRICTS_MOVEMENT = "restricts_movement", _("Restricts movement")
    RESTRICTS_MEDICAL = "restricts_medical", _("Restricts medical care")
    EXCESSIVE_HOURS = "excessive_hours", _("Excessive working hours")
    USES_CHILDREN = "uses_children", _("Uses children")
    THREAT_LAW_ENFORCEMENT = "threat_law_enforcement", _("Threatens with law enforcement")
    WITHHOLDS_NECESSITIES = "withholds_necessities", _("Withholds necessities")
    WITHHOLDS_DOCUMENTS = "withholds_documents", _("Withholds documents")
    OTHER = "other", _("Other")


class RecruitmentMethod(models.TextChoices):
    JOB_OFFER = "job_offer", _("False job offer")
    MARRIAGE = "marriage", _("Marriage or romance")
    FAMILY = "family", _("Family member")
    ADVANCE = "advance", _("Advance / loan (peshgi)")
    ABDUCTION = "abduction", _("Abduction")
    AGENT = "agent", _("Travel or visa agent")
    ONLINE = "online", _("Online / social media")
    EDUCATION = "education", _("Education offer")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class RecruiterRelationship(models.TextChoices):
    INTIMATE_PARTNER = "intimate_partner", _("Intimate partner")
    FAMILY = "family", _("Family or relative")
    FRIEND = "friend", _("Friend or acquaintance")
    EMPLOYER = "employer", _("Employer or landlord")
    AGENT = "agent", _("Agent or middleman")
    STRANGER = "stranger", _("Stranger")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class Industry(models.TextChoices):
    """ISIC revision 4 sections."""

    A = "A", _("A: Agriculture, forestry and fishing")
    B = "B", _("B: Mining and quarrying")
    C = "C", _("C: Manufacturing (incl. brick kilns, carpets, bangles)")
    D = "D", _("D: Electricity and gas")
    E = "E", _("E: Water supply and waste")
    F = "F", _("F: Construction")
    G = "G", _("G: Wholesale and retail trade")
    H = "H", _("H: Transport and storage")
    I = "I", _("I: Accommodation and food")  # noqa: E741
    J = "J", _("J: Information and communication")
    K = "K", _("K: Finance and insurance")
    L = "L", _("L: Real estate")
    M = "M", _("M: Professional and technical")
    N = "N", _("N: Administrative and support")
    O = "O", _("O: Public administration and defence")  # noqa: E741
    P = "P", _("P: Education")
    Q = "Q", _("Q: Health and social work")
    R = "R", _("R: Arts and entertainment")
    S = "S", _("S: Other services")
    T = "T", _("T: Households as employers (domestic work)")
    U = "U", _("U: Extraterritorial organisations")


class VulnerabilityFactor(models.TextChoices):
    """Vulnerability and root-cause factors recorded per victim (issue 6), so that they can be
    counted against exploitation type, route and district. Several may apply."""

    HOUSEHOLD_DEBT = "household_debt", _("Household debt or advance (peshgi)")
    EXTREME_POVERTY = "extreme_poverty", _("Extreme poverty")
    UNEMPLOYMENT = "unemployment", _("Unemployment or no income")
    LANDLESSNESS = "landlessness", _("Landless household")
    SEASONAL_WORK = "seasonal_work", _("Seasonal or migrant work")
    NO_SCHOOLING = "no_schooling", _("No schooling")
    ILLITERACY = "illiteracy", _("Cannot read or write")
    DISPLACEMENT = "displacement", _("Displacement or disaster (flood, conflict)")
    FAMILY_INVOLVEMENT = "family_involvement", _("Family involved in the recruitment")
    MIGRATION_ASPIRATION = "migration_aspiration", _("Wish to migrate for work")
    NO_DOCUMENTS = "no_documents", _("No identity documents or irregular status")
    DISABILITY = "disability", _("Disability")
    MINORITY = "minority", _("Religious or ethnic minority")
    PRIOR_EXPLOITATION = "prior_exploitation", _("Exploited before")
    NO_GUARDIAN = "no_guardian", _("Orphan or child without a guardian")
    DOMESTIC_VIOLENCE = "domestic_violence", _("Domestic violence or abuse at home")
    SUBSTANCE_DEPENDENCE = "substance_dependence", _("Substance dependence")
    HEALTH_COSTS = "health_costs", _("Medical costs in the family")
    OTHER = "other", _("Other")


class PerpetratorRole(models.TextChoices):
    RECRUITER = "recruiter", _("Recruiter")
    TRANSPORTER = "transporter", _("Transporter")
    SMUGGLER = "smuggler", _("Smuggler")
    HARBOURER = "harbourer", _("Harbourer")
    EXPLOITER = "exploiter", _("Exploiter")
    FINANCIER = "financier", _("Financier")
    DOCUMENT_FORGER = "document_forger", _("Document forger")
    OTHER = "other", _("Other")


class CaseRole(models.Model):
    """A person's part in a case; a person may hold roles in several cases."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="roles")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="case_roles")
    role = models.CharField(_("role"), max_length=16, choices=RoleKind.choices)
    # Victim context (HTCDS 2.0).
    trafficking_status = models.CharField(
        _("trafficking status"), max_length=16, choices=TraffickingStatus.choices, blank=True
    )
    status_decided_by = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("status decided by"),
    )
    exploitation_types = models.JSONField(_("types of exploitation"), default=list, blank=True)
    means_of_control = models.JSONField(_("means of control"), default=list, blank=True)
    recruitment_method = models.CharField(
        _("recruitment method"), max_length=16, choices=RecruitmentMethod.choices, blank=True
    )
    recruiter_relationship = models.CharField(
        _("relationship to recruiter"),
        max_length=20,
        choices=RecruiterRelationship.choices,
        blank=True,
    )
    age_when_trafficked = models.PositiveSmallIntegerField(
        _("age when trafficked"), null=True, blank=True
    )
    industry = models.CharField(
        _("industry (ISIC section)"), max_length=1, choices=Industry.choices, blank=True
    )
    vulnerability_factors = models.JSONField(
        _("vulnerability and root-cause factors"), default=list, blank=True
    )
    # Perpetrator context.
    perpetrator_roles = models.JSONField(_("perpetrator roles"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "person", "role"], name="unique_case_person_role"
            )
        ]
        verbose_name = _("role in case")
        verbose_name_plural = _("roles in case")

    @staticmethod
    def _labels(choices, codes) -> list[str]:
        labels = dict(choices)
        return [str(labels.get(code, code)) for code in codes or []]

    @property
    def exploitation_labels(self) -> list[str]:
        return self._labels(ExploitationType.choices, self.exploitation_types)

    @property
    def means_of_control_labels(self) -> list[str]:
        return self._labels(MeansOfControl.choices, self.means_of_control)

    @property
    def vulnerability_factor_labels(self) -> list[str]:
        return self._labels(VulnerabilityFactor.choices, self.vulnerability_factors)

    @property
    def perpetrator_role_labels(self) -> list[str]:
        return self._labels(PerpetratorRole.choices, self.perpetrator_roles)


class EventType(models.TextChoices):
    RECRUITMENT = "recruitment", _("Recruitment")
    TRANSIT = "transit", _("Transit")
    EXPLOITATION = "exploitation", _("Exploitation")
    INTERCEPTION = "interception", _("Interception / rescue")
    RETURN = "return", _("Return")


class Event(models.Model):
    """One leg of the route: where and when something happened (HTCDS historic events)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    position = models.PositiveSmallIntegerField(_("order"))
    event_type = models.CharField(_("type"), max_length=16, choices=EventType.choices)
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district in Pakistan"),
    )
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("foreign country"),
    )
    place = models.CharField(_("place (city, border crossing)"), max_length=120, blank=True)
    occurred_on = models.DateField(_("date"), null=True, blank=True)
    date_is_approximate = models.BooleanField(_("approximate date"), default=False)
    description = EncryptedTextField(_("description"), blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("route event")
        verbose_name_plural = _("route events")

    @property
    def place_label(self) -> str:
        """Where, for people to read, in the active language: "Taftan, Chagai, Balochistan";
        in Urdu "Taftan، چاغی، بلوچستان" (the place as typed). Shown on the journey page and as
        the API's label; the API gives the codes in fields of their own."""
        where = (
            str(self.district)
            if self.district_id
            else (str(self.country) if self.country_id else "")
        )
        return join_list(part for part in (self.place, where) if part)


class Note(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    body = EncryptedTextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")
