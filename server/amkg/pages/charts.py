"""Small charts drawn on the server as inline SVG: no JavaScript, no CDN, printable, escaped like all text.

Two shapes cover the pages: columns of one indicator across years (one column per source, so disagreeing
reports stand next to each other), and horizontal bars comparing hubs on one indicator. Colours come from
the stylesheet through ``src-N`` classes, so a legend in HTML and the bars always match.
"""

from __future__ import annotations

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
    later: bool = False  # a figure for a year after its report: a target or projection, drawn hollow


def compact(value: float | Decimal) -> str:
    """``10500000`` → ``10.5M``: short enough to sit on a bar."""
    number = float(value)
    for limit, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(number) >= limit:
            return f"{number / limit:.3g}{suffix}"
    return f"{number:.3g}" if number != int(number) else f"{int(number)}"


def _scale(values: list[float]) -> tuple[float, float]:
    low, high = min([0.0, *values]), max([0.0, *values])
    return (low, high) if high > low else (low, low + 1)


def _bar(x: float, y: float, w: float, h: float, bar: Bar) -> str:
    classes = f"bar src-{bar.colour}" + (" later" if bar.later else "")
    rect = (
        f'<rect class="{classes}" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{max(h, 1):.1f}">'
        f"<title>{escape(bar.tooltip)}</title></rect>"
    )
    if bar.href:
        return f'<a href="{escape(bar.href)}">{rect}</a>'
    return rect


def column_chart(title: str, groups: list[tuple[str, list[Bar]]]) -> Markup:
    """Columns grouped by year (or any label), each group's bars side by side, value printed on top."""
    width, height, top, bottom, side = 240.0, 140.0, 16.0, 20.0, 4.0
    values = [b.value for _, bars in groups for b in bars]
    if not values:
        return Markup("")
    low, high = _scale(values)
    plot_h = height - top - bottom
    zero_y = top + plot_h * high / (high - low)
    slot = (width - 2 * side) / len(groups)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<line class="axis" x1="{side}" y1="{zero_y:.1f}" x2="{width - side}" y2="{zero_y:.1f}"/>',
    ]
    for i, (label, bars) in enumerate(groups):
        x0 = side + i * slot
        bar_w = min(40.0, slot * 0.8 / max(len(bars), 1))
        start = x0 + (slot - bar_w * len(bars)) / 2
        for j, bar in enumerate(bars):
            h = plot_h * abs(bar.value) / (high - low)
            y = zero_y - h if bar.value >= 0 else zero_y
            x = start + j * bar_w
            parts.append(_bar(x + 1, y, bar_w - 2, h, bar))
            ty = y - 4 if bar.value >= 0 else y + h + 11
            parts.append(
                f'<text class="value" x="{x + bar_w / 2:.1f}" y="{ty:.1f}">{escape(bar.text)}</text>'
            )
        parts.append(
            f'<text class="tick" x="{x0 + slot / 2:.1f}" y="{height - 6:.1f}">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def bar_chart(title: str, rows: list[tuple[str, Bar]]) -> Markup:
    """Horizontal bars, one per labelled row (a hub), longest scale across the rows."""
    if not rows:
        return Markup("")
    label_w, width, row_h, pad = 150.0, 560.0, 22.0, 6.0
    height = pad * 2 + row_h * len(rows)
    low, high = _scale([bar.value for _, bar in rows])
    plot_w = width - label_w - 110
    zero_x = label_w + plot_w * (-low) / (high - low)
    parts = [
        f'<svg class="chart wide" viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, bar) in enumerate(rows):
        y = pad + i * row_h
        w = plot_w * abs(bar.value) / (high - low)
        x = zero_x if bar.value >= 0 else zero_x - w
        short = label if len(label) <= 24 else label[:23] + "…"
        parts.append(
            f'<text class="label" x="{label_w - 6:.1f}" y="{y + row_h * 0.68:.1f}">{escape(short)}</text>'
        )
        parts.append(_bar(x, y + 3, w, row_h - 6, bar))
        parts.append(
            f'<text class="value end" x="{max(x + w, zero_x) + 4:.1f}" y="{y + row_h * 0.68:.1f}">'
            f"{escape(bar.text)}</text>"
        )
    parts.append(
        f'<line class="axis" x1="{zero_x:.1f}" y1="{pad}" x2="{zero_x:.1f}" y2="{height - pad:.1f}"/>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))
