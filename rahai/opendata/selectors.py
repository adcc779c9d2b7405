"""Reading victims for a release: one audited system read, turned into plain rows.

Only the fields a release may use leave this module: year and month of registration, gender,
an age in years (computed here: no date of birth goes further), citizenship, province and
district codes, country of the first exploitation event, the victim context's code lists.
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache

from django.db.models import TextField
from django.db.models.functions import Cast

from rahai.cases.access import system_cases
from rahai.consent.models import ConsentDecision, ConsentPurpose
from rahai.people.access import system_persons

PURPOSE = "open data release: k-anonymised statistics of victims"
EXCLUDED_NOT_TRAFFICKED = "trafficking status decided: not trafficked"
EXCLUDED_REFUSED = "refused use in statistics"


def _age(on: date, birth_date, estimated_age, estimated_on, age_when_trafficked) -> int | None:
    if birth_date:
        return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
    if estimated_age is not None:
        shift = on.year - estimated_on.year if estimated_on else 0
        return max(estimated_age + shift, 0)
    return age_when_trafficked


@lru_cache(maxsize=4096)
def _code_list(raw: str | None) -> tuple[str, ...]:
    """A JSON list of codes as stored. A release reads a million of them with a few hundred
    distinct values, so each is decoded once (``json.loads`` per row was a fifth of the read)."""
    if not raw:
        return ()
    value = json.loads(raw)
    return tuple(value) if isinstance(value, list) else ()


def refused_statistics() -> set[int]:
    """Persons whose latest live decision on use in statistics is a refusal."""
    latest: dict[int, tuple] = {}
    rows = (
        system_persons(purpose=PURPOSE)
        .filter(consents__purpose=ConsentPurpose.STATISTICS, consents__withdrawn_at__isnull=True)
        .values_list("id", "consents__decided_on", "consents__id", "consents__decision")
    )
    for person_id, decided_on, consent_id, decision in rows:
        key = (decided_on, consent_id)
        if person_id not in latest or key > latest[person_id][0]:
            latest[person_id] = (key, decision)
    return {pid for pid, (_key, decision) in latest.items() if decision == ConsentDecision.REFUSED}


def victim_rows(*, years) -> tuple[list[dict], dict[str, int]]:
    """One row per victim role in a case registered in ``years``, and what was left out."""
    years = sorted(set(int(y) for y in years))
    cases = system_cases(purpose=PURPOSE).filter(
        opened_on__gte=date(years[0], 1, 1), opened_on__lte=date(years[-1], 12, 31)
    )
    exploitation: dict[int, dict] = {}
    events = cases.filter(events__event_type="exploitation").values_list(
        "id",
        "events__position",
        "events__id",
        "events__person_id",
        "events__country__code",
        "events__district_id",
    )
    for case_id, position, event_id, person_id, country, district_id in events:
        where = country or ("PK" if district_id else "")
        if not where:
            continue
        firsts = exploitation.setdefault(case_id, {})
        key = person_id  # an event about one person wins over the case's own for them
        if key not in firsts or (position, event_id) < firsts[key][0]:
            firsts[key] = ((position, event_id), where)
    refused = refused_statistics()
    victims = (
        cases.filter(roles__role="victim")
        .annotate(
            types_raw=Cast("roles__exploitation_types", TextField()),
            means_raw=Cast("roles__means_of_control", TextField()),
        )
        .values_list(
            "id",
            "opened_on",
            "district__code",
            "district__province__code",
            "roles__person_id",
            "roles__trafficking_status",
            "types_raw",
            "means_raw",
            "roles__recruiter_relationship",
            "roles__age_when_trafficked",
            "roles__person__gender",
            "roles__person__birth_date",
            "roles__person__estimated_age",
            "roles__person__age_estimated_on",
            "roles__person__citizenship__code",
        )
    )
    wanted = set(years)
    rows: list[dict] = []
    excluded = {EXCLUDED_NOT_TRAFFICKED: 0, EXCLUDED_REFUSED: 0}
    for (
        case_id,
        opened_on,
        district,
        province,
        person_id,
        status,
        types,
        means,
        recruiter,
        age_trafficked,
        gender,
        birth_date,
        estimated_age,
        estimated_on,
        citizenship,
    ) in victims.iterator(chunk_size=5000):
        if opened_on.year not in wanted:
            continue
        if status == "not":
            excluded[EXCLUDED_NOT_TRAFFICKED] += 1
            continue
        if person_id in refused:
            excluded[EXCLUDED_REFUSED] += 1
            continue
        firsts = exploitation.get(case_id, {})
        country = (firsts.get(person_id) or firsts.get(None) or (None, ""))[1]
        rows.append(
            {
                "year": opened_on.year,
                "month": opened_on.month,
                "gender": gender,
                "age": _age(opened_on, birth_date, estimated_age, estimated_on, age_trafficked),
                "citizenship": citizenship or "",
                "province": province,
                "district": district,
                "country_of_exploitation": country,
                "exploitation_types": list(_code_list(types)),
                "means_of_control": list(_code_list(means)),
                "recruiter_relationship": recruiter or "",
            }
        )
    return rows, {reason: n for reason, n in excluded.items() if n}
