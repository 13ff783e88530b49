import datetime

from aidtracker.web.chart import REST_LABEL, timeline_figure, top_groups


def _rows():
    rows = []
    for month in (1, 2):
        for n in range(12):
            rows.append(
                {
                    "period": datetime.date(2023, month, 1),
                    "group": f"D{n:02}",
                    "count": 1,
                    "amount_usd": 100 * (n + 1),
                    "amount_eur": 90 * (n + 1),
                }
            )
    return rows


def test_top_groups_are_the_ten_largest():
    assert top_groups(_rows(), currency="usd") == [f"D{n:02}" for n in range(11, 1, -1)]


def test_figure_stacks_top_ten_and_the_rest_and_adds_cumulative():
    figure = timeline_figure(_rows(), currency="usd", interval="month", labels={"D11": "Eleven"})
    names = [trace["name"] for trace in figure["data"]]
    assert names[0] == "Eleven"
    assert names[10] == REST_LABEL
    assert names[-1] == "Cumulative"
    assert len(figure["data"]) == 12
    rest = figure["data"][10]
    assert rest["y"] == [300.0, 300.0]  # D00 and D01: 100 + 200 per month
    total_per_month = sum(100 * (n + 1) for n in range(12))
    assert figure["data"][-1]["y"] == [total_per_month, 2 * total_per_month]
    assert figure["layout"]["barmode"] == "stack"


def test_figure_in_euros_uses_euro_amounts():
    figure = timeline_figure(_rows(), currency="eur", interval="year", labels={})
    assert figure["data"][-1]["y"][-1] == 2 * sum(90 * (n + 1) for n in range(12))
    assert figure["layout"]["yaxis"]["tickprefix"] == "€"


def test_groups_without_value_are_left_out():
    rows = [
        {"period": datetime.date(2023, 1, 1), "group": "A", "amount_usd": 0, "amount_eur": 0},
        {"period": datetime.date(2023, 1, 1), "group": "B", "amount_usd": 5, "amount_eur": 4},
    ]
    figure = timeline_figure(rows, currency="usd", interval="month", labels={})
    assert [trace["name"] for trace in figure["data"]] == ["B", "Cumulative"]
