# ruff: noqa: RUF001 - Cyrillic test sentences
"""The error categories of round 2 (makers, totals, vetoes, spelt amounts, donor currencies,
two donors in one sentence) in more languages."""

import pytest

from .conftest import pledges_of


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Portugal vai enviar três tanques Leopard 2 alemães para a Ucrânia.",
         'pt', [('PT', None)]),
        ("A Hungria bloqueou a tranche de 500 milhões de euros da UE para a Ucrânia.",
         'pt', []),
        ("Portugal anunciou um novo pacote de 100 milhões de euros, elevando o apoio total "
         "para 500 milhões de euros.",
         'pt', [('PT', 100000000)]),
        ("O Canadá vai doar à Ucrânia um sistema NASAMS no valor de 406 milhões de dólares "
         "canadianos.",
         'pt', [('CA', 406000000)]),
        ("Os EUA darão 250 milhões de dólares e a Alemanha 150 milhões de euros em ajuda "
         "militar à Ucrânia.",
         'pt', [('DE', 150000000), ('US', 250000000)]),
        ("Portugal vai dar mil milhões de euros em ajuda militar à Ucrânia.",
         'pt', [('PT', 1000000000)]),
        ("Nederland levert veertien Duitse Leopard 2-tanks aan Oekraïne.",
         'nl', [('NL', None)]),
        ("Hongarije blokkeert de EU-tranche van 500 miljoen euro voor Oekraïne.",
         'nl', []),
        ("Nederland kondigde een nieuw pakket van 100 miljoen euro aan, waarmee de totale "
         "steun op 2 miljard euro komt.",
         'nl', [('NL', 100000000)]),
        ("De VS geven 250 miljoen dollar en Duitsland 150 miljoen euro aan militaire steun "
         "voor Oekraïne.",
         'nl', [('DE', 150000000), ('US', 250000000)]),
        ("Nederland trekt een half miljard euro uit voor militaire steun aan Oekraïne.",
         'nl', [('NL', 500000000)]),
        ("Польша передаст Украине 14 немецких танков Leopard 2.",
         'ru', [('PL', None)]),
        ("Венгрия блокирует транш ЕС в 500 млн евро для Украины.",
         'ru', []),
        ("Канада передаст Украине систему NASAMS стоимостью 406 млн канадских долларов.",
         'ru', [('CA', 406000000)]),
        ("США выделят 250 млн долларов, а Германия 150 млн евро военной помощи Украине.",
         'ru', [('DE', 150000000), ('US', 250000000)]),
        ("Германия выделит Украине полмиллиарда евро военной помощи.",
         'ru', [('DE', 500000000)]),
        ("Польща передасть Україні 14 німецьких танків Leopard 2.",
         'uk', [('PL', None)]),
        ("Угорщина блокує транш ЄС у 500 млн євро для України.",
         'uk', []),
        ("США нададуть 250 млн доларів, а Німеччина 150 млн євро військової допомоги Україні.",
         'uk', [('DE', 150000000), ('US', 250000000)]),
        ("Швеція оголосила новий пакет на 7,1 млрд крон, таким чином загальна допомога сягає "
         "43,5 млрд крон.",
         'uk', [('SE', 7100000000)]),
        ("Polsko předá Ukrajině 14 německých tanků Leopard 2.",
         'cs', [('PL', None)]),
        ("Maďarsko blokuje tranši EU ve výši 500 milionů eur pro Ukrajinu.",
         'cs', []),
        ("USA poskytnou 250 milionů dolarů a Německo 150 milionů eur vojenské pomoci Ukrajině.",
         'cs', [('DE', 150000000), ('US', 250000000)]),
        ("Polen skickar 14 tyska Leopard 2-stridsvagnar till Ukraina.",
         'sv', [('PL', None)]),
        ("Ungern blockerar EU:s stöd på 500 miljoner euro till Ukraina.",
         'sv', []),
        ("Sverige presenterade ett nytt stödpaket värt 7,1 miljarder kronor, vilket innebär "
         "att det totala stödet uppgår till 43,5 miljarder kronor.",
         'sv', [('SE', 7100000000)]),
        ("Sverige har sedan 2022 gett militärt stöd för 43,5 miljarder kronor till Ukraina.",
         'sv', []),
        ("Polen sender 14 tyske Leopard 2-kampvogne til Ukraine.",
         'da', [('PL', None)]),
        ("Danmark giver en halv milliard kroner i militær støtte til Ukraine.",
         'da', [('DK', 500000000)]),
        ("Norge gir en halv milliard kroner i militær støtte til Ukraina.",
         'no', [('NO', 500000000)]),
        ("Norge har siden 2022 gitt militær støtte for 30 milliarder kroner til Ukraina.",
         'no', []),
        ("Puola lähettää Ukrainalle 14 saksalaista Leopard 2 -panssarivaunua.",
         'fi', [('PL', None)]),
        ("Unkari estää EU:n 500 miljoonan euron erän Ukrainalle.",
         'fi', []),
        ("Polonia va trimite Ucrainei 14 tancuri germane Leopard 2.",
         'ro', [('PL', None)]),
        ("Ungaria blochează tranșa UE de 500 de milioane de euro pentru Ucraina.",
         'ro', []),
        ("SUA vor oferi 250 de milioane de dolari, iar Germania 150 de milioane de euro ajutor "
         "militar Ucrainei.",
         'ro', [('DE', 150000000), ('US', 250000000)]),
        ("Gli Stati Uniti daranno 250 milioni di dollari e la Germania 150 milioni di euro in "
         "aiuti militari all'Ucraina.",
         'it', [('DE', 150000000), ('US', 250000000)]),
        ("L'Italia ha annunciato un nuovo pacchetto da 100 milioni di euro, portando il totale "
         "a 2 miliardi di euro.",
         'it', [('IT', 100000000)]),
        ("Węgry blokują transzę UE w wysokości 500 mln euro dla Ukrainy.",
         'pl', []),
        ("USA przekażą 250 mln dolarów, a Niemcy 150 mln euro pomocy wojskowej dla Ukrainy.",
         'pl', [('DE', 150000000), ('US', 250000000)]),
        ("Polska przekaże Ukrainie pół miliarda złotych pomocy wojskowej.",
         'pl', [('PL', 500000000)]),
        ("Die USA haben der Ukraine seit Februar 2022 Militärhilfe im Wert von 60 Milliarden "
         "Dollar geleistet.",
         'de', []),
        ("Les États-Unis ont fourni 60 milliards de dollars d'aide militaire depuis février 2022.",
         'fr', []),
        ("Estados Unidos ha proporcionado 60.000 millones de dólares en ayuda militar desde "
         "febrero de 2022.",
         'es', []),
    ],
)  # fmt: skip
def test_categories_in_more_languages(text, language, expected):
    found = pledges_of(text, language=language, published="2024-06-10")
    assert sorted((p[0], p[1]) for p in found) == expected
