"""Report panel: who and what the article names, one row per alias cluster.

Why grouped by cluster: a fact-checker's first questions are "who is quoted, and how often,
under which names" — "Brig. Gen. Tomas Varga", "Martyr Varga" and "Hajj Tomas" are one person
whose naming itself is information (honorifics signal the outlet's stance). Each row shows the
canonical name, the label, how often the referent is mentioned, and every distinct form used,
with its count. All text is escaped: names come from the page and may carry markup.
"""

from __future__ import annotations

import html
from collections import Counter
from typing import Any

from presslens.document import Document
from presslens.vocab.entities import ENTITY_LABELS

LAYER = "entities"
ORDER = 20

# Label order in the table: people first (who speaks and acts), then organisations, places …
LABEL_ORDER = ENTITY_LABELS


def clusters(doc: Document) -> list[dict[str, Any]]:
    """One summary per cluster: canonical, label, mention count, forms, first offset."""
    by_id: dict[str, dict[str, Any]] = {}
    for ann in doc.layers.get(LAYER, []):
        entry = by_id.setdefault(
            ann["cluster"],
            {
                "cluster": ann["cluster"],
                "canonical": ann.get("canonical") or doc.span_text(ann),
                "label": ann["label"],
                "forms": Counter(),
                "first": ann["start"],
            },
        )
        entry["forms"][doc.span_text(ann)] += 1
        entry["first"] = min(entry["first"], ann["start"])
    rank = {label: i for i, label in enumerate(LABEL_ORDER)}
    return sorted(
        by_id.values(),
        key=lambda c: (rank.get(c["label"], len(rank)), -sum(c["forms"].values()), c["first"]),
    )


def panel(doc: Document) -> str:
    rows = []
    for c in clusters(doc):
        forms = ", ".join(
            f'{html.escape(form)} <span class="muted">×{n}</span>' if n > 1 else html.escape(form)
            for form, n in c["forms"].most_common()
        )
        rows.append(
            "<tr>"
            f"<td>{html.escape(c['canonical'])}</td>"
            f"<td>{html.escape(c['label'])}</td>"
            f'<td style="text-align:right">{sum(c["forms"].values())}</td>'
            f"<td>{forms}</td>"
            "</tr>"
        )
    if not rows:
        return ""
    return (
        '<section class="panel" id="panel-entities"><h2>Entities by cluster</h2>'
        '<p class="muted">Mentions of one referent (aliases, honorific forms, acronyms, '
        "back-references such as “the commander”) are grouped; the canonical name is the "
        "fullest proper name without honorifics.</p>"
        "<table><thead><tr><th>canonical</th><th>label</th><th>mentions</th>"
        "<th>forms used</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table></section>"
    )
