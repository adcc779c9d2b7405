"""Scenario builders: one function per kind of case, each filling a ``Draft``.

The mix follows the domain brief: brick kilns and farm bonded labour (Punjab, Sindh), domestic
servitude, organised begging, commercial sexual exploitation, and transnational routes (land route
through Iran, Libya boat route, Gulf work visas, Malaysia/Thailand, marriage brokers).
"""

from __future__ import annotations

from rahai.demo.generator import POLICE_BY_DISTRICT, PROVINCE_OF
from rahai.demo.scenarios.internal import agriculture, begging, brick_kiln, domestic, sexual
from rahai.demo.scenarios.transnational import east, gulf, land_route, marriage_cn, sea_route

WEIGHTS = {
    "brick_kiln": 20,
    "agriculture": 9,
    "domestic": 12,
    "begging": 6,
    "sexual": 8,
    "marriage_cn": 3,
    "land_route": 17,
    "sea_route": 12,
    "gulf": 12,
    "east": 4,
}
BUILDERS = {
    "brick_kiln": brick_kiln,
    "agriculture": agriculture,
    "domestic": domestic,
    "begging": begging,
    "sexual": sexual,
    "marriage_cn": marriage_cn,
    "land_route": land_route,
    "sea_route": sea_route,
    "gulf": gulf,
    "east": east,
}
assert set(BUILDERS) == set(WEIGHTS)
assert set(POLICE_BY_DISTRICT) <= set(PROVINCE_OF)
