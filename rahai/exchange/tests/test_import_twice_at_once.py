"""Committing one import twice at the same time (two browser tabs, a double click): the first
completes, the second is told so in the user's language, and nothing is half-saved.

The race is simulated in one database connection: the second commit runs while the first is
between reading the import keys already used and writing its own."""

import threading

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation

from rahai.cases.access import visible_cases
from rahai.exchange import services
from rahai.exchange.models import ImportBatch, ImportedRecord, ImportStatus
from rahai.exchange.tests.test_import import COLUMNS, GOOD, VALUES, counts, csv_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def mapping(world):
    return services.mapping_save(
        user=world.owner,
        name="Kasur police",
        source="kasur-police",
        columns=COLUMNS,
        value_maps=VALUES,
    )


def run_during_the_first_commit(monkeypatch, second_commit):
    """Run ``second_commit`` once, when the first commit creates its first person; keep what
    it returned or the messages it raised."""
    outcome: dict = {}
    person_create = services.people_services.person_create

    def person_create_with_a_race(**kwargs):
        if "started" not in outcome:
            outcome["started"] = True
            try:
                outcome["result"] = second_commit()
            except ValidationError as exc:
                outcome["messages"] = exc.messages
        return person_create(**kwargs)

    monkeypatch.setattr(services.people_services, "person_create", person_create_with_a_race)
    return outcome


def test_a_second_commit_of_the_same_import_while_the_first_runs_is_told_and_saves_nothing(
    world, mapping, monkeypatch
):
    before_cases, before_persons = counts(world.owner)
    batch = upload(world, mapping, csv_bytes(*GOOD))
    other_tab = ImportBatch.objects.get(pk=batch.pk)  # the same batch, loaded by another request
    outcome = run_during_the_first_commit(
        monkeypatch, lambda: services.import_commit(user=world.owner, batch=other_tab)
    )
    first = services.import_commit(user=world.owner, batch=batch)
    assert outcome["messages"] == [
        "This file is being imported by another request (another tab or a second click); "
        "reload the page in a moment to see the result."
    ]
    assert first.status == ImportStatus.COMMITTED and first.rows_created == 3
    assert counts(world.owner) == (before_cases + 3, before_persons + 3)
    assert ImportedRecord.objects.filter(batch=batch, kind=ImportedRecord.Kind.ROW).count() == 3


def test_committing_an_import_another_tab_has_committed_is_told_and_changes_nothing(world, mapping):
    batch = upload(world, mapping, csv_bytes(*GOOD))
    other_tab = ImportBatch.objects.get(pk=batch.pk)  # loaded before the first commit ended
    services.import_commit(user=world.owner, batch=batch)
    after = counts(world.owner)
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        services.import_commit(user=world.owner, batch=other_tab)
    assert caught.value.messages == ["This file has been imported; upload it again to re-check it."]
    assert counts(world.owner) == after
    stored = ImportBatch.objects.get(pk=batch.pk)
    assert stored.status == ImportStatus.COMMITTED and stored.rows_created == 3


def test_checking_an_import_another_tab_has_committed_keeps_it_imported(world, mapping):
    batch = upload(world, mapping, csv_bytes(*GOOD))
    other_tab = ImportBatch.objects.get(pk=batch.pk)  # loaded before the commit ended
    services.import_commit(user=world.owner, batch=batch)
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        services.import_check(user=world.owner, batch=other_tab)
    assert caught.value.messages == ["This file has been imported; upload it again to re-check it."]
    stored = ImportBatch.objects.get(pk=batch.pk)
    assert stored.status == ImportStatus.COMMITTED and stored.rows_skipped == 0


def test_another_file_committing_the_same_rows_at_the_same_time_leaves_nothing_half_saved(
    world, mapping, monkeypatch
):
    """Two uploads of one file committed at once: the one that finds its rows taken under it
    is told to check again and imports nothing."""
    before = counts(world.owner)
    batch = upload(world, mapping, csv_bytes(*GOOD))

    def the_other_upload_takes_the_rows():
        checked = services.import_check(user=world.owner, batch=other)  # the same rows
        for row in checked.rows:  # what the other commit wrote (committed by its transaction)
            ImportedRecord.objects.create(
                organisation=world.owner_org,
                kind=ImportedRecord.Kind.ROW,
                key=row.row_key,
                batch=other,
            )

    other = upload(world, mapping, csv_bytes(*GOOD))
    run_during_the_first_commit(monkeypatch, the_other_upload_takes_the_rows)
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        services.import_commit(user=world.owner, batch=batch)
    assert caught.value.messages == [
        "Another import committed some of these rows at the same time, so nothing of this file "
        "was imported. Check the file again: rows imported since are skipped."
    ]
    assert counts(world.owner) == before  # no case or person of this file was kept
    stored = ImportBatch.objects.get(pk=batch.pk)
    assert stored.status != ImportStatus.COMMITTED and stored.committed_at is None


def test_a_double_click_on_import_gives_a_message_not_a_server_error(
    world, mapping, login, client, monkeypatch
):
    batch = upload(world, mapping, csv_bytes(*GOOD))
    services.import_check(user=world.owner, batch=batch)
    login(world.owner)
    url = f"/exchange/imports/{batch.pk}/commit/"
    outcome = run_during_the_first_commit(monkeypatch, lambda: client.post(url))
    response = client.post(url, follow=True)
    second = outcome["result"]
    assert second.status_code == 302  # the second click: a message, no error page
    told = [str(message) for message in get_messages(second.wsgi_request)]
    assert told and told[0].startswith("This file is being imported by another request")
    assert response.status_code == 200 and "3 rows imported" in response.content.decode()
    assert visible_cases(world.owner).filter(fir_number="102/2019").count() == 1


@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="two connections at once: PostgreSQL (SQLite runs one writer at a time)",
)
@pytest.mark.django_db(transaction=True)  # two connections, each with its own transaction
def test_on_postgresql_a_second_commit_is_told_at_once_while_the_first_completes(
    world, mapping, monkeypatch
):
    batch = upload(world, mapping, csv_bytes(*GOOD))
    first_is_importing, second_has_finished = threading.Event(), threading.Event()
    person_create = services.people_services.person_create

    def person_create_waiting_for_the_second(**kwargs):
        first_is_importing.set()
        second_has_finished.wait(timeout=30)
        return person_create(**kwargs)

    monkeypatch.setattr(
        services.people_services, "person_create", person_create_waiting_for_the_second
    )
    outcome: dict = {}

    def other_tab():
        try:
            first_is_importing.wait(timeout=30)
            services.import_commit(user=world.owner, batch=ImportBatch.objects.get(pk=batch.pk))
            outcome["messages"] = []
        except ValidationError as exc:
            outcome["messages"] = exc.messages
        finally:
            second_has_finished.set()
            connection.close()

    thread = threading.Thread(target=other_tab)
    thread.start()
    first = services.import_commit(user=world.owner, batch=batch)
    thread.join()
    assert outcome["messages"] == [
        "This file is being imported by another request (another tab or a second click); "
        "reload the page in a moment to see the result."
    ]
    assert first.status == ImportStatus.COMMITTED and first.rows_created == 3
    assert ImportedRecord.objects.filter(kind=ImportedRecord.Kind.ROW).count() == 3
