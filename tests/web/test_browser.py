"""The pages in headless Chromium against a live server with the demo data.

Screenshots of every page go to screenshots/ (ignored by git).
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from aidtracker.models import Pledge
from tests.conftest import CHROMIUM
from tests.factories import UserFactory

from .data import site_load

# Playwright's sync API runs an event loop in this thread; the ORM calls of the test
# itself are plain synchronous calls, which Django would otherwise refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOTS = Path(settings.BASE_DIR) / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
EDITOR_PASSWORD = "pass-word-123"
EDITOR_PERMISSIONS = ("change_pledge", "change_pledgeitem", "view_pledge")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def demo(live_server, django_db_serialized_rollback):
    data = site_load()
    editor = UserFactory(username="editor-b", is_staff=True)
    editor.groups.add(_editors())
    return {**data, "editor": editor, "base": live_server.url}


def _editors():
    """The Editors group comes from a data migration; a flushed transactional test
    database may lack it, so make sure it is there with its permissions."""
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(*Permission.objects.filter(codename__in=EDITOR_PERMISSIONS))
    return group


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _wait_for_chart(page) -> None:
    page.wait_for_selector("#chart[data-rendered=true]")


def _chart_points(page) -> dict:
    return page.evaluate(
        """() => Object.fromEntries(document.getElementById('chart').data
             .map(t => [t.name, t.y.filter(v => v > 0).length]))"""
    )


def _log_in(page, base: str, username: str) -> None:
    page.goto(base + reverse("web:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", EDITOR_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + reverse("web:home"))


def test_every_page_loads_and_is_photographed(page, demo):
    base, pledge = demo["base"], Pledge.objects.get(donor_id="US")
    pages = {
        "home": reverse("web:home"),
        "pledge": reverse("web:pledge-detail", args=[pledge.pk]),
        "article": reverse("web:article-detail", args=[demo["articles"][0].pk]),
        "article-escaped": reverse("web:article-detail", args=[demo["hostile"].pk]),
        "donor": reverse("web:donor-detail", args=["US"]),
        "equipment": reverse("web:equipment-detail", args=["f-16"]),
        "category": reverse("web:category-detail", args=["ammunition"]),
        "search": reverse("web:search") + "?q=ammunition",
        "login": reverse("web:login"),
    }
    for name, url in pages.items():
        response = page.goto(base + url)
        assert response.status == 200, name
        if name in ("home", "donor"):
            _wait_for_chart(page)
        _shot(page, name)
    assert page.evaluate("() => window.__hostile === undefined")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + reverse("web:home"))
    _wait_for_chart(page)
    _shot(page, "home-phone")
    _log_in(page, base, demo["editor"].username)
    for name, url in {
        "review-queue": reverse("web:review-queue"),
        "review-correct": reverse("web:review-correct", args=[pledge.pk]),
        "submit": reverse("web:submit"),
    }.items():
        response = page.goto(base + url)
        assert response.status == 200, name
        _shot(page, name)
    assert page.errors == []


def test_chart_renders_its_data_points(page, demo):
    page.goto(demo["base"] + reverse("web:home"))
    _wait_for_chart(page)
    points = _chart_points(page)
    valued = Pledge.objects.exclude(amount_usd=None).values_list("donor__name", flat=True)
    assert set(points) == {*valued, "Cumulative"}
    months = {p.announced_on.replace(day=1) for p in Pledge.objects.exclude(amount_usd=None)}
    assert points["Cumulative"] == len(months)
    drawn_bars = page.evaluate(
        """() => Array.from(document.querySelectorAll('#chart .barlayer .point path'))
             .filter(path => path.getBBox().height > 0.5).length"""
    )
    assert drawn_bars == len(valued)
    assert page.locator("#chart .scatterlayer .point").count() == len(months)
    assert page.errors == []


def test_a_filter_changes_the_list_the_chart_and_the_url(page, demo):
    base = demo["base"]
    page.goto(base + reverse("web:home"))
    _wait_for_chart(page)
    rows_before = page.locator("table.pledges tbody tr").count()
    page.select_option("select[name=kind]", "financing")
    page.wait_for_url("**/?kind=financing")  # empty filters and defaults left out
    _wait_for_chart(page)
    page.wait_for_function("() => document.querySelectorAll('table.pledges tbody tr').length === 2")
    assert rows_before == Pledge.objects.count()
    kinds = page.locator("table.pledges tbody tr td:nth-child(3)").all_inner_texts()  # kind
    assert kinds == ["Financing", "Financing"]
    assert set(_chart_points(page)) == {"NATO", "European Union", "Cumulative"}
    assert "kind=financing" in page.locator("a:text('CSV')").get_attribute("href")
    _shot(page, "home-filtered")
    # The URL is shareable: loading it afresh gives the same state.
    page.goto(page.url)
    _wait_for_chart(page)
    assert page.locator("table.pledges tbody tr").count() == 2
    assert page.locator("select[name=kind]").input_value() == "financing"
    assert page.errors == []


def test_an_editor_corrects_a_pledge_from_the_keyboard_and_sees_the_history(page, demo):
    base = demo["base"]
    _log_in(page, base, demo["editor"].username)
    page.goto(base + reverse("web:review-queue"))
    first = Pledge.objects.filter(status="reported").order_by("confidence", "-announced_on", "id")
    target = first[0]
    page.keyboard.press("e")
    page.wait_for_url(f"**/review/{target.pk}/correct/")
    page.select_option("#id_stage", "delivered")
    page.fill("#id_items-0-quantity", "6")
    page.fill("#id_reason", "Delivery confirmed by the defence ministry")
    _shot(page, "review-correct-filled")
    page.click("button:text('Save correction')")
    page.wait_for_url(f"**/pledges/{target.pk}/")
    history = page.locator("ol.history").inner_text()
    assert "Delivery confirmed by the defence ministry" in history
    assert "announced" in history and "delivered" in history
    _shot(page, "pledge-corrected")
    target.refresh_from_db()
    assert target.stage == "delivered" and "stage" in target.locked_fields
    assert target.items.first().quantity == 6

    # Back in the queue: j moves to the next pledge, c confirms it in place.
    page.goto(base + reverse("web:review-queue"))
    second = page.locator(".review-card").nth(1).get_attribute("id").removeprefix("review-")
    page.keyboard.press("j")
    page.keyboard.press("c")
    page.wait_for_selector(f"#result-{second} .message.success")
    assert Pledge.objects.get(pk=second).status == "confirmed"
    # r asks for a reason first, Enter in the field rejects.
    page.keyboard.press("k")
    page.keyboard.press("r")
    page.keyboard.type("Duplicate of a national announcement")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"#result-{target.pk} .message.success")
    assert Pledge.objects.get(pk=target.pk).status == "rejected"
    _shot(page, "review-queue-after")
    assert page.errors == []


def test_pages_of_the_ingested_demo_articles(page, live_server, django_db_serialized_rollback):
    """The demo as `make run` loads it: articles extracted by the pipeline."""
    from io import StringIO

    from django.core.management import call_command

    from ingest.models import Article

    call_command("load_demo", stdout=StringIO())
    base = live_server.url
    page.goto(base + reverse("web:home"))
    _wait_for_chart(page)
    valued = Pledge.objects.filter(status__in=["reported", "confirmed"]).exclude(amount_usd=None)
    names = set(valued.values_list("donor__name", flat=True))
    assert set(_chart_points(page)) == {*names, "Cumulative"}
    _shot(page, "demo-home")
    for n, article in enumerate(Article.objects.filter(evidence__isnull=False).distinct()):
        page.goto(base + reverse("web:article-detail", args=[article.pk]))
        assert page.locator(".article-text mark").count() >= 1
        assert page.locator("text=Pledges from this article").count() == 1
        if n < 3:
            _shot(page, f"demo-article-{n}")
    pledge = Pledge.objects.filter(evidence__isnull=False).order_by("-id").first()
    page.goto(base + reverse("web:pledge-detail", args=[pledge.pk]))
    assert page.locator("figure.evidence mark").count() == pledge.evidence.count()
    _shot(page, "demo-pledge")
    assert page.errors == []
