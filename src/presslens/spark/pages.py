"""Inputs of a Spark run as one table of pages, whatever they were on disk.

Two sources: files (folders, globs, single files — HTML, text, ``.gz``, WARC, WARC.gz — read with
Spark's ``binaryFile`` source, so any Hadoop-supported URI works: ``hdfs://``, ``s3a://``,
``gs://``), and a Parquet table of pages someone already cut out of a crawl (columns ``uri`` and
``bytes`` or ``data``; ``outlet``, ``content_type`` and ``headers`` optional).

A file becomes pages on an executor by the same rules as ``presslens ingest``: sniffed, a WARC
expanded into its response records (resynchronising after a broken record), a ``.gz`` inflated
under the same size and ratio guards, named by the same ``file://`` URI and dated by its
modification time — so a page has the same id and the same annotations on both paths.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from presslens.errors import PressLensError
from presslens.ingest.rawpage import RawPage, SourceFailure
from presslens.settings import Settings

# The flat row every later step reads; `error` is set when the file itself could not be read.
PAGE_SCHEMA_DDL = (
    "uri string, data binary, content_type string, http_charset string, "
    "fetched_at string, outlet string, error_code string, error_message string"
)
PARQUET_SUFFIXES = (".parquet",)


def is_parquet_input(path: str) -> bool:
    """True for a ``.parquet`` path or a local folder holding Parquet files (a pages table)."""
    if path.lower().rstrip("/").endswith(PARQUET_SUFFIXES):
        return True
    local = Path(path[len("file:") :] if path.startswith("file:") else path)
    return local.is_dir() and any(local.glob("**/*.parquet"))


def file_uri(spark_path: str) -> str:
    """The URI ``presslens ingest`` gives the same local file (``file:///abs``, not ``file:/abs``)."""
    if spark_path.startswith("file:"):
        return Path(spark_path[len("file:") :]).as_uri()
    return spark_path


def mtime_iso(value: Any) -> str | None:
    """A modification time as ``presslens ingest`` writes ``fetched_at`` (UTC, seconds)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
    else:  # pandas Timestamp
        moment = value.to_pydatetime()
        moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def page_row(item: RawPage | SourceFailure, outlet: str | None = None) -> dict[str, Any]:
    """A RawPage (or a failure to make one) as a row of the pages table."""
    if isinstance(item, SourceFailure):
        return {
            "uri": item.uri,
            "data": None,
            "content_type": None,
            "http_charset": None,
            "fetched_at": None,
            "outlet": outlet,
            "error_code": item.error.code,
            "error_message": str(item.error),
        }
    return {
        "uri": item.uri,
        "data": item.data,
        "content_type": item.content_type,
        "http_charset": item.http_charset,
        "fetched_at": item.fetched_at,
        "outlet": item.outlet or outlet,
        "error_code": None,
        "error_message": None,
    }


def pages_of_file(
    uri: str, data: bytes, fetched_at: str | None, settings: Settings
) -> Iterator[RawPage | SourceFailure]:
    """The pages one file holds: itself (inflated when gzip), or a WARC's response records."""
    from presslens.ingest.sniff import SNIFF_BYTES, Kind, peek_gzip, sniff
    from presslens.ingest.sources import inflate_page
    from presslens.ingest.warc import iter_warc_file

    head = data[:SNIFF_BYTES]
    kind = sniff(head)
    if kind is Kind.WARC or (kind is Kind.GZIP and peek_gzip(head).startswith(b"WARC/")):
        # iter_warc_file resynchronises after a broken record, which needs a seekable file.
        with tempfile.NamedTemporaryFile(suffix=".warc", delete=False) as tmp:
            tmp.write(data)
        try:
            for item in iter_warc_file(Path(tmp.name), settings):
                yield _renamed(item, tmp.name, uri)
        finally:
            os.unlink(tmp.name)
        return
    if len(data) > settings.max_bytes and not uri.endswith(".gz"):
        from presslens.errors import TooLargeError

        yield SourceFailure(
            uri,
            TooLargeError(
                f"file is {len(data):,} bytes, above the limit of {settings.max_bytes:,}",
                source=uri,
            ),
        )
        return
    try:
        yield inflate_page(RawPage(uri=uri, data=data, fetched_at=fetched_at), settings)
    except PressLensError as exc:
        yield SourceFailure(uri, exc)


def _renamed(item: RawPage | SourceFailure, tmp_name: str, uri: str) -> RawPage | SourceFailure:
    """Failures inside a WARC name the WARC file, not the executor's temporary copy."""
    if isinstance(item, SourceFailure):
        message = str(item.error).replace(tmp_name, uri)
        error = PressLensError(message.rsplit(" [", 1)[0])
        error.code = item.error.code
        return SourceFailure(item.uri.replace(tmp_name, uri), error)
    return item
