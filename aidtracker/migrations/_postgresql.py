"""For migrations: SQL that only PostgreSQL runs (triggers, their functions, conversions).

Elsewhere (SQLite, the embedded default) there are no triggers: the timeline reads the
pledges through the ORM and the API lists serialise their rows. The module's name starts
with "_", so Django's migration loader does not take it for a migration.
"""

from collections.abc import Callable, Iterable
from typing import Any


def on_postgresql(statements: Iterable[str]) -> Callable[[Any, Any], None]:
    """A RunPython function executing `statements` in order, on PostgreSQL only."""
    if isinstance(statements, str):
        raise TypeError("a list of statements, not one string")
    statements = list(statements)

    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


# A statement's rows, as statement-level triggers see them.
TRANSITION_TABLES = {
    "INSERT": "NEW TABLE AS new_rows",
    "DELETE": "OLD TABLE AS old_rows",
    "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
}


def trigger_function(name: str, body: str) -> str:
    """A PL/pgSQL trigger function running `body` (then RETURN NULL: AFTER triggers)."""
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"BEGIN\n{body}\nRETURN NULL;\nEND $$;"
    )


def statement_triggers(table: str, function: str, label: str, ops: Iterable[str]) -> list[str]:
    """AFTER `ops` statement triggers {table}_{label}_{op} on `table`, calling `function`
    with the statement's rows as new_rows and old_rows."""
    return [
        f"CREATE TRIGGER {table}_{label}_{op.lower()} AFTER {op} ON {table} "
        f"REFERENCING {TRANSITION_TABLES[op]} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        for op in ops
    ]
