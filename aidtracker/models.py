"""The tracker's domain: countries, the equipment catalogue, pledges and their items."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from simple_history.manager import HistoryManager
from simple_history.models import HistoricalRecords

from .validators import validate_currency, validate_non_negative, validate_not_far_future

SAME_DONOR_AND_RECIPIENT = "The donor and the recipient must be different."
# The timeline's rollup sums US dollars and euros as whole cents in 64 bits (about 9 * 10^16
# each per cell): no pledge comes near this; a misread one must not break the sums.
MAX_CONVERTED = Decimal(10**15)
IMPLAUSIBLE_AMOUNT = "Worth more than 10^15 US dollars or euros: not a plausible pledge."
AMOUNT_WITHOUT_CURRENCY = "An amount needs its currency, and a currency needs an amount."


class _HistoryManager(HistoryManager):
    """simple-history builds the `history` manager's class anew (from_queryset) on every
    access, and every history row written asks for it: once per queryset class is enough."""

    _classes: dict[tuple[type, type, str | None], type] = {}

    @classmethod
    def from_queryset(cls, queryset_class, class_name=None):
        key = (cls, queryset_class, class_name)
        if key not in cls._classes:
            cls._classes[key] = super().from_queryset(queryset_class, class_name)
        return cls._classes[key]


class Category(models.TextChoices):
    AIR_DEFENSE = "air_defense", "Air defence"
    ANTI_TANK = "anti_tank", "Anti-tank"
    TANK = "tank", "Tanks"
    ARMORED_VEHICLE = "armored_vehicle", "Armoured vehicles"
    ARTILLERY = "artillery", "Artillery"
    ROCKET_ARTILLERY = "rocket_artillery", "Rocket artillery"
    AMMUNITION = "ammunition", "Ammunition"
    SMALL_ARMS = "small_arms", "Small arms"
    AIRCRAFT = "aircraft", "Aircraft"
    HELICOPTER = "helicopter", "Helicopters"
    DRONE = "drone", "Drones"
    MISSILE = "missile", "Missiles"
    NAVAL = "naval", "Naval"
    RADAR = "radar", "Radars"
    COMMUNICATIONS = "communications", "Communications"
    ENGINEERING = "engineering", "Engineering"
    VEHICLE = "vehicle", "Vehicles"
    MEDICAL = "medical", "Medical"
    PROTECTIVE = "protective", "Protective gear"
    OTHER = "other", "Other"


class Country(models.Model):
    class Kind(models.TextChoices):
        COUNTRY = "country", "Country"
        ORGANISATION = "organisation", "Organisation"

    code = models.CharField(
        max_length=8, primary_key=True, help_text="ISO 3166-1 alpha-2, or EU, NATO, UDCG"
    )
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.COUNTRY)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Equipment(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    category = models.CharField(max_length=24, choices=Category.choices, db_index=True)
    aliases = models.JSONField(
        default=list, blank=True, help_text="Names the news uses, in any language"
    )
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "equipment"

    def __str__(self) -> str:
        return self.name


class PledgeQuerySet(models.QuerySet):
    def visible(self) -> "PledgeQuerySet":
        """Pledges that stand on their own: not merged into another one."""
        return self.exclude(status=Pledge.Status.MERGED)

    def with_related(self) -> "PledgeQuerySet":
        return self.select_related("donor", "recipient").prefetch_related("items__equipment")


# What the timeline reads of a pledge besides its donor, status and date: its other
# filters, its amounts and (for its item categories) its id.
TIMELINE_COLUMNS = ["id", "recipient", "kind", "stage", "amount_usd", "amount_eur"]


class Pledge(models.Model):
    class Precision(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month"
        YEAR = "year", "Year"

    class Kind(models.TextChoices):
        PACKAGE = "package", "Package"
        FINANCING = "financing", "Financing"
        TRAINING = "training", "Training"
        EQUIPMENT = "equipment", "Equipment"

    class Stage(models.TextChoices):
        ANNOUNCED = "announced", "Announced"
        COMMITTED = "committed", "Committed"
        DELIVERED = "delivered", "Delivered"

    class Status(models.TextChoices):
        REPORTED = "reported", "Reported"
        CONFIRMED = "confirmed", "Confirmed"
        REJECTED = "rejected", "Rejected"
        MERGED = "merged", "Merged"

    # Fields an editor can correct; a corrected one is locked against re-ingestion.
    EDITABLE_FIELDS = (
        "donor",
        "recipient",
        "announced_on",
        "date_precision",
        "kind",
        "stage",
        "amount",
        "currency",
        "summary",
    )

    donor = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="pledges_given")
    recipient = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="pledges_received"
    )
    announced_on = models.DateField(validators=[validate_not_far_future])
    date_precision = models.CharField(
        max_length=8, choices=Precision.choices, default=Precision.DAY
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.PACKAGE)
    stage = models.CharField(max_length=16, choices=Stage.choices, default=Stage.ANNOUNCED)
    amount = models.DecimalField(
        max_digits=20,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[validate_non_negative],
        help_text="Face value as reported, in the reported currency",
    )
    currency = models.CharField(max_length=3, blank=True, validators=[validate_currency])
    amount_usd = models.DecimalField(
        max_digits=20, decimal_places=2, null=True, blank=True, editable=False
    )
    amount_eur = models.DecimalField(
        max_digits=20, decimal_places=2, null=True, blank=True, editable=False
    )
    rate_usd = models.DecimalField(
        max_digits=20,
        decimal_places=10,
        null=True,
        blank=True,
        editable=False,
        help_text="US dollars for one unit of the reported currency",
    )
    rate_eur = models.DecimalField(
        max_digits=20,
        decimal_places=10,
        null=True,
        blank=True,
        editable=False,
        help_text="Euros for one unit of the reported currency",
    )
    rate_date = models.DateField(
        null=True, blank=True, editable=False, help_text="ECB reference day used"
    )
    rate_missing = models.BooleanField(
        default=False,
        editable=False,
        help_text="An amount is reported but no ECB rate exists for it",
    )
    summary = models.TextField(blank=True)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.REPORTED, db_index=True
    )
    confidence = models.FloatField(default=0.5)
    locked_fields = models.JSONField(default=list, blank=True, editable=False)
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_from",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"], history_manager=_HistoryManager)
    objects = PledgeQuerySet.as_manager()

    class Meta:
        ordering = ["-announced_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0) | Q(amount__isnull=True),
                name="pledge_amount_non_negative",
            ),
            models.CheckConstraint(
                condition=~Q(donor=F("recipient")), name="pledge_donor_not_recipient"
            ),
            models.CheckConstraint(
                condition=(Q(amount__isnull=True) & Q(currency=""))
                | (Q(amount__isnull=False) & ~Q(currency="")),
                name="pledge_amount_has_currency",
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1), name="pledge_confidence_0_1"
            ),
        ]
        indexes = [
            models.Index(fields=["donor", "announced_on"], name="pledge_donor_date"),
            models.Index(fields=["announced_on", "id"], name="pledge_date"),
            models.Index(fields=["kind", "announced_on"], name="pledge_kind_date"),
            # A donor's pledges of one kind (the commonest list): read in date order, or the
            # few rows sorted by amount, instead of intersecting the two indexes above.
            models.Index(
                fields=["donor", "kind", "announced_on", "id"], name="pledge_donor_kind_date"
            ),
            models.Index(fields=["status", "confidence", "id"], name="pledge_review"),
            # The timeline filters and sums from this index alone (an index-only scan on
            # PostgreSQL), the id for its categories.
            models.Index(
                fields=["status", "announced_on"],
                include=[*TIMELINE_COLUMNS, "donor"],
                name="pledge_timeline",
            ),
            # ?ordering=amount_usd / -amount_usd: the list's usd_sort, unvalued pledges last.
            models.Index(
                Coalesce(F("amount_usd"), Value(Decimal(-1))), F("id"), name="pledge_usd_order"
            ),
            # The same within one donor: the filters leave few rows of the order above.
            models.Index(
                F("donor"),
                Coalesce(F("amount_usd"), Value(Decimal(-1))),
                F("id"),
                name="pledge_donor_usd_order",
            ),
            # A donor's timeline by day or week (and its category timeline): index-only.
            models.Index(
                fields=["donor", "status", "announced_on"],
                include=TIMELINE_COLUMNS,
                name="pledge_donor_timeline",
            ),
        ]

    def __str__(self) -> str:
        money = f"{self.amount:,.0f} {self.currency}" if self.amount is not None else "unvalued"
        kind = self.get_kind_display()
        return f"{self.donor_id} → {self.recipient_id}: {kind} {money} ({self.announced_on})"

    def clean(self) -> None:
        errors = {}
        if self.donor_id and self.donor_id == self.recipient_id:
            errors["recipient"] = SAME_DONOR_AND_RECIPIENT
        if (self.amount is None) != (not self.currency):
            errors["currency" if self.amount is not None else "amount"] = AMOUNT_WITHOUT_CURRENCY
        if any(
            value is not None and value > MAX_CONVERTED
            for value in (self.amount_usd, self.amount_eur)
        ):
            errors["amount"] = IMPLAUSIBLE_AMOUNT
        if errors:
            raise ValidationError(errors)

    @property
    def source_count(self) -> int:
        """Independent sources of the evidence (prefetch `evidence__article` for a list)."""
        return independent_sources(quote.article.outlet for quote in self.evidence.all())

    @property
    def announced_label(self) -> str:
        """The announcement date at its precision: 2023-06-13, 2023-06 or 2023."""
        return date_label(self.announced_on, self.date_precision)


DATE_LABEL_LENGTHS = {"day": 10, "month": 7, "year": 4}


def independent_sources(outlets: Iterable[str]) -> int:
    """How many independent sources the evidence of a pledge has, from the outlets of its
    articles: distinct outlets (articles with no outlet count as one)."""
    return len(set(outlets))


def date_label(day: datetime.date, precision: str) -> str:
    """A date at its precision: 2023-06-13, 2023-06 or 2023."""
    return day.isoformat()[: DATE_LABEL_LENGTHS[precision]]


class PledgeItem(models.Model):
    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="items")
    equipment = models.ForeignKey(
        Equipment, null=True, blank=True, on_delete=models.SET_NULL, related_name="pledge_items"
    )
    name = models.CharField(
        max_length=200, help_text="The name as reported, when not in the catalogue"
    )
    category = models.CharField(max_length=24, choices=Category.choices, default=Category.OTHER)
    quantity = models.PositiveBigIntegerField(null=True, blank=True)
    unit = models.CharField(max_length=32, blank=True)

    history = HistoricalRecords(history_manager=_HistoryManager)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["category"], name="item_category"),
            models.Index(fields=["pledge", "category", "id"], name="item_pledge_category"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity:,} x {self.name}" if self.quantity else self.name


AMOUNTS = ["usd_cents", "eur_cents"]


class TimelineMonth(models.Model):
    """Pledges summed per month and per every filter the timeline can answer from here.

    One row per (month, donor, recipient, kind, stage, status, category): `category` ""
    counts each pledge once; a category row counts each pledge that has at least one
    item of that category. Kept exact by triggers on the pledge and item tables in the
    same transaction as every write (PostgreSQL only; see migration 0005): no writer,
    the ORM, COPY or raw SQL, can forget it. selectors.pledge_timeline_filtered reads
    it for month, quarter and year when the filters allow, the live tables otherwise.
    """

    month = models.DateField(help_text="First day of the month")
    donor = models.CharField(max_length=8)
    recipient = models.CharField(max_length=8)
    kind = models.CharField(max_length=16)
    stage = models.CharField(max_length=16)
    status = models.CharField(max_length=16)
    category = models.CharField(max_length=24, blank=True)
    pledges = models.BigIntegerField()
    # Whole cents: SUM over bigint costs about 60 % of SUM over numeric (migration 0009).
    usd_cents = models.BigIntegerField(help_text="amount_usd summed, in cents")
    eur_cents = models.BigIntegerField(help_text="amount_eur summed, in cents")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["month", "donor", "recipient", "kind", "stage", "status", "category"],
                name="timeline_month_key",
            )
        ]
        # Covering indexes: a timeline reads only the index (an index-only scan).
        indexes = [
            models.Index(
                fields=["status", "month"],
                include=["donor", "recipient", "kind", "stage", "pledges", *AMOUNTS],
                condition=Q(category=""),
                name="timeline_month_pledges",
            ),
            models.Index(
                fields=["donor", "status", "month"],
                include=["recipient", "kind", "stage", "category", "pledges", *AMOUNTS],
                name="timeline_month_donor",
            ),
            # One category's rows (?category=), or every category's (group_by=category).
            models.Index(
                fields=["status", "category", "month"],
                include=["donor", "recipient", "kind", "stage", "pledges", *AMOUNTS],
                condition=~Q(category=""),
                name="timeline_month_categories",
            ),
            # Rows whose pledges all moved away: the triggers delete them at once.
            models.Index(fields=["id"], condition=Q(pledges=0), name="timeline_month_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.donor} {self.kind} {self.category}: {self.pledges}"


class TimelineTotal(models.Model):
    """Pledges summed over every donor and recipient, kept as changes to add up.

    A timeline without a donor or recipient filter, not grouped by donor, reads these
    (TimelineMonthTotal: month, quarter, year; TimelineDayTotal: day, week) instead of
    every donor's rollup rows or every pledge. Several rows may share a key: the triggers
    that keep TimelineMonth insert each statement's difference here as new rows
    (migration 0011), so that writers of different donors never wait for a shared row;
    readers sum them. Once 1,000 rows have been written since the oldest unmerged one, a
    writer merges the keys the unmerged rows touch into one row each (skipping rows
    another merge holds).
    """

    kind = models.CharField(max_length=16)
    stage = models.CharField(max_length=16)
    status = models.CharField(max_length=16)
    category = models.CharField(max_length=24, blank=True)  # "": each pledge once
    pledges = models.BigIntegerField(help_text="change in the number of pledges")
    usd_cents = models.BigIntegerField(help_text="change in amount_usd, in cents")
    eur_cents = models.BigIntegerField(help_text="change in amount_eur, in cents")
    merged = models.BooleanField(db_default=False, help_text="a key's rows summed by a merge")

    class Meta:
        abstract = True


def _total_indexes(period: str) -> list[models.Index]:
    return [
        # A category's rows ("" counts each pledge once), read by status and period; a
        # merge finds a key's rows here too.
        models.Index(
            fields=["category", "status", period],
            include=["kind", "stage", "pledges", *AMOUNTS],
            name=f"timeline_{period}_total_read",
        ),
        # The rows written since the last merge: the oldest is looked up after every write.
        models.Index(
            fields=["id"], condition=Q(merged=False), name=f"timeline_{period}_total_unmerged"
        ),
    ]


class TimelineMonthTotal(TimelineTotal):
    month = models.DateField(help_text="First day of the month")

    class Meta:
        indexes = _total_indexes("month")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.kind} {self.category}: {self.pledges:+}"


class TimelineDayTotal(TimelineTotal):
    day = models.DateField()

    class Meta:
        indexes = _total_indexes("day")

    def __str__(self) -> str:
        return f"{self.day} {self.kind} {self.category}: {self.pledges:+}"


class PledgeDocument(models.Model):
    """A pledge's JSON as the API's lists show it (without its request-dependent links),
    stored so that a list page need not read and serialise every row again.

    PostgreSQL only (aidtracker.api.documents; migration 0008): served while `version`
    equals the pledge's doc_version, which triggers renew on every change the JSON shows,
    and `format` the code's. A stale document is never served, only replaced.
    """

    pledge_id = models.BigIntegerField(primary_key=True)
    version = models.BigIntegerField()
    format = models.CharField(max_length=16)
    body = models.TextField()

    def __str__(self) -> str:
        return f"Document of pledge {self.pledge_id} (version {self.version})"
