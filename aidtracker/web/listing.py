"""A filtered list of pledges from a query string: the API's FilterSet, plus page options.

A page URL and an API URL share their filter parameters, so the download links are the
page's own query string without the page-only options.
"""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import NoReverseMatch, reverse

from .forms import PageOptionsForm
from .interim_filters import PledgeFilter
from .queries import pledges_shown

API_PLEDGES_FALLBACK = "/api/pledges/"
DEFAULT_OPTIONS = {"currency": "usd", "interval": "month", "page": 1}


@dataclass
class Listing:
    queryset: QuerySet
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


def pledge_listing(params: QueryDict, *, base: QuerySet | None = None) -> Listing:
    """Filter `base` (the pledges analysts see) by the query string; errors say what is wrong."""
    filter_params = params.copy()
    for name in PageOptionsForm.OPTION_NAMES:
        filter_params.pop(name, None)
    filter_params = QueryDict(
        urlencode([(k, v) for k, vs in filter_params.lists() for v in vs if v != ""], doseq=True)
    )
    base = pledges_shown() if base is None else base
    options_form = PageOptionsForm(params)
    filterset = PledgeFilter(filter_params, queryset=base)
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
