"""A filtered list of pledges from a query string: the API's PledgeFilter, plus page options.

A page URL and an API URL share their filter parameters, so the download links are the
page's own query string without the page-only options (currency, interval, page).
"""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import NoReverseMatch, reverse

from aidtracker.filters import PledgeFilter
from aidtracker.models import Pledge

from .forms import PageOptionsForm

API_PLEDGES_FALLBACK = "/api/pledges/"
DEFAULT_OPTIONS = {"currency": "usd", "interval": "month", "page": 1}


@dataclass
class Listing:
    queryset: QuerySet  # filtered, plain: for totals and the timeline
    options: dict[str, Any]
    errors: list[str]
    filter_query: str  # the filter parameters only, url-encoded

    @property
    def downloads(self) -> dict[str, str]:
        return api_downloads(self.filter_query)


def api_downloads(filter_query: str) -> dict[str, str]:
    """Links to the API's CSV and JSON of the same filtered list."""
    base, joiner = api_pledges_url(), "&" if filter_query else ""
    return {fmt: f"{base}?{filter_query}{joiner}format={fmt}" for fmt in ("csv", "json")}


def api_pledges_url() -> str:
    try:
        return reverse("api:pledge-list")
    except NoReverseMatch:
        return API_PLEDGES_FALLBACK


def _messages(errors: Any) -> list[str]:
    return [f"{name}: {' '.join(messages)}" for name, messages in errors.items()]


def _filter_params(params: QueryDict) -> QueryDict:
    """The query string without page options and empty values (an unset select)."""
    pairs = [
        (name, value)
        for name, values in params.lists()
        if name not in PageOptionsForm.OPTION_NAMES
        for value in values
        if value != ""
    ]
    return QueryDict(urlencode(pairs, doseq=True))


def pledge_listing(params: QueryDict, *, base: QuerySet | None = None) -> Listing:
    """Filter `base` (all pledges by default) by the query string, as the API does.

    Without a status filter, PledgeFilter keeps reported and confirmed pledges.
    Invalid filters leave an empty list and say what is wrong.
    """
    base = Pledge.objects.all() if base is None else base
    filter_params = _filter_params(params)
    filterset = PledgeFilter(filter_params, queryset=base)
    options_form = PageOptionsForm(params)
    errors = []
    if not filterset.is_valid():
        errors += _messages(filterset.errors)
    if not options_form.is_valid():
        errors += _messages(options_form.errors)
    return Listing(
        queryset=base.none() if filterset.errors else filterset.qs,
        options=options_form.cleaned() if not options_form.errors else dict(DEFAULT_OPTIONS),
        errors=errors,
        filter_query=filter_params.urlencode(),
    )
