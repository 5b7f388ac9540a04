"""Report panel: the sentences most worth checking, ranked, with claim type, figures and source.

Why ranked and cut: a fact-checker reads the top of the list first; the full layer is in the
JSON. Rows are the layer's own ``rank`` (the news score); the figures column names the
quantities ids so a reader can find them in the quantities panel. Each row carries an anchor (``claim-<start>``) so the contradictions panel can link to
the same sentence.
"""

from __future__ import annotations

import html
from typing import Any

from presslens.document import Document

LAYER = "claims"
ORDER = 60

# Rows shown: enough for a long article's check-worthy sentences, short enough to read.
MAX_ROWS = 30
# Longest sentence excerpt per row (characters).
SENTENCE_CHARS = 260

STYLE = """<style>
.cl .score{display:inline-block;height:.7rem;background:#8c564b;vertical-align:middle;margin-right:.3rem}
.cl .check_worthy{font-weight:bold}
.cl .type{display:inline-block;background:#f1ebe9;border-radius:2px;padding:0 .25rem;margin:0 .15rem .1rem 0}
</style>"""


def anchor(ann: dict[str, Any]) -> str:
    """The element id of a claim's row (shared with the contradictions panel)."""
    return f"claim-{int(ann['start'])}"


def _sentence(doc: Document, ann: dict[str, Any]) -> str:
    text = " ".join(doc.span_text(ann).split())
    if len(text) > SENTENCE_CHARS:
        text = text[:SENTENCE_CHARS].rsplit(" ", 1)[0] + " …"
    return html.escape(text)


def ranked(doc: Document) -> list[dict[str, Any]]:
    """Claims in the layer's rank order (by check-worthiness when a layer has no ranks)."""
    claims = doc.layers.get(LAYER) or []
    return sorted(
        claims,
        key=lambda c: (c.get("rank", 0), -float(c.get("checkworthiness", 0)), c["start"]),
    )


def panel(doc: Document) -> str:
    claims = ranked(doc)
    if not claims:
        return ""
    rows = []
    for rank, ann in enumerate(claims[:MAX_ROWS], 1):
        score = float(ann.get("checkworthiness", 0))
        label = str(ann.get("label", ""))
        kinds = [ann["claim_type"]] if ann.get("claim_type") else ann.get("types") or []
        types = "".join(f'<span class="type">{html.escape(str(t))}</span>' for t in kinds)
        figures = html.escape(", ".join(str(q) for q in ann.get("quantities") or []))
        sources = html.escape("; ".join(str(s) for s in ann.get("sources") or []))
        rows.append(
            f'<tr id="{anchor(ann)}">'
            f"<td>{rank}</td>"
            f'<td><span class="score" style="width:{score * 4:.2f}rem"></span>{score:.2f}</td>'
            f'<td class="{html.escape(label)}">{html.escape(label.replace("_", " "))}</td>'
            f"<td>{types}</td><td>{figures}</td><td>{sources}</td>"
            f"<td>{_sentence(doc, ann)}</td></tr>"
        )
    worthy = sum(1 for c in claims if c.get("label") == "check_worthy")
    summary = (
        f'<p class="muted">{worthy} of {len(claims)} sentences labelled check-worthy; '
        f"top {min(MAX_ROWS, len(claims))} by score.</p>"
    )
    return (
        '<section class="panel cl"><h2>Claims to check</h2>'
        + STYLE
        + summary
        + "<table><tr><th>#</th><th>score</th><th>label</th><th>type</th><th>figures</th>"
        "<th>source</th>"
        "<th>sentence</th></tr>" + "".join(rows) + "</table></section>"
    )
