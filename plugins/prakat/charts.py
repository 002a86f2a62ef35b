"""The geometry of the dashboard's bar charts; theme/templates/_charts.html draws them as SVG.

Charts are horizontal bars, one row per category, each row a text label
above up to two bars (one per series).  Widths are percentages of the SVG's
own width, so a chart fills a phone or a desktop column while its text keeps
a readable size; a bar's value is written after it in words and numbers, and
each series has its own fill pattern, so nothing depends on colour.  The
numbers come from stats.py; this module only places them.  No markup is
built here.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

# Vertical layout, in CSS pixels.
TOP = 26  # room for the scale labels
LABEL_HEIGHT = 20  # the category label line
BAR_HEIGHT = 16
BAR_GAP = 4
ROW_GAP = 12
# A full bar takes this share of the width.  A value label goes inside a long bar (at its end, with a
# light halo so it reads over any pattern) and after a short one, so that on a 340 px phone a label of
# up to ~40 % of the width always stays on the canvas.
SCALE = 80.0
INSIDE_FROM = 44.0  # bar width (percent of the chart) from which the label goes inside
TICKS = (0, 25, 50, 75, 100)
PATTERNS = ("solid", "hatch")  # series 0 and 1: see _charts.html
MAX_LABEL = 42  # base characters of a category label before it is shortened


@dataclass(frozen=True)
class Series:
    label: str
    pattern: str


@dataclass(frozen=True)
class Bar:
    series: int
    y: int
    width: float  # percent of the chart's width
    text: str  # the value, as read aloud: "ม.10 83.3% (5/6)"

    @property
    def inside(self) -> bool:
        return self.width >= INSIDE_FROM


@dataclass(frozen=True)
class Row:
    label: str  # as shown, possibly shortened
    full_label: str
    y: int  # baseline of the label
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Tick:
    x: float  # percent of the width
    text: str


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    desc: str
    series: tuple[Series, ...]
    rows: tuple[Row, ...]
    ticks: tuple[Tick, ...]
    height: int
    bar_height: int = BAR_HEIGHT


@dataclass(frozen=True)
class Value:
    """One bar to draw: its share (0-100) and the words that say it."""

    percent: float
    text: str


@dataclass(frozen=True)
class Category:
    label: str
    values: tuple[Value, ...]  # one per series


def _base_length(text: str) -> int:
    """Characters that take horizontal room: Thai vowel and tone marks above or below do not."""
    return sum(1 for ch in text if not ("\u0e31" == ch or "\u0e34" <= ch <= "\u0e3a" or "\u0e47" <= ch <= "\u0e4e"))


def shorten(text: str, limit: int = MAX_LABEL) -> str:
    """``text`` cut to about ``limit`` base characters with an ellipsis; marks stay with their letter."""
    if _base_length(text) <= limit:
        return text
    out, count = [], 0
    for ch in text:
        is_mark = _base_length(ch) == 0
        if not is_mark:
            if count >= limit - 1:
                break
            count += 1
        out.append(ch)
    return "".join(out).rstrip() + "…"


def bar_chart(chart_id: str, title: str, desc: str, series: Sequence[str], categories: Sequence[Category],
              tick_format: str = "{}%") -> Chart:
    """Place ``categories`` (each with one value per series) as rows of bars."""
    if len(series) > len(PATTERNS):
        raise ValueError(f"at most {len(PATTERNS)} series, got {len(series)}")
    rows = []
    y = TOP
    for category in categories:
        if len(category.values) != len(series):
            raise ValueError(f"{category.label!r} has {len(category.values)} values for {len(series)} series")
        label_y = y + LABEL_HEIGHT - 6
        y += LABEL_HEIGHT
        bars = []
        for index, value in enumerate(category.values):
            share = min(max(value.percent, 0.0), 100.0)
            bars.append(Bar(index, y, round(share * SCALE / 100, 2), value.text))
            y += BAR_HEIGHT + BAR_GAP
        rows.append(Row(shorten(category.label), category.label, label_y, tuple(bars)))
        y += ROW_GAP - BAR_GAP
    ticks = tuple(Tick(round(t * SCALE / 100, 2), tick_format.format(t)) for t in TICKS)
    return Chart(chart_id, title, desc, tuple(Series(s, PATTERNS[i]) for i, s in enumerate(series)),
                 tuple(rows), ticks, y + 4)
