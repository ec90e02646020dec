"""The server-drawn charts: bars laid out from the numbers, nothing drawn for nothing."""

from __future__ import annotations

import pytest

from review.charts import HEIGHT, Series, bar_chart


def test_stacked_bars_scale_to_the_tallest_day() -> None:
    chart = bar_chart(
        "Decisions",
        ["Dec 1", "Dec 2"],
        [Series("delivered", [3, 8], "#111"), Series("quarantined", [1, 2], "#222")],
    )

    assert not chart.empty
    assert [(bar.tip, bar.colour) for bar in chart.bars] == [
        ("Dec 1: 3 delivered", "#111"),
        ("Dec 1: 1 quarantined", "#222"),
        ("Dec 2: 8 delivered", "#111"),
        ("Dec 2: 2 quarantined", "#222"),
    ]
    # The scale's top is 10 (8 + 2 rounded up nicely): Dec 2's stack fills the plot exactly.
    dec2 = chart.bars[2:]
    assert dec2[1].y == pytest.approx(8)  # TOP margin
    assert dec2[0].y + dec2[0].height == pytest.approx(HEIGHT - 22)
    assert [tick.label for tick in chart.y_ticks] == ["0", "5", "10"]
    assert chart.rows == [("Dec 1", ["3", "1"]), ("Dec 2", ["8", "2"])]


def test_shares_are_drawn_on_a_0_to_100_percent_scale() -> None:
    chart = bar_chart("Rate", ["a", "b", "c"], [Series("rate", [0.5, 0.0, 0.25])], percent=True)

    assert [bar.tip for bar in chart.bars] == ["a: 50% rate", "c: 25% rate"]
    assert [tick.label for tick in chart.y_ticks] == ["0%", "50%", "100%"]
    assert chart.rows == [("a", ["50%"]), ("c", ["25%"])]  # the empty day is left out


def test_a_chart_of_nothing_is_empty() -> None:
    chart = bar_chart("Nothing", ["a", "b"], [Series("x", [0, 0])])

    assert chart.empty
    assert chart.bars == [] and chart.rows == []
