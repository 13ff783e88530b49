# ruff: noqa: RUF001 - dash variants on purpose
"""Sentence-level pledge detection and assembly of candidates into pledges."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache

from .dates import (
    NUMERIC_DATE,
    PartialDate,
    eve_date,
    month_number,
    parse_partial,
    sentence_date,
)
from .donors import (
    Mention,
    chain,
    find_donors,
    find_recipients,
    organiser,
    source_mentions,
)
from .items import extract_items
from .lexicon import lexicon_alternation
from .matcher import TOKEN, Hit
from .model import ExtractedItem, ExtractedPledge
from .money import Money, find_money, resolve_currency
from .sentences import Sentence, split_sentences
from .tables import Hits, Tables, tables_for

SYMBOL = re.compile("[$€£₴¥]")

WINDOW = 70
NEAR = 3
SUBJECT_GAP = 12
FINAL_VERB_GAP = 30
COORDINATION_GAP = 4
APPROX = Decimal("0.05")
SUPERLATIVE_REACH = 30
NEGATION_REACH = 50
IN_KIND = frozenset({"package", "equipment"})
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
    separate: bool = False  # "Belgium will also hand over 30 F-16s"; "separate from the sum"
    recipient: str | None = None  # "€50 million for Moldova" beside "€500 million for Ukraine"


SEPARATE_REACH = 2


def copy_candidate(c: Candidate, **changes: object) -> Candidate:
    """``dataclasses.replace`` for a Candidate (no __post_init__): a shallow copy, lists
    shared as replace shares them, with ``changes``; a quarter of replace's cost."""
    new = object.__new__(Candidate)
    new.__dict__.update(c.__dict__)
    new.__dict__.update(changes)
    return new


@dataclass
class Context:
    text: str
    language: str
    published: str | None
    tables: Tables
    candidates: list[Candidate] = field(default_factory=list)
    recipients: dict[str, int] = field(default_factory=dict)
    recipient_at: list[tuple[int, str]] = field(default_factory=list)
    pub_year: int | None = None
    last_donors: list[str] = field(default_factory=list)
    last_sentence: int = -10
    last_paragraph: int = -10
    default_date: str | None = None
    last_valued: bool = False
    dates: dict[int, PartialDate] = field(default_factory=dict)
    sums: list[Money] = field(default_factory=list)
    attributions: set[int] = field(default_factory=set)
    eves: set[int] = field(default_factory=set)
    separate: set[int] = field(default_factory=set)
    announced_package: int = -10  # sentence announcing a donor's package without contents


def is_total(
    s: str, hits: Hits, money: Money, prev_end: int, next_start: int, pub_year: int | None
) -> bool:
    """A running sum ("has committed $43 billion since 2022"), not a new pledge."""
    stop = min(next_start, money.end + WINDOW, clause(s, money.start, money.end)[1])
    cues = hits.of("cue:total_pre", prev_end, money.start)
    cues += hits.of("cue:total_post", money.end, stop)
    # "met een totale waarde van", "till ett totalt värde av": the package's value
    values = hits.of("cue:total_value")
    cues = [h for h in cues if not any(h.start < v.end and v.start < h.end for v in values)]
    superlatives = hits.of("cue:superlative")
    if any(not any(abs(h.start - x.start) < SUPERLATIVE_REACH for x in superlatives) for h in cues):
        return True
    if delivered_sum(s, hits, money, prev_end):
        return True
    items = hits.of("item")
    years = [
        int(m.group(0))
        for m in YEAR.finditer(s, money.end, stop)
        if not any(h.start <= m.start() < h.end for h in items)  # "PzH 2000" is no year
    ]
    return pub_year is not None and any(y < pub_year for y in years)


def delivered_sum(s: str, hits: Hits, money: Money, prev_end: int) -> bool:
    """ "Canada has now provided more than C$4 billion": a sum after a perfect of delivery
    in its clause, with no package or tranche named before it, is what was given so far."""
    lo = max(prev_end, clause(s, money.start, money.end)[0])
    if hits.has("cue:package", lo, money.start):
        return False  # "has delivered a new package worth €500m"
    return hits.has("cue:delivered", lo, money.start)


def sentence_money(ctx: Context, sentence: str, hits: Hits) -> list[Money]:
    anchors = [(h.start, h.end) for h in hits.of("currency")]
    anchors += [m.span() for m in SYMBOL.finditer(sentence)]
    if not anchors:
        return []
    found = find_money(sentence, ctx.language, anchors)
    ctx.sums = found
    if hits.has("cue:ranking"):
        return []  # "the second-largest donor, with €28 billion": a running total
    kept = []
    for i, money in enumerate(found):
        prev_end = found[i - 1].end if i else 0
        next_start = found[i + 1].start if i + 1 < len(found) else len(sentence)
        if is_total(sentence, hits, money, prev_end, next_start, ctx.pub_year):
            news = hits.has("cue:pledge", money.end, next_start)
            if i == 0 and (not news or hits.has("cue:part", money.end, next_start)):
                return []  # "Since 2022 X has given $12bn, of which $7bn ...": all sums
            continue  # "... £3bn a year, and announced a new £500m package": the second is news
        kept.append(money)
    return kept


def kind_of(
    s: str,
    hits: Hits,
    has_money: bool,
    items: list[ExtractedItem],
    item_at: int | None,
    one_donor: bool = True,
) -> str | None:
    if hits.has("cue:financing"):
        return "financing"
    training = hits.first("cue:training")
    if training is not None:
        before = [h for h in hits.of("cue:pledge") if h.start < training.start]
        # "hands over the jets once pilots have been trained": the training is a condition
        if before and clause(s, before[-1].start, before[-1].end)[1] < training.start:
            training = None
    # "train F-16 pilots": training; "sends four Leopards and will train crews": equipment
    by_money = has_money and hits.has("cue:package")
    if training is not None and not by_money and (item_at is None or item_at > training.start):
        return "training"
    if training is not None and not has_money and hits.has("item", 0, training.start):
        # "Polen wird Besatzungen an Leopard-Panzern ausbilden": the verb comes last, and no
        # giving verb before it makes the system a donation ("vier Leopard bereitstellt und
        # Besatzungen ausbilden will" is one)
        trains = hits.of("cue:training")
        givers = [
            v for v in hits.of("cue:pledge")
            if v.start < training.start
            and not any(t.start < v.end and v.start < t.end for t in trains)
        ]  # fmt: skip
        if not givers:
            return "training"
    if hits.has("cue:package"):
        return "package"
    if has_money:
        # "a NASAMS system worth CAD 406 million": one system bought for Ukraine
        return "equipment" if len(items) == 1 and items[0].slug else "package"
    if one_donor and len({i.slug for i in items if i.slug}) > 1:
        return "package"  # several systems at once ("40 Marders and a Patriot battery")
    if items:
        return "equipment"  # one system
    return None


def stage_of(hits: Hits) -> str | None:
    for stage in ("delivered", "committed", "announced"):
        if hits.has(f"cue:{stage}"):
            return stage
    return None


def subject_donors(
    s: str, hits: Hits, donors: list[Mention], until: int | None = None
) -> list[str]:
    """The donors acting in the sentence: for each pledge verb (before ``until``), the donor
    named just before it and the donors coordinated with that one ("A, B and C will train")."""
    verbs = hits.of("cue:pledge") + hits.of("cue:training") + hits.of("cue:package")
    verbs += receiving(hits)  # "Under the German package, Ukraine will receive ..."
    if until is not None:
        verbs = [v for v in verbs if v.start < until]
    # "the package includes ...": a content word names no giver
    parts = hits.of("cue:part")
    verbs = [v for v in verbs if not any(p.start < v.end and v.start < p.end for p in parts)]
    verbs.sort(key=lambda h: h.start)
    chosen: list[Mention] = []
    for verb in verbs:
        before = [d for d in donors if d.end <= verb.start]
        if not before or _far(s[before[-1].end : verb.start], SUBJECT_GAP):
            continue
        group = [before[-1]]
        for prev in reversed(before[:-1]):
            if not coordinated(s[prev.end : group[0].start]):
                break
            group.insert(0, prev)
        chosen.extend(group)
    if not chosen and verbs:
        # "dat Nederland nog eens 12 houwitsers ... aan Oekraïne levert": the verb comes last,
        # its subject opens the clause
        lo = clause(s, verbs[-1].start, verbs[-1].end)[0]
        opening = [d for d in donors if lo <= d.start and d.end <= verbs[-1].start]
        if opening and not _far(s[opening[0].end : verbs[-1].start], FINAL_VERB_GAP):
            chosen = opening[:1]
    if not chosen and verbs:
        chosen = [d for d in donors if d.start >= verbs[0].end][:1]
    return unique([d.code for d in chosen])


def trainers(
    s: str, hits: Hits, donors: list[Mention], subjects: list[str]
) -> tuple[list[str], list[str]]:
    """Who trains, and who gives: "Poland will train crews on the tanks that Germany
    delivered" is Poland's training only; in "... will train pilots, and Norway will send two
    jets" Norway gives the items named after its own verb; a donor whose own clause speaks of
    training ("... and the Dutch provide instructors") trains too."""
    training = hits.first("cue:training")
    own = subject_donors(s, hits, donors, until=training.end) if training else []
    if not own or training is None:
        return subjects, []
    givers: list[str] = []
    late = hits.of("cue:pledge", training.end) + hits.of("cue:training", training.end)
    for verb in sorted(late, key=lambda h: h.start):
        before = [d for d in donors if d.end <= verb.start and d.start >= training.end]
        if not before or _far(s[before[-1].end : verb.start], SUBJECT_GAP):
            continue
        hi = clause(s, verb.start, verb.end)[1]
        code = before[-1].code
        if hits.has("cue:training", verb.start, hi):
            own.append(code)  # "... and the Dutch air force provides instructors"
            continue
        named = any(verb.end <= h.start < hi for h in hits.hits if h.table in ("item", "generic"))
        if named:
            givers.append(code)
    own = unique(own)
    return own, [c for c in unique(givers) if c not in own]


LIST_GAP = re.compile(r"\s*,?\s*|\s*,[^,;:()]*")


def coordinated(gap: str) -> bool:
    """ "Denmark, Norway and the Netherlands", "Belgium, led by the Netherlands": one group;
    "Poland welcomed the US": not."""
    if len(TOKEN.findall(gap)) > COORDINATION_GAP:
        return False
    return bool(LIST_GAP.fullmatch(gap) or chain().fullmatch(gap))


def _far(gap: str, limit: int) -> bool:
    return len(TOKEN.findall(gap)) > limit or any(ch in gap for ch in ";:!?()")


def unique(codes: list[str]) -> list[str]:
    return list(dict.fromkeys(codes))


def nearest_donor(donors: list[Mention], money: Money, sources: list[Mention]) -> str | None:
    """The donor named closest before the sum, passing over sellers ("from the US")."""
    before = [d for d in donors if d.end <= money.start]
    givers = [d for d in before if d not in sources]
    before = givers or before
    if before:
        return before[-1].code
    after = [d for d in donors if d.start >= money.end]
    return after[0].code if after else None


@cache
def clause_break() -> re.Pattern[str]:
    """What ends a clause: punctuation, a comma outside a number ("10,000", "1,5 mld"), and
    a subordinating word of any language ("... after Germany gave approval for the
    re-export" is a clause of its own)."""
    subordinators = lexicon_alternation("clause_subordinators")
    return re.compile(
        r"[;()\[\]—–]|:(?!\w)"  # "EU:s", "EU:n" are genitives
        rf"|(?<!\d),|,(?!\d)|{subordinators}",
        re.IGNORECASE,
    )


YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
PAST_YEAR = re.compile(r"(?<![\w\-–])20\d\d(?![\w\-–])")
FIRST_AID_YEAR = 2014
LEAD_ADVERBIAL = 4
MILITARY = frozenset(
    {"cue:military", "cue:package", "cue:training", "cue:financing", "item", "generic"}
)
LEDE = 3
CARRY_DATE = 4
DATE_HINTS = frozenset({"month", "weekday", "relative"})
LEDE_DAYS = 10


def clause(s: str, lo: int, hi: int) -> tuple[int, int]:
    """The comma-delimited clause around s[lo:hi]."""
    breaks = clause_breaks(s)
    i = bisect_left(breaks, lo)
    start = breaks[i - 1] + 1 if i else 0
    j = bisect_left(breaks, hi)
    return start, breaks[j] if j < len(breaks) else len(s)


@lru_cache(maxsize=4096)
def clause_breaks(s: str) -> list[int]:
    return [m.start() for m in clause_break().finditer(s)]


def analyse(ctx: Context, index: int, span: Sentence, hits: Hits) -> None:
    s = ctx.text[span.start : span.end]
    for r in find_recipients(hits):
        ctx.recipients[r.code] = ctx.recipients.get(r.code, 0) + 1
        ctx.recipient_at.append((span.start + r.start, r.code))
    verb = main_verb(s, hits)
    dated = index in ctx.eves or (index in ctx.dates and "month" in hits.tables)
    # "... will finance the purchase of a NASAMS. The cost of the purchase will be CAD 406m":
    # the value of the unvalued pledge just announced, not a price quoted in passing
    cost_ref = cost_reference(ctx, index, hits)
    excused = hits.of("cue:value") if cost_ref else []
    shifted = False
    if verb is not None and blocked(s, hits, verb, dated, excused):
        verb, shifted = later_verb(s, hits, verb, dated, excused), True
        if verb is None:
            return
    if hits.has("cue:not_new") or legislative(s, hits, verb) or recalled(hits, verb):
        return  # "not a new commitment"; bills before a parliament are not pledges yet
    if verb is None and hits.has("cue:later"):
        return
    close = index - ctx.last_sentence <= NEAR + 1
    if verb is None and not close:
        return
    donors = [d for d in find_donors(s, ctx.language, hits) if d.code not in NOT_DONORS]
    donors = [d for d in donors if not maker(s, hits, d)]
    donors = without_organisers(s, hits, donors)
    if hits.has("cue:purchase"):
        # "Poland is buying 250 Abrams from the US": the seller is no donor
        sellers = {d.start for d in source_mentions(s, ctx.language, donors)}
        donors = [d for d in donors if d.start not in sellers]
        if len({d.code for d in donors}) > 1 and not hits.has("recipient"):
            return  # "Poland signed with the US government a deal to buy 96 Apache": its own
    # "Berlin signed a contract with Rheinmetall ..., first deliveries in summer";
    # "Scholz refuses, although Britain and France have supplied theirs": background
    kept = [
        d for d in donors
        if not negative_clause(s, hits, d.start, d.end, dated) and not contrasted(s, hits, d)
    ]  # fmt: skip
    if donors and not kept:
        return
    # "Germany will send 14 Leopard 2, following Britain, which pledged 14 Challenger 2":
    # the items after a donor left out are that donor's
    after = [d.start for d in donors if d not in kept and verb is not None and d.start > verb.end]
    until = clause(s, min(after), min(after))[0] if after else None
    donors = kept
    near = index - ctx.last_sentence <= NEAR and span.paragraph - ctx.last_paragraph <= 1
    near = near or (ctx.last_sentence >= 0 and hits.has("cue:package") and not donors)
    if verb is None and (donors or not near):
        return
    cost_back = cost_ref and not donors
    money = [
        m
        for m in sentence_money(ctx, s, hits)
        if not negative_money(s, hits, m, excused if cost_back else [])
    ]
    follows = near and bool(ctx.last_donors) and {d.code for d in donors} <= set(ctx.last_donors)
    if money and not military(hits) and not follows:
        money = []  # "200 million euros for environmental projects"
    sums = [(m.start, m.end) for m in ctx.sums] if money else []
    # "Britain, which has already delivered 14 Challenger 2, will now send ...": not those
    since = clause(s, verb.start, verb.end)[0] if shifted and verb is not None else 0
    items = extract_items(s, ctx.language, hits, ctx.tables, sums, since, until)
    one_donor = len({d.code for d in donors}) <= 1
    kind = kind_of(s, hits, bool(money), items, first_item(hits), one_donor)
    # "will train crews on the tanks Germany delivered": the delivery is the tanks' past
    delivered = kind != "training" and not shifted
    delivered = delivered and (delivered_only(hits) or promised_earlier(s, hits, ctx.language))
    if not money and verb is not None and (cumulative(s, hits, verb) or delivered):
        return
    if not money and (stale(ctx.dates.get(index), ctx.published) or past_year(s, hits, verb, ctx)):
        return  # "In 2023 Finland sent Leopard 2R": background, not this article's news
    if recap(ctx, index, s, hits, verb, bool(money), kind):
        return  # "the agreement signed in May, by which Spain committed €1bn": told before
    if kind is None or not (money or items or kind == "training" or promised_funds(kind, hits)):
        if donors and verb is not None and not money:
            announced(ctx, index, span, subject_donors(s, hits, donors))
            if hits.has("cue:package") and ctx.last_sentence == index:
                ctx.announced_package = index
        return
    if cost_back and money:
        kind = ctx.candidates[-1].kind  # the value of that pledge: same kind
    continuation = not donors
    # "Lithuania will hand over a new package. It will include ten M577 ...": the contents
    # of a package just announced are that donor's pledge, not a detail of an earlier one
    contents = continuation and ctx.announced_package == ctx.last_sentence
    contents = contents and kind in IN_KIND and bool(items)
    if continuation:
        valued = verb is not None or hits.has("cue:value")  # "The system is worth $40m"
        if not near or not ctx.last_donors or (money and not valued):
            return
        if hits.has("cue:purchase") and not hits.has("recipient") and not cost_back:
            return  # "the government approved the purchase of 44 Leopard 2A8": for itself
        if not cost_back and priced(s, hits):
            return  # "A single PzH 2000 costs about €17m": a price, not the pledge's contents
        if money and ctx.last_valued:
            money = []  # a sub-amount of the pledge just stated
            if not items:
                return
        codes_for_money: dict[int, str | None] = {id(m): ctx.last_donors[-1] for m in money}
        subjects = ctx.last_donors[-1:] if money else ctx.last_donors
    else:
        sources = source_mentions(s, ctx.language, donors)
        codes_for_money = {id(m): nearest_donor(donors, m, sources) for m in money}
        subjects = subject_donors(s, hits, donors)
        if sources and receiving(hits) and not hits.has("cue:purchase"):
            # "Ukraine will receive 14 tanks from Poland": the source gives
            codes_for_money = {id(m): sources[0].code for m in money}
            subjects = [sources[0].code]
        if money and hits.has("cue:each"):
            codes_for_money = {}
    date = ctx.dates.get(index)
    recent = [i for i in range(max(0, index - CARRY_DATE), index) if carried(ctx, i)]
    fallback = str(ctx.dates[recent[-1]]) if recent else ctx.default_date
    if date is None and index + 1 in ctx.attributions:
        date = ctx.dates[index + 1]  # "... 400 million euros. The decision was made on Thursday."
    base = Candidate(
        donor="",
        sentence=index,
        start=span.start,
        end=span.end,
        kind=kind,
        items=items,
        date=str(date) if date else fallback,
        explicit_date=date is not None,
        stage=stage_of(hits),
        continuation=continuation and not contents,
        separate=any(i in ctx.separate for i in range(index, index + SEPARATE_REACH + 1)),
    )
    made: list[Candidate] = []
    if money:
        seen: set[str] = set()
        for i, m in enumerate(money):
            targets = [codes_for_money[id(m)]] if id(m) in codes_for_money else subjects
            part = i and hits.has("cue:part", money[i - 1].end, m.start)
            for code in targets:
                if code is None or (code in seen and part):
                    continue
                seen.add(code)
                currency = resolve_currency(m.currency, code, ctx.language)
                own = base
                if not one_donor and kind in IN_KIND and len(money) > 1:
                    # "the US a package worth $250m and Germany twelve howitzers for €150m"
                    lo = money[i - 1].end if i else 0
                    own = copy_candidate(base, kind=segment_kind(hits, lo, m.end, kind))
                made.append(
                    copy_candidate(
                        own,
                        donor=code,
                        amount=m.amount,
                        currency=currency,
                        recipient=money_recipient(hits, money, i),
                    )
                )
        made += gapped_equipment(hits, donors, money, made, base)
    else:
        givers: list[str] = []
        if kind == "training" and not continuation:
            subjects, givers = trainers(s, hits, donors, subjects)
            # "train crews on the tanks Germany delivered": the tanks are not the trainer's
            item_at = first_item(hits)
            gave = {d.code for d in donors if item_at is not None and d.start > item_at}
            if gave - set(subjects) - set(givers):
                items = []
        made = [copy_candidate(base, donor=code) for code in subjects]
        made += [copy_candidate(base, donor=code, kind="equipment") for code in givers]
    for c in made:
        c.confidence = confidence(c)
        c.items = list(items)
    ctx.candidates.extend(made)
    if made:
        ctx.last_donors = unique([c.donor for c in made])
        ctx.last_valued = any(c.amount is not None for c in made) or (
            continuation and ctx.last_valued
        )
        ctx.last_sentence = index
        ctx.last_paragraph = span.paragraph


def gapped_equipment(
    hits: Hits, donors: list[Mention], money: list[Money], made: list[Candidate], base: Candidate
) -> list[Candidate]:
    """ "US adds $250 million, Germany twelve howitzers": a later donor with its own weapons
    and no sum shares the verb of the valued pledge before it."""
    have = {c.donor for c in made}
    out: list[Candidate] = []
    for i, d in enumerate(donors):
        if d.code in have or d.start < money[-1].end:
            continue
        hi = donors[i + 1].start if i + 1 < len(donors) else None
        if hits.has("item", d.end, hi) or hits.has("generic", d.end, hi):
            out.append(copy_candidate(base, donor=d.code, kind="equipment"))
            have.add(d.code)
    return out


def segment_kind(hits: Hits, lo: int, hi: int, kind: str) -> str:
    """The kind of one donor's share in a gapped sentence, from its own words."""
    if hits.has("cue:package", lo, hi):
        return "package"
    return "equipment" if hits.has("item", lo, hi) or hits.has("generic", lo, hi) else kind


def cost_reference(ctx: Context, index: int, hits: Hits) -> bool:
    """A donorless sentence giving the cost of the purchase (or financed deal) just pledged."""
    last = ctx.candidates[-1] if ctx.candidates else None
    if last is None or last.amount is not None or index - last.sentence > NEAR:
        return False
    if not hits.has("cue:value"):
        return False
    return hits.has("cue:purchase") or last.kind == "financing"


UNVALUED_KINDS = frozenset({"training", "financing"})


def promised_funds(kind: str, hits: Hits) -> bool:
    """ "Denmark promised a financial contribution": a financing pledge with no sum yet."""
    if kind != "financing" or not (hits.has("cue:announced") or hits.has("cue:committed")):
        return False
    return bool({"cue:military", "item", "generic"} & hits.tables)  # not a loan for gas


def announced(ctx: Context, index: int, span: Sentence, subjects: list[str]) -> None:
    """ "Germany announced a new package": its value may follow in the next sentence."""
    if subjects:
        ctx.last_donors = subjects
        ctx.last_valued = False
        ctx.last_sentence = index
        ctx.last_paragraph = span.paragraph


# "cue:receive" counts only with a recipient as its subject (receiving)
VERB_TABLES = frozenset(
    {"cue:pledge", "cue:package", "cue:training", "cue:financing", "cue:receive"}
)
RECEIVER_GAP = 12


def receiving(hits: Hits) -> list[Hit]:
    """Receiving verbs whose subject is a recipient: "Ukraine will receive", "Україна отримає",
    "Ukraina får" (not Swedish "får" as "may")."""
    found = hits.of("cue:receive")
    if not found:
        return []
    named = hits.of("recipient")
    return [v for v in found if any(0 <= v.start - r.end <= RECEIVER_GAP for r in named)]


def main_verb(s: str, hits: Hits) -> Hit | None:
    """The pledge word that governs the sentence's sum, else its first pledge word."""
    if VERB_TABLES.isdisjoint(hits.tables):
        return None  # most sentences: no need to read the hits one by one
    verbs = [
        h for h in hits.hits
        if h.table in ("cue:pledge", "cue:package", "cue:training", "cue:financing")
    ]  # fmt: skip
    verbs = sorted(verbs + receiving(hits), key=lambda h: h.start)
    if not verbs:
        return None
    figure = next((h for h in hits.hits if h.table == "currency"), None)
    figure = figure or next((h for h in hits.hits if h.table in ("item", "generic")), None)
    if figure is None:
        return verbs[0]
    before = [v for v in verbs if v.start < figure.start]
    return before[-1] if before else verbs[0]


FIGURES = frozenset({"currency", "item", "generic"})


def later_verb(s: str, hits: Hits, verb: Hit, dated: bool, excused: list[Hit] | None) -> Hit | None:
    """ "Britain, which has already delivered 14 Challenger 2, will now also send 20 AS-90":
    the blocked verb sits in a clause of its own; a later pledge verb with its own figure
    after it, in a clause that is not blocked, governs the sentence."""
    hi = clause(s, verb.start, verb.end)[1]
    for v in hits.of("cue:pledge", hi):
        lo2, hi2 = clause(s, v.start, v.end)
        if lo2 < hi or blocked(s, hits, v, dated, excused):
            continue
        if any(v.end <= h.start and h.end <= hi2 for h in hits.hits if h.table in FIGURES):
            return v
    return None


def blocked(
    s: str, hits: Hits, verb: Hit, dated: bool = False, excused: list[Hit] | None = None
) -> bool:
    """Negated, requested, debated, earlier or later aid: the verb's clause says so.

    A negation counts near the verb ("has not yet decided to send"), not anywhere in a long
    clause ("dropped its line of not sending arms and decided to deliver ..."); "already"
    does not count when the sentence dates the pledge ("already on 14 January ...").
    """
    lo, hi = clause(s, verb.start, verb.end)
    if hits.has("cue:later", lo, hi) or unexcused(hits.of("cue:negative", lo, hi), excused):
        return True
    near_lo, near_hi = max(lo, verb.start - NEGATION_REACH), min(hi, verb.end + NEGATION_REACH)
    if hits.has("cue:negation", near_lo, near_hi):
        return True
    donors = [h.start for h in hits.of("donor", lo, hi)]
    if any(hits.has("cue:negation", max(lo, d - 12), d) for d in donors):
        return True  # "neither Denmark nor the Netherlands has promised ..."
    if not dated and hits.has("cue:already", near_lo, near_hi):
        return True
    if lo > 1 and not hits.has("donor", lo, hi):
        # "Norge har endnu ikke sagt, hvor mange fly det vil afgive": the giver's own clause,
        # just before, is negated
        prev = clause(s, lo - 1, lo - 1)
        if hits.has("donor", *prev) and hits.has("cue:negation", *prev):
            return True
    later = hits.first("cue:later")
    return later is not None and later.start < verb.start


def recalled(hits: Hits, verb: Hit | None) -> bool:
    """ "The minister recalled that in July Warsaw committed to ...": a reminder of earlier
    aid introduces the pledge verb, which is not this article's news."""
    first = hits.first("cue:recalled")
    return first is not None and (verb is None or first.start < verb.start)


def legislative(s: str, hits: Hits, verb: Hit | None) -> bool:
    """A parliament named before or beside the pledge verb ("the House passed $61 billion",
    "after Congress voted ..., the package"), not in a clause after it ("Biden authorised
    $345 million, the first use of the authority Congress created")."""
    if not hits.has("cue:legislature"):
        return False
    return verb is None or hits.has("cue:legislature", 0, clause(s, verb.start, verb.end)[1])


def contrasted(s: str, hits: Hits, donor: Mention) -> bool:
    """A donor in a clause opened by "although", "unlike", "obwohl", "aunque" ..."""
    lo = clause(s, donor.start, donor.end)[0]
    return any(lo <= h.start < donor.start for h in hits.of("cue:contrast"))


def negative_clause(s: str, hits: Hits, lo: int, hi: int, dated: bool = True) -> bool:
    """The clause around s[lo:hi] refuses, budgets, contracts ... or, unless the sentence
    dates it, tells of earlier aid ("the F-16s delivered last year")."""
    span = clause(s, lo, hi)
    return hits.has("cue:negative", *span) or (not dated and hits.has("cue:already", *span))


def military(hits: Hits) -> bool:
    """Money in a sentence about arms, defence or Ukraine (not any sum a donor spends)."""
    tables = hits.tables
    if MILITARY & tables:
        return True
    return any(h.table == "recipient" and h.value == "UA" for h in hits.hits)


def delivered_only(hits: Hits) -> bool:
    """ "Poland handed over the first four Leopards": a delivery of an earlier pledge."""
    verbs = hits.of("cue:pledge")
    done = hits.of("cue:delivered")
    if not verbs or not done:
        return False
    item = first_item(hits)
    # "the first four of the 14 Leopards promised in January": the promise is the items' past
    if any(item is None or a.start < item for a in hits.of("cue:announced")):
        return False
    verbs = [v for v in verbs if item is None or v.start < item]
    return all(any(d.start < v.end and v.start < d.end for d in done) for v in verbs)


EARLIER = frozenset({"month", "weekday", "cue:already", "cue:delivered"})


def promised_earlier(s: str, hits: Hits, language: str) -> bool:
    """ "The 31 Abrams the US pledged in January will arrive in autumn", "i sistemi promessi
    dall'Italia": the only promise describes the items, known already (a time, a delivery
    or a definite article before them), so no new pledge; "Forty SCALP missiles more, Macron
    announces" is one."""
    item = first_item(hits)
    verbs = hits.of("cue:pledge")
    if item is None or not verbs or any(v.start < item for v in verbs):
        return False
    promises = hits.of("cue:announced")
    first = verbs[0]
    if not any(a.start < first.end and first.start < a.end for a in promises):
        return False
    return bool(EARLIER & hits.tables) or definite_regex(language).search(s, 0, item) is not None


@cache
def definite_regex(language: str) -> re.Pattern[str]:
    """A definite article or demonstrative at most two words before the first item, at the
    start of a clause: "The 31 Abrams", "I cinque sistemi", "Die 18 Leopard"."""
    words = lexicon_alternation("definite_articles", language)
    return re.compile(rf"(?:^|[,;:—–(]\s*)(?:{words})\s+(?:[^\W_]+[\s\-]+){{0,2}}$", re.I)


def cumulative(s: str, hits: Hits, verb: Hit) -> bool:
    """ "X has sent ... since 2022" / "so far": past deliveries, not a pledge."""
    lo, hi = clause(s, verb.start, verb.end)
    return hits.has("cue:total_post", lo, hi) or hits.has("cue:total_pre", lo, hi)


STALE_DAYS = 92


RECAP_DAYS = 45
SINCE_REACH = 24  # "since February 2022", "depuis le début de l'année 2022"


def stale(date: PartialDate | None, published: str | None, days: int = STALE_DAYS) -> bool:
    """A sentence dated well before the article's publication tells of earlier aid."""
    pub = parse_partial(published)
    if date is None or pub is None:
        return False
    if date.month is None or pub.month is None:
        return date.year < pub.year
    months = (pub.year - date.year) * 12 + pub.month - date.month
    return months * 30 > days


def priced(s: str, hits: Hits) -> bool:
    """The clause naming the first item prices it, budgets it ... (a negative cue)."""
    at = first_item(hits)
    return at is not None and hits.has("cue:negative", *clause(s, at, at + 1))


def carried(ctx: Context, index: int) -> bool:
    """A date an earlier sentence states that later undated pledges may take: not one
    months before publication ("announced in June 2024" recalled in a 2025 article)."""
    date = ctx.dates.get(index)
    return date is not None and not stale(date, ctx.published, RECAP_DAYS)


def recap(
    ctx: Context, index: int, s: str, hits: Hits, verb: Hit | None, money: bool, kind: str | None
) -> bool:
    """Earlier aid recalled in passing: a sentence dated by its own words (not by a date
    carried from the sentences before) months before publication: a sum dated so, or a
    bare month name ("signed in May", "în luna septembrie") of an undated sentence (not
    of training: "will train crews on the tanks Germany delivered in January")."""
    date = ctx.dates.get(index)
    if date is None and kind != "training" and month_recalled(ctx, s, hits):
        return True
    if not money:
        return False  # stale dates and past years of unvalued aid: checked before
    return stale(date, ctx.published, RECAP_DAYS) or past_year(s, hits, verb, ctx, True)


RECALLED_MONTHS = range(2, 6)
PAST_MONTHS = range(6, 10)
PAST_CUES = frozenset({"cue:delivered", "cue:already"})
MONTH_CHARS = 4
YEAR_AFTER = re.compile(r"\W{0,3}(?:19|20)\d\d(?!\d)")


def month_recalled(ctx: Context, s: str, hits: Hits) -> bool:
    """A month name two to five months before the publication month: a bare month is the
    recent past ("in May", published in October); a future delivery month would lie ahead
    of publication ("in December"). Six to nine months back, it could be next year's, so
    only with a past-tense cue ("In April Britain delivered ...", "had promised")."""
    pub = parse_partial(ctx.published)
    if pub is None or pub.month is None:
        return False
    since = [h.end for h in hits.of("cue:since")]
    for h in hits.of("month"):
        if h.end - h.start < MONTH_CHARS or YEAR_AFTER.match(s, h.end):
            continue  # "May" is also a verb; "February 2022" is no bare month
        if any(0 <= h.start - end <= SINCE_REACH for end in since):
            continue  # "since February": a running total's start, told elsewhere
        month = month_number(ctx.language, s[h.start : h.end])
        back = (pub.month - month) % 12 if month is not None else 0
        if back in RECALLED_MONTHS or (back in PAST_MONTHS and PAST_CUES & hits.tables):
            return True
    return False


def past_year(s: str, hits: Hits, verb: Hit | None, ctx: Context, skip_since: bool = False) -> bool:
    """A year before publication in the verb's clause or the sentence's lead clause;
    with ``skip_since``, not one that ends a "since" phrase ("brings the total to $40bn
    since February 2022": the new package beside it stays)."""
    if verb is None or ctx.pub_year is None:
        return False
    since = [h.end for h in hits.of("cue:since")] if skip_since else []
    lo, hi = clause(s, verb.start, verb.end)
    lead_end = clause(s, 0, 0)[1]
    if len(TOKEN.findall(s[:lead_end])) > LEAD_ADVERBIAL:
        lead_end = 0  # "In 2023," leads the sentence; "Ukraine received ... in 2023," does not
    for m in PAST_YEAR.finditer(s, 0, hi):
        if not FIRST_AID_YEAR <= int(m.group(0)) < ctx.pub_year:
            continue  # "Mirage 2000-5" is a model, not a year
        if any(h.start <= m.start() < h.end for h in hits.of("item")):
            continue
        if any(0 <= m.start() - end <= SINCE_REACH for end in since):
            continue
        if m.start() >= lo or m.end() <= lead_end:
            return True
    return False


ITEM_TABLES = frozenset({"item", "generic"})


def first_item(hits: Hits) -> int | None:
    if ITEM_TABLES.isdisjoint(hits.tables):
        return None
    found = [h.start for h in hits.hits if h.table in ("item", "generic")]
    return min(found) if found else None


def without_organisers(s: str, hits: Hits, donors: list[Mention]) -> list[Mention]:
    """ "Portugal joins the Czech initiative with €100m": beside another donor, the country
    leading a joint effort gives nothing in this sentence."""
    if len({d.code for d in donors}) < 2:
        return donors
    kept = [d for d in donors if not organiser(s, hits, d)]
    return kept if kept else donors


def maker(s: str, hits: Hits, donor: Mention) -> bool:
    """ "American Abrams", "amerykańskim Abramsom": a maker's adjective, not a donor."""
    items = [h for h in hits.of("item") if 0 <= h.start - donor.end <= 2]
    return bool(items) and s[donor.start : donor.start + 1].islower()


def negative_money(s: str, hits: Hits, money: Money, excused: list[Hit] | None = None) -> bool:
    """A sum in a clause with a negative cue; ``excused`` cues ("the cost") do not count."""
    lo, hi = clause(s, money.start, money.end)
    return unexcused(hits.of("cue:negative", lo, hi), excused)


def unexcused(found: list[Hit], excused: list[Hit] | None) -> bool:
    """Any of ``found`` that does not overlap an ``excused`` hit."""
    return any(not any(h.start < x.end and x.start < h.end for x in excused or []) for h in found)


def lede_date(ctx: Context, spans: list[Sentence], hits: list[Hits]) -> str | None:
    """The event date the first sentences give ("on Tuesday"), else the publication date."""
    pub = parse_partial(ctx.published)
    pub_day = pub.as_date() if pub else None
    for span, found_hits in zip(spans[:LEDE], hits, strict=False):
        sentence = ctx.text[span.start : span.end]
        found = sentence_date(sentence, ctx.language, ctx.published, found_hits.tables)
        day = found.as_date() if found else None
        if day is None:
            continue
        if pub_day is None or 0 <= (pub_day - day).days <= LEDE_DAYS:
            return str(found)
    return ctx.published


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
    if c.amount is not None and (p.amount is None or precision(c.amount) > precision(p.amount)):
        p.amount, p.currency = c.amount, c.currency
        p.kind = c.kind if p.kind == "equipment" or p.amount is None else p.kind
    if not p.explicit_date and c.explicit_date:
        p.date, p.explicit_date = c.date, True
    p.stage = p.stage or c.stage
    for item in c.items:
        if not any(i.name == item.name and i.quantity == item.quantity for i in p.items):
            if item.quantity is not None:
                p.items = [i for i in p.items if not (i.name == item.name and i.quantity is None)]
            p.items.append(item)
    p.confidence = max(p.confidence, c.confidence)


def same_amount(a: Decimal, b: Decimal) -> bool:
    """Equal, or a rounded figure of the other ("nearly €1 billion" and "€977 million")."""
    return a == b or abs(a - b) <= APPROX * max(a, b)


def precision(amount: Decimal) -> int:
    return len(amount.normalize().as_tuple().digits)


def find_target(pledges: list[Candidate], c: Candidate) -> Candidate | None:
    """The earlier pledge a candidate completes or repeats, if any."""
    for p in reversed(pledges):
        if p.donor != c.donor:
            continue
        near = c.sentence - p.sentence <= NEAR
        if c.amount is not None and p.amount is not None:
            if c.currency == p.currency and same_amount(p.amount, c.amount):
                return p
            continue
        if own_equipment(c) and p.amount is not None:
            continue  # a separate unvalued equipment pledge beside the donor's valued one
        if c.amount is None and compatible(p.kind, c.kind):
            return p
        if near and compatible(p.kind, c.kind):
            return p
    return None


def own_equipment(c: Candidate) -> bool:
    return c.separate and c.amount is None and c.kind == "equipment" and bool(c.items)


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
    kept = [p for p in pledges if p.amount is not None or p.items or p.kind in UNVALUED_KINDS]
    # The alliance as a whole gives money or training; its members give equipment.
    kept = [p for p in kept if p.donor != "NATO" or p.amount is not None or p.kind == "training"]
    return absorb_unvalued(kept)


def absorb_unvalued(pledges: list[Candidate]) -> list[Candidate]:
    """A donor's unvalued package/equipment mention joins its valued pledge of the article."""
    out: list[Candidate] = []
    for p in pledges:
        if p.amount is None and p.kind in IN_KIND and not own_equipment(p):
            valued = [q for q in pledges if q.donor == p.donor and q.amount is not None]
            valued = [q for q in valued if q.kind in IN_KIND] or valued
            if valued:
                target = min(valued, key=lambda q: abs(q.sentence - p.sentence))
                merge_into(target, copy_candidate(p, sentence=target.sentence + 99))
                continue
        out.append(p)
    return out


def recipient_of(counts: dict[str, int]) -> str:
    if not counts or "UA" in counts:
        return "UA"
    return max(counts, key=lambda k: counts[k])


RECIPIENT_REACH = 30


def money_recipient(hits: Hits, money: list[Money], i: int) -> str | None:
    """The recipient named right by one of several sums: "€500 million for Ukraine and
    €50 million for Moldova"."""
    if len(money) < 2:
        return None
    lo = money[i - 1].end if i else 0
    hi = money[i + 1].start if i + 1 < len(money) else None
    m = money[i]
    near = [
        (min(abs(h.start - m.end), abs(m.start - h.end)), h.value)
        for h in hits.of("recipient", lo, hi)
    ]
    near = [x for x in near if x[0] <= RECIPIENT_REACH]
    return min(near)[1] if near else None


def own_recipient(ctx: Context, p: Candidate, article: str) -> str:
    """The one recipient the pledge's own sentences name ("$345 million ... to Taiwan" in
    an article that also mentions Ukraine), else the article's."""
    if p.recipient:
        return p.recipient
    named = unique([code for at, code in ctx.recipient_at if p.start <= at < p.end])
    return named[0] if len(named) == 1 else article


def extract_pledges(
    text: str, language: str, published: str | None, catalogue: str | None = None
) -> tuple[ExtractedPledge, ...]:
    ctx = Context(text, language, published, tables_for(language, catalogue))
    pub = parse_partial(published)
    ctx.pub_year = pub.year if pub else None
    spans = split_sentences(text)
    hits = ctx.tables.find_per_sentence(text, [(span.start, span.end) for span in spans])
    ctx.default_date = lede_date(ctx, spans, hits)
    numeric = NUMERIC_DATE.search(text) is not None  # none in the text: none in a sentence
    for index, (span, found) in enumerate(zip(spans, hits, strict=True)):
        if DATE_HINTS & found.tables or (
            numeric and NUMERIC_DATE.search(text, span.start, span.end)
        ):
            date = sentence_date(text[span.start : span.end], language, published, found.tables)
            if date is not None:
                ctx.dates[index] = date
    for index, span in enumerate(spans):
        eve = eve_date(text[span.start : span.end], language, ctx.default_date)
        if eve is not None and index not in ctx.dates:
            ctx.dates[index] = eve
            ctx.eves.add(index)
    ctx.attributions = {
        i for i, (span, found) in enumerate(zip(spans, hits, strict=True))
        if i in ctx.dates and i and spans[i - 1].paragraph == span.paragraph
        and not ({"currency", "item", "generic"} & found.tables)
    }  # fmt: skip
    ctx.separate = {
        i for i, found in enumerate(hits)
        if found.has("cue:separate") and not found.has("cue:part")
    }  # fmt: skip
    for index, span in enumerate(spans):
        analyse(ctx, index, span, hits[index])
    recipient = recipient_of(ctx.recipients)
    return tuple(
        ExtractedPledge(
            donor=p.donor,
            recipient=own_recipient(ctx, p, recipient),
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
