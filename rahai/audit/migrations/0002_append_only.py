"""On PostgreSQL the audit table refuses DELETE, and any UPDATE other than re-encrypting the
details during key rotation, at the database level. This is defence in depth: the database
owner can still disable the trigger, which `rahai audit verify` then catches through the keyed
hash chain. (SQLite, the embedded demo database, relies on the chain alone.)"""

from django.db import migrations

POSTGRES = [
    """CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS $$
       BEGIN
         IF TG_OP = 'UPDATE' AND
            ROW(NEW.seq, NEW.at, NEW.actor_id, NEW.actor_label, NEW.organisation_id, NEW.action,
                NEW.object_type, NEW.object_id, NEW.case_id, NEW.person_id, NEW.fields::text,
                NEW.ip_address, NEW.prev_digest, NEW.digest)
            IS NOT DISTINCT FROM
            ROW(OLD.seq, OLD.at, OLD.actor_id, OLD.actor_label, OLD.organisation_id, OLD.action,
                OLD.object_type, OLD.object_id, OLD.case_id, OLD.person_id, OLD.fields::text,
                OLD.ip_address, OLD.prev_digest, OLD.digest) THEN
           RETURN NEW;
         END IF;
         RAISE EXCEPTION 'the audit log is append-only';
       END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER audit_auditentry_append_only BEFORE UPDATE OR DELETE ON audit_auditentry
       FOR EACH ROW EXECUTE FUNCTION audit_append_only()""",
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS audit_auditentry_append_only ON audit_auditentry",
    "DROP FUNCTION IF EXISTS audit_append_only()",
]


def statements(schema_editor, *, create: bool) -> list[str]:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        return POSTGRES if create else POSTGRES_DROP
    return []


def forwards(apps, schema_editor):
    apps.get_model("audit", "AuditHead").objects.get_or_create(pk=1)
    for sql in statements(schema_editor, create=True):
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    for sql in statements(schema_editor, create=False):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
