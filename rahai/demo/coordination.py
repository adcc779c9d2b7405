"""Demo coordination data: the service directory, consents and referrals in every state.

Written through the real services (consent, referral state machine, onward referral), so the
demo shows what users will see: an inbox with referrals waiting, accepted, overdue and done,
an onward referral from the shelter, and a directory to search. Idempotent: nothing is added
once the demo referrals exist.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from rahai.cases.access import editable_cases
from rahai.cases.models import Sensitivity
from rahai.consent.services import consent_for, consent_record
from rahai.geo.models import District, Province
from rahai.orgs.models import Organisation
from rahai.referrals import onward, services
from rahai.referrals.access import access_referral, referable_victims, system_referrals
from rahai.services_directory.models import ServiceOffering

# (organisation key, service, description, nationwide, provinces, districts, hours, capacity,
#  free, languages, public)
OFFERINGS = [
    (
        "shelter_lahore",
        "shelter",
        "Women and children; safe house with a lady doctor on call",
        False,
        [],
        ["LHR", "KSR", "SKP"],
        "24/7",
        40,
        6,
        ["ur", "pa"],
        False,
    ),
    (
        "shelter_lahore",
        "psychosocial",
        "Counselling for women and girls",
        False,
        [],
        ["LHR"],
        "Mon–Sat 9:00–17:00",
        None,
        None,
        ["ur", "pa"],
        True,
    ),
    (
        "legal_aid",
        "legal_aid",
        "Free lawyers for bonded labourers and trafficking victims",
        False,
        ["PB"],
        [],
        "Mon–Fri 9:00–16:00",
        None,
        None,
        ["ur", "pa", "en"],
        True,
    ),
    (
        "ssdo",
        "psychosocial",
        "Trauma counselling, by phone anywhere in Pakistan",
        True,
        [],
        [],
        "Mon–Sat 9:00–18:00",
        None,
        None,
        ["ur", "en", "ps", "sd"],
        True,
    ),
    (
        "ssdo",
        "livelihood",
        "Skills training and small grants for survivors",
        False,
        ["PB", "SD"],
        [],
        "Mon–Fri 9:00–17:00",
        120,
        14,
        ["ur", "pa", "sd"],
        True,
    ),
    (
        "ssdo",
        "family_tracing",
        "Tracing families of rescued children",
        True,
        [],
        [],
        "Mon–Fri 9:00–17:00",
        None,
        None,
        ["ur", "ps", "bal"],
        False,
    ),
    (
        "labour_pb",
        "bonded_labour",
        "Release orders and rehabilitation of bonded labourers",
        False,
        ["PB"],
        [],
        "Mon–Fri 8:00–15:00",
        None,
        None,
        ["ur", "pa"],
        True,
    ),
    (
        "embassy_athens",
        "repatriation",
        "Emergency travel documents and return from Greece",
        True,
        [],
        [],
        "Mon–Fri 9:00–15:00 (Athens)",
        None,
        None,
        ["ur", "en"],
        False,
    ),
    (
        "hotline",
        "interpretation",
        "Interpreters for Pashto, Balochi, Sindhi and Saraiki",
        True,
        [],
        [],
        "24/7",
        None,
        None,
        ["ps", "bal", "sd", "skr"],
        True,
    ),
]


def seed_directory(orgs: dict[str, Organisation]) -> int:
    added = 0
    for (
        key,
        service,
        text,
        nationwide,
        provinces,
        districts,
        hours,
        capacity,
        free,
        langs,
        public,
    ) in OFFERINGS:
        offering, created = ServiceOffering.objects.get_or_create(
            organisation=orgs[key],
            service=service,
            defaults={
                "description": text,
                "nationwide": nationwide,
                "hours": hours,
                "capacity": capacity,
                "places_free": free,
                "languages": langs,
                "contact_name": "Duty desk",
                "phone": "+92 42 111 000 " + f"{100 + added:03d}",
                "public": public,
            },
        )
        if created:
            offering.provinces.set(Province.objects.filter(code__in=provinces))
            offering.districts.set(District.objects.filter(code__in=districts))
            added += 1
    return added


def _victims(user, count: int):
    """Victims of normal (not restricted) cases the user's organisation owns."""
    found = []
    cases = editable_cases(user).filter(sensitivity=Sensitivity.NORMAL).order_by("id")[:200]
    for case in cases:
        for role in referable_victims(user, case):
            found.append((case, role.person))
            if len(found) == count:
                return found
    return found


def _consent(user, person, organisation) -> None:
    current = consent_for(person, "share_organisation", organisation)
    if current is None:
        consent_record(
            user=user,
            person=person,
            data={
                "purpose": "share_organisation",
                "organisation": organisation,
                "decision": "given",
                "language": "ur",
                "notes": "Explained in Urdu; the person agreed.",
            },
        )


def _refer(user, case, person, organisation, service, **extra):
    data = {
        "person": person,
        "to_organisation": organisation,
        "service": service,
        "urgency": extra.pop("urgency", "normal"),
        "need": extra.pop("need"),
        "reason": extra.pop("reason", ""),
        "share_identity": True,
        "share_contact": extra.pop("share_contact", False),
        "due_on": extra.pop("due_on", None),
    }
    return services.referral_create(user=user, case=case, data=data)


@transaction.atomic
def seed_referrals(orgs: dict[str, Organisation], users: dict) -> int:
    fia, shelter = users["fia"], users["shelter"]
    if (
        system_referrals(purpose="demo: already seeded?")
        .filter(from_organisation=orgs["fia_lahore"])
        .exists()
    ):
        return 0
    victims = _victims(fia, 5)
    if len(victims) < 5:
        return 0
    for _case, person in victims:
        _consent(fia, person, orgs["shelter_lahore"])
    _consent(fia, victims[2][1], orgs["ssdo"])
    today = timezone.localdate()
    made = []

    # Waiting for the shelter's answer (an emergency, so the clock is short).
    case, person = victims[0]
    made.append(
        _refer(
            fia,
            case,
            person,
            orgs["shelter_lahore"],
            "shelter",
            urgency="emergency",
            need="Woman with a small child, safe bed tonight.",
        )
    )
    # Accepted and in progress, due in a week.
    case, person = victims[1]
    referral = _refer(
        fia,
        case,
        person,
        orgs["shelter_lahore"],
        "shelter",
        need="Young man released from a kiln, needs a bed and a medical check.",
        reason="Released by the DVC raid; the owner's men threatened him.",
        due_on=today + timedelta(days=7),
    )
    services.referral_accept(user=shelter, referral=access_referral(shelter, referral.pk))
    services.referral_start(user=shelter, referral=access_referral(shelter, referral.pk))
    made.append(referral)
    # Accepted, then passed on by the shelter to the NGO for counselling.
    case, person = victims[2]
    referral = _refer(
        fia,
        case,
        person,
        orgs["shelter_lahore"],
        "shelter",
        need="Girl of 16 recovered from a house in Gulberg, needs shelter.",
        reason="Domestic servitude for two years; family in Kasur.",
    )
    services.referral_accept(user=shelter, referral=access_referral(shelter, referral.pk))
    made.append(referral)
    made.append(
        onward.referral_refer_onward(
            user=shelter,
            referral=access_referral(shelter, referral.pk),
            data={
                "to_organisation": orgs["ssdo"],
                "service": "psychosocial",
                "urgency": "high",
                "need": "Teenage girl, needs trauma counselling in Urdu.",
                "reason": "Two years of domestic servitude.",
                "share_identity": True,
            },
        )
    )
    # Completed with an outcome.
    case, person = victims[3]
    referral = _refer(
        fia,
        case,
        person,
        orgs["shelter_lahore"],
        "shelter",
        need="Man with burns on his hands, needs a bed for two weeks.",
    )
    services.referral_accept(user=shelter, referral=access_referral(shelter, referral.pk))
    services.referral_complete(
        user=shelter,
        referral=access_referral(shelter, referral.pk),
        outcome="Stayed 12 days, treated at Mayo Hospital, went home.",
    )
    made.append(referral)
    # The shelter asked for more information, and the answer is overdue on the fia side.
    case, person = victims[4]
    referral = _refer(
        fia,
        case,
        person,
        orgs["shelter_lahore"],
        "shelter",
        need="Boy of 12 from a workshop, needs a place tonight.",
    )
    services.referral_request_info(
        user=shelter,
        referral=access_referral(shelter, referral.pk),
        question="Is a guardian coming with him?",
    )
    made.append(referral)
    # A case-level referral to the NGO that has waited past its answer time.
    late = _refer(
        fia,
        victims[0][0],
        None,
        orgs["ssdo"],
        "livelihood",
        need="Three released kiln families need skills training.",
    )
    system_referrals(purpose="demo: an overdue example").filter(pk=late.pk).update(
        sent_at=timezone.now() - timedelta(days=5),
        respond_by=timezone.now() - timedelta(days=2),
    )
    made.append(late)
    return len(made)


def seed_coordination(orgs: dict[str, Organisation], users: dict) -> tuple[int, int]:
    return seed_directory(orgs), seed_referrals(orgs, users)
