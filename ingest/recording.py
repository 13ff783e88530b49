"""Recording extracted pledges: merge into the same announcement or create a new pledge.

Rules (DESIGN.md): an extracted pledge joins an existing pledge when it is the same
announcement (same donor and recipient, announced within MERGE_WINDOW_DAYS of each
other, and the same amount within 1% in the same currency, or both without amount,
of the same kind, with overlapping items), adding its evidence; otherwise it becomes
a new pledge with status reported. A field an editor corrected (locked_fields) is never
overwritten, a rejected pledge only gains evidence, a merged pledge forwards to the
pledge it was merged into. Concurrent workers serialise per donor (a PostgreSQL
advisory lock; SQLite serialises writers by itself).
"""

from __future__ import annotations

import datetime
import logging
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from decimal import Decimal
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from aidtracker.models import Category, Country, Equipment, Pledge, PledgeItem
from aidtracker.services import ItemData, PledgeData, pledge_create

from .models import Article, Evidence

logger = logging.getLogger(__name__)

MERGE_WINDOW_DAYS = 14
AMOUNT_TOLERANCE = Decimal("0.01")
ADVISORY_NAMESPACE = 0x41494400  # "AID\0": keeps our advisory locks apart from others'
MAX_FORWARDS = 20
UNKNOWN_COUNTRY = "Unknown donor or recipient code {code!r}."
PLEDGE_SKIPPED = "A pledge was not recorded ({donor} → {recipient}): {reason}"
EXTRACTION_FAILED = "Extraction failed: {reason}"


class _PledgeRefused(Exception):
    """A pledge failed validation while recorded without a savepoint of its own."""


def article_record(*, article_id: int, force: bool = False) -> Article | None:
    """Extract the article and record its pledges (see ingest.services.article_extract).

    First without a savepoint per pledge (two round trips each); when a pledge turns out
    invalid, the whole article is rolled back and recorded again, each pledge in its own
    savepoint, so that the valid ones are kept and the invalid one noted.
    """
    try:
        return _article_record(article_id, force=force, savepoints=False)
    except _PledgeRefused:
        return _article_record(article_id, force=force, savepoints=True)


def _article_record(article_id: int, *, force: bool, savepoints: bool) -> Article | None:
    from .extraction import EXTRACTOR_VERSION, extract

    with transaction.atomic():
        article = Article.objects.select_for_update().filter(pk=article_id).first()
        if article is None or not article.text:
            return article
        done = (
            article.status == Article.Status.EXTRACTED
            and article.extractor_version == EXTRACTOR_VERSION
        )
        if (done or article.status == Article.Status.FAILED) and not force:
            return article
        published = article.published_on.isoformat() if article.published_on else None
        try:
            result = extract(article.text, published=published, language=article.language or None)
        except SoftTimeLimitExceeded:  # the task's time limit, not this text's fault
            raise
        except Exception as exc:  # the engine is pure: any error is about this text
            logger.exception("extraction failed for article %s", article_id)
            article.status = Article.Status.FAILED
            article.error = EXTRACTION_FAILED.format(reason=exc)[:4000]
            article.save(update_fields=["status", "error", "updated_at"])
            return article
        notes = pledges_record(
            article=article,
            pledges=result.pledges,
            version=EXTRACTOR_VERSION,
            # The version is set only with the evidence, in one transaction: none yet.
            first=not article.extractor_version,
            savepoints=savepoints,
        )
        article.language = (article.language or result.language or "")[:8]
        article.status = Article.Status.EXTRACTED
        article.extractor_version = EXTRACTOR_VERSION
        article.error = "\n".join(notes)[:4000]
        article.save(
            update_fields=["language", "status", "extractor_version", "error", "updated_at"]
        )
        return article


def pledges_record(
    *,
    article: Article,
    pledges: Sequence[Any],
    version: str,
    first: bool = False,
    savepoints: bool = True,
) -> list[str]:
    """Record `pledges` (ExtractedPledge values) found in `article`; replace its old evidence.

    `first`: the article was never recorded before, so it has no evidence to look up.
    `savepoints=False`: no savepoint per pledge; an invalid pledge then raises
    _PledgeRefused, and the caller must roll back its transaction (it may hold half of
    that pledge's rows).

    Evidence this article gave before to pledges without locked fields, and not found
    again, is removed, and a pledge left without any evidence is deleted (it came from
    this article only). Returns notes on pledges that could not be recorded.
    """
    previous = (
        [] if first else list(Evidence.objects.filter(article=article).select_related("pledge"))
    )
    recorded: dict[tuple[int, int, int], Evidence] = {}
    donors = {p.donor for p in pledges} | {e.pledge.donor_id for e in previous}
    for code in sorted(donors):
        donor_lock(code)
    kept: set[int] = set()
    notes: list[str] = []
    for extracted in pledges:
        try:
            with transaction.atomic() if savepoints else nullcontext():
                evidence = pledge_record(
                    article=article,
                    extracted=extracted,
                    version=version,
                    fresh=not previous,
                    recorded=recorded,
                )
                kept.add(evidence.pk)
        except ValidationError as exc:
            if not savepoints:
                raise _PledgeRefused from exc
            reason = "; ".join(exc.messages)
            notes.append(
                PLEDGE_SKIPPED.format(
                    donor=extracted.donor, recipient=extracted.recipient, reason=reason
                )
            )
    if previous:
        _drop_stale(previous, kept)
    return notes


def _drop_stale(previous: Iterable[Evidence], kept: set[int]) -> None:
    orphans = set()
    for evidence in previous:
        if evidence.pk in kept or evidence.pledge.locked_fields:
            continue
        orphans.add(evidence.pledge_id)
        evidence.delete()
    for pledge in Pledge.objects.filter(pk__in=orphans, status=Pledge.Status.REPORTED):
        if pledge.locked_fields or pledge.evidence.exists() or pledge.merged_from.exists():
            continue
        setattr(pledge, "_change_reason", "No evidence left after re-extraction")  # noqa: B010
        pledge.delete()


def donor_lock(code: str) -> None:
    """Serialise recording for one donor until the transaction ends (PostgreSQL)."""
    if connection.vendor == "postgresql":
        key = zlib.crc32(code.encode("utf-8")) & 0x7FFFFFFF
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [ADVISORY_NAMESPACE, key])


def pledge_record(
    *,
    article: Article,
    extracted: Any,
    version: str,
    fresh: bool = False,
    recorded: dict[tuple[int, int, int], Evidence] | None = None,
) -> Evidence:
    """Record one extracted pledge of `article`: merge or create, then add its evidence.

    `fresh`: the article has no evidence yet (its first extraction), which saves the
    look-ups that only re-extraction needs; `recorded` then holds the evidence this run
    created, by (pledge, start, end), so a span is stored once without asking the database.
    """
    donor = _country(extracted.donor)
    recipient = _country(extracted.recipient)
    announced, precision = announced_date(extracted.announced_on, article)
    amount, currency = _money(extracted)
    pledge = None if fresh else _same_sentence(article, extracted, donor)
    pledge = pledge or _same_announcement(extracted, donor, recipient, announced, amount, currency)
    if pledge is None:
        pledge = pledge_create(
            data=_pledge_data(extracted, donor, recipient, announced, precision),
            reason=f"Reported by article {article.pk}",
            countries_checked=True,  # _country() checked both codes
            catalogue=_catalogue_for(item.slug for item in extracted.items),
        )
    else:
        pledge = _forward(pledge)
        _absorb(pledge, extracted, article)
    span = {"pledge": pledge, "article": article, "start": extracted.evidence_start}
    span["end"] = extracted.evidence_end
    values = {"sentence": extracted.evidence, "extractor_version": version}
    if fresh and recorded is not None:
        key = (pledge.pk, extracted.evidence_start, extracted.evidence_end)
        if key not in recorded:
            recorded[key] = Evidence.objects.create(**span, **values)
        return recorded[key]
    if fresh and not Evidence.objects.filter(**span).exists():
        return Evidence.objects.create(**span, **values)
    evidence, _ = Evidence.objects.update_or_create(**span, defaults=values)
    return evidence


_known_countries: set[str] = set()


class _Catalogue:
    """Equipment by slug, as looked up so far (slugs not in the catalogue too)."""

    def __init__(self) -> None:
        self.by_slug: dict[str, Equipment] = {}
        self.unknown: set[str] = set()

    def entries(self, slugs: Iterable[str | None]) -> dict[str, Equipment]:
        wanted = {slug for slug in slugs if slug}
        unseen = wanted - self.by_slug.keys() - self.unknown
        if unseen:
            self.by_slug.update(Equipment.objects.in_bulk(unseen, field_name="slug"))
            self.unknown |= unseen - self.by_slug.keys()
        return {slug: self.by_slug[slug] for slug in wanted if slug in self.by_slug}


_catalogue: ContextVar[_Catalogue | None] = ContextVar("ingest_catalogue", default=None)


@contextmanager
def catalogue_kept() -> Iterator[None]:
    """Within the block, equipment looked up once is not looked up again (a chunk of
    articles: the same few slugs, one query each at most). Outside, every pledge asks."""
    token = _catalogue.set(_Catalogue())
    try:
        yield
    finally:
        _catalogue.reset(token)


def _catalogue_for(slugs: Iterable[str | None]) -> dict[str, Equipment]:
    return (_catalogue.get() or _Catalogue()).entries(slugs)


def _country(code: str) -> Country:
    """The country (unsaved handle: only its code is used), checked against the reference
    data, which is cached per process: countries are added, not changed."""
    if code not in _known_countries:
        _known_countries.update(Country.objects.values_list("code", flat=True))
        if code not in _known_countries:
            raise ValidationError(UNKNOWN_COUNTRY.format(code=code))
    return Country(code=code)


def announced_date(value: str | None, article: Article) -> tuple[datetime.date, str]:
    """The announcement date and its precision; the article's date when the text has none."""
    if value:
        parts = [int(part) for part in str(value).split("-")[:3]]
        try:
            if len(parts) == 3:
                return datetime.date(*parts), Pledge.Precision.DAY
            if len(parts) == 2:
                return datetime.date(parts[0], parts[1], 1), Pledge.Precision.MONTH
            return datetime.date(parts[0], 1, 1), Pledge.Precision.YEAR
        except ValueError:
            pass
    fallback = article.published_on or timezone.localdate(article.created_at or timezone.now())
    return fallback, Pledge.Precision.DAY


def _money(extracted: Any) -> tuple[Decimal | None, str]:
    if extracted.amount is None or not extracted.currency:
        return None, ""
    return Decimal(extracted.amount).quantize(Decimal("0.01")), str(extracted.currency).upper()


def _item_keys(items: Iterable[Any]) -> set[str]:
    keys = set()
    for item in items:
        slug = getattr(item, "slug", None)
        if slug is None and getattr(item, "equipment", None) is not None:
            slug = item.equipment.slug
        keys.add(slug or item.name.casefold())
    return keys


def _same_sentence(article: Article, extracted: Any, donor: Country) -> Pledge | None:
    """A locked pledge this article already supports with this sentence (editor-corrected:
    its values may no longer match what the extractor reads, it is still the same pledge)."""
    evidence = (
        Evidence.objects.filter(
            article=article,
            pledge__donor=donor,
            start__lt=max(extracted.evidence_end, extracted.evidence_start + 1),
            end__gt=extracted.evidence_start,
        )
        .select_related("pledge")
        .order_by("pledge_id")
    )
    for found in evidence:
        if found.pledge.locked_fields:
            return found.pledge
    return None


def _same_announcement(
    extracted: Any,
    donor: Country,
    recipient: Country,
    announced: datetime.date,
    amount: Decimal | None,
    currency: str,
) -> Pledge | None:
    window = datetime.timedelta(days=MERGE_WINDOW_DAYS)
    candidates = (
        Pledge.objects.select_for_update()
        .filter(
            donor=donor,
            recipient=recipient,
            announced_on__range=(announced - window, announced + window),
        )
        .order_by("id")
    )
    keys = _item_keys(extracted.items)
    matches = [
        pledge for pledge in candidates if _agrees(pledge, extracted.kind, amount, currency, keys)
    ]
    if not matches:
        return None
    # The closest in date, then the most reliable (not merged or rejected), then the oldest.
    return min(
        matches,
        key=lambda p: (
            abs((p.announced_on - announced).days),
            p.status in (Pledge.Status.MERGED, Pledge.Status.REJECTED),
            p.pk,
        ),
    )


def _agrees(
    pledge: Pledge, kind: str, amount: Decimal | None, currency: str, keys: set[str]
) -> bool:
    return any(
        _version_agrees(version, pledge, kind, amount, currency, keys)
        for version in _versions(pledge)
    )


def _versions(pledge: Pledge) -> list[tuple[Decimal | None, str, str]]:
    """(amount, currency, kind) now, and before an editor corrected them: a new article
    repeating the value the editor corrected is still about this pledge."""
    current = (pledge.amount, pledge.currency, pledge.kind)
    if not set(pledge.locked_fields) & {"amount", "currency", "kind"}:
        return [current]
    history = pledge.history.values_list("amount", "currency", "kind").distinct()  # type: ignore[attr-defined]
    return [current, *history]


def _version_agrees(
    version: tuple[Decimal | None, str, str],
    pledge: Pledge,
    kind: str,
    amount: Decimal | None,
    currency: str,
    keys: set[str],
) -> bool:
    their_amount, their_currency, their_kind = version
    if their_amount is not None and amount is not None:
        if their_currency != currency:
            return False
        return abs(their_amount - amount) <= AMOUNT_TOLERANCE * max(their_amount, amount)
    if their_amount is None and amount is None:
        theirs = _item_keys(pledge.items.all())
        return their_kind == kind and (bool(theirs & keys) or not (theirs or keys))
    return False


def _forward(pledge: Pledge) -> Pledge:
    """The pledge a merged pledge now lives in (following merges of merges)."""
    for _ in range(MAX_FORWARDS):
        if pledge.status != Pledge.Status.MERGED or pledge.merged_into_id is None:
            break
        pledge = Pledge.objects.select_for_update().get(pk=pledge.merged_into_id)
    return pledge


def _absorb(pledge: Pledge, extracted: Any, article: Article) -> None:
    """Let a matching report add what the pledge lacks: items, confidence. Never touches a
    rejected pledge or a locked field."""
    if pledge.status == Pledge.Status.REJECTED:
        return
    reason = f"Also reported by article {article.pk}"
    changed = False
    if extracted.confidence > pledge.confidence:
        pledge.confidence = min(1.0, float(extracted.confidence))
        changed = True
    if changed:
        pledge.full_clean(validate_constraints=False)  # only the confidence changed
        setattr(pledge, "_change_reason", reason)  # noqa: B010 (read by simple-history)
        pledge.save()
    if "items" in pledge.locked_fields:
        return
    items = list(pledge.items.select_related("equipment"))
    known = _item_keys(items)
    categories = {item.category for item in items}
    for data in _items(extracted.items):
        key = data.equipment_slug or data.name.casefold()
        # A generic name ("ammunition") adds nothing to a pledge that names its kind already.
        if key in known or (data.equipment_slug is None and data.category in categories):
            continue
        known.add(key)
        categories.add(data.category)
        item = PledgeItem(
            pledge=pledge,
            equipment=_catalogue_for([data.equipment_slug]).get(data.equipment_slug or ""),
            name=data.name,
            category=data.category,
            quantity=data.quantity,
            unit=data.unit,
        )
        item.full_clean()
        setattr(item, "_change_reason", reason)  # noqa: B010
        item.save()


def _items(items: Iterable[Any]) -> tuple[ItemData, ...]:
    return tuple(
        ItemData(
            name=(item.name or item.slug or "")[:200],
            category=item.category if item.category in Category.values else Category.OTHER,
            quantity=item.quantity if item.quantity and item.quantity > 0 else None,
            unit=(item.unit or "")[:32],
            equipment_slug=item.slug,
        )
        for item in items
        if item.name or item.slug
    )


def _pledge_data(
    extracted: Any,
    donor: Country,
    recipient: Country,
    announced: datetime.date,
    precision: str,
) -> PledgeData:
    amount, currency = _money(extracted)
    kind = extracted.kind if extracted.kind in Pledge.Kind.values else Pledge.Kind.PACKAGE
    stage = extracted.stage if extracted.stage in Pledge.Stage.values else Pledge.Stage.ANNOUNCED
    return PledgeData(
        donor=donor.pk,
        recipient=recipient.pk,
        announced_on=announced,
        date_precision=precision,
        kind=kind,
        stage=stage,
        amount=amount,
        currency=currency,
        summary=" ".join(extracted.evidence.split())[:1000],
        confidence=max(0.0, min(1.0, float(extracted.confidence))),
        items=_items(extracted.items),
    )
