import datetime

import pytest
from django.urls import reverse

from aidtracker.models import Pledge
from tests.factories import ArticleFactory, PledgeFactory, UserFactory

pytestmark = pytest.mark.django_db


def pledge_form(pledge: Pledge, **overrides) -> dict:
    data = {
        "donor": pledge.donor_id,
        "recipient": pledge.recipient_id,
        "announced_on": pledge.announced_on.isoformat(),
        "date_precision": pledge.date_precision,
        "kind": pledge.kind,
        "stage": pledge.stage,
        "amount": str(pledge.amount) if pledge.amount is not None else "",
        "currency": pledge.currency,
        "summary": pledge.summary,
        "confidence": pledge.confidence,
        "reason": "Checked the source",
        "items-TOTAL_FORMS": 0,
        "items-INITIAL_FORMS": 0,
        "evidence-TOTAL_FORMS": 0,
        "evidence-INITIAL_FORMS": 0,
    }
    return {**data, **overrides}


def test_editor_changes_a_pledge_with_a_reason_through_the_service(client, editor, reference):
    pledge = PledgeFactory()
    client.force_login(editor)
    url = reverse("admin:aidtracker_pledge_change", args=[pledge.pk])
    response = client.post(url, pledge_form(pledge, amount="300000000", reason="Figure revised"))
    assert response.status_code == 302, response.content[:2000]
    pledge.refresh_from_db()
    assert str(pledge.amount) == "300000000.00"
    assert pledge.locked_fields == ["amount"]
    record = pledge.history.first()
    assert (record.history_change_reason, record.history_user) == ("Figure revised", editor)
    history = client.get(reverse("admin:aidtracker_pledge_history", args=[pledge.pk]))
    assert b"Figure revised" in history.content


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("amount", "-10", b"cannot be negative"),
        ("currency", "XYZ", b"is not an ISO 4217 currency code"),
        (
            "announced_on",
            (datetime.date.today() + datetime.timedelta(days=400)).isoformat(),
            b"more than a year ahead",
        ),
        ("recipient", "US", b"must be different"),
        ("reason", "", b"This field is required"),
    ],
)
def test_admin_refuses_bad_input_with_a_clear_error(
    client, editor, reference, field, value, message
):
    pledge = PledgeFactory()
    client.force_login(editor)
    url = reverse("admin:aidtracker_pledge_change", args=[pledge.pk])
    response = client.post(url, pledge_form(pledge, **{field: value}))
    assert response.status_code == 200
    assert message in response.content
    pledge.refresh_from_db()
    assert pledge.history.count() == 1 and pledge.locked_fields == []


def test_editors_may_view_but_not_change_articles(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    assert client.get(reverse("admin:ingest_article_change", args=[article.pk])).status_code == 200
    response = client.post(
        reverse("admin:ingest_article_change", args=[article.pk]), {"title": "x"}
    )
    assert response.status_code == 403
    assert client.get(reverse("admin:aidtracker_country_add")).status_code == 403


def test_editor_group_permissions(editor):
    assert editor.has_perm("aidtracker.change_pledge")
    assert editor.has_perm("aidtracker.change_pledgeitem")
    assert editor.has_perm("aidtracker.change_equipment")
    assert editor.has_perm("ingest.view_article")
    assert not editor.has_perm("ingest.change_article")
    assert not editor.has_perm("aidtracker.change_country")
    assert not UserFactory(username="reader", is_staff=True).has_perm("aidtracker.change_pledge")


def test_staff_without_the_group_cannot_open_the_pledge_admin(client, reference):
    pledge = PledgeFactory()
    client.force_login(UserFactory(username="outsider", is_staff=True))
    assert (
        client.get(reverse("admin:aidtracker_pledge_change", args=[pledge.pk])).status_code == 403
    )
