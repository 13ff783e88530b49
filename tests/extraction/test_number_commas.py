"""A comma inside a number ("10,000", "1,5 mld") ends no clause, so a cue after the number
still belongs to the clause of the donor before it."""

import pytest

from ingest.extraction.assemble import clause

from .conftest import pledges_of


@pytest.mark.parametrize(
    "text",
    ["France trained 10,000 Ukrainian soldiers last year.", "Polska dała 1,5 mld zł w 2022."],
)
def test_number_comma_is_inside_the_clause(text):
    assert clause(text, 0, 3) == (0, len(text))


def test_a_list_comma_still_ends_a_clause():
    text = "France trained 10,000 soldiers, and Britain 5,000."
    assert clause(text, 0, 6)[1] == text.index(", and")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("France trained 10,000 Ukrainian soldiers last year.", "en"),
        ("Britain trained 30,000 Ukrainian recruits last year under Operation Interflex.", "en"),
    ],
)
def test_training_recalled_after_a_number(text, language):
    assert pledges_of(text, language=language, published="2024-10-10") == []
