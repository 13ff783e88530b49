"""What the API carries: output serializers for reads, input serializers for writes."""

import datetime
import functools
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.urls import get_script_prefix, reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from aidtracker import selectors
from aidtracker.models import (
    Category,
    Country,
    Equipment,
    Pledge,
    PledgeItem,
    date_label,
    independent_sources,
)
from ingest.models import Evidence

NOT_EDITABLE = "This field cannot be corrected through the API."
UNKNOWN_COUNTRY = "Unknown country code: %(value)s."
UNKNOWN_EQUIPMENT = "Unknown equipment slug: %(value)s."
HISTORY_FIELDS = [*Pledge.EDITABLE_FIELDS, "status", "merged_into"]


class CountryRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Country
        fields = ["code", "name"]


class PledgeItemSerializer(serializers.ModelSerializer):
    equipment = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = PledgeItem
        fields = ["id", "name", "category", "quantity", "unit", "equipment"]


class PledgeEvidenceSerializer(serializers.ModelSerializer):
    article_id = serializers.IntegerField(source="article.id", read_only=True)
    url = serializers.URLField(source="article.url", read_only=True, allow_null=True)
    title = serializers.CharField(source="article.title", read_only=True)
    outlet = serializers.CharField(source="article.outlet", read_only=True)
    published_on = serializers.DateField(
        source="article.published_on", read_only=True, allow_null=True
    )

    class Meta:
        model = Evidence
        fields = ["article_id", "url", "title", "outlet", "published_on", "sentence"]


class PledgeLinksSerializer(serializers.Serializer):
    self = serializers.URLField()
    donor = serializers.URLField()
    recipient = serializers.URLField()
    merged_into = serializers.URLField(allow_null=True)


class PledgeListSerializer(serializers.ModelSerializer):
    donor = CountryRefSerializer(read_only=True)
    recipient = CountryRefSerializer(read_only=True)
    items = PledgeItemSerializer(many=True, read_only=True)
    evidence = PledgeEvidenceSerializer(many=True, read_only=True)
    source_count = serializers.IntegerField(
        read_only=True, help_text="Independent sources: distinct outlets among the evidence"
    )
    announced_label = serializers.CharField(read_only=True)
    links = PledgeLinksSerializer(read_only=True)

    class Meta:
        model = Pledge
        fields = [
            "id",
            "donor",
            "recipient",
            "announced_on",
            "date_precision",
            "announced_label",
            "kind",
            "stage",
            "status",
            "amount",
            "currency",
            "amount_usd",
            "amount_eur",
            "rate_usd",
            "rate_eur",
            "rate_date",
            "rate_missing",
            "summary",
            "confidence",
            "locked_fields",
            "merged_into",
            "items",
            "evidence",
            "source_count",
            "links",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def _bases(self) -> tuple[str, str]:
        # Reversing two URLs per page instead of four per pledge: lists are hot paths.
        if not hasattr(self, "_cached_bases"):
            root: Any = self.root if self.root is not None else self
            if not hasattr(root, "_cached_bases"):
                root._cached_bases = link_bases(self.context.get("request"))
            self._cached_bases: tuple[str, str] = root._cached_bases
        return self._cached_bases

    def _timezone(self) -> datetime.tzinfo:
        # Looked up once per serializer, not twice per pledge (a context-local lookup).
        if not hasattr(self, "_cached_timezone"):
            self._cached_timezone = timezone.get_current_timezone()
        return self._cached_timezone

    def to_representation(self, row: Mapping[str, Any]) -> dict[str, Any]:
        """The declared fields of a selectors.pledge_rows() row, built directly: DRF's
        generic path is about ten times slower here."""
        zone = self._timezone()
        evidence = row["evidence_rows"]
        return {
            "id": row["id"],
            "donor": {"code": row["donor_id"], "name": row["donor_name"]},
            "recipient": {"code": row["recipient_id"], "name": row["recipient_name"]},
            "announced_on": row["announced_on"].isoformat(),
            "date_precision": row["date_precision"],
            "announced_label": date_label(row["announced_on"], row["date_precision"]),
            "kind": row["kind"],
            "stage": row["stage"],
            "status": row["status"],
            "amount": _decimal(row["amount"]),
            "currency": row["currency"],
            "amount_usd": _decimal(row["amount_usd"]),
            "amount_eur": _decimal(row["amount_eur"]),
            "rate_usd": _decimal(row["rate_usd"]),
            "rate_eur": _decimal(row["rate_eur"]),
            "rate_date": _date_text(row["rate_date"]),
            "rate_missing": row["rate_missing"],
            "summary": row["summary"],
            "confidence": row["confidence"],
            "locked_fields": list(row["locked_fields"]),
            "merged_into": row["merged_into_id"],
            "items": row["item_rows"],
            "evidence": [_evidence(quote) for quote in evidence],
            "source_count": independent_sources(quote["outlet"] for quote in evidence),
            "links": pledge_links(row, self._bases()),
            "created_at": _datetime(row["created_at"], zone),
            "updated_at": _datetime(row["updated_at"], zone),
        }


def _date_text(value: datetime.date | str | None) -> str | None:
    # A date from a values() row, or already text from a JSON row (PostgreSQL).
    return value.isoformat() if isinstance(value, datetime.date) else value


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


def _datetime(value: datetime.datetime, zone: datetime.tzinfo) -> str:
    text = value.astimezone(zone).isoformat()  # as DRF's DateTimeField writes it
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _evidence(row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "article_id": row["article_id"],
        "url": row["url"],
        "title": row["title"],
        "outlet": row["outlet"],
        "published_on": _date_text(row["published_on"]),
        "sentence": row["sentence"],
    }


def link_bases(request: Any) -> tuple[str, str]:
    """The URLs of the pledge list and the country list that a pledge's links start with.
    Not DRF's reverse, which would carry ?format=csv into every link."""
    pledges, countries = _list_paths(get_script_prefix())
    return _absolute(pledges, request), _absolute(countries, request)


@functools.lru_cache(maxsize=8)
def _list_paths(script_prefix: str) -> tuple[str, str]:
    """Reversed once per script prefix (what they depend on): every list page needs them."""
    return reverse("api:pledge-list"), reverse("api:country-list")


def pledge_links(row: Mapping[str, Any], bases: tuple[str, str]) -> dict[str, str | None]:
    """A pledge's links from its row (id, donor_id, recipient_id, merged_into_id) and
    link_bases()."""
    pledges, countries = bases
    merged = row["merged_into_id"]
    return {
        "self": f"{pledges}{row['id']}/",
        "donor": f"{countries}{row['donor_id']}/",
        "recipient": f"{countries}{row['recipient_id']}/",
        "merged_into": f"{pledges}{merged}/" if merged else None,
    }


def _absolute(path: str, request: Any) -> str:
    return request.build_absolute_uri(path) if request is not None else path


class HistoryEntrySerializer(serializers.Serializer):
    history_id = serializers.IntegerField()
    at = serializers.DateTimeField()
    action = serializers.ChoiceField(choices=["created", "changed", "deleted"])
    user = serializers.CharField(allow_null=True)
    reason = serializers.CharField(allow_blank=True)
    changes = serializers.DictField(
        child=serializers.ListField(child=serializers.JSONField(), min_length=2, max_length=2),
        help_text="field -> [before, after]",
    )


class PledgeDetailSerializer(PledgeListSerializer):
    history = serializers.SerializerMethodField()

    class Meta(PledgeListSerializer.Meta):
        fields = [*PledgeListSerializer.Meta.fields, "history"]
        read_only_fields = fields

    def to_representation(self, row: Mapping[str, Any]) -> dict[str, Any]:
        return {**super().to_representation(row), "history": self.get_history(row)}

    @extend_schema_field(HistoryEntrySerializer(many=True))
    def get_history(self, row: Mapping[str, Any]) -> list[dict[str, Any]]:
        """HistoryEntrySerializer's fields, built directly (as to_representation does)."""
        fields = tuple(HISTORY_ATTNAMES.values())
        records = selectors.pledge_history_rows(pledge_id=row["id"], fields=fields)
        zone = self._timezone()
        return [
            {
                "history_id": record["history_id"],
                "at": _datetime(record["history_date"], zone),
                "action": {"+": "created", "~": "changed", "-": "deleted"}[record["history_type"]],
                "user": record["user"],
                "reason": record["history_change_reason"] or "",
                "changes": _diff(before, record),
            }
            for record, before in zip(records, [*records[1:], None], strict=True)
        ]


HISTORY_ATTNAMES = {name: Pledge._meta.get_field(name).attname for name in HISTORY_FIELDS}  # type: ignore[union-attr]


def _diff(before: Mapping[str, Any] | None, after: Mapping[str, Any]) -> dict[str, list[Any]]:
    if before is None:
        return {}
    changes = {}
    for name, attname in HISTORY_ATTNAMES.items():
        old, new = before[attname], after[attname]
        if old != new:
            changes[name] = [_plain(old), _plain(new)]
    return changes


def _plain(value: Any) -> Any:
    return value if value is None or isinstance(value, bool | int | float) else str(value)


class CountrySerializer(serializers.ModelSerializer):
    pledge_count = serializers.IntegerField(read_only=True)
    amount_usd_total = serializers.DecimalField(max_digits=24, decimal_places=2, read_only=True)

    class Meta:
        model = Country
        fields = ["code", "name", "kind", "pledge_count", "amount_usd_total"]


class YearTotalSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Pledge.Kind.choices)
    year = serializers.IntegerField()
    count = serializers.IntegerField()
    amount_usd = serializers.DecimalField(max_digits=24, decimal_places=2)
    amount_eur = serializers.DecimalField(max_digits=24, decimal_places=2)


class CountryTotalsSerializer(serializers.Serializer):
    given = YearTotalSerializer(many=True)
    received = YearTotalSerializer(many=True)


class CountryDetailSerializer(CountrySerializer):
    totals = CountryTotalsSerializer(read_only=True)

    class Meta(CountrySerializer.Meta):
        fields = [*CountrySerializer.Meta.fields, "totals"]


class EquipmentSerializer(serializers.ModelSerializer):
    pledge_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Equipment
        fields = ["slug", "name", "category", "aliases", "description", "pledge_count"]


class EquipmentDonorSerializer(serializers.Serializer):
    donor = serializers.CharField()
    donor_name = serializers.CharField()
    pledges = serializers.IntegerField()
    quantity = serializers.IntegerField(allow_null=True)


class EquipmentDetailSerializer(EquipmentSerializer):
    pledged_by = EquipmentDonorSerializer(many=True, read_only=True)

    class Meta(EquipmentSerializer.Meta):
        fields = [*EquipmentSerializer.Meta.fields, "pledged_by"]


class TimelineRowSerializer(serializers.Serializer):
    period = serializers.DateField()
    group = serializers.CharField(allow_null=True)
    count = serializers.IntegerField()
    amount_usd = serializers.DecimalField(max_digits=24, decimal_places=2)
    amount_eur = serializers.DecimalField(max_digits=24, decimal_places=2)
    cumulative_usd = serializers.DecimalField(max_digits=28, decimal_places=2)
    cumulative_eur = serializers.DecimalField(max_digits=28, decimal_places=2)


class TimelineSerializer(serializers.Serializer):
    interval = serializers.CharField()
    group_by = serializers.CharField()
    results = TimelineRowSerializer(many=True)


class ChangeSerializer(serializers.Serializer):
    cursor = serializers.CharField(source="position.encode")
    at = serializers.DateTimeField(source="position.at")
    object = serializers.ChoiceField(choices=["pledge", "pledge_item"])
    action = serializers.ChoiceField(
        choices=["created", "corrected", "confirmed", "rejected", "merged", "changed", "deleted"]
    )
    id = serializers.IntegerField()
    pledge_id = serializers.IntegerField()
    reason = serializers.CharField(allow_blank=True)
    user = serializers.CharField(allow_null=True)
    data = serializers.DictField(
        allow_null=True, help_text="The row after the change; null when deleted"
    )


class ChangesPageSerializer(serializers.Serializer):
    results = ChangeSerializer(many=True)
    next_cursor = serializers.CharField(allow_blank=True)
    next = serializers.URLField()
    has_more = serializers.BooleanField()


# --- Writes ---


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField(max_length=500)


class OptionalReasonInput(serializers.Serializer):
    reason = serializers.CharField(max_length=500, required=False)


class PledgeMergeInput(ReasonInput):
    into = serializers.IntegerField(min_value=1, max_value=2**63 - 1)


class ItemInput(serializers.Serializer):
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    category = serializers.ChoiceField(choices=Category.choices, default=Category.OTHER)
    quantity = serializers.IntegerField(
        min_value=0, max_value=2**63 - 1, required=False, allow_null=True, default=None
    )
    unit = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    equipment = serializers.CharField(
        max_length=80, required=False, allow_null=True, default=None, help_text="slug"
    )

    def validate_equipment(self, slug: str | None) -> str | None:
        if slug and not Equipment.objects.filter(slug=slug).exists():
            raise serializers.ValidationError(UNKNOWN_EQUIPMENT % {"value": slug})
        return slug or None

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if not data["name"].strip() and not data.get("equipment"):
            raise serializers.ValidationError({"name": "An item needs a name or equipment."})
        return data


class PledgeCorrectInput(serializers.Serializer):
    """A correction: any editable field and/or the items (which replace the old ones)."""

    reason = serializers.CharField(max_length=500)
    donor = serializers.CharField(max_length=8, required=False)
    recipient = serializers.CharField(max_length=8, required=False)
    announced_on = serializers.DateField(required=False)
    date_precision = serializers.ChoiceField(choices=Pledge.Precision.choices, required=False)
    kind = serializers.ChoiceField(choices=Pledge.Kind.choices, required=False)
    stage = serializers.ChoiceField(choices=Pledge.Stage.choices, required=False)
    amount = serializers.DecimalField(
        max_digits=20, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    currency = serializers.CharField(max_length=3, required=False, allow_blank=True)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=10000)
    items = ItemInput(many=True, required=False, max_length=200)

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({name: [NOT_EDITABLE] for name in unknown})
        return super().to_internal_value(data)

    def _country(self, code: str) -> str:
        code = code.strip().upper()
        if not Country.objects.filter(pk=code).exists():
            raise serializers.ValidationError(UNKNOWN_COUNTRY % {"value": code})
        return code

    def validate_donor(self, code: str) -> str:
        return self._country(code)

    def validate_recipient(self, code: str) -> str:
        return self._country(code)

    def validate_currency(self, code: str) -> str:
        return code.strip().upper()
