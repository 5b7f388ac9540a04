"""Report panel: a timeline of the dated events the article mentions.

Why a timeline: a fact-checker checks *when* — an article that puts a 1998 flood next to last
Tuesday's, or leans on "the late 1990s", shows it here at a glance. Each dated timex becomes a
row sorted by its value with a CSS bar over the article's time span (an inline bar chart: no
script, no external assets), the expression and the sentence it sits in. Durations, sets and
clock times follow in a compact list because they have no place on a calendar.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

from presslens.document import Document

LAYER = "timexes"
ORDER = 30

# Longest sentence excerpt shown per row (characters); longer ones are cut at a word.
EXCERPT_CHARS = 220
# Narrowest bar, in percent of the axis, so single days stay visible on a 30-year axis.
MIN_BAR_PERCENT = 0.8

STYLE = """<style>
.tl td.tlbar{width:38%;min-width:12rem;position:relative}
.tl .axis{position:relative;height:.9rem;background:#f1f5f1;border-radius:2px}
.tl .span{position:absolute;top:0;height:.9rem;background:#2ca02c;border-radius:2px;opacity:.8}
.tl mark{background:rgba(44,160,44,.22);padding:0 .1rem}
.tl .scale{display:flex;justify-content:space-between;font-size:11px;color:#777}
</style>"""

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def _month_end(year: int, month: int) -> dt.date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def period(value: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day a TIMEX3 date value covers ("2019-03" → March 2019), or None."""
    if not value:
        return None
    v = value.split("T", 1)[0]
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", v):
            day = dt.date(*map(int, m.groups()))
            return day, day
        if m := re.fullmatch(r"(\d{4})-W(\d{2})(?:-WE)?", v):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + dt.timedelta(days=6)
        if m := re.fullmatch(r"(\d{4})-(\d{2})", v):
            year, month = int(m[1]), int(m[2])
            return dt.date(year, month, 1), _month_end(year, month)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
            year, q = int(m[1]), int(m[2])
            return dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
        if m := re.fullmatch(r"(\d{4})-H([12])", v):
            year, h = int(m[1]), int(m[2])
            return dt.date(year, 6 * h - 5, 1), _month_end(year, 6 * h)
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v):
            year, (first, last) = int(m[1]), _SEASON_MONTHS[m[2]]
            return dt.date(year, first, 1), _month_end(year, last)
        if m := re.fullmatch(r"(\d{4})", v):
            return dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31)
        if m := re.fullmatch(r"(\d{3})X", v):
            return dt.date(int(m[1]) * 10, 1, 1), dt.date(int(m[1]) * 10 + 9, 12, 31)
        if m := re.fullmatch(r"(\d{2})XX", v):
            return dt.date(int(m[1]) * 100, 1, 1), dt.date(int(m[1]) * 100 + 99, 12, 31)
    except ValueError:
        return None
    return None


def timex_period(ann: dict[str, Any]) -> tuple[dt.date, dt.date] | None:
    """The period of a date timex, ranges ("1990-1991": value null, low/high) included."""
    if ann.get("kind") != "date":
        return None
    if ann.get("value"):
        return period(ann["value"])
    low, high = period(ann.get("low")), period(ann.get("high"))
    if low and high:
        return low[0], high[1]
    return None


def _sentence(doc: Document, ann: dict[str, Any]) -> tuple[int, int]:
    for sent in doc.layers.get("sentences") or []:
        if sent["start"] <= ann["start"] < sent["end"]:
            return sent["start"], sent["end"]
    return max(0, ann["start"] - 80), min(len(doc.text), ann["end"] + 80)


def excerpt(doc: Document, ann: dict[str, Any]) -> str:
    """The sentence around a span, escaped, with the span marked and long sentences cut."""
    s, e = _sentence(doc, ann)
    lead = tail = ""
    if e - s > EXCERPT_CHARS:
        half = EXCERPT_CHARS // 2
        if ann["start"] - half > s:  # cut at a word boundary, and say so
            s = doc.text.find(" ", ann["start"] - half, ann["start"]) + 1 or ann["start"] - half
            lead = "… "
        if ann["end"] + half < e:
            e = (
                doc.text.rfind(" ", ann["end"], ann["end"] + half)
                if doc.text.rfind(" ", ann["end"], ann["end"] + half) > ann["end"]
                else ann["end"] + half
            )
            tail = " …"
    before, inside, after = (
        doc.text[s : ann["start"]],
        doc.text[ann["start"] : ann["end"]],
        doc.text[ann["end"] : e],
    )
    return (
        lead
        + html.escape(" ".join(before.split()))
        + " <mark>"
        + html.escape(inside)
        + "</mark> "
        + html.escape(" ".join(after.split()))
        + tail
    )


def _label(ann: dict[str, Any]) -> str:
    value = ann.get("value")
    if value is None and ann.get("low"):
        value = f"{ann['low']} – {ann.get('high', '?')}"
    parts = [str(value) if value else "unresolved"]
    if ann.get("qualifier"):
        parts.append(f"({ann['qualifier']})")
    return " ".join(parts)


def panel(doc: Document) -> str:
    dated: list[tuple[tuple[dt.date, dt.date], dict[str, Any]]] = []
    other: list[dict[str, Any]] = []
    for ann in doc.layers.get(LAYER, []):
        p = timex_period(ann)
        if p:
            dated.append((p, ann))
        else:
            other.append(ann)
    if not dated and not other:
        return ""
    out = ['<section class="panel tl"><h2>Timeline</h2>', STYLE]
    if dated:
        dated.sort(key=lambda pa: (pa[0][0], pa[0][1], pa[1]["start"]))
        first = min(p[0] for p, _ in dated)
        last = max(p[1] for p, _ in dated)
        total = max((last - first).days + 1, 1)
        out.append(
            "<table><tr><th>when</th><th>on the axis</th><th>expression</th>"
            "<th>in the sentence</th></tr>"
        )
        for (start, end), ann in dated:
            left = 100 * (start - first).days / total
            width = max(100 * ((end - start).days + 1) / total, MIN_BAR_PERCENT)
            width = min(width, 100 - left) if left < 100 else MIN_BAR_PERCENT
            out.append(
                "<tr>"
                f"<td>{html.escape(_label(ann))}</td>"
                f'<td class="tlbar"><div class="axis" title="{html.escape(_label(ann))}">'
                f'<div class="span" style="left:{left:.2f}%;width:{width:.2f}%"></div></div></td>'
                f"<td>{html.escape(doc.span_text(ann))}</td>"
                f"<td>{excerpt(doc, ann)}</td>"
                "</tr>"
            )
        out.append(
            f'<tr><td></td><td><div class="scale"><span>{first.isoformat()}</span>'
            f"<span>{last.isoformat()}</span></div></td><td></td><td></td></tr></table>"
        )
    if other:
        items = "".join(
            f'<li>{html.escape(doc.span_text(a))} <span class="muted">'
            f"{html.escape(a.get('kind', ''))} {html.escape(_label(a))}</span></li>"
            for a in other
        )
        out.append(f"<h3>Durations, recurrences and times</h3><ul>{items}</ul>")
    out.append("</section>")
    return "".join(out)
