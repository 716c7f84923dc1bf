"""A database-level guard on both audit tables: on PostgreSQL a trigger rejects UPDATE and DELETE
of transition rows and of event rows, so not even raw SQL from the application can rewrite
history. (SQLite: the model layer guards.)"""

from django.db import migrations

TABLES = ("workflow_transitionlog", "workflow_auditevent")


def _create(table: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION {table}_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{table} is append-only (%% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS {table}_guard ON {table};
CREATE TRIGGER {table}_guard
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {table}_immutable();
"""


def _drop(table: str) -> str:
    return f"""
DROP TRIGGER IF EXISTS {table}_guard ON {table};
DROP FUNCTION IF EXISTS {table}_immutable();
"""


def forwards(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(_create(table))


def backwards(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(_drop(table))


class Migration(migrations.Migration):
    dependencies = [("workflow", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
