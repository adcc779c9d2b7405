"""The one place that decides who may read and write cases.

Views, the API, exports and jobs fetch cases only through these functions; a test fails when
other code queries ``Case`` (or the models hanging off it) directly. Anyone without access
gets a 404, never a hint that the case exists.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from rahai.accounts.models import RoleCode
from rahai.cases.models import Case, CaseRole, CaseShare, Event, Sensitivity
from rahai.geo.models import District
from rahai.orgs.models import JurisdictionLevel, OrganisationKind, Team

# Roles that may change a case their organisation owns.
EDIT_ROLES = (
    RoleCode.CASEWORKER,
    RoleCode.INVESTIGATOR,
    RoleCode.HOTLINE_OPERATOR,
    RoleCode.SUPERVISOR,
    RoleCode.PROSECUTOR,
)

# Organisations whose supervisors oversee every case in their jurisdiction. Service providers
# (NGOs, shelters, legal aid, health), courts and embassies see a case only when it is theirs,
# shared with them, or through a referral's scope (``rahai.referrals.access``): a shelter's
# supervisor must not read the police's cases because a referral once came their way.
OVERSIGHT_KINDS = frozenset(
    {
        OrganisationKind.POLICE_STATION,
        OrganisationKind.FIA_AHTC,
        OrganisationKind.PROSECUTION,
        OrganisationKind.LABOUR_DEPARTMENT,
        OrganisationKind.DVC,
        OrganisationKind.TIP_COMMITTEE,
        OrganisationKind.HOTLINE,
    }
)


def _jurisdiction_q(organisation) -> Q | None:
    level = organisation.jurisdiction_level
    if level == JurisdictionLevel.NATIONAL:
        return Q()
    if level == JurisdictionLevel.PROVINCE and organisation.province_id:
        # The province's districts as a subquery, not a join through geo_district: with the
        # join SQLite reaches every case through the district index (5x slower at 100k cases).
        districts = District.objects.filter(province_id=organisation.province_id).values("id")
        return Q(district_id__in=districts)
    if level == JurisdictionLevel.DISTRICT and organisation.district_id:
        return Q(district_id=organisation.district_id)
    return None


def visible_cases(user) -> QuerySet[Case]:
    """Every case this user may see: owned by or shared with their organisation, within a
    supervisor's jurisdiction, or restricted to a team they are on."""
    if not getattr(user, "is_authenticated", False) or not user.works_cases:
        return Case.objects.none()
    organisation = user.organisation
    shared = CaseShare.objects.filter(organisation_id=organisation.id, revoked_at__isnull=True)
    scope = Q(owner_id=organisation.id) | Q(id__in=shared.values("case_id"))
    if user.has_role(RoleCode.SUPERVISOR) and organisation.kind in OVERSIGHT_KINDS:
        jurisdiction = _jurisdiction_q(organisation)
        if jurisdiction is not None and not jurisdiction:
            scope = Q()  # national jurisdiction: every normal case
        elif jurisdiction is not None:
            scope |= jurisdiction
    my_teams = Team.members.through.objects.filter(user_id=user.id).values("team_id")
    return Case.objects.filter(
        (Q(sensitivity=Sensitivity.NORMAL) & scope)
        | Q(sensitivity=Sensitivity.RESTRICTED, team_id__in=my_teams)
    )


def access_case(user, case_id, *, write: bool = False) -> Case:
    """The case, if the user may see it (and change it when ``write``); otherwise 404/403."""
    try:
        case = (
            visible_cases(user)
            .select_related("owner", "district__province", "team")
            .get(pk=int(case_id))
        )
    except (Case.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if write and not can_edit_case(user, case):
        raise PermissionDenied
    return case


def access_case_by_reference(user, reference: str) -> Case:
    try:
        return visible_cases(user).get(reference=reference.strip().upper())
    except Case.DoesNotExist:
        raise Http404 from None


def can_edit_case(user, case: Case) -> bool:
    """Only the owning organisation's case staff change a case; partners read and add notes."""
    return user.works_cases and user.organisation_id == case.owner_id and user.has_role(*EDIT_ROLES)


def can_add_note(user, case: Case) -> bool:
    """Anyone who may see the case (owner, partner, team, supervisor) may add a note to it."""
    return user.works_cases and visible_cases(user).filter(pk=case.pk).exists()


def editable_cases(user) -> QuerySet[Case]:
    if not getattr(user, "is_authenticated", False) or not user.has_role(*EDIT_ROLES):
        return Case.objects.none()
    return visible_cases(user).filter(owner_id=user.organisation_id)


def system_cases(*, purpose: str) -> QuerySet[Case]:
    """All cases, for system jobs (key rotation, statistics); the caller audits the purpose."""
    assert purpose, "a system job must say why it reads every case"
    return Case.objects.all()


def system_case_roles(*, purpose: str) -> QuerySet[CaseRole]:
    """All persons' roles in all cases, for system jobs (statistics); the caller audits."""
    assert purpose, "a system job must say why it reads every role"
    return CaseRole.objects.all()


def case_has_role(*, case_id: int, person_id: int, role: str) -> bool:
    """Whether the person already has this role in the case: a yes or no, nothing more (an
    import's check that a row was imported before under another key)."""
    return CaseRole.objects.filter(case_id=case_id, person_id=person_id, role=role).exists()


def system_events(*, purpose: str) -> QuerySet[Event]:
    """All route events of all cases, for system jobs (statistics); the caller audits."""
    assert purpose, "a system job must say why it reads every route"
    return Event.objects.all()


def case_ids_with_persons(person_ids) -> QuerySet:
    """Ids of cases in which any of these persons has a role (to be narrowed by ``visible_cases``)."""
    return CaseRole.objects.filter(person_id__in=person_ids).values("case_id")
