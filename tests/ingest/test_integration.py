"""End to end with real processes: the API and a feed feed a real Celery worker (prefork,
two processes) over the real Redis, writing to the real PostgreSQL test database.

The tests are transactional (`transaction=True`) so the worker sees committed rows.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from rest_framework.test import APIClient

from aidtracker.celery import app as celery_app
from aidtracker.models import Pledge
from aidtracker.reference import reference_load
from aidtracker.services import pledge_correct, pledge_reject
from ingest import tasks
from ingest.models import Article, Evidence, Feed
from ingest.services import article_submit, article_submit_outcome, articles_batched
from tests.factories import UserFactory
from tests.ingest.server import LocalServer, Reply, html_page
from tests.ingest.workers import Worker, database_url

pytestmark = [
    pytest.mark.integration,
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EN = (
    "On June 13, 2023 the United States announced a new $325 million security assistance "
    "package for Ukraine, including Stinger missiles and 155mm artillery rounds."
)
FR = (
    "Le 13 juin 2023, les États-Unis ont annoncé un nouveau paquet d'aide militaire de "
    "325 millions de dollars pour l'Ukraine, avec des missiles Stinger."
)
DE = (
    "Die Vereinigten Staaten haben am 13. Juni 2023 ein neues Militärhilfepaket für die "
    "Ukraine im Wert von 325 Millionen Dollar angekündigt, darunter Stinger-Raketen."
)
PL = (
    "Stany Zjednoczone ogłosiły 13 czerwca 2023 r. nowy pakiet pomocy wojskowej dla Ukrainy "
    "o wartości 325 mln dolarów, w tym pociski Stinger."
)
UK_GB = "On 16 June 2023 the United Kingdom pledged £50 million of military aid to Ukraine."
WAIT_SECONDS = 60
FINAL = (Article.Status.EXTRACTED, Article.Status.FAILED)


def worker_env(**extra: str) -> dict[str, str]:
    return {
        "DATABASE_URL": database_url(settings.DATABASES["default"]),
        "REDIS_URL": settings.REDIS_URL,
        "SECRET_KEY": "integration-tests-key-not-a-secret",
        "DEBUG": "0",
        "CONN_MAX_AGE": "0",
        "ALLOW_PRIVATE_FETCH": "1",
        **extra,
    }


def wait_for(condition: Callable[[], bool], what: str, worker: Worker) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}; worker log:\n{worker.output()[-4000:]}")
        time.sleep(0.2)


def settled(*ids: int) -> bool:
    return Article.objects.filter(pk__in=ids, status__in=FINAL).count() == len(ids)


@pytest.fixture
def purged():
    celery_app.conf.task_always_eager = False
    celery_app.control.purge()
    yield
    celery_app.control.purge()


@pytest.fixture
def worker(purged):
    running = Worker(worker_env()).start()
    yield running
    running.stop()


@pytest.fixture
def editor_api(db):
    from django.contrib.auth.models import Group

    user = UserFactory(username="integration-editor")
    user.groups.add(Group.objects.get_or_create(name="Editors")[0])
    client = APIClient()
    client.force_authenticate(user)
    return client


def submit(api: APIClient, payload: dict, expected: int = 202) -> int:
    response = api.post("/api/articles/", payload, format="json")
    assert response.status_code == expected, response.content
    return response.json()["id"]


def rss(server: LocalServer, *paths: str) -> bytes:
    items = "".join(f"<item><title>{p}</title><link>{server.url(p)}</link></item>" for p in paths)
    channel = f"<channel><title>News</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


def test_urls_text_and_feeds_become_pledges_with_evidence(worker, editor_api):
    reference_load()
    with LocalServer() as server:
        server.routes["/en.html"] = Reply(body=html_page("US package", [EN]))
        server.routes["/fr.html"] = Reply(body=html_page("Paquet américain", [FR]))
        server.routes["/gb.html"] = Reply(body=html_page("UK aid", [UK_GB]))
        server.routes["/feed.xml"] = Reply(
            body=rss(server, "/fr.html", "/gb.html"), content_type="application/rss+xml"
        )
        server.routes["/broken"] = Reply(500, b"oops", "text/plain")
        server.routes["/paper.pdf"] = Reply(body=b"%PDF-1.7", content_type="application/pdf")

        by_url = submit(editor_api, {"url": server.url("/en.html")})
        pasted = submit(editor_api, {"text": DE, "published_on": "2023-06-16", "title": "DE"})
        broken = submit(editor_api, {"url": server.url("/broken")})
        pdf = submit(editor_api, {"url": server.url("/paper.pdf")})
        assert submit(editor_api, {"url": server.url("/en.html#again")}, expected=200) == by_url
        assert submit(editor_api, {"text": DE.upper()}, expected=200) == pasted
        feed = Feed.objects.create(url=server.url("/feed.xml"))
        tasks.feed_poll.delay(feed.pk)

        wait_for(lambda: Article.objects.filter(feed=feed).count() == 2, "the feed", worker)
        ids = [
            by_url,
            pasted,
            broken,
            pdf,
            *Article.objects.filter(feed=feed).values_list("id", flat=True),
        ]
        wait_for(lambda: settled(*ids), "the articles", worker)

    articles = {a.pk: a for a in Article.objects.all()}
    assert len(articles) == 6
    assert (
        articles[broken].status == "failed"
        and articles[broken].error == "The server answered HTTP 500."
    )
    assert articles[pdf].status == "failed" and "application/pdf" in articles[pdf].error
    us = Pledge.objects.get(donor="US")
    languages = set(us.evidence.values_list("article__language", flat=True))
    assert us.evidence.count() == 3 and languages == {"en", "fr", "de"}
    assert (us.amount, us.currency, us.status) == (325_000_000, "USD", "reported")
    assert Pledge.objects.get(donor="GB").evidence.get().article.feed == feed
    assert Pledge.objects.count() == 2

    # An editor's correction survives re-extraction; a rejected pledge stays rejected.
    pledge_correct(pledge=us, reason="The release says 352", changes={"amount": 352_000_000})
    gb = Pledge.objects.get(donor="GB")
    pledge_reject(pledge=gb, reason="Not military aid")
    call_command("reextract", "--all", verbosity=0)
    us.refresh_from_db()
    assert us.amount == 352_000_000 and us.evidence.count() == 3
    assert Pledge.objects.count() == 2 and Evidence.objects.count() == 4

    again = submit(editor_api, {"text": PL, "published_on": "2023-06-14"})
    gb_again = submit(editor_api, {"text": UK_GB + " The package is worth £50 million."})
    wait_for(lambda: settled(again, gb_again), "the new articles", worker)
    gb.refresh_from_db()
    assert gb.status == "rejected" and gb.evidence.count() == 2
    assert Pledge.objects.get(donor="US").evidence.count() == 4
    assert Pledge.objects.count() == 2


def test_a_worker_killed_mid_task_loses_nothing(purged, editor_api):
    reference_load()
    with LocalServer() as server:

        def slow_first(handler) -> Reply:
            delay = 120 if server.hits["/slow.html"] == 1 else 0
            return Reply(body=html_page("US package", [EN]), delay=delay)

        server.routes["/slow.html"] = slow_first
        first = Worker(worker_env()).start()
        try:
            article_id = submit(editor_api, {"url": server.url("/slow.html")})
            wait_for(lambda: server.hits["/slow.html"] == 1, "the slow fetch", first)
            first.kill()
        finally:
            first.stop()
        assert Article.objects.get(pk=article_id).status == "queued"

        time.sleep(2.5)  # older than the new worker's visibility timeout
        second = Worker(worker_env(CELERY_VISIBILITY_TIMEOUT="2", CELERY_RESTORE_INTERVAL="1"))
        second.start()
        try:
            wait_for(lambda: settled(article_id), "the redelivered task", second)
            time.sleep(1)  # a duplicate delivery, if any, would land now
        finally:
            second.stop()
        assert server.hits["/slow.html"] == 2

    article = Article.objects.get(pk=article_id)
    assert article.status == "extracted", article.error
    assert Evidence.objects.filter(article=article).count() == 1
    assert Pledge.objects.count() == 1


CHUNK_DONORS = ("Germany", "France", "Canada")


def chunk_text(n: int) -> str:
    return (
        f"On May {n + 3}, 2023, {CHUNK_DONORS[n]} announced a new €{100 + 70 * n} million "
        "military aid package for Ukraine, including IRIS-T air defence systems."
    )


@contextmanager
def row_locked(article_id: int) -> Iterator[None]:
    """Another session holds the article's row lock: a worker reaching it waits there."""
    with psycopg.connect(database_url(settings.DATABASES["default"])) as other:
        other.execute("SELECT id FROM ingest_article WHERE id = %s FOR UPDATE", [article_id])
        yield
        other.rollback()


@contextmanager
def row_locked_later() -> Iterator[Callable[[int], None]]:
    """lock(article_id) takes an article's row lock in another session, held until the end."""
    with ExitStack() as stack:
        yield lambda article_id: stack.enter_context(row_locked(article_id))


def submit_chunk_with_second_locked(stack: ExitStack) -> list[int]:
    """Three articles as one chunk (articles_batched), the second one row-locked."""
    with articles_batched(size=3):
        ids = [article_submit(text=chunk_text(0), published_on="2023-05-10").pk]
        ids.append(article_submit(text=chunk_text(1), published_on="2023-05-10").pk)
        stack.enter_context(row_locked(ids[1]))
        ids.append(article_submit(text=chunk_text(2), published_on="2023-05-10").pk)
    return ids


def extracted_once(*ids: int) -> bool:
    return all(
        Article.objects.get(pk=pk).status == "extracted"
        and Evidence.objects.filter(article_id=pk).count() == 1
        for pk in ids
    )


def test_a_worker_killed_mid_chunk_loses_nothing_and_extracts_each_article_once(purged):
    reference_load()
    first = Worker(worker_env()).start()
    with ExitStack() as lock:
        try:
            ids = submit_chunk_with_second_locked(lock)
            wait_for(lambda: settled(ids[0]), "the chunk's first article", first)
            time.sleep(1)  # the worker now waits for the second article's row lock
            first.kill()
        finally:
            first.stop()
    done_before = Article.objects.get(pk=ids[0]).updated_at
    assert [Article.objects.get(pk=pk).status for pk in ids[1:]] == ["queued", "queued"]

    time.sleep(2.5)  # older than the new worker's visibility timeout
    second = Worker(worker_env(CELERY_VISIBILITY_TIMEOUT="2", CELERY_RESTORE_INTERVAL="1"))
    second.start()
    try:
        wait_for(lambda: settled(*ids), "the redelivered chunk", second)
        time.sleep(1)  # a duplicate delivery, if any, would land now
    finally:
        second.stop()

    assert "ingest.articles_extract" in second.output()  # the chunk itself came back
    assert extracted_once(*ids)
    assert Article.objects.get(pk=ids[0]).updated_at == done_before  # not extracted again
    assert Pledge.objects.count() == 3


def test_an_article_of_a_chunk_that_hits_a_database_error_is_retried_alone(purged):
    reference_load()
    # The worker gives up waiting for a row lock after 300 ms: an OperationalError.
    url = database_url(settings.DATABASES["default"]) + "?options=-c%20lock_timeout%3D300"
    worker = Worker(worker_env(DATABASE_URL=url)).start()
    try:
        with ExitStack() as lock:
            ids = submit_chunk_with_second_locked(lock)
            wait_for(lambda: settled(ids[0], ids[2]), "the rest of the chunk", worker)
            assert Article.objects.get(pk=ids[1]).status == "queued"
        wait_for(lambda: settled(ids[1]), "the retried article", worker)
    finally:
        worker.stop()

    assert "will be retried alone" in worker.output()
    assert extracted_once(*ids)
    assert Pledge.objects.count() == 3


def test_a_chunk_cut_short_by_its_time_limit_hands_the_rest_on(purged):
    reference_load()
    worker = Worker(worker_env()).start()
    try:
        with row_locked_later() as lock:
            ids = [
                article_submit_outcome(
                    text=chunk_text(n), published_on="2023-05-10", enqueue=False
                ).article.pk
                for n in range(3)
            ]
            lock(ids[1])
            tasks.articles_extract.apply_async((ids,), soft_time_limit=2, time_limit=30)
            wait_for(
                lambda: "Soft time limit (2s) exceeded" in worker.output(), "the limit", worker
            )
            wait_for(lambda: settled(ids[0]), "the chunk's first article", worker)
        wait_for(lambda: settled(*ids), "the articles handed on", worker)
    finally:
        worker.stop()

    assert extracted_once(*ids)
    assert worker.output().count("ingest.article_extract[") >= 2  # the second and third alone
    assert Pledge.objects.count() == 3
