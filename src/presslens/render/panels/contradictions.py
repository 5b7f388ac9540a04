"""Report panel: pairs of statements in the article that cannot both hold.

Why linked: a reader who lands on one half of a pair must reach the other in one click, so
each statement carries an anchor and a link to its partner, plus a link to its row in the
claims panel when that row is shown.
"""

from __future__ import annotations

import html
from typing import Any

from presslens.document import Document
from presslens.render.panels.claims import MAX_ROWS, ranked
from presslens.render.panels.claims import anchor as claim_anchor

LAYER = "contradictions"
ORDER = 65

# Longest statement excerpt (characters).
STATEMENT_CHARS = 240

STYLE = """<style>
.ct td.stmt{width:42%} .ct .kind{font-weight:bold;color:#b0307f}
.ct :target{outline:2px solid #e377c2}
</style>"""


def _excerpt(doc: Document, span: dict[str, Any]) -> str:
    text = " ".join(doc.text[span["start"] : span["end"]].split())
    if len(text) > STATEMENT_CHARS:
        text = text[:STATEMENT_CHARS].rsplit(" ", 1)[0] + " …"
    return html.escape(text)


def _cell(
    doc: Document, i: int, side: str, other: str, span: dict[str, Any], shown: set[int]
) -> str:
    claim = ""
    if span["start"] in shown:
        claim = f' · <a href="#{claim_anchor(span)}">claim</a>'
    return (
        f'<td class="stmt" id="contra-{i}-{side}">{_excerpt(doc, span)}'
        f'<br><a class="muted" href="#contra-{i}-{other}">↔ contradicted by {other.upper()}</a>'
        f"{claim}</td>"
    )


def panel(doc: Document) -> str:
    pairs = doc.layers.get(LAYER) or []
    if not pairs:
        return ""
    shown = {c["start"] for c in ranked(doc)[:MAX_ROWS]} if doc.layers.get("claims") else set()
    rows = []
    for i, pair in enumerate(pairs, 1):
        a, b = doc.annotation(pair.get("a")), doc.annotation(pair.get("b"))  # ids (contract /2)
        if a is None or b is None:
            continue
        why = html.escape(str(pair.get("why", "")))
        rows.append(
            "<tr>"
            f"<td>{i}</td>"
            + _cell(doc, i, "a", "b", a, shown)
            + _cell(doc, i, "b", "a", b, shown)
            + f'<td><span class="kind">{html.escape(str(pair.get("kind", "")))}</span>'
            f' {float(pair.get("score", 0)):.2f}<br><span class="muted">{why}</span></td></tr>'
        )
    return (
        '<section class="panel ct"><h2>Contradictions</h2>'
        + STYLE
        + f'<p class="muted">{len(pairs)} pair(s) of statements that cannot both hold.</p>'
        + "<table><tr><th>#</th><th>statement A</th><th>statement B</th><th>kind</th></tr>"
        + "".join(rows)
        + "</table></section>"
    )
