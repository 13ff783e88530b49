"""The analysts' pages: home with timeline and list, pledge, article, donor, equipment,
category and search."""

from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from aidtracker.models import Category, Country, Equipment, Pledge
from ingest.models import Article

from .. import queries
from ..cache import cached, data_version
from ..http import HtmxHttpRequest
from ..listing import api_downloads, pledge_listing
from .timeline import timeline_summary

FORM_LISTS = ("donor", "kind", "stage", "category", "status")
STATUS_CHOICES = [("confirmed", "Confirmed by an editor"), ("reported", "Not yet reviewed")]
SEARCH_MIN_LENGTH = 2
SEARCH_LIMIT = queries.SEARCH_LIMIT
SEARCH_TOO_SHORT = "Type at least two characters to search."


def cached_query(read, queryset, version: str):
    """`read(queryset)`, cached under the queryset's SQL and the data version."""
    if queryset.query.is_empty():
        return read(queryset)
    return cached(read.__name__, (str(queryset.query),), lambda: read(queryset), version=version)


def _status(listing) -> int:
    return 400 if listing.errors else 200


def home(request: HtmxHttpRequest) -> HttpResponse:
    listing = pledge_listing(request.GET, base=queries.pledges_filterable())
    options = listing.options
    totals, figure = timeline_summary(
        listing.queryset,
        interval=options["interval"],
        currency=options["currency"],
        group_by="donor",
        version=data_version(),
    )
    context = {
        "listing": listing,
        "totals": totals,
        "figure": figure,
        "page": queries.pledge_page(listing.queryset, number=options["page"]),
        "donors": queries.donors_with_pledges(),
        "selected": {name: request.GET.getlist(name) for name in FORM_LISTS},
        "kinds": Pledge.Kind.choices,
        "stages": Pledge.Stage.choices,
        "categories": Category.choices,
        "statuses": STATUS_CHOICES,
    }
    template = "web/_results.html" if request.htmx else "web/home.html"
    return render(request, template, context, status=_status(listing))


def pledge_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    try:
        pledge = queries.pledge_detail(pk)
    except Pledge.DoesNotExist as missing:
        raise Http404("No such pledge.") from missing
    context = {
        "pledge": pledge,
        "evidence": queries.pledge_evidence(pledge),
        "sources": queries.evidence_sources(pledge),
        "changes": queries.pledge_changes(pledge),
    }
    return render(request, "web/pledge_detail.html", context)


def article_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    try:
        article = queries.article_detail(pk)
    except Article.DoesNotExist as missing:
        raise Http404("No such article.") from missing
    context = {
        "article": article,
        "segments": queries.article_segments(article),
        "pledges": queries.article_pledges(article),
        "pending": article.status in (Article.Status.QUEUED, Article.Status.FETCHED),
    }
    if request.htmx:
        response = render(request, "web/_article_status.html", context)
        if not context["pending"]:
            response["HX-Refresh"] = "true"  # done: reload to show the text and pledges
        return response
    return render(request, "web/article_detail.html", context)


def donor_detail(request: HtmxHttpRequest, code: str) -> HttpResponse:
    donor = get_object_or_404(Country, code=code.upper())
    base = queries.pledges_filterable().filter(donor=donor)
    listing = pledge_listing(request.GET, base=base)
    donor_query = urlencode({"donor": donor.code})
    options, version = listing.options, data_version()
    totals, figure = timeline_summary(
        listing.queryset,
        interval=options["interval"],
        currency=options["currency"],
        group_by="kind",
        version=version,
    )
    context = {
        "donor": donor,
        "listing": listing,
        "totals": {**totals, "donors": None},
        "figure": figure,
        "page": queries.pledge_page(listing.queryset, number=options["page"]),
        "categories": cached_query(queries.items_by_category, listing.queryset, version),
        "sources": queries.donor_sources(donor.code),
        "downloads": api_downloads("&".join(filter(None, [donor_query, listing.filter_query]))),
    }
    return render(request, "web/donor_detail.html", context, status=_status(listing))


def equipment_detail(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    equipment = get_object_or_404(Equipment, slug=slug)
    items = queries.shown_items(equipment=equipment)
    context = {
        "equipment": equipment,
        "donors": cached_query(queries.item_donors, items, data_version()),
        "items": queries.latest_items(items, few=True),
        "downloads": api_downloads(urlencode({"equipment": equipment.slug})),
    }
    return render(request, "web/equipment_detail.html", context)


def category_detail(request: HtmxHttpRequest, category: str) -> HttpResponse:
    if category not in Category.values:
        raise Http404("No such category.")
    items, version = queries.shown_items(category=category), data_version()
    context = {
        "category": category,
        "label": Category(category).label,
        "donors": cached_query(queries.item_donors, items, version),
        "equipment": cached_query(queries.category_equipment, items, version),
        "items": queries.latest_items(items),
        "downloads": api_downloads(urlencode({"category": category})),
    }
    return render(request, "web/category_detail.html", context)


def search(request: HtmxHttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:200]
    context: dict[str, Any] = {
        "q": q,
        "error": "",
        "downloads": api_downloads(urlencode({"q": q})),
    }
    if q and len(q) >= SEARCH_MIN_LENGTH:
        found = cached_query(queries.search_pledge_ids, queries.search_pledges(q), data_version())
        context["page"] = queries.page_of_ids(found, size=SEARCH_LIMIT)
        context["articles"] = queries.search_articles(q)
        context["donors"] = queries.search_donors(q)
        context["equipment"] = queries.search_equipment(q)
    elif q:
        context["error"] = SEARCH_TOO_SHORT
    return render(request, "web/search.html", context, status=400 if context["error"] else 200)
