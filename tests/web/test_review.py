import pytest
from django.test import Client
from django.urls import reverse

from aidtracker.models import Pledge
from aidtracker.services import REASON_REQUIRED
from aidtracker.web.cache import cache_reset
from tests.factories import ArticleFactory, EvidenceFactory

pytestmark = pytest.mark.django_db


def _reported(site) -> Pledge:
    return Pledge.objects.filter(status=Pledge.Status.REPORTED).order_by("confidence", "id").first()


def _review_requests(pledge: Pledge):
    act = reverse("web:review-act", args=[pledge.pk])
    correct = reverse("web:review-correct", args=[pledge.pk])
    return [
        ("get", reverse("web:review-queue"), {}),
        ("post", act, {"action": "confirm", "reason": "ok"}),
        ("post", act, {"action": "reject", "reason": "wrong"}),
        ("post", act, {"action": "merge", "reason": "same", "target": pledge.pk + 1}),
        ("get", correct, {}),
        ("post", correct, {"reason": "fix", "kind": "training"}),
        ("get", reverse("web:submit"), {}),
        ("post", reverse("web:submit"), {"text": "Some article text."}),
    ]


def test_a_non_editor_gets_403_on_every_review_action(client, site, reader):
    pledge = _reported(site)
    client.force_login(reader)
    for method, url, data in _review_requests(pledge):
        response = getattr(client, method)(url, data)
        assert response.status_code == 403, (method, url)
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.REPORTED
    assert pledge.history.count() == 1


def test_anonymous_readers_are_sent_to_log_in_and_anonymous_writes_refused(client, site):
    pledge = _reported(site)
    for method, url, data in _review_requests(pledge):
        response = getattr(client, method)(url, data)
        if method == "get":
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("web:login"))
        else:
            assert response.status_code == 403, url


def test_csrf_is_enforced_on_review_actions(site, editor):
    pledge = _reported(site)
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    act = reverse("web:review-act", args=[pledge.pk])
    assert client.post(act, {"action": "confirm"}).status_code == 403
    correct = reverse("web:review-correct", args=[pledge.pk])
    assert client.post(correct, {"reason": "x"}).status_code == 403
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.REPORTED
    # With the token from the page, the same action goes through.
    page = client.get(reverse("web:review-queue"))
    token = page.cookies["csrftoken"].value
    response = client.post(act, {"action": "confirm", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.CONFIRMED


def test_queue_lists_reported_pledges_lowest_confidence_first(client, site, editor):
    client.force_login(editor)
    response = client.get(reverse("web:review-queue"))
    rows = response.context["page"].rows
    assert rows and all(p.status == Pledge.Status.REPORTED for p in rows)
    assert [p.confidence for p in rows] == sorted(p.confidence for p in rows)
    assert b"Reject" in response.content and b'data-key="confirm"' in response.content


def test_confirm_reject_and_merge_go_through_the_services(client, site, editor):
    client.force_login(editor)
    first, second, third = Pledge.objects.filter(status=Pledge.Status.REPORTED).order_by("id")[:3]
    client.post(reverse("web:review-act", args=[first.pk]), {"action": "confirm"})
    first.refresh_from_db()
    assert first.status == Pledge.Status.CONFIRMED
    assert first.history.first().history_user == editor

    response = client.post(
        reverse("web:review-act", args=[second.pk]), {"action": "reject"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400
    assert REASON_REQUIRED.encode() in response.content
    client.post(
        reverse("web:review-act", args=[second.pk]), {"action": "reject", "reason": "Not a pledge"}
    )
    second.refresh_from_db()
    assert second.status == Pledge.Status.REJECTED
    assert second.history.first().history_change_reason == "Not a pledge"

    target = Pledge.objects.create(
        donor=third.donor, recipient=third.recipient, announced_on=third.announced_on
    )
    response = client.post(
        reverse("web:review-act", args=[third.pk]),
        {"action": "merge", "target": target.pk, "reason": "Same announcement"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert b"Merged pledge" in response.content
    third.refresh_from_db()
    assert third.status == Pledge.Status.MERGED and third.merged_into == target


def test_merge_into_a_missing_or_other_donors_pledge_is_a_clear_400(client, site, editor):
    client.force_login(editor)
    pledge = _reported(site)
    other = Pledge.objects.exclude(donor=pledge.donor).first()
    for target in (999999, other.pk):
        response = client.post(
            reverse("web:review-act", args=[pledge.pk]),
            {"action": "merge", "target": target, "reason": "dup"},
            HTTP_HX_REQUEST="true",
        )
        assert response.status_code == 400
        assert b'class="message error"' in response.content


def _correct_form(pledge: Pledge, **changes):
    data = {
        "donor": pledge.donor_id,
        "recipient": pledge.recipient_id,
        "announced_on": pledge.announced_on.isoformat(),
        "date_precision": pledge.date_precision,
        "kind": pledge.kind,
        "stage": pledge.stage,
        "amount": "" if pledge.amount is None else str(pledge.amount),
        "currency": pledge.currency,
        "summary": pledge.summary,
        "reason": "",
    }
    items = list(pledge.items.all())
    data.update(
        {
            "items-TOTAL_FORMS": len(items) + 1,
            "items-INITIAL_FORMS": len(items),
            "items-MIN_NUM_FORMS": 0,
            "items-MAX_NUM_FORMS": 1000,
        }
    )
    for n, item in enumerate(items):
        data.update(
            {
                f"items-{n}-equipment": item.equipment.slug if item.equipment else "",
                f"items-{n}-name": item.name,
                f"items-{n}-category": item.category,
                f"items-{n}-quantity": item.quantity or "",
                f"items-{n}-unit": item.unit,
            }
        )
    n = len(items)
    data.update(
        {
            f"items-{n}-equipment": "",
            f"items-{n}-name": "",
            f"items-{n}-category": "other",
            f"items-{n}-quantity": "",
            f"items-{n}-unit": "",
        }
    )
    data.update(changes)
    return data


def test_correction_needs_a_reason(client, site, editor):
    client.force_login(editor)
    pledge = _reported(site)
    url = reverse("web:review-correct", args=[pledge.pk])
    response = client.post(url, _correct_form(pledge, stage="delivered"))
    assert response.status_code == 400
    assert REASON_REQUIRED.encode() in response.content
    pledge.refresh_from_db()
    assert pledge.stage == Pledge.Stage.ANNOUNCED


def test_correction_changes_fields_and_items_locks_them_and_shows_in_history(client, site, editor):
    client.force_login(editor)
    pledge = Pledge.objects.get(donor_id="NATO")
    url = reverse("web:review-correct", args=[pledge.pk])
    data = _correct_form(pledge, stage="committed", reason="The credit line was signed")
    data.update(
        {
            "items-1-name": "Air defence interceptors",
            "items-1-category": "missile",
            "items-1-quantity": "12",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    pledge.refresh_from_db()
    assert pledge.stage == Pledge.Stage.COMMITTED
    assert set(pledge.locked_fields) == {"stage", "items"}
    assert [(i.name, i.quantity) for i in pledge.items.order_by("id")] == [
        ("155 mm artillery ammunition", None),
        ("Air defence interceptors", 12),
    ]
    page = client.get(reverse("web:pledge-detail", args=[pledge.pk]))
    html = page.content.decode()
    assert "The credit line was signed" in html
    assert "<del>announced</del> → <ins>committed</ins>" in html
    assert "12 x Air defence interceptors" in html


def test_correction_with_a_bad_value_is_a_400_not_a_500(client, site, editor):
    client.force_login(editor)
    pledge = Pledge.objects.get(donor_id="NATO")
    url = reverse("web:review-correct", args=[pledge.pk])
    for bad in (
        {"recipient": "NATO"},
        {"currency": "ZZZ"},
        {"amount": "-5"},
        {"announced_on": "not a date"},
    ):
        response = client.post(url, _correct_form(pledge, reason="try", **bad))
        assert response.status_code == 400, bad
    pledge.refresh_from_db()
    assert pledge.history.count() == 1


def test_queue_queries_do_not_grow_with_pledges(client, site, editor, django_assert_num_queries):
    client.force_login(editor)
    url = reverse("web:review-queue")
    client.get(url)
    cache_reset()
    # session, user, editor check, data version, page ids, pledges, items,
    # equipment, evidence with articles, and the permissions for the navigation (2)
    with django_assert_num_queries(QUEUE_QUERIES):
        client.get(url)
    for pledge in Pledge.objects.filter(status=Pledge.Status.REPORTED):
        for n in range(3):
            article = ArticleFactory()
            EvidenceFactory(
                pledge=pledge, article=article, sentence=f"Sentence {n}.", start=0, end=10
            )
    cache_reset()
    with django_assert_num_queries(QUEUE_QUERIES):
        client.get(url)


QUEUE_QUERIES = 11
