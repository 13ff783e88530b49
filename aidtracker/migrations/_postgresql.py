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
