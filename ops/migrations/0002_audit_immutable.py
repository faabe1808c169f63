"""On PostgreSQL the database itself refuses to change or delete audit rows: a trigger raises on every UPDATE and on
every DELETE, except a DELETE made by the retention purge (ops.services.purge_audit sets the transaction-local
setting ``ops.audit_purge``) of a row older than the six-month floor. TRUNCATE (a test database's flush) is not a
row change and is not refused; only a migration can drop the trigger.

SQLite (development only) has no such setting; there the model and the admin refuse instead."""

from django.db import migrations

FLOOR_DAYS = 184  # ops.services.AUDIT_RETENTION_FLOOR_DAYS when this was written; a later change needs a migration

CREATE = f"""
CREATE OR REPLACE FUNCTION ops_audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND current_setting('ops.audit_purge', true) = 'on'
       AND OLD."timestamp" < now() - interval '{FLOOR_DAYS} days' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit log rows cannot be changed or deleted (% on ops_auditentry)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER ops_auditentry_immutable BEFORE UPDATE OR DELETE ON ops_auditentry
    FOR EACH ROW EXECUTE FUNCTION ops_audit_guard();
"""

DROP = """
DROP TRIGGER IF EXISTS ops_auditentry_immutable ON ops_auditentry;
DROP FUNCTION IF EXISTS ops_audit_guard();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("ops", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
