"""Currency normalisation at a date, from the ECB reference rates bundled with CurrencyConverter.

The ECB publishes no rates on weekends and TARGET holidays; an amount announced on such a
day is converted at the last reference rate before it (up to LOOKBACK_DAYS back).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

from currency_converter import CurrencyConverter, RateNotFoundError

LOOKBACK_DAYS = 7
CENTS = Decimal("0.01")
RATE_PLACES = Decimal("0.0000000001")


@dataclass(frozen=True)
class Conversion:
    amount_usd: Decimal
    amount_eur: Decimal
    rate_usd: Decimal  # USD for one unit of the reported currency
    rate_eur: Decimal  # EUR for one unit of the reported currency
    rate_date: datetime.date


@cache
def _converter() -> CurrencyConverter:
    return CurrencyConverter(fallback_on_wrong_date=False, fallback_on_missing_rate=False)


def _eur_per_unit(currency: str, day: datetime.date) -> Decimal:
    if currency == "EUR":
        return Decimal(1)
    return Decimal(str(_converter().convert(1, currency, "EUR", date=day)))


@lru_cache(maxsize=4096)  # the bundled rates do not change while the process runs
def _rates_on(currency: str, day: datetime.date) -> tuple[Decimal, Decimal]:
    eur = _eur_per_unit(currency, day)
    usd_per_eur = Decimal(str(_converter().convert(1, "EUR", "USD", date=day)))
    return eur * usd_per_eur, eur


def convertible(currency: str) -> bool:
    """Whether the ECB reference rates know this currency at all."""
    return currency in _converter().currencies


def convert(amount: Decimal, currency: str, on: datetime.date) -> Conversion | None:
    """Convert `amount` of `currency` to USD and EUR at the ECB rate of `on`.

    Returns None when the currency is not quoted by the ECB or no rate exists within
    LOOKBACK_DAYS before `on`.
    """
    if not convertible(currency):
        return None
    for back in range(LOOKBACK_DAYS + 1):
        day = on - datetime.timedelta(days=back)
        try:
            rate_usd, rate_eur = _rates_on(currency, day)
        except RateNotFoundError:
            continue
        return Conversion(
            amount_usd=(amount * rate_usd).quantize(CENTS),
            amount_eur=(amount * rate_eur).quantize(CENTS),
            rate_usd=rate_usd.quantize(RATE_PLACES),
            rate_eur=rate_eur.quantize(RATE_PLACES),
            rate_date=day,
        )
    return None
