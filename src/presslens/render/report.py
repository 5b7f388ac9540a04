"""The HTML report: one self-contained file, readable without JavaScript.

Why this shape: analysts open reports offline, archive them and mail them around, so the file
carries its own CSS, no external assets, and no script at all. Layers toggle with checkboxes
(CSS ``:checked``), details show on hover and on keyboard focus (``tabindex`` + ``:focus``), and
every byte of page text is escaped — a hostile page cannot inject markup into the report.

Highlighting: all spans of all shown layers are cut into non-overlapping segments; each segment
carries a class per covering layer, so overlapping layers (an entity inside a technique span)
stay visible at once. Per-layer panels (entity clusters, timeline, quantity table, technique
chart …) come from modules in ``render/panels/``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from presslens.document import Document
from presslens.render.panels import panels_for
from presslens.vocab.techniques import BY_FREQUENCY

# Highlight style per layer: distinct channels (background, underline, border) so overlaps show.
LAYER_STYLE: dict[str, tuple[str, str]] = {
    "entities": ("#1f77b4", "background: rgba(31,119,180,.16);"),
    "timexes": ("#2ca02c", "border-bottom: 2px solid #2ca02c;"),
    "quantities": ("#d62728", "box-shadow: inset 0 -3px 0 rgba(214,39,40,.55);"),
    "attributions": ("#9467bd", "background: rgba(148,103,189,.10);"),
    "claims": ("#8c564b", "text-decoration: underline dotted #8c564b;"),
    "techniques": ("#ff7f0e", "background: rgba(255,127,14,.22);"),
    "contradictions": ("#e377c2", "outline: 1px dashed #e377c2;"),
}
DEFAULT_STYLE = ("#7f7f7f", "text-decoration: underline dashed #7f7f7f;")
# Annotations highlighted in the text, per layer (others stay in the JSON and the panels):
# only the claims a desk would check first are underlined, not every scored sentence.
HIGHLIGHT_IF: dict[str, Any] = {"claims": lambda ann: ann.get("label") == "check_worthy"}
STRUCTURAL = {"paragraphs", "sentences"}

CSS = """
body{font:16px/1.55 Georgia,serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem;line-height:1.25} h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;font:13px/1.4 system-ui,sans-serif} td,th{border:1px solid #ddd;padding:.2rem .45rem;vertical-align:top;text-align:left}
.meta th{background:#f6f6f6;white-space:nowrap} .ev{color:#777;font-size:12px}
.controls{font:14px system-ui,sans-serif;position:sticky;top:0;background:#fff;padding:.4rem 0;border-bottom:1px solid #eee;z-index:2}
.controls label{margin-right:1rem;white-space:nowrap} .sw{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;vertical-align:middle;margin-right:.25rem}
.article p{margin:.7rem 0} .article h3{font-size:1.1rem;margin:1.2rem 0 .4rem}
.a{position:relative;border-radius:2px} .a:focus{outline:2px solid #333}
.a[data-tip]:hover::after,.a[data-tip]:focus::after{content:attr(data-tip);position:absolute;left:0;top:1.6em;z-index:5;
 background:#222;color:#fff;font:12px/1.35 system-ui,sans-serif;padding:.35rem .5rem;border-radius:4px;white-space:pre;min-width:12rem;max-width:36rem;overflow:hidden}
.muted{color:#777} .legend{columns:2;font:13px system-ui,sans-serif;list-style:none;padding:0}
"""


def _layer_style(layer: str) -> tuple[str, str]:
    return LAYER_STYLE.get(layer, DEFAULT_STYLE)


def describe(layer: str, ann: dict[str, Any]) -> str:
    """One tooltip line for an annotation: its fields other than the offsets."""
    parts = []
    for key, value in ann.items():
        if key in ("id", "start", "end") or value in (None, [], {}, ""):
            continue
        if isinstance(value, dict):
            value = value.get("text", value)
        if isinstance(value, float):
            value = f"{value:.2f}"
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        parts.append(f"{key}={value}")
    return f"{layer}: " + "; ".join(parts)


def _highlight_layers(doc: Document) -> list[str]:
    return [
        name
        for name, anns in doc.layers.items()
        if name not in STRUCTURAL and anns and isinstance(anns[0], dict) and "start" in anns[0]
    ]


def _segments(doc: Document, start: int, end: int, layers: list[str]) -> str:
    """HTML for text[start:end] with every covering annotation turned into classes + a tip."""
    spans: list[tuple[int, int, str, dict[str, Any]]] = []
    for layer in layers:
        keep = HIGHLIGHT_IF.get(layer, lambda ann: True)
        for ann in doc.layers[layer]:
            if not keep(ann):
                continue
            s, e = ann.get("start"), ann.get("end")
            if isinstance(s, int) and isinstance(e, int) and s < end and e > start and s < e:
                spans.append((max(s, start), min(e, end), layer, ann))
    cuts = sorted({start, end, *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = html.escape(doc.text[a:b])
        covering = [(layer, ann) for s, e, layer, ann in spans if s <= a and e >= b]
        if not covering:
            out.append(piece)
            continue
        classes = " ".join(sorted({f"L-{layer}" for layer, _ in covering}))
        extra = " ".join(
            sorted(
                {
                    f"T-{_css_ident(ann['technique'])}"
                    for layer, ann in covering
                    if layer == "techniques" and "technique" in ann
                }
            )
        )
        tip = "\n".join(describe(layer, ann) for layer, ann in covering)
        out.append(
            f'<span class="a {classes} {extra}" tabindex="0" data-tip="{html.escape(tip)}">'
            f"{piece}</span>"
        )
    return "".join(out)


def _css_ident(name: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in name)


def _metadata_table(doc: Document) -> str:
    md = doc.metadata
    ev = md.evidence
    rows: list[tuple[str, Any]] = [
        ("title", md.title),
        ("published", md.published),
        ("modified", md.modified),
        ("authors", ", ".join(md.authors)),
        ("publisher", md.publisher),
        ("section", md.section),
        ("article_id", md.article_id),
        ("language", md.language),
        ("url", md.url),
    ]
    if md.dateline:
        d = md.dateline
        rows.append(("dateline", " · ".join(x for x in (d.place, d.date, d.agency) if x)))
    rows.append(("source", doc.source.uri))
    if doc.source.encoding:
        why = f" ({doc.source.encoding_evidence})" if doc.source.encoding_evidence else ""
        rows.append(("encoding", f"{doc.source.encoding}{why}"))
    body = []
    for key, value in rows:
        if not value:
            continue
        evidence = ev.get(key)
        evidence_html = f' <span class="ev">from {html.escape(evidence)}</span>' if evidence else ""
        body.append(
            f"<tr><th>{html.escape(key)}</th><td>{html.escape(str(value))}{evidence_html}</td></tr>"
        )
    if md.subheadings:
        items = "".join(f"<li>{html.escape(s)}</li>" for s in md.subheadings)
        body.append(f"<tr><th>subheadings</th><td><ul>{items}</ul></td></tr>")
    if md.captions:
        items = "".join(f"<li>{html.escape(s)}</li>" for s in md.captions)
        body.append(f"<tr><th>captions</th><td><ul>{items}</ul></td></tr>")
    return '<table class="meta">' + "".join(body) + "</table>"


def _controls(doc: Document, layers: list[str]) -> tuple[str, str]:
    """Checkbox toggles and their CSS (``:has(:checked)``, so no script is needed)."""
    boxes, css = [], []
    for layer in layers:
        colour, style = _layer_style(layer)
        ident = _css_ident(layer)
        boxes.append(
            f'<input type="checkbox" id="show-{ident}" checked>'
            f'<label for="show-{ident}" title="{html.escape(_made_by(doc, layer))}">'
            f'<span class="sw" style="background:{colour}"></span>'
            f"{html.escape(layer)} ({len(doc.layers[layer])})</label>"
        )
        css.append(f"body:has(#show-{ident}:checked) .article .L-{ident}{{{style}}}")
    if "techniques" in layers:
        for name, colour in technique_colours(doc).items():
            css.append(
                f"body:has(#show-techniques:checked) .article .T-{_css_ident(name)}"
                f"{{background:{colour}40;box-shadow:inset 0 -2px 0 {colour}}}"
            )
    return "".join(boxes), "\n".join(css)


def _made_by(doc: Document, layer: str) -> str:
    prov = doc.provenance.get(layer, {})
    return f"made by {prov.get('component', 'unknown')} {prov.get('version', '')}".strip()


# One colour per technique (SemEval-2020 Task 11 labels first, in the corpus's frequency order),
# so a technique keeps its colour across reports; unknown labels take the remaining colours.
TECHNIQUE_PALETTE = (
    "#e6194b",
    "#3cb44b",
    "#4363d8",
    "#f58231",
    "#911eb4",
    "#46a0a0",
    "#f032e6",
    "#9a6324",
    "#800000",
    "#808000",
    "#000075",
    "#a9a9a9",
    "#bcbd22",
    "#17becf",
)
TECHNIQUE_ORDER = BY_FREQUENCY


def technique_colours(doc: Document) -> dict[str, str]:
    """Colour for each technique present in the document (stable across documents)."""
    present = {a.get("technique") for a in doc.layers.get("techniques", []) if a.get("technique")}
    extra = sorted(present - set(TECHNIQUE_ORDER))
    order = [t for t in TECHNIQUE_ORDER if t in present] + extra
    palette = {
        t: TECHNIQUE_PALETTE[i % len(TECHNIQUE_PALETTE)]
        for i, t in enumerate(TECHNIQUE_ORDER + tuple(extra))
    }
    return {t: palette[t] for t in order}


def _technique_legend(doc: Document) -> str:
    counts: dict[str, int] = {}
    for ann in doc.layers.get("techniques", []):
        counts[ann.get("technique", "?")] = counts.get(ann.get("technique", "?"), 0) + 1
    items = "".join(
        f'<li><span class="sw" style="background:{colour}"></span>{html.escape(name)} '
        f"({counts.get(name, 0)})</li>"
        for name, colour in technique_colours(doc).items()
    )
    return f'<ul class="legend" aria-label="Techniques">{items}</ul>'


# The report's Content-Security-Policy: nothing may load or run — no script at all (not even
# our own; the report needs none), styles only from the file itself, images only as data: URIs,
# no form submission, no <base> rewriting. A hostile page's text cannot add any of these.
REPORT_CSP = (
    "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "form-action 'none'; base-uri 'none'"
)


@dataclass(frozen=True)
class ReportParts:
    """The pieces of a report, each escaped HTML (or CSS), shared by the file report and the
    web app's document page so both show the same highlights, tables and panels."""

    title: str  # plain text, not escaped
    css: str  # the report's page CSS (the web app has its own)
    toggle_css: str  # the layer-toggle and technique-colour rules (both use them)
    metadata: str
    controls: str
    legend: str
    article: str
    panels: str


def report_parts(doc: Document) -> ReportParts:
    """Render every part of the report for ``doc`` once."""
    layers = _highlight_layers(doc)
    toggles, toggle_css = _controls(doc, layers)
    paragraphs = doc.layers.get("paragraphs") or [{"start": 0, "end": len(doc.text)}]
    body = []
    for para in paragraphs:
        inner = _segments(doc, para["start"], para["end"], layers)
        tag = "h3" if para.get("kind") == "subheading" else "p"
        body.append(f"<{tag}>{inner}</{tag}>")
    return ReportParts(
        title=doc.metadata.title or "Untitled article",
        css=CSS,
        toggle_css=toggle_css,
        metadata=_metadata_table(doc),
        controls=toggles or '<span class="muted">No annotation layers.</span>',
        legend=_technique_legend(doc) if "techniques" in layers else "",
        article="\n".join(body),
        panels="".join(panels_for(doc)),
    )


def render_report(doc: Document) -> str:
    """The whole report as one self-contained HTML string."""
    parts = report_parts(doc)
    title = html.escape(parts.title)
    return f"""<!DOCTYPE html>
<html lang="{html.escape(doc.metadata.language or "en")}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<title>{title} — PressLens report</title>
<style>{parts.css}
{parts.toggle_css}</style></head>
<body>
<header><p class="muted">PressLens report · document {html.escape(doc.id[:12])}</p>
<h1>{title}</h1>{parts.metadata}</header>
<main>
<h2>Article</h2>
<section class="controls" aria-label="Layers">{parts.controls}</section>
{parts.legend}
<div class="article">
{parts.article}
</div>
{parts.panels}
</main></body></html>
"""
