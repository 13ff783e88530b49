"""OpenAPI post-processing: document the error answers every operation can give."""

from typing import Any

ERROR_BODY = {
    "type": "object",
    "description": "Field name (or 'detail') -> message(s)",
    "additionalProperties": {
        "oneOf": [{"type": "string"}, {"type": "array", "items": {}}, {"type": "object"}]
    },
}
CSV_BODY = {"type": "string", "description": "CSV: field,error"}
ERRORS = {
    "400": "Invalid parameters or body: each field lists its messages",
    "403": "Writes need a user of the Editors group (session or token)",
    "404": "No such object",
    "429": "Too many requests from an anonymous client",
}
NOT_MODIFIED = "Not modified since the ETag (If-None-Match) or date (If-Modified-Since)"


def _content(media_types: list[str]) -> dict[str, Any]:
    return {
        media: {"schema": CSV_BODY if media == "text/csv" else ERROR_BODY} for media in media_types
    }


def add_error_responses(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Add 400/403/404/429 (and 304 on reads) to every /api/ operation but the schema's own."""
    for path, operations in result.get("paths", {}).items():
        if path.startswith("/api/schema"):
            continue
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            success = next((r for code, r in responses.items() if code.startswith("2")), {})
            media = list(success.get("content", {})) or ["application/json"]
            for code, description in ERRORS.items():
                responses.setdefault(code, {"description": description, "content": _content(media)})
            if method == "get":
                responses.setdefault("304", {"description": NOT_MODIFIED})
                operation["security"] = [{}]  # reads are public; credentials change nothing
            _allow_empty_query_values(operation)
    return result


def _allow_empty_query_values(operation: dict[str, Any]) -> None:
    """An empty optional query parameter counts as absent (as an empty web form field does)."""
    for parameter in operation.get("parameters", []):
        if parameter.get("in") == "query" and not parameter.get("required"):
            parameter["allowEmptyValue"] = True
