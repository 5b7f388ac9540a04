"""The Spark job: pages → analysis in each executor's Python workers → the export tables.

The job writes exactly the tables ``presslens export --format parquet`` writes (documents/,
annotations/, errors/, Hive-partitioned ``outlet=…/month=…``), from rows made by the same
functions, so ``presslens import`` loads either into a store and DuckDB, pandas or Spark read
either the same way. The analysis result is persisted once and read three times (documents,
annotations, errors), so no page is analysed twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from presslens.settings import DEFAULT_SETTINGS, Settings
from presslens.spark.pages import PAGE_SCHEMA_DDL, file_uri, is_parquet_input, mtime_iso, page_row
from presslens.spark.worker import RESULT_COLUMNS, RESULT_SCHEMA_DDL, analyse_rows, settings_to_json

DOCUMENT_COLUMNS = (
    "id", "uri", "published", "published_at", "language", "title", "text", "word_count",
    "duplicate_of", "contract", "outlet", "month",
)  # fmt: skip
ANNOTATION_COLUMNS = (
    "document", "id", "layer", "start", "end", "label", "score", "attributes", "outlet", "month",
)  # fmt: skip
ERROR_COLUMNS = ("uri", "code", "message")
PARTITION_COLUMNS = ("outlet", "month")


@dataclass(frozen=True)
class SparkRun:
    """What a run wrote: document, annotation and error row counts."""

    documents: int
    annotations: int
    errors: int


def pages_dataframe(
    spark: Any, inputs: Sequence[str], settings: Settings = DEFAULT_SETTINGS
) -> Any:
    """One DataFrame of page rows (PAGE_SCHEMA_DDL) from file and Parquet inputs."""
    frames = []
    files = [p for p in inputs if not is_parquet_input(p)]
    tables = [p for p in inputs if is_parquet_input(p)]
    if files:
        raw = (
            spark.read.format("binaryFile")
            .option("recursiveFileLookup", "true")
            .option("ignoreCorruptFiles", "false")
            .load(list(files))
            .select("path", "modificationTime", "content")
        )
        settings_json = settings_to_json(settings)
        frames.append(raw.mapInPandas(_expand_files(settings_json), schema=PAGE_SCHEMA_DDL))
    for table in tables:
        frames.append(_pages_from_table(spark.read.parquet(table)))
    if not frames:
        raise ValueError("no inputs")
    pages = frames[0]
    for frame in frames[1:]:
        pages = pages.unionByName(frame)
    return pages


def _expand_files(settings_json: str) -> Any:
    def expand(batches: Any) -> Any:
        import pandas as pd

        from presslens.spark.pages import pages_of_file
        from presslens.spark.worker import settings_from_json

        settings = settings_from_json(settings_json)
        for batch in batches:
            rows = []
            for path, mtime, content in zip(
                batch["path"], batch["modificationTime"], batch["content"], strict=True
            ):
                uri = file_uri(str(path))
                for item in pages_of_file(uri, bytes(content), mtime_iso(mtime), settings):
                    rows.append(page_row(item))
            yield pd.DataFrame(rows, columns=[c.split(" ")[0] for c in PAGE_SCHEMA_DDL.split(", ")])

    return expand


def _pages_from_table(frame: Any) -> Any:
    """A crawl's pages table (uri, bytes|data, optional outlet/content_type/headers) as pages."""
    from pyspark.sql import functions as F

    cols = set(frame.columns)
    data = F.col("bytes") if "bytes" in cols else F.col("data")
    content_type = F.col("content_type") if "content_type" in cols else F.lit(None)
    if "content_type" not in cols and "headers" in cols:
        content_type = F.col("headers").getItem("Content-Type")
    return frame.select(
        F.col("uri").cast("string").alias("uri"),
        data.cast("binary").alias("data"),
        content_type.cast("string").alias("content_type"),
        F.lit(None).cast("string").alias("http_charset"),
        (F.col("fetched_at") if "fetched_at" in cols else F.lit(None))
        .cast("string")
        .alias("fetched_at"),
        (F.col("outlet") if "outlet" in cols else F.lit(None)).cast("string").alias("outlet"),
        F.lit(None).cast("string").alias("error_code"),
        F.lit(None).cast("string").alias("error_message"),
    )


def analyse_pages(
    pages: Any,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    layers: Sequence[str] | None = None,
    outlet: str | None = None,
    outlets_file: str | None = None,
    partitions: int | None = None,
) -> Any:
    """The result DataFrame (RESULT_SCHEMA_DDL: document, annotation and error rows) of pages.

    This is the entry for people who build their own jobs: give it any DataFrame with the
    page columns (``uri``, ``data`` at least) and write the three tables with
    :func:`write_tables`.
    """
    if partitions:
        pages = pages.repartition(partitions)
    settings_json = settings_to_json(settings)
    layer_key = tuple(layers) if layers is not None else None
    outlets = _load_outlets(outlets_file)

    def analyse(batches: Any) -> Any:
        import pandas as pd

        outlet_of = _outlet_resolver(outlet, outlets)
        for batch in batches:
            for column in ("content_type", "http_charset", "fetched_at", "outlet", "error_code",
                           "error_message"):  # fmt: skip
                if column not in batch:
                    batch[column] = None
            rows = batch.astype(object).where(batch.notna(), None).to_dict("records")
            out = list(analyse_rows(rows, settings_json, layer_key, outlet_of))
            frame = pd.DataFrame(out, columns=list(RESULT_COLUMNS))
            yield _arrow_ready(frame)

    return pages.mapInPandas(analyse, schema=RESULT_SCHEMA_DDL)


def _arrow_ready(frame: Any) -> Any:
    """Columns as Spark's Arrow conversion wants them: pandas turns an all-None column into
    float NaN and ints with gaps into floats, which then fail to convert to string/int."""
    import pandas as pd

    for column in frame.columns:
        if column == "published_at":
            frame[column] = pd.to_datetime(frame[column], utc=True)
        elif column != "score":
            frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def _load_outlets(path: str | None) -> list[Any]:
    if not path:
        return []
    from presslens.store.outlets import load_outlets_file

    return load_outlets_file(path)


def _outlet_resolver(explicit: str | None, outlets: list[Any]) -> Any:
    """Name each document's outlet exactly as the store would on ingest."""
    from presslens.store.outlets import resolve_outlet
    from presslens.store.store import page_url

    def outlet_of(doc: Any, page_outlet: str | None) -> str | None:
        found = resolve_outlet(
            explicit or page_outlet, page_url(doc), doc.metadata.publisher, outlets
        )
        return found.name if found else None

    return outlet_of


def write_tables(results: Any, output: str, mode: str = "overwrite") -> SparkRun:
    """Write documents/, annotations/ and errors/ under ``output`` from a result DataFrame."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    results = results.persist(StorageLevel.DISK_ONLY)
    try:
        docs = (
            results.where(F.col("kind") == "document")
            .select(*DOCUMENT_COLUMNS)
            .dropDuplicates(["id"])  # the same bytes twice in the input are one document
        )
        anns = (
            results.where(F.col("kind") == "annotation")
            .select(*ANNOTATION_COLUMNS)
            .dropDuplicates(["document", "layer", "id"])
        )
        errs = results.where(F.col("kind") == "error").select(*ERROR_COLUMNS)
        base = output.rstrip("/")
        docs.write.mode(mode).partitionBy(*PARTITION_COLUMNS).parquet(f"{base}/documents")
        anns.write.mode(mode).partitionBy(*PARTITION_COLUMNS).parquet(f"{base}/annotations")
        errs.coalesce(1).write.mode(mode).parquet(f"{base}/errors")
        return SparkRun(documents=docs.count(), annotations=anns.count(), errors=errs.count())
    finally:
        results.unpersist()


def run(
    spark: Any,
    inputs: Sequence[str],
    output: str,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    layers: Sequence[str] | None = None,
    outlet: str | None = None,
    outlets_file: str | None = None,
    partitions: int | None = None,
) -> SparkRun:
    """Analyse ``inputs`` with ``spark`` and write the export tables under ``output``."""
    pages = pages_dataframe(spark, inputs, settings)
    partitions = partitions or max(2, 2 * spark.sparkContext.defaultParallelism)
    results = analyse_pages(
        pages,
        settings=settings,
        layers=layers,
        outlet=outlet,
        outlets_file=outlets_file,
        partitions=partitions,
    )
    return write_tables(results, output)
