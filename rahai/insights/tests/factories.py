"""factory_boy factories for volume: cases, persons, roles, route events and hotline contacts.

They write rows directly (not through the services, which audit every write) so a test can
make a few hundred cases quickly. ``generate(rng, owner, n)`` makes a varied, seeded mix.
"""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta

import factory
from django.utils import timezone

from rahai.cases.models import (
    Case,
    CaseRole,
    Event,
    ExploitationType,
    MeansOfControl,
    PerpetratorRole,
    RecruitmentMethod,
    VulnerabilityFactor,
)
from rahai.geo.models import Country, District
from rahai.hotline.choices import Channel, ContactClass
from rahai.hotline.models import Contact
from rahai.people.models import Person

_refs = itertools.count(1)


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    reference = factory.LazyFunction(lambda: f"TS-TST-2026-{next(_refs):06d}")
    opened_on = date(2026, 1, 15)
    title = "Generated case"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    given_name = factory.Sequence(lambda i: f"Zarghuna{i}")
    family_name = "Testwali"
    gender = "female"


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseRole

    role = "victim"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    event_type = "exploitation"
    position = factory.Sequence(lambda i: i + 1)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    reference = factory.Sequence(lambda i: f"TSTC{i:06d}")
    channel = Channel.WEB
    received_at = factory.LazyFunction(timezone.now)


ROUTES = [
    [("recruitment", "d:GRW"), ("transit", "d:QTA"), ("transit", "c:IR"), ("exploitation", "c:TR")],
    [("recruitment", "d:SKT"), ("transit", "c:AE"), ("transit", "c:LY"), ("interception", "c:LY")],
    [("recruitment", "d:MZG"), ("exploitation", "d:LHR")],
    [("recruitment", "d:TPR"), ("exploitation", "d:HYD"), ("return", "d:TPR")],
    [("exploitation", "c:SA")],
]


def generate(rng: random.Random, owner, n_cases: int, *, months: int = 14) -> list[Case]:
    """``n_cases`` cases over ``months`` months, with victims, suspects, routes; and contacts."""
    districts = list(District.objects.filter(code__in=["LHR", "KSO", "GRW", "QTA", "PEW", "SKT"]))
    countries = {c.code: c for c in Country.objects.filter(code__in=["PK", "AF", "IN", "IR"])}
    all_districts = {d.code: d for d in District.objects.all()}
    all_countries = {c.code: c for c in Country.objects.all()}
    start = date(2025, 1, 1)
    cases = []
    for _i in range(n_cases):
        opened = start + timedelta(days=rng.randrange(months * 30))
        flags = rng.sample(
            [
                "is_trafficking_internal",
                "is_trafficking_transnational",
                "is_smuggling",
                "is_bonded_labour",
            ],
            rng.choice([1, 1, 1, 2]),
        )
        case = CaseFactory(
            owner=owner,
            district=rng.choice(districts),
            opened_on=opened,
            status=rng.choice(["active", "closed", "follow_up"]),
            **dict.fromkeys(flags, True),
        )
        cases.append(case)
        for _v in range(rng.choice([0, 1, 1, 2, 3])):
            person = PersonFactory(
                owner=owner,
                gender=rng.choice(["female", "male", "male", "transgender", "unknown"]),
                birth_date=date(rng.randint(1960, 2018), rng.randint(1, 12), 1)
                if rng.random() < 0.4
                else None,
                estimated_age=rng.randint(5, 60) if rng.random() < 0.3 else None,
                age_estimated_on=date(2024, 6, 1),
                citizenship=countries[rng.choice(["PK", "PK", "PK", "AF", "IN"])]
                if rng.random() < 0.8
                else None,
                district=rng.choice(districts) if rng.random() < 0.5 else None,
            )
            RoleFactory(
                case=case,
                person=person,
                role="victim",
                trafficking_status=rng.choice(["possible", "actual", ""]),
                exploitation_types=rng.sample(ExploitationType.values, rng.choice([0, 1, 2])),
                means_of_control=rng.sample(MeansOfControl.values, rng.choice([0, 1, 3])),
                recruitment_method=rng.choice(RecruitmentMethod.values + [""]),
                recruiter_relationship=rng.choice(["family", "agent", ""]),
                industry=rng.choice(["A", "C", "T", ""]),
                vulnerability_factors=rng.sample(
                    VulnerabilityFactor.values, rng.choice([0, 1, 2, 4])
                ),
                age_when_trafficked=rng.randint(6, 40) if rng.random() < 0.3 else None,
            )
        for _s in range(rng.choice([0, 1, 2])):
            suspect = PersonFactory(owner=owner, gender=rng.choice(["male", "female"]))
            RoleFactory(
                case=case,
                person=suspect,
                role="suspect",
                perpetrator_roles=rng.sample(PerpetratorRole.values, rng.choice([0, 1, 2])),
            )
        if rng.random() < 0.1:
            witness = PersonFactory(owner=owner)
            RoleFactory(case=case, person=witness, role="witness")
        if rng.random() < 0.7:
            for position, (kind, token) in enumerate(rng.choice(ROUTES), 1):
                code = token[2:]
                EventFactory(
                    case=case,
                    position=position,
                    event_type=kind,
                    district=all_districts[code] if token.startswith("d:") else None,
                    country=all_countries[code] if token.startswith("c:") else None,
                )
    now = timezone.now()
    for i in range(n_cases):
        received = timezone.make_aware(
            timezone.datetime(2025, 1, 1) + timedelta(hours=rng.randrange(months * 30 * 24))
        )
        responded = received + timedelta(minutes=rng.choice([5, 30, 200, 3000])) if i % 4 else None
        ContactFactory(
            channel=rng.choice(Channel.values),
            contact_class=rng.choice(ContactClass.values + [""]),
            received_at=received,
            district=rng.choice(districts) if rng.random() < 0.8 else None,
            sla_due_at=received + timedelta(hours=rng.choice([1, 24])) if i % 5 else None,
            first_response_at=responded if responded is None or responded < now else None,
            case_types=rng.sample(
                ["smuggling", "bonded_labour", "trafficking_internal"], rng.choice([0, 1])
            ),
        )
    return cases
