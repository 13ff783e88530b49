"""Field validators shared by the models, the admin and the API."""

import datetime

import pycountry
from django.core.exceptions import ValidationError
from django.utils import timezone

UNKNOWN_CURRENCY = "“%(value)s” is not an ISO 4217 currency code."
FAR_FUTURE_DATE = "%(value)s is more than a year ahead; announcements cannot be dated so far."
NEGATIVE_AMOUNT = "An amount cannot be negative."
MAX_DAYS_AHEAD = 366


def is_currency(code: str) -> bool:
    return len(code) == 3 and code.isupper() and pycountry.currencies.get(alpha_3=code) is not None


def validate_currency(value: str) -> None:
    if value and not is_currency(value):
        raise ValidationError(UNKNOWN_CURRENCY, code="unknown_currency", params={"value": value})


def validate_not_far_future(value: datetime.date) -> None:
    if value and value > timezone.now().date() + datetime.timedelta(days=MAX_DAYS_AHEAD):
        raise ValidationError(FAR_FUTURE_DATE, code="far_future", params={"value": value})


def validate_non_negative(value) -> None:
    if value is not None and value < 0:
        raise ValidationError(NEGATIVE_AMOUNT, code="negative")
