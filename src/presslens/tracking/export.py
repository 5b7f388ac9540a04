"""Claim clusters out of the store: ClaimReview-shaped JSON, or a CSV of appearances.

ClaimReview (schema.org) is what fact-checkers publish and what search engines and the
Google Fact Check tools read; giving them a pre-filled ``ClaimReview`` per cluster — the claim,
every appearance, the first appearance — leaves only the verdict to write. So
``reviewRating``, ``author``, ``url`` and ``datePublished`` (of the review) are left empty: they
are the fact-checker's. ``appearance`` and ``firstAppearance`` sit in ``itemReviewed`` (a
``Claim``), where schema.org defines them. Wire copies are listed with ``isBasedOn`` pointing
at their source, so a reader can tell independent repeats from reprints.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from presslens.errors import InputError
from presslens.tracking.clusters import cluster_detail, list_clusters

FORMATS = ("claimreview", "csv")
CSV_COLUMNS = (
    "cluster_id",
    "canonical_text",
    "status",
    "document_id",
    "annotation_id",
    "outlet",
    "published",
    "uri",
    "title",
    "text",
    "similarity",
    "presentation",
    "credited_to",
    "reprint_of",
)
PAGE = 500  # clusters read per query while exporting


def _iso(value: Any) -> str | None:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _creative_work(app: dict[str, Any], uri_of: dict[str, str]) -> dict[str, Any]:
    work: dict[str, Any] = {
        "@type": "CreativeWork",
        "url": app["uri"],
        "headline": app["title"],
        "datePublished": _iso(app["published"]),
        "publisher": {"@type": "Organization", "name": app["outlet"]} if app["outlet"] else None,
        "text": app["text"],
    }
    if app["credited_to"]:
        work["author"] = [
            {"@type": "Thing", "name": n.strip()} for n in app["credited_to"].split(";")
        ]
    if app["reprint_of"]:
        work["isBasedOn"] = uri_of.get(app["reprint_of"], app["reprint_of"])
    return {k: v for k, v in work.items() if v is not None}


def claimreview(detail: dict[str, Any]) -> dict[str, Any]:
    """One cluster (from :func:`cluster_detail`) as a ClaimReview object."""
    uri_of = {a["document_id"]: a["uri"] for a in detail["appearances"]}
    appearances = [_creative_work(a, uri_of) for a in detail["appearances"]]
    first = detail["first_appearance"]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": detail["canonical_text"],
        "itemReviewed": {
            "@type": "Claim",
            "appearance": appearances,
            "firstAppearance": _creative_work(first, uri_of) if first else None,
            "datePublished": _iso(detail["first_published"]),
        },
        "reviewRating": None,
        "author": None,
        "url": None,
        "datePublished": None,
        "presslens": {
            "cluster_id": detail["id"],
            "n_appearances": detail["n_appearances"],
            "n_outlets": detail["n_outlets"],
            "presentation": detail["presentation"],
            "credited": detail["credited"],
        },
    }


def iter_details(store: Any) -> Iterator[dict[str, Any]]:
    """Every cluster's detail, ranked by spread."""
    offset = 0
    while True:
        page = list_clusters(store, limit=PAGE, offset=offset)
        if not page:
            return
        for row in page:
            detail = cluster_detail(store, row["id"])
            if detail is not None:
                yield detail
        offset += PAGE


def export_claims(store: Any, fmt: str, path: str | Path) -> int:
    """Write every cluster as ClaimReview JSON (a list) or a CSV of appearances (merged and
    suggested, one row each); returns the number of clusters written. Atomic: a ``.part``
    file is renamed into place."""
    if fmt not in FORMATS:
        raise InputError(f"unknown claims export format (use {', '.join(FORMATS)})", source=fmt)
    out = Path(path)
    tmp = out.with_name(out.name + ".part")
    n = 0
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            if fmt == "claimreview":
                items = []
                for detail in iter_details(store):
                    items.append(claimreview(detail))
                json.dump(items, fh, ensure_ascii=False, indent=1)
                fh.write("\n")
                n = len(items)
            else:
                writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, extrasaction="ignore")
                writer.writeheader()
                for detail in iter_details(store):
                    n += 1
                    for app in detail["appearances"] + detail["suggested"]:
                        row = {
                            **app,
                            "cluster_id": detail["id"],
                            "canonical_text": detail["canonical_text"],
                            "published": _iso(app["published"]),
                        }
                        writer.writerow(row)
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"cannot write export ({exc.strerror})", source=str(out)) from None
    return n
