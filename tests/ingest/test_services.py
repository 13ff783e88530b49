"""Submitting articles: canonical URLs, duplicates, pasted text and HTML, fetch, retry."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from aidtracker.models import Pledge
from ingest import fetch, services
from ingest.models import Article
from ingest.services import article_submit, article_submit_outcome, url_canonical
from tests.ingest.server import Reply, html_page

US_PACKAGE = (
    "On June 13, 2023 the United States announced a new $325 million security "
    "assistance package for Ukraine, including Stinger missiles and 155mm artillery rounds."
)


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("HTTPS://News.Example.ORG/a/b?id=3#comments", "https://news.example.org/a/b?id=3"),
        (
            "https://example.org/x?utm_source=tw&id=1&UTM_Medium=s&fbclid=z",
            "https://example.org/x?id=1",
        ),
        ("http://example.org:80", "http://example.org/"),
        ("https://example.org:8443/p", "https://example.org:8443/p"),
        ("  https://example.org/p?b=2&a=1  ", "https://example.org/p?b=2&a=1"),
    ],
)
def test_url_canonical(given, canonical):
    assert url_canonical(given) == canonical


@pytest.mark.parametrize("bad", ["ftp://example.org/", "example.org/page", "http://", "http://[x"])
def test_url_canonical_refuses_what_is_not_a_web_url(bad):
    with pytest.raises(ValidationError) as caught:
        url_canonical(bad)
    assert caught.value.message_dict == {"url": [services.SUBMIT_BAD_URL]}


def test_text_hash_ignores_case_spacing_and_unicode_forms():
    assert services.text_hash("Kyiv  gets\nTANKS") == services.text_hash("kyiv gets tanks ")
    assert services.text_hash("ﬁve") == services.text_hash("five")
    assert services.text_hash("a") != services.text_hash("b")


@pytest.mark.django_db
def test_nothing_to_ingest_is_refused():
    with pytest.raises(ValidationError, match="Give a url"):
        article_submit(text="   ")


@pytest.mark.django_db
def test_the_same_url_is_stored_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        first = article_submit_outcome(url="https://example.org/a?utm_source=x#top")
        again = article_submit_outcome(url="HTTPS://EXAMPLE.org/a")
    assert first.created and not again.created
    assert again.article.pk == first.article.pk
    assert Article.objects.count() == 1 and len(queued) == 1


@pytest.mark.django_db
def test_the_same_text_is_stored_once_even_under_another_url():
    first = article_submit_outcome(text=US_PACKAGE, url="https://a.example/1")
    again = article_submit_outcome(text="  " + US_PACKAGE.upper(), url="https://b.example/2")
    assert not again.created and again.article.pk == first.article.pk
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_pasted_html_is_reduced_to_its_main_text():
    html = html_page("US package", [US_PACKAGE]).decode()
    article = article_submit(html=html, published_on="2023-06-16")
    assert "On June 13, 2023 the United States" in article.text
    assert "Copyright" not in article.text and "Home | World" not in article.text
    assert article.title == "US package"
    assert article.published_on == datetime.date(2023, 6, 16)


@pytest.mark.django_db
def test_html_without_text_is_refused():
    with pytest.raises(ValidationError) as caught:
        article_submit(html="<html><body><script>x()</script></body></html>")
    assert caught.value.message_dict == {"html": [services.SUBMIT_NO_TEXT]}


@pytest.mark.django_db
def test_a_bad_date_is_refused():
    with pytest.raises(ValidationError, match="published_on must be a date"):
        article_submit(text=US_PACKAGE, published_on="13 June")


@pytest.mark.django_db
def test_pasted_text_is_extracted_after_commit(reference, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = article_submit(text=US_PACKAGE, published_on="2023-06-16", title="US aid")
    article.refresh_from_db()
    assert article.status == Article.Status.EXTRACTED and article.extractor_version
    pledge = Pledge.objects.get()
    assert (pledge.donor_id, pledge.amount, pledge.currency) == ("US", 325_000_000, "USD")
    assert pledge.status == Pledge.Status.REPORTED
    assert pledge.evidence.get().article == article


@pytest.mark.django_db
def test_a_url_is_fetched_then_extracted(
    reference, allow_server, django_capture_on_commit_callbacks
):
    allow_server.routes["/us"] = Reply(body=html_page("US aid", [US_PACKAGE]))
    with django_capture_on_commit_callbacks(execute=True):
        article = article_submit(url=allow_server.url("/us"))
    article.refresh_from_db()
    assert article.status == Article.Status.EXTRACTED, article.error
    assert article.title == "US aid" and "Stinger" in article.text and article.content_hash
    assert Pledge.objects.get().evidence.count() == 1


@pytest.mark.django_db
def test_a_fetched_text_already_stored_is_not_extracted_twice(
    reference, allow_server, django_capture_on_commit_callbacks
):
    first = article_submit(text=US_PACKAGE)
    allow_server.routes["/copy"] = Reply(body=US_PACKAGE.encode(), content_type="text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        copy = article_submit(url=allow_server.url("/copy"))
    copy.refresh_from_db()
    assert copy.status == Article.Status.FAILED
    assert copy.error == services.DUPLICATE_CONTENT.format(id=first.pk)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (Reply(200, b"x" * 2000, "text/html"), fetch.TOO_LARGE.format(limit=1000)),
        (Reply(200, b"%PDF-1.4", "application/pdf"), "Unsupported content type 'application/pdf'"),
        (Reply(200, bytes(range(256)) * 2, "application/octet-stream"), "Unsupported content"),
        (Reply(500, b"oops", "text/plain"), fetch.HTTP_ERROR.format(status=500)),
    ],
)
def test_bad_pages_end_as_failed_articles_with_clear_errors(
    allow_server, settings, django_capture_on_commit_callbacks, reply, message
):
    settings.FETCH_MAX_BYTES = 1000
    allow_server.routes["/bad"] = reply
    with django_capture_on_commit_callbacks(execute=True):
        article = article_submit(url=allow_server.url("/bad"))
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert message in article.error
    assert allow_server.hits["/bad"] == 1  # bad content is not retried


@pytest.mark.django_db
def test_refused_addresses_end_as_failed_articles(settings, django_capture_on_commit_callbacks):
    settings.ALLOW_PRIVATE_FETCH = False
    settings.FETCH_PRIVATE_ALLOWLIST = []
    with django_capture_on_commit_callbacks(execute=True):
        article = article_submit(url="http://169.254.169.254/latest/meta-data/")
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert article.error.startswith("Refused to fetch 169.254.169.254")


@pytest.mark.django_db
def test_a_failed_article_can_be_retried(
    reference, allow_server, django_capture_on_commit_callbacks
):
    allow_server.routes["/flaky"] = Reply(500, b"down", "text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        article = article_submit(url=allow_server.url("/flaky"))
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    allow_server.routes["/flaky"] = Reply(body=US_PACKAGE.encode(), content_type="text/plain")
    with django_capture_on_commit_callbacks(execute=True):
        services.article_retry(article=article)
    article.refresh_from_db()
    assert article.status == Article.Status.EXTRACTED and article.error == ""
    with pytest.raises(ValidationError, match="Only a failed article"):
        services.article_retry(article=article)


@pytest.mark.django_db
def test_three_languages_one_pledge_three_evidence(reference, django_capture_on_commit_callbacks):
    texts = {
        "en": US_PACKAGE,
        "fr": "Le 13 juin 2023, les États-Unis ont annoncé un nouveau paquet d'aide militaire "
        "de 325 millions de dollars pour l'Ukraine, avec des missiles Stinger.",
        "uk": "13 червня 2023 року Сполучені Штати оголосили новий пакет військової допомоги "
        "Україні на суму 325 мільйонів доларів, зокрема ракети Stinger.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        for text in texts.values():
            article_submit(text=text, published_on="2023-06-14")
    pledge = Pledge.objects.get()
    languages = sorted(pledge.evidence.values_list("article__language", flat=True))
    assert languages == ["en", "fr", "uk"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_submissions_of_one_text_store_it_once():
    barrier = threading.Barrier(4)
    outcomes, errors = [], []

    def submit() -> None:
        try:
            barrier.wait(timeout=10)
            with transaction.atomic():  # a bulk load's batch: it goes on after a duplicate
                outcomes.append(article_submit_outcome(text="Kyiv gets a package.", enqueue=False))
                Article.objects.count()
        except Exception as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(outcome.created for outcome in outcomes) == [False, False, False, True]
    assert {outcome.article.pk for outcome in outcomes} == {Article.objects.get().pk}


def test_a_submission_inside_a_transaction_costs_four_queries(db, django_assert_num_queries):
    with transaction.atomic(), django_assert_num_queries(4):  # savepoint, look-up, insert, release
        article_submit_outcome(text="Kyiv gets a package.", enqueue=False)
