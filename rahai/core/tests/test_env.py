from pathlib import Path

import pytest
from django.db.utils import ConnectionHandler

from rahai.core.env import database_from_url, sqlite_database


def test_a_relative_sqlite_url_is_under_the_base_directory(tmp_path):
    db = database_from_url("sqlite:///var/rahai.sqlite3", base_dir=tmp_path)
    assert db["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(db["NAME"]) == tmp_path / "var" / "rahai.sqlite3"


def test_a_postgres_url_gives_its_parts_and_keeps_connections_open():
    db = database_from_url("postgres://rahai:p%40ss@db.example:5433/rahai", base_dir=Path("/"))
    assert (db["USER"], db["PASSWORD"], db["HOST"], db["PORT"], db["NAME"]) == (
        "rahai",
        "p@ss",
        "db.example",
        "5433",
        "rahai",
    )
    assert db["CONN_MAX_AGE"] > 0 and db["CONN_HEALTH_CHECKS"]


def test_an_unknown_database_scheme_is_refused():
    with pytest.raises(ValueError, match="mysql"):
        database_from_url("mysql://root@localhost/rahai", base_dir=Path("/"))


def test_sqlite_keeps_durable_writes_and_its_connection_between_requests(
    tmp_path, django_db_blocker
):
    """Opening an SQLite connection costs ~3 ms of CPU and closing the last one checkpoints the
    WAL, so the end of a request must not close it (Django's close_old_connections)."""
    handler = ConnectionHandler({"default": sqlite_database(tmp_path / "probe.sqlite3")})
    connection = handler["default"]
    with django_db_blocker.unblock():
        try:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                assert cursor.fetchone()[0] == "wal"
                cursor.execute("PRAGMA synchronous")
                assert cursor.fetchone()[0] == 2  # FULL: a report survives a power cut
            opened = connection.connection
            connection.close_if_unusable_or_obsolete()  # what the end of every request does
            assert connection.connection is opened
        finally:
            connection.close()
