import csv
import io

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"kind": "financing"},
        {"donor": ["US", "DE"]},
        {"status": "reported", "from": "2023-06-01"},
    ],
)
def test_download_links_give_the_pledges_of_the_page(client, site, query):
    page = client.get(reverse("web:home"), query)
    shown = [pledge.pk for pledge in page.context["page"].rows]
    downloads = page.context["listing"].downloads
    response = client.get(downloads["csv"])
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [int(row["id"]) for row in rows] == shown
    response = client.get(downloads["json"])
    assert [item["id"] for item in response.json()["results"]] == shown


def test_every_list_page_links_to_the_api(client, site):
    for url in (
        reverse("web:donor-detail", args=["US"]),
        reverse("web:equipment-detail", args=["fgm-148-javelin"]),
        reverse("web:category-detail", args=["ammunition"]),
        reverse("web:search") + "?q=ammunition",
    ):
        downloads = client.get(url).context["downloads"]
        for link in downloads.values():
            assert client.get(link).status_code == 200, link
