"""The review queue's order, and trigram indexes for the `q` search on PostgreSQL.

The search matches with UPPER(column) LIKE '%text%' (Django's icontains); a GIN trigram
index on UPPER(column) serves it. SQLite has no such index: there the search scans.
"""

from django.db import migrations, models

TRIGRAM_INDEXES = [
    ("pledge_summary_trgm", "aidtracker_pledge", "summary"),
    ("item_name_trgm", "aidtracker_pledgeitem", "name"),
    ("evidence_sentence_trgm", "ingest_evidence", "sentence"),
]


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in TRIGRAM_INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin (UPPER("{column}") gin_trgm_ops)'
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in TRIGRAM_INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("aidtracker", "0003_api_indexes"),
        ("ingest", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="pledge",
            index=models.Index(fields=["status", "confidence", "id"], name="pledge_review"),
        ),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes),
    ]
