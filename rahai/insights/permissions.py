"""Who may see the dashboards: aggregates only, never personal data or case references.

Analysts (any organisation), supervisors, and the staff of anti-trafficking committees and
District Vigilance Committees. What they see is the same for all of them: national counts,
suppressed below the threshold. None of these pages reads a case, a person or a contact.
"""

from __future__ import annotations

from rahai.accounts.models import RoleCode
from rahai.orgs.models import OrganisationKind

INSIGHT_ROLES = (RoleCode.ANALYST, RoleCode.SUPERVISOR)
COMMITTEE_KINDS = frozenset({OrganisationKind.TIP_COMMITTEE, OrganisationKind.DVC})


def can_see_insights(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.organisation_id is None:
        return False
    return user.has_role(*INSIGHT_ROLES) or user.organisation.kind in COMMITTEE_KINDS


def can_refresh_insights(user) -> bool:
    """May ask for the figures to be brought up to date now (a background job)."""
    return can_see_insights(user) and user.has_role(*INSIGHT_ROLES)
