"""What kind of source a byte stream is, from its first bytes: WARC, gzip, feed, sitemap or page.

Why by content and not by file name: feeds are served as ``/rss``, ``/feed/``, ``index.xml`` or
``.php``; sitemaps as ``.xml.gz`` or ``/sitemap``; WARC files get renamed. The XML root element
(after the BOM, the XML declaration, comments, processing instructions and a doctype) decides.
"""

from __future__ import annotations

import re
import zlib
from enum import Enum

from presslens.ingest.limits import GZIP_MAGIC

SNIFF_BYTES = 4096  # enough for an XML declaration, a comment or two and the root element


class Kind(Enum):
    """Source kinds that ``iter_pages`` expands differently."""

    WARC = "warc"
    GZIP = "gzip"  # compressed, inner kind unknown until inflated
    FEED = "feed"
    SITEMAP = "sitemap"
    PAGE = "page"


# Root elements, by local name (namespace prefixes dropped), and the kind each one means.
ROOT_KINDS = {
    "rss": Kind.FEED,  # RSS 0.9x / 2.0
    "feed": Kind.FEED,  # Atom
    "rdf": Kind.FEED,  # RSS 1.0 (rdf:RDF)
    "urlset": Kind.SITEMAP,  # sitemap of pages
    "sitemapindex": Kind.SITEMAP,  # sitemap of sitemaps
}

_PROLOGUE = re.compile(
    rb"""\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)*""",
    re.DOTALL | re.IGNORECASE,
)
_ROOT = re.compile(rb"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")
_BOMS = (b"\xef\xbb\xbf",)


def sniff(head: bytes) -> Kind:
    """The kind of a source whose first bytes are ``head`` (≥ SNIFF_BYTES when available)."""
    if head.startswith(GZIP_MAGIC):
        return Kind.GZIP
    if head.startswith(b"WARC/"):
        return Kind.WARC
    return xml_root_kind(head) or Kind.PAGE


def xml_root_kind(head: bytes) -> Kind | None:
    """FEED or SITEMAP when the XML root element says so, else None (an ordinary page)."""
    text = head[:SNIFF_BYTES]
    for bom in _BOMS:
        if text.startswith(bom):
            text = text[len(bom) :]
    if text.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: rare for feeds; decode the head
        text = text.decode("utf-16", errors="ignore").encode("utf-8")
    text = text[_PROLOGUE.match(text).end() :]  # type: ignore[union-attr]
    match = _ROOT.match(text)
    if match is None:
        return None
    return ROOT_KINDS.get(match.group(2).decode("ascii").lower())


def peek_gzip(data: bytes, size: int = SNIFF_BYTES) -> bytes:
    """The first ``size`` inflated bytes of gzip ``data`` (empty when it is not inflatable)."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[: 64 * 1024], size)
    except zlib.error:
        return b""
