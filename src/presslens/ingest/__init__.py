"""Ingest: turn a source (path, '-', URL, gzip file) into a RawPage of bounded bytes.

Nothing here parses HTML; it only reads bytes safely and decodes them with recorded evidence.
"""

from presslens.ingest.encoding import DecodedText, decode
from presslens.ingest.rawpage import RawPage
from presslens.ingest.sources import read_source

__all__ = ["DecodedText", "RawPage", "decode", "read_source"]
