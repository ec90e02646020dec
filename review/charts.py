"""Charts drawn on the server as inline SVG: no script, no build step, nothing to load.

`bar_chart` turns day-by-day series into positioned bars (stacked when there are several
series) that `review/_chart.html` draws; every bar carries its numbers as a tooltip, and the
same numbers are in a table beside the chart for screen readers and copying.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from inbox.vocabulary import OUTCOME_COUNTED

WIDTH, HEIGHT = 640, 180
LEFT, BOTTOM, TOP = 40, 22, 8
# Colours that stay apart for the common colour-vision deficiencies (Okabe-Ito).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]
    colour: str = PALETTE[0]


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    tip: str


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass
class Chart:
    title: str
    series: list[Series]
    labels: list[str]
    bars: list[Bar] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    empty: bool = True
    percent: bool = False

    @property
    def rows(self) -> list[tuple[str, list[str]]]:
        """The numbers as table rows (label, one value per series), empty rows left out."""
        return [
            (label, [_number(series.values[i], self.percent) for series in self.series])
            for i, label in enumerate(self.labels)
            if any(series.values[i] for series in self.series)
        ]


def _number(value: float, percent: bool) -> str:
    if percent:
        return f"{value:.0%}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def bar_chart(
    title: str, labels: Sequence[str], series: Sequence[Series], *, percent: bool = False
) -> Chart:
    """Lay out one bar per label, the series stacked, scaled to the tallest stack.

    With `percent`, values are shares (0-1) and the scale is 0-100 %.
    """
    chart = Chart(title=title, series=list(series), labels=list(labels), percent=percent)
    count = len(labels)
    totals = [sum(s.values[i] for s in series) for i in range(count)]
    top = 1.0 if percent else max(totals, default=0)
    chart.empty = not any(totals)
    if chart.empty or not count:
        return chart
    top = _nice(top) if not percent else 1.0
    plot_width = WIDTH - LEFT - 4
    plot_height = HEIGHT - BOTTOM - TOP
    slot = plot_width / count
    bar_width = max(slot * 0.7, 1.0)
    for i, label in enumerate(labels):
        x = LEFT + i * slot + (slot - bar_width) / 2
        base = float(HEIGHT - BOTTOM)
        for s in series:
            value = s.values[i]
            if not value:
                continue
            height = plot_height * value / top
            base -= height
            tip = f"{label}: {_number(value, percent)} {s.name}"
            chart.bars.append(Bar(x, base, bar_width, height, s.colour, tip))
    step = max(1, count // 7)  # at most about seven dates under the axis
    chart.x_ticks = [Tick(LEFT + i * slot + slot / 2, labels[i]) for i in range(0, count, step)]
    chart.y_ticks = [
        Tick(HEIGHT - BOTTOM - plot_height * fraction, _number(top * fraction, percent))
        for fraction in (0, 0.5, 1)
    ]
    return chart


def _nice(value: float) -> float:
    """Round a scale's top up to 1, 2 or 5 times a power of ten."""
    magnitude = 1.0
    while magnitude * 10 <= value:
        magnitude *= 10
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover


def metrics_charts(overview: Any) -> list[Chart]:
    """The metrics page's charts, oldest day on the left."""
    days = list(reversed(overview.days))
    labels = [f"{row.day:%b} {row.day.day}" for row in days]
    by_outcome = [
        Series(OUTCOME_COUNTED[value], [row.decisions[i] for row in days], PALETTE[i])
        for i, (value, _) in enumerate(overview.decisions)
    ]
    quarantine_rate = [row.quarantined / row.total if row.total else 0.0 for row in days]
    precision = [
        confirmed / labelled if labelled else 0.0
        for confirmed, labelled in (overview.precision.get(row.day, (0, 0)) for row in days)
    ]
    campaigns = overview.campaigns
    return [
        bar_chart("Messages by decision", labels, by_outcome),
        bar_chart(
            "Quarantine rate (moved into quarantine ÷ received)",
            labels,
            [Series("quarantined", quarantine_rate, PALETTE[3])],
            percent=True,
        ),
        bar_chart(
            "Freelancers' reports and releases",
            labels,
            [
                Series("reports", [overview.reports.get(row.day, 0) for row in days], PALETTE[3]),
                Series("releases", [overview.releases.get(row.day, 0) for row in days], PALETTE[2]),
            ],
        ),
        bar_chart(
            "Detector precision from reviewer labels (confirmed ÷ labelled, of what it flagged)",
            labels,
            [Series("precision", precision, PALETTE[0])],
            percent=True,
        ),
        bar_chart(
            "Campaign sizes (copies), newest campaigns on the right",
            [f"#{pk}" for pk, _ in campaigns],
            [Series("copies", [copies for _, copies in campaigns], PALETTE[4])],
        ),
    ]
