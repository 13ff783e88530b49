"""The rollup's amounts as whole cents in bigint columns (usd_cents, eur_cents).

SUM over bigint is much cheaper than over numeric: on 100,000 synthetic pledges the
unfiltered monthly timeline (about 19,000 rollup rows summed) costs 3.0-3.1 instead of
4.8-5.2 ms of PostgreSQL (pgbench), a quarter by donor 5.1-5.2 instead of 7.0-7.5 ms. Existing rows are converted exactly (numeric(28,2)
times 100), and the trigger functions of 0005 are redefined to write cents: the
pledges' amounts have two decimals, so `(amount * 100)::bigint` is exact. Their big
bodies are 0005's own, with its APPLY (the upsert into the rollup) replaced.
"""

import importlib

from django.db import migrations, models

from ._postgresql import on_postgresql

m0005 = importlib.import_module("aidtracker.migrations.0005_timeline_month")

ROLLUP, KEY = m0005.ROLLUP, m0005.KEY

# 0005's APPLY, summing `keyed` (sign, key..., usd, eur) into the cents columns.
CENTS_APPLY = f"""
INSERT INTO {ROLLUP} ({KEY}, pledges, usd_cents, eur_cents)
SELECT {KEY}, SUM(sign), (SUM(sign * usd) * 100)::bigint, (SUM(sign * eur) * 100)::bigint
FROM keyed
GROUP BY {KEY} ORDER BY {KEY}
ON CONFLICT ({KEY}) DO UPDATE SET
    pledges = {ROLLUP}.pledges + EXCLUDED.pledges,
    usd_cents = {ROLLUP}.usd_cents + EXCLUDED.usd_cents,
    eur_cents = {ROLLUP}.eur_cents + EXCLUDED.eur_cents;
DELETE FROM {ROLLUP} WHERE pledges = 0;
"""

# 0005's functions, as CREATE OR REPLACE statements, and how many times each applies
# `keyed` (pledges and items: in their INSERT, UPDATE and DELETE branches).
NUMERIC_FUNCTIONS = [m0005.PLEDGE_FUNCTION, m0005.ITEM_FUNCTION, m0005.REBUILD]
APPLIES = [3, 3, 1]

TO_CENTS = (
    f"UPDATE {ROLLUP} SET usd_cents = (amount_usd * 100)::bigint, "
    "eur_cents = (amount_eur * 100)::bigint"
)
FROM_CENTS = f"UPDATE {ROLLUP} SET amount_usd = usd_cents * 0.01, amount_eur = eur_cents * 0.01"


def cents_function(sql: str, applies: int) -> str:
    """0005's function `sql` writing cents; refuses one that is not as 0005 wrote it."""
    if sql.count(m0005.APPLY) != applies:
        raise ValueError(f"0005's APPLY expected {applies} times in {sql[:60]!r}")
    return sql.replace(m0005.APPLY, CENTS_APPLY)


def _indexes(amounts: list[str]) -> list[models.Index]:
    """The three covering indexes of 0005 and 0007, including `amounts`."""
    return [
        models.Index(
            fields=["status", "month"],
            include=["donor", "recipient", "kind", "stage", "pledges", *amounts],
            condition=models.Q(category=""),
            name="timeline_month_pledges",
        ),
        models.Index(
            fields=["donor", "status", "month"],
            include=["recipient", "kind", "stage", "category", "pledges", *amounts],
            name="timeline_month_donor",
        ),
        models.Index(
            fields=["status", "category", "month"],
            include=["donor", "recipient", "kind", "stage", "pledges", *amounts],
            condition=~models.Q(category=""),
            name="timeline_month_categories",
        ),
    ]


AMOUNTS = ["usd_cents", "eur_cents"]


class Migration(migrations.Migration):
    dependencies = [
        ("aidtracker", "0008_pledge_documents"),
    ]

    operations = [
        *(
            migrations.RemoveIndex(model_name="timelinemonth", name=index.name)
            for index in _indexes([])
        ),
        # Nullable while both exist, so that the reverse can add them back before it
        # fills them from the cents.
        *(
            migrations.AlterField(
                model_name="timelinemonth",
                name=name,
                field=models.DecimalField(max_digits=28, decimal_places=2, null=True),
            )
            for name in ("amount_usd", "amount_eur")
        ),
        *(
            migrations.AddField(
                model_name="timelinemonth",
                name=f"{currency}_cents",
                field=models.BigIntegerField(
                    default=0, help_text=f"amount_{currency} summed, in cents"
                ),
                preserve_default=False,
            )
            for currency in ("usd", "eur")
        ),
        migrations.RunPython(on_postgresql([TO_CENTS]), on_postgresql([FROM_CENTS])),
        *(
            migrations.RemoveField(model_name="timelinemonth", name=name)
            for name in ("amount_usd", "amount_eur")
        ),
        *(
            migrations.AddIndex(model_name="timelinemonth", index=index)
            for index in _indexes(AMOUNTS)
        ),
        migrations.RunPython(
            on_postgresql(map(cents_function, NUMERIC_FUNCTIONS, APPLIES)),
            on_postgresql(NUMERIC_FUNCTIONS),
        ),
    ]
