# ruff: noqa: RUF001, E501 - sample sentences in many languages
import pytest

from ingest.extraction import detect_language
from ingest.extraction.langdetect import normalise_language
from ingest.extraction.lexicon import available_languages

SAMPLES = {
    "en": "Germany announced a new military aid package for Ukraine on Tuesday.",
    "fr": "L'Allemagne a annoncé mardi un nouveau paquet d'aide militaire pour l'Ukraine.",
    "de": "Deutschland hat am Dienstag ein neues Militärhilfepaket für die Ukraine angekündigt.",
    "es": "Alemania anunció el martes un nuevo paquete de ayuda militar para Ucrania.",
    "it": "La Germania ha annunciato martedì un nuovo pacchetto di aiuti militari per l'Ucraina.",
    "pt": "A Alemanha anunciou na terça-feira um novo pacote de ajuda militar à Ucrânia.",
    "pl": "Niemcy ogłosiły we wtorek nowy pakiet pomocy wojskowej dla Ukrainy.",
    "nl": "Duitsland heeft dinsdag een nieuw militair steunpakket voor Oekraïne aangekondigd.",
    "uk": "Німеччина у вівторок оголосила новий пакет військової допомоги для України.",
    "ru": "Германия во вторник объявила о новом пакете военной помощи для Украины.",
    "da": "Tyskland annoncerede tirsdag en ny militær støttepakke til Ukraine, oplyser ministeriet.",
    "sv": "Tyskland meddelade på tisdagen ett nytt militärt stödpaket till Ukraina, uppger regeringen.",
    "no": "Tyskland kunngjorde tirsdag en ny militær støttepakke til Ukraina, opplyser regjeringen.",
    "fi": "Saksa ilmoitti tiistaina uudesta sotilaallisen avun paketista Ukrainalle.",
    "cs": "Německo v úterý oznámilo nový balík vojenské pomoci pro Ukrajinu.",
    "ro": "Germania a anunțat marți un nou pachet de ajutor militar pentru Ucraina.",
}


def test_every_supported_language_has_a_lexicon():
    assert set(SAMPLES) <= set(available_languages())


@pytest.mark.parametrize(("code", "text"), sorted(SAMPLES.items()))
def test_detects_each_language(code, text):
    assert detect_language(text) == code


def test_codes_normalise():
    assert normalise_language("nb") == "no"
    assert normalise_language(" FR ") == "fr"
    assert normalise_language("xx") is None
    assert detect_language("") == "en"
