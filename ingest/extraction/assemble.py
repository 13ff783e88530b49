"""Sentence-level pledge detection and assembly of candidates into pledges."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from .dates import sentence_date
from .donors import Mention, find_donors, find_recipients
from .items import extract_items
from .model import ExtractedItem, ExtractedPledge
from .money import Money, find_money, resolve_currency
from .sentences import Sentence, split_sentences
from .tables import Hits, Tables, tables_for

SYMBOLS = frozenset("$€£₴¥")

WINDOW = 70
NEAR = 2
NOT_DONORS = frozenset({"UA", "RU", "BY"})


@dataclass
class Candidate:
    donor: str
    sentence: int
    start: int
    end: int
    kind: str
    amount: Decimal | None = None
    currency: str | None = None
    items: list[ExtractedItem] = field(default_factory=list)
    date: str | None = None
    explicit_date: bool = False
    stage: str | None = None
    confidence: float = 0.5
    continuation: bool = False


@dataclass
class Context:
    text: str
    language: str
    published: str | None
    tables: Tables
    candidates: list[Candidate] = field(default_factory=list)
    recipients: dict[str, int] = field(default_factory=dict)
    last_donors: list[str] = field(default_factory=list)
    last_sentence: int = -10


def is_total(hits: Hits, money: Money, prev_end: int, next_start: int) -> bool:
    before = hits.has("cue:total_pre", max(prev_end, money.start - WINDOW), money.start)
    after = hits.has("cue:total_post", money.end, min(next_start, money.end + WINDOW))
    return before or after


def sentence_money(ctx: Context, sentence: str, hits: Hits) -> list[Money]:
    if not (hits.has("currency") or SYMBOLS.intersection(sentence)):
        return []
    found = find_money(sentence, ctx.language)
    kept = []
    for i, money in enumerate(found):
        prev_end = found[i - 1].end if i else 0
        next_start = found[i + 1].start if i + 1 < len(found) else len(sentence)
        if not is_total(hits, money, prev_end, next_start):
            kept.append(money)
    return kept


def kind_of(hits: Hits, has_money: bool, has_items: bool) -> str | None:
    if hits.has("cue:financing"):
        return "financing"
    if hits.has("cue:training") and not (has_money and hits.has("cue:package")):
        return "training"
    if has_money or hits.has("cue:package"):
        return "package"
    if has_items:
        return "equipment"
    return None


def stage_of(hits: Hits) -> str | None:
    for stage in ("delivered", "committed", "announced"):
        if hits.has(f"cue:{stage}"):
            return stage
    return None


def subject_donors(hits: Hits, donors: list[Mention]) -> list[str]:
    """Donors named before the pledge verb (the subject), else all donors named."""
    verb = hits.first("cue:pledge") or hits.first("cue:training")
    before = [d.code for d in donors if verb is None or d.start < verb.start]
    return unique(before or [d.code for d in donors])


def unique(codes: list[str]) -> list[str]:
    return list(dict.fromkeys(codes))


def nearest_donor(donors: list[Mention], money: Money) -> str | None:
    before = [d for d in donors if d.end <= money.start]
    if before:
        return before[-1].code
    after = [d for d in donors if d.start >= money.end]
    return after[0].code if after else None


def analyse(ctx: Context, index: int, span: Sentence) -> None:
    s = ctx.text[span.start : span.end]
    hits = ctx.tables.find(s)
    for r in find_recipients(hits):
        ctx.recipients[r.code] = ctx.recipients.get(r.code, 0) + 1
    if hits.has("cue:negative") or hits.has("cue:later"):
        return
    has_cue = hits.has("cue:pledge") or hits.has("cue:package")
    if not (has_cue or hits.has("cue:training") or hits.has("cue:financing")):
        return
    donors = [d for d in find_donors(s, ctx.language, hits) if d.code not in NOT_DONORS]
    money = sentence_money(ctx, s, hits)
    items = extract_items(s, ctx.language, hits, ctx.tables)
    kind = kind_of(hits, bool(money), bool(items))
    if kind is None or not (money or items or kind == "training"):
        return
    if kind != "training" and not (has_cue or kind == "financing"):
        return
    continuation = False
    if not donors:
        if index - ctx.last_sentence > NEAR or not ctx.last_donors:
            return
        continuation = True
        codes_for_money = {id(m): ctx.last_donors[-1] for m in money}
        subjects = ctx.last_donors[-1:] if money else ctx.last_donors
    else:
        codes_for_money = {id(m): nearest_donor(donors, m) for m in money}
        subjects = subject_donors(hits, donors)
        if money and hits.has("cue:each"):
            codes_for_money = {}
    date = sentence_date(s, ctx.language, ctx.published)
    base = Candidate(
        donor="",
        sentence=index,
        start=span.start,
        end=span.end,
        kind=kind,
        items=items,
        date=str(date) if date else ctx.published,
        explicit_date=date is not None,
        stage=stage_of(hits),
        continuation=continuation,
    )
    made: list[Candidate] = []
    if money:
        seen: set[str] = set()
        for m in money:
            targets = [codes_for_money[id(m)]] if id(m) in codes_for_money else subjects
            for code in targets:
                if code is None or code in seen:
                    continue
                seen.add(code)
                currency = resolve_currency(m.currency, code, ctx.language)
                made.append(replace(base, donor=code, amount=m.amount, currency=currency))
    else:
        made = [replace(base, donor=code) for code in subjects]
    for c in made:
        c.confidence = confidence(c)
        c.items = list(items)
    ctx.candidates.extend(made)
    if made:
        ctx.last_donors = unique([c.donor for c in made])
        ctx.last_sentence = index


def confidence(c: Candidate) -> float:
    score = 0.45
    score += 0.25 if c.amount is not None else 0.0
    score += 0.1 if c.items else 0.0
    score += 0.05 if c.explicit_date else 0.0
    score += 0.05 if c.stage else 0.0
    score -= 0.15 if c.continuation else 0.0
    return max(0.05, min(0.95, score))


def compatible(a: str, b: str) -> bool:
    return a == b or {a, b} <= {"package", "equipment"}


def merge_into(p: Candidate, c: Candidate) -> None:
    if c.sentence - p.sentence <= NEAR + 1:
        p.end = max(p.end, c.end)
    if p.amount is None and c.amount is not None:
        p.amount, p.currency, p.kind = c.amount, c.currency, c.kind
    if not p.explicit_date and c.explicit_date:
        p.date, p.explicit_date = c.date, True
    p.stage = p.stage or c.stage
    for item in c.items:
        if not any(i.name == item.name and i.quantity == item.quantity for i in p.items):
            if item.quantity is not None:
                p.items = [i for i in p.items if not (i.name == item.name and i.quantity is None)]
            p.items.append(item)
    p.confidence = max(p.confidence, c.confidence)


def find_target(pledges: list[Candidate], c: Candidate) -> Candidate | None:
    for p in reversed(pledges):
        if p.donor != c.donor:
            continue
        near = c.sentence - p.sentence <= NEAR
        if c.amount is not None and p.amount is not None:
            if c.amount == p.amount and c.currency == p.currency:
                return p
            continue
        if c.amount is None and p.amount is None and p.kind == c.kind:
            return p
        if near and (compatible(p.kind, c.kind) or c.kind == "equipment"):
            return p
    return None


def assemble(candidates: list[Candidate]) -> list[Candidate]:
    pledges: list[Candidate] = []
    for c in candidates:
        target = find_target(pledges, c)
        if target is None:
            if c.continuation and c.amount is None:
                continue
            pledges.append(c)
        else:
            merge_into(target, c)
    return [p for p in pledges if p.amount is not None or p.items or p.kind == "training"]


def recipient_of(counts: dict[str, int]) -> str:
    if not counts or "UA" in counts:
        return "UA"
    return max(counts, key=lambda k: counts[k])


def extract_pledges(
    text: str, language: str, published: str | None, catalogue: str | None = None
) -> tuple[ExtractedPledge, ...]:
    ctx = Context(text, language, published, tables_for(language, catalogue))
    for index, span in enumerate(split_sentences(text)):
        analyse(ctx, index, span)
    recipient = recipient_of(ctx.recipients)
    return tuple(
        ExtractedPledge(
            donor=p.donor,
            recipient=recipient,
            announced_on=p.date,
            amount=p.amount,
            currency=p.currency,
            kind=p.kind,
            stage=p.stage,
            items=tuple(p.items),
            evidence=text[p.start : p.end],
            evidence_start=p.start,
            evidence_end=p.end,
            confidence=p.confidence,
        )
        for p in assemble(ctx.candidates)
    )
