"""Report panel: persuasion techniques — a chart of counts per technique and the spans by score.

Why a chart: an analyst comparing articles wants to see at a glance which techniques dominate
(mostly loaded language? name-calling of one adversary?) before reading spans one by one. The
bars are plain CSS widths (no script, no external assets) in the same colours as the article
highlights, so the chart doubles as the legend.
"""

from __future__ import annotations

import html
from collections import Counter

from presslens.document import Document
from presslens.render.report import technique_colours

LAYER = "techniques"
ORDER = 70
MAX_ROWS = 60  # spans listed; the chart always counts all of them


def panel(doc: Document) -> str:
    spans = doc.layers.get(LAYER, [])
    if not spans:
        return ""
    counts = Counter(a.get("technique", "?") for a in spans)
    colours = technique_colours(doc)
    most = max(counts.values())
    rows = []
    for name, n in counts.most_common():
        width = 100 * n / most
        colour = colours.get(name, "#7f7f7f")
        rows.append(
            f"<tr><th scope=row>{html.escape(name)}</th>"
            f'<td style="width:60%"><span role="img" aria-label="{n} spans" '
            f'style="display:inline-block;height:.8rem;width:{width:.1f}%;'
            f'background:{colour}"></span></td><td>{n}</td></tr>'
        )
    listed = sorted(spans, key=lambda a: -float(a.get("score", 0)))[:MAX_ROWS]
    items = []
    for ann in listed:
        cues = ", ".join(str(c) for c in ann.get("cues", []) or [])
        items.append(
            f"<tr><td>{html.escape(str(ann.get('technique', '?')))}</td>"
            f"<td>{float(ann.get('score', 0)):.2f}</td>"
            f"<td>{html.escape(doc.text[ann['start'] : ann['end']])}</td>"
            f"<td>{html.escape(cues)}</td></tr>"
        )
    more = len(spans) - len(listed)
    note = f'<p class="muted">{more} more spans not listed.</p>' if more > 0 else ""
    return (
        "<section><h2>Persuasion techniques</h2>"
        f'<p class="muted">{len(spans)} spans, {len(counts)} techniques '
        "(SemEval-2020 Task 11 labels; model scores, not verdicts).</p>"
        f'<table aria-label="Technique counts">{"".join(rows)}</table>'
        "<h3>Spans by score</h3><table><tr><th>technique</th><th>score</th><th>words</th>"
        f"<th>cue words</th></tr>{''.join(items)}</table>{note}</section>"
    )
