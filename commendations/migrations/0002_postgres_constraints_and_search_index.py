"""What PostgreSQL enforces beyond the model-generated schema; SQLite gets nothing here (the
services, `Versioned.clean()` and the model-based tests guard it there).

- A deferred constraint trigger on both tables: a nomination is approved exactly when the decision
  it is listed in has been issued. Checked at COMMIT, because issuing writes both tables in one
  transaction.
- An exclusion constraint per dated table (`ExcludeOverlap`, btree_gist): two versions of the same
  thing are never in force on one day.
- A trigram index serving `search_text LIKE '%hung%'` (the lists' search), with the pg_trgm
  extension; unaccent is created too, for ad-hoc SQL against names (the app normalises in Python,
  the same way on SQLite)."""

from django.db import migrations

from commendations.validity import ExcludeOverlap

NOMINATION_DECISION_CONSISTENT = """
CREATE OR REPLACE FUNCTION commendations_nomination_decision_consistent() RETURNS trigger AS $$
DECLARE
    bad RECORD;
BEGIN
    IF TG_TABLE_NAME = 'commendations_nomination' THEN
        SELECT n.id, n.state AS nstate, d.id AS did, d.state AS dstate INTO bad
          FROM commendations_nomination n
          LEFT JOIN commendations_decision d ON d.id = n.decision_id
         WHERE n.id = NEW.id
           AND ((n.state = 'approved') IS DISTINCT FROM (COALESCE(d.state, '') = 'issued'));
    ELSE
        SELECT n.id, n.state AS nstate, d.id AS did, d.state AS dstate INTO bad
          FROM commendations_decision d
          JOIN commendations_nomination n ON n.decision_id = d.id
         WHERE d.id = NEW.id
           AND ((n.state = 'approved') IS DISTINCT FROM (d.state = 'issued'))
         LIMIT 1;
    END IF;
    IF FOUND THEN
        RAISE EXCEPTION 'nomination %% is %% but decision %% is %%',
            bad.id, bad.nstate, bad.did, bad.dstate USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS commendations_nomination_decision_consistent ON commendations_nomination;
CREATE CONSTRAINT TRIGGER commendations_nomination_decision_consistent
    AFTER INSERT OR UPDATE ON commendations_nomination DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION commendations_nomination_decision_consistent();
DROP TRIGGER IF EXISTS commendations_decision_nominations_consistent ON commendations_decision;
CREATE CONSTRAINT TRIGGER commendations_decision_nominations_consistent
    AFTER UPDATE ON commendations_decision DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION commendations_nomination_decision_consistent();
"""
NOMINATION_DECISION_CONSISTENT_DROP = """
DROP TRIGGER IF EXISTS commendations_nomination_decision_consistent ON commendations_nomination;
DROP TRIGGER IF EXISTS commendations_decision_nominations_consistent ON commendations_decision;
DROP FUNCTION IF EXISTS commendations_nomination_decision_consistent();
"""

SEARCH_INDEX = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE INDEX IF NOT EXISTS nomination_search_trgm ON commendations_nomination "
    "USING gin (search_text gin_trgm_ops)",
]
SEARCH_INDEX_DROP = ["DROP INDEX IF EXISTS nomination_search_trgm"]


def on_postgres(*statements: str):
    """A RunPython function that executes `statements` on PostgreSQL and nothing elsewhere."""

    def run(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("commendations", "0001_initial")]

    operations = [
        migrations.RunPython(
            on_postgres(NOMINATION_DECISION_CONSISTENT),
            on_postgres(NOMINATION_DECISION_CONSISTENT_DROP),
        ),
        ExcludeOverlap("unitversion", key=("unit",), name="unitversion_no_overlap"),
        ExcludeOverlap("servicerecord", key=("person",), name="servicerecord_no_overlap"),
        ExcludeOverlap("ruleset", key=("award_type",), name="ruleset_no_overlap"),
        ExcludeOverlap("legalbasis", key=("short_name", "authority"), name="legalbasis_no_overlap"),
        ExcludeOverlap("prizerule", key=("authority", "award_type"), name="prizerule_no_overlap"),
        ExcludeOverlap("basesalary", key=(), name="basesalary_no_overlap"),
        migrations.RunPython(on_postgres(*SEARCH_INDEX), on_postgres(*SEARCH_INDEX_DROP)),
    ]
