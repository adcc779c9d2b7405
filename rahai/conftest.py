import pytest

from rahai.testing import PASSWORD, World, build_world


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def login(client):
    """Sign a test user in on the Django test client: ``login(world.owner)``."""

    def _login(user):
        assert client.login(username=user.username, password=PASSWORD)
        return client

    return _login


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Failure counters (rate limits) live in the cache: no test inherits another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_by_default():
    """A request in Urdu leaves Urdu active on the thread (LocaleMiddleware never resets it):
    every test starts in the default language, whatever the test before it asked for."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
