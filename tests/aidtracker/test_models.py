import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from aidtracker import services
from aidtracker.models import (
    AMOUNT_WITHOUT_CURRENCY,
    IMPLAUSIBLE_AMOUNT,
    SAME_DONOR_AND_RECIPIENT,
    Pledge,
)
from aidtracker.validators import FAR_FUTURE_DATE, NEGATIVE_AMOUNT, UNKNOWN_CURRENCY
from tests.factories import ArticleFactory, CountryFactory, PledgeFactory

pytestmark = pytest.mark.django_db


def messages(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)


def test_article_url_is_unique():
    ArticleFactory(url="https://news.example.org/a")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(url="https://news.example.org/a")


def test_article_content_hash_is_unique():
    ArticleFactory(content_hash="a" * 64)
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(content_hash="a" * 64)


def test_articles_without_url_or_hash_can_coexist():
    ArticleFactory(url=None, content_hash=None)
    ArticleFactory(url=None, content_hash=None)


def test_negative_amount_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        PledgeFactory(amount=Decimal("-1"))


def test_negative_amount_is_refused_by_validation():
    pledge = PledgeFactory.build(
        amount=Decimal("-5"), donor=CountryFactory(code="US"), recipient=CountryFactory(code="UA")
    )
    with pytest.raises(ValidationError) as error:
        pledge.full_clean()
    assert NEGATIVE_AMOUNT in messages(error.value)


def test_an_amount_worth_more_than_10_to_the_15_dollars_is_refused(reference):
    """The rollup sums dollars and euros as 64-bit cents: a misread amount of, say, 10^17
    dollars would overflow it and fail the write; it is refused with a reason instead."""
    pledge = services.pledge_create(
        data=services.PledgeData(
            donor="US", recipient="UA", announced_on=datetime.date(2023, 6, 13)
        ),
        reason="test",
    )
    with pytest.raises(ValidationError) as error:
        services.pledge_correct(
            pledge=pledge,
            reason="Misread",
            changes={"amount": Decimal("9" * 17), "currency": "USD"},
        )
    assert IMPLAUSIBLE_AMOUNT in messages(error.value)
    pledge.refresh_from_db()
    assert pledge.amount is None
    services.pledge_correct(
        pledge=pledge, reason="Real", changes={"amount": Decimal(10**12), "currency": "USD"}
    )


def test_donor_equal_to_recipient_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        PledgeFactory(donor=CountryFactory(code="UA"), recipient=CountryFactory(code="UA"))


def test_donor_equal_to_recipient_is_refused_by_validation():
    ua = CountryFactory(code="UA")
    with pytest.raises(ValidationError) as error:
        PledgeFactory.build(donor=ua, recipient=ua).full_clean()
    assert SAME_DONOR_AND_RECIPIENT in messages(error.value)


@pytest.mark.parametrize("code", ["XYZ", "usd", "DOLLARS", "US"])
def test_unknown_currency_is_refused(code):
    pledge = PledgeFactory.build(
        currency=code, donor=CountryFactory(code="US"), recipient=CountryFactory(code="UA")
    )
    with pytest.raises(ValidationError) as error:
        pledge.full_clean()
    assert "currency" in error.value.message_dict
    assert UNKNOWN_CURRENCY.split("”")[1].strip() in messages(error.value)


def test_amount_and_currency_go_together():
    pledge = PledgeFactory.build(
        currency="", donor=CountryFactory(code="US"), recipient=CountryFactory(code="UA")
    )
    with pytest.raises(ValidationError) as error:
        pledge.full_clean()
    assert AMOUNT_WITHOUT_CURRENCY in messages(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        PledgeFactory(currency="")


def test_date_more_than_a_year_ahead_is_refused():
    far = datetime.date.today() + datetime.timedelta(days=400)
    pledge = PledgeFactory.build(
        announced_on=far, donor=CountryFactory(code="US"), recipient=CountryFactory(code="UA")
    )
    with pytest.raises(ValidationError) as error:
        pledge.full_clean()
    assert "announced_on" in error.value.message_dict
    assert FAR_FUTURE_DATE.split("%(value)s")[1].strip() in messages(error.value)


def test_a_valid_pledge_passes_validation_and_labels_its_date_at_its_precision():
    pledge = PledgeFactory(
        announced_on=datetime.date(2023, 6, 1), date_precision=Pledge.Precision.MONTH
    )
    pledge.full_clean()
    assert pledge.announced_label == "2023-06"
    assert "325,000,000 USD" in str(pledge)
