"""Rotating the data key re-encrypts everything and keeps every value and the audit chain."""

import pytest
from django.db import connection
from django.test import override_settings

from rahai.audit.verify import verify_chain
from rahai.core import crypto
from rahai.core.keyrotation import rotate
from rahai.people.access import access_person

pytestmark = pytest.mark.django_db

NEW_KEY = "k2:" + crypto.generate_key()


def _stored_key_ids() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT given_name, cnic FROM people_person")
        values = [value for row in cursor.fetchall() for value in row if value]
    return {crypto.key_id_of(value) for value in values}


def test_rotation_re_encrypts_with_the_new_key_and_keeps_values(world, settings):
    old_keys = list(settings.RAHAI_DATA_KEYS)
    assert _stored_key_ids() == {"t1"}
    with override_settings(RAHAI_DATA_KEYS=[NEW_KEY, *old_keys]):
        changed = rotate(batch_size=2)
        assert changed > 0
        assert _stored_key_ids() == {"k2"}
        # the old key can now be dropped
        with override_settings(RAHAI_DATA_KEYS=[NEW_KEY]):
            person = access_person(world.owner, world.victim.pk)
            assert person.given_name == "Muhammad Imran"
            assert person.cnic == "3520212345671"
            assert world.case.notes.count() == 0
            _checked, problems = verify_chain()
            assert problems == []
        assert rotate() == 0  # nothing left to do


def test_values_under_an_unknown_key_fail_loudly(world):
    with override_settings(RAHAI_DATA_KEYS=[NEW_KEY]), pytest.raises(crypto.DecryptionError):
        access_person(world.owner, world.victim.pk).given_name  # noqa: B018
