import random

import pytest

from rahai.insights.tests.factories import generate


@pytest.fixture
def generated(world):
    """The World plus 90 generated cases (victims, suspects, routes) and 90 contacts."""
    return generate(random.Random(20261128), world.owner_org, 90)
