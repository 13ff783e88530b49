"""The pledge filters shared by the API and the web pages (a plain django-filter FilterSet).

Every parameter is validated strictly: a bad value makes the form invalid with one of the
messages below, which the API turns into a 400 and the web pages show next to the field.
"""

import functools
import time
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Exists, Model, OuterRef, QuerySet
from django.http import QueryDict

from ingest.models import Evidence

from .models import Category, Country, Equipment, Pledge, PledgeItem

UNKNOWN_DONOR = "Unknown donor code: %(value)s."
UNKNOWN_RECIPIENT = "Unknown recipient code: %(value)s."
UNKNOWN_EQUIPMENT = "Unknown equipment slug: %(value)s."
UNKNOWN_CHOICE = "Unknown value: %(value)s."
MALFORMED_DATE = "Enter a date as YYYY-MM-DD."
FROM_AFTER_TO = "The 'from' date must not be after the 'to' date."
BAD_NUMBER = "Enter a number."
NUMBER_TOO_LARGE = "Enter a number of at most 18 digits before the decimal point."
UNKNOWN_ORDERING = "Unknown ordering field. Use one of: %(choices)s."
BAD_PAGE_SIZE = "page_size must be a whole number from 1 to %(max)s."
QUERY_TOO_LONG = "The search text is limited to %(max)s characters."
MAX_PAGE_SIZE = 500
DEFAULT_PAGE_SIZE = 50
MAX_QUERY_LENGTH = 200
REFERENCE_SECONDS = 60.0  # how long a read of country codes or equipment slugs is trusted
DEFAULT_STATUSES = (Pledge.Status.REPORTED, Pledge.Status.CONFIRMED)

# ordering parameter -> the model ordering; `id` breaks ties so pages are stable.
ORDERINGS = {
    "announced_on": ("announced_on", "id"),
    "-announced_on": ("-announced_on", "-id"),
    "amount_usd": ("usd_sort", "id"),
    "-amount_usd": ("-usd_sort", "-id"),
    "id": ("id",),
    "-id": ("-id",),
}
DEFAULT_ORDERING = "-announced_on"


class PledgeFilterForm(forms.Form):
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("from"), data.get("to")
        if start and end and start > end:
            raise ValidationError({"from": FROM_AFTER_TO})
        return data


class KnownKeys:
    """The keys of a small reference table (country codes, equipment slugs) and their
    primary keys, read once per process instead of by every request that filters on them.

    The table is read again when a key is not among those read (a row added since) and
    when the read is older than REFERENCE_SECONDS (a row deleted since: until then its key
    still validates and simply matches nothing).
    """

    def __init__(self, model: type[Model], field: str) -> None:
        self.model, self.field = model, field
        self.forget()

    def forget(self) -> None:
        """Read the table again at the next use (tests: each starts with its own data)."""
        self.read_at = -REFERENCE_SECONDS
        self.keys: dict[str, Any] = {}

    def primary_keys(self, keys: Iterable[str]) -> tuple[list[Any], list[str]]:
        """The primary keys of `keys` and the keys that the table does not hold."""
        keys = list(dict.fromkeys(keys))
        stale = time.monotonic() - self.read_at > REFERENCE_SECONDS
        if stale or any(key not in self.keys for key in keys):
            self._read()
        return (
            [self.keys[key] for key in keys if key in self.keys],
            [key for key in keys if key not in self.keys],
        )

    def _read(self) -> None:
        self.keys = dict(self.model._default_manager.values_list(self.field, "pk"))
        self.read_at = time.monotonic()


class KnownKeyField(forms.ModelMultipleChoiceField):
    """Keys of a reference table, repeatable (?donor=US&donor=GB) or comma-separated,
    validated against KnownKeys; cleans to the rows' primary keys."""

    def __init__(
        self, *args: Any, known: KnownKeys, normalise: Callable[[str], str], **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.known, self.normalise = known, normalise

    def clean(self, value: Any) -> Any:
        if isinstance(value, str):
            value = [value]
        keys = [self.normalise(part.strip()) for v in value or [] for part in str(v).split(",")]
        keys = [key for key in keys if key]
        if not keys:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        for key in keys:
            self.validate_no_null_characters(key)
        found, unknown = self.known.primary_keys(keys)
        if unknown:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": unknown[0]},
            )
        return found


COUNTRY_CODES = KnownKeys(Country, "code")
EQUIPMENT_SLUGS = KnownKeys(Equipment, "slug")


class MoneyFilter(django_filters.NumberFilter):
    """A decimal that fits the amount columns; max_digits already bounds it."""

    def get_max_validator(self) -> None:
        return None


class FixedChoicesMixin:
    """valid_value by one set lookup: Django walks the choices (which django-filter's
    iterator builds again) on every value. For choices that never change, as here."""

    def valid_value(self, value: Any) -> bool:
        if not isinstance(value, str):  # only text compares as its str() alone
            return super().valid_value(value)  # type: ignore[misc]
        return value in self._keys

    @functools.cached_property
    def _keys(self) -> frozenset[str]:
        return frozenset(_choice_keys(self.choices))  # type: ignore[attr-defined]


def _choice_keys(choices: Iterable[tuple[Any, Any]]) -> Iterator[str]:
    """Each choice's key as text, optgroups' included, as ChoiceField.valid_value reads them."""
    for key, label in choices:
        if isinstance(label, list | tuple):
            yield from (str(inner) for inner, _ in label)
        else:
            yield str(key)


class FixedChoiceField(FixedChoicesMixin, django_filters.fields.ChoiceField):
    pass


class FixedMultipleChoiceField(FixedChoicesMixin, django_filters.fields.MultipleChoiceField):
    pass


class FixedChoiceFilter(django_filters.ChoiceFilter):
    field_class = FixedChoiceField


class FixedMultipleChoiceFilter(django_filters.MultipleChoiceFilter):
    field_class = FixedMultipleChoiceField


class SharedFields(dict):
    """Form fields that every form of a class shares. A Django form deep-copies its fields
    (querysets, choices, widgets) so that one form may change its own; the filter form
    changes none, and the copies took about 0.4 ms of every filtered request."""

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, forms.Field]:
        return dict(self)


class KnownKeyFilter(django_filters.ModelMultipleChoiceFilter):
    """Rows of a reference table by their keys, matched by primary key (one IN)."""

    field_class = KnownKeyField

    def filter(self, queryset: QuerySet, value: list[Any]) -> QuerySet:
        return queryset.filter(**{f"{self.field_name}__in": value}) if value else queryset


def country_filter(**kwargs: Any) -> KnownKeyFilter:
    return KnownKeyFilter(
        to_field_name="code", queryset=Country.objects.all(), known=COUNTRY_CODES,
        normalise=str.upper, distinct=False, **kwargs,
    )  # fmt: skip


def _choices(message: str = UNKNOWN_CHOICE) -> dict[str, str]:
    return {"invalid_choice": message}


def _money_field() -> dict[str, Any]:
    return {
        "max_digits": 20,
        "decimal_places": 2,
        "error_messages": {
            "invalid": BAD_NUMBER,
            "max_digits": NUMBER_TOO_LARGE,
            "max_whole_digits": NUMBER_TOO_LARGE,
            "max_decimal_places": BAD_NUMBER,
        },
    }


class PledgeFilter(django_filters.FilterSet):
    donor = country_filter(
        field_name="donor",
        error_messages={"invalid_choice": UNKNOWN_DONOR, "invalid_pk_value": UNKNOWN_DONOR},
        help_text="Donor country or organisation code (repeatable)",
    )
    recipient = country_filter(
        field_name="recipient",
        error_messages={
            "invalid_choice": UNKNOWN_RECIPIENT,
            "invalid_pk_value": UNKNOWN_RECIPIENT,
        },
        help_text="Recipient code (repeatable)",
    )
    kind = FixedMultipleChoiceFilter(
        choices=Pledge.Kind.choices, distinct=False, error_messages=_choices()
    )
    stage = FixedMultipleChoiceFilter(
        choices=Pledge.Stage.choices, distinct=False, error_messages=_choices()
    )
    status = FixedMultipleChoiceFilter(
        choices=Pledge.Status.choices,
        method="filter_status",
        error_messages=_choices(),
        help_text="Defaults to reported and confirmed; merged and rejected on request",
    )
    category = FixedMultipleChoiceFilter(
        choices=Category.choices,
        method="filter_category",
        error_messages=_choices(),
        help_text="Pledges with at least one item of this category (repeatable)",
    )
    equipment = KnownKeyFilter(
        queryset=Equipment.objects.all(),
        to_field_name="slug",
        known=EQUIPMENT_SLUGS,
        normalise=str.lower,
        method="filter_equipment",
        error_messages={
            "invalid_choice": UNKNOWN_EQUIPMENT,
            "invalid_pk_value": UNKNOWN_EQUIPMENT,
        },
        help_text="Pledges with this catalogue system (slug, repeatable)",
    )
    date_from = django_filters.DateFilter(
        field_name="announced_on",
        lookup_expr="gte",
        error_messages={"invalid": MALFORMED_DATE},
        help_text="Announced on or after (YYYY-MM-DD)",
    )
    date_to = django_filters.DateFilter(
        field_name="announced_on",
        lookup_expr="lte",
        error_messages={"invalid": MALFORMED_DATE},
        help_text="Announced on or before (YYYY-MM-DD)",
    )
    min_usd = MoneyFilter(
        field_name="amount_usd",
        lookup_expr="gte",
        help_text="Minimum amount in US dollars",
        **_money_field(),
    )
    q = django_filters.CharFilter(
        method="filter_q",
        max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": QUERY_TOO_LONG % {"max": MAX_QUERY_LENGTH}},
        help_text="Search in the summary, the item names and the evidence sentences",
    )
    ordering = FixedChoiceFilter(
        choices=[(key, key) for key in ORDERINGS],
        method="filter_ordering",
        error_messages={"invalid_choice": UNKNOWN_ORDERING % {"choices": ", ".join(ORDERINGS)}},
        help_text="Sort order",
    )
    page_size = MoneyFilter(
        method="filter_nothing",
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        max_digits=12,
        decimal_places=0,
        error_messages={
            key: BAD_PAGE_SIZE % {"max": MAX_PAGE_SIZE}
            for key in ("invalid", "min_value", "max_value", "max_digits", "max_decimal_places")
        },
        help_text=f"Results per page, 1 to {MAX_PAGE_SIZE}",
    )

    class Meta:
        model = Pledge
        fields: list[str] = []
        form = PledgeFilterForm

    def __init__(
        self,
        data: QueryDict | None = None,
        queryset: QuerySet | None = None,
        *,
        request: Any = None,
        prefix: str | None = None,
    ) -> None:
        # As django-filter's own __init__, but with shallow copies of the filters, made on
        # first use (`filters`): its deepcopy (querysets, choices, validators) took about
        # 3 ms of every API list.
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = Pledge.objects.all() if queryset is None else queryset
        self.request = request
        self.form_prefix = prefix

    @functools.cached_property
    def filters(self) -> dict[str, django_filters.Filter]:
        """The class's filters, copied for this filterset when it first filters: validating
        needs none (the form class is built once), nor does a list page whose SQL is
        compiled already (aidtracker.api.list_pages)."""
        copies = {name: _filter_copy(f) for name, f in self.base_filters.items()}
        for filter_ in copies.values():
            filter_.model = self.queryset.model
            filter_.parent = self
        return copies

    def get_form_class(self) -> type[forms.Form]:
        # Built once per process: django-filter builds a form class (and every field) per
        # request. The fields depend on nothing a request brings.
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            form_class = super().get_form_class()
            form_class.base_fields = SharedFields(form_class.base_fields)
            # A filter builds its form field (label included) on first use; the copies
            # each request makes share the form's instead of building their own.
            for name, filter_ in cls.base_filters.items():
                filter_._field = form_class.base_fields[name]
            cls._form_class = form_class
        return cls._form_class

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        return self.apply(queryset, self.form.cleaned_data)

    def apply(self, queryset: QuerySet, data: dict[str, Any]) -> QuerySet:
        """The queryset filtered by `data`, values as the form cleans them: django-filter's
        filter_queryset, for the form's data or any other (aidtracker.api.list_pages)."""
        if not data.get("status"):
            queryset = queryset.filter(status__in=DEFAULT_STATUSES)
        for name, value in data.items():
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_status(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        return queryset.filter(status__in=value) if value else queryset

    def filter_category(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        if not value:
            return queryset
        items = PledgeItem.objects.filter(pledge=OuterRef("pk"), category__in=value)
        return queryset.filter(Exists(items))

    def filter_equipment(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        if not value:
            return queryset
        items = PledgeItem.objects.filter(pledge=OuterRef("pk"), equipment__in=value)
        return queryset.filter(Exists(items))

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        # One set of ids from three scans (each trigram-indexed on PostgreSQL), instead of
        # a test per pledge row.
        summaries = Pledge.objects.filter(summary__icontains=value).order_by().values("pk")
        items = PledgeItem.objects.filter(name__icontains=value).order_by().values("pledge_id")
        evidence = Evidence.objects.filter(sentence__icontains=value).order_by().values("pledge_id")
        return queryset.filter(pk__in=summaries.union(items, evidence))

    def filter_ordering(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.order_by(*ORDERINGS[value or DEFAULT_ORDERING])

    def filter_nothing(self, queryset: QuerySet, name: str, value: Decimal) -> QuerySet:
        return queryset  # page_size is only validated here; the paginator reads it


def _filter_copy(filter_: django_filters.Filter) -> django_filters.Filter:
    """A copy that shares nothing a request changes: `extra` (a model filter stores its
    queryset there) and the bound method filter (which points back at its filter)."""
    copied = object.__new__(type(filter_))  # copy.copy's protocol cost more than the copy
    copied.__dict__.update(filter_.__dict__)
    copied.extra = dict(filter_.extra)
    if filter_.method is not None:
        copied.method = filter_.method  # a FilterMethod bound to the copy
    return copied


# `from` and `to` are Python keywords, so the filters are declared under other names.
PledgeFilter.base_filters["from"] = PledgeFilter.base_filters.pop("date_from")
PledgeFilter.base_filters["to"] = PledgeFilter.base_filters.pop("date_to")


def ordering_for(value: str | None) -> tuple[str, ...]:
    """The model ordering for an `ordering` parameter (already validated by PledgeFilter)."""
    return ORDERINGS.get(value or DEFAULT_ORDERING, ORDERINGS[DEFAULT_ORDERING])
