"""Pledges as CSV rows: one per pledge, or one per pledge item (?rows=items)."""

from typing import Any

ITEM_COLUMNS = ("name", "category", "quantity", "unit", "equipment")


def _pledge_columns(pledge: dict[str, Any]) -> dict[str, Any]:
    evidence = pledge["evidence"]
    return {
        "id": pledge["id"],
        "donor": pledge["donor"]["code"],
        "donor_name": pledge["donor"]["name"],
        "recipient": pledge["recipient"]["code"],
        "recipient_name": pledge["recipient"]["name"],
        "announced_on": pledge["announced_on"],
        "date_precision": pledge["date_precision"],
        "kind": pledge["kind"],
        "stage": pledge["stage"],
        "status": pledge["status"],
        "amount": pledge["amount"],
        "currency": pledge["currency"],
        "amount_usd": pledge["amount_usd"],
        "amount_eur": pledge["amount_eur"],
        "rate_usd": pledge["rate_usd"],
        "rate_eur": pledge["rate_eur"],
        "rate_date": pledge["rate_date"],
        "summary": pledge["summary"],
        "source_count": pledge["source_count"],
        "source_urls": " ".join(e["url"] or "" for e in evidence),
        "merged_into": pledge["merged_into"],
        "url": pledge["links"]["self"],
    }


def _items_text(items: list[dict[str, Any]]) -> str:
    return "; ".join(
        f"{item['quantity']} x {item['name']}" if item["quantity"] else item["name"]
        for item in items
    )


def pledge_rows(pledges: list[dict[str, Any]], *, per_item: bool) -> list[dict[str, Any]]:
    """Serialized pledges (PledgeListSerializer data) as flat CSV rows."""
    rows = []
    for pledge in pledges:
        columns = _pledge_columns(pledge)
        if not per_item:
            rows.append({**columns, "items": _items_text(pledge["items"])})
            continue
        for item in pledge["items"] or [dict.fromkeys(ITEM_COLUMNS)]:
            rows.append({**columns, **{f"item_{key}": item[key] for key in ITEM_COLUMNS}})
    return rows
