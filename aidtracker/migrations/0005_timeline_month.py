"""The timeline's monthly rollup (aidtracker_timelinemonth) and the triggers that keep it.

A summary per day would not pay: with 100,000 synthetic pledges over four years there are
82,577 distinct (day, donor, recipient, kind, stage, status) keys, almost one per pledge;
per month there are 22,425. Day and week timelines read the pledges themselves.
"""

from django.db import migrations, models

from ._postgresql import on_postgresql, statement_triggers, trigger_function

# --- Triggers that keep aidtracker_timelinemonth exact (PostgreSQL) ---
#
# The rollup is a function of the live tables: for each pledge, +1 (and its USD and EUR
# amounts) on its month/donor/recipient/kind/stage/status row with category "", and on
# the row of each distinct category among its items. Statement-level triggers with
# transition tables apply the difference a statement makes, once per statement (a COPY
# of 10,000 rows is one upsert), in the writer's own transaction.

ROLLUP = "aidtracker_timelinemonth"
KEY = "month, donor, recipient, kind, stage, status, category"
PLEDGE_COLUMNS = (
    "id, announced_on, donor_id, recipient_id, kind, stage, status, amount_usd, amount_eur"
)
MONTH = "(DATE_TRUNC('month', {}::timestamp))::date"

# `keyed` rows (sign, month, donor, recipient, kind, stage, status, category, usd, eur)
# summed into the rollup; keys in a fixed order, so concurrent writers lock rows alike.
APPLY = f"""
INSERT INTO {ROLLUP} ({KEY}, pledges, amount_usd, amount_eur)
SELECT {KEY}, SUM(sign), SUM(sign * usd), SUM(sign * eur) FROM keyed
GROUP BY {KEY} ORDER BY {KEY}
ON CONFLICT ({KEY}) DO UPDATE SET
    pledges = {ROLLUP}.pledges + EXCLUDED.pledges,
    amount_usd = {ROLLUP}.amount_usd + EXCLUDED.amount_usd,
    amount_eur = {ROLLUP}.amount_eur + EXCLUDED.amount_eur;
DELETE FROM {ROLLUP} WHERE pledges = 0;
"""

# From `changes` (pledge rows with a sign): their own rows and their category rows.
PLEDGE_KEYED = f"""
keyed AS (
    SELECT c.sign, {MONTH.format("c.announced_on")} AS month, c.donor_id AS donor,
           c.recipient_id AS recipient, c.kind, c.stage, c.status, ''::varchar AS category,
           COALESCE(c.amount_usd, 0) AS usd, COALESCE(c.amount_eur, 0) AS eur
    FROM changes c
    UNION ALL
    SELECT c.sign, {MONTH.format("c.announced_on")}, c.donor_id, c.recipient_id, c.kind,
           c.stage, c.status, i.category, COALESCE(c.amount_usd, 0), COALESCE(c.amount_eur, 0)
    FROM changes c JOIN (
        SELECT DISTINCT pledge_id, category FROM aidtracker_pledgeitem
        WHERE pledge_id IN (SELECT id FROM changes)
    ) i ON i.pledge_id = c.id
)"""

RELEVANT = "announced_on, donor_id, recipient_id, kind, stage, status, amount_usd, amount_eur"
PLEDGE_CHANGES = {
    "INSERT": f"SELECT {PLEDGE_COLUMNS}, 1 AS sign FROM new_rows",
    "DELETE": f"SELECT {PLEDGE_COLUMNS}, -1 AS sign FROM old_rows",
    # Only pledges whose timeline columns changed (most saves touch other fields).
    "UPDATE": " UNION ALL ".join(
        f"SELECT {', '.join(f'{side}.{c}' for c in PLEDGE_COLUMNS.split(', '))}, {sign} AS sign "
        f"FROM old_rows o JOIN new_rows n ON n.id = o.id "
        f"WHERE ({', '.join('o.' + c for c in RELEVANT.split(', '))}) "
        f"IS DISTINCT FROM ({', '.join('n.' + c for c in RELEVANT.split(', '))})"
        for side, sign in (("o", -1), ("n", 1))
    ),
}

NO_ITEMS = (
    "SELECT NULL::bigint AS id, NULL::bigint AS pledge_id, NULL::varchar AS category WHERE false"
)
ITEM_CHANGED = (
    "FROM {a} x JOIN {b} y ON y.id = x.id "
    "WHERE (x.pledge_id, x.category) IS DISTINCT FROM (y.pledge_id, y.category)"
)
ITEM_SETS = {
    "INSERT": (NO_ITEMS, "SELECT id, pledge_id, category FROM new_rows"),
    "DELETE": ("SELECT id, pledge_id, category FROM old_rows", NO_ITEMS),
    "UPDATE": (
        "SELECT x.id, x.pledge_id, x.category " + ITEM_CHANGED.format(a="old_rows", b="new_rows"),
        "SELECT x.id, x.pledge_id, x.category " + ITEM_CHANGED.format(a="new_rows", b="old_rows"),
    ),
}

# Items changed: the categories of each touched pledge before (the table now, without
# the new rows, with the old ones) and after (the table now); the differences count.
ITEM_BODY = f"""
WITH o AS ({{old}}), n AS ({{new}}),
affected AS (SELECT pledge_id FROM o UNION SELECT pledge_id FROM n),
now_items AS (
    SELECT id, pledge_id, category FROM aidtracker_pledgeitem
    WHERE pledge_id IN (SELECT pledge_id FROM affected)
),
after_set AS (SELECT DISTINCT pledge_id, category FROM now_items),
before_set AS (
    SELECT DISTINCT pledge_id, category FROM (
        SELECT id, pledge_id, category FROM now_items WHERE id NOT IN (SELECT id FROM n)
        UNION ALL SELECT id, pledge_id, category FROM o
    ) b
),
delta AS (
    SELECT pledge_id, category, 1 AS sign
    FROM (SELECT * FROM after_set EXCEPT SELECT * FROM before_set) gained
    UNION ALL
    SELECT pledge_id, category, -1
    FROM (SELECT * FROM before_set EXCEPT SELECT * FROM after_set) lost
),
keyed AS (
    SELECT d.sign, {MONTH.format("p.announced_on")} AS month, p.donor_id AS donor,
           p.recipient_id AS recipient, p.kind, p.stage, p.status, d.category,
           COALESCE(p.amount_usd, 0) AS usd, COALESCE(p.amount_eur, 0) AS eur
    FROM delta d JOIN aidtracker_pledge p ON p.id = d.pledge_id
)
{APPLY}"""

REBUILD = f"""
CREATE OR REPLACE FUNCTION aidtracker_timeline_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM {ROLLUP};
    WITH changes AS (SELECT {PLEDGE_COLUMNS}, 1 AS sign FROM aidtracker_pledge), {PLEDGE_KEYED}
    {APPLY}
END $$;
"""


def _function(name: str, branches: dict[str, str]) -> str:
    body = "\n".join(
        f"{'IF' if n == 0 else 'ELSIF'} TG_OP = '{op}' THEN\n{sql}"
        for n, (op, sql) in enumerate(branches.items())
    )
    return trigger_function(name, f"{body}\nEND IF;")


def _triggers(table: str, function: str) -> list[str]:
    return statement_triggers(table, function, "timeline", ("INSERT", "DELETE", "UPDATE"))


PLEDGE_FUNCTION = _function(
    "aidtracker_timeline_pledges",
    {op: f"WITH changes AS ({sql}), {PLEDGE_KEYED}\n{APPLY}" for op, sql in PLEDGE_CHANGES.items()},
)
ITEM_FUNCTION = _function(
    "aidtracker_timeline_items",
    {op: ITEM_BODY.format(old=old, new=new) for op, (old, new) in ITEM_SETS.items()},
)
CREATE_SQL = [
    PLEDGE_FUNCTION,
    ITEM_FUNCTION,
    REBUILD,
    *_triggers("aidtracker_pledge", "aidtracker_timeline_pledges"),
    *_triggers("aidtracker_pledgeitem", "aidtracker_timeline_items"),
    "SELECT aidtracker_timeline_rebuild()",
]
DROP_SQL = [
    *(
        f"DROP TRIGGER IF EXISTS {table}_timeline_{op} ON {table}"
        for table in ("aidtracker_pledge", "aidtracker_pledgeitem")
        for op in ("insert", "update", "delete")
    ),
    "DROP FUNCTION IF EXISTS aidtracker_timeline_pledges()",
    "DROP FUNCTION IF EXISTS aidtracker_timeline_items()",
    "DROP FUNCTION IF EXISTS aidtracker_timeline_rebuild()",
]


class Migration(migrations.Migration):
    dependencies = [
        ("aidtracker", "0004_search_and_review_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="TimelineMonth",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("month", models.DateField(help_text="First day of the month")),
                ("donor", models.CharField(max_length=8)),
                ("recipient", models.CharField(max_length=8)),
                ("kind", models.CharField(max_length=16)),
                ("stage", models.CharField(max_length=16)),
                ("status", models.CharField(max_length=16)),
                ("category", models.CharField(blank=True, max_length=24)),
                ("pledges", models.BigIntegerField()),
                ("amount_usd", models.DecimalField(decimal_places=2, max_digits=28)),
                ("amount_eur", models.DecimalField(decimal_places=2, max_digits=28)),
            ],
            options={
                "indexes": [
                    models.Index(
                        condition=models.Q(("category", "")),
                        fields=["status", "month"],
                        include=(
                            "donor", "recipient", "kind", "stage", "pledges", "amount_usd",
                            "amount_eur",
                        ),
                        name="timeline_month_pledges",
                    ),
                    models.Index(
                        fields=["donor", "status", "month"],
                        include=(
                            "recipient", "kind", "stage", "category", "pledges", "amount_usd",
                            "amount_eur",
                        ),
                        name="timeline_month_donor",
                    ),
                    models.Index(
                        condition=models.Q(("pledges", 0)), fields=["id"], name="timeline_month_empty"
                    ),
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=(
                            "month",
                            "donor",
                            "recipient",
                            "kind",
                            "stage",
                            "status",
                            "category",
                        ),
                        name="timeline_month_key",
                    )
                ],
            },
        ),
        migrations.RunPython(on_postgresql(CREATE_SQL), on_postgresql(DROP_SQL)),
    ]
