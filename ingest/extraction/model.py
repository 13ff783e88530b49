"""Frozen result types of the extraction engine (the public data surface)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

KINDS = ("package", "financing", "training", "equipment")
STAGES = ("announced", "committed", "delivered")
CATEGORIES = (
    "air_defense",
    "anti_tank",
    "tank",
    "armored_vehicle",
    "artillery",
    "rocket_artillery",
    "ammunition",
    "small_arms",
    "aircraft",
    "helicopter",
    "drone",
    "missile",
    "naval",
    "radar",
    "communications",
    "engineering",
    "vehicle",
    "medical",
    "protective",
    "other",
)


@dataclass(frozen=True)
class ExtractedItem:
    name: str
    category: str
    quantity: int | None = None
    unit: str | None = None
    slug: str | None = None
    mention: str | None = None  # the words the text used, when they differ from ``name``

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "category": self.category,
            "quantity": self.quantity,
            "unit": self.unit,
        }
        if self.slug:
            out["slug"] = self.slug
        if self.mention:
            out["mention"] = self.mention
        return out


@dataclass(frozen=True)
class ExtractedPledge:
    donor: str
    recipient: str
    announced_on: str | None
    amount: Decimal | None
    currency: str | None
    kind: str
    stage: str | None
    items: tuple[ExtractedItem, ...]
    evidence: str
    evidence_start: int
    evidence_end: int
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        amount: int | float | None = None
        if self.amount is not None:
            whole = self.amount == self.amount.to_integral_value()
            amount = int(self.amount) if whole else float(self.amount)
        return {
            "donor": self.donor,
            "recipient": self.recipient,
            "announced_on": self.announced_on,
            "amount": amount,
            "currency": self.currency,
            "kind": self.kind,
            "stage": self.stage,
            "items": [item.to_dict() for item in self.items],
            "evidence": self.evidence,
            "evidence_start": self.evidence_start,
            "evidence_end": self.evidence_end,
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True)
class ExtractionResult:
    language: str
    published: str | None
    pledges: tuple[ExtractedPledge, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "published": self.published,
            "pledges": [pledge.to_dict() for pledge in self.pledges],
        }
