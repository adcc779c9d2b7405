"""Aggregate counts of referrals and support services for the annual report.

The count tables hold no statistic of referrals or support plans, so these few counts are read
here, through the apps' system access functions (``system_referrals``, ``system_plans``), as
grouped aggregates only: numbers per service type, never a row, a name or a reference. The
caller audits the read once per report run (``audit_service_read``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Count, Q
from django.utils import timezone

from rahai.audit.models import AuditAction
from rahai.audit.services import audit_record
from rahai.referrals.access import system_referrals
from rahai.support.access import system_plans
from rahai.support.models import ServiceStatus

PURPOSE = "annual statistics report: referrals and support services per service type"


@dataclass
class ServiceFigures:
    """Per service type: referrals sent, victims referred, victims receiving the service."""

    referrals: dict[str, int] = field(default_factory=dict)
    victims_referred: dict[str, int] = field(default_factory=dict)
    victims_served: dict[str, int] = field(default_factory=dict)
    total_referrals: int = 0
    total_victims_referred: int = 0
    total_victims_served: int = 0


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    """The year in Pakistan time, as aware datetimes [start, end)."""
    zone = timezone.get_default_timezone()
    return (
        datetime.combine(date(year, 1, 1), time.min, tzinfo=zone),
        datetime.combine(date(year + 1, 1, 1), time.min, tzinfo=zone),
    )


def service_figures(year: int) -> ServiceFigures:
    """Referrals sent in ``year`` and victims who received a service (started or delivered)
    in ``year``, per service type. A victim is a person named in a referral or a support plan;
    a referral of a whole case without a named victim counts as a referral only."""
    start, end = _year_bounds(year)
    figures = ServiceFigures()
    referrals = system_referrals(purpose=PURPOSE).filter(sent_at__gte=start, sent_at__lt=end)
    for row in (
        referrals.values("service")
        .annotate(n=Count("id"), victims=Count("person", distinct=True))
        .order_by()
    ):
        figures.referrals[row["service"]] = row["n"]
        figures.victims_referred[row["service"]] = row["victims"]
    overall = referrals.aggregate(n=Count("id"), victims=Count("person", distinct=True))
    figures.total_referrals = overall["n"] or 0
    figures.total_victims_referred = overall["victims"] or 0

    first, last = date(year, 1, 1), date(year, 12, 31)
    # One filter() call, so both conditions apply to the same planned service.
    served = system_plans(purpose=PURPOSE).filter(
        Q(services__started_on__range=(first, last))
        | Q(services__delivered_on__range=(first, last)),
        services__status__in=[ServiceStatus.IN_PROGRESS, ServiceStatus.DELIVERED],
    )
    for row in (
        served.values("services__service")
        .annotate(victims=Count("person", distinct=True))
        .order_by()
    ):
        figures.victims_served[row["services__service"]] = row["victims"]
    figures.total_victims_served = served.aggregate(n=Count("person", distinct=True))["n"] or 0
    return figures


def audit_service_read(year: int, *, actor=None, label: str = "") -> None:
    """One ``system`` audit entry for the report run's read of referrals and support plans."""
    audit_record(
        action=AuditAction.SYSTEM,
        actor=actor,
        actor_label=label or ("" if actor else "rahai report annual"),
        object_type="reports",
        object_id=f"annual/{year}",
        details={"purpose": PURPOSE, "year": year},
    )
