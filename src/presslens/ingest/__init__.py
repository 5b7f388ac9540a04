"""Ingest: turn sources (paths, '-', URLs, gzip, folders, WARC, feeds, sitemaps) into RawPages.

Nothing here parses HTML; it only reads bytes safely and decodes them with recorded evidence.
``read_source`` reads one page; ``expand.iter_pages`` streams many; ``fetch.fetch_url`` is the
SSRF-guarded fetch the web app uses for a URL.
"""

from presslens.ingest.encoding import DecodedText, decode
from presslens.ingest.rawpage import RawPage, SourceFailure
from presslens.ingest.sources import read_source

__all__ = ["DecodedText", "RawPage", "SourceFailure", "decode", "read_source"]
