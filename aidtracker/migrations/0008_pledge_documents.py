"""Stored pledge documents for the API's lists (aidtracker.api.documents), PostgreSQL only.

Every pledge gets a `doc_version` column (outside the Django model: no form, history or
serializer sees it) that takes a new value from a sequence whenever anything the pledge's
JSON shows changes, in the writer's own transaction:
- the pledge itself (a BEFORE UPDATE trigger: any update of the row);
- its items and evidence (inserted, updated, deleted);
- an article quoted by its evidence (url, title, outlet, published_on);
- the name of its donor or recipient, the slug of an equipment its items name.
A stored document is served only while its version equals the pledge's doc_version.
"""

from django.db import migrations, models

from ._postgresql import on_postgresql, statement_triggers, trigger_function

SEQUENCE = "aidtracker_pledge_doc_version"
BUMP = f"UPDATE aidtracker_pledge SET doc_version = nextval('{SEQUENCE}') WHERE {{where}};"


def _triggers(table: str, function: str, ops: tuple[str, ...]) -> list[str]:
    return statement_triggers(table, function, "doc", ops)


def _changed(key: str, columns: str) -> str:
    """The keys of the rows whose `columns` the UPDATE changed."""
    old = ", ".join(f"o.{c}" for c in columns.split(", "))
    new = ", ".join(f"n.{c}" for c in columns.split(", "))
    return (
        f"SELECT n.{key} FROM old_rows o JOIN new_rows n ON n.{key} = o.{key} "
        f"WHERE ({old}) IS DISTINCT FROM ({new})"
    )


# Items and evidence: the pledges they belong to (before and after the statement).
CHILDREN = trigger_function(
    "aidtracker_doc_children",
    "IF TG_OP = 'INSERT' THEN\n"
    + BUMP.format(where="id IN (SELECT pledge_id FROM new_rows)")
    + "\nELSIF TG_OP = 'DELETE' THEN\n"
    + BUMP.format(where="id IN (SELECT pledge_id FROM old_rows)")
    + "\nELSE\n"
    + BUMP.format(
        where="id IN (SELECT pledge_id FROM new_rows UNION SELECT pledge_id FROM old_rows)"
    )
    + "\nEND IF;",
)
ARTICLES = trigger_function(
    "aidtracker_doc_articles",
    BUMP.format(
        where="id IN (SELECT pledge_id FROM ingest_evidence WHERE article_id IN ("
        + _changed("id", "url, title, outlet, published_on")
        + "))"
    ),
)
COUNTRY_CHANGED = _changed("code", "name")
COUNTRIES = trigger_function(
    "aidtracker_doc_countries",
    BUMP.format(where=f"donor_id IN ({COUNTRY_CHANGED}) OR recipient_id IN ({COUNTRY_CHANGED})"),
)
EQUIPMENT = trigger_function(
    "aidtracker_doc_equipment",
    BUMP.format(
        where="id IN (SELECT pledge_id FROM aidtracker_pledgeitem WHERE equipment_id IN ("
        + _changed("id", "slug")
        + "))"
    ),
)
PLEDGE_UPDATED = (
    "CREATE OR REPLACE FUNCTION aidtracker_doc_pledge() RETURNS trigger LANGUAGE plpgsql AS $$\n"
    f"BEGIN\nNEW.doc_version := nextval('{SEQUENCE}');\nRETURN NEW;\nEND $$;"
)
PLEDGE_DELETED = trigger_function(
    "aidtracker_doc_pledges_deleted",
    "DELETE FROM aidtracker_pledgedocument WHERE pledge_id IN (SELECT id FROM old_rows);",
)

CREATE_SQL = [
    f"CREATE SEQUENCE {SEQUENCE}",
    f"ALTER TABLE aidtracker_pledge ADD COLUMN doc_version bigint NOT NULL "
    f"DEFAULT nextval('{SEQUENCE}')",
    CHILDREN,
    ARTICLES,
    COUNTRIES,
    EQUIPMENT,
    PLEDGE_UPDATED,
    PLEDGE_DELETED,
    "CREATE TRIGGER aidtracker_pledge_doc_version BEFORE UPDATE ON aidtracker_pledge "
    "FOR EACH ROW EXECUTE FUNCTION aidtracker_doc_pledge()",
    *_triggers("aidtracker_pledge", "aidtracker_doc_pledges_deleted", ("DELETE",)),
    *_triggers("aidtracker_pledgeitem", "aidtracker_doc_children", ("INSERT", "UPDATE", "DELETE")),
    *_triggers("ingest_evidence", "aidtracker_doc_children", ("INSERT", "UPDATE", "DELETE")),
    *_triggers("ingest_article", "aidtracker_doc_articles", ("UPDATE",)),
    *_triggers("aidtracker_country", "aidtracker_doc_countries", ("UPDATE",)),
    *_triggers("aidtracker_equipment", "aidtracker_doc_equipment", ("UPDATE",)),
]
TRIGGERS = {
    "aidtracker_pledge": ("version", "delete"),
    "aidtracker_pledgeitem": ("insert", "update", "delete"),
    "ingest_evidence": ("insert", "update", "delete"),
    "ingest_article": ("update",),
    "aidtracker_country": ("update",),
    "aidtracker_equipment": ("update",),
}
DROP_SQL = [
    *(
        f"DROP TRIGGER IF EXISTS {table}_doc_{op} ON {table}"
        for table, ops in TRIGGERS.items()
        for op in ops
    ),
    *(
        f"DROP FUNCTION IF EXISTS aidtracker_doc_{name}()"
        for name in ("children", "articles", "countries", "equipment", "pledge", "pledges_deleted")
    ),
    "ALTER TABLE aidtracker_pledge DROP COLUMN IF EXISTS doc_version",
    f"DROP SEQUENCE IF EXISTS {SEQUENCE}",
]


class Migration(migrations.Migration):
    dependencies = [
        ("aidtracker", "0007_timeline_covering_indexes"),
        ("ingest", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="PledgeDocument",
            fields=[
                ("pledge_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("version", models.BigIntegerField()),
                ("format", models.CharField(max_length=16)),
                ("body", models.TextField()),
            ],
        ),
        migrations.RunPython(on_postgresql(CREATE_SQL), on_postgresql(DROP_SQL)),
    ]
