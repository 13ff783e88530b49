import json

import pytest

from aidtracker.models import Category, Country, Equipment
from aidtracker.reference import EQUIPMENT_FILE, reference_load

pytestmark = pytest.mark.django_db


def test_reference_load_is_idempotent():
    first = reference_load()
    counts = (Country.objects.count(), Equipment.objects.count())
    second = reference_load()
    assert first == second
    assert (Country.objects.count(), Equipment.objects.count()) == counts
    assert counts[0] >= 249 + 3


def test_reference_load_updates_changed_rows_in_place():
    reference_load()
    Country.objects.filter(pk="NL").update(name="Holland")
    reference_load()
    assert Country.objects.get(pk="NL").name == "Netherlands"


def test_organisations_are_loaded_as_organisations():
    reference_load()
    assert set(
        Country.objects.filter(kind=Country.Kind.ORGANISATION).values_list("code", flat=True)
    ) >= {"EU", "NATO", "UDCG"}
    assert Country.objects.get(pk="UA").kind == Country.Kind.COUNTRY


def test_catalogue_file_is_valid():
    entries = json.loads(EQUIPMENT_FILE.read_text(encoding="utf-8"))
    slugs = [e["slug"] for e in entries]
    assert len(slugs) == len(set(slugs))
    assert {e["category"] for e in entries} <= set(Category.values)
    reference_load()
    assert Equipment.objects.count() == len(entries)
