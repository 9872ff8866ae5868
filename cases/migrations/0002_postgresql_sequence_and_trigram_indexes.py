"""PostgreSQL only: the client-code sequence and trigram indexes for accent-insensitive partial
name search (the columns searched are already casefolded and accent-stripped, so SQLite and
PostgreSQL match the same rows; PostgreSQL just finds them faster). SQLite migrates to the same
schema without them."""

from django.db import migrations

CREATE = [
    "CREATE SEQUENCE IF NOT EXISTS cases_client_code_seq START 1",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS cases_client_norm_full_name_trgm "
    "ON cases_client USING gin (norm_full_name gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS cases_familymember_norm_full_name_trgm "
    "ON cases_familymember USING gin (norm_full_name gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS cases_disclosure_norm_name_trgm "
    "ON cases_disclosurerestriction USING gin (norm_name gin_trgm_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS cases_disclosure_norm_name_trgm",
    "DROP INDEX IF EXISTS cases_familymember_norm_full_name_trgm",
    "DROP INDEX IF EXISTS cases_client_norm_full_name_trgm",
    "DROP SEQUENCE IF EXISTS cases_client_code_seq",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
