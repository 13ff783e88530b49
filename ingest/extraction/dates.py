# ruff: noqa: RUF001 - multilingual patterns use look-alike letters on purpose
"""Publication-date lines, explicit dates and relative dates resolved against publication."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from .lexicon import alternation, compile_phrases, load_raw, normalise

DATE_LINE = re.compile(
    r"\A[\ufeff\s]*date\s*:?\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?!\d)[ \t]*\r?\n?",
    re.IGNORECASE,
)
ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
BABEL_LOCALE = {"no": "nb"}
DIGIT = re.compile(r"\d")
# "16.6.2023" or "2023-06-16"; the leading digit is written once so that the pattern opens
# with a character class and the regex engine skips straight to digits.
NUMERIC_DATE = re.compile(r"\d(?:\.\s?[01]?\d\.\s?\d{4}|\d{3}-\d\d-\d\d)")
FUTURE_SLACK = dt.timedelta(days=45)


@dataclass(frozen=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def as_date(self) -> dt.date | None:
        if self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)


def make_date(year: int, month: int | None = None, day: int | None = None) -> PartialDate | None:
    try:
        if month is not None:
            dt.date(year, month, day or 1)
    except ValueError:
        return None
    if not 1900 <= year <= 2100:
        return None
    return PartialDate(year, month, day)


def parse_partial(text: str | None) -> PartialDate | None:
    """ "2023", "2023-06" or "2023-06-16" to a PartialDate (None when invalid)."""
    if not text:
        return None
    m = ISO.fullmatch(text.strip())
    if not m:
        return None
    y, mo, d = m.groups()
    return make_date(int(y), int(mo) if mo else None, int(d) if d else None)


def parse_date_line(text: str) -> tuple[str | None, str]:
    """Strip a leading ``date 2023-06`` / ``date: 2023-06-16`` line; return (date, rest)."""
    m = DATE_LINE.match(text)
    if not m:
        return None, text
    y, mo, d = m.groups()
    date = make_date(int(y), int(mo) if mo else None, int(d) if d else None)
    if date is None:
        return None, text
    return str(date), text[m.end() :].lstrip(" \t")


@dataclass(frozen=True)
class DateGrammar:
    explicit: re.Pattern[str]
    months: dict[str, int]
    weekdays: re.Pattern[str] | None
    weekday_of: dict[str, int]
    relative: re.Pattern[str] | None
    relative_of: dict[str, int]
    since: re.Pattern[str] | None


def _babel_names(language: str) -> tuple[list[list[str]], list[list[str]]]:
    months: list[list[str]] = [[] for _ in range(12)]
    days: list[list[str]] = [[] for _ in range(7)]
    try:
        from babel import Locale

        loc = Locale.parse(BABEL_LOCALE.get(language, language))
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for i, name in loc.months[context][width].items():
                    months[i - 1].append(name)
                for i, name in loc.days[context]["wide"].items():
                    days[i].append(name)
    except Exception:
        pass
    return months, days


def stem_weekday(name: str) -> str:
    """ "fredag" also reads "fredagens", "fredagen"; short names stay exact."""
    return name if len(name) < 5 or name.endswith("*") else name + "*"


@cache
def date_words(language: str) -> dict[str, list[str]]:
    """Month, weekday and relative-day words, for the phrase matcher's quick checks."""
    lang = load_raw(language)
    months, days = _babel_names(language)
    for i, extra in enumerate(lang.get("months", [])):
        months[i].extend(extra)
    for i, extra in enumerate(lang.get("weekdays", [])):
        days[i].extend(extra)
    return {
        "month": [n.rstrip(".") for names in months for n in names],
        "weekday": [stem_weekday(n) for names in days for n in names],
        "relative": list(lang.get("relative_days", {})),
    }


@cache
def eve_grammar(language: str) -> tuple[re.Pattern[str] | None, dict[str, int]]:
    """ "the day before", "dagen innan", "напередодні": days from the article's event."""
    eve = load_raw(language).get("eve_days", {})
    of = {normalise(k.rstrip("*")): int(v) for k, v in eve.items()}
    return (compile_phrases(list(eve)) if eve else None), of


def eve_date(sentence: str, language: str, event: str | None) -> PartialDate | None:
    """The date an "eve" phrase gives, counted from the event date of the lede."""
    rx, of = eve_grammar(language)
    day = parse_partial(event)
    when = day.as_date() if day else None
    if rx is None or when is None:
        return None
    for m in rx.finditer(sentence):
        delta = _lookup(of, m.group(0))
        if delta is not None:
            d = when + dt.timedelta(days=delta)
            return PartialDate(d.year, d.month, d.day)
    return None


@cache
def grammar(language: str) -> DateGrammar:
    lang = load_raw(language)
    months, days = _babel_names(language)
    for i, extra in enumerate(lang.get("months", [])):
        months[i].extend(extra)
    for i, extra in enumerate(lang.get("weekdays", [])):
        days[i].extend(extra)
    month_of = {normalise(n.rstrip("*")): i + 1 for i, names in enumerate(months) for n in names}
    month_alt = alternation([n for names in months for n in names])
    day = r"(?P<d>[0-3]?\d)(?:\.|er|st|nd|rd|th|º|ª|-?(?:го|е|а))?"
    of = r"(?:\s+(?:de|del|di|of)\s+|\s+|\s*,\s*)"
    # "June 13, 2023" only where the language writes the month first: in German "im April
    # 20 Marder" is a month and a count, not 20 April
    month_first = (
        rf"|(?P<m2>{month_alt})\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<y2>(?:19|20)\d\d))?"
        if lang.get("month_day_order")
        else ""
    )
    explicit = re.compile(
        rf"(?<!\d){day}(?:\s*(?:-|–|et|and|und|y|e|i|a|и|та|og|och|ja)\s*\d{{1,2}}\.?)?\s*"
        rf"(?:de\s+)?(?P<m>{month_alt})(?:{of}(?P<y>(?:19|20)\d\d)(?!\d))?"
        + month_first
        + rf"|(?P<m3>{month_alt}){of}(?P<y3>(?:19|20)\d\d)(?!\d)"
        r"|(?<![\d.])(?P<d4>[0-3]?\d)\.(?P<mo4>[01]?\d)\.(?P<y4>(?:19|20)\d\d)(?!\d)"
        r"|(?<!\d)(?P<y5>(?:19|20)\d\d)-(?P<mo5>[01]\d)-(?P<d5>[0-3]\d)(?!\d)",
        re.IGNORECASE,
    )
    weekday_of = {normalise(n.rstrip("*")): i for i, names in enumerate(days) for n in names}
    rel = lang.get("relative_days", {})
    return DateGrammar(
        explicit=explicit,
        months=month_of,
        weekdays=compile_phrases([stem_weekday(n) for names in days for n in names]),
        weekday_of=weekday_of,
        relative=compile_phrases(list(rel)),
        relative_of={normalise(k.rstrip("*")): int(v) for k, v in rel.items()},
        since=compile_phrases(list(lang.get("cues", {}).get("since", []))),
    )


def _lookup(table: dict[str, int], text: str) -> int | None:
    key = normalise(text)
    if key in table:
        return table[key]
    best = None
    for name, value in table.items():
        if name and key.startswith(name) and (best is None or len(name) > best[0]):
            best = (len(name), value)
    return best[1] if best else None


def _explicit(m: re.Match[str], g: DateGrammar, pub: PartialDate | None) -> PartialDate | None:
    if m.group("y5"):
        return make_date(int(m.group("y5")), int(m.group("mo5")), int(m.group("d5")))
    if m.group("y4"):
        return make_date(int(m.group("y4")), int(m.group("mo4")), int(m.group("d4")))
    if m.group("m3"):
        month = _lookup(g.months, m.group("m3"))
        return make_date(int(m.group("y3")), month) if month else None
    groups = m.groupdict()  # "m2" and the rest exist only where the month comes first
    month_text, day_text, year_text = (
        (groups["m"], groups["d"], groups["y"])
        if groups["m"]
        else (groups.get("m2"), groups.get("d2"), groups.get("y2"))
    )
    if month_text is None or day_text is None:
        return None
    month = _lookup(g.months, month_text)
    if month is None:
        return None
    day = int(day_text)
    if year_text:
        return make_date(int(year_text), month, day)
    if pub is None:
        return None
    found = make_date(pub.year, month, day)
    ref = dt.date(pub.year, pub.month or 12, pub.day or 28)
    if found is not None and found.as_date() and found.as_date() - ref > FUTURE_SLACK:  # type: ignore[operator]
        found = make_date(pub.year - 1, month, day)
    return found


def _after_since(g: DateGrammar, sentence: str, start: int) -> bool:
    if g.since is None:
        return False
    before = sentence[max(0, start - 30) : start]
    return any(m.end() >= len(before) - 12 for m in g.since.finditer(before))


def sentence_date(
    sentence: str, language: str, published: str | None, hints: frozenset[str] | None = None
) -> PartialDate | None:
    """The announcement date a sentence states, resolved against the publication date.

    ``hints`` (tables the phrase matcher found: month, weekday, relative) skip the
    regexes that cannot match.
    """
    g = grammar(language)
    pub = parse_partial(published)
    month_level: PartialDate | None = None
    explicit = DIGIT.search(sentence) is not None and (
        hints is None or "month" in hints or NUMERIC_DATE.search(sentence) is not None
    )
    for m in g.explicit.finditer(sentence) if explicit else ():
        if _after_since(g, sentence, m.start()):
            continue
        found = _explicit(m, g, pub)
        if found is None:
            continue
        if found.day is not None:
            return found
        month_level = month_level or found
    pub_day = pub.as_date() if pub else None
    if pub_day is not None:
        if g.weekdays is not None and (hints is None or "weekday" in hints):
            for m in g.weekdays.finditer(sentence):
                wd = _lookup(g.weekday_of, m.group(0))
                if wd is not None:
                    d = pub_day - dt.timedelta(days=(pub_day.weekday() - wd) % 7)
                    return PartialDate(d.year, d.month, d.day)
        if g.relative is not None and (hints is None or "relative" in hints):
            for m in g.relative.finditer(sentence):
                delta = _lookup(g.relative_of, m.group(0))
                if delta is not None:
                    d = pub_day + dt.timedelta(days=delta)
                    return PartialDate(d.year, d.month, d.day)
    if month_level is not None and (pub is None or month_level.year >= pub.year - 1):
        return month_level
    return None


def month_number(language: str, name: str) -> int | None:
    """The month (1-12) a month name of ``language`` stands for ("mayo", "septembrie")."""
    return _lookup(grammar(language).months, name)
