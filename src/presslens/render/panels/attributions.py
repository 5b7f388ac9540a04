"""Report panel: who is reported as saying what, with which verb, and how firmly.

Why: the cue and the hedging carry the outlet's distance ("claimed", "reportedly"), and a
vague source ("officials", "published statistics") is itself a finding. Rows follow the
article; the source shows the entity's canonical name when it resolves to an entity cluster.
"""

from __future__ import annotations

import html
from typing import Any

from presslens.document import Document

LAYER = "attributions"
ORDER = 50

# Longest content excerpt per row (characters).
CONTENT_CHARS = 180

STYLE = """<style>
.at .vague{background:#fff1d6;padding:0 .25rem;border-radius:2px}
.at .hedged{background:#ece4f6;padding:0 .25rem;border-radius:2px}
</style>"""


def canonical_names(doc: Document) -> dict[str, str]:
    """Entity cluster id → canonical name (from the entities layer, when present)."""
    names: dict[str, str] = {}
    for ent in doc.layers.get("entities") or []:
        if ent.get("cluster") and ent.get("canonical"):
            names.setdefault(ent["cluster"], ent["canonical"])
    return names


def _content(doc: Document, ann: dict[str, Any]) -> str:
    text = " ".join(doc.span_text(ann).split())
    if len(text) > CONTENT_CHARS:
        text = text[:CONTENT_CHARS].rsplit(" ", 1)[0] + " …"
    return html.escape(text)


def panel(doc: Document) -> str:
    attributions = doc.layers.get(LAYER, [])
    if not attributions:
        return ""
    names = canonical_names(doc)
    rows = []
    for ann in attributions:
        source = ann.get("source") or {}
        who = html.escape(source.get("text") or "—")
        cluster = source.get("cluster")
        if cluster and names.get(cluster) and names[cluster] != source.get("text"):
            who += f' <span class="muted">→ {html.escape(names[cluster])}</span>'
        if ann.get("vague_source"):
            who = f'<span class="vague">{who}</span>'
        hedges = ann.get("hedges") or []
        hedged = (
            f'<span class="hedged">{html.escape(", ".join(hedges))}</span>'
            if ann.get("hedged")
            else ""
        )
        rows.append(
            "<tr>"
            f"<td>{who}</td>"
            f"<td>{html.escape(ann.get('cue') or '')}</td>"
            f"<td>{html.escape(ann.get('kind') or '')}</td>"
            f"<td>{hedged}</td>"
            f"<td>{'yes' if ann.get('vague_source') else ''}</td>"
            f"<td>{_content(doc, ann)}</td>"
            "</tr>"
        )
    vague = sum(1 for a in attributions if a.get("vague_source"))
    summary = (
        f'<p class="muted">{len(attributions)} attributions; {vague} to a source that '
        "names nobody.</p>"
    )
    return (
        '<section class="panel at"><h2>Attributions</h2>'
        + STYLE
        + summary
        + "<table><tr><th>source</th><th>cue</th><th>kind</th><th>hedged</th><th>vague</th>"
        "<th>content</th></tr>" + "".join(rows) + "</table></section>"
    )
