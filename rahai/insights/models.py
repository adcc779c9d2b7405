"""Pre-aggregated counts for the analysts' dashboards, and the state of the job that fills them.

Dashboards read ``Count`` only; they never touch a case, a person or a contact. ``Count`` holds
no personal data and no case references: one row is the number of units (cases, victims,
suspects, contacts, ...) of one statistic in one month and one combination of dimension values.
See docs/insights.md for the statistics and how the fill job keeps them up to date.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    """Which grouping a row belongs to. Every unit is counted once at each level: at its
    district, its province and nationally, split by case types (and gender and age band), and
    again at the same three places as one total over case types, genders and ages -- the small
    rows that views without those filters read."""

    NATIONAL = 0, _("Pakistan")
    PROVINCE = 1, _("Province")
    DISTRICT = 2, _("District")
    NATIONAL_TOTAL = 3, _("Pakistan, all case types and persons")
    PROVINCE_TOTAL = 4, _("Province, all case types and persons")
    DISTRICT_TOTAL = 5, _("District, all case types and persons")


# A level's total counterpart is this much higher.
TOTAL_OFFSET = 3
MONTH, YEAR = 1, 12


class Count(models.Model):
    statistic = models.CharField(max_length=24)
    # First day of the month the units belong to (a case's opening month, a contact's month),
    # or of the year for yearly rows.
    period = models.DateField()
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    # 1: a month's counts; 12: a year's (the sum of its months, period = 1 January), so that a
    # view over whole years reads a twelfth of the rows.
    span = models.PositiveSmallIntegerField(default=MONTH)
    # Codes from rahai.geo ("" = rolled up at this level, or unknown at the district level).
    province = models.CharField(max_length=2, blank=True)
    district = models.CharField(max_length=3, blank=True)
    # Bit mask of the case types (rahai.insights.statistics.CASE_TYPE_BITS); 0 = none recorded.
    case_types = models.PositiveSmallIntegerField(default=0)
    # Of the person counted (victims, suspects); "" where the statistic does not count persons.
    gender = models.CharField(max_length=16, blank=True)
    age_band = models.CharField(max_length=8, blank=True)
    # "" for the plain count; otherwise a breakdown ("exploitation_type") and its value.
    dimension = models.CharField(max_length=24, blank=True)
    value = models.CharField(max_length=120, blank=True)
    n = models.PositiveIntegerField()
    # Sum of the statistic's measure where it has one (seconds to first response), else 0.
    total = models.BigIntegerField(default=0)

    class Meta:
        indexes = [
            # Every dashboard query: one statistic and breakdown, one level, a place, months;
            # the other columns are in the index too, so a query never visits the table.
            models.Index(
                fields=[
                    "statistic",
                    "dimension",
                    "level",
                    "span",
                    "province",
                    "district",
                    "period",
                    "case_types",
                    "gender",
                    "age_band",
                    "value",
                    "n",
                    "total",
                ],
                name="insights_count_read",
            ),
            # The fill job replaces one month of one statistic at a time.
            models.Index(fields=["period", "statistic"], name="insights_count_fill"),
        ]

    def __str__(self) -> str:
        return f"{self.statistic} {self.period:%Y-%m} {self.dimension}={self.value}: {self.n}"


class FillState(models.Model):
    """Where the fill job is for one statistic: its watermarks, the months still to recompute,
    and how the last run went. A run that stops half-way leaves ``pending`` for the next."""

    class Status(models.TextChoices):
        IDLE = "idle", _("Up to date")
        RUNNING = "running", _("Filling")
        FAILED = "failed", _("Failed")

    statistic = models.CharField(max_length=24, primary_key=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.IDLE)
    # Months ("YYYY-MM-01") whose counts must be recomputed; emptied as each month is written.
    pending = models.JSONField(default=list, blank=True)
    # Years ("YYYY") whose yearly rows must be summed again from their months.
    pending_years = models.JSONField(default=list, blank=True)
    # Watermarks of the last planning: changes up to these have been turned into pending months.
    changes_seen_at = models.DateTimeField(null=True, blank=True)
    last_id = models.BigIntegerField(default=0)
    last_audit_seq = models.BigIntegerField(default=0)
    # The run in progress (or the last one).
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    rebuilt_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(default=0)
    months_done = models.PositiveIntegerField(default=0)
    rows = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("fill state")
        verbose_name_plural = _("fill states")

    def __str__(self) -> str:
        return f"{self.statistic}: {self.status}"


class CaseMonth(models.Model):
    """The month each case was last counted under, so that a case whose opening date moves to
    another month is taken out of the old month's counts (ids and months only)."""

    case_id = models.BigIntegerField(primary_key=True)
    period = models.DateField(db_index=True)
