"""Small charts drawn as SVG on the server: no JavaScript, readable on a 360 px phone.

Every chart is an ``<svg role="img">`` with a ``<title>`` (and a ``<desc>`` when given) named
by ``aria-labelledby``; it scales to its container (``viewBox``, ``width="100%"``). Labels are
escaped. Colours are SVG presentation attributes (no ``style=``, so the CSP holds). A chart is
a picture only: pages put a table with the same figures next to it for screen readers.

API (all keyword arguments after the first, all return ``markupsafe.Markup``):

- ``progress_percent(baseline, target, current)`` – % of the way from baseline to target
  (works for "down is better" too, since the target then lies below the baseline); may be
  below 0 or above 100; None when baseline equals target or current is None.
- ``progress_bar(title, percent, *, label=None, desc=None)`` – a horizontal bar 0–100 %.
- ``indicator_chart(title, *, baseline, target, measurements, unit="", desc=None,
  fmt=None)`` – a line chart: ``baseline`` and ``target`` are ``(date, value)``, and
  ``measurements`` a sequence of ``(date, value)``; the target is a dashed line with its
  date marked, the planned path a dotted line, the measured path a solid line with points.
- ``bar_chart(title, bars, *, unit="", desc=None, fmt=None)`` – vertical bars; ``bars`` is a
  sequence of ``(label, value)`` or ``(label, value, text)``; ``value`` None draws no bar and
  shows ``text`` (e.g. "fewer than 5") or "–"; ``text`` replaces the number above the bar.

``fmt`` turns a number into display text; by default Flask-Babel's ``format_decimal`` for the
current locale (so Swedish shows "12,5"), or plain formatting outside a request.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from datetime import date

from markupsafe import Markup, escape

WIDTH = 360
BRAND = "#0b6e4f"
INK = "#1b1f24"
MUTED = "#4d5561"
GRID = "#c9cfc6"
TARGET = "#a4161a"

_ids = itertools.count(1)

Number = float | int
Formatter = Callable[[Number], str]


def _default_fmt(value: Number) -> str:
    try:
        from flask import has_request_context
        from flask_babel import format_decimal

        if has_request_context():
            return format_decimal(value, format="#,##0.##")
    except Exception:  # pragma: no cover - no Babel or no app: plain formatting
        pass
    return f"{value:,.2f}".rstrip("0").rstrip(".").replace(",", "\u202f")


LABEL = 14  # label size in viewBox units: at least 12 CSS px in a 320 px wide chart
WIDE_SLOT = 52  # viewBox units a bar needs for its labels at that size


def _rtl() -> bool:
    """Whether the page is in a right-to-left language (Arabic, Persian)."""
    try:
        from flask import has_request_context
        from flask_babel import get_locale

        if has_request_context():
            locale = get_locale()
            return locale is not None and locale.text_direction == "rtl"
    except Exception:  # pragma: no cover - no Babel or no app
        pass
    return False


class _Side:
    """Left-to-right geometry, mirrored for a right-to-left page: the first bar, the start
    of a progress bar and the start of time sit on the right there. The SVG itself is always
    ``direction="ltr"``, so ``text-anchor`` means the same in every language."""

    def __init__(self, rtl: bool):
        self.rtl = rtl

    def x(self, value: float) -> float:
        return WIDTH - value if self.rtl else value

    def box(self, x: float, width: float) -> float:
        """The left edge of a box drawn from ``x`` over ``width``."""
        return WIDTH - x - width if self.rtl else x

    def anchor(self, anchor: str) -> str:
        if not self.rtl:
            return anchor
        return {"start": "end", "end": "start"}.get(anchor, anchor)


def _fit(label: str, width: float) -> str:
    """The label shortened with "…" to about ``width`` viewBox units at LABEL size (the full
    words are in the table beside the chart)."""
    room = max(3, int(width / (LABEL * 0.58)))
    return label if len(label) <= room else label[: room - 1].rstrip() + "…"


def _n(value: float) -> str:
    """A coordinate with at most one decimal."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _open(title: str, desc: str | None, height: int, extra_class: str) -> tuple[str, str]:
    uid = f"chart{next(_ids)}"
    labelled = f"{uid}-t" + (f" {uid}-d" if desc else "")
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {extra_class}" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMidYMid meet" '
        f'aria-labelledby="{labelled}" direction="ltr" font-family="system-ui, sans-serif" '
        f'font-size="{LABEL}">'
        f'<title id="{uid}-t">{escape(title)}</title>'
    )
    if desc:
        head += f'<desc id="{uid}-d">{escape(desc)}</desc>'
    return uid, head


def progress_percent(
    baseline: Number | None, target: Number | None, current: Number | None
) -> float | None:
    """How far ``current`` has come from ``baseline`` towards ``target``, in %.

    The direction follows from the numbers: with a target below the baseline, going down is
    progress. 0 is the baseline, 100 the target; the result is not clamped.
    """
    if baseline is None or target is None or current is None or target == baseline:
        return None
    return (float(current) - float(baseline)) / (float(target) - float(baseline)) * 100


def progress_bar(
    title: str, percent: float | None, *, label: str | None = None, desc: str | None = None
) -> Markup:
    """A bar filled ``percent`` % (clamped to 0–100 for drawing), with its text beside it."""
    height = 40
    side = _Side(_rtl())
    _, head = _open(title, desc, height, "chart-progress")
    text = label if label is not None else ("–" if percent is None else f"{round(percent)} %")
    # The track leaves room for its text (about 0.6 of the font size per character).
    track_w = max(140, min(250, round(WIDTH - 12 - len(text) * 16 * 0.6)))
    shown = 0.0 if percent is None else max(0.0, min(100.0, percent))
    fill_w = track_w * shown / 100
    parts = [
        head,
        f'<rect x="{_n(side.box(0, track_w))}" y="10" width="{track_w}" height="20" rx="4" '
        f'fill="#f2f4f1" stroke="{GRID}"/>',
    ]
    if fill_w > 0:
        parts.append(
            f'<rect x="{_n(side.box(0, fill_w))}" y="10" width="{_n(fill_w)}" height="20" '
            f'rx="4" fill="{BRAND}"/>'
        )
    parts.append(
        f'<text x="{_n(side.x(track_w + 8))}" y="26" text-anchor="{side.anchor("start")}" '
        f'fill="{INK}" font-size="16" font-weight="600">{escape(text)}</text></svg>'
    )
    return Markup("".join(parts))


def _nice_step(span: float, ticks: int = 4) -> float:
    if span <= 0:
        return 1.0
    raw = span / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude  # pragma: no cover


def _axis(low: float, high: float) -> tuple[float, float, list[float]]:
    """Round bounds and tick values that cover low..high."""
    if low == high:
        pad = abs(low) * 0.1 or 1.0
        low, high = low - pad, high + pad
    step = _nice_step(high - low)
    start = math.floor(low / step) * step
    end = math.ceil(high / step) * step
    ticks, value = [], start
    while value <= end + step / 1000:
        ticks.append(round(value, 10))
        value += step
    return start, end, ticks


def _layout(
    left: int, right: int, top: int, bottom: int, height: int = 220
) -> tuple[int, int, int, int, int, int, int]:
    """Height, margins and the plot's width and height inside those margins."""
    return height, left, right, top, bottom, WIDTH - left - right, height - top - bottom


def indicator_chart(
    title: str,
    *,
    baseline: tuple[date, Number],
    target: tuple[date, Number],
    measurements: Sequence[tuple[date, Number]] = (),
    unit: str = "",
    desc: str | None = None,
    fmt: Formatter | None = None,
) -> Markup:
    """Baseline, measurements over time and the target, as a line chart."""
    height, left, right, top, bottom, plot_w, plot_h = _layout(56, 14, 30, 30)
    fmt = fmt or _default_fmt
    side = _Side(_rtl())
    points = sorted(measurements, key=lambda item: item[0])
    dates = [baseline[0], target[0], *(when for when, _ in points)]
    values = [float(baseline[1]), float(target[1]), *(float(v) for _, v in points)]
    first, last = min(dates), max(dates)
    days = max((last - first).days, 1)
    low, high, ticks = _axis(min(values), max(values))

    def x(when: date) -> float:
        return side.x(left + plot_w * (when - first).days / days)

    def y(value: float) -> float:
        return top + plot_h * (1 - (float(value) - low) / (high - low))

    _, head = _open(title, desc, height, "chart-indicator")
    parts = [head]
    # grid and value axis
    for tick in ticks:
        ty = y(tick)
        parts.append(
            f'<line x1="{_n(side.x(left))}" y1="{_n(ty)}" x2="{_n(side.x(WIDTH - right))}" '
            f'y2="{_n(ty)}" stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{_n(side.x(left - 6))}" y="{_n(ty + 5)}" '
            f'text-anchor="{side.anchor("end")}" fill="{MUTED}">{escape(fmt(tick))}</text>'
        )
    if unit:
        parts.append(
            f'<text x="{_n(side.x(2))}" y="14" text-anchor="{side.anchor("start")}" '
            f'fill="{MUTED}">{escape(unit)}</text>'
        )
    # years along the time axis (at most about six labels)
    years = list(range(first.year, last.year + 1))
    every = max(1, math.ceil(len(years) / 6))
    for year in years[::every]:
        when = max(date(year, 1, 1), first)
        tx = x(when)
        parts.append(
            f'<line x1="{_n(tx)}" y1="{top + plot_h}" x2="{_n(tx)}" y2="{top + plot_h + 4}" '
            f'stroke="{MUTED}"/>'
            f'<text x="{_n(tx)}" y="{top + plot_h + 18}" text-anchor="middle" fill="{MUTED}">'
            f"{year}</text>"
        )
    parts.append(
        f'<line x1="{_n(side.x(left))}" y1="{top + plot_h}" x2="{_n(side.x(WIDTH - right))}" '
        f'y2="{top + plot_h}" stroke="{MUTED}"/>'
    )
    # target: dashed line across, marker at its date
    target_y = y(target[1])
    parts.append(
        f'<line class="target" x1="{_n(side.x(left))}" y1="{_n(target_y)}" '
        f'x2="{_n(side.x(WIDTH - right))}" y2="{_n(target_y)}" stroke="{TARGET}" '
        f'stroke-width="2" stroke-dasharray="6 4"/>'
        f'<path d="M{_n(x(target[0]))} {_n(target_y - 7)} l6 7 l-6 7 l-6 -7 z" '
        f'fill="{TARGET}"/>'
    )
    # planned path from baseline to target
    parts.append(
        f'<line class="plan" x1="{_n(x(baseline[0]))}" y1="{_n(y(baseline[1]))}" '
        f'x2="{_n(x(target[0]))}" y2="{_n(target_y)}" stroke="{MUTED}" stroke-width="1" '
        f'stroke-dasharray="2 3"/>'
    )
    # measured path, starting at the baseline
    path = [baseline, *points]
    line = " ".join(f"{_n(x(when))},{_n(y(value))}" for when, value in path)
    parts.append(
        f'<polyline class="measured" points="{line}" fill="none" stroke="{BRAND}" '
        f'stroke-width="2.5" stroke-linejoin="round"/>'
    )
    parts.append(
        f'<circle class="baseline" cx="{_n(x(baseline[0]))}" cy="{_n(y(baseline[1]))}" r="4" '
        f'fill="#fff" stroke="{BRAND}" stroke-width="2"/>'
    )
    for when, value in points:
        parts.append(
            f'<circle class="point" cx="{_n(x(when))}" cy="{_n(y(value))}" r="4" fill="{BRAND}"/>'
        )
    # the target value, above its line at the start (left, or right in RTL)
    parts.append(
        f'<text x="{_n(side.x(left + 4))}" y="{_n(target_y - 5)}" '
        f'text-anchor="{side.anchor("start")}" fill="{TARGET}" font-weight="600">'
        f"{escape(fmt(target[1]))}</text></svg>"
    )
    return Markup("".join(parts))


def bar_chart(
    title: str,
    bars: Sequence[tuple],
    *,
    unit: str = "",
    desc: str | None = None,
    fmt: Formatter | None = None,
) -> Markup:
    """Vertical bars with their label below and their value above."""
    height, left, right, top, bottom, plot_w, plot_h = _layout(8, 8, 22, 40)
    fmt = fmt or _default_fmt
    rows = [(bar[0], bar[1], bar[2] if len(bar) > 2 else None) for bar in bars]
    numbers = [float(value) for _, value, _ in rows if value is not None]
    peak = max([*numbers, 0.0])
    low = min([*numbers, 0.0])
    span = (peak - low) or 1.0
    side = _Side(_rtl())
    _, head = _open(title, desc, height, "chart-bars")
    parts = [head]
    if unit:
        parts.append(
            f'<text x="{_n(side.x(left))}" y="14" text-anchor="{side.anchor("start")}" '
            f'fill="{MUTED}">{escape(unit)}</text>'
        )
    zero_y = top + plot_h * peak / span
    slot = plot_w / max(len(rows), 1)
    bar_w = min(48.0, slot * 0.7)
    # Crowded: label every n-th bar, so the labels (never smaller than LABEL) never overlap.
    every = max(1, math.ceil(WIDE_SLOT / slot)) if slot < WIDE_SLOT else 1
    for index, (label, value, text) in enumerate(rows):
        cx = side.x(left + slot * index + slot / 2)
        shown = text if text is not None else ("–" if value is None else fmt(value))
        if value is not None:
            bar_h = plot_h * abs(float(value)) / span
            bar_y = zero_y - bar_h if float(value) >= 0 else zero_y
            parts.append(
                f'<rect x="{_n(cx - bar_w / 2)}" y="{_n(bar_y)}" width="{_n(bar_w)}" '
                f'height="{_n(max(bar_h, 0.5))}" fill="{BRAND}"/>'
            )
            value_y = bar_y - 4 if float(value) >= 0 else bar_y + bar_h + 14
        else:
            value_y = zero_y - 4
        if index % every == 0:
            parts.append(
                f'<text x="{_n(cx)}" y="{_n(value_y)}" text-anchor="middle" fill="{INK}" '
                f'font-weight="600">{escape(shown)}</text>'
                f'<text x="{_n(cx)}" y="{top + plot_h + 18}" text-anchor="middle" '
                f'fill="{MUTED}">{escape(_fit(str(label), slot * every - 4))}</text>'
            )
    parts.append(
        f'<line x1="{left}" y1="{_n(zero_y)}" x2="{WIDTH - right}" y2="{_n(zero_y)}" '
        f'stroke="{MUTED}"/></svg>'
    )
    return Markup("".join(parts))
