"""Server-side SVG charts and their CSV: readable without JavaScript, every text escaped.

Why hand-written SVG: the pages must work with scripts off and load nothing from elsewhere, and
the charts are simple (a line per outlet over time, bars per technique). A 150-line generator is
easier to audit for escaping than a plotting stack, and it draws in microseconds, which keeps
the read path of the web app fast. Every chart has a CSV twin with the same numbers
(count, total, ratio), so what a reader sees can be checked and reused.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

# Colour-blind-friendly categorical palette (Okabe–Ito), so five compared outlets stay apart.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000")
WIDTH, HEIGHT = 720, 300
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 60, 170, 30, 60
MAX_X_LABELS = 12  # more period labels than this overlap at 720 px


@dataclass(frozen=True)
class Point:
    """One value of a series: the period, the counted items, the denominator and their ratio."""

    period: str
    count: float
    total: float
    ratio: float | None


@dataclass(frozen=True)
class Series:
    """A named line (an outlet, a collection, the corpus)."""

    name: str
    points: Sequence[Point]


def _fmt(value: float) -> str:
    if value == 0:
        return "0"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 1:
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{value:.3f}".rstrip("0").rstrip(".")


def line_chart(series: Sequence[Series], *, title: str, y_label: str, raw: bool = False) -> str:
    """An SVG line chart of ratio (or raw count when ``raw``) per period, one line per series."""
    periods = sorted({p.period for s in series for p in s.points})
    values = [(p.count if raw else p.ratio) for s in series for p in s.points]
    ymax = max([v for v in values if v is not None] or [0]) or 1.0
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    step = plot_w / max(len(periods) - 1, 1)
    xpos = {p: MARGIN_LEFT + i * step for i, p in enumerate(periods)}

    def y(v: float) -> float:
        return MARGIN_TOP + plot_h - plot_h * v / ymax

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(title)}" '
        'font-family="system-ui,sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
        f'<text x="{MARGIN_LEFT}" y="16" font-size="13" font-weight="bold">{escape(title)}</text>',
    ]
    for i in range(5):  # horizontal grid with 5 labelled levels
        v = ymax * i / 4
        out.append(
            f'<line x1="{MARGIN_LEFT}" x2="{MARGIN_LEFT + plot_w}" y1="{y(v):.1f}" '
            f'y2="{y(v):.1f}" stroke="#ddd"/>'
            f'<text x="{MARGIN_LEFT - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{_fmt(v)}</text>'
        )
    out.append(
        f'<text x="14" y="{MARGIN_TOP + plot_h / 2:.0f}" text-anchor="middle" '
        f'transform="rotate(-90 14 {MARGIN_TOP + plot_h / 2:.0f})">{escape(y_label)}</text>'
    )
    every = max(1, -(-len(periods) // MAX_X_LABELS))
    for i, p in enumerate(periods):
        if i % every == 0 or i == len(periods) - 1:
            x = xpos[p]
            out.append(
                f'<text x="{x:.1f}" y="{HEIGHT - MARGIN_BOTTOM + 14}" text-anchor="end" '
                f'transform="rotate(-35 {x:.1f} {HEIGHT - MARGIN_BOTTOM + 14})">{escape(p)}</text>'
            )
    # Drawn last-first so the first series (the outlet of a profile) lies on top.
    for idx, s in reversed(list(enumerate(series))):
        colour = PALETTE[idx % len(PALETTE)]
        pts = [
            (xpos[p.period], y(v), p)
            for p in s.points
            if (v := (p.count if raw else p.ratio)) is not None
        ]
        for run in _runs(s.points, raw):  # a period without data breaks the line
            path = " ".join(f"{xpos[p.period]:.1f},{y(v):.1f}" for p, v in run)
            out.append(
                f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{path}"/>'
            )
        for x, yy, p in pts:
            tip = f"{s.name} {p.period}: {_fmt(p.count)} of {_fmt(p.total)}"
            if p.ratio is not None:
                tip += f" (ratio {_fmt(p.ratio)})"
            out.append(
                f'<circle cx="{x:.1f}" cy="{yy:.1f}" r="3" fill="{colour}">'
                f"<title>{escape(tip)}</title></circle>"
            )
        ly = MARGIN_TOP + 16 * idx
        lx = WIDTH - MARGIN_RIGHT + 12
        out.append(
            f'<rect x="{lx}" y="{ly - 8}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{lx + 14}" y="{ly + 1}">{escape(_clip(s.name, 24))}</text>'
        )
    if not periods:
        out.append(
            f'<text x="{MARGIN_LEFT + plot_w / 2:.0f}" y="{MARGIN_TOP + plot_h / 2:.0f}" '
            'text-anchor="middle" fill="#777">no data in this range</text>'
        )
    out.append("</svg>")
    return "".join(out)


def _runs(points: Sequence[Point], raw: bool) -> list[list[tuple[Point, float]]]:
    """Consecutive points that have a value, as runs of two or more (one line each)."""
    runs: list[list[tuple[Point, float]]] = [[]]
    for p in points:
        v = p.count if raw else p.ratio
        if v is None:
            runs.append([])
        else:
            runs[-1].append((p, v))
    return [r for r in runs if len(r) > 1]


def bar_chart(bars: Sequence[tuple[str, float]], *, title: str, unit: str) -> str:
    """A horizontal SVG bar chart (label, value), largest first as given."""
    row = 18
    label_w = 230
    height = MARGIN_TOP + row * max(len(bars), 1) + 10
    top = max([v for _, v in bars] or [0]) or 1.0
    plot_w = WIDTH - label_w - 80
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-label="{escape(title)}" '
        'font-family="system-ui,sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" font-size="13" font-weight="bold">{escape(title)}</text>',
    ]
    for i, (label, value) in enumerate(bars):
        yy = MARGIN_TOP + i * row
        w = plot_w * value / top
        colour = PALETTE[i % len(PALETTE)]
        out.append(
            f'<text x="{label_w - 6}" y="{yy + 12}" text-anchor="end">{escape(_clip(label, 36))}</text>'
            f'<rect x="{label_w}" y="{yy + 2}" width="{w:.1f}" height="{row - 5}" fill="{colour}">'
            f"<title>{escape(label)}: {_fmt(value)} {escape(unit)}</title></rect>"
            f'<text x="{label_w + w + 4:.1f}" y="{yy + 12}">{_fmt(value)}</text>'
        )
    if not bars:
        out.append(f'<text x="{label_w}" y="{MARGIN_TOP + 12}" fill="#777">no data</text>')
    out.append("</svg>")
    return "".join(out)


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def series_csv(series: Iterable[Series]) -> str:
    """Long CSV: one row per series and period with count, total and ratio."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["series", "period", "count", "total", "ratio"])
    for s in series:
        for p in s.points:
            w.writerow([_csv_safe(s.name), p.period, _num(p.count), _num(p.total), _num(p.ratio)])
    return buf.getvalue()


def wide_csv(series: Sequence[Series]) -> str:
    """Wide CSV for a comparison: one row per period, count/total/ratio columns per series."""
    periods = sorted({p.period for s in series for p in s.points})
    by = [{p.period: p for p in s.points} for s in series]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    header = ["period"]
    for s in series:
        name = _csv_safe(s.name)
        header += [f"{name} count", f"{name} total", f"{name} ratio"]
    w.writerow(header)
    for period in periods:
        row: list[str] = [period]
        for points in by:
            p = points.get(period)
            row += [_num(p.count), _num(p.total), _num(p.ratio)] if p else ["0", "0", ""]
        w.writerow(row)
    return buf.getvalue()


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.6g}"


def _csv_safe(text: str) -> str:
    """Defuse spreadsheet formula injection: an outlet named '=HYPERLINK(…)' stays text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
