"""``presslens export corrections --format labelstudio|brat|doccano|semeval -o PATH`` (also
``presslens export-corrections …``): the correction log replayed into annotation-tool and
training formats.

The corpus ``export`` command belongs to the batch runner; this module registers the
``corrections`` kind with it (``presslens.batch.export_kinds``: the word and the extra formats),
so the command the issue names works without the batch runner importing the web part.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from presslens.render.exports import FORMATS, ExportItem, write_export
from presslens.web.corrections import apply, authors, corrections_for, model_spans


def export_items(store: Any) -> list[ExportItem]:
    """One item per corrected document: model spans, each person's view, everyone's replay."""
    rows = corrections_for(store.engine)
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_doc.setdefault(r["document_id"], []).append(r)
    items = []
    for doc_id, doc_rows in by_doc.items():
        doc = store.get_document(doc_id)
        if doc is None:
            continue
        spans = model_spans(doc)
        items.append(
            ExportItem(
                doc_id=doc.id,
                title=doc.metadata.title,
                text=doc.text,
                model=spans,
                model_version=(doc.provenance.get("techniques") or {}).get("version"),
                by_author={who: apply(spans, doc_rows, who) for who in authors(doc_rows)},
                merged=apply(spans, doc_rows, None),
            )
        )
    return items


def cmd_export_corrections(args: argparse.Namespace) -> int:
    from presslens.store import open_store

    items = export_items(open_store(args.store))
    n = write_export(args.format, items, args.output)
    print(
        f"presslens: wrote {n} span(s) of {len(items)} corrected document(s) to {args.output}",
        file=sys.stderr,
    )
    return 0


def add_export_corrections_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``export-corrections`` and the ``corrections`` kind of the corpus ``export``."""
    from presslens.batch.export_kinds import ExportKind, register_export_kind

    register_export_kind(
        subparsers, ExportKind("corrections", tuple(FORMATS), cmd_export_corrections)
    )
    sp = subparsers.add_parser(
        "export-corrections", help="export corrected technique spans (Label Studio, brat, …)"
    )
    sp.add_argument("--format", required=True, choices=FORMATS)
    sp.add_argument("-o", "--output", required=True, help="file (labelstudio, doccano) or folder")
    sp.add_argument("--store", help="store path or SQLAlchemy URL (default $PRESSLENS_STORE)")
    sp.set_defaults(func=cmd_export_corrections)
