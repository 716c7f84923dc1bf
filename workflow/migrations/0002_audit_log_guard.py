"""A database-level guard: on PostgreSQL a trigger rejects UPDATE and DELETE of audit rows, so
not even raw SQL from the application can rewrite history. (SQLite: the model layer guards.)"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION workflow_transitionlog_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'workflow_transitionlog is append-only (%% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS workflow_transitionlog_guard ON workflow_transitionlog;
CREATE TRIGGER workflow_transitionlog_guard
    BEFORE UPDATE OR DELETE ON workflow_transitionlog
    FOR EACH ROW EXECUTE FUNCTION workflow_transitionlog_immutable();
"""
DROP = """
DROP TRIGGER IF EXISTS workflow_transitionlog_guard ON workflow_transitionlog;
DROP FUNCTION IF EXISTS workflow_transitionlog_immutable();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("workflow", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
