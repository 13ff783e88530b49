import pytest
from django.urls import reverse
from django.utils.html import escape

from aidtracker.web.forms import SUBMIT_NEEDS_ONE
from ingest.models import Article
from ingest.services import SUBMIT_BAD_URL

pytestmark = pytest.mark.django_db

TEXT = (
    "Berlin, 12 May 2024. Germany will send Ukraine another IRIS-T SLM air defence system, "
    "the defence ministry said on Sunday."
)


def test_an_editor_submits_pasted_text_and_follows_its_status(client, site, editor):
    client.force_login(editor)
    response = client.post(
        reverse("web:submit"),
        {"text": TEXT, "title": "<b>Berlin</b> sends air defence", "outlet": "Example Wire"},
    )
    article = Article.objects.get(title="<b>Berlin</b> sends air defence")
    assert response.status_code == 302
    assert response["Location"] == reverse("web:article-detail", args=[article.pk])
    assert article.text == TEXT and article.outlet == "Example Wire"
    page = client.get(response["Location"])
    assert b"&lt;b&gt;Berlin&lt;/b&gt; sends air defence" in page.content
    if article.status in (Article.Status.QUEUED, Article.Status.FETCHED):
        assert b'hx-trigger="every 2s"' in page.content
    # Submitting the same text again leads to the same article.
    again = client.post(reverse("web:submit"), {"text": TEXT})
    assert again["Location"] == response["Location"]


def test_a_finished_article_asks_the_polling_page_to_reload(client, site, editor):
    article = site["articles"][0]
    response = client.get(reverse("web:article-detail", args=[article.pk]), HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"


@pytest.mark.parametrize(
    "data,message",
    [
        ({}, SUBMIT_NEEDS_ONE),
        ({"url": "https://news.example.org/a", "text": "Both."}, SUBMIT_NEEDS_ONE),
        ({"url": "ftp://news.example.org/a"}, SUBMIT_BAD_URL),
        ({"text": "Some text.", "published_on": "last week"}, "Enter a valid date."),
    ],
)
def test_bad_submissions_are_a_400_with_a_message(client, site, editor, data, message):
    client.force_login(editor)
    count = Article.objects.count()
    response = client.post(reverse("web:submit"), data)
    assert response.status_code == 400
    assert escape(message).encode() in response.content
    assert Article.objects.count() == count


def test_the_submit_form_is_for_editors(client, site, editor):
    client.force_login(editor)
    response = client.get(reverse("web:submit"))
    assert response.status_code == 200
    assert b'name="url"' in response.content and b'name="text"' in response.content
