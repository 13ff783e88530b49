"""Pledges summed over every donor and recipient: TimelineMonthTotal, TimelineDayTotal.

A timeline without a donor or recipient filter, not grouped by donor, read every donor's
rollup rows (month, quarter, year) or every pledge (day, week). On 100,000 synthetic
pledges (EXPLAIN ANALYZE and psql, with such rows in place):
- the unfiltered monthly timeline: about 19,000 rollup rows, against 1,100 summed over
  donors: 6.4 -> 0.6 ms of PostgreSQL; a quarter by kind of announced pledges 3.8 -> 0.5;
- a week by category of announced pledges: 57,000 pledges and their items, against
  the day sums: 146-162 -> 29 ms; a day by kind of them 56-60 -> 11-12 ms.

Kept by 0009's trigger functions (0005's, writing cents), extended: `keyed` also carries
the pledge's day, and besides the upsert into the rollup each statement inserts its
difference into both tables as new rows. An upsert would make one row per period, kind,
stage and status that every writer of every donor shares: a transaction left open (a
bulk load, an editor's) would hold back all other writers, and two writers taking such
rows in opposite orders could deadlock. Inserts never wait. Readers sum a key's rows.
Once 1,000 rows of a table have come since its oldest unmerged one, the writer merges
the keys the unmerged rows touch into one row each, skipping rows another merge holds,
so merges never wait either.
"""

import importlib

from django.db import migrations, models

from ._postgresql import on_postgresql

m0005 = importlib.import_module("aidtracker.migrations.0005_timeline_month")
m0009 = importlib.import_module("aidtracker.migrations.0009_timeline_month_cents")

ROLLUP = m0009.ROLLUP
TOTALS = {"month": "aidtracker_timelinemonthtotal", "day": "aidtracker_timelinedaytotal"}
MERGE_AT = 1000  # ids drawn since a table's oldest unmerged row


def _key(period: str, alias: str = "") -> str:
    return ", ".join(f"{alias}{column}" for column in (period, *KEY_REST))


KEY_REST = ("kind", "stage", "status", "category")

# After `keyed` (sign, month, day, donor, recipient, kind, stage, status, category, usd,
# eur), in the same statement as 0009's upsert: the difference over every donor.
INSERT_TOTALS = "".join(
    f"""
, every_donor_{period} AS (
    INSERT INTO {table} ({_key(period)}, pledges, usd_cents, eur_cents)
    SELECT {_key(period)}, SUM(sign),
           (SUM(sign * usd) * 100)::bigint, (SUM(sign * eur) * 100)::bigint
    FROM keyed GROUP BY {_key(period)}
    HAVING (SUM(sign), SUM(sign * usd), SUM(sign * eur)) <> (0, 0, 0)
)"""
    for period, table in TOTALS.items()
)
# Whether 1,000 ids or more were drawn since the oldest unmerged row: a sequence read
# and an index lookup. 1,000 pledges with an item each, one statement at a time: 0.5 s
# before 0011, 2.0-2.7 s counting the unmerged rows after every statement, 1.0-1.2 s so.
MERGE_WHEN_MANY = "".join(
    f"""
IF pg_sequence_last_value('{table}_id_seq'::regclass)
   - (SELECT MIN(id) FROM {table} WHERE NOT merged) >= {MERGE_AT} THEN
    PERFORM aidtracker_timeline_merge_{period}();
END IF;"""
    for period, table in TOTALS.items()
)


def _merge(period: str, table: str) -> str:
    """A function summing the rows of each key that has unmerged rows into one row."""
    return f"""
CREATE OR REPLACE FUNCTION aidtracker_timeline_merge_{period}() RETURNS void
LANGUAGE sql AS $$
WITH touched AS (SELECT DISTINCT {_key(period)} FROM {table} WHERE NOT merged),
taken AS (
    DELETE FROM {table} WHERE id IN (
        SELECT t.id FROM {table} t WHERE ({_key(period, "t.")}) IN (SELECT * FROM touched)
        ORDER BY t.id FOR UPDATE OF t SKIP LOCKED
    )
    RETURNING {_key(period)}, pledges, usd_cents, eur_cents
)
INSERT INTO {table} ({_key(period)}, pledges, usd_cents, eur_cents, merged)
SELECT {_key(period)}, SUM(pledges), SUM(usd_cents), SUM(eur_cents), true
FROM taken GROUP BY {_key(period)}
HAVING (SUM(pledges), SUM(usd_cents), SUM(eur_cents)) <> (0, 0, 0)
$$;
"""


def _with_day(sql: str) -> str:
    """0005's `keyed` rows with the pledge's day after its month."""
    months = sql.count(" AS month,")
    for date in ("c.announced_on", "p.announced_on"):
        month = m0005.MONTH.format(date)
        sql = sql.replace(f"{month}, ", f"{month}, {date}, ")  # a UNION's unnamed branch
        sql = sql.replace(f"{month} AS month,", f"{month} AS month, {date} AS day,")
    if sql.count(" AS day,") != months:
        raise ValueError(f"0005's keyed rows not as expected in {sql[:60]!r}")
    return sql


CENTS_FUNCTIONS = list(map(m0009.cents_function, m0009.NUMERIC_FUNCTIONS, m0009.APPLIES))
REBUILD_DELETE = f"DELETE FROM {ROLLUP};"


def totals_function(sql: str, applies: int) -> str:
    """0009's function `sql` also writing the totals (and emptying them to rebuild)."""
    if sql.count(m0009.CENTS_APPLY) != applies:
        raise ValueError(f"0009's CENTS_APPLY expected {applies} times in {sql[:60]!r}")
    sql = sql.replace(m0009.CENTS_APPLY, INSERT_TOTALS + m0009.CENTS_APPLY + MERGE_WHEN_MANY)
    emptied = " ".join(f"DELETE FROM {table};" for table in TOTALS.values())
    return _with_day(sql).replace(REBUILD_DELETE, f"{REBUILD_DELETE} {emptied}")


FORWARD = [
    *(_merge(period, table) for period, table in TOTALS.items()),
    *map(totals_function, CENTS_FUNCTIONS, m0009.APPLIES),
    "SELECT aidtracker_timeline_rebuild()",
    *(f"ANALYZE {table}" for table in TOTALS.values()),
]
BACKWARD = [
    *CENTS_FUNCTIONS,
    *(f"DROP FUNCTION IF EXISTS aidtracker_timeline_merge_{period}()" for period in TOTALS),
]


def _create(name: str, period: str, field: models.DateField) -> migrations.CreateModel:
    """TimelineMonthTotal or TimelineDayTotal: the same columns but the `period` one."""
    return migrations.CreateModel(
        name=name,
        fields=[
            (
                "id",
                models.BigAutoField(
                    auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                ),
            ),
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
            (period, field),
        ],
        options={
            "indexes": [
                models.Index(
                    fields=["category", "status", period],
                    include=("kind", "stage", "pledges", "usd_cents", "eur_cents"),
                    name=f"timeline_{period}_total_read",
                ),
                models.Index(
                    condition=models.Q(("merged", False)),
                    fields=["id"],
                    name=f"timeline_{period}_total_unmerged",
                ),
            ],
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("aidtracker", "0010_timeline_month_totals"),
    ]

    operations = [
        # 0010's narrow index served timelines without filters, which now read the totals:
        # over the 1,720 cold timeline URLs of bench-api it was never scanned.
        migrations.RemoveIndex(model_name="timelinemonth", name="timeline_month_totals"),
        _create("TimelineDayTotal", "day", models.DateField()),
        _create(
            "TimelineMonthTotal", "month", models.DateField(help_text="First day of the month")
        ),
        migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD)),
    ]
