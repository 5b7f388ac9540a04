"""What runs inside a Spark Python worker: one Pipeline per process, pages in, table rows out.

Why module state here and nowhere else in PressLens: a Spark Python worker is a long-lived
process that receives many Arrow batches. Building the Pipeline (spaCy, ONNX sessions, static
embeddings) per batch, or pickling it from the driver, would cost seconds and hundreds of MB per
task; so each worker builds one lazily on its first batch, keyed by the run's settings, and keeps
it for the life of the process. Every row is made by the same export row functions as
``presslens export``, so a page gives the same rows on a laptop and on a cluster.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, fields
from typing import Any

from presslens.errors import PressLensError
from presslens.export.parquet import annotation_rows, document_row
from presslens.ingest.rawpage import RawPage
from presslens.settings import Settings

# One flat row type for everything the analysis step emits, told apart by `kind`, so Spark needs
# no nested types (Arrow's nested struct support in pandas UDFs varies between versions).
RESULT_SCHEMA_DDL = (
    "kind string, uri string, id string, outlet string, month string, published string, "
    "published_at timestamp, language string, title string, text string, word_count int, "
    "duplicate_of string, contract string, document string, layer string, start int, "
    "`end` int, label string, score double, attributes string, code string, message string"
)
RESULT_COLUMNS = tuple(
    part.strip().split(" ")[0].strip("`") for part in RESULT_SCHEMA_DDL.split(",")
)

_PIPELINES: dict[str, Any] = {}


def settings_to_json(settings: Settings) -> str:
    """The run's Settings as JSON: shipped to every task instead of a pickle."""
    return json.dumps(asdict(settings), sort_keys=True, default=str)


def settings_from_json(payload: str) -> Settings:
    """The driver's Settings rebuilt on a worker (unknown keys from another version ignored)."""
    raw = json.loads(payload)
    known = {f.name for f in fields(Settings)}
    return Settings(**{k: v for k, v in raw.items() if k in known})


def pipeline_for(settings_json: str, layers: tuple[str, ...] | None) -> Any:
    """This process's Pipeline for these settings and layers, built on first use only."""
    key = f"{settings_json}|{layers}"
    if key not in _PIPELINES:
        from presslens.pipeline import Pipeline

        _PIPELINES[key] = Pipeline(
            settings_from_json(settings_json), list(layers) if layers is not None else None
        )
    return _PIPELINES[key]


def page_from_row(row: dict[str, Any]) -> RawPage:
    """A RawPage from a row of the pages table."""
    return RawPage(
        uri=str(row["uri"]),
        data=bytes(row["data"]),
        content_type=row.get("content_type") or None,
        http_charset=row.get("http_charset") or None,
        fetched_at=row.get("fetched_at") or None,
        outlet=row.get("outlet") or None,
    )


def error_result(uri: str, code: str, message: str) -> dict[str, Any]:
    """An ``errors`` row: the input, the stable code, the one-line message."""
    return {"kind": "error", "uri": uri, "code": code, "message": message}


def document_results(doc: Any, outlet: str | None) -> Iterator[dict[str, Any]]:
    """The ``documents`` row of an analysed document followed by its ``annotations`` rows."""
    yield {"kind": "document", **document_row(doc, outlet)}
    for ann in annotation_rows(doc, outlet):
        yield {"kind": "annotation", **ann}


def analyse_rows(
    rows: Iterable[dict[str, Any]],
    settings_json: str,
    layers: tuple[str, ...] | None,
    outlet_of: Any = None,
) -> Iterator[dict[str, Any]]:
    """Result rows for page rows: a failed page is an error row, never a failed task.

    ``layers=()`` means extraction only. ``outlet_of(doc, page_outlet)`` names a document's
    outlet the way the store would (explicit > outlets file > domain > publisher).
    """
    pipeline = pipeline_for(settings_json, layers)
    pages: list[RawPage] = []
    for row in rows:
        if row.get("error_code"):
            yield error_result(str(row["uri"]), row["error_code"], row["error_message"])
            continue
        pages.append(page_from_row(row))
    results: Iterable[Any] = pipeline.pipe(pages)
    for result in results:
        if result.error is not None:
            yield error_result(result.page.uri, result.error.code, str(result.error))
            continue
        doc = result.document
        outlet = outlet_of(doc, result.page.outlet) if outlet_of else result.page.outlet
        try:
            yield from document_results(doc, outlet)
        except (TypeError, ValueError) as exc:  # a row that cannot be serialised
            err = PressLensError(f"cannot write its rows: {exc}", source=result.page.uri)
            yield error_result(result.page.uri, err.code, str(err))
