"""An inline SVG bar chart of hours per month, drawn without any library.

The chart is plain markup (no scripts, no fonts, no external references), so it
shows in any browser, offline, and prints. Screen readers get its ``<title>`` and
a ``<desc>`` that lists every month's value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import ROUND_FLOOR, Decimal
from html import escape

from imhcli.base.words import number

#: A month as ``"YYYY-MM"`` or as any date inside it.
Month = str | dt.date
#: A month's hours in layers, stacked from the bottom of the bar up.
Layers = tuple[Decimal, ...]

MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

WIDTH = 720
HEIGHT = 280
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 40, 58
#: Widest bar, in px, so that one or two months do not fill the chart.
MAX_BAR = 56
#: Narrowest space per x-axis label, in px, before labels are thinned out.
LABEL_SPACE = 44
#: Label every Nth month, so that labels fall on the same months every year.
LABEL_EVERY = (1, 2, 3, 6, 12)


def month_key(month: Month) -> tuple[int, int]:
    """``(year, month)`` of a ``"YYYY-MM"`` string or a date."""
    if isinstance(month, dt.date):
        return month.year, month.month
    year, _, rest = month.partition("-")
    return int(year), int(rest[:2])


def month_label(key: tuple[int, int]) -> str:
    """``"March 2025"``: the same in every locale, so output never varies."""
    return f"{MONTH_NAMES[key[1] - 1]} {key[0]}"


def fill_months(series: Sequence[tuple[Month, Decimal]]) -> list[tuple[tuple[int, int], Decimal]]:
    """The series in month order with every month from the first to the last present.

    Months missing from ``series`` get zero hours; a month given twice is summed.
    """
    return [(key, layers[0]) for key, layers in fill_layers([(m, (h,)) for m, h in series])]


def fill_layers(series: Sequence[tuple[Month, Layers]]) -> list[tuple[tuple[int, int], Layers]]:
    """:func:`fill_months` for hours in layers: each layer summed on its own."""
    width = max((len(v) for _, v in series), default=1)
    totals: dict[tuple[int, int], list[Decimal]] = {}
    for month, values in series:
        row = totals.setdefault(month_key(month), [Decimal(0)] * width)
        for i, value in enumerate(values):
            row[i] += _decimal(value)
    if not totals:
        return []
    (year, nth), last = min(totals), max(totals)
    zero = (Decimal(0),) * width
    out: list[tuple[tuple[int, int], Layers]] = []
    while (year, nth) <= last:
        found = totals.get((year, nth))
        out.append(((year, nth), tuple(found) if found else zero))
        year, nth = (year + 1, 1) if nth == 12 else (year, nth + 1)
    return out


def _decimal(value: Decimal | float | int) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def nice_scale(peak: Decimal) -> tuple[Decimal, Decimal]:
    """``(step, top)`` of a y axis: 3 to 5 round steps, ``top`` above ``peak``.

    The top stays above the highest bar, so its value label has room.
    """
    if peak <= 0:
        return Decimal(1), Decimal(4)
    magnitude = Decimal(10) ** (peak.adjusted() - 1)
    for factor in ("1", "2", "2.5", "5", "10", "20", "25", "50", "100"):
        step = magnitude * Decimal(factor)
        steps = (peak / step).to_integral_value(rounding=ROUND_FLOOR) + 1
        if steps <= 5:
            return step, step * max(steps, Decimal(3))
    return peak, 2 * peak  # pragma: no cover - the factor 100 always fits


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def hours_chart(
    series: Sequence[tuple[Month, Decimal]],
    *,
    title: str = "Hours recorded per month",
    id_prefix: str = "hours-chart",
) -> str:
    """An accessible SVG bar chart of ``(month, hours)`` pairs.

    Gaps between months are drawn as zero; an empty series gives a chart that says
    no hours are recorded.
    """
    return stacked_chart([(m, (h,)) for m, h in series], title=title, id_prefix=id_prefix)


def stacked_chart(
    series: Sequence[tuple[Month, Layers]],
    *,
    title: str,
    id_prefix: str,
    layers: Sequence[str] = (),
) -> str:
    """A bar chart whose bars stack the named ``layers`` (bottom first), with a key.

    With one unnamed layer it is a plain bar chart. The description lists every
    month's total and, for several layers, each layer's share.
    """
    months = fill_layers(series)
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{escape(id_prefix)}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" '
        f'aria-labelledby="{escape(title_id)} {escape(desc_id)}">',
        f'<title id="{escape(title_id)}">{escape(title)}</title>',
        f'<desc id="{escape(desc_id)}">{escape(_description(months, layers))}</desc>',
        f'<text class="chart-title" x="{WIDTH // 2}" y="22" text-anchor="middle">'
        f"{escape(title)}</text>",
    ]
    if months:
        parts.extend(_plot(months, layers))
        if len(layers) > 1:
            parts.extend(_key(layers))
    else:
        parts.append(
            f'<text class="chart-empty" x="{WIDTH // 2}" y="{HEIGHT // 2}" '
            'text-anchor="middle">No hours recorded yet</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)


def _description(months: list[tuple[tuple[int, int], Layers]], layers: Sequence[str]) -> str:
    if not months:
        return "No hours are recorded."
    total = sum((sum(v, Decimal(0)) for _, v in months), Decimal(0))
    listed = "; ".join(f"{month_label(key)}: {_month_text(v, layers)}" for key, v in months)
    first, last = month_label(months[0][0]), month_label(months[-1][0])
    return (
        f"Bar chart of hours per month from {first} to {last}, "
        f"{number(total, places=2)} hours in all. {listed}."
    )


def _month_text(values: Layers, layers: Sequence[str]) -> str:
    text = number(sum(values, Decimal(0)), places=2)
    if len(layers) > 1 and any(values):
        shares = ", ".join(
            f"{name} {number(v, places=2)}" for name, v in zip(layers, values, strict=False)
        )
        text += f" ({shares})"
    return text


def _plot(months: list[tuple[tuple[int, int], Layers]], layers: Sequence[str]) -> list[str]:
    peak = max(sum(v, Decimal(0)) for _, v in months)
    step, top = nice_scale(peak)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    base = TOP + plot_h
    parts = _y_axis(step, top, plot_w, plot_h)
    slot = plot_w / len(months)
    every = _label_every(slot)
    labelled = [i for i, (key, _) in enumerate(months) if _labelled(key, every)]
    bar_w = min(MAX_BAR, max(1.0, slot * 0.7))
    for index, (key, values) in enumerate(months):
        x = LEFT + index * slot + (slot - bar_w) / 2
        parts.extend(_bar(key, values, layers, x, bar_w, float(plot_h / top), base))
        total = sum(values, Decimal(0))
        height = float(total / top) * plot_h
        centre = _num(x + bar_w / 2)
        if total > 0 and bar_w >= 22:
            parts.append(
                f'<text class="bar-value" x="{centre}" y="{_num(base - height - 4)}" '
                f'text-anchor="middle">{number(total, places=2)}</text>'
            )
        if index in labelled:
            parts.append(_x_label(key, centre, base, first=index == labelled[0]))
    parts.append(f'<line class="axis" x1="{LEFT}" y1="{base}" x2="{LEFT + plot_w}" y2="{base}"/>')
    parts.append(
        f'<text class="axis-title" x="{LEFT + plot_w // 2}" y="{HEIGHT - 6}" '
        'text-anchor="middle">Month</text>'
    )
    return parts


def _bar(
    key: tuple[int, int],
    values: Layers,
    layers: Sequence[str],
    x: float,
    width: float,
    scale: float,
    base: int,
) -> list[str]:
    """One month's bar: a rect per layer, stacked from the axis up."""
    parts, bottom = [], float(base)
    for index, hours in enumerate(values):
        if hours <= 0 and len(values) > 1:
            continue
        height = float(hours) * scale
        name = f" {layers[index]}" if len(layers) > 1 else ""
        label = f"{month_label(key)}: {number(hours, places=2)}{name} hours"
        parts.append(
            f'<rect class="bar layer-{index}" x="{_num(x)}" y="{_num(bottom - height)}" '
            f'width="{_num(width)}" height="{_num(height)}"><title>{escape(label)}</title></rect>'
        )
        bottom -= height
    return parts


def _key(layers: Sequence[str]) -> list[str]:
    """A key between the title and the plot: a swatch and a name per layer."""
    parts, x = [], LEFT + 8
    for index, name in enumerate(layers):
        parts.append(
            f'<rect class="bar layer-{index} swatch" x="{x}" y="{TOP - 13}" '
            'width="10" height="10"/>'
        )
        parts.append(f'<text class="key" x="{x + 14}" y="{TOP - 4}">{escape(name)}</text>')
        x += 24 + 7 * len(name)
    return parts


def _label_every(slot: float) -> int:
    """Months between x-axis labels: 1, 2, 3, 6, 12, then whole years."""
    for every in LABEL_EVERY:
        if slot * every >= LABEL_SPACE:
            return every
    return 12 * int(-(-LABEL_SPACE // (slot * 12)))


def _labelled(key: tuple[int, int], every: int) -> bool:
    if every <= 12:
        return (key[1] - 1) % every == 0
    return key[1] == 1 and key[0] % (every // 12) == 0


def _y_axis(step: Decimal, top: Decimal, plot_w: int, plot_h: int) -> list[str]:
    base = TOP + plot_h
    parts = [f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{base}"/>']
    tick = Decimal(0)
    while tick <= top:
        y = _num(base - float(tick / top) * plot_h)
        if tick > 0:
            parts.append(f'<line class="grid" x1="{LEFT}" y1="{y}" x2="{LEFT + plot_w}" y2="{y}"/>')
        parts.append(
            f'<text class="tick" x="{LEFT - 6}" y="{y}" text-anchor="end" '
            f'dominant-baseline="middle">{number(tick, places=2)}</text>'
        )
        tick += step
    middle = TOP + plot_h // 2
    parts.append(
        f'<text class="axis-title" x="16" y="{middle}" text-anchor="middle" '
        f'transform="rotate(-90 16 {middle})">Hours</text>'
    )
    return parts


def _x_label(key: tuple[int, int], centre: str, base: int, *, first: bool) -> str:
    year = f'<tspan x="{centre}" dy="14">{key[0]}</tspan>' if first or key[1] == 1 else ""
    return (
        f'<text class="tick month" x="{centre}" y="{base + 16}" text-anchor="middle">'
        f"{MONTH_ABBR[key[1] - 1]}{year}</text>"
    )
