"""Report panel: every figure in the article with its value, unit and who vouches for it.

Why: numbers are what fact-checkers check first, and an unsourced figure is the first thing
to question. Each row shows the figure as written, its normalised value (a range as low–high,
a bound as ≥/≤, "≈" when approximate), the unit or counted noun, and the attribution that
covers it — source and cue — or a highlighted "unsourced".
"""

from __future__ import annotations

import html
from typing import Any

from presslens.document import Document

LAYER = "quantities"
ORDER = 40

STYLE = """<style>
.qt .unsourced{background:#fde2e2;color:#8a1f1f;font-weight:600;padding:0 .25rem;border-radius:2px}
.qt td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
</style>"""


def number(x: float | int | None) -> str:
    """A readable number: thousands separators, no float noise, large values scaled."""
    if x is None:
        return "?"
    if abs(x) >= 1e9:
        return f"{x / 1e9:,.3g} billion"
    if abs(x) >= 1e6:
        return f"{x / 1e6:,.3g} million"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.4g}"


def shown_value(ann: dict[str, Any]) -> str:
    """ "≈ 3,000", "≥ 600", "3,000 – 4,000" from value/low/high/approx."""
    value, low, high = ann.get("value"), ann.get("low"), ann.get("high")
    if value is None and low is not None and high is not None:
        text = f"{number(low)} – {number(high)}"
    elif low is not None and value == low:
        text = f"≥ {number(low)}"
    elif high is not None and value == high:
        text = f"≤ {number(high)}"
    else:
        text = number(value)
    return ("≈ " if ann.get("approx") and not text.startswith(("≥", "≤")) else "") + text


def converted(ann: dict[str, Any]) -> str:
    """The value on the layer's common scale ("= 180,000 m"), when the unit converts."""
    norm = ann.get("normalized")
    if not norm or norm.get("unit") == ann.get("unit"):
        return ""
    shown = shown_value({**norm, "approx": False})
    return f' <span class="muted">= {html.escape(shown)} {html.escape(norm["unit"])}</span>'


def source_cell(doc: Document, ann: dict[str, Any]) -> str:
    att = doc.annotation(ann.get("attribution"))  # a link by id (contract /2)
    if att is None:
        return '<span class="unsourced">unsourced</span>'
    source = (att.get("source") or {}).get("text") or "?"
    cue = html.escape(att.get("cue") or "")
    return f'{html.escape(source)} <span class="muted">({cue})</span>'


def panel(doc: Document) -> str:
    quantities = doc.layers.get(LAYER, [])
    if not quantities:
        return ""
    unsourced = sum(1 for q in quantities if q.get("attribution") is None)
    rows = [
        "<tr>"
        f"<td>{html.escape(doc.span_text(q))}</td>"
        f'<td class="num">{html.escape(shown_value(q))}{converted(q)}</td>'
        f"<td>{html.escape(q.get('unit') or '')}</td>"
        f"<td>{source_cell(doc, q)}</td>"
        "</tr>"
        for q in quantities
    ]
    summary = (
        f'<p class="muted">{len(quantities)} figures, '
        f"{unsourced} without an attribution covering them.</p>"
    )
    return (
        '<section class="panel qt"><h2>Quantities</h2>'
        + STYLE
        + summary
        + "<table><tr><th>as written</th><th>value</th><th>unit</th><th>source</th></tr>"
        + "".join(rows)
        + "</table></section>"
    )
