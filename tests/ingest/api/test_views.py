"""/api/articles/: anonymous reads, editors' submissions and retries, filters, pagination."""

import pytest
from rest_framework.test import APIClient

from ingest.api.serializers import ONE_OF
from ingest.models import Article
from ingest.services import SUBMIT_BAD_URL
from tests.factories import ArticleFactory, EvidenceFactory, UserFactory

pytestmark = pytest.mark.django_db
US_PACKAGE = (
    "On June 13, 2023 the United States announced a new $325 million security "
    "assistance package for Ukraine, including Stinger missiles."
)


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def editor_api(editor):
    client = APIClient()
    client.force_authenticate(editor)
    return client


def test_anonymous_can_list_and_read(api, django_assert_num_queries):
    articles = ArticleFactory.create_batch(3)
    EvidenceFactory(article=articles[0])
    with django_assert_num_queries(1):
        listing = api.get("/api/articles/")
    assert listing.status_code == 200
    assert [row["id"] for row in listing.json()["results"]] == [a.pk for a in reversed(articles)]
    with django_assert_num_queries(2):
        detail = api.get(f"/api/articles/{articles[0].pk}/")
    body = detail.json()
    assert body["text"] == articles[0].text and len(body["evidence"]) == 1
    assert body["status_url"].endswith(f"/api/articles/{articles[0].pk}/")


def test_filters_and_cursor_pagination(api):
    ArticleFactory.create_batch(3, language="fr", outlet="Le Monde")
    ArticleFactory(language="de", status="failed", error="boom")
    assert len(api.get("/api/articles/?language=fr").json()["results"]) == 3
    assert len(api.get("/api/articles/?outlet=le monde").json()["results"]) == 3
    failed = api.get("/api/articles/?status=failed").json()["results"]
    assert [row["error"] for row in failed] == ["boom"]
    assert api.get("/api/articles/?status=bogus").status_code == 400
    first = api.get("/api/articles/?page_size=2").json()
    second = api.get(first["next"]).json()
    assert len(first["results"]) == 2 and len(second["results"]) == 2
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}


def test_writes_need_an_editor(api):
    assert api.post("/api/articles/", {"text": US_PACKAGE}, format="json").status_code in (401, 403)
    api.force_authenticate(UserFactory(username="reader"))
    refused = api.post("/api/articles/", {"text": US_PACKAGE}, format="json")
    assert refused.status_code == 403 and "Editors" in refused.json()["detail"]
    api.force_authenticate(UserFactory(username="staff", is_staff=True))
    assert api.post("/api/articles/", {"text": US_PACKAGE}, format="json").status_code == 202
    assert Article.objects.count() == 1


def test_submitting_text_extracts_it(editor_api, reference, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_api.post(
            "/api/articles/",
            {"text": US_PACKAGE, "title": "US aid", "published_on": "2023-06-16"},
            format="json",
        )
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "queued" and body["duplicate"] is False
    assert response["Location"] == body["status_url"]
    status = editor_api.get(body["status_url"]).json()
    assert status["status"] == "extracted" and len(status["evidence"]) == 1


def test_a_duplicate_submission_returns_the_stored_article(editor_api):
    first = editor_api.post("/api/articles/", {"url": "https://example.org/a#x"}, format="json")
    again = editor_api.post("/api/articles/", {"url": "https://EXAMPLE.org/a"}, format="json")
    assert first.status_code == 202 and again.status_code == 200
    assert again.json()["id"] == first.json()["id"] and again.json()["duplicate"] is True


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({}, "non_field_errors", ONE_OF),
        ({"text": "a", "html": "<p>b</p>"}, "non_field_errors", ONE_OF),
        ({"url": "ftp://example.org/x"}, "url", SUBMIT_BAD_URL),
        ({"url": "not a url"}, "url", "Enter a valid URL."),
        ({"text": "x", "published_on": "June"}, "published_on", "Date has wrong format"),
        ({"html": "<script>1</script>"}, "html", "No article text was found in the html."),
    ],
)
def test_bad_submissions_get_a_clear_400(editor_api, payload, field, message):
    response = editor_api.post("/api/articles/", payload, format="json")
    assert response.status_code == 400
    assert message in " ".join(response.json()[field])


def test_a_failed_article_can_be_retried(editor_api, django_capture_on_commit_callbacks):
    article = ArticleFactory(status="failed", error="HTTP 500", text="", content_hash=None)
    with django_capture_on_commit_callbacks() as queued:
        response = editor_api.post(f"/api/articles/{article.pk}/retry/")
    assert response.status_code == 202 and response.json()["status"] == "queued"
    assert len(queued) == 1
    again = editor_api.post(f"/api/articles/{article.pk}/retry/")
    assert again.status_code == 409 and "Only a failed article" in again.json()["detail"]
    assert APIClient().post(f"/api/articles/{article.pk}/retry/").status_code in (401, 403)


def test_the_schema_documents_the_articles_endpoints(api):
    schema = api.get("/api/schema/?format=json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert {"/api/articles/", "/api/articles/{id}/", "/api/articles/{id}/retry/"} <= set(paths)
    assert "202" in paths["/api/articles/"]["post"]["responses"]
