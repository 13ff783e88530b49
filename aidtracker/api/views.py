"""The REST API: thin views over selectors (reads) and services (writes)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django_filters import rest_framework as filters
from django_filters.utils import translate_validation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from aidtracker import changes, selectors, services
from aidtracker.filters import MAX_PAGE_SIZE, PledgeFilter
from aidtracker.models import Category, Country, Equipment, Pledge

from . import documents, list_pages
from . import serializers as s
from .conditional import CachedRenderMixin, conditional
from .csv_rows import pledge_rows
from .pagination import CountryPagination, EquipmentPagination, PledgeCursorPagination
from .permissions import IsEditorOrReadOnly
from .renderers import CSVRenderer, FastJSONRenderer, json_text
from .throttling import AnonWindowThrottle

RENDERERS = [FastJSONRenderer, BrowsableAPIRenderer, CSVRenderer]
BAD_ROWS = "rows must be 'pledges' or 'items'."
BAD_CHANGES_PAGE_SIZE = f"page_size must be a whole number from 1 to {MAX_PAGE_SIZE}."

ROWS_PARAMETER = OpenApiParameter(
    "rows",
    str,
    enum=["pledges", "items"],
    description="CSV only: one row per pledge (default) or one per pledge item",
)


def pledge_id(pk: Any) -> int:
    """The id as an int, or a 404 for any text that cannot be one (or beyond bigint)."""
    text = str(pk)
    if not text.isdigit() or not 0 < int(text) < 2**63:
        raise NotFound()
    return int(text)


def pledge_or_404(pk: Any) -> Pledge:
    return get_object_or_404(Pledge, pk=pledge_id(pk))


def service_call(function: Callable, **kwargs: Any) -> Any:
    """Call a service; its validation errors become a 400 with the same messages."""
    try:
        return function(**kwargs)
    except DjangoValidationError as error:
        detail = error.message_dict if hasattr(error, "error_dict") else error.messages
        raise ValidationError(detail) from error


class ReadMixin(CachedRenderMixin):
    """ETag / Last-Modified / 304 / cache and CSV on list and retrieve."""

    renderer_classes = RENDERERS
    permission_classes = [IsEditorOrReadOnly]
    throttle_classes = [AnonWindowThrottle]

    @conditional
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)  # type: ignore[misc]

    @conditional
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().retrieve(request, *args, **kwargs)  # type: ignore[misc]


@extend_schema_view(
    list=extend_schema(parameters=[ROWS_PARAMETER]),
    partial_update=extend_schema(request=s.PledgeCorrectInput, responses=s.PledgeDetailSerializer),
)
class PledgeViewSet(ReadMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Pledges with their items, evidence and sources. Editors correct, confirm, reject, merge."""

    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = PledgeFilter
    pagination_class = PledgeCursorPagination
    permission_classes = [IsEditorOrReadOnly]
    throttle_classes = [AnonWindowThrottle]
    http_method_names = ["get", "head", "options", "patch", "post"]
    lookup_value_regex = "[^/]+"

    def get_queryset(self) -> QuerySet:
        return selectors.pledge_rows()

    def paginate_queryset(self, queryset: QuerySet) -> list[dict[str, Any]] | None:
        page = super().paginate_queryset(queryset)
        return None if page is None else list(selectors.pledge_rows_attach(page))

    def get_object(self) -> dict[str, Any]:
        pledge_id(self.kwargs["pk"])  # a clean 404 for ids the database cannot hold
        row = super().get_object()
        selectors.pledge_rows_attach([row])
        return row

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # The filters (and their default statuses) apply to the list only.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def get_serializer_class(self) -> type:
        return s.PledgeListSerializer if self.action == "list" else s.PledgeDetailSerializer

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if request.query_params.get("rows", "pledges") not in ("pledges", "items"):
            raise ValidationError({"rows": [BAD_ROWS]})
        if self._serves_documents(request):
            return self._list_documents(request)
        return super().list(request, *args, **kwargs)

    @conditional
    def _list_documents(self, request: Request) -> Response:
        """The list from stored documents (aidtracker.api.documents): the same JSON."""
        backend = filters.DjangoFilterBackend()
        filterset = backend.get_filterset(request, documents.page_rows(), self)
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)  # as the backend does
        # The page query compiled once per shape of request (aidtracker.api.list_pages).
        rows = list_pages.PageQuery(filterset)
        page = self.paginator.paginate_queryset(rows, request, view=self)  # type: ignore[arg-type]
        results = documents.page_fragments(page, s.link_bases(request))
        return self.get_paginated_response(results)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if self._serves_documents(request):
            return self._retrieve_document(request)
        return super().retrieve(request, *args, **kwargs)

    @conditional
    def _retrieve_document(self, request: Request) -> Response:
        """The detail from the pledge's stored document and its history: the same JSON."""
        pk = pledge_id(self.kwargs["pk"])
        texts = documents.page_texts(documents.pledge_row(pk), s.link_bases(request))
        if not texts:
            raise NotFound()
        serializer = s.PledgeDetailSerializer(context=self.get_serializer_context())
        history = json_text(serializer.get_history({"id": pk}))
        # The detail is the list's JSON with "history" last (PledgeDetailSerializer).
        return Response(orjson.Fragment(f'{texts[0][:-1]},"history":{history}}}'))

    def _serves_documents(self, request: Request) -> bool:
        """Stored documents are JSON, embedded as they are: for unindented JSON only."""
        renderer = request.accepted_renderer
        return (
            isinstance(renderer, FastJSONRenderer)
            and not renderer.get_indent(request.accepted_media_type, {})
            and documents.enabled()
        )

    def csv_rows(self, results: list[dict]) -> list[dict]:
        per_item = self.request.query_params.get("rows") == "items"
        return pledge_rows(results, per_item=per_item)

    def _detail(self, pledge: Pledge) -> Response:
        row = selectors.pledge_rows().get(pk=pledge.pk)
        selectors.pledge_rows_attach([row])
        return Response(s.PledgeDetailSerializer(row, context={"request": self.request}).data)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        pledge = pledge_or_404(kwargs["pk"])
        data = s.PledgeCorrectInput(data=request.data)
        data.is_valid(raise_exception=True)
        changes_ = dict(data.validated_data)
        reason, items = changes_.pop("reason"), changes_.pop("items", None)
        if items is not None:
            items = [{**item, "equipment_slug": item.pop("equipment")} for item in items]
        if "amount" in changes_ and changes_["amount"] is None:
            changes_.setdefault("currency", "")
        service_call(
            services.pledge_correct,
            pledge=pledge,
            reason=reason,
            changes=changes_,
            items=items,
            user=request.user,
        )
        return self._detail(pledge)

    @extend_schema(request=s.OptionalReasonInput, responses=s.PledgeDetailSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: str) -> Response:
        pledge = pledge_or_404(pk)
        data = s.OptionalReasonInput(data=request.data)
        data.is_valid(raise_exception=True)
        extra = {"reason": data.validated_data["reason"]} if "reason" in data.validated_data else {}
        service_call(services.pledge_confirm, pledge=pledge, user=request.user, **extra)
        return self._detail(pledge)

    @extend_schema(request=s.ReasonInput, responses=s.PledgeDetailSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str) -> Response:
        pledge = pledge_or_404(pk)
        data = s.ReasonInput(data=request.data)
        data.is_valid(raise_exception=True)
        reason = data.validated_data["reason"]
        service_call(services.pledge_reject, pledge=pledge, reason=reason, user=request.user)
        return self._detail(pledge)

    @extend_schema(
        request=s.PledgeMergeInput,
        responses=s.PledgeDetailSerializer,
        description="Merge this pledge into the pledge `into`; returns the merged pledge.",
    )
    @action(detail=True, methods=["post"])
    def merge(self, request: Request, pk: str) -> Response:
        source = pledge_or_404(pk)
        data = s.PledgeMergeInput(data=request.data)
        data.is_valid(raise_exception=True)
        target = pledge_or_404(data.validated_data["into"])
        reason = data.validated_data["reason"]
        service_call(
            services.pledge_merge, source=source, target=target, reason=reason, user=request.user
        )
        return self._detail(target)


class CountryFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Country.Kind.choices)

    class Meta:
        model = Country
        fields = ["kind"]


class CountryViewSet(ReadMixin, viewsets.ReadOnlyModelViewSet):
    """Countries and organisations; the detail adds what they gave and received."""

    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    filterset_class = CountryFilter
    pagination_class = CountryPagination

    def get_queryset(self) -> QuerySet[Country]:
        return selectors.country_list()

    def get_serializer_class(self) -> type:
        return s.CountrySerializer if self.action == "list" else s.CountryDetailSerializer

    def get_object(self) -> Country:
        country = get_object_or_404(self.get_queryset(), code=self.kwargs["code"].upper())
        country.totals = selectors.country_totals(country=country)
        return country


class EquipmentFilter(filters.FilterSet):
    category = filters.ChoiceFilter(choices=Category.choices)

    class Meta:
        model = Equipment
        fields = ["category"]


class EquipmentViewSet(ReadMixin, viewsets.ReadOnlyModelViewSet):
    """The equipment catalogue; the detail adds who pledged each system and how many."""

    lookup_field = "slug"
    lookup_value_regex = "[^/]+"
    filterset_class = EquipmentFilter
    pagination_class = EquipmentPagination

    def get_queryset(self) -> QuerySet[Equipment]:
        return selectors.equipment_list()

    def get_serializer_class(self) -> type:
        return s.EquipmentSerializer if self.action == "list" else s.EquipmentDetailSerializer

    def get_object(self) -> Equipment:
        equipment = get_object_or_404(self.get_queryset(), slug=self.kwargs["slug"])
        equipment.pledged_by = selectors.equipment_usage(equipment=equipment)
        return equipment


class TimelineView(CachedRenderMixin, APIView):
    """Pledges per period and group, summed in the database, with cumulative sums."""

    renderer_classes = RENDERERS
    permission_classes = [IsEditorOrReadOnly]
    throttle_classes = [AnonWindowThrottle]
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = PledgeFilter

    @extend_schema(
        parameters=[
            OpenApiParameter("interval", str, enum=list(selectors.INTERVALS), default="month"),
            OpenApiParameter("group_by", str, enum=list(selectors.GROUPINGS), default="none"),
        ],
        responses=s.TimelineSerializer,
    )
    @conditional
    def get(self, request: Request) -> Response:
        interval = request.query_params.get("interval", "month")
        group_by = request.query_params.get("group_by", "none")
        # Built directly (as TimelineSerializer documents it): thousands of rows at day level.
        results = service_call(
            selectors.pledge_timeline_text,
            filters=request.query_params,
            interval=interval,
            group_by=group_by,
        )
        return Response({"interval": interval, "group_by": group_by, "results": results})


class ChangesView(CachedRenderMixin, APIView):
    """Every pledge and item created, corrected, confirmed, rejected, merged or deleted since
    the cursor, oldest first. Replay: upsert `data` (or delete when null), then ask again
    with `next_cursor`."""

    renderer_classes = RENDERERS
    permission_classes = [IsEditorOrReadOnly]
    throttle_classes = [AnonWindowThrottle]

    def version_is_stable(self, version: selectors.DatasetVersion) -> bool:
        """Whether every change of this version is already handed out (none held back)."""
        newest = version.last_modified
        return newest is None or newest < changes.changes_frontier()

    @extend_schema(
        parameters=[
            OpenApiParameter("since", str, description="next_cursor of the previous page"),
            OpenApiParameter("page_size", OpenApiTypes.INT, description="1 to 500"),
        ],
        responses=s.ChangesPageSerializer,
    )
    @conditional
    def get(self, request: Request) -> Response:
        raw_size = request.query_params.get("page_size", "100")
        if not raw_size.isdigit() or not 1 <= int(raw_size) <= MAX_PAGE_SIZE:
            raise ValidationError({"page_size": [BAD_CHANGES_PAGE_SIZE]})
        since = request.query_params.get("since") or None
        try:
            found, next_cursor = changes.changes_since(cursor=since, limit=int(raw_size))
        except changes.CursorError as error:
            raise ValidationError({"since": [changes.BAD_CURSOR]}) from error
        query = request.query_params.copy()
        query["since"] = next_cursor
        data = {
            "results": found,
            "next_cursor": next_cursor,
            "next": request.build_absolute_uri(f"{request.path}?{query.urlencode()}"),
            "has_more": len(found) == int(raw_size),
        }
        return Response(s.ChangesPageSerializer(data).data)
