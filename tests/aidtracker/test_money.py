import datetime
from decimal import Decimal

import pytest

from aidtracker import money
from aidtracker.services import pledge_normalise_money
from tests.factories import PledgeFactory


def test_known_ecb_rate_on_a_given_day():
    # ECB reference rate of 13 June 2023: 1 EUR = 1.0793 USD.
    conversion = money.convert(Decimal("1000000"), "EUR", datetime.date(2023, 6, 13))
    assert conversion is not None
    assert conversion.rate_date == datetime.date(2023, 6, 13)
    assert conversion.amount_usd == Decimal("1079300.00")
    assert conversion.amount_eur == Decimal("1000000.00")


def test_usd_amount_converts_to_euros_at_the_inverse_rate():
    conversion = money.convert(Decimal("325000000"), "USD", datetime.date(2023, 6, 13))
    assert conversion.amount_usd == Decimal("325000000.00")
    assert conversion.amount_eur == (Decimal("325000000") / Decimal("1.0793")).quantize(
        Decimal("0.01")
    )


def test_cross_rate_through_the_euro():
    day = datetime.date(2023, 2, 24)
    sek = money.convert(Decimal("1000"), "SEK", day)
    usd_per_eur = money.convert(Decimal("1"), "EUR", day).rate_usd
    assert Decimal("0.08") < sek.rate_eur < Decimal("0.10")  # about 11 kronor to the euro
    assert abs(sek.rate_usd - sek.rate_eur * usd_per_eur) < Decimal("1e-9")
    assert sek.amount_usd == (Decimal(1000) * sek.rate_usd).quantize(Decimal("0.01"))


def test_weekend_uses_the_last_reference_rate_before_it():
    saturday = datetime.date(2023, 5, 13)
    conversion = money.convert(Decimal("100"), "EUR", saturday)
    assert conversion.rate_date == datetime.date(2023, 5, 12)
    assert (
        conversion.rate_usd
        == money.convert(Decimal("1"), "EUR", datetime.date(2023, 5, 12)).rate_usd
    )


def test_currency_the_ecb_does_not_quote_has_no_conversion():
    assert money.convert(Decimal("100"), "UAH", datetime.date(2023, 6, 13)) is None


def test_date_before_any_rate_has_no_conversion():
    assert money.convert(Decimal("100"), "GBP", datetime.date(1990, 1, 1)) is None


@pytest.mark.django_db
def test_pledge_without_rate_is_flagged_and_left_null():
    pledge = PledgeFactory(amount=Decimal("5000000000"), currency="UAH")
    pledge_normalise_money(pledge)
    assert pledge.amount_usd is None and pledge.amount_eur is None
    assert pledge.rate_missing is True


@pytest.mark.django_db
def test_pledge_with_rate_gets_both_amounts_and_the_rate_used():
    pledge = PledgeFactory(
        amount=Decimal("2700000000"), currency="EUR", announced_on=datetime.date(2023, 5, 13)
    )
    pledge_normalise_money(pledge)
    assert pledge.amount_eur == Decimal("2700000000.00")
    assert pledge.rate_date == datetime.date(2023, 5, 12)
    assert pledge.amount_usd == (Decimal("2700000000") * pledge.rate_usd).quantize(Decimal("0.01"))
    assert pledge.rate_missing is False
