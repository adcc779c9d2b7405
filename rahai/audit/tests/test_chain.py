"""The audit log detects edited, inserted and deleted entries, and names them."""

import pytest
from django.core.management import call_command
from django.db import connection

from rahai.audit.models import AuditAction, AuditEntry
from rahai.audit.services import audit_record
from rahai.audit.verify import verify_chain

pytestmark = pytest.mark.django_db


def _raw(sql, params=()):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # the tamperer is the table owner: they can switch the append-only trigger off
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(
                "ALTER TABLE audit_auditentry DISABLE TRIGGER audit_auditentry_append_only"
            )
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE audit_auditentry ENABLE TRIGGER audit_auditentry_append_only"
            )


def _entries(n=5):
    for i in range(n):
        audit_record(action=AuditAction.SYSTEM, object_type="test", object_id=i, details={"i": i})


def test_an_untouched_log_verifies():
    _entries()
    checked, problems = verify_chain()
    assert checked == 5 and problems == []


def test_an_edited_entry_is_named():
    _entries()
    _raw("UPDATE audit_auditentry SET action = %s WHERE seq = 3", [AuditAction.DELETE])
    _checked, problems = verify_chain()
    assert [(p.seq, p.kind) for p in problems] == [(3, "altered")]


def test_edited_details_are_detected():
    _entries()
    other = AuditEntry.objects.get(seq=4)
    with connection.cursor() as cursor:
        cursor.execute("SELECT details FROM audit_auditentry WHERE seq = 4")
        (ciphertext,) = cursor.fetchone()
    _raw("UPDATE audit_auditentry SET details = %s WHERE seq = 2", [ciphertext])
    _checked, problems = verify_chain()
    assert [(p.seq, p.kind) for p in problems] == [(2, "altered")]
    assert other.details == {"i": 3}


def test_a_deleted_entry_is_named():
    _entries()
    _raw("DELETE FROM audit_auditentry WHERE seq = 2")
    _checked, problems = verify_chain()
    assert problems[0].seq == 2 and problems[0].kind == "deleted"


def test_deleting_the_newest_entries_is_detected():
    _entries()
    _raw("DELETE FROM audit_auditentry WHERE seq >= 4")
    _checked, problems = verify_chain()
    assert [(p.seq, p.kind) for p in problems] == [(4, "deleted")]


def test_an_inserted_entry_is_named():
    _entries()
    row = AuditEntry.objects.get(seq=5)
    _raw(
        "INSERT INTO audit_auditentry (seq, at, actor_label, action, object_type, object_id, fields, "
        "ip_address, prev_digest, digest) VALUES (6, %s, 'intruder', 'system', 'test', 'x', '[]', '', %s, %s)",
        [row.at, row.digest, "f" * 64],
    )
    _checked, problems = verify_chain()
    assert (6, "altered") in [(p.seq, p.kind) for p in problems] or (6, "inserted") in [
        (p.seq, p.kind) for p in problems
    ]


def test_a_forged_entry_in_a_gap_breaks_the_chain():
    _entries()
    _raw("DELETE FROM audit_auditentry WHERE seq = 3")
    row = AuditEntry.objects.get(seq=2)
    _raw(
        "INSERT INTO audit_auditentry (seq, at, actor_label, action, object_type, object_id, fields, "
        "ip_address, prev_digest, digest) VALUES (3, %s, 'intruder', 'system', 'test', 'x', '[]', '', %s, %s)",
        [row.at, row.digest, "a" * 64],
    )
    _checked, problems = verify_chain()
    assert [(p.seq, p.kind) for p in problems][:1] == [(3, "altered")]


def test_audit_verify_command_fails_and_names_the_entry(capsys):
    _entries()
    call_command("audit", "verify")
    assert "5 entries verified" in capsys.readouterr().out
    _raw("UPDATE audit_auditentry SET object_id = 'x' WHERE seq = 1")
    with pytest.raises(SystemExit):
        call_command("audit", "verify")
    assert "entry 1 was altered" in capsys.readouterr().err


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgres_refuses_updates_and_deletes():
    from django.db import DatabaseError, transaction

    _entries(1)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET action = 'x'")
