"""Writes to the tracker: every path that creates or changes a pledge goes through here.

The admin, the review pages, the API and ingestion all call these functions, so that
history, change reasons and locked fields are kept in one place.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from . import money
from .models import Category, Country, Equipment, Pledge, PledgeItem

REASON_REQUIRED = "A reason is required for every editorial change."
NOT_EDITABLE = "These fields cannot be corrected: %(fields)s."
MERGE_INTO_ITSELF = "A pledge cannot be merged into itself."
MERGE_DIFFERENT_DONORS = "Only pledges of the same donor can be merged."
ALREADY_MERGED = "This pledge was already merged into another one."
ITEMS_FIELD = "items"
UNKNOWN_COUNTRY = "Unknown country or organisation code: %(codes)s."


@dataclass(frozen=True)
class ItemData:
    name: str
    category: str = Category.OTHER
    quantity: int | None = None
    unit: str = ""
    equipment_slug: str | None = None


@dataclass(frozen=True)
class PledgeData:
    donor: str
    recipient: str
    announced_on: Any  # datetime.date
    date_precision: str = Pledge.Precision.DAY
    kind: str = Pledge.Kind.PACKAGE
    stage: str = Pledge.Stage.ANNOUNCED
    amount: Decimal | None = None
    currency: str = ""
    summary: str = ""
    confidence: float = 0.5
    items: tuple[ItemData, ...] = field(default_factory=tuple)


def pledge_normalise_money(pledge: Pledge) -> None:
    """Set the USD and EUR amounts and the rate used, from the reported amount (no save)."""
    conversion = None
    if pledge.amount is not None and pledge.currency and pledge.announced_on:
        conversion = money.convert(Decimal(pledge.amount), pledge.currency, pledge.announced_on)
    pledge.amount_usd = conversion.amount_usd if conversion else None
    pledge.amount_eur = conversion.amount_eur if conversion else None
    pledge.rate_usd = conversion.rate_usd if conversion else None
    pledge.rate_eur = conversion.rate_eur if conversion else None
    pledge.rate_date = conversion.rate_date if conversion else None
    pledge.rate_missing = pledge.amount is not None and conversion is None


def _history_note(instance: Pledge | PledgeItem, *, reason: str, user: Any = None) -> None:
    """Attach the reason (and the user) that django-simple-history records with the next write."""
    setattr(instance, "_change_reason", reason)  # noqa: B010
    if user is not None and getattr(user, "is_authenticated", False):
        setattr(instance, "_history_user", user)  # noqa: B010


def _save(pledge: Pledge, *, reason: str, user: Any = None, checked: Iterable[str] = ()) -> None:
    """Validate and save with a history note. `checked`: foreign keys already known to exist.

    The table's check constraints are not re-validated here with one query each: clean()
    and the field validators state the same rules with clear messages, and the database
    still enforces them.
    """
    pledge.full_clean(exclude=list(checked), validate_constraints=False)
    _history_note(pledge, reason=reason, user=user)
    pledge.save()


def _item_data(data: ItemData | Mapping[str, Any]) -> ItemData:
    if isinstance(data, ItemData):
        return data
    return ItemData(**{k: v for k, v in data.items() if k in ItemData.__dataclass_fields__})


def _items_from(
    items: Iterable[ItemData | Mapping[str, Any]],
    pledge: Pledge,
    catalogue: Mapping[str, Equipment] | None = None,
) -> list[PledgeItem]:
    """Validated, unsaved items; catalogue entries are looked up in one query (none when
    the caller passes the `catalogue` by slug)."""
    rows = [_item_data(data) for data in items]
    slugs = {row.equipment_slug for row in rows if row.equipment_slug}
    if catalogue is None:
        catalogue = Equipment.objects.in_bulk(slugs, field_name="slug") if slugs else {}
    built = []
    for row in rows:
        equipment = catalogue.get(row.equipment_slug) if row.equipment_slug else None
        item = PledgeItem(
            pledge=pledge,
            equipment=equipment,
            name=row.name or (equipment.name if equipment else ""),
            category=equipment.category
            if equipment and row.category == Category.OTHER
            else row.category,
            quantity=row.quantity,
            unit=row.unit or "",
        )
        item.full_clean(exclude=["pledge", "equipment"], validate_constraints=False)
        built.append(item)
    return built


def _replace_items(
    pledge: Pledge,
    items: Iterable[ItemData | Mapping[str, Any]],
    *,
    reason: str,
    user: Any = None,
    new: bool = False,
    catalogue: Mapping[str, Equipment] | None = None,
) -> None:
    """Replace the pledge's items (`new`: the pledge was just created and has none)."""
    new_items = _items_from(items, pledge, catalogue)
    for old in [] if new else pledge.items.all():
        _history_note(old, reason=reason, user=user)
        old.delete()
    if new_items:
        history_user = user if getattr(user, "is_authenticated", False) else None
        bulk_create_with_history(
            new_items, PledgeItem, default_change_reason=reason, default_user=history_user
        )


@transaction.atomic(savepoint=False)  # callers that go on after an error hold their own savepoint
def pledge_create(
    *,
    data: PledgeData,
    status: str = Pledge.Status.REPORTED,
    reason: str = "",
    user: Any = None,
    countries_checked: bool = False,
    catalogue: Mapping[str, Equipment] | None = None,
) -> Pledge:
    """Create a pledge with its items; normalises money. Returns the saved pledge.

    `countries_checked`: the caller has already checked both codes against the reference
    data (ingestion does, per process), which saves a query per pledge. `catalogue`: the
    equipment by slug, covering every slug of the items (ingestion keeps it per process),
    which saves another.
    """
    countries = _countries({data.donor, data.recipient}, checked=countries_checked)
    pledge = Pledge(
        donor=countries[data.donor],
        recipient=countries[data.recipient],
        announced_on=data.announced_on,
        date_precision=data.date_precision,
        kind=data.kind,
        stage=data.stage,
        amount=data.amount,
        currency=data.currency or "",
        summary=data.summary,
        confidence=data.confidence,
        status=status,
    )
    pledge_normalise_money(pledge)
    _save(pledge, reason=reason or "Created", user=user, checked=("donor", "recipient"))
    _replace_items(
        pledge, data.items, reason=reason or "Created", user=user, new=True, catalogue=catalogue
    )
    return pledge


def _countries(codes: set[str], *, checked: bool) -> dict[str, Country]:
    if checked:
        return {code: Country(code=code) for code in codes}
    countries = Country.objects.in_bulk(codes)
    unknown = sorted(codes - set(countries))
    if unknown:
        raise ValidationError(UNKNOWN_COUNTRY, params={"codes": ", ".join(unknown)})
    return countries


def _require_reason(reason: str) -> str:
    if not reason or not reason.strip():
        raise ValidationError({"reason": REASON_REQUIRED})
    return reason.strip()


@transaction.atomic
def pledge_correct(
    *,
    pledge: Pledge,
    reason: str,
    changes: Mapping[str, Any] | None = None,
    items: Iterable[ItemData | Mapping[str, Any]] | None = None,
    user: Any = None,
) -> Pledge:
    """Apply an editor's correction and lock the corrected fields against re-ingestion.

    `changes` maps field names of Pledge.EDITABLE_FIELDS to new values (donor and
    recipient as codes or Country); `items`, when given, replaces the pledge's items.
    Records the change in the history with its reason and user. Returns the pledge.
    """
    reason = _require_reason(reason)
    changes = dict(changes or {})
    unknown = sorted(set(changes) - set(Pledge.EDITABLE_FIELDS))
    if unknown:
        raise ValidationError(NOT_EDITABLE, params={"fields": ", ".join(unknown)})
    for name in ("donor", "recipient"):
        if isinstance(changes.get(name), str):
            changes[name] = Country.objects.filter(pk=changes[name]).first() or Country(
                pk=changes[name]
            )
    changed = [name for name, value in changes.items() if getattr(pledge, name) != value]
    for name in changed:
        setattr(pledge, name, changes[name])
    if items is not None:
        changed.append(ITEMS_FIELD)
    pledge.locked_fields = sorted(set(pledge.locked_fields) | set(changed))
    pledge_normalise_money(pledge)
    _save(pledge, reason=reason, user=user)
    if items is not None:
        _replace_items(pledge, items, reason=reason, user=user)
    return pledge


@transaction.atomic
def pledge_set_status(*, pledge: Pledge, status: str, reason: str, user: Any = None) -> Pledge:
    """Confirm or reject a pledge (or set it back to reported), with a reason in its history."""
    reason = _require_reason(reason)
    if pledge.status == Pledge.Status.MERGED:
        raise ValidationError(ALREADY_MERGED)
    pledge.status = status
    pledge.locked_fields = sorted(set(pledge.locked_fields) | {"status"})
    _save(pledge, reason=reason, user=user)
    return pledge


def pledge_confirm(
    *, pledge: Pledge, reason: str = "Confirmed by an editor", user: Any = None
) -> Pledge:
    return pledge_set_status(
        pledge=pledge, status=Pledge.Status.CONFIRMED, reason=reason, user=user
    )


def pledge_reject(*, pledge: Pledge, reason: str, user: Any = None) -> Pledge:
    return pledge_set_status(pledge=pledge, status=Pledge.Status.REJECTED, reason=reason, user=user)


@transaction.atomic
def pledge_merge(*, source: Pledge, target: Pledge, reason: str, user: Any = None) -> Pledge:
    """Merge `source` into `target`: its evidence and any items the target lacks move over.

    The source stays, with status merged and a link to the target, so that a later
    article about it lands on the target and the history keeps both. Returns the target.
    """
    reason = _require_reason(reason)
    if source.pk == target.pk:
        raise ValidationError(MERGE_INTO_ITSELF)
    if source.donor_id != target.donor_id:
        raise ValidationError(MERGE_DIFFERENT_DONORS)
    if source.status == Pledge.Status.MERGED or target.status == Pledge.Status.MERGED:
        raise ValidationError(ALREADY_MERGED)
    spans = set(target.evidence.values_list("article_id", "start", "end"))
    for evidence in source.evidence.all():
        if (evidence.article_id, evidence.start, evidence.end) in spans:
            evidence.delete()
        else:
            evidence.pledge = target
            evidence.save(update_fields=["pledge"])
    known = {(item.equipment_id, item.name.lower()) for item in target.items.all()}
    for item in source.items.all():
        if (item.equipment_id, item.name.lower()) not in known:
            PledgeItem.objects.create(
                pledge=target,
                equipment_id=item.equipment_id,
                name=item.name,
                category=item.category,
                quantity=item.quantity,
                unit=item.unit,
            )
    target.confidence = max(target.confidence, source.confidence)
    _save(target, reason=f"Merged pledge {source.pk}: {reason}", user=user)
    source.status = Pledge.Status.MERGED
    source.merged_into = target
    _save(source, reason=f"Merged into pledge {target.pk}: {reason}", user=user)
    return target
