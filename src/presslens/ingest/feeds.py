"""RSS/Atom feeds and XML sitemaps: the page URLs they list, bounded, from untrusted XML.

Why defusedxml first: a feed or sitemap comes from anyone, and XML entity expansion (the
"billion laughs") or an external entity can exhaust memory or read local files. Every document
is parsed by defusedxml, which refuses entity declarations and external references, before
feedparser (which understands the many dialects of RSS and Atom) reads it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from urllib.parse import urljoin

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from presslens.errors import SourceFormatError

ParseError = SafeET.ParseError


@dataclass(frozen=True)
class Listing:
    """URLs found in a feed or sitemap; ``children`` are nested sitemaps (sitemap index)."""

    pages: list[str]
    children: list[str]
    total: int  # entries in the document before the bound was applied


def _safe_root(data: bytes, uri: str, what: str) -> SafeET.Element:
    try:
        return SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise SourceFormatError(
            f"{what} refused: XML entities or external references ({type(exc).__name__})",
            source=uri,
        ) from None
    except ParseError as exc:
        raise SourceFormatError(f"malformed {what} ({exc})", source=uri) from None


def _join(base: str, link: str) -> str:
    """``link`` made absolute against ``base``; a link too broken to join is kept as it is,
    so the fetch reports it as an invalid URL in its own line."""
    try:
        return urljoin(base, link)
    except ValueError:
        return link


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def parse_feed(data: bytes, uri: str, limit: int) -> Listing:
    """The entry links of an RSS or Atom feed (absolute, in feed order, at most ``limit``)."""
    import feedparser

    _safe_root(data, uri, "feed")
    parsed = feedparser.parse(io.BytesIO(data))  # bytes in a stream: never fetched by feedparser
    if parsed.get("bozo") and not parsed.entries:
        reason = str(parsed.get("bozo_exception") or "not a feed").splitlines()[0]
        raise SourceFormatError(f"malformed feed ({reason})", source=uri)
    links: list[str] = []
    for entry in parsed.entries:
        link = entry.get("link") or ""
        if not link and entry.get("guidislink"):
            link = entry.get("id") or ""
        link = _join(uri, link.strip()) if link else ""
        if link.lower().startswith(("http://", "https://")) and link not in links:
            links.append(link)
    return Listing(pages=links[:limit], children=[], total=len(links))


def parse_sitemap(data: bytes, uri: str, limit: int) -> Listing:
    """The ``<loc>`` URLs of a urlset (pages) or a sitemap index (children), at most ``limit``."""
    root = _safe_root(data, uri, "sitemap")
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise SourceFormatError(f"not a sitemap (root element <{kind}>)", source=uri)
    entry_tag = "url" if kind == "urlset" else "sitemap"
    locs: list[str] = []
    total = 0
    for entry in root:
        if _local(entry.tag) != entry_tag:
            continue
        for child in entry:
            if _local(child.tag) == "loc" and child.text and child.text.strip():
                total += 1
                if len(locs) < limit:
                    locs.append(_join(uri, child.text.strip()))
                break
    if kind == "urlset":
        return Listing(pages=locs, children=[], total=total)
    return Listing(pages=[], children=locs, total=total)
