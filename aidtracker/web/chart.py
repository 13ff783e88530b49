"""Turn timeline rows into the data and layout of a Plotly chart (plain dicts, no plotting).

Bars: pledged value per period, stacked by group (the top ten and the rest). Line: the
cumulative total, on a second axis. static/web/chart.js hands this to Plotly.newPlot.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

TOP_GROUPS = 10
REST_LABEL = "All other donors"
PALETTE = (
    "#1f3a5f",
    "#4a7bab",
    "#93b5d6",
    "#b5651d",
    "#e0a96d",
    "#3e7a5a",
    "#9cc5a1",
    "#7a5c8c",
    "#c3a6cf",
    "#8a8f3c",
)
REST_COLOUR = "#c5c9d0"
LINE_COLOUR = "#1d2330"
SYMBOLS = {"usd": "$", "eur": "€"}
INTERVAL_DAYS = {"day": 1, "week": 7, "month": 30.4, "quarter": 91.3, "year": 365.25}
TICK_FORMATS = {
    "day": "%Y-%m-%d",
    "week": "%Y-%m-%d",
    "month": "%b %Y",
    "quarter": "%b %Y",
    "year": "%Y",
}
DAY_MS = 86_400_000


def _period_label(period: Any) -> str:
    if isinstance(period, datetime.datetime):
        period = period.date()
    return period.isoformat() if isinstance(period, datetime.date) else str(period)


def _value(row: Mapping[str, Any], currency: str) -> float:
    value = row.get(f"amount_{currency}") or 0
    return float(value if isinstance(value, (int, float)) else Decimal(value))


def top_groups(rows: Iterable[Mapping[str, Any]], *, currency: str, top: int = TOP_GROUPS) -> list:
    """The groups with the largest totals, largest first (ties by name)."""
    totals: dict[Any, float] = defaultdict(float)
    for row in rows:
        totals[row["group"]] += _value(row, currency)
    ranked = sorted(
        (group for group in totals if totals[group] > 0),
        key=lambda group: (-totals[group], str(group)),
    )
    return ranked[:top]


def timeline_figure(
    rows: Sequence[Mapping[str, Any]],
    *,
    currency: str,
    interval: str,
    labels: Mapping[Any, str],
    top: int = TOP_GROUPS,
    rest_label: str = REST_LABEL,
) -> dict[str, Any]:
    """Plotly traces and layout for the timeline rows of one currency ("usd" or "eur")."""
    keep = top_groups(rows, currency=currency, top=top)
    periods = sorted({_period_label(row["period"]) for row in rows})
    values: dict[Any, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for row in rows:
        if not _value(row, currency):
            continue
        group = row["group"] if row["group"] in keep else rest_label
        values[group][_period_label(row["period"])] += _value(row, currency)
    order = [*keep, *([rest_label] if rest_label in values else [])]
    width = INTERVAL_DAYS[interval] * DAY_MS * 0.8
    traces = [
        _bar(periods, values[group], str(labels.get(group, group)), colour, currency, width)
        for group, colour in zip(order, [*PALETTE[: len(keep)], REST_COLOUR], strict=False)
    ]
    traces.append(_cumulative(periods, values, currency))
    return {"data": traces, "layout": _layout(currency, interval, periods)}


def _bar(
    periods: list[str], by_period: Mapping[str, float], name: str, colour: str, cur: str, width
):
    return {
        "type": "bar",
        "width": width,
        "name": name,
        "x": periods,
        "y": [round(by_period.get(period, 0.0), 2) for period in periods],
        "marker": {"color": colour},
        "hovertemplate": f"{SYMBOLS[cur]}%{{y:,.0f}}<extra>{name}</extra>",
    }


def _cumulative(periods: list[str], values: Mapping[Any, Mapping[str, float]], cur: str):
    running, points = 0.0, []
    for period in periods:
        running += sum(by_period.get(period, 0.0) for by_period in values.values())
        points.append(round(running, 2))
    return {
        "type": "scatter",
        "mode": "lines+markers",
        "name": "Cumulative",
        "x": periods,
        "y": points,
        "yaxis": "y2",
        "line": {"color": LINE_COLOUR, "width": 2},
        "marker": {"size": 4},
        "hovertemplate": f"{SYMBOLS[cur]}%{{y:,.0f}}<extra>Cumulative</extra>",
    }


def _axis(title: str, symbol: str, **extra: Any) -> dict[str, Any]:
    return {
        "title": {"text": title, "standoff": 8},
        "tickprefix": symbol,
        "exponentformat": "B",
        "rangemode": "tozero",
        "gridcolor": "#eceef2",
        "zeroline": False,
        **extra,
    }


def _x_range(periods: list[str], interval: str) -> list[str]:
    """Room on each side: at least half a period, and about six periods in all, so that
    one lone bar is not stretched across the chart."""
    pad = datetime.timedelta(days=INTERVAL_DAYS[interval] * max(0.6, (6 - len(periods)) / 2))
    first = datetime.date.fromisoformat(periods[0][:10])
    last = datetime.date.fromisoformat(periods[-1][:10])
    return [(first - pad).isoformat(), (last + pad).isoformat()]


def _layout(currency: str, interval: str, periods: list[str]) -> dict[str, Any]:
    symbol = SYMBOLS[currency]
    xaxis: dict[str, Any] = {
        "type": "date",
        "gridcolor": "#eceef2",
        "tickformat": TICK_FORMATS[interval],
    }
    if periods:
        xaxis["range"] = _x_range(periods, interval)
    if len(periods) < 4:
        xaxis["tickvals"] = periods
    return {
        "barmode": "stack",
        "margin": {"l": 64, "r": 72, "t": 12, "b": 40},
        "font": {"family": "system-ui, sans-serif", "size": 12, "color": "#1d2330"},
        "legend": {"orientation": "h", "y": -0.15, "traceorder": "normal"},
        "xaxis": xaxis,
        "yaxis": _axis(f"Per period ({symbol})", symbol),
        "yaxis2": _axis(
            f"Cumulative ({symbol})",
            symbol,
            overlaying="y",
            side="right",
            showgrid=False,
            tickmode="auto",
            nticks=6,
        ),
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "hovermode": "x unified",
        "bargap": 0.15,
    }
