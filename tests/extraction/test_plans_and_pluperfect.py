"""Spending plans ("plans to spend €8 billion next year") are budgets, and a pluperfect
agreement ("had agreed to send") is earlier aid: neither is a pledge."""

import pytest

from .conftest import pledges_of


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Germany plans to spend €8 billion on military aid for Ukraine next year.", "en"),
        ("Die Bundesregierung plant für 2025 Ukraine-Hilfen von vier Milliarden Euro ein.", "de"),
        ("La France prévoit de consacrer 3 milliards d'euros à l'aide à l'Ukraine en 2025.",
         "fr"),
        ("Polska planuje wydać 2 mld zł na pomoc wojskową dla Ukrainy w przyszłym roku.", "pl"),
        ("Правительство планирует выделить Украине 5 млрд евро в следующем году.", "ru"),
        ("In January, Germany had agreed to send 14 Leopard 2 tanks to Ukraine.", "en"),
    ],
)  # fmt: skip
def test_plans_and_pluperfects_are_no_pledges(text, language):
    assert pledges_of(text, language=language, published="2024-10-10") == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The EU has set aside €5 billion for the European Peace Facility this year.", "en"),
        ("Le gouvernement a mis de côté 3 milliards d'euros pour l'Ukraine cette année.", "fr"),
    ],
)  # fmt: skip
def test_money_set_aside_is_a_budget(text, language):
    assert pledges_of(text, language=language, published="2024-10-10") == []
