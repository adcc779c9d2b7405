import pytest

from rahai.accounts.models import RoleCode
from rahai.orgs.models import JurisdictionLevel, OrganisationKind
from rahai.testing import make_org, make_user


@pytest.fixture
def hotline(world):
    """A national hotline with an operator and an on-call supervisor, beside the usual world."""
    org = make_org(
        "National Hotline",
        kind=OrganisationKind.HOTLINE,
        district_code="ISB",
        level=JurisdictionLevel.NATIONAL,
    )
    operator = make_user("operator", org, RoleCode.HOTLINE_OPERATOR)
    supervisor = make_user("hotline-supervisor", org, RoleCode.SUPERVISOR)
    supervisor.email = "supervisor@example.org"
    supervisor.save()

    class Hotline:
        organisation = org

    Hotline.operator = operator
    Hotline.supervisor = supervisor
    return Hotline
