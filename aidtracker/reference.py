"""Reference data: countries (ISO 3166-1 plus organisations) and the equipment catalogue.

The catalogue file is the one the extraction engine reads too, so the database and the
engine always agree on names and slugs.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry
from django.db import transaction

from .models import Country, Equipment

DATA_DIR = Path(__file__).resolve().parent / "data"
EQUIPMENT_FILE = DATA_DIR / "equipment.json"
ORGANISATIONS_FILE = DATA_DIR / "organisations.json"


@dataclass(frozen=True)
class ReferenceCounts:
    countries: int
    equipment: int


def _load_json(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return json.load(f)


def country_rows() -> list[Country]:
    rows = [
        Country(code=c.alpha_2, name=getattr(c, "common_name", c.name), kind=Country.Kind.COUNTRY)
        for c in pycountry.countries
    ]
    rows += [Country(**org) for org in _load_json(ORGANISATIONS_FILE)]
    return rows


def equipment_rows(path: Path = EQUIPMENT_FILE) -> list[Equipment]:
    return [
        Equipment(
            slug=e["slug"],
            name=e["name"],
            category=e["category"],
            aliases=list(e.get("aliases", [])),
            description=e.get("description", ""),
        )
        for e in _load_json(path)
    ]


@transaction.atomic
def reference_load(*, equipment_file: Path = EQUIPMENT_FILE) -> ReferenceCounts:
    """Insert or update every country, organisation and catalogue entry. Safe to repeat."""
    countries = country_rows()
    Country.objects.bulk_create(
        countries,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "kind"],
    )
    equipment = equipment_rows(equipment_file)
    for entry in equipment:
        entry.full_clean(exclude=["id"], validate_unique=False)
    Equipment.objects.bulk_create(
        equipment,
        update_conflicts=True,
        unique_fields=["slug"],
        update_fields=["name", "category", "aliases", "description"],
    )
    return ReferenceCounts(countries=len(countries), equipment=len(equipment))
