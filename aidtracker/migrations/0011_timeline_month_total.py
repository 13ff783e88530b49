"""TimelineMonthTotal: the monthly rollup summed over every donor and recipient.

A timeline without a donor or recipient filter, not grouped by donor, read every donor's
rollup rows: about 19,000 for the unfiltered monthly timeline on 100,000 synthetic
pledges, where the same months over all donors are about 1,100 rows (6.4 -> 0.6 ms of
PostgreSQL on that query, measured with such rows in place).

Kept by 0009's trigger functions (0005's, writing cents), extended: besides the upsert
into the rollup, each statement inserts its difference as new rows. An upsert would make
one row per month, kind, stage and status shared by every writer of every donor, so a
transaction left open (a bulk load, an editor's session) would hold back all other
writers, and two writers taking such rows in opposite orders could deadlock. Inserts
never wait. Readers sum the rows of a key; once 1,000 rows are unmerged, the writer
merges the table into one row per key, skipping rows another merge holds (so merges
never wait either).
"""

import importlib

from django.db import migrations, models

from ._postgresql import on_postgresql

m0009 = importlib.import_module("aidtracker.migrations.0009_timeline_month_cents")

ROLLUP, TOTALS = m0009.ROLLUP, "aidtracker_timelinemonthtotal"
KEY = "month, kind, stage, status, category"
MERGE_AT = 1000  # unmerged rows

# After `keyed` (sign, month, donor, recipient, kind, stage, status, category, usd, eur),
# in the same statement as 0009's upsert: the difference over every donor, as new rows.
INSERT_TOTALS = f"""
, every_donor AS (
    INSERT INTO {TOTALS} ({KEY}, pledges, usd_cents, eur_cents)
    SELECT {KEY}, SUM(sign), (SUM(sign * usd) * 100)::bigint, (SUM(sign * eur) * 100)::bigint
    FROM keyed GROUP BY {KEY}
    HAVING (SUM(sign), SUM(sign * usd), SUM(sign * eur)) <> (0, 0, 0)
)"""
MERGE_WHEN_MANY = f"""
IF (SELECT COUNT(*) FROM (SELECT 1 FROM {TOTALS} WHERE NOT merged LIMIT {MERGE_AT}) u)
   >= {MERGE_AT} THEN
    PERFORM aidtracker_timeline_merge_totals();
END IF;
"""
MERGE = f"""
CREATE OR REPLACE FUNCTION aidtracker_timeline_merge_totals() RETURNS void LANGUAGE sql AS $$
WITH taken AS (
    DELETE FROM {TOTALS}
    WHERE id IN (SELECT id FROM {TOTALS} ORDER BY id FOR UPDATE SKIP LOCKED)
    RETURNING {KEY}, pledges, usd_cents, eur_cents
)
INSERT INTO {TOTALS} ({KEY}, pledges, usd_cents, eur_cents, merged)
SELECT {KEY}, SUM(pledges), SUM(usd_cents), SUM(eur_cents), true
FROM taken GROUP BY {KEY}
HAVING (SUM(pledges), SUM(usd_cents), SUM(eur_cents)) <> (0, 0, 0)
$$;
"""

CENTS_FUNCTIONS = list(map(m0009.cents_function, m0009.NUMERIC_FUNCTIONS, m0009.APPLIES))
REBUILD_DELETE = f"DELETE FROM {ROLLUP};"


def totals_function(sql: str, applies: int) -> str:
    """0009's function `sql` also writing TimelineMonthTotal (and emptying it to rebuild)."""
    if sql.count(m0009.CENTS_APPLY) != applies:
        raise ValueError(f"0009's CENTS_APPLY expected {applies} times in {sql[:60]!r}")
    sql = sql.replace(m0009.CENTS_APPLY, INSERT_TOTALS + m0009.CENTS_APPLY + MERGE_WHEN_MANY)
    return sql.replace(REBUILD_DELETE, f"{REBUILD_DELETE} DELETE FROM {TOTALS};")


FORWARD = [
    MERGE,
    *map(totals_function, CENTS_FUNCTIONS, m0009.APPLIES),
    "SELECT aidtracker_timeline_rebuild()",
    f"ANALYZE {TOTALS}",
]
BACKWARD = [*CENTS_FUNCTIONS, "DROP FUNCTION IF EXISTS aidtracker_timeline_merge_totals()"]


class Migration(migrations.Migration):
    dependencies = [
        ("aidtracker", "0010_timeline_month_totals"),
    ]

    operations = [
        migrations.CreateModel(
            name="TimelineMonthTotal",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("month", models.DateField(help_text="First day of the month")),
                ("kind", models.CharField(max_length=16)),
                ("stage", models.CharField(max_length=16)),
                ("status", models.CharField(max_length=16)),
                ("category", models.CharField(blank=True, max_length=24)),
                ("pledges", models.BigIntegerField(help_text="change in the number of pledges")),
                ("usd_cents", models.BigIntegerField(help_text="change in amount_usd, in cents")),
                ("eur_cents", models.BigIntegerField(help_text="change in amount_eur, in cents")),
                (
                    "merged",
                    models.BooleanField(db_default=False, help_text="a key's rows summed by a merge"),
                ),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["category", "status", "month"],
                        include=("kind", "stage", "pledges", "usd_cents", "eur_cents"),
                        name="timeline_total_read",
                    ),
                    models.Index(
                        condition=models.Q(("merged", False)),
                        fields=["id"],
                        name="timeline_total_unmerged",
                    ),
                ],
            },
        ),
        migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD)),
    ]
