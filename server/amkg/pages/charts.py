"""Small charts drawn on the server as inline SVG: no JavaScript, no CDN, printable, escaped like all text.

One shape is drawn here: columns of one indicator in one area across years, one column per source in each
year (so disagreeing reports stand next to each other), with a value axis and its unit. Comparisons across
hubs are HTML rows (``latest.html`` in the templates), whose text never shrinks with the drawing. Colours
come from the stylesheet through ``src-N`` classes, so a legend in HTML and the bars always match.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Bar:
    """One figure to draw: its value, the text shown on it, its colour class index and its tooltip."""

    value: float
    text: str
    colour: int
    tooltip: str
    href: str = ""
    later: bool = False  # a target, plan or expectation (or a year after its report): drawn hollow


def compact(value: float | Decimal) -> str:
    """``10500000`` → ``10.5M``: short enough to sit on a bar."""
    number = float(value)
    for limit, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(number) >= limit:
            return f"{number / limit:.3g}{suffix}"
    return f"{number:.3g}" if number != int(number) else f"{int(number)}"


def nice_top(high: float) -> float:
    """The axis's top: 1, 2, 2.5 or 5 times a power of ten, at or above ``high``."""
    if high <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(high))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= high)


def _bar(x: float, y: float, w: float, h: float, bar: Bar) -> str:
    classes = f"bar src-{bar.colour}" + (" later" if bar.later else "")
    rect = (
        f'<rect class="{classes}" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{max(h, 1):.1f}">'
        f"<title>{escape(bar.tooltip)}</title></rect>"
    )
    if bar.href:
        return f'<a href="{escape(bar.href)}">{rect}</a>'
    return rect


def column_chart(title: str, groups: list[tuple[str, list[Bar]]], unit: str = "") -> Markup:
    """Columns grouped by year, each group's bars side by side, value printed on top; a value axis from
    zero with its top tick and unit on the left, the years along the bottom."""
    width, height, top, bottom, left, right = 260.0, 150.0, 20.0, 20.0, 38.0, 4.0
    values = [b.value for _, bars in groups for b in bars]
    if not values:
        return Markup("")
    low = min(0.0, *values)
    high = nice_top(max(values))
    plot_h = height - top - bottom
    zero_y = top + plot_h * high / (high - low)
    slot = (width - left - right) / len(groups)
    top_text = compact(high)
    parts = [
        # A group, not an image: its bars are links to the figures' own pages.
        f'<svg class="chart" viewBox="0 0 {width:.0f} {height:.0f}" role="group" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{zero_y:.1f}"/>',
        f'<line class="grid" x1="{left}" y1="{top}" x2="{width - right}" y2="{top}"/>',
        f'<text class="tick y" x="{left - 3}" y="{top + 4}">{escape(top_text)}</text>',
        f'<text class="tick y" x="{left - 3}" y="{zero_y + 4:.1f}">0</text>',
        f'<line class="axis" x1="{left}" y1="{zero_y:.1f}" x2="{width - right}" y2="{zero_y:.1f}"/>',
    ]
    if unit:
        parts.append(f'<text class="unit" x="2" y="12">{escape(unit)}</text>')
    for i, (label, bars) in enumerate(groups):
        x0 = left + i * slot
        bar_w = min(40.0, slot * 0.8 / max(len(bars), 1))
        start = x0 + (slot - bar_w * len(bars)) / 2
        for j, bar in enumerate(bars):
            h = plot_h * abs(bar.value) / (high - low)
            y = zero_y - h if bar.value >= 0 else zero_y
            x = start + j * bar_w
            parts.append(_bar(x + 1, y, bar_w - 2, h, bar))
            if len(bars) * len(groups) <= 6:  # printed values only where they cannot overlap
                ty = y - 3 if bar.value >= 0 else y + h + 12
                parts.append(
                    f'<text class="value" x="{x + bar_w / 2:.1f}" y="{ty:.1f}">{escape(bar.text)}</text>'
                )
        parts.append(
            f'<text class="tick" x="{x0 + slot / 2:.1f}" y="{height - 5:.1f}">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
