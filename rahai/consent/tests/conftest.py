from rahai.api.tests.conftest import api_as  # noqa: F401 (the API client fixture)
from rahai.referrals.tests.conftest import coord  # noqa: F401 (three organisations)
