"""Cursor pagination with a strict page_size (1 to 500) and a 400 for a bad cursor."""

from decimal import InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from aidtracker.filters import BAD_PAGE_SIZE, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, ordering_for

BAD_CURSOR = "The cursor is not one this list handed out."


class StrictCursorPagination(CursorPagination):
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    ordering = ("pk",)

    def get_page_size(self, request: Any) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_SIZE:
            raise ValidationError({"page_size": [BAD_PAGE_SIZE % {"max": MAX_PAGE_SIZE}]})
        return int(raw)

    def decode_cursor(self, request: Any) -> Any:
        try:
            return super().decode_cursor(request)
        except NotFound as error:
            raise ValidationError({"cursor": [BAD_CURSOR]}) from error

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None) -> Any:
        # A forged cursor can carry a position of the wrong type for the ordering field.
        try:
            return super().paginate_queryset(queryset, request, view)
        except (DjangoValidationError, DataError, InvalidOperation, ValueError, TypeError) as e:
            raise ValidationError({"cursor": [BAD_CURSOR]}) from e

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        # The body's links, not built again (each parses and rebuilds the URL).
        links = [(response.data["next"], "next"), (response.data["previous"], "prev")]
        link = ", ".join(f'<{url}>; rel="{rel}"' for url, rel in links if url)
        if link:
            response["Link"] = link  # CSV has no body field for the next page
        return response


class PledgeCursorPagination(StrictCursorPagination):
    """Orders by the validated `ordering` parameter of PledgeFilter."""

    def get_ordering(self, request: Any, queryset: Any, view: Any) -> tuple[str, ...]:
        return ordering_for(request.query_params.get("ordering"))


class CountryPagination(StrictCursorPagination):
    ordering = ("code",)


class EquipmentPagination(StrictCursorPagination):
    ordering = ("slug",)
