"""CSV for every list: one row per result, nested values flattened into columns.

Text cells that a spreadsheet would run as a formula are neutralised (OWASP's advice on
CSV injection): a cell starting with =, +, -, @, a tab or a carriage return gets a leading
apostrophe, so it shows as text. A plain number such as -12.50 is left as it is: a
spreadsheet reads it as a number, not a formula, and the CSV still parses back to it.
"""

import csv
import io
import json
import re
from typing import Any

import orjson
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.utils.encoders import JSONEncoder

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def neutralise(value: Any) -> Any:
    """The cell as a spreadsheet should show it: text that could be a formula gets a `'`."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    return value if PLAIN_NUMBER.fullmatch(value) else "'" + value


_DRF_ENCODER = JSONEncoder()


def fast_json(data: Any) -> bytes:
    """`data` as FastJSONRenderer writes it, before escaping U+2028 and U+2029; TypeError
    for what orjson refuses."""
    return orjson.dumps(data, default=_DRF_ENCODER.default, option=orjson.OPT_PASSTHROUGH_DATETIME)


def json_text(data: Any) -> str:
    """`data` as unindented JSON in the API's way, for embedding in a larger document."""
    try:
        return fast_json(data).decode()
    except TypeError:  # beyond orjson (an integer over 64 bits): DRF's own renderer
        return JSONRenderer().render(data).decode()


class FastJSONRenderer(JSONRenderer):
    """DRF's JSON, byte for byte, written by orjson (several times faster on a list page).

    Anything orjson does not write the way DRF does goes through DRF's own encoder:
    datetimes (DRF writes "Z" and milliseconds), decimals, lazy text. Indented output
    (Accept: application/json; indent=4) and anything orjson refuses (an integer beyond
    64 bits) fall back to DRF's renderer.
    """

    def render(self, data: Any, accepted_media_type: Any = None, renderer_context: Any = None):
        if data is None or self.get_indent(accepted_media_type, renderer_context or {}):
            return super().render(data, accepted_media_type, renderer_context)
        try:
            out = fast_json(data)
        except TypeError:
            return super().render(data, accepted_media_type, renderer_context)
        # As DRF does: U+2028 and U+2029 escaped, for JSON embedded in a script.
        return out.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")


def flatten(row: Any, prefix: str = "") -> dict[str, Any]:
    """{"donor": {"code": "US"}} -> {"donor.code": "US"}; lists become JSON text."""
    if not isinstance(row, dict):
        return {prefix or "value": row}
    flat: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            flat.update(flatten(value, name))
        elif isinstance(value, list):
            flat[name] = json.dumps(value, default=str, ensure_ascii=False)
        else:
            flat[name] = value
    return flat


def _error_rows(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, dict):
        return [
            {"field": field, "error": message}
            for field, messages in data.items()
            for message in (messages if isinstance(messages, list) else [messages])
        ]
    return [{"field": "", "error": str(data)}]


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type: Any = None, renderer_context: Any = None):
        context = renderer_context or {}
        response, view = context.get("response"), context.get("view")
        if response is not None and response.status_code >= 400:
            rows = _error_rows(data)
        elif isinstance(data, dict) and isinstance(data.get("results"), list):
            # A list page; a view can say how its results become rows.
            to_rows = getattr(view, "csv_rows", None)
            rows = to_rows(data["results"]) if to_rows else [flatten(r) for r in data["results"]]
        else:  # a single object (a detail, OPTIONS metadata)
            rows = [flatten(r) for r in (data if isinstance(data, list) else [data])]
        return _write(rows)


def _write(rows: list[dict[str, Any]]) -> bytes:
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    out = io.StringIO()
    # RFC 4180 line ends: with them the writer also quotes a field holding a lone \r.
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else neutralise(v) for k, v in row.items()})
    return out.getvalue().encode("utf-8")
