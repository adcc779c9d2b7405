"""Demo committees: the District Vigilance Committee of Kasur (the brick-kiln belt south of
Lahore) and the Punjab provincial task force on human trafficking, with members, meetings,
attendance, minutes, decisions and action items (some of them overdue).

Everything is written through the committee services, so it is validated and audited like
real records. ``seed_committees`` is idempotent: a committee is found by its name, a member by
organisation, name and designation, and a committee's meetings are seeded only once.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from rahai.accounts.models import User
from rahai.cases.access import visible_cases
from rahai.committees import services, services_actions, services_meetings
from rahai.committees.access import access_meeting, can_update_action, system_committees
from rahai.committees.models import (
    ActionStatus,
    AttendanceStatus,
    Committee,
    CommitteeKind,
    Constituency,
    MemberRole,
)
from rahai.geo.models import District
from rahai.orgs.models import Organisation


@dataclass(frozen=True)
class MemberSpec:
    role: str
    represents: str
    designation: str = ""
    org: str | None = None  # demo organisation key
    person_name: str = ""
    user: str | None = None  # demo username


@dataclass(frozen=True)
class ActionSpec:
    text: str
    org: str
    due_in_days: int  # from the meeting's date
    status: str = ActionStatus.OPEN
    person: str = ""
    notes: tuple[str, ...] = ()  # progress notes from the assignee
    decision: int = 0  # the meeting's decision it follows (1-based), 0 for none


@dataclass(frozen=True)
class MeetingSpec:
    days_from_today: int
    hour: int
    venue: str
    agenda: tuple[tuple[str, str], ...]  # (title, minutes); may name {case} / {Case}
    decisions: tuple[tuple[int, str], ...] = ()  # (agenda position, text)
    actions: tuple[ActionSpec, ...] = ()


@dataclass(frozen=True)
class CommitteeSpec:
    name: str
    name_ur: str
    kind: str
    district: str
    host: str
    legal_basis: str
    members: tuple[MemberSpec, ...]
    meetings: tuple[MeetingSpec, ...] = field(default=())


KASUR_DVC = CommitteeSpec(
    name="District Vigilance Committee, Kasur (demo)",
    name_ur="ضلعی ویجیلنس کمیٹی، قصور (ڈیمو)",
    kind=CommitteeKind.DVC,
    district="KSR",
    host="dvc_kasur",
    legal_basis="Bonded Labour System (Abolition) Act 1992 (Punjab, as amended 2012), s. 15",
    members=(
        MemberSpec(
            MemberRole.CHAIR, Constituency.DISTRICT_ADMINISTRATION, "Deputy Commissioner, Kasur"
        ),
        MemberSpec(
            MemberRole.SECRETARY,
            Constituency.LABOUR,
            "District Officer Labour, Kasur",
            org="labour_pb",
        ),
        MemberSpec(
            MemberRole.MEMBER,
            Constituency.POLICE,
            "SHO, Kot Radha Kishan",
            org="ps_kot_radha_kishan",
        ),
        MemberSpec(
            MemberRole.MEMBER, Constituency.NGO, "Caseworker", org="ssdo", user="caseworker"
        ),
        MemberSpec(
            MemberRole.MEMBER, Constituency.BAR, "President, District Bar Association, Kasur"
        ),
        MemberSpec(MemberRole.MEMBER, Constituency.PRESS, "President, Press Club, Kasur"),
        MemberSpec(
            MemberRole.MEMBER,
            Constituency.EMPLOYERS,
            "Brick Kiln Owners Association, Kasur chapter",
        ),
        MemberSpec(
            MemberRole.MEMBER,
            Constituency.WORKERS,
            "Bhatta Mazdoor Union, Kasur",
            person_name="محمد اشرف",
        ),
        MemberSpec(
            MemberRole.OBSERVER,
            Constituency.OTHER,
            "Provincial committee",
            org="tip_punjab",
            user="supervisor",
        ),
    ),
    meetings=(
        MeetingSpec(
            -75,
            11,
            "Committee Room, DC Office, Kasur",
            agenda=(
                (
                    "Bonded labour complaints since the last meeting",
                    "The District Officer Labour reported 14 complaints of peshgi bondage at brick "
                    "kilns, 3 of them with families kept from leaving. {Case} was discussed: "
                    "the family has been released and is in the shelter.",
                ),
                (
                    "Inspection of brick kilns around Kot Radha Kishan",
                    "بھٹہ مالکان کی تنظیم نے معائنے میں تعاون کی یقین دہانی کرائی۔ 25 بھٹوں کا "
                    "معائنہ 30 دن میں مکمل کیا جائے گا۔",
                ),
                (
                    "Rehabilitation of released families",
                    "Released families lack CNICs, which blocks their access to the Bait-ul-Maal "
                    "rehabilitation grant.",
                ),
            ),
            decisions=(
                (
                    1,
                    "FIRs under section 11 of the Act to be registered in every complaint where "
                    "a worker was kept from leaving.",
                ),
                (
                    2,
                    "The Labour Department inspects 25 kilns around Kot Radha Kishan and reports "
                    "to the next meeting.",
                ),
                (3, "Released families are helped to obtain CNICs and apply for the grant."),
            ),
            actions=(
                ActionSpec(
                    "Inspect 25 brick kilns around Kot Radha Kishan; report findings.",
                    "labour_pb",
                    30,
                    ActionStatus.DONE,
                    person="District Officer Labour",
                    notes=("25 kilns inspected; 6 notices issued.",),
                    decision=2,
                ),
                ActionSpec(
                    "Register FIRs under s. 11 in the three complaints of confinement.",
                    "ps_kot_radha_kishan",
                    14,
                    person="SHO, Kot Radha Kishan",
                    decision=1,
                ),
                ActionSpec(
                    "Help the released families obtain CNICs from NADRA.",
                    "ssdo",
                    45,
                    ActionStatus.IN_PROGRESS,
                    notes=("4 of 9 families registered with NADRA.",),
                    decision=3,
                ),
            ),
        ),
        MeetingSpec(
            -20,
            11,
            "Committee Room, DC Office, Kasur",
            agenda=(
                ("Follow-up of action items", "Inspection report received; FIRs still pending."),
                (
                    "Awareness on peshgi for kiln workers",
                    "The union proposed meetings at kilns on Fridays.",
                ),
            ),
            decisions=(
                (
                    2,
                    "An awareness campaign at kilns on peshgi and the workers' rights under the "
                    "Act, with the union and the NGO.",
                ),
            ),
            actions=(
                ActionSpec(
                    "Run four awareness sessions at kilns with the union.", "ssdo", 40, decision=1
                ),
                ActionSpec(
                    "Free legal advice desk for released workers at the district courts.",
                    "legal_aid",
                    30,
                ),
            ),
        ),
        MeetingSpec(
            25,
            11,
            "Committee Room, DC Office, Kasur",
            agenda=(("Follow-up of action items", ""), ("Report of the awareness campaign", "")),
        ),
    ),
)

PUNJAB_TASK_FORCE = CommitteeSpec(
    name="Punjab Provincial Task Force on Human Trafficking (demo)",
    name_ur="پنجاب صوبائی ٹاسک فورس برائے انسدادِ انسانی اسمگلنگ (ڈیمو)",
    kind=CommitteeKind.PROVINCIAL_TIP,
    district="",
    host="tip_punjab",
    legal_basis="Prevention of Trafficking in Persons Act 2018; Home Department notification "
    "(demo)",
    members=(
        MemberSpec(
            MemberRole.CHAIR,
            Constituency.DISTRICT_ADMINISTRATION,
            "Additional Chief Secretary (Home), Punjab",
        ),
        MemberSpec(
            MemberRole.SECRETARY,
            Constituency.OTHER,
            "Provincial coordinator",
            org="tip_punjab",
            user="supervisor",
        ),
        MemberSpec(
            MemberRole.MEMBER, Constituency.FIA, "Deputy Director", org="fia_lahore", user="fia"
        ),
        MemberSpec(
            MemberRole.MEMBER,
            Constituency.PROSECUTION,
            "Deputy Prosecutor General",
            org="prosecution_pb",
            user="prosecutor",
        ),
        MemberSpec(
            MemberRole.MEMBER, Constituency.POLICE, "SP Investigation, Lahore", org="ps_shahdara"
        ),
        MemberSpec(
            MemberRole.MEMBER, Constituency.LABOUR, "Director Labour Welfare", org="labour_pb"
        ),
        MemberSpec(
            MemberRole.MEMBER,
            Constituency.SOCIAL_WELFARE,
            "Superintendent",
            org="shelter_lahore",
            user="shelter",
        ),
        MemberSpec(MemberRole.MEMBER, Constituency.NGO, "Executive Director", org="ssdo"),
        MemberSpec(MemberRole.CO_OPTED, Constituency.OTHER, "Hotline manager", org="hotline"),
    ),
    meetings=(
        MeetingSpec(
            -40,
            15,
            "Committee Room, Home Department, Civil Secretariat, Lahore",
            agenda=(
                (
                    "Transnational cases on the Iran–Turkey–Greece route",
                    "FIA briefed on returnees deported through Taftan; {case} was cited as an "
                    "example of a family recruited with an advance.",
                ),
                (
                    "Pending trials under PTPA 2018",
                    "Prosecution reported delays in trials where victims have returned home.",
                ),
                ("Shelter capacity in Lahore", "Dar-ul-Aman Lahore is at 90% of its capacity."),
            ),
            decisions=(
                (1, "FIA to share the list of absconding recruiters with the district police."),
                (2, "Prosecution to review PTPA trials pending for more than a year."),
                (3, "The shelter reports its capacity to every meeting."),
            ),
            actions=(
                ActionSpec(
                    "Share the list of absconding recruiters with district police.",
                    "fia_lahore",
                    35,
                    person="Deputy Director",
                    decision=1,
                ),
                ActionSpec(
                    "Review PTPA 2018 trials pending for more than a year.",
                    "prosecution_pb",
                    60,
                    decision=2,
                ),
                ActionSpec(
                    "Report shelter capacity and waiting list.",
                    "shelter_lahore",
                    20,
                    ActionStatus.DONE,
                    notes=("Report sent: 46 of 50 places taken.",),
                    decision=3,
                ),
            ),
        ),
        MeetingSpec(
            35,
            15,
            "Committee Room, Home Department, Civil Secretariat, Lahore",
            agenda=(("Follow-up of action items", ""),),
        ),
    ),
)

COMMITTEES = (KASUR_DVC, PUNJAB_TASK_FORCE)
# Attendance drawn for each member of a held meeting (present most often).
ATTENDANCE_WEIGHTS = (
    (AttendanceStatus.PRESENT, 7),
    (AttendanceStatus.REPRESENTED, 2),
    (AttendanceStatus.APOLOGY, 1),
    (AttendanceStatus.ABSENT, 1),
)


def seed_committees(*, orgs: dict[str, Organisation], users: dict[str, User], rng) -> int:
    """Create the demo committees that are missing, with their members and meetings; return
    how many committees were created."""
    rng = rng or random.Random(0)
    writer = users.get("dvc") or users["supervisor"]
    created = 0
    with transaction.atomic():
        for spec in COMMITTEES:
            author = users["supervisor"] if spec.host == "tip_punjab" else writer
            committee, new = _committee(spec, orgs, author)
            created += new
            _members(committee, spec, orgs, users, author)
            if not committee.meetings.exists():
                for meeting in spec.meetings:
                    _meeting(committee, meeting, orgs, users, author, rng)
    return created


def _committee(spec: CommitteeSpec, orgs, author) -> tuple[Committee, bool]:
    existing = system_committees(purpose="demo loader: find the demo committees").filter(
        name=spec.name
    )
    if existing.exists():
        return existing.get(), False
    district = District.objects.select_related("province").get(code=spec.district or "LHR")
    committee = services.committee_create(
        user=author,
        data={
            "name": spec.name,
            "name_ur": spec.name_ur,
            "kind": spec.kind,
            "province": district.province,
            "district": district if spec.district else None,
            "host": orgs[spec.host],
            "secretariat": author.organisation,
            "legal_basis": spec.legal_basis,
            "active": True,
        },
    )
    return committee, True


def _members(committee, spec: CommitteeSpec, orgs, users, author) -> None:
    have = {(m.organisation_id, m.person_name, m.designation) for m in committee.members.all()}
    start = timezone.localdate() - timedelta(days=365)
    for member in spec.members:
        organisation = orgs.get(member.org) if member.org else None
        if member.org and organisation is None:
            continue
        key = (organisation.pk if organisation else None, member.person_name, member.designation)
        if key in have:
            continue
        services.member_add(
            user=author,
            committee=committee,
            data={
                "organisation": organisation,
                "person_name": member.person_name,
                "designation": member.designation,
                "user": users.get(member.user) if member.user else None,
                "role": member.role,
                "represents": member.represents,
                "start_on": start,
            },
        )


def _case_words(users) -> dict[str, str]:
    """A demo bonded-labour case in Punjab that the provincial supervisor may see, if any."""
    case = (
        visible_cases(users["supervisor"])
        .filter(is_bonded_labour=True, district__province__code="PB")
        .order_by("id")
        .first()
    )
    words = f"case {case.reference}" if case else "a recent case"
    return {"case": words, "Case": words[0].upper() + words[1:]}


def _meeting(committee, spec: MeetingSpec, orgs, users, author, rng) -> None:
    day = timezone.localdate() + timedelta(days=spec.days_from_today)
    starts_at = timezone.make_aware(datetime.combine(day, time(spec.hour)))
    meeting = services_meetings.meeting_schedule(
        user=author,
        committee=committee,
        starts_at=starts_at,
        venue=spec.venue,
        agenda=[title for title, _minutes in spec.agenda],
    )
    if starts_at > timezone.now():
        return
    meeting = services_meetings.meeting_mark_held(user=author, meeting=meeting)
    meeting = access_meeting(author, meeting.pk)
    rows = list(meeting.committee.members.all())
    statuses, weights = zip(*ATTENDANCE_WEIGHTS, strict=True)
    entries = []
    for member in rows:
        status = rng.choices(statuses, weights=weights)[0]
        if member.role in (MemberRole.CHAIR, MemberRole.SECRETARY):
            status = AttendanceStatus.PRESENT
        entries.append(
            {
                "member": member,
                "status": status,
                "represented_by": "Deputy (nominated)" if status == "represented" else "",
            }
        )
    services_meetings.attendance_record(user=author, meeting=meeting, entries=entries)
    case_words = _case_words(users)
    items = list(meeting.agenda_items.order_by("position"))
    for item, (title, minutes) in zip(items, spec.agenda, strict=True):
        if minutes:
            services_meetings.agenda_item_update(
                user=author, item=item, title=title, minutes=minutes.format(**case_words)
            )
    decisions = [
        services_meetings.decision_add(
            user=author, meeting=meeting, text=text, agenda_item=items[position - 1]
        )
        for position, text in spec.decisions
    ]
    for action_spec in spec.actions:
        organisation = orgs.get(action_spec.org)
        if organisation is None:
            continue
        action = services_actions.action_create(
            user=author,
            meeting=meeting,
            data={
                "text": action_spec.text,
                "organisation": organisation,
                "assigned_person": action_spec.person,
                "due_on": day + timedelta(days=action_spec.due_in_days),
                "decision": decisions[action_spec.decision - 1] if action_spec.decision else None,
            },
        )
        _progress(action, action_spec, users, author)


def _progress(action, spec: ActionSpec, users, author) -> None:
    """The assignee's progress notes and final status (the secretariat's if it has no user)."""
    reporter = next(
        (
            user
            for user in users.values()
            if user.organisation_id == action.organisation_id and can_update_action(user, action)
        ),
        author,
    )
    for note in spec.notes:
        services_actions.action_set_status(
            user=reporter, action=action, status=ActionStatus.IN_PROGRESS, note=note
        )
        action.refresh_from_db(fields=["status"])
    if spec.status != action.status:
        services_actions.action_set_status(user=reporter, action=action, status=spec.status)
