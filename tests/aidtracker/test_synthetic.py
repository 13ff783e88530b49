import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from aidtracker.models import Pledge, PledgeItem
from aidtracker.services import pledge_normalise_money
from aidtracker.synthetic import FIRST_DAY, LAST_DAY, synthetic_load
from ingest.models import Evidence

pytestmark = pytest.mark.django_db


def test_synthetic_pledges_are_valid_sourced_and_have_history():
    counts = synthetic_load(pledges=120, seed=3, batch_size=50)
    assert Pledge.objects.count() == counts.pledges == 120
    assert PledgeItem.objects.count() == counts.items
    assert Evidence.objects.count() == counts.evidence >= 120
    for pledge in Pledge.objects.prefetch_related("evidence__article"):
        pledge.full_clean()
        assert FIRST_DAY <= pledge.announced_on <= LAST_DAY
        usd = pledge.amount_usd
        pledge_normalise_money(pledge)
        assert pledge.amount_usd == usd
        evidence = pledge.evidence.all()
        assert evidence
        for quote in evidence:
            assert quote.article.text[quote.start : quote.end] == quote.sentence
        assert pledge.history.get().history_type == "+"
    assert PledgeItem.history.count() == counts.items
    assert {p.donor_id for p in Pledge.objects.all()} >= {"US", "DE", "GB"}


def test_the_command_refuses_a_seed_already_loaded(capsys):
    call_command("load_synthetic", "--pledges", "10", "--seed", "4")
    assert "10 pledges" in capsys.readouterr().out
    with pytest.raises(CommandError, match="seed 4 is already loaded"):
        call_command("load_synthetic", "--pledges", "10", "--seed", "4")


@pytest.mark.postgres
def test_a_synthetic_load_keeps_the_rollup_exact_and_documents_current(client, settings):
    """Items and evidence go in before their pledges (see _load_batch): the rollup still
    counts every category, and documents built before a second load stay right after it."""
    from tests.aidtracker.api.test_documents import assert_same_as_rows
    from tests.aidtracker.test_selectors import assert_rollup_is_exact

    settings.API_CACHE_SECONDS = 0
    synthetic_load(pledges=60, seed=5, batch_size=25)
    assert_same_as_rows(client, settings)
    synthetic_load(pledges=60, seed=6, batch_size=25)
    assert_same_as_rows(client, settings)
    assert_rollup_is_exact()
