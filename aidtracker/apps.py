import json
from typing import Any

import orjson
from django.apps import AppConfig


def json_loads(data: str | bytes) -> Any:
    """orjson where it can (a list page parses a few hundred JSON values), the standard
    library for what it refuses (integers beyond 64 bits)."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data)


class AidTrackerConfig(AppConfig):
    name = "aidtracker"
    verbose_name = "Aid Tracker"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from psycopg.types.json import set_json_loads

        set_json_loads(json_loads)  # jsonb and json columns, on every connection
