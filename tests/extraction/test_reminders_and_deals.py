"""A reminder of earlier aid ("the minister recalled that ..."), a purchase deal between
two countries with no word of Ukraine, a request ("turned to Poland for") and a decision
still to be made are no pledges; the article's fresh pledge beside them stays."""

import pytest

from .conftest import pledges_of


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The minister recalled that Poland committed to send Ukraine 20 howitzers.", "en"),
        ("Kosiniak-Kamysz przypomniał, że Warszawa zobowiązała się przekazać Ukrainie 20 "
         "haubic.", "pl"),
        ("Le ministre a rappelé que la France avait promis 20 canons CAESAR à l'Ukraine.", "fr"),
        ("Robles recordó que España se comprometió a enviar 20 obuses a Ucrania.", "es"),
        ("Міністр нагадав, що Литва передала Україні 20 гаубиць.", "uk"),
        ("Ministrul a reamintit că România a donat Ucrainei un sistem Patriot.", "ro"),
    ],
)  # fmt: skip
def test_a_reminder_is_no_pledge(text, language):
    assert pledges_of(text, language=language, published="2024-08-13") == []


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The Polish ministry signed a deal with the US government to buy 96 Apache "
         "helicopters worth almost $10 billion.", "en"),
        ("MON podpisało z rządem USA umowę na zakup 96 śmigłowców Apache o wartości blisko "
         "10 mld dolarów.", "pl"),
        ("Rumunia podpisała z USA umowę na zakup 32 samolotów F-35 o wartości 6,4 mld "
         "dolarów.", "pl"),
    ],
)  # fmt: skip
def test_a_purchase_between_two_countries_is_no_pledge(text, language):
    assert pledges_of(text, language=language, published="2024-08-13") == []


def test_a_purchase_for_ukraine_still_counts():
    text = "Germany will pay 500 million euros to buy IRIS-T systems from Sweden for Ukraine."
    assert [p[0] for p in pledges_of(text, language="en", published="2024-08-13")] == ["DE"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ukraina zwróciła się też do Polski o przekazanie myśliwców MiG-29.", "pl"),
        ("Ukraine turned to Poland for more MiG-29 fighter jets.", "en"),
        ("Україна звернулася до Польщі з проханням передати винищувачі МіГ-29.", "uk"),
        ("Kijów chce myśliwców MiG-29. Minister odpowiedział, że decyzja zapadnie dopiero po "
         "dostarczeniu Polsce samolotów F-35.", "pl"),
        ("Kyiv wants more fighter jets. The minister said the decision will be made once "
         "Poland has received its F-35.", "en"),
    ],
)  # fmt: skip
def test_requests_and_pending_decisions(text, language):
    assert pledges_of(text, language=language, published="2024-08-13") == []
