import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from aidtracker.filters import UNKNOWN_DONOR
from aidtracker.models import Pledge
from aidtracker.services import ItemData, PledgeData, pledge_create
from aidtracker.web.cache import cache_reset
from aidtracker.web.listing import api_pledges_url
from aidtracker.web.views.pages import SEARCH_TOO_SHORT
from ingest.models import Article
from tests.factories import ArticleFactory, EvidenceFactory

pytestmark = pytest.mark.django_db


def _pages(site):
    pledge = Pledge.objects.order_by("id").first()
    return [
        reverse("web:home"),
        reverse("web:home") + "?donor=US&donor=DE&kind=package&interval=year&currency=eur",
        reverse("web:pledge-detail", args=[pledge.pk]),
        reverse("web:article-detail", args=[site["articles"][0].pk]),
        reverse("web:donor-detail", args=["US"]),
        reverse("web:equipment-detail", args=["fgm-148-javelin"]),
        reverse("web:category-detail", args=["ammunition"]),
        reverse("web:search") + "?q=ammunition",
    ]


def test_every_page_loads(client, site):
    for url in _pages(site):
        response = client.get(url)
        assert response.status_code == 200, url


def test_home_lists_pledges_and_carries_the_chart_data(client, site):
    response = client.get(reverse("web:home"))
    assert response.context["totals"]["pledges"] == Pledge.objects.visible().count()
    figure = response.context["figure"]
    assert figure["data"][-1]["name"] == "Cumulative"
    cumulative = figure["data"][-1]["y"][-1]
    total = sum(p.amount_usd or 0 for p in Pledge.objects.all())
    assert cumulative == pytest.approx(float(total), rel=1e-9)
    assert b'id="chart-data"' in response.content
    assert b"plotly/plotly.min.js" in response.content
    assert b"django_htmx/htmx-2.min.js" in response.content


def test_home_filters_the_list_and_the_chart_alike(client, site):
    response = client.get(reverse("web:home"), {"donor": "US"})
    rows = response.context["page"].rows
    assert rows and all(p.donor_id == "US" for p in rows)
    names = [trace["name"] for trace in response.context["figure"]["data"]]
    assert names == ["United States", "Cumulative"]


def test_download_links_share_the_filter_query_without_page_options(client, site):
    response = client.get(
        reverse("web:home"), {"donor": "US", "kind": "package", "page": "1", "currency": "eur"}
    )
    downloads = response.context["listing"].downloads
    assert downloads["csv"] == f"{api_pledges_url()}?donor=US&kind=package&format=csv"
    assert downloads["json"].endswith("donor=US&kind=package&format=json")
    assert downloads["csv"].replace("&", "&amp;").encode() in response.content


@pytest.mark.parametrize(
    "query",
    [
        {"from": "yesterday"},
        {"from": "2024-01-01", "to": "2023-01-01"},
        {"donor": "ZZ"},
        {"kind": "gift"},
        {"ordering": "colour"},
        {"currency": "gbp"},
        {"interval": "century"},
        {"page": "0"},
    ],
)
def test_a_bad_filter_is_a_400_with_a_message(client, site, query):
    response = client.get(reverse("web:home"), query)
    assert response.status_code == 400
    assert b"These filters cannot be applied" in response.content


def test_bad_filter_messages_come_from_the_shared_filterset(client, site):
    response = client.get(reverse("web:home"), {"donor": "ZZ"})
    assert (UNKNOWN_DONOR % {"value": "ZZ"}).encode() in response.content


def test_ordering_and_status_filters_work_as_in_the_api(client, site):
    response = client.get(reverse("web:home"), {"ordering": "-amount_usd"})
    values = [p.amount_usd for p in response.context["page"].rows if p.amount_usd is not None]
    assert values == sorted(values, reverse=True) and len(values) == 5
    response = client.get(reverse("web:home"), {"status": "confirmed"})
    assert {p.status for p in response.context["page"].rows} == {"confirmed"}
    rejected = Pledge.objects.filter(status="reported").first()
    Pledge.objects.filter(pk=rejected.pk).update(status="rejected")
    response = client.get(reverse("web:home"))
    assert rejected.pk not in [p.pk for p in response.context["page"].rows]


def test_htmx_request_gets_only_the_results(client, site):
    response = client.get(reverse("web:home"), {"kind": "package"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b'id="chart-data"' in response.content


def test_missing_objects_are_404(client, site):
    for url in (
        "/pledges/999999/",
        "/articles/999999/",
        "/donors/ZZ/",
        "/equipment/nope/",
        "/categories/nope/",
    ):
        assert client.get(url).status_code == 404, url


def test_search_finds_pledges_and_articles(client, site):
    response = client.get(reverse("web:search"), {"q": "Stinger"})
    assert any(p.donor_id == "US" for p in response.context["pledges"])
    response = client.get(reverse("web:search"), {"q": "Brussels"})
    assert [a.pk for a in response.context["articles"]] == [site["hostile"].pk]
    response = client.get(reverse("web:search"), {"q": "x"})
    assert response.status_code == 400
    assert SEARCH_TOO_SHORT.encode() in response.content


def test_article_text_and_title_are_escaped(client, site):
    response = client.get(reverse("web:article-detail", args=[site["hostile"].pk]))
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    marked = "<mark>A new &lt;b&gt;package&lt;/b&gt; was announced &amp; more would follow.</mark>"
    assert marked in html
    assert "&lt;i&gt;Brussels&lt;/i&gt; meeting" in html
    assert "<i>Brussels</i>" not in html


def test_pledge_page_shows_evidence_in_context_sources_and_history(client, site):
    pledge = Pledge.objects.get(donor_id="US")
    response = client.get(reverse("web:pledge-detail", args=[pledge.pk]))
    html = response.content.decode()
    assert response.context["sources"] == {"articles": 2, "outlets": 1}
    assert "<mark>A new US drawdown tranche" in html
    assert "United States made an announcement on 13 June 2023." in html
    assert "&lt;b&gt;package&lt;/b&gt;" in html
    assert reverse("web:article-detail", args=[site["hostile"].pk]) in html
    assert "Demo data" in html  # the history's reason


def test_pending_article_polls_its_status(client, site):
    article = ArticleFactory(status=Article.Status.QUEUED, text="")
    response = client.get(reverse("web:article-detail", args=[article.pk]))
    assert b'hx-trigger="every 2s"' in response.content
    partial = client.get(reverse("web:article-detail", args=[article.pk]), HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content and b"Queued" in partial.content


def _pledges(count: int, *, start: int = 0) -> None:
    for n in range(start, start + count):
        pledge = pledge_create(
            data=PledgeData(
                donor=("US", "DE", "GB", "FR", "PL")[n % 5],
                recipient="UA",
                announced_on=datetime.date(2023, 1 + n % 12, 1 + n % 27),
                amount=Decimal(1_000_000 + n),
                currency="USD",
                summary=f"Pledge number {n}.",
                items=(
                    ItemData(name="155 mm artillery ammunition", equipment_slug="ammo-155mm"),
                    ItemData(name=f"Trucks {n}", category="vehicle", quantity=n + 1),
                ),
            )
        )
        article = ArticleFactory()
        EvidenceFactory(pledge=pledge, article=article, sentence=article.text[:20], start=0, end=20)


PAGES_FOR_COUNTS = [
    ("home", lambda: reverse("web:home")),
    ("home-filtered", lambda: reverse("web:home") + "?donor=US&donor=DE&category=ammunition"),
    ("donor", lambda: reverse("web:donor-detail", args=["US"])),
    ("equipment", lambda: reverse("web:equipment-detail", args=["ammo-155mm"])),
    ("category", lambda: reverse("web:category-detail", args=["ammunition"])),
    ("search", lambda: reverse("web:search") + "?q=pledge"),
    ("pledge", lambda: reverse("web:pledge-detail", args=[Pledge.objects.latest("id").pk])),
]


@pytest.mark.parametrize("name,url", PAGES_FOR_COUNTS, ids=[n for n, _ in PAGES_FOR_COUNTS])
def test_queries_per_page_do_not_grow_with_pledges(
    client, reference, django_assert_num_queries, name, url
):
    _pledges(3)
    target = url()
    client.get(target)  # warm Django's own caches (content types and the like)
    cache_reset()  # count the queries of a page not yet in the page cache
    with django_assert_num_queries(EXPECTED_QUERIES[name]):
        assert client.get(target).status_code == 200
    _pledges(40, start=3)
    target = url()
    with django_assert_num_queries(EXPECTED_QUERIES[name]):
        assert client.get(target).status_code == 200
    with django_assert_num_queries(EXPECTED_QUERIES[name] - CACHED_QUERIES.get(name, 0)):
        assert client.get(target).status_code == 200  # now from the page cache


EXPECTED_QUERIES = {
    "home": 8,
    "home-filtered": 8,  # the donor codes are read once per process, not per page
    "donor": 9,
    "equipment": 4,
    "category": 4,
    "search": 8,
    "pledge": 7,
}
# Aggregates served from the page cache on a second request (same data version).
CACHED_QUERIES = {
    "home": 2,
    "home-filtered": 2,
    "donor": 2,
    "equipment": 1,
    "category": 2,
    "search": 1,
}


def test_cached_aggregates_follow_every_change(client, site, editor):
    from aidtracker.services import pledge_correct

    first = client.get(reverse("web:home")).context["totals"]
    _pledges(1)
    second = client.get(reverse("web:home")).context["totals"]
    assert second["pledges"] == first["pledges"] + 1
    pledge = Pledge.objects.latest("id")
    before = pledge.amount_usd
    pledge_correct(
        pledge=pledge, reason="Typo", changes={"amount": Decimal(5_000_000)}, user=editor
    )
    third = client.get(reverse("web:home")).context["totals"]
    assert third["usd"] == second["usd"] - before + Decimal(5_000_000)
