"""Personal data entered through the UI is not readable in the database tables or file."""

from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from rahai.testing import make_case

pytestmark = pytest.mark.django_db(transaction=True)

SECRETS = [
    "Zarmeena",
    "Afridi",
    "Gul Khan",
    "زرمینہ",
    "3740512345678",
    "37405-1234567-8",
    "3331234567",
    "Mohalla Jhuggian",
    "held at a kiln near",
]


def _all_table_text() -> str:
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                chunks.append(" ".join(str(value) for value in row))
    return "\n".join(chunks)


def test_raw_tables_contain_no_names_cnics_or_phones(world, login):
    client = login(world.owner)
    case = make_case(world.owner)
    response = client.post(
        reverse("cases:role_add", args=[case.pk]),
        {
            "person-given_name": "Zarmeena",
            "person-family_name": "Afridi",
            "person-father_name": "Gul Khan",
            "person-name_urdu": "زرمینہ آفریدی",
            "person-cnic": "37405-1234567-8",
            "person-phones": "0333 1234567",
            "person-address": "Mohalla Jhuggian, Lahore",
            "person-gender": "female",
            "person-education": "unknown",
            "person-marital_status": "unknown",
            "role-role": "victim",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.post(
        reverse("cases:note_add", args=[case.pk]), {"body": "She was held at a kiln near Kasur."}
    )
    text = _all_table_text()
    for secret in SECRETS:
        assert secret.lower() not in text.lower(), secret
    if connection.vendor == "sqlite":
        connection.close()
        path = Path(connection.settings_dict["NAME"])
        assert path.exists(), "the SQLite test database should be a file"
        raw = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
        assert len(raw) > 100_000
        for secret in SECRETS:
            assert secret.encode() not in raw, secret


def test_ciphertext_moved_to_another_column_does_not_decrypt(world):
    from rahai.core.crypto import DecryptionError, decrypt

    with connection.cursor() as cursor:
        cursor.execute("SELECT given_name FROM people_person WHERE id = %s", [world.victim.pk])
        (ciphertext,) = cursor.fetchone()
    assert decrypt(ciphertext, context="people.person.given_name") == "Muhammad Imran"
    with pytest.raises(DecryptionError):
        decrypt(ciphertext, context="people.person.family_name")


def test_encrypted_fields_refuse_plain_lookups(world):
    from rahai.people.access import visible_persons

    with pytest.raises(TypeError):
        list(visible_persons(world.owner).filter(given_name="Muhammad Imran"))
