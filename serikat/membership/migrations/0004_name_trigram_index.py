"""Typo-tolerant name search on PostgreSQL: pg_trgm and a GIN trigram index on member names.

CREATE EXTENSION needs a role allowed to create it (the database owner on PostgreSQL 13+ for this
trusted extension). On SQLite nothing happens: the search ranks candidates in Python instead.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS member_name_trgm ON membership_member USING gin (full_name gin_trgm_ops)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS member_name_trgm")


class Migration(migrations.Migration):
    dependencies = [("membership", "0003_imports")]
    operations = [migrations.RunPython(forwards, backwards)]
