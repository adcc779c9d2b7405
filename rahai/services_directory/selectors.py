"""Finding providers: by service and district, and their places on the offline map."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from rahai.core.text import join_list
from rahai.geo.models import District
from rahai.services_directory.models import ServiceOffering


def offerings(
    *, service: str = "", district: District | None = None, public_only: bool = False
) -> QuerySet[ServiceOffering]:
    """Active offerings of active organisations, for a service and serving a district."""
    found = ServiceOffering.objects.filter(active=True, organisation__active=True)
    if service:
        found = found.filter(service=service)
    if district is not None:
        found = found.filter(serving_q(district))
    if public_only:
        found = found.filter(public=True)
    return (
        found.select_related("organisation__district__province")
        .prefetch_related("districts", "provinces")
        .distinct()
        .order_by("organisation__name", "service")
    )


def serving_q(district: District) -> Q:
    return Q(nationwide=True) | Q(districts=district) | Q(provinces=district.province_id)


def providers_for(service: str, district: District | None) -> list[int]:
    """Ids of organisations offering ``service`` in ``district`` (for the referral form)."""
    if not service:
        return []
    return list(
        offerings(service=service, district=district)
        .values_list("organisation_id", flat=True)
        .distinct()
    )


# --- the offline map ----------------------------------------------------------------------
# An equirectangular projection of Pakistan's bounding box (with a margin): no tiles, no scripts.
WEST, EAST, SOUTH, NORTH = 60.5, 78.0, 23.4, 37.3
WIDTH = 500
HEIGHT = round(WIDTH * (NORTH - SOUTH) / (EAST - WEST) * 1.15)  # 1.15: cos(latitude) stretch


@dataclass(frozen=True)
class MapPoint:
    x: float
    y: float
    label: str
    count: int = 0
    anchor: str = ""


def project(latitude, longitude) -> tuple[float, float]:
    x = (float(longitude) - WEST) / (EAST - WEST) * WIDTH
    y = (NORTH - float(latitude)) / (NORTH - SOUTH) * HEIGHT
    return round(x, 1), round(y, 1)


def provider_map(found: list[ServiceOffering], district: District | None = None) -> dict:
    """Every district as a faint dot; each provider's home district as a marker sized by the
    number of matching offerings there; the searched district ringed."""
    background = [
        MapPoint(*project(d.latitude, d.longitude), label=d.name)
        for d in District.objects.filter(active=True)
    ]
    by_district: dict[int, list[ServiceOffering]] = {}
    for offering in found:
        home = offering.organisation.district
        if home is not None:
            by_district.setdefault(home.pk, []).append(offering)
    markers = []
    for items in by_district.values():
        home = items[0].organisation.district
        names = sorted({str(item.organisation) for item in items})
        markers.append(
            MapPoint(
                *project(home.latitude, home.longitude),
                label=f"{home.name}: " + join_list(names),
                count=len(items),
                anchor=f"offering-{items[0].pk}",
            )
        )
    searched = None
    if district is not None:
        searched = MapPoint(*project(district.latitude, district.longitude), label=district.name)
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "background": background,
        "markers": markers,
        "searched": searched,
    }
